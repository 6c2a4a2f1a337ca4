"""Writing into a workbook file: Excel-lock check, backup, atomic save, cell updates, owned sheets.

The file is opened in normal mode (formulas kept as formulas, macros kept for .xlsm), changed, saved
to a temporary file in the same folder and moved over the original, so a failure never leaves a
half-written workbook. Every sheet, cell, style, drop-down and unknown column not written to is
kept as openpyxl reads it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import WorkbookReadError
from ..model import CellUpdate
from ..safety import store_text
from .create import DATE_FORMAT, style_header, write_table_header
from .file_grid import check_readable
from .grid import SheetGrid, column_letter
from .parse import find_header, find_sheet_name
from .safe_save import backup, check_unlocked, save_atomically
from .schema import (
    SETTINGS,
    SETTINGS_TABLE,
    SHEETS,
    Column,
    SheetSpec,
    sheet_columns,
    sheet_spec,
)
from .table_writer import TableWriter, stored_value
from .table_writer import apply_updates as plan_updates

MACRO_SUFFIXES = (".xlsm", ".xltm")  #: workbooks whose VBA project must be kept


def rewrite(path: Path, change: Callable[[openpyxl.Workbook], None], *, keep_backups: int) -> None:
    """Open ``path`` for writing, apply ``change``, back up the old file, save atomically.

    ``keep_backups`` 0 = no backup. Raises WorkbookLockedError, WorkbookReadError, OutputError.
    """
    check_unlocked(path)
    check_readable(path)
    try:
        book = openpyxl.load_workbook(path, keep_vba=path.suffix.lower() in MACRO_SUFFIXES)
    except (zipfile.BadZipFile, KeyError, InvalidFileException, ValueError, TypeError,
            SyntaxError) as error:
        raise WorkbookReadError(f"Sổ “{path.name}” bị hỏng, không mở được để ghi.",
                                hint="Mở sổ bằng Excel, lưu lại rồi chạy lại.") from error
    change(book)
    if keep_backups:
        backup(path, keep_backups)
    save_atomically(book, path)


def apply_updates(book: openpyxl.Workbook, updates: Sequence[CellUpdate]) -> None:
    """Write ``updates`` into ``book`` (rules in :func:`.table_writer.apply_updates`).

    A missing sheet is created with its headers.
    """
    tables: dict[str, _Table] = {}

    def table_for(sheet_key: str) -> _Table:
        if sheet_key not in tables:
            tables[sheet_key] = _Table(book, sheet_spec(sheet_key))
        return tables[sheet_key]

    plan_updates(updates, table_for)


def replace_sheet(book: openpyxl.Workbook, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """Create or overwrite the program-owned sheet ``name`` with ``rows`` (first row = headers).

    Text is stored as text (:func:`~dvk_docs.safety.store_text`); only a
    :class:`~dvk_docs.safety.Formula` becomes a formula.
    """
    if any(name == spec.name for spec in SHEETS):
        raise ValueError(f"{name!r} is a data sheet, not a report sheet")
    index = len(book.sheetnames)
    if name in book.sheetnames:
        index = book.sheetnames.index(name)
        book.remove(book[name])
    sheet = book.create_sheet(name, index)
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            store_text(sheet.cell(row, column), stored_value(value))
    if rows:
        for cell in sheet[1]:
            style_header(cell)
        sheet.freeze_panes = "A2"


class _Table(TableWriter):
    """A data sheet of an openpyxl workbook opened for writing."""

    def __init__(self, book: openpyxl.Workbook, spec: SheetSpec) -> None:
        self.sheet = _find_or_create_sheet(book, spec)
        columns = SETTINGS_TABLE if spec.key == SETTINGS.key else sheet_columns(spec)
        match = find_header(_head_grid(self.sheet), columns, numbered=spec.key == "scores")
        super().__init__(columns, match, self.sheet.max_column)
        self.last_row = self._last_row()

    def put(self, row: int, column: int, value: object) -> None:
        cell = self.sheet.cell(row, column)
        unformatted = cell.number_format == "General"
        store_text(cell, stored_value(value))
        if isinstance(value, dt.date) and unformatted:
            cell.number_format = DATE_FORMAT

    def add_header(self, column: int, header: Column) -> None:
        style_header(self.sheet.cell(self.match.header_row, column, header.header))
        self.sheet.column_dimensions[column_letter(column)].width = header.width + 2

    def labels(self) -> Iterator[tuple[int, object]]:
        label_col = self.by_field["label"]
        for row in range(self.match.data_row, self.sheet.max_row + 1):
            yield row, self.sheet.cell(row, label_col).value

    def _last_row(self) -> int:
        wanted = sorted(self.data_columns())
        for row in range(self.sheet.max_row, self.match.data_row - 1, -1):
            if any(self.sheet.cell(row, c).value not in (None, "") for c in wanted):
                return row
        return self.match.data_row - 1


def _find_or_create_sheet(book: openpyxl.Workbook, spec: SheetSpec) -> Worksheet:
    name = find_sheet_name(book.sheetnames, spec)
    if name is not None:
        return book[name]
    sheet = book.create_sheet(spec.name)
    write_table_header(sheet, SETTINGS_TABLE if spec.key == SETTINGS.key else sheet_columns(spec))
    return sheet


def _head_grid(sheet: Worksheet) -> SheetGrid:
    rows = [(n, values) for n, values in enumerate(sheet.iter_rows(max_row=16, values_only=True), 1)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    return SheetGrid(sheet.title, rows, merged)
