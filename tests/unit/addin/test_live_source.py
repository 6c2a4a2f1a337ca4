"""The live workbook source (xlwings) gives the same model as the file reader and writes like it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.errors import WorkbookReadError
from dvk_docs.model import CellUpdate
from dvk_docs.workbook.live_source import LiveSource
from dvk_docs.workbook.sources import FileSource
from tests.fake_xlwings import FakeBook


def small_book(tmp_path: Path) -> Path:
    """A minimal workbook: settings, one unit, two models (one with a merged title row above)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Cấu hình"
    ws.append(["Mục", "Giá trị", "Ghi chú"])
    ws.append(["Cơ quan ban hành", "ĐẢNG UỶ KHỐI", None])
    ws.append(["Năm", 2025, None])
    units = book.create_sheet("Đơn vị")
    units.append(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Chỉ tiêu"])
    units.append([1, "Đảng bộ Sở Y tế", "Đảng bộ cơ sở", 2])
    models = book.create_sheet("Mô hình")
    models.append(["DANH SÁCH MÔ HÌNH"])
    models.merge_cells("A1:D1")
    models.append(["Mã mô hình", "Mã đơn vị", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Mới/Duy trì",
                   "Ngày đăng ký"])
    models.append(["MH01", 1, "Dân vận khéo trong khám chữa bệnh", "Tập thể", "Kinh tế", "Mới",
                   dt.datetime(2025, 3, 4)])
    models.append(["MH02", 1, "Tổ tự quản", "Cá nhân", "Kinh tế", "Duy trì", None])
    path = tmp_path / "so.xlsx"
    book.save(path)
    return path


def test_live_and_file_readers_build_the_same_model(tmp_path):
    path = small_book(tmp_path)
    live = LiveSource(FakeBook.from_xlsx(path)).load()
    from_file = FileSource(path).load()
    assert live.source == "excel:so.xlsx"
    assert dataclasses.replace(live, source=from_file.source) == from_file
    assert live.units[0].code == "1"  # Excel's float 1.0 read as the code "1", like openpyxl's 1
    assert live.models[0].registered_on == dt.date(2025, 3, 4)


def test_unsaved_edits_are_what_is_read(tmp_path):
    book = FakeBook.from_xlsx(small_book(tmp_path))
    book.sheet("Mô hình").range((3, 3)).value = "Tên mới chưa lưu"
    assert LiveSource(book).load().models[0].name == "Tên mới chưa lưu"


def test_write_goes_to_excel_cells_and_adds_missing_columns(tmp_path):
    book = FakeBook.from_xlsx(small_book(tmp_path))
    LiveSource(book).write([
        CellUpdate("models", 3, "name", "Đổi tên"),
        CellUpdate("models", 4, "note", "=không phải công thức"),
        CellUpdate("models", None, "code", "MH03"),
        CellUpdate("models", None, "name", "Mô hình thêm"),
        CellUpdate("settings", None, "year", Decimal("2026")),
    ])
    models = book.sheet("Mô hình")
    assert models.cell(3, 3) == "Đổi tên"
    note_column = max(c for (r, c) in models.values if r == 2)
    assert models.cell(2, note_column) == "Ghi chú" and models.bold[(2, note_column)]
    assert models.cell(4, note_column) == "'=không phải công thức"
    assert (models.cell(5, 1), models.cell(5, 3)) == ("MH03", "Mô hình thêm")
    assert book.sheet("Cấu hình").cell(3, 2) == 2026


def test_report_sheet_is_created_then_replaced(tmp_path):
    book = FakeBook.from_xlsx(small_book(tmp_path))
    source = LiveSource(book)
    source.replace_sheet("Kết quả kiểm tra", [["Mức", "Nội dung"], ["Lỗi", "a"], ["Lỗi", "b"]])
    source.replace_sheet("Kết quả kiểm tra", [["Mức", "Nội dung"], ["Cảnh báo", "c"]])
    sheet = book.sheet("Kết quả kiểm tra")
    assert [s.name for s in book.sheets][-1] == "Kết quả kiểm tra"
    assert sheet.values == {(1, 1): "Mức", (1, 2): "Nội dung", (2, 1): "Cảnh báo", (2, 2): "c"}
    assert sheet.bold[(1, 1)] and sheet.bold[(1, 2)]
    with pytest.raises(ValueError):
        source.replace_sheet("Mô hình", [])


def test_folder_of_a_saved_and_of_a_never_saved_workbook(tmp_path):
    assert LiveSource(FakeBook(r"C:\Thi dua\so.xlsx")).folder.name == "Thi dua"
    assert LiveSource(FakeBook(str(tmp_path / "so.xlsx"))).folder == tmp_path
    with pytest.raises(WorkbookReadError, match="chưa được lưu"):
        _ = LiveSource(FakeBook("Book1")).folder


def test_a_missing_sheet_names_the_workbook_as_the_clerk_knows_it():
    from dvk_docs.errors import WorkbookReadError
    from dvk_docs.workbook.parse import parse_book

    with pytest.raises(WorkbookReadError) as caught:
        parse_book({}, "excel:so-theo-doi.xlsx")
    assert str(caught.value).startswith("Sổ “so-theo-doi.xlsx” không có sheet “Cấu hình”")
    assert "nút “Tạo sổ mới”" in str(caught.value)
