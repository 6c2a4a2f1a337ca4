"""The grid interface between a workbook reader (file or live Excel) and the parser.

A *grid provider* turns one workbook into ``{sheet name: SheetGrid}`` (in workbook order) and knows
nothing about sheets' meaning; :func:`dvk_docs.workbook.parse.parse_book` turns those grids into the
data model and knows nothing about openpyxl or xlwings. Two providers exist:
``file_grid.read_grids`` (a file on disk, its XML streamed) and ``live_source`` (xlwings, the workbook open
in Excel with its unsaved edits, e.g. from ``sheet.used_range.value``).

What a provider must deliver, per sheet:

* ``rows``: ``(row_number, values)`` pairs, ``row_number`` 1-based as Excel shows it, ``values`` the
  cells from column A onwards (a provider whose range starts further right pads with ``None``).
  Rows may be missing (blank rows need not be listed) and may have different lengths.
* cell values as Excel holds them: ``None`` (empty), ``str``, ``int``, ``float``, ``bool``,
  ``datetime.datetime``/``datetime.date``/``datetime.time``. A formula cell gives its computed
  value; a formula whose value was never computed (file written by a program, not saved by Excel)
  gives :class:`Uncomputed`. Excel error values (``#N/A``, ``#DIV/0!``…) are given as their text.
  Text is given exactly as stored (not normalised): the parser records it for encoding checks.
* ``merged``: the merged ranges as ``(min_row, min_col, max_row, max_col)``, 1-based, inclusive,
  everywhere in the sheet. The parser reads merged header cells as one header and reports merged
  cells in data rows (only their top-left cell holds a value).
* ``hidden_rows``: the numbers of hidden rows (at least those holding a value: a provider may leave
  out empty ones). Their cells are delivered like any other (the parser reads them, and warns that
  they are hidden); hidden columns are not reported.
* ``state``: the sheet's visibility as Excel names it (``ST_SheetState``): ``"visible"``,
  ``"hidden"`` (listed under Unhide) or ``"veryHidden"`` (only the VBA editor shows it), or None
  when the provider cannot tell. The parser names a hidden sheet it reads or skips.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

SheetState = Literal["visible", "hidden", "veryHidden"]
SHEET_STATES: tuple[SheetState, ...] = get_args(SheetState)

CellValue = object  #: None | str | int | float | bool | date | datetime | time | Uncomputed

EXCEL_ERRORS = frozenset(  #: error values Excel shows in a cell whose formula failed
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!"}
)


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell that has no computed (cached) value; ``formula`` is its text, without "="."""

    formula: str = ""


@dataclass(frozen=True)
class SheetGrid:
    """The raw cells of one sheet: see the module docstring for the contract."""

    name: str
    rows: Sequence[tuple[int, Sequence[CellValue]]]
    merged: Sequence[tuple[int, int, int, int]] = ()
    hidden_rows: frozenset[int] = frozenset()
    state: SheetState | None = None  #: None: the provider cannot tell


def sheet_state(value: object) -> SheetState | None:
    """The :data:`SheetState` named ``value``, None when ``value`` names none."""
    return next((state for state in SHEET_STATES if state == value), None)


@functools.lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """The Excel column letter of the 1-based column ``index``: 1 -> "A", 28 -> "AB"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_blank(value: CellValue) -> bool:
    """True for an empty cell: None or text of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def top_cells(grid: SheetGrid, scan_rows: int) -> dict[tuple[int, int], CellValue]:
    """The non-empty cells (row, column) of the first ``scan_rows`` rows of ``grid`` (and a few
    below, for header bands), merged ranges filled with their top-left value."""
    cells: dict[tuple[int, int], CellValue] = {}
    for number, values in grid.rows:
        if number > scan_rows + 5:
            break
        for col, value in enumerate(values, start=1):
            if not is_blank(value):
                cells[(number, col)] = value
    for r1, c1, r2, c2 in grid.merged:
        if r1 <= scan_rows and (r1, c1) in cells:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    cells[(r, c)] = cells[(r1, c1)]
    return cells


def column_index(letter: str) -> int:
    """The 1-based index of the column ``letter``: "A" -> 1, "AB" -> 28."""
    index = 0
    for char in letter.upper():
        index = index * 26 + ord(char) - 64
    return index
