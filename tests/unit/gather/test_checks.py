"""Checking a list's rows: a real list lacking columns is taken row by row, with warnings naming cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from dvk_docs.gather.checks import check_list
from dvk_docs.model import Settings, Unit, Workbook
from dvk_docs.workbook.registration_lists import read_lists

UNIT = Unit("004", "Đảng bộ Sở Y tế", row=2)


def test_missing_columns_warn_at_the_row_and_a_row_without_a_name_is_refused(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["STT", "Tên mô hình", "Tên tập thể, cá nhân"])
    book.active.append([1, "Tủ sách pháp luật", "Khoa Nội"])
    book.active.append([2, None, "Chi bộ Khoa Ngoại"])
    book.active.append([3, "Gương sáng", "Hoa Sen"])
    book.save(tmp_path / "ds.xlsx")
    [found] = read_lists(tmp_path / "ds.xlsx")
    checked = check_list(Workbook(settings=Settings({}), units=(UNIT,)), found, UNIT, "ds.xlsx")
    assert [(c.model.name, c.model.subject, c.inferred) for c in checked.candidates] == [
        ("Tủ sách pháp luật", "Tập thể", "Chủ thể “Tập thể” suy ra từ “Khoa Nội”"),
        ("Gương sáng", "", ""),
    ]
    assert checked.refused == 1
    assert [(e.kind, e.cell) for e in checked.entries if e.kind == "Suy ra"] == [("Suy ra", "C2")]
    shown = [(e.kind, e.cell, e.message) for e in checked.entries if e.kind != "Suy ra"]
    assert shown == [
        ("Cảnh báo", "B2", "Danh sách không có cột “Lĩnh vực” nên dòng 2 chưa có giá trị này. Mô hình vẫn "
         "được gộp; nhập “Lĩnh vực” cho mô hình này trong sheet “Mô hình”."),
        ("Cảnh báo", "B2", "Danh sách không có cột “Mới/Duy trì” nên dòng 2 chưa có giá trị này. Mô hình "
         "vẫn được gộp; nhập “Mới/Duy trì” cho mô hình này trong sheet “Mô hình”."),
        ("Từ chối", "B3", "Chưa nhập “Tên mô hình” ở dòng 3. Nhập giá trị vào ô này."),
        ("Cảnh báo", "B4", "Danh sách không có cột “Chủ thể” nên dòng 4 chưa có giá trị này. Mô hình vẫn "
         "được gộp; nhập “Chủ thể” cho mô hình này trong sheet “Mô hình”."),
        ("Cảnh báo", "B4", "Danh sách không có cột “Lĩnh vực” nên dòng 4 chưa có giá trị này. Mô hình vẫn "
         "được gộp; nhập “Lĩnh vực” cho mô hình này trong sheet “Mô hình”."),
        ("Cảnh báo", "B4", "Danh sách không có cột “Mới/Duy trì” nên dòng 4 chưa có giá trị này. Mô hình "
         "vẫn được gộp; nhập “Mới/Duy trì” cho mô hình này trong sheet “Mô hình”."),
    ]


def test_names_codes_and_short_labels_in_a_list_are_merged_as_the_entries(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["STT", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Mới/Duy trì", "Loại"])
    book.active.append([1, "Tủ sách pháp luật", "CN", "VH-XH", "Tiếp tục đăng ký", "ĐH"])
    book.active.append([2, "Gương sáng", "Tap the", "Kinh te", "Mới", None])
    book.save(tmp_path / "ds.xlsx")
    [found] = read_lists(tmp_path / "ds.xlsx")
    checked = check_list(Workbook(settings=Settings({}), units=(UNIT,)), found, UNIT, "ds.xlsx")
    [kept] = checked.candidates
    assert (kept.model.subject, kept.model.field, kept.model.status, kept.model.category) == (
        "Cá nhân", "Văn hóa - xã hội", "Duy trì", "Điển hình")
    assert [(e.kind, e.cell, e.message) for e in checked.entries] == [
        ("Từ chối", "C3", "Chủ thể “Tap the” không có trong danh sách (Tập thể; Cá nhân). Có phải “Tập thể” "
         "không? Sửa lại (gõ tên, mã hoặc tên viết tắt đều được)."),
        ("Từ chối", "D3", "Lĩnh vực “Kinh te” không có trong danh sách (Kinh tế; Văn hóa - xã hội; Quốc phòng - "
         "an ninh; Xây dựng Đảng và hệ thống chính trị; Xây dựng nông thôn mới; Đô thị văn minh). Có phải "
         "“Kinh tế” không? Sửa lại (gõ tên, mã hoặc tên viết tắt đều được)."),
    ]
