"""Reading registration lists: seed-000 hand-made lists (merged headers, marks, sections, footers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from dvk_docs.errors import CellRef
from dvk_docs.workbook.registration_lists import TextRepair, read_lists

from ..workbook.legacy_text import to_tcvn3
from .lists import SEED000_FORM, write_seed000_list


def test_seed000_list_marks_become_values_and_footer_is_skipped(tmp_path: Path):
    path = write_seed000_list(tmp_path / "ds.xlsx", ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN YÊN BÌNH", "DANH SÁCH"], [
        [1, "CĐCS Trường THCS", "Bữa cơm có thịt", "x", None, None, "x", "x", None, None],
        [2, "Lê Văn An", "Gương sáng tiết kiệm", None, "X", "X", None, None, "x", None],
        [None, None, "THỦ TRƯỞNG ĐƠN VỊ"],
        [None, None, "(Ký, ghi rõ họ tên)"],
    ])
    [found] = read_lists(path)
    assert (found.sheet, found.layout.header_row, found.unit_code) == ("Sheet1", 4, "")
    assert found.titles == ("LIÊN ĐOÀN LAO ĐỘNG HUYỆN YÊN BÌNH", "DANH SÁCH")
    assert [(r.number, r.values["performer"], r.values["name"], r.values["subject"], r.values["status"],
             r.values["field"]) for r in found.rows] == [
        (7, "CĐCS Trường THCS", "Bữa cơm có thịt", "Tập thể", "Mới", "Văn hóa - xã hội"),
        (8, "Lê Văn An", "Gương sáng tiết kiệm", "Cá nhân", "Duy trì", "Quốc phòng - an ninh"),
    ]
    assert found.problems == ()


def test_double_mark_is_a_problem_at_the_second_mark(tmp_path: Path):
    path = write_seed000_list(tmp_path / "ds.xlsx", ["DANH SÁCH"], [
        [1, "Tổ A", "Mô hình A", "x", "x", None, "x", "x", None, None]])
    [found] = read_lists(path)
    [problem] = found.problems
    assert (problem.code, problem.cell) == ("double-mark", "E6")
    assert problem.message == ("Dòng 6 đánh dấu cả “Tập thể” và “Cá nhân”; cột “Chủ thể” chỉ được chọn "
                               "một. Xóa dấu thừa.")


def test_section_rows_give_the_status_and_labels_give_the_unit(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Đơn vị: Đảng bộ Sở Y tế", None, None, "Mã đơn vị:", "004"])
    sheet.append([])
    sheet.append(["STT", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Ngày đăng ký"])
    sheet.append(["I", "Mô hình tiếp tục duy trì từ năm 2023"])
    sheet.append([1, "Tủ sách pháp luật", "Tập thể", "Kinh tế", "05/04/2024"])
    sheet.append(["II", "Mô hình đăng ký mới năm 2024"])
    sheet.append([1, "Dân vận khéo trong chuyển đổi số", "Tập thể", "Kinh tế", dt.datetime(2024, 4, 6)])
    sheet.append(["Tổng số", "2"])
    book.save(tmp_path / "yt.xlsx")
    [found] = read_lists(tmp_path / "yt.xlsx")
    assert (found.unit_code, found.unit_name) == ("004", "Đảng bộ Sở Y tế")
    assert [(r.number, r.values["name"], r.values["status"], r.values["registered_on"]) for r in found.rows] == [
        (5, "Tủ sách pháp luật", "Duy trì", dt.date(2024, 4, 5)),
        (7, "Dân vận khéo trong chuyển đổi số", "Mới", dt.date(2024, 4, 6)),
    ]


def test_sheets_without_a_model_name_column_hold_no_list(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["Họ tên", "Chủ thể", "Lĩnh vực"])
    book.save(tmp_path / "khac.xlsx")
    assert read_lists(tmp_path / "khac.xlsx") == []


def test_seed000_form_without_subject_total_and_blank_rows_and_tcvn3_cells(tmp_path: Path):
    name = "Giữ gìn vệ sinh môi trường nơi làm việc"
    path = write_seed000_list(tmp_path / "ds.xlsx", ["DANH SÁCH"], [
        [1, "Tổ công đoàn Nhà máy", to_tcvn3(name), None, "x", "x", None, None],
        [None] * 8,
        [2, "Đ/c Phạm Văn Nam", "Tổng vệ sinh đường làng", "x", None, "x", None, None],
        [None, "Tổng cộng", None, 1, 1, 2, 0, 0],
        [None, None, "Cộng: 2 mô hình"],
        ["Tổng số", None, None, 1, 1],
    ], headers=SEED000_FORM, numbered=False)
    [found] = read_lists(path)
    assert "subject" not in found.layout.columns
    assert [(r.number, r.values["performer"], r.values["name"], r.values["status"], r.values["field"])
            for r in found.rows] == [
        (5, "Tổ công đoàn Nhà máy", name, "Mới", "Văn hóa - xã hội"),
        (7, "Đ/c Phạm Văn Nam", "Tổng vệ sinh đường làng", "Duy trì", "Văn hóa - xã hội"),
    ]
    assert found.repairs == (TextRepair(CellRef("Sheet1", "C5"), to_tcvn3(name), name),)
    assert (CellRef("Sheet1", "C5"), name) in found.texts
