"""The unit's form: title, deadline, locked unit name and code, drop-downs, read back by the reader."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from dvk_docs.errors import OutputError
from dvk_docs.workbook.registration_lists import read_lists
from dvk_docs.workbook.sources import FileSource
from dvk_docs.workbook.unit_forms import HEADER_ROW, write_unit_forms


@pytest.fixture
def book(copy_sample):
    return FileSource(copy_sample("dang-uy-khoi.xlsx")).load()


def test_form_top_rows_protection_and_lists(book, tmp_path: Path):
    unit = book.units[3]
    [path] = write_unit_forms(book, [unit], ["004.xlsx"], tmp_path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Đăng ký mô hình"
    assert sheet["A1"].value == "DANH SÁCH ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024"
    assert (sheet["B2"].value, sheet["B3"].value) == ("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
                                                      "trước ngày 15/04/2024")
    assert (sheet["A4"].value, sheet["B4"].value, sheet["G4"].value, sheet["H4"].value) == (
        "Đơn vị:", unit.name, "Mã đơn vị:", unit.code)
    assert [c.value for c in sheet[HEADER_ROW]] == [
        "STT", "Mã mô hình", "Tên mô hình", "Chủ thể", "Tập thể/cá nhân thực hiện", "Lĩnh vực", "Địa điểm",
        "Chủ trì", "Quy mô", "Mới/Duy trì", "Ngày đăng ký", "Ghi chú"]
    assert sheet.protection.sheet
    assert sheet["B4"].protection.locked and sheet["H4"].protection.locked
    assert not sheet.column_dimensions["C"].protection.locked
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists["D9:D508"] == '"Tập thể,Cá nhân"'
    assert lists["J9:J508"] == '"Mới,Duy trì"'
    assert lists["F9:F508"].startswith('"Kinh tế,Văn hóa - xã hội,')
    [found] = read_lists(path)
    assert (found.unit_code, found.unit_name, found.rows) == (unit.code, unit.name, ())


def test_existing_forms_are_not_overwritten_without_force(book, tmp_path: Path):
    write_unit_forms(book, book.units[:1], ["a.xlsx"], tmp_path)
    with pytest.raises(OutputError, match="đã có 1 mẫu đăng ký cùng tên: “a.xlsx”"):
        write_unit_forms(book, book.units[:1], ["a.xlsx"], tmp_path)
    assert write_unit_forms(book, book.units[:1], ["a.xlsx"], tmp_path, force=True) == [tmp_path / "a.xlsx"]
