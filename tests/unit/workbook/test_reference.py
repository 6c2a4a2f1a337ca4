"""The book explains itself: one schema gives ``dvk init``'s header notes, docs/workbook.md's column
reference and what ``dvk validate`` requires — none of them can drift from the others."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from dvk_docs.rules.validation import validate
from dvk_docs.workbook.create import create_workbook
from dvk_docs.workbook.reference import BEGIN_MARK, END_MARK, HELP, markdown, reference
from dvk_docs.workbook.schema import SETTINGS, SHEETS, sheet_columns
from dvk_docs.workbook.sources import FileSource

DOC = Path(__file__).resolve().parents[3] / "docs" / "workbook.md"


def test_the_column_reference_in_the_docs_is_the_schemas() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN_MARK), text.index(END_MARK) + len(END_MARK)
    assert text[start:end] == markdown(), "run: python scripts/make_workbook_reference.py"


def test_every_column_is_explained_and_nothing_explained_is_gone() -> None:
    for spec in SHEETS:
        assert [r.header for r in reference(spec) if not r.header.startswith("TC")] == [
            c.header for c in spec.columns]
        assert all(r.meaning and r.example for r in reference(spec))
    known = {(spec.key, c.field) for spec in SHEETS for c in spec.columns} | {("scores", "criteria")}
    assert set(HELP) == known


def test_the_docs_list_every_sheet_and_say_init_makes_eleven(tmp_path) -> None:
    create_workbook(tmp_path / "so.xlsx")
    names = openpyxl.load_workbook(tmp_path / "so.xlsx").sheetnames
    text = DOC.read_text(encoding="utf-8")
    assert len(names) == 11 and "gồm 11 sheet: 10 sheet dữ liệu" in text and "8 sheet (" not in text
    assert all(f"### {spec.name}\n" in text for spec in SHEETS)


def test_init_puts_the_reference_on_every_header_and_every_setting(tmp_path) -> None:
    create_workbook(tmp_path / "so.xlsx")
    book = openpyxl.load_workbook(tmp_path / "so.xlsx")
    for spec in SHEETS[1:]:
        sheet = book[spec.name]
        headers = [column.header for column in sheet_columns(spec)]
        assert [sheet.cell(1, i).value for i in range(1, len(headers) + 1)] == headers
        assert all(sheet.cell(1, i).comment is not None for i in range(1, len(headers) + 1)), spec.name
    assert book["Mô hình"]["D1"].comment.text == (
        "Tập thể hay cá nhân thực hiện (quyết định tiêu chí nhóm II.1 hay II.2).\nBắt buộc.\n"
        "Giá trị: Tập thể; Cá nhân.\nVí dụ: Tập thể")
    assert book["Người ký"]["E1"].comment.text == (
        "Tập thể lãnh đạo mà người ký thay mặt.\nKhông bắt buộc.\nVí dụ: BAN THƯỜNG VỤ")
    assert book["Chấm điểm"]["C1"].comment.text.startswith("Điểm của tiêu chí số 1 … 15")
    settings = book["Cấu hình"]
    place = next(row for row in range(2, settings.max_row + 1) if settings.cell(row, 1).value == "Địa danh")
    assert settings.cell(place, 1).comment.text == (
        "Địa danh ở dòng “…, ngày … tháng … năm …”.\nBắt buộc.\nVí dụ: Yên Bái")


def test_the_required_settings_are_what_validate_asks_for_in_a_new_book(tmp_path) -> None:
    create_workbook(tmp_path / "so.xlsx")
    book = FileSource(tmp_path / "so.xlsx").load()
    asked = {f.message.split("“")[1].split("”")[0] for f in validate(book)
             if f.code == "missing-value" and f.sheet == "Cấu hình"}
    assert asked == {r.header for r in reference(SETTINGS) if r.required and not r.default}
    assert asked == {"Cơ quan ban hành", "Viết tắt cơ quan ban hành", "Địa danh", "Năm"}
