"""Reading a workbook file into the data model: headers found by name, values normalised."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import openpyxl
import pytest

from dvk_docs.errors import CellRef, CellValueError, WorkbookReadError
from dvk_docs.workbook.grid import SheetGrid
from dvk_docs.workbook.parse import parse_book
from dvk_docs.workbook.sources import FileSource

from .books import MODEL_HEADER, model_rows, write_book

MODEL = ["MH01", "001", "Tủ sách pháp luật", "Tập thể", "Văn hóa - xã hội", "Mới"]


def test_header_below_a_title_row_with_extra_and_blank_rows(tmp_path):
    rows = [
        ["SỔ THEO DÕI MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024"],
        [],
        ["STT", *MODEL_HEADER, "Cột riêng của văn thư"],
        [1, *MODEL, "ghi chú riêng"],
        [],
        [None, None, None, "   "],
        [2, "MH02", "001", "Bữa cơm có thịt", "Cá nhân", "Kinh tế", "Duy trì"],
    ]
    book = FileSource(write_book(tmp_path / "b.xlsx", {"Mô hình": rows})).load()
    assert [(m.code, m.name, m.subject, m.row) for m in book.models] == [
        ("MH01", "Tủ sách pháp luật", "Tập thể", 4),
        ("MH02", "Bữa cơm có thịt", "Cá nhân", 7),
    ]
    layout = book.layouts["models"]
    assert (layout.header_row, layout.columns["code"], layout.columns["status"]) == (3, "B", "G")
    assert layout.extra_columns == {"STT": "A", "Cột riêng của văn thư": "H"}
    assert book.cell("models", "name", 7) == CellRef("Mô hình", "D7")


def test_headers_match_whatever_case_spacing_nfd_and_tone_placement(tmp_path):
    header = ["mã  MÔ HÌNH", unicodedata.normalize("NFD", "Mã đơn vị"), "Tên mô hình, điển hình",
              "Chủ thể thực hiện", "Lĩnh vực", "Xây dựng mới/duy trì", "Văn hoá ghi chú"]
    sheets = {"Cau hinh": [["MỤC", "Giá trị"], ["Thể thức  văn bản", "Nhà nước"]],
              "ĐƠN VỊ": [["Mã đơn vị", "Tên đơn vị"]], "mô hình": [header, MODEL]}
    book = FileSource(write_book(tmp_path / "b.xlsx", sheets, defaults=False)).load()
    assert book.models[0].name == "Tủ sách pháp luật"
    assert book.models[0].field == "Văn hóa - xã hội"
    assert book.settings.get("profile") == "Nhà nước"


def test_merged_header_cells_spanning_two_rows(tmp_path):
    path = write_book(tmp_path / "b.xlsx", {"Mô hình": [
        ["Mã mô hình", "Mã đơn vị", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Mới/Duy trì", "Điểm"],
        [None, None, None, None, None, None, "Tổ 1"],
        MODEL,
    ]})
    book = openpyxl.load_workbook(path)
    for col in "ABCDEF":
        book["Mô hình"].merge_cells(f"{col}1:{col}2")
    book.save(path)
    loaded = FileSource(path).load()
    assert [(m.code, m.row) for m in loaded.models] == [("MH01", 3)]


def test_values_numbers_as_text_text_dates_and_leading_zero_ids(tmp_path):
    header = [*MODEL_HEADER, "Ngày đăng ký", "Số lượng"]
    rows = [header,
            ["007", 1.0, "  Tủ sách\u00a0", "Tập thể", "Kinh tế", "Mới", "15/4/2024", "2"],
            [8, "002", "Bữa cơm", "Cá nhân", "Kinh tế", "Mới", dt.datetime(2024, 3, 5), 3.0]]
    models = FileSource(write_book(tmp_path / "b.xlsx", {"Mô hình": rows})).load().models
    assert [(m.code, m.unit_code, m.registered_on, m.quantity) for m in models] == [
        ("007", "1", dt.date(2024, 4, 15), 2),
        ("8", "002", dt.date(2024, 3, 5), 3),
    ]
    assert models[0].name == "Tủ sách"


def test_unconvertible_cells_become_problems_naming_the_cell(tmp_path):
    rows = [[*MODEL_HEADER, "Ngày đăng ký", "Số lượng"],
            [*MODEL, "31/02/2024", "hai"]]
    book = FileSource(write_book(tmp_path / "b.xlsx", {"Mô hình": rows})).load()
    assert [(p.severity, p.sheet, p.cell) for p in book.problems] == [
        ("error", "Mô hình", "G2"), ("error", "Mô hình", "H2")]
    assert "“31/02/2024” không có thật" in book.problems[0].message
    assert "“hai” không phải số" in book.problems[1].message
    assert book.models[0].registered_on is None


def test_texts_hold_every_text_cell_as_read(tmp_path):
    nfd = unicodedata.normalize("NFD", "Văn hóa - xã hội")
    rows = model_rows(["MH01", "001", "Tủ sách", "Tập thể", nfd, "Mới"])
    book = FileSource(write_book(tmp_path / "b.xlsx", {"Mô hình": rows})).load()
    assert (CellRef("Mô hình", "E2"), nfd) in book.texts
    assert book.models[0].field == "Văn hóa - xã hội"


def test_hidden_rows_are_read(tmp_path):
    path = write_book(tmp_path / "b.xlsx", {"Mô hình": model_rows(MODEL, ["MH02", *MODEL[1:]])})
    book = openpyxl.load_workbook(path)
    book["Mô hình"].row_dimensions[3].hidden = True
    book.save(path)
    assert [m.code for m in FileSource(path).load().models] == ["MH01", "MH02"]


def test_score_columns_by_criterion_number(tmp_path):
    rows = [["Mã mô hình", "Người chấm", "TC1", "Tiêu chí 2", "TC 15", "Tổng điểm"],
            ["MH01", "Tổ 1", 5, "7,5", None, None]]
    book = FileSource(write_book(tmp_path / "b.xlsx", {"Mô hình": model_rows(MODEL),
                                                       "Chấm điểm": rows})).load()
    sheet = book.scores[0]
    assert dict(sheet.points) == {1: Decimal(5), 2: Decimal("7.5"), 15: None}
    assert dict(sheet.columns) == {1: "C", 2: "D", 15: "E"}
    assert book.cell("scores", "tc15", 2) == CellRef("Chấm điểm", "E2")


def test_formula_without_cached_value_names_the_cell(tmp_path):
    rows = [[*MODEL_HEADER, "Số lượng"], [*MODEL, "=1+1"]]
    path = write_book(tmp_path / "b.xlsx", {"Mô hình": rows})
    with pytest.raises(CellValueError) as caught:
        FileSource(path).load()
    assert caught.value.where == CellRef("Mô hình", "G2")
    assert str(caught.value).startswith("Sheet “Mô hình”, ô G2: ô có công thức “=1+1”")
    assert "mở sổ bằng Excel, bấm Lưu" in str(caught.value)


def test_missing_sheet_and_missing_required_header(tmp_path):
    with pytest.raises(WorkbookReadError, match="không có sheet “Mô hình”"):
        FileSource(write_book(tmp_path / "a.xlsx", {})).load()
    rows = [["Mã mô hình", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Mới/Duy trì"], MODEL[:1]]
    with pytest.raises(WorkbookReadError, match="Sheet “Mô hình” thiếu cột “Mã đơn vị”"):
        FileSource(write_book(tmp_path / "b.xlsx", {"Mô hình": rows})).load()


def test_parse_book_takes_plain_grids():
    grids = {
        "Cấu hình": SheetGrid("Cấu hình", [(1, ("Mục", "Giá trị")), (2, ("Năm", 2025.0))]),
        "Đơn vị": SheetGrid("Đơn vị", [(3, ("Mã đơn vị", "Tên đơn vị")), (4, ("01", "Xã A"))],
                            merged=[(1, 1, 2, 2)]),
        "Mô hình": SheetGrid("Mô hình", [(1, tuple(MODEL_HEADER))]),
    }
    book = parse_book(grids, "excel:so.xlsx")
    assert book.settings.get("year") == 2025
    assert [(u.code, u.name, u.row) for u in book.units] == [("01", "Xã A", 4)]
    assert book.source == "excel:so.xlsx"
