"""Digital signatures on the PDFs dvk renders (PAdES, made and checked with pyHanko).

The flow: :mod:`.keys` opens the signing key (a PKCS#12 file or a PKCS#11 token) → :mod:`.placement`
finds the document's signature block in the PDF's text → :mod:`.appearance` draws what NĐ 30/2020
Phụ lục I shows (the signer's image; the seal over its left third with the issuing body's
information; the information stamp of a separate appendix) → :mod:`.sign` writes the signature as an
incremental update into a copy beside the original → :mod:`.verify` reports on every signature of a
file. Nothing here prints or asks: the command layer (``commands/signing.py``) asks the PIN and shows
the results.
"""
