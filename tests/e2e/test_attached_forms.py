"""Cấu hình “Kèm biểu mẫu”: a kind left out ends at its signature, in one portrait section.

The template keeps the form in ``{%p if kem_bieu_mau %}``; the section the form started is removed
with it (render/sections.py), so no blank landscape page is left and the text keeps its page layout.
"""

from __future__ import annotations

import json

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dvk_docs.cli import cli
from dvk_docs.render.pdf import find_soffice

from .rules_workbooks import make_book

KEY = "Kèm biểu mẫu"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _document(out, title: str) -> docx.Document:
    (path,) = (out / title).glob("*.docx")
    return docx.Document(str(path))


@pytest.mark.parametrize(("kind", "title", "sections", "mention"), [
    ("huong-dan", "Hướng dẫn", 2, "(theo mẫu kèm theo)"),
    ("ke-hoach", "Kế hoạch", 4, "(Có các biểu mẫu gửi kèm theo)"),
])
def test_a_kind_left_out_has_no_form_and_no_stray_section(tmp_path, kind, title, sections, mention) -> None:
    with_forms = make_book(tmp_path / "co.xlsx")  # the default: Kế hoạch; Hướng dẫn
    without = make_book(tmp_path / "khong.xlsx", settings={KEY: "Giấy chứng nhận"})
    assert run("render", kind, with_forms, "--out", tmp_path / "co").exit_code == 0
    result = run("render", kind, without, "--out", tmp_path / "khong")
    assert result.exit_code == 0, result.output

    full = _document(tmp_path / "co", title)
    assert len(full.sections) == sections and full.sections[-1].page_width > full.sections[-1].page_height
    assert any(mention in p.text for p in full.paragraphs)

    short = _document(tmp_path / "khong", title)
    [section] = short.sections
    assert section.page_width < section.page_height  # portrait, as the text
    assert section.different_first_page_header_footer and section.header.paragraphs[0].text == "2"
    assert not any(mention in p.text for p in short.paragraphs)
    assert not any(t.rows[0].cells[0].text.strip().upper() == "STT" for t in short.tables)
    assert short.paragraphs[-1].text.strip() or short.element.body[-2].tag.endswith("tbl")  # no empty tail


def test_an_unknown_kind_in_the_setting_is_an_error(tmp_path) -> None:
    book = make_book(tmp_path / "so.xlsx", settings={KEY: "Ke hoach; Huong dan nhanh"})
    message = ("Kèm biểu mẫu: không có loại văn bản “Huong dan nhanh”. Có phải “Hướng dẫn” hoặc “Giấy "
               "chứng nhận” không? Sửa ô này.")
    rows = json.loads(run("validate", book, "--json").output)
    assert [(r["code"], r["message"], r["blocks"]) for r in rows if r["severity"] == "error"] == [
        ("invalid-setting", message, ["render", "batch"])]
    refused = run("render", "ke-hoach", book, "--out", tmp_path / "out")
    assert refused.exit_code == 1 and message in refused.output


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_the_plan_without_forms_prints_portrait_pages_only(tmp_path) -> None:
    book = make_book(tmp_path / "so.xlsx", settings={KEY: "Hướng dẫn"})
    assert run("render", "ke-hoach", book, "--out", tmp_path / "out", "--pdf").exit_code == 0
    (pdf,) = (tmp_path / "out" / "Kế hoạch").glob("*.pdf")
    pages = PdfReader(pdf).pages
    assert pages and all(page.mediabox.width < page.mediabox.height for page in pages)
