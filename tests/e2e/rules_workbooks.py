"""Small real workbooks for the rules e2e tests: ``dvk init``'s empty book filled with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

from dvk_docs.workbook.create import create_workbook

SETTINGS = {  #: Cấu hình label -> value
    "Thể thức văn bản": "Đảng",
    "Cơ quan cấp trên": "ĐẢNG BỘ TỈNH YÊN BÁI",
    "Cơ quan ban hành": "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
    "Viết tắt cơ quan ban hành": "ĐUK",
    "Địa danh": "Yên Bái",
    "Năm": 2024,
    "Hạn đăng ký": "15/4/2024",
    "Người ký mặc định": "NK1",
}
UNITS = [("DV01", "Đoàn Thanh niên Khối", "Đoàn thể", 2), ("DV02", "Chi bộ Sở Tư pháp", "Chi bộ cơ sở", None)]
MODELS = [  #: code, unit, name, subject, performer, field, status, registered on
    ("MH001", "DV01", "Thanh niên tình nguyện vì cộng đồng", "Tập thể", "Chi đoàn Sở", "Kinh tế", "Mới", "01/03/2024"),
    ("MH002", "DV01", "Giúp hội viên thoát nghèo", "Cá nhân", "Nguyễn Thị Hoa", "Văn hóa - xã hội", "Duy trì", "02/03/2024"),
    ("MH003", "DV02", "Tư pháp gần dân", "Tập thể", "Chi bộ Sở Tư pháp", "Kinh tế", "Mới", "03/03/2024"),
]
FULL = [5, 10, 10, 5, 5, 5, 10, 5, 10, 10, 5, 5, 5, 5, 5]  #: TC1…TC15 at their maxima (100)
SIGNERS = [("NK1", "Nguyễn Văn An", "PHÓ BÍ THƯ", "T/M", "BAN THƯỜNG VỤ")]


def scored(points: Sequence[object] = FULL, **changes: object) -> list[object]:
    """TC1…TC15 with changes like ``tc7=8``."""
    values = list(points)
    for name, value in changes.items():
        values[int(name[2:]) - 1] = value
    return values


def make_book(
    path: Path,
    *,
    settings: dict[str, object] | None = None,
    units: Sequence[Sequence[object]] = UNITS,
    models: Sequence[Sequence[object]] = MODELS,
    scores: Sequence[tuple[str, str, Sequence[object]]] = (),
) -> Path:
    """Create ``path`` with ``dvk init``'s layout and fill it; score rows are (code, scorer, points)."""
    create_workbook(path)
    book = openpyxl.load_workbook(path)
    values = {**SETTINGS, **(settings or {})}
    for row in book["Cấu hình"].iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    for row in units:
        book["Đơn vị"].append(list(row))
    for code, unit, name, subject, performer, field, status, date in models:
        book["Mô hình"].append([code, unit, name, subject, performer, field, None, None, None, status, date])
    for code, scorer, points in scores:
        book["Chấm điểm"].append([code, scorer, *points])
    for row in SIGNERS:
        book["Người ký"].append(list(row))
    book.save(path)
    return path


def sheet_values(path: Path, sheet: str, cells: str) -> list[object]:
    """The values of a range like "R2:T2", row by row."""
    book = openpyxl.load_workbook(path)
    return [cell.value for row in book[sheet][cells] for cell in row]
