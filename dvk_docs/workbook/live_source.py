"""The workbook open in Excel as a command's source: read through xlwings, written through Excel.

Reading takes each sheet's values as Excel holds them now (unsaved edits included) and hands them to
the same grid parser the file reader feeds (:mod:`dvk_docs.workbook.grid`). Writing goes through
Excel's cells, never by rewriting the file Excel has open. Only a small part of the xlwings API is
used (``sheets``, ``used_range``, ``range(...).value``, ``options``, ``merge_cells``/``merge_area``,
``range(...).api.EntireRow.Hidden``, ``visible``, ``font.bold``, ``sheets.add``, ``clear``,
``autofit``), so a stand-in object can serve tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path, PureWindowsPath
from typing import Any

from ..errors import WorkbookReadError
from ..model import CellUpdate, Workbook
from ..safety import excel_input
from .grid import CellValue, SheetGrid, SheetState
from .parse import find_grid, find_header, parse_book
from .schema import (
    SETTINGS,
    SETTINGS_TABLE,
    SHEETS,
    Column,
    header_key,
    sheet_columns,
    sheet_spec,
)
from .table_writer import TableWriter, apply_updates, stored_value

_VISIBILITY: dict[object, SheetState] = {  #: ``sheet.visible`` -> the sheet's state
    -1: "visible", 0: "hidden", 2: "veryHidden",  # Excel's XlSheetVisibility (xlwings on Windows)
    True: "visible",  # a plain bool (xlwings elsewhere); False is 0
}


class LiveSource:
    """An xlwings ``Book`` (the calling workbook) as a :class:`~dvk_docs.commands.registry.BookSource`."""

    def __init__(self, book: Any) -> None:
        self.book = book

    def load(self) -> Workbook:
        """Read the workbook as Excel holds it now (image paths looked up beside its file once it
        was saved). Raises WorkbookReadError / CellValueError."""
        try:
            folder: Path | None = self.folder
        except WorkbookReadError:
            folder = None  # never saved: image paths have nothing to be relative to yet
        return parse_book(read_live_grids(self.book), f"excel:{self.book.name}", folder)

    def write(self, updates: Sequence[CellUpdate]) -> None:
        """Write ``updates`` into Excel's cells, with the same rules as the file writer.

        Cấu hình: ``field`` is a setting key, a missing setting gets a new row. Other sheets: a
        missing field column is added with its Vietnamese header; a run of updates with ``row``
        None fills one new row at the end (a repeated field starts the next one). Raises
        WorkbookReadError when an updated sheet is missing (create it with “Tạo sổ mới”).
        """
        grids = read_live_grids(self.book)
        tables: dict[str, _LiveTable] = {}

        def table_for(sheet_key: str) -> _LiveTable:
            if sheet_key not in tables:
                tables[sheet_key] = _LiveTable(self.book, grids, sheet_key)
            return tables[sheet_key]

        apply_updates(updates, table_for)
        for table in tables.values():
            table.flush()

    def locked(self) -> AbstractContextManager[None]:
        """Excel itself serialises writes into the open workbook: nothing to hold."""
        return nullcontext()

    def replace_sheet(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        """Create or clear the program-owned sheet ``name`` and write ``rows`` (first row = headers).

        Text is written as text; only a :class:`~dvk_docs.safety.Formula` is written as a formula
        (e.g. ``=HYPERLINK(...)``).
        """
        if any(header_key(name) == header_key(spec.name) for spec in SHEETS):
            raise ValueError(f"{name!r} is a data sheet, not a report sheet")
        sheets = self.book.sheets
        existing = next((s for s in sheets if s.name == name), None)
        if existing is None:
            existing = sheets.add(name, after=sheets[len(sheets) - 1])
        else:
            existing.clear()
        if rows:
            width = max(len(r) for r in rows)
            existing.range((1, 1)).value = [
                [_excel_value(v) for v in r] + [None] * (width - len(r)) for r in rows
            ]
            existing.range((1, 1), (1, width)).font.bold = True
            existing.autofit()

    @property
    def folder(self) -> Path:
        """The folder holding the workbook file.

        Raises WorkbookReadError when the workbook was never saved (it has no folder yet).
        """
        fullname = str(self.book.fullname)
        for path_type in (Path, PureWindowsPath):
            path = path_type(fullname)
            if path.is_absolute():
                return Path(path.parent)
        raise WorkbookReadError(
            f"Sổ “{self.book.name}” chưa được lưu nên chưa có thư mục để ghi kết quả.",
            hint="Bấm Ctrl+S lưu sổ vào một thư mục (ví dụ Documents) rồi bấm lại nút.",
        )

    def __repr__(self) -> str:
        return f"LiveSource({self.book.name!r})"


def read_live_grids(book: Any) -> dict[str, SheetGrid]:
    """Every sheet of the xlwings ``book`` as a grid, in workbook order (see ``grid.py``)."""
    return {sheet.name: _sheet_grid(sheet) for sheet in book.sheets}


class _LiveTable(TableWriter):
    """One data sheet opened for writing through Excel; values are sent in runs by flush()."""

    def __init__(self, book: Any, grids: dict[str, SheetGrid], sheet_key: str) -> None:
        spec = sheet_spec(sheet_key)
        grid = find_grid(grids, spec)
        if grid is None:
            raise WorkbookReadError(
                f"Sổ không có sheet “{spec.name}” để ghi kết quả.",
                hint="Thêm sheet này (hoặc tạo sổ mới bằng nút “Tạo sổ mới”) rồi bấm lại.",
            )
        self.sheet = book.sheets[grid.name]
        self.grid = grid
        columns = SETTINGS_TABLE if sheet_key == SETTINGS.key else sheet_columns(spec)
        match = find_header(grid, columns, numbered=sheet_key == "scores")
        super().__init__(columns, match, max((len(values) for _, values in grid.rows), default=0))
        wanted = self.data_columns()
        self.pending: dict[tuple[int, int], object] = {}  #: (row, column) -> value, see flush()
        self.last_row = max(
            [number for number, values in grid.rows if number >= match.data_row
             and any(values[c - 1] not in (None, "") for c in wanted if c <= len(values))],
            default=match.data_row - 1,
        )

    def put(self, row: int, column: int, value: object) -> None:
        self.pending[(row, column)] = _excel_value(value)

    def add_header(self, column: int, header: Column) -> None:
        cell = self.sheet.range((self.match.header_row, column))
        cell.value = header.header
        cell.font.bold = True

    def labels(self) -> Iterator[tuple[int, object]]:
        label_col = self.by_field["label"]
        for number, values in self.grid.rows:
            if number >= self.match.data_row and len(values) >= label_col:
                yield number, values[label_col - 1]

    def flush(self) -> None:
        """Write the pending values, one Excel call per run of consecutive rows in a column."""
        cells = sorted(self.pending, key=lambda cell: (cell[1], cell[0]))
        start = 0
        for i, (row, column) in enumerate(cells):
            last = i + 1 == len(cells) or cells[i + 1] != (row + 1, column)
            if last:
                run = cells[start:i + 1]
                values = [[self.pending[cell]] for cell in run]
                self.sheet.range(run[0], run[-1]).value = values if len(run) > 1 else values[0][0]
                start = i + 1
        self.pending.clear()


def _sheet_grid(sheet: Any) -> SheetGrid:
    last = sheet.used_range.last_cell
    height, width = last.row, last.column
    values = sheet.range((1, 1), (height, width)).options(ndim=2, err_to_str=True).value
    rows = [
        (number, tuple(_grid_value(v) for v in row))
        for number, row in enumerate(values, start=1)
        if any(v is not None and v != "" for v in row)
    ]
    merged: set[tuple[int, int, int, int]] = set()
    _find_merged(sheet, (1, 1, height, width), merged)
    return SheetGrid(sheet.name, rows, tuple(sorted(merged)), frozenset(_hidden_rows(sheet, 1, height)),
                     _VISIBILITY.get(sheet.visible))


def _find_merged(sheet: Any, box: tuple[int, int, int, int], found: set[tuple[int, int, int, int]]) -> None:
    """Add the merged ranges inside ``box`` (rows and columns, inclusive) to ``found``.

    Excel answers ``MergeCells`` for a whole range (False: none merged), so the range is halved
    only where merged cells are: one call for a sheet without any.
    """
    r1, c1, r2, c2 = box
    merged = sheet.range((r1, c1), (r2, c2)).merge_cells
    if merged is False:
        return
    if merged is True:
        area = sheet.range((r1, c1)).merge_area
        bounds = (area.row, area.column, area.last_cell.row, area.last_cell.column)
        if (r1, c1) == (r2, c2) or bounds == box:
            found.add(bounds)
            return
    if r2 - r1 >= c2 - c1:
        middle = (r1 + r2) // 2
        _find_merged(sheet, (r1, c1, middle, c2), found)
        _find_merged(sheet, (middle + 1, c1, r2, c2), found)
    else:
        middle = (c1 + c2) // 2
        _find_merged(sheet, (r1, c1, r2, middle), found)
        _find_merged(sheet, (r1, middle + 1, r2, c2), found)


def _hidden_rows(sheet: Any, first: int, last: int) -> Iterator[int]:
    """The hidden rows among ``first``..``last``: Excel's ``EntireRow.Hidden`` is True when all
    are hidden, False when none is, None when mixed (then the rows are halved)."""
    hidden = sheet.range((first, 1), (last, 1)).api.EntireRow.Hidden
    if hidden is True:
        yield from range(first, last + 1)
    elif hidden is not False and first < last:
        middle = (first + last) // 2
        yield from _hidden_rows(sheet, first, middle)
        yield from _hidden_rows(sheet, middle + 1, last)


def _grid_value(value: Any) -> CellValue:
    """Excel gives every number as float; whole numbers become int, as openpyxl gives them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _excel_value(value: object) -> object:
    """A value as Excel's COM takes it: formula-like text quoted (:func:`~dvk_docs.safety.excel_input`)."""
    stored = excel_input(stored_value(value))
    if isinstance(stored, dt.date) and not isinstance(stored, dt.datetime):
        return dt.datetime(stored.year, stored.month, stored.day)
    return stored
