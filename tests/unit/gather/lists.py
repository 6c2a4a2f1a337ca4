"""Files units send back, built inline: a filled form, and a hand-made list shaped like seed 000's."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl

from dvk_docs.workbook.unit_forms import FORM_FIELDS, HEADER_ROW

ON_TIME = dt.datetime(2024, 4, 10, 9, 0)  #: saved before the sample's deadline (15/04/2024)

SEED000_TOP = ("STT", "Tên tập thể hoặc cá nhân xây dựng mô hình điển hình", "Tên mô hình hoặc điển hình",
               "Chủ thể", None, "Tiếp tục đăng ký", "Đăng ký xây dựng mới", "Lĩnh vực", None, None)
SEED000_SUB = (None, None, None, "Tập thể", "Cá nhân", None, None, "VH-XH", "ANQP", "Xây dựng HTCT")
SEED000_FORM = (  #: seed 000's form exactly: no subject column, "Lĩnh vực" merged over three X columns
    ("STT", "Tên tập thể hoặc cá nhân xây dựng mô hình điển hình", "Tên mô hình hoặc điển hình",
     "Tiếp tục đăng ký", "Đăng ký xây dựng mới", "Lĩnh vực", None, None),
    (None, None, None, None, None, "VH-XH", "ANQP", "Xây dựng HTCT"),
)


def fill_form(form: Path, target: Path, rows: Sequence[Mapping[str, object]],
              saved: dt.datetime = ON_TIME) -> Path:
    """Copy the unit form ``form`` to ``target`` with ``rows`` (field -> value) typed under the header."""
    book = openpyxl.load_workbook(form)
    sheet = book.active
    for offset, values in enumerate(rows, start=1):
        for name, value in values.items():
            sheet.cell(HEADER_ROW + offset, FORM_FIELDS.index(name) + 2, value)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    set_saved(target, saved)
    return target


def write_seed000_list(path: Path, titles: Sequence[str], rows: Sequence[Sequence[object]],
                       saved: dt.datetime = ON_TIME,
                       headers: tuple[Sequence[str | None], Sequence[str | None]] = (SEED000_TOP, SEED000_SUB),
                       numbered: bool = True) -> Path:
    """A hand-made registration list as in seed 000 (two header rows, merged cells, "X" marks),
    by default with a Tập thể/Cá nhân pair as in seed 003 and a row of column numbers (``headers=
    SEED000_FORM, numbered=False``: seed 000's form exactly). A header with no sub-header is merged
    over both rows; one followed by empty headers over sub-headers is merged across them. ``rows``
    are full rows under the header (STT, performer, name, X marks…)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for number, title in enumerate(titles, start=1):
        sheet.cell(number, 1, title)
    top = len(titles) + 2
    upper, lower = headers
    for column, (above, below) in enumerate(zip(upper, lower, strict=True), start=1):
        if above:
            sheet.cell(top, column, above)
            span = next((n for n in range(column, len(upper)) if upper[n]), len(upper)) - column
            if below is None:
                sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
            elif span:
                sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + span)
        if below:
            sheet.cell(top + 1, column, below)
    if numbered:
        for column in range(1, len(upper) + 1):
            sheet.cell(top + 2, column, f"({column})")
    for offset, values in enumerate(rows, start=top + 2 + numbered):
        for column, value in enumerate(values, start=1):
            sheet.cell(offset, column, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    set_saved(path, saved)
    return path


def set_saved(path: Path, saved: dt.datetime) -> None:
    """Give ``path`` the modification time ``saved`` (what ``dvk gom`` takes as the sending date)."""
    stamp = saved.timestamp()
    os.utime(path, (stamp, stamp))


def sheet_rows(book: Path, name: str) -> list[list[object]]:
    """The non-empty rows of sheet ``name`` of the workbook file ``book``, as values."""
    workbook = openpyxl.load_workbook(book, read_only=True)
    try:
        return [list(row) for row in workbook[name].iter_rows(values_only=True) if any(v is not None for v in row)]
    finally:
        workbook.close()
