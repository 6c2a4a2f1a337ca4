"""A stand-in for the calling workbook: the part of the xlwings API dvk_docs uses, over real values.

``FakeBook.from_xlsx(path)`` serves a workbook's values read with openpyxl the way xlwings gives
them (every number a float, dates as datetime, error cells as their text with ``err_to_str``).
Writes are applied to the cells and recorded in ``book.writes``; the status bar history and the
message boxes are recorded on ``book.app``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import range_boundaries


@dataclass
class FakeApp:
    status_history: list[object] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status_bar(self) -> object:
        return self.status_history[-1] if self.status_history else False

    @status_bar.setter
    def status_bar(self, value: object) -> None:
        self.status_history.append(value)

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok",
              mode: str | None = None, callback: str | None = None) -> str:
        self.alerts.append({"prompt": prompt, "title": title, "mode": mode})
        return "ok"


class FakeFont:
    def __init__(self, rng: FakeRange) -> None:
        self._range = rng

    @property
    def bold(self) -> bool:
        return all(self._range.sheet.bold.get(c, False) for c in self._range.cells())

    @bold.setter
    def bold(self, value: bool) -> None:
        for cell in self._range.cells():
            self._range.sheet.bold[cell] = value


class FakeRange:
    def __init__(self, sheet: FakeSheet, first: tuple[int, int], last: tuple[int, int],
                 ndim: int | None = None, err_to_str: bool = False) -> None:
        self.sheet, self.first, self.last = sheet, first, last
        self.ndim, self.err_to_str = ndim, err_to_str

    row = property(lambda self: self.first[0])
    column = property(lambda self: self.first[1])
    last_cell = property(lambda self: FakeRange(self.sheet, self.last, self.last))
    font = property(lambda self: FakeFont(self))

    def cells(self) -> list[tuple[int, int]]:
        return [(r, c) for r in range(self.first[0], self.last[0] + 1)
                for c in range(self.first[1], self.last[1] + 1)]

    def options(self, ndim: int | None = None, err_to_str: bool = False) -> FakeRange:
        return FakeRange(self.sheet, self.first, self.last, ndim, err_to_str)

    @property
    def value(self) -> Any:
        rows = [[self._read((r, c)) for c in range(self.first[1], self.last[1] + 1)]
                for r in range(self.first[0], self.last[0] + 1)]
        if self.ndim == 2:
            return rows
        if self.first == self.last:
            return rows[0][0]
        return rows

    @value.setter
    def value(self, value: Any) -> None:
        block = value if isinstance(value, list) else [[value]]
        for dr, row in enumerate(block):
            for dc, item in enumerate(row):
                cell = (self.first[0] + dr, self.first[1] + dc)
                self.sheet.book.writes.append((self.sheet.name, cell, item))
                if item is None:
                    self.sheet.values.pop(cell, None)
                else:
                    self.sheet.values[cell] = item

    @property
    def api(self) -> FakeApi:
        return FakeApi(self)

    @property
    def merge_cells(self) -> bool | None:
        inside = [any(_contains(m, cell) for m in self.sheet.merged) for cell in self.cells()]
        return True if all(inside) else (False if not any(inside) else None)

    @property
    def merge_area(self) -> FakeRange:
        for m in self.sheet.merged:
            if _contains(m, self.first):
                return FakeRange(self.sheet, (m[0], m[1]), (m[2], m[3]))
        return self

    def _read(self, cell: tuple[int, int]) -> Any:
        value = self.sheet.values.get(cell)
        if isinstance(value, str) and value.startswith("#") and not self.err_to_str:
            return None if value in ("#N/A", "#DIV/0!", "#VALUE!", "#REF!") else value
        return value


class FakeApi:
    """``range.api``: the COM object; only ``EntireRow.Hidden`` (True, False, or None when mixed)."""

    def __init__(self, rng: FakeRange) -> None:
        self.EntireRow = self  # noqa: N815 - COM's name
        self._range = rng

    @property
    def Hidden(self) -> bool | None:  # noqa: N802 - COM's name
        hidden = [r in self._range.sheet.hidden_rows for r in range(self._range.first[0], self._range.last[0] + 1)]
        return True if all(hidden) else (False if not any(hidden) else None)


class FakeSheet:
    def __init__(self, book: FakeBook, name: str, values: dict[tuple[int, int], Any],
                 merged: list[tuple[int, int, int, int]], hidden_rows: set[int] | None = None,
                 state: str = "visible") -> None:
        self.book, self.name, self.values, self.merged = book, name, values, merged
        self.hidden_rows = hidden_rows or set()
        self.state = state  #: openpyxl's sheet_state
        self.bold: dict[tuple[int, int], bool] = {}
        self.activated = 0

    @property
    def used_range(self) -> FakeRange:
        if not self.values:
            return FakeRange(self, (1, 1), (1, 1))
        rows = [r for r, _ in self.values]
        cols = [c for _, c in self.values]
        return FakeRange(self, (min(rows), min(cols)), (max(rows), max(cols)))

    def range(self, first: tuple[int, int], last: tuple[int, int] | None = None) -> FakeRange:
        return FakeRange(self, first, last or first)

    @property
    def visible(self) -> int:
        """What xlwings gives on Windows: Excel's XlSheetVisibility, -1, 0 (hidden) or 2 (very hidden)."""
        return {"visible": -1, "hidden": 0, "veryHidden": 2}[self.state]

    def clear(self) -> None:
        self.values.clear()
        self.bold.clear()

    def autofit(self) -> None:
        pass

    def activate(self) -> None:
        self.activated += 1

    def cell(self, row: int, column: int) -> Any:
        return self.values.get((row, column))


class FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self.book = book
        self.items: list[FakeSheet] = []

    def __iter__(self):
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: int | str) -> FakeSheet:
        if isinstance(key, int):
            return self.items[key]
        return next(s for s in self.items if s.name == key)

    def add(self, name: str, after: FakeSheet | None = None) -> FakeSheet:
        sheet = FakeSheet(self.book, name, {}, [])
        position = self.items.index(after) + 1 if after is not None else 0
        self.items.insert(position, sheet)
        return sheet


class FakeBook:
    """The calling workbook. ``fullname`` is its path (``name`` only when never saved)."""

    def __init__(self, fullname: str) -> None:
        self.fullname = fullname
        self.name = Path(fullname).name
        self.app = FakeApp()
        self.sheets = FakeSheets(self)
        self.writes: list[tuple[str, tuple[int, int], Any]] = []

    @classmethod
    def from_xlsx(cls, path: Path) -> FakeBook:
        book = cls(str(path))
        source = openpyxl.load_workbook(path, data_only=True)
        for ws in source.worksheets:
            values = {(c.row, c.column): _as_excel(c.value) for row in ws.iter_rows() for c in row
                      if c.value is not None}
            merged = [_rows_first(range_boundaries(str(r))) for r in ws.merged_cells.ranges]
            hidden = {r for r, dimension in ws.row_dimensions.items() if dimension.hidden}
            book.sheets.items.append(FakeSheet(book, ws.title, values, merged, hidden, ws.sheet_state))
        return book

    def sheet(self, name: str) -> FakeSheet:
        return self.sheets[name]


def _as_excel(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _contains(merged: tuple[int, int, int, int], cell: tuple[int, int]) -> bool:
    return merged[0] <= cell[0] <= merged[2] and merged[1] <= cell[1] <= merged[3]


def _rows_first(bounds: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """openpyxl's (min_col, min_row, max_col, max_row) as (min_row, min_col, max_row, max_col)."""
    min_col, min_row, max_col, max_row = bounds
    return min_row, min_col, max_row, max_col
