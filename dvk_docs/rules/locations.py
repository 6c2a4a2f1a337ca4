"""Cells the rules point a clerk to that ``Workbook.cell`` alone cannot name: settings and scores."""

from __future__ import annotations

from ..errors import CellRef
from ..model import ScoreSheet, Workbook
from ..workbook.schema import sheet_spec

SETTINGS_VALUE_FIELD = "value"  #: the field of Cấu hình's "Giá trị" column in its layout


def setting_cell(book: Workbook, key: str) -> CellRef:
    """The cell holding the value of the Cấu hình setting ``key`` (the sheet when it has no row)."""
    return cell(book, "settings", SETTINGS_VALUE_FIELD, book.settings.rows.get(key))


def score_cell(book: Workbook, sheet: ScoreSheet, number: int) -> CellRef:
    """The cell of criterion ``number`` in one Chấm điểm row (the row's code cell when unknown)."""
    column = sheet.columns.get(number)
    if column is None:
        return cell(book, "scores", "model_code", sheet.row)
    return CellRef(sheet_name(book, "scores"), f"{column}{sheet.row}")


def cell(book: Workbook, sheet_key: str, field_name: str | None, row: int | None) -> CellRef:
    """Like ``Workbook.cell``, but names the sheet in Vietnamese even when the book has no layout."""
    ref = book.cell(sheet_key, field_name, row)
    if sheet_key in book.layouts:
        return ref
    return CellRef(sheet_spec(sheet_key).name, ref.cell)


def sheet_name(book: Workbook, sheet_key: str) -> str:
    """The name of the sheet ``sheet_key`` as found in the workbook, else its schema name."""
    return cell(book, sheet_key, None, None).sheet
