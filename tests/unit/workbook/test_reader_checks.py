"""What the reader reports besides values: control characters, merged data cells, hidden rows,
missing signature images — from a file and from the workbook open in Excel alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl

from dvk_docs.errors import Finding
from dvk_docs.workbook.file_grid import read_grids
from dvk_docs.workbook.grid import SheetGrid
from dvk_docs.workbook.live_source import LiveSource
from dvk_docs.workbook.parse import parse_book
from dvk_docs.workbook.sources import FileSource
from tests.fake_xlwings import FakeBook

from .books import model_rows, write_book

MODELS = [
    ["MH01", "001", "Tủ sách pháp luật", "Tập thể", "Kinh tế", "Mới"],
    ["MH02", "001", "Bữa cơm có thịt", "Cá nhân", "Kinh tế", "Mới"],
    ["MH03", "001", "Tổ tự quản", "Tập thể", "Kinh tế", "Mới"],
]
SIGNERS = [["Mã", "Họ và tên", "Chức vụ", "Ảnh chữ ký", "Ảnh con dấu"],
           ["BT", "Nguyễn Văn An", "Bí thư", "chu-ky/an.png", "dau.png"]]


def _codes(findings: tuple[Finding, ...]) -> list[tuple[str, str, str | None, str]]:
    return [(f.code, f.severity, f.cell, f.sheet) for f in findings]


def _edited(tmp_path: Path, change) -> Path:
    path = write_book(tmp_path / "so.xlsx", {"Mô hình": model_rows(*MODELS)})
    book = openpyxl.load_workbook(path)
    change(book["Mô hình"])
    book.save(path)
    return path


def test_control_characters_are_removed_and_the_cell_is_named(tmp_path):
    grids = read_grids(write_book(tmp_path / "so.xlsx", {"Mô hình": model_rows(*MODELS)}))
    rows = [(n, tuple(v)) for n, v in grids["Mô hình"].rows]
    rows[1] = (2, ("MH01", "001", "Tủ sách\x01 & “pháp luật”\x0b", "Tập thể", "Kinh tế", "Mới"))
    grids["Mô hình"] = SheetGrid("Mô hình", rows)  # a live Excel cell can hold CHAR(1)
    book = parse_book(grids)
    assert book.models[0].name == "Tủ sách & “pháp luật”"
    [finding] = [f for f in book.problems if f.code == "control-characters"]
    assert (finding.severity, finding.sheet, finding.cell) == ("warning", "Mô hình", "C2")
    assert finding.message.startswith("Ô có ký tự điều khiển (không in được) — đã bỏ khi lập văn bản.")


def test_merged_cells_in_data_rows_are_an_error_at_the_top_left_cell(tmp_path):
    def merge(sheet):
        sheet["B3"] = None
        sheet.merge_cells("B2:B3")

    book = FileSource(_edited(tmp_path, merge)).load()
    [finding] = [f for f in book.problems if f.code == "merged-cells"]
    assert (finding.severity, finding.sheet, finding.cell) == ("error", "Mô hình", "B2")
    assert "B2:B3" in finding.message and "Bỏ gộp ô (Merge & Center)" in finding.message


def test_merged_title_and_merges_outside_the_read_columns_are_not_reported(tmp_path):
    def merge(sheet):
        sheet.insert_rows(1)
        sheet["A1"] = "SỔ THEO DÕI MÔ HÌNH"
        sheet.merge_cells("A1:F1")
        sheet["H3"] = "ghi chú riêng"
        sheet.merge_cells("H3:I4")

    book = FileSource(_edited(tmp_path, merge)).load()
    assert [m.code for m in book.models] == ["MH01", "MH02", "MH03"]
    assert not [f for f in book.problems if f.code == "merged-cells"]


def test_hidden_data_row_is_a_warning_at_column_a(tmp_path):
    def hide(sheet):
        sheet.row_dimensions[3].hidden = True

    book = FileSource(_edited(tmp_path, hide)).load()
    assert [m.code for m in book.models] == ["MH01", "MH02", "MH03"]  # still read
    [finding] = [f for f in book.problems if f.code == "hidden-row"]
    assert (finding.severity, finding.sheet, finding.cell) == ("warning", "Mô hình", "A3")
    assert "dòng 3 đang bị ẩn — vẫn được tính; bỏ ẩn để kiểm tra" in finding.message


def test_live_workbook_reports_the_same_merged_cells_and_hidden_rows(tmp_path):
    def change(sheet):
        sheet.row_dimensions[4].hidden = True
        sheet["C3"] = None
        sheet.merge_cells("C2:D3")

    path = _edited(tmp_path, change)
    from_file = FileSource(path).load()
    live = LiveSource(FakeBook.from_xlsx(path)).load()
    assert _codes(live.problems) == _codes(from_file.problems)
    assert {c for c, *_ in _codes(live.problems)} >= {"merged-cells", "hidden-row"}


def test_missing_signature_image_is_an_error_at_its_cell(tmp_path):
    path = write_book(tmp_path / "so.xlsx", {"Mô hình": model_rows(*MODELS), "Người ký": SIGNERS})
    (tmp_path / "dau.png").write_bytes(b"\x89PNG")
    book = FileSource(path).load()
    [finding] = [f for f in book.problems if f.code == "missing-image"]
    assert (finding.severity, finding.sheet, finding.cell) == ("error", "Người ký", "D2")
    assert finding.message.startswith("Không tìm thấy ảnh “chu-ky/an.png”")
    (tmp_path / "chu-ky").mkdir()
    (tmp_path / "chu-ky" / "an.png").write_bytes(b"\x89PNG")
    assert not [f for f in FileSource(path).load().problems if f.code == "missing-image"]


def test_images_of_a_never_saved_live_workbook_are_not_looked_up(tmp_path):
    path = write_book(tmp_path / "so.xlsx", {"Mô hình": model_rows(*MODELS), "Người ký": SIGNERS})
    saved = LiveSource(FakeBook.from_xlsx(path)).load()
    unsaved_book = FakeBook.from_xlsx(path)
    unsaved_book.fullname = "Book1"
    unsaved = LiveSource(unsaved_book).load()
    assert [f.code for f in saved.problems] == ["missing-image", "missing-image"]
    assert unsaved.problems == () and unsaved.folder == "" and saved.folder == str(tmp_path)
    assert dataclasses.replace(unsaved, problems=saved.problems, folder=saved.folder) == saved



def _two_models_sheets(tmp_path: Path, state: str) -> Path:
    """Mô hình, and before it a copy “Mô-hình” (the same sheet to the reader) in ``state``."""
    path = write_book(tmp_path / "so.xlsx", {"Mô hình": model_rows(*MODELS)})
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["Mô hình"])
    copy.title, copy.sheet_state = "Mô-hình", state
    book.move_sheet(copy, -(len(book.sheetnames) - book.sheetnames.index("Mô hình") - 1))
    book.save(path)
    return path


def test_duplicate_sheet_names_the_hidden_one_from_a_file_and_from_excel(tmp_path):
    said = "Sổ có 2 sheet cùng là sheet “Mô hình”: chương trình đọc sheet “Mô hình”, bỏ qua “Mô-hình”. Xóa hoặc đổi tên sheet thừa."
    expected = {
        "visible": said,
        "hidden": said + " Sheet “Mô-hình” đang bị ẩn: chuột phải vào tên một sheet > Bỏ ẩn/Unhide để hiện lại.",
        "veryHidden": said + " Sheet “Mô-hình” bị ẩn hẳn (very hidden), không có trong Bỏ ẩn/Unhide: bấm Alt+F11 mở "
        "trình soạn VBA, chọn “Mô-hình” trong khung Project, bấm F4 rồi đặt Visible là “-1 - xlSheetVisible”.",
    }
    for state, message in expected.items():
        path = _two_models_sheets(tmp_path, state)
        assert openpyxl.load_workbook(path).sheetnames[2:4] == ["Mô-hình", "Mô hình"]
        for book in (FileSource(path).load(), LiveSource(FakeBook.from_xlsx(path)).load()):
            [finding] = [f for f in book.problems if f.code == "duplicate-sheet"]
            assert (finding.severity, finding.sheet, finding.message) == ("warning", "Mô hình", message)


def test_duplicate_sheet_of_a_provider_that_cannot_tell_visibility_keeps_the_general_hint(tmp_path):
    grids = read_grids(_two_models_sheets(tmp_path, "visible"))
    grids["Mô-hình"] = dataclasses.replace(grids["Mô-hình"], state=None)
    [finding] = [f for f in parse_book(grids).problems if f.code == "duplicate-sheet"]
    assert finding.message.endswith("Xóa hoặc đổi tên sheet thừa (sheet thừa có thể đang bị ẩn: chuột phải vào "
                                    "tên một sheet > Bỏ ẩn/Unhide).")
