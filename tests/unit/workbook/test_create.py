"""``dvk init``'s workbook: sheets, headers, drop-downs, frozen rows, settings and criteria."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from dvk_docs.errors import OutputError
from dvk_docs.workbook.create import create_workbook
from dvk_docs.workbook.sources import FileSource


@pytest.fixture(scope="module")
def book_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("init") / "so.xlsx"
    create_workbook(path)
    return path


def _validations(sheet) -> dict[str, str]:
    return {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}


def test_every_sheet_with_vietnamese_headers_frozen(book_path):
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Cấu hình", "Đơn vị", "Mô hình", "Tiêu chí", "Chấm điểm", "Bình chọn",
                               "Người ký", "Nơi nhận", "Văn bản", "Vị trí in phôi", "Danh mục"]
    assert book["Danh mục"].sheet_state == "hidden"
    models = book["Mô hình"]
    assert [c.value for c in models[1]][:6] == ["Mã mô hình", "Mã đơn vị", "Tên mô hình", "Chủ thể",
                                                 "Tập thể/cá nhân thực hiện", "Lĩnh vực"]
    assert models["A1"].font.b and models["A1"].alignment.wrap_text
    assert models["A1"].fill.fgColor.rgb.endswith("DDEBF7")
    assert models.column_dimensions["C"].width == 47
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames[:8])


def test_scores_sheet_columns(book_path):
    header = [c.value for c in openpyxl.load_workbook(book_path)["Chấm điểm"][1]]
    assert header == ["Mã mô hình", "Người chấm", *[f"TC{n}" for n in range(1, 16)], "Tổng điểm",
                      "Kết quả", "Lý do"]


def test_drop_downs_for_coded_columns(book_path):
    book = openpyxl.load_workbook(book_path)
    models = _validations(book["Mô hình"])
    assert models["D2"] == '"Tập thể,Cá nhân"'
    assert models["J2"] == '"Mới,Duy trì"'
    assert models["F2"] == ('"Kinh tế,Văn hóa - xã hội,Quốc phòng - an ninh,'
                            'Xây dựng Đảng và hệ thống chính trị,Xây dựng nông thôn mới,Đô thị văn minh"')
    units = _validations(book["Đơn vị"])
    kinds = units["C2"]  # "Phòng, ban" has a comma: the list lives in the hidden sheet
    assert kinds.startswith("'Danh mục'!$A$1:$A$")
    column = [c.value for c in book["Danh mục"]["A"]]
    assert column[:3] == ["Đoàn thể", "Đảng bộ cơ sở", "Chi bộ cơ sở"] and "Phòng, ban" in column
    assert _validations(book["Người ký"])["D2"] == '"TM.,KT.,Q.,TL.,TUQ.,T/M,K/T"'
    assert _validations(book["Tiêu chí"])["B2"] == '"I,II.1,II.2"'
    assert _validations(book["Tiêu chí"])["E2"] == '"Có,Không"'
    assert _validations(book["Cấu hình"])["B2"] == '"Nhà nước,Đảng,Công đoàn"'
    assert str(book["Mô hình"].data_validations.dataValidation[0].sqref).endswith("20000")


def test_settings_rows_have_label_default_and_note(book_path):
    sheet = openpyxl.load_workbook(book_path)["Cấu hình"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert [c.value for c in sheet[1]] == ["Mục", "Giá trị", "Ghi chú"]
    assert rows["Thể thức văn bản"][0] == "Nhà nước"
    assert rows["Điểm đạt"] == (75, "Tổng điểm tối thiểu để mô hình đạt")
    assert rows["Chỉ tiêu theo loại đơn vị"][0].startswith("Đoàn thể=5; Đảng bộ cơ sở=2; Chi bộ cơ sở=1")
    assert sheet["A2"].font.b  # required settings are bold


def test_criteria_of_seed_003(book_path):
    criteria = FileSource(book_path).load().criteria
    assert [(c.number, c.group) for c in criteria] == (
        [(n, "I") for n in range(1, 11)] + [(n, "II.1") for n in range(11, 16)]
        + [(n, "II.2") for n in range(11, 16)])
    assert [int(c.maximum) for c in criteria[:10]] == [5, 10, 10, 5, 5, 5, 10, 5, 10, 10]
    assert {c.maximum for c in criteria[10:]} == {Decimal(5)}
    assert sum(c.maximum for c in criteria if c.group != "II.2") == 100
    assert [c.number for c in criteria if c.must_be_max] == [2, 7, 9, 11, 15, 11, 15]
    assert criteria[14].text == "Hằng năm, tập thể hoàn thành tốt nhiệm vụ trở lên."
    assert criteria[15].text.startswith("Có phẩm chất chính trị tốt, lối sống lành mạnh;")
    note = openpyxl.load_workbook(book_path)["Tiêu chí"]["B1"].comment.text
    assert "II.1 và II.2 cùng đánh số 11-15" in note


def test_refuses_an_existing_file_or_another_suffix(tmp_path, book_path):
    with pytest.raises(OutputError, match="đã có, không ghi đè"):
        create_workbook(book_path)
    with pytest.raises(OutputError, match="phải có đuôi .xlsx"):
        create_workbook(tmp_path / "so.xls")
