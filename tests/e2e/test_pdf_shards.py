"""A batch's PDFs made from merged shards (one print file per core, converted once, cut at each
record's first page) are the PDFs each .docx gives converted alone: same pages, same text, page
numbers from 1 in every record, fonts embedded; and a template that counts the whole file's
pages (NUMPAGES) still gets each record's own count."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest

from dvk_docs.render.batch import render_batch
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.filenames import file_names
from dvk_docs.render.pdf import Shards, convert_batch, convert_many, find_soffice
from tests.unit.render.batch_samples import add_field, build_decision, decision_record, environment

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def embedded_fonts(path: Path) -> set[str]:
    with pdfplumber.open(path) as pdf:
        return {char["fontname"] for page in pdf.pages for char in page.chars}


def with_page_total(template: Path) -> Path:
    """``template`` with “/ NUMPAGES” after the page number in its header."""
    document = docx.Document(str(template))
    add_field(document.sections[0].header.add_paragraph("trên tổng số trang "), "NUMPAGES")
    document.save(str(template))
    return template


@pytest.mark.parametrize("page_total", [False, True], ids=["merged-shards", "numpages-each-file"])
def test_record_pdfs_are_the_pdfs_of_each_file_converted_alone(tmp_path, page_total):
    template = build_decision(tmp_path / "t.docx", annex=True)
    if page_total:
        template = with_page_total(template)
    spec = CompiledTemplate.load(template, environment).spec
    contexts = [decision_record(i, members=3 + 14 * i) for i in range(5 if not page_total else 3)]
    result = render_batch(spec, contexts, tmp_path / "out", names=file_names("{stt}", contexts),
                          print_name="in chung.docx", pdf=True)
    alone = convert_many(result.files, tmp_path / "alone")

    records = [page_texts(path.with_suffix(".pdf")) for path in result.files]
    assert records == [page_texts(path) for path in alone]
    assert len(records[0]) < len(records[-1])  # records of different lengths were cut apart right
    last = len(contexts) - 1
    assert records[-1][1].startswith(f"2\nQĐ số {100 + last}")  # the last record's page 2 is its own “2”
    assert len(page_texts(tmp_path / "out" / "in chung.pdf")) == sum(len(texts) for texts in records)
    for path in result.files:
        fonts = embedded_fonts(path.with_suffix(".pdf"))
        assert fonts and all("+" in font for font in fonts)  # embedded subsets in every record's PDF
    if page_total:
        assert f"trên tổng số trang {len(records[-1])}" in records[-1][1]  # its own pages, not the batch's


def test_a_batch_with_no_file_asks_for_no_pdf(tmp_path):
    engine = CompiledTemplate.load(build_decision(tmp_path / "t.docx"), environment)
    with Shards(engine, 0) as shards:
        assert convert_batch(shards, [], None) == []


def test_records_a_print_file_cannot_hold_get_each_its_own_pdf(tmp_path):
    """A template with a Word comment cannot be merged into shards: each file is converted alone."""
    template = build_decision(tmp_path / "t.docx")
    document = docx.Document(str(template))
    document.add_comment(document.paragraphs[0].runs, text="Kiểm tra lại số", author="Văn thư")
    document.save(str(template))
    spec = CompiledTemplate.load(template, environment).spec
    contexts = [decision_record(i, members=3) for i in range(2)]
    result = render_batch(spec, contexts, tmp_path / "out", names=file_names("{stt}", contexts), pdf=True)
    assert [p.name for p in result.pdfs] == ["1.pdf", "2.pdf"]
    assert ["Số: 100/QĐ" in page_texts(p)[0] for p in result.pdfs] == [True, False]
    assert "Số: 101/QĐ" in page_texts(result.pdfs[1])[0]
