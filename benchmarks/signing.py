"""Signing throughput: signatures per second for a ceremony's decisions, PKCS#12 and a SoftHSM2 token.

    python benchmarks/signing.py [--count 200]    # one JSON line per key store

One decision is rendered to PDF (LibreOffice) and copied ``count`` times into a batch output
folder; ``dvk ky`` signs them all in one command (the same ``sign_files`` call), as the signer
(``nguoi-ky``: the signature image, placed from the PDF's text) and then as the issuing body
(``co-quan``: seal and information text). The throwaway PKI of the tests supplies the keys; the
token is SoftHSM2 (Debian ``softhsm2``), skipped with a note when it is not installed. Opening the
key (PIN, font preparation) is timed apart from the signing loop; starting the worker processes of a
PKCS#12 batch (one per core) is inside it. Goal (issue 14): ≥ 20 signatures
per second with PKCS#12 on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_docs.documents import KINDS, RenderOptions  # noqa: E402
from dvk_docs.documents.parts import profile_of  # noqa: E402
from dvk_docs.render.docx import render_docx  # noqa: E402
from dvk_docs.render.environment import make_environment  # noqa: E402
from dvk_docs.render.pdf import convert_to_pdf  # noqa: E402
from dvk_docs.render.templates import shipped_dir  # noqa: E402
from dvk_docs.signing.appearance import font_bytes  # noqa: E402
from dvk_docs.signing.keys import KeyAccess, KeySource, open_key  # noqa: E402
from dvk_docs.signing.sign import SignRequest, sign_files, worker_count  # noqa: E402
from tests.signing_pki import PASSWORD, SIGNER_NAME, make_pki, make_token, softhsm_module  # noqa: E402
from tests.unit.formats.books import small_book  # noqa: E402

GOAL_PER_SECOND = 20  #: signatures per second with PKCS#12 (issue 14)
SIGNATURE, SEAL = ROOT / "samples" / "anh" / "chu-ky.png", ROOT / "samples" / "anh" / "con-dau.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="decisions to sign")
    run(parser.parse_args().count)


def run(count: int) -> None:
    """Emit one JSON line per key store for ``count`` decisions."""
    with tempfile.TemporaryDirectory(prefix="dvk-bench-ky-") as scratch:
        work = Path(scratch)
        pki = make_pki(work / "pki")
        decision = _decision(work)
        stores = {"pkcs12": (KeySource(p12=pki.person.p12), KeySource(p12=pki.body.p12))}
        module = softhsm_module()
        if module is not None:
            make_token(work / "softhsm", module, pki)
            stores["softhsm2"] = (KeySource(pkcs11=module, key_label="nguoi-ky"),
                                  KeySource(pkcs11=module, key_label="co-quan"))
        else:
            _emit({"figure": "signing", "store": "softhsm2", "skipped": "softhsm2 is not installed"})
        for store, (person, body) in stores.items():
            folder = work / store
            folder.mkdir()
            files = [shutil.copy(decision, folder / f"{n:03d} - Quyết định.pdf") for n in range(count)]
            files = [Path(f) for f in files]
            figure = {"figure": "signing", "store": store, "decisions": count, "cores": os.cpu_count(),
                      "workers": worker_count(count, KeyAccess(person, PASSWORD))}
            for role, source in (("nguoi-ky", person), ("co-quan", body)):
                request = SignRequest(role, signature_image=SIGNATURE, seal_image=SEAL)
                started = time.perf_counter()
                with open_key(source, PASSWORD) as signer:
                    if role == "co-quan":
                        font_bytes()
                    opened = time.perf_counter()
                    sign_files(files, request, signer, key=KeyAccess(source, PASSWORD) if source.p12 else None)
                done = time.perf_counter()
                figure[f"{role}_open_key_s"] = round(opened - started, 2)
                figure[f"{role}_per_second"] = round(count / (done - opened), 1)
            figure["goal_per_second"] = GOAL_PER_SECOND if store == "pkcs12" else None
            figure["load_average"] = round(os.getloadavg()[0], 2)
            _emit(figure)


def _decision(work: Path) -> Path:
    """One numbered State decision, signed by the PKI's person, as LibreOffice renders it."""
    book = small_book("Nhà nước")
    book = replace(book, signers=(replace(book.signers[0], name=SIGNER_NAME),))
    options = RenderOptions(profile_of(book), numbers=("05",), issue_date=dt.date(2025, 3, 5))
    context = KINDS["quyet-dinh-cong-nhan"].build(book, options)[0]
    source = work / "quyet-dinh.docx"
    source.write_bytes(render_docx(shipped_dir() / "nha-nuoc" / "quyet-dinh-cong-nhan.docx", context.values(),
                                   make_environment()))
    return convert_to_pdf([source], work)[0]


def _emit(figure: dict) -> None:
    print(json.dumps(figure, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
