"""A shipped template as a clerk leaves it after editing and saving it in Word.

Word adds what python-docx never writes: a ``_GoBack`` bookmark where the cursor was, ``w14:paraId``
and ``w14:textId`` on every paragraph, and the clerk adds a logo and a tag to the first-page header,
a numbered list, a footnote and an endnote (without tags) to the body.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
FOOTNOTE_TEXT = "Theo Hướng dẫn số 01-HD/BDVTW về phong trào thi đua “Dân vận khéo”."
ENDNOTE_TEXT = "Tiêu chí chấm điểm theo Kế hoạch số 15-KH/ĐUK của Đảng ủy Khối."
NOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
NOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"
NOTES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{kind}s xmlns:w="{w}" xmlns:w14="{w14}"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14">
<w:{kind} w:type="separator" w:id="-1"><w:p w14:paraId="{ids}0001" w14:textId="{ids}0001"><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:{kind}>
<w:{kind} w:type="continuationSeparator" w:id="0"><w:p w14:paraId="{ids}0002" w14:textId="{ids}0002"><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>
<w:{kind} w:id="1"><w:p w14:paraId="{ids}0003" w14:textId="{ids}0003"><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>
</w:{kind}s>"""
NOTE_TEXTS = {"footnote": (FOOTNOTE_TEXT, "7A00"), "endnote": (ENDNOTE_TEXT, "7B00")}  #: kind -> text, paraId prefix


def word_edited(template: Path, out: Path, *, header_tag: str, logo: bytes) -> Path:
    """Write ``template`` edited as Word saves it to ``out``; ``header_tag`` goes into the first-page
    header beside the ``logo`` (PNG bytes)."""
    document = Document(template)
    header = document.sections[0].first_page_header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(logo), width=Mm(12))
    header.add_paragraph(header_tag)
    for text in ("Lưu hồ sơ thi đua;", "Báo cáo cấp trên."):
        document.add_paragraph(text, style="List Number")
    for kind, text in (("endnote", "Tiêu chí chấm điểm"), ("footnote", "Phong trào “Dân vận khéo”")):
        last = document.add_paragraph(text)._p
        reference = last.add_r()
        reference.append(reference.makeelement(qn(f"w:{kind}Reference"), {qn("w:id"): "1"}))
    last.append(last.makeelement(qn("w:bookmarkStart"), {qn("w:id"): "0", qn("w:name"): "_GoBack"}))
    last.append(last.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): "0"}))
    body = document.element.body
    number = 0x10000
    for story in (body, header._element, document.sections[0].header._element):
        for paragraph in story.iter(qn("w:p")):
            number += 1
            paragraph.set(W14 + "paraId", f"{number:08X}")
            paragraph.set(W14 + "textId", f"{number:08X}")
    saved = io.BytesIO()
    document.save(saved)
    out.write_bytes(_with_notes(saved.getvalue()))
    return out


def _with_notes(package: bytes) -> bytes:
    """Add the footnotes and endnotes parts, their relationships and content types (python-docx
    does not write them)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                types = etree.fromstring(data)
                for kind in NOTE_TEXTS:
                    etree.SubElement(types, f"{{{types.nsmap[None]}}}Override", PartName=f"/word/{kind}s.xml",
                                     ContentType=NOTES_TYPE.format(kind=kind))
                data = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif name == "word/_rels/document.xml.rels":
                rels = etree.fromstring(data)
                for kind in NOTE_TEXTS:
                    etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id=f"rId{kind.title()}s",
                                     Type=NOTES_REL.format(kind=kind), Target=f"{kind}s.xml")
                data = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(name, data)
        for kind, (text, ids) in NOTE_TEXTS.items():
            part = NOTES.format(kind=kind, w=W, w14=W14[1:-1], ids=ids, text=text)
            target.writestr(f"word/{kind}s.xml", part.encode("utf-8"))
    return output.getvalue()
