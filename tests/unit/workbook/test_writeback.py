"""Writing back: everything not written stays as it was; backup, Excel lock, new columns and rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.errors import WorkbookLockedError
from dvk_docs.model import CellUpdate
from dvk_docs.workbook.create import create_workbook
from dvk_docs.workbook.safe_save import BACKUP_DIR, list_backups
from dvk_docs.workbook.sources import FileSource

from .books import MODEL_HEADER, model_rows, write_book

MODEL = ["MH01", "001", "Tủ sách pháp luật", "Tập thể", "Văn hóa - xã hội", "Mới"]


def snapshot(path: Path) -> dict:
    """Every cell (value and style), drop-down, frozen pane, width, merge and sheet state."""
    book = openpyxl.load_workbook(path)
    result = {}
    for ws in book.worksheets:
        cells = {
            c.coordinate: (c.value, c.number_format, c.font.b, c.fill.fgColor.rgb, c.alignment.wrap_text,
                           c.border.left.style)
            for row in ws.iter_rows() for c in row if c.value is not None or c.has_style
        }
        validations = sorted((str(v.sqref), v.formula1, v.type, v.errorStyle)
                             for v in ws.data_validations.dataValidation)
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        result[ws.title] = {"cells": cells, "validations": validations, "freeze": ws.freeze_panes,
                            "state": ws.sheet_state, "widths": widths,
                            "merged": sorted(map(str, ws.merged_cells.ranges))}
    return result


@pytest.fixture
def sample(copy_sample) -> Path:
    """The Party sample with a clerk's own column and a merged title cell added in Excel."""
    path = copy_sample("dang-uy-khoi.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Mô hình"]
    sheet["Q1"] = "Cột riêng"
    sheet["Q2"] = "giữ nguyên"
    sheet["Q2"].font = openpyxl.styles.Font(italic=True, color="FF0000")
    book["Người ký"].merge_cells("J1:K1")
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["sample", "init"])
def test_round_trip_keeps_every_cell_validation_and_style(tmp_path, sample, kind):
    path = sample if kind == "sample" else tmp_path / "moi.xlsx"
    if kind == "init":
        create_workbook(path)
    before = snapshot(path)
    FileSource(path).write([CellUpdate("scores", 2, "total", Decimal("87.5")),
                            CellUpdate("scores", 2, "result", "Đạt"),
                            CellUpdate("scores", 2, "reason", "Đủ điều kiện")])
    after = snapshot(path)
    written = {f"{c}2": after["Chấm điểm"]["cells"].pop(f"{c}2") for c in "RST"}
    for c in "RST":
        before["Chấm điểm"]["cells"].pop(f"{c}2", None)
    assert [v[0] for v in written.values()] == [87.5, "Đạt", "Đủ điều kiện"]
    assert after == before


def test_backup_before_each_write_keeps_the_last_ten(sample):
    source = FileSource(sample)
    original = sample.read_bytes()
    for n in range(12):
        source.write([CellUpdate("scores", 2, "reason", f"lần {n}")])
    backups = list_backups(sample)
    assert len(list((sample.parent / BACKUP_DIR).iterdir())) == 10
    assert len(backups) == 10
    assert all(b.name.startswith("dang-uy-khoi.bak-") and b.suffix == ".xlsx" for b in backups)
    assert original not in [b.read_bytes() for b in backups]  # the two oldest were removed
    assert openpyxl.load_workbook(backups[-1])["Chấm điểm"]["T2"].value == "lần 10"


def test_write_refused_while_excel_holds_the_book(sample):
    (sample.parent / f"~${sample.name}").write_bytes(b"")
    before = sample.read_bytes()
    with pytest.raises(WorkbookLockedError) as caught:
        FileSource(sample).write([CellUpdate("scores", 2, "reason", "x")])
    assert caught.value.message == "Sổ “dang-uy-khoi.xlsx” đang mở trong Excel. Hãy đóng sổ rồi chạy lại."
    assert caught.value.exit_code == 3
    assert sample.read_bytes() == before
    assert not (sample.parent / BACKUP_DIR).exists()


def test_missing_column_is_appended_with_its_vietnamese_header(tmp_path):
    path = write_book(tmp_path / "b.xlsx", {"Mô hình": model_rows(MODEL),
                                            "Chấm điểm": [["Mã mô hình", "TC1"], ["MH01", 5]]})
    FileSource(path, keep_backups=0).write([
        CellUpdate("scores", 2, "result", "Không đạt"),
        CellUpdate("scores", 2, "tc7", 8),
        CellUpdate("models", 2, "registered_on", dt.date(2024, 4, 15)),
    ])
    book = openpyxl.load_workbook(path)
    scores = book["Chấm điểm"]
    assert [c.value for c in scores[1]] == ["Mã mô hình", "TC1", "Kết quả", "TC7"]
    assert [c.value for c in scores[2]] == ["MH01", 5, "Không đạt", 8]
    assert scores["C1"].font.b
    models = book["Mô hình"]
    assert models.cell(1, len(MODEL_HEADER) + 1).value == "Ngày đăng ký"
    assert models.cell(2, len(MODEL_HEADER) + 1).number_format == "dd/mm/yyyy"
    assert FileSource(path).load().models[0].registered_on == dt.date(2024, 4, 15)


def test_rows_none_append_rows_and_settings_by_key(tmp_path):
    path = tmp_path / "so.xlsx"
    create_workbook(path)
    FileSource(path, keep_backups=0).write([
        CellUpdate("settings", None, "issuing_abbr", "ĐUK"),
        CellUpdate("settings", None, "registration_deadline", dt.date(2024, 4, 15)),
        CellUpdate("units", None, "code", "001"), CellUpdate("units", None, "name", "Chi bộ A"),
        CellUpdate("units", None, "code", "002"), CellUpdate("units", None, "name", "Chi bộ B"),
        CellUpdate("documents", None, "summary", "=không phải công thức"),
    ])
    book = FileSource(path).load()
    assert book.settings.get("issuing_abbr") == "ĐUK"
    assert book.settings.get("registration_deadline") == dt.date(2024, 4, 15)
    assert [(u.code, u.name, u.row) for u in book.units] == [("001", "Chi bộ A", 2), ("002", "Chi bộ B", 3)]
    assert book.documents[0].summary == "=không phải công thức"


def test_replace_sheet_creates_then_overwrites_a_report_sheet(tmp_path):
    path = tmp_path / "so.xlsx"
    create_workbook(path)
    source = FileSource(path, keep_backups=0)
    source.replace_sheet("Kết quả kiểm tra", [["Mức", "Ô"], ["Lỗi", "E12"], ["Cảnh báo", "K3"]])
    source.replace_sheet("Kết quả kiểm tra", [["Mức", "Ô"], ["Lỗi", "B2"]])
    sheet = openpyxl.load_workbook(path)["Kết quả kiểm tra"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["Mức", "Ô"], ["Lỗi", "B2"]]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
