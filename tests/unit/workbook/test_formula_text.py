"""Clerk text that looks like a formula (= + - @) is written into .xlsx files as text, never run.

Every writer is covered: cell updates (write-back), report sheets, unit registration forms, and
the workbook open in Excel (text sent with Excel's leading apostrophe).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.model import CellUpdate
from dvk_docs.safety import Formula
from dvk_docs.workbook.live_source import LiveSource
from dvk_docs.workbook.sources import FileSource
from dvk_docs.workbook.unit_forms import build_unit_form
from tests.fake_xlwings import FakeBook

from .books import model_rows, write_book

TEXTS = ["=1+1", "@SUM(A1)", "+84 912 345 678", "-Mô hình", "=cmd|' /C calc'!A0"]


def _book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "so.xlsx", {"Mô hình": model_rows(
        ["MH01", "001", "Tủ sách pháp luật", "Tập thể", "Kinh tế", "Mới"])})


def _stored(path: Path, sheet: str, ref: str) -> tuple[object, str, bool]:
    """Value, openpyxl type ("s" text, "f" formula) and Excel's quote prefix (kept as text when edited)."""
    cell = openpyxl.load_workbook(path)[sheet][ref]
    return cell.value, cell.data_type, bool(cell.quotePrefix)


@pytest.mark.parametrize("text", TEXTS)
def test_written_back_text_is_read_back_as_text(tmp_path, text):
    path = _book(tmp_path)
    FileSource(path, keep_backups=0).write([CellUpdate("models", 2, "name", text)])
    assert _stored(path, "Mô hình", "C2") == (text, "s", True)
    assert FileSource(path).load().models[0].name == text


def test_report_sheet_keeps_clerk_text_as_text_and_the_program_link_as_a_formula(tmp_path):
    path = _book(tmp_path)
    link = Formula('=HYPERLINK("#\'Mô hình\'!C2","C2")')
    FileSource(path, keep_backups=0).replace_sheet("Kết quả", [["Nội dung", "Đi tới"], ["=1+1", link]])
    assert _stored(path, "Kết quả", "A2") == ("=1+1", "s", True)
    assert _stored(path, "Kết quả", "B2") == (str(link), "f", False)
    assert _stored(path, "Kết quả", "A1") == ("Nội dung", "s", False)


def test_unit_form_keeps_unit_name_and_code_as_text(tmp_path):
    book = FileSource(_book(tmp_path)).load()
    unit = dataclasses.replace(book.units[0], name="=1+1", code="@SUM(A1)")
    form = tmp_path / "phieu.xlsx"
    build_unit_form(book, unit).save(form)
    sheet = openpyxl.load_workbook(form).worksheets[0]
    cells = [(c.value, c.data_type, c.quotePrefix) for row in sheet.iter_rows() for c in row
             if c.value in ("=1+1", "@SUM(A1)")]
    assert sorted(cells) == [("=1+1", "s", True), ("@SUM(A1)", "s", True)]


def test_excel_gets_formula_like_text_with_the_leading_apostrophe(tmp_path):
    book = FakeBook.from_xlsx(_book(tmp_path))
    source = LiveSource(book)
    source.write([CellUpdate("models", 2, "name", "@SUM(A1)"), CellUpdate("models", 2, "code", "+84")])
    source.replace_sheet("Kết quả", [["Nội dung", "Đi tới"], ["-Mô hình", Formula("=HYPERLINK(\"#A1\")")]])
    models, report = book.sheet("Mô hình"), book.sheet("Kết quả")
    assert (models.cell(2, 3), models.cell(2, 1)) == ("'@SUM(A1)", "'+84")
    assert (report.cell(2, 1), report.cell(2, 2)) == ("'-Mô hình", "=HYPERLINK(\"#A1\")")
