"""Writing into a workbook file: Excel-lock check, backup, atomic save, cell updates, owned sheets.

The file is opened in normal mode (formulas kept as formulas, macros kept for .xlsm), changed, saved
to a temporary file in the same folder and moved over the original, so a failure never leaves a
half-written workbook. Every sheet, cell, style, drop-down and unknown column not written to is
kept as openpyxl reads it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import WorkbookReadError
from ..model import CellUpdate
from ..vntext.normalize import nfc
from .create import DATE_FORMAT, style_header, write_table_header
from .file_grid import check_readable
from .grid import SheetGrid, column_letter
from .parse import HeaderMatch, find_header
from .safe_save import backup, check_unlocked, save_atomically
from .schema import (
    SETTINGS,
    SETTINGS_TABLE,
    SHEETS,
    Column,
    SheetSpec,
    header_key,
    score_field,
    score_header,
    sheet_columns,
    sheet_spec,
)

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
    """Write ``updates`` into ``book`` (see :class:`~dvk_docs.model.CellUpdate`).

    Cấu hình: ``field`` is a setting key (or its label), ``row`` is ignored; a missing setting gets
    a new row. Other sheets: ``field`` is a schema field, ``tcN`` for criterion N of Chấm điểm, or
    the header text of an extra column; a missing field column is appended with its Vietnamese
    header. A run of updates with ``row`` None fills one new row at the end of the table; a field
    repeating in the run starts the next new row. A missing sheet is created with its headers.
    """
    tables: dict[str, _Table] = {}
    pending: dict[str, tuple[int, set[str]]] = {}
    for update in updates:
        table = tables.get(update.sheet_key)
        if table is None:
            table = tables[update.sheet_key] = _Table(book, sheet_spec(update.sheet_key))
        if update.sheet_key == SETTINGS.key:
            table.write(table.setting_row(update.field), "value", update.value)
            continue
        row = update.row
        if row is None:
            new_row, fields = pending.get(update.sheet_key, (0, set()))
            if not new_row or update.field in fields:
                new_row, fields = table.next_row(), set()
            fields.add(update.field)
            pending[update.sheet_key] = (new_row, fields)
            row = new_row
        table.write(row, update.field, update.value)


def replace_sheet(book: openpyxl.Workbook, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """Create or overwrite the program-owned sheet ``name`` with ``rows`` (first row = headers)."""
    if any(name == spec.name for spec in SHEETS):
        raise ValueError(f"{name!r} is a data sheet, not a report sheet")
    index = len(book.sheetnames)
    if name in book.sheetnames:
        index = book.sheetnames.index(name)
        book.remove(book[name])
    sheet = book.create_sheet(name, index)
    for values in rows:
        sheet.append([_cell_value(v) for v in values])
    if rows:
        for cell in sheet[1]:
            style_header(cell)
        sheet.freeze_panes = "A2"


class _Table:
    """A data sheet opened for writing: where its header is and where each field's column is."""

    def __init__(self, book: openpyxl.Workbook, spec: SheetSpec) -> None:
        self.spec = spec
        self.sheet = _find_or_create_sheet(book, spec)
        self.columns = SETTINGS_TABLE if spec.key == SETTINGS.key else sheet_columns(spec)
        self.match: HeaderMatch = find_header(_head_grid(self.sheet), self.columns,
                                              numbered=spec.key == "scores")
        self.by_field = {**self.match.fields,
                         **{score_field(n): c for n, c in self.match.criteria.items()}}
        self.by_header = {header_key(h): c for h, c in self.match.extra.items()}
        self.last_row = self._last_row()

    def write(self, row: int, field_name: str, value: object) -> None:
        cell = self.sheet.cell(row, self._column(field_name))
        unformatted = cell.number_format == "General"
        cell.value = _cell_value(value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, never a formula
        if isinstance(value, dt.date) and unformatted:
            cell.number_format = DATE_FORMAT
        self.last_row = max(self.last_row, row)

    def next_row(self) -> int:
        self.last_row += 1
        return self.last_row

    def setting_row(self, key: str) -> int:
        label_col = self.by_field["label"]
        spec = next((c for c in SETTINGS.columns if c.field == key), None)
        names = {header_key(n) for n in ((spec.header, *spec.aliases) if spec else (key,))}
        for row in range(self.match.data_row, self.sheet.max_row + 1):
            if header_key(self.sheet.cell(row, label_col).value) in names:
                return row
        row = self.next_row()
        self.sheet.cell(row, label_col, spec.header if spec else key)
        return row

    def _column(self, field_name: str) -> int:
        if field_name in self.by_field:
            return self.by_field[field_name]
        if header_key(field_name) in self.by_header:
            return self.by_header[header_key(field_name)]
        header = _header_of(self.columns, field_name)
        index = max([*self.by_field.values(), *self.by_header.values(), self.sheet.max_column]) + 1
        self._add_column(index, header)
        self.by_field[field_name] = index
        return index

    def _add_column(self, index: int, header: Column) -> None:
        row = self.match.header_row
        style_header(self.sheet.cell(row, index, header.header))
        self.sheet.column_dimensions[column_letter(index)].width = header.width + 2

    def _last_row(self) -> int:
        wanted = sorted({*self.by_field.values(), *self.by_header.values()})
        for row in range(self.sheet.max_row, self.match.data_row - 1, -1):
            if any(self.sheet.cell(row, c).value not in (None, "") for c in wanted):
                return row
        return self.match.data_row - 1


def _find_or_create_sheet(book: openpyxl.Workbook, spec: SheetSpec) -> Worksheet:
    keys = {header_key(n) for n in (spec.name, *spec.aliases)}
    for name in book.sheetnames:
        if header_key(name) in keys:
            return book[name]
    sheet = book.create_sheet(spec.name)
    write_table_header(sheet, SETTINGS_TABLE if spec.key == SETTINGS.key else sheet_columns(spec))
    return sheet


def _head_grid(sheet: Worksheet) -> SheetGrid:
    rows = [(n, values) for n, values in enumerate(sheet.iter_rows(max_row=16, values_only=True), 1)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    return SheetGrid(sheet.title, rows, merged)


def _header_of(columns: Sequence[Column], field_name: str) -> Column:
    for column in columns:
        if column.field == field_name:
            return column
    if field_name.startswith("tc") and field_name[2:].isdigit():
        return Column(field_name, score_header(int(field_name[2:])), kind="decimal", width=6)
    raise ValueError(f"unknown field {field_name!r}")


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        return nfc(value) if value.strip() else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
