"""The print file: one section per record with its own header, numbering restarting, landscape kept."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from lxml import etree

from dvk_docs.render.engine import BatchImage, CompiledTemplate
from dvk_docs.render.printfile import build_print_file

from .batch_samples import PNG_1PX, build_decision, decision_record, environment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
