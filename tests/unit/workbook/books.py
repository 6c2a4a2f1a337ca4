"""Tiny workbooks for the workbook-layer tests, written with openpyxl so the input stays visible."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl

SETTINGS_ROWS = [["Mục", "Giá trị"], ["Thể thức văn bản", "Đảng"], ["Năm", 2024]]
UNIT_ROWS = [["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"], ["001", "Chi bộ Sở Tư pháp", "Chi bộ cơ sở"]]
MODEL_HEADER = ["Mã mô hình", "Mã đơn vị", "Tên mô hình", "Chủ thể", "Lĩnh vực", "Mới/Duy trì"]


def write_book(path: Path, sheets: dict[str, Sequence[Sequence[object]]], *,
               defaults: bool = True) -> Path:
    """Save a workbook whose sheets hold ``rows`` from A1; with ``defaults``, Cấu hình and Đơn vị
    are added when not given so the book is readable."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    full = {**({"Cấu hình": SETTINGS_ROWS, "Đơn vị": UNIT_ROWS} if defaults else {}), **sheets}
    for name, rows in full.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def model_rows(*rows: Sequence[object]) -> list[list[object]]:
    """The Mô hình sheet: the standard header then ``rows``."""
    return [list(MODEL_HEADER), *[list(r) for r in rows]]  # a copy: callers append columns
