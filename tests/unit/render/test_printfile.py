"""The print file: one section per record with its own header, numbering restarting, landscape kept."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from lxml import etree

from dvk_docs.errors import TemplateError
from dvk_docs.render.engine import BatchImage, CompiledTemplate
from dvk_docs.render.printfile import build_print_file
from tests.word_edited import ENDNOTE_TEXT, FOOTNOTE_TEXT, word_edited

from .batch_samples import PNG_1PX, add_field, build_decision, decision_record, environment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
pytestmark = pytest.mark.usefixtures("body_reading")  #: each record's body read whole and piece by piece


def print_file(tmp_path, count=3, **options):
    images = {"chu_ky": BatchImage(PNG_1PX, width=Mm(30))} if options.get("signature") else {}
    engine = CompiledTemplate.load(build_decision(tmp_path / "t.docx", **options), environment, images)
    return build_print_file(engine, [engine.render(decision_record(i, members=2 + i)) for i in range(count)])


def test_each_record_has_its_own_header_and_restarts_page_numbers(tmp_path):
    document = Document(io.BytesIO(print_file(tmp_path)))
    assert [s.header.paragraphs[1].text for s in document.sections] == ["QĐ số 100", "QĐ số 101", "QĐ số 102"]
    assert [s.footer.paragraphs[0].text for s in document.sections] == [f"Đơn vị: Chi bộ số {k}" for k in (1, 2, 3)]
    for section in document.sections:
        assert section.different_first_page_header_footer  # page 1 of each record unnumbered
        assert section._sectPr.find(W + "pgNumType").get(W + "start") == "1"


def test_landscape_annex_sections_are_kept(tmp_path):
    document = Document(io.BytesIO(print_file(tmp_path, annex=True)))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE] * 3
    starts = [s._sectPr.find(W + "pgNumType") for s in document.sections]
    assert [None if s is None else s.get(W + "start") for s in starts] == ["1", None] * 3


def test_lists_restart_in_every_record(tmp_path):
    package = zipfile.ZipFile(io.BytesIO(print_file(tmp_path)))
    numbering = etree.fromstring(package.read("word/numbering.xml"))
    body = etree.fromstring(package.read("word/document.xml"))
    lists = [p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='ListNumber']") is not None]
    numbers = [None if p.find(f"{W}pPr/{W}numPr") is None else p.find(f"{W}pPr/{W}numPr/{W}numId").get(W + "val")
               for p in lists]
    first, second, third = numbers[0:2], numbers[2:4], numbers[4:6]
    assert first == [None, None] and len(set(second)) == 1 and len(set(third)) == 1 and second != third
    for number in (second[0], third[0]):
        num = numbering.find(f"{W}num[@{W}numId='{number}']")
        assert num.find(f"{W}lvlOverride[@{W}ilvl='0']/{W}startOverride").get(W + "val") == "1"


def test_pictures_are_shared_and_drawing_ids_unique(tmp_path):
    package = zipfile.ZipFile(io.BytesIO(print_file(tmp_path, signature=True)))
    assert [n for n in package.namelist() if n.startswith("word/media/")] == ["word/media/image1.png"]
    body = etree.fromstring(package.read("word/document.xml"))
    ids = [d.get("id") for d in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert ids == ["1", "2", "3"]


def test_one_record_is_the_record_itself(tmp_path):
    document = Document(io.BytesIO(print_file(tmp_path, count=1)))
    assert len(document.sections) == 1
    assert "Trần Thị Hương 2" in [c.text for c in document.tables[1].columns[1].cells]


WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def edited_print_file(tmp_path, count=3, edit=None):
    """A print file of ``count`` records from the decision template as Word saves it (see word_edited)."""
    template = word_edited(build_decision(tmp_path / "t.docx"), tmp_path / "edited.docx",
                           header_tag="Quyết định số {{ so_qd }}", logo=PNG_1PX)
    if edit is not None:
        edit(template)
    engine = CompiledTemplate.load(template, environment)
    return zipfile.ZipFile(io.BytesIO(
        build_print_file(engine, [engine.render(decision_record(i, members=2)) for i in range(count)])))


def stories(package) -> dict[str, etree._Element]:
    return {n: etree.fromstring(package.read(n)) for n in package.namelist()
            if n.startswith("word/") and n.endswith(".xml") and "/_rels/" not in n}


def test_word_edited_template_keeps_drawing_ids_unique_across_headers_and_body(tmp_path):
    package = edited_print_file(tmp_path)
    parts = stories(package)
    drawings = [d.get("id") for root in parts.values() for d in root.iter(WP + "docPr")]
    pictures = [p.get("id") for root in parts.values() for p in root.iter(PIC + "cNvPr")]
    assert len(drawings) == 3  # the logo of each record's first-page header
    assert len(set(drawings)) == len(drawings) and len(set(pictures)) == len(pictures)
    document = Document(io.BytesIO(_docx_bytes(package)))
    assert [s.first_page_header.paragraphs[-1].text for s in document.sections] == [
        f"Quyết định số {100 + i}" for i in range(3)]


def test_bookmarks_and_paragraph_ids_are_unique_in_the_file(tmp_path):
    parts = stories(edited_print_file(tmp_path))
    starts = [b for root in parts.values() for b in root.iter(W + "bookmarkStart")]
    names = [b.get(W + "name") for b in starts]
    assert sorted(names) == ["_GoBack", "_GoBack_1", "_GoBack_2"]
    assert len({b.get(W + "id") for b in starts}) == 3
    body = parts["word/document.xml"]
    ends = {e.get(W + "id") for e in body.iter(W + "bookmarkEnd")}
    assert ends == {b.get(W + "id") for b in starts}
    para_ids = [p.get(W14 + "paraId") for root in parts.values() for p in root.iter() if W14 + "paraId" in p.attrib]
    assert len(para_ids) > 3 * 20 and len(set(para_ids)) == len(para_ids)
    assert all(int(value, 16) < 0x80000000 for value in para_ids)


@pytest.mark.parametrize("note, text", [("footnote", FOOTNOTE_TEXT), ("endnote", ENDNOTE_TEXT)], ids=["footnote", "endnote"])
def test_each_record_gets_its_own_copy_of_a_footnote_and_an_endnote(tmp_path, note, text):
    parts = stories(edited_print_file(tmp_path))
    references = [r.get(W + "id") for r in parts["word/document.xml"].iter(W + f"{note}Reference")]
    assert len(references) == 3 and len(set(references)) == 3
    notes = [n.get(W + "id") for n in parts[f"word/{note}s.xml"].iter(W + note)]
    assert len(notes) == len(set(notes)) == 2 + 3  # the separator, the continuation separator, one per record
    texts = {n.get(W + "id"): "".join(n.itertext()).strip() for n in parts[f"word/{note}s.xml"].iter(W + note)}
    assert [texts[r] for r in references] == [text] * 3


def test_references_to_a_renamed_bookmark_follow_it(tmp_path):
    def add_reference(template):
        document = Document(template)
        paragraph = document.add_paragraph("Xem trang ")
        start = paragraph._p.makeelement(W + "bookmarkStart", {W + "id": "5", W + "name": "dieu_1"})
        paragraph._p.append(start)
        paragraph._p.append(paragraph._p.makeelement(W + "bookmarkEnd", {W + "id": "5"}))
        add_field(paragraph, "PAGEREF dieu_1 \\h")
        document.save(template)

    body = stories(edited_print_file(tmp_path, edit=add_reference))["word/document.xml"]
    names = [b.get(W + "name") for b in body.iter(W + "bookmarkStart") if b.get(W + "name").startswith("dieu")]
    fields = [t.text.split()[1] for t in body.iter(W + "instrText") if "PAGEREF" in t.text]
    assert names == fields == ["dieu_1", "dieu_1_1", "dieu_1_2"]


def test_a_template_with_word_comments_is_refused(tmp_path):
    def add_comment(template):
        document = Document(template)
        document.add_comment(document.paragraphs[0].runs, text="Kiểm tra lại số", author="Văn thư")
        document.save(template)

    with pytest.raises(TemplateError, match="ghi chú \\(comment\\)"):
        edited_print_file(tmp_path, edit=add_comment)


def test_footnote_tags_are_refused(tmp_path):
    def tag_the_footnote(template):
        with zipfile.ZipFile(template) as package:
            members = {n: package.read(n) for n in package.namelist()}
        members["word/footnotes.xml"] = members["word/footnotes.xml"].replace(b"Theo H", b"{{ so_qd }} H")
        with zipfile.ZipFile(template, "w") as package:
            for name, data in members.items():
                package.writestr(name, data)

    with pytest.raises(TemplateError, match="chú thích cuối trang chứa thẻ"):
        edited_print_file(tmp_path, edit=tag_the_footnote)


def test_a_page_number_setting_out_of_place_is_put_in_place(tmp_path):
    def misplace(template):
        document = Document(template)
        section = document.sections[0]._sectPr
        numbers = section.makeelement(W + "pgNumType", {W + "fmt": "decimal"})
        section.append(numbers)  # after w:docGrid, where the schema does not allow it
        document.save(template)

    body = stories(edited_print_file(tmp_path, edit=misplace))["word/document.xml"]
    for section in body.iter(W + "sectPr"):
        order = [etree.QName(c).localname for c in section]
        assert order.count("pgNumType") == 1
        assert order.index("pgNumType") < order.index("docGrid")
        assert section.find(W + "pgNumType").get(W + "start") == "1"


def _docx_bytes(package: zipfile.ZipFile) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as copy:
        for name in package.namelist():
            copy.writestr(name, package.read(name))
    return output.getvalue()
