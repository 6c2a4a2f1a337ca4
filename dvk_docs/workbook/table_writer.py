"""Where each :class:`~dvk_docs.model.CellUpdate` goes: shared by the file writer and Excel's.

:func:`apply_updates` turns updates into (row, column, value) writes on a :class:`TableWriter`;
the subclasses in ``writeback.py`` (openpyxl) and ``live_source.py`` (xlwings) only say how a cell is
written, how a new header cell is added, and how Cấu hình's label column is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from ..model import CellUpdate
from ..safety import Formula
from ..vntext.normalize import nfc
from .parse import HeaderMatch
from .schema import SETTINGS, Column, header_key, score_field, score_header


class TableWriter:
    """One data sheet opened for writing: its header match and each field's column number."""

    def __init__(self, columns: Sequence[Column], match: HeaderMatch, width: int) -> None:
        self.columns = columns
        self.match = match
        self.width = width  #: the widest row seen; new columns go to its right
        self.by_field = {**match.fields, **{score_field(n): c for n, c in match.criteria.items()}}
        self.by_header = {header_key(h): c for h, c in match.extra.items()}
        self.last_row = match.data_row - 1

    # -- what subclasses provide ------------------------------------------------------------
    def put(self, row: int, column: int, value: object) -> None:
        """Write one value (already converted with :func:`stored_value`)."""
        raise NotImplementedError

    def add_header(self, column: int, header: Column) -> None:
        """Write a new column's header cell at ``(self.match.header_row, column)``."""
        raise NotImplementedError

    def labels(self) -> Iterable[tuple[int, object]]:
        """(row, value of the label column) for each data row of Cấu hình."""
        raise NotImplementedError

    # -- shared ------------------------------------------------------------------------------
    def write(self, row: int, field_name: str, value: object) -> None:
        self.put(row, self.column(field_name), value)
        self.last_row = max(self.last_row, row)

    def next_row(self) -> int:
        self.last_row += 1
        return self.last_row

    def setting_row(self, key: str) -> int:
        """The Cấu hình row of setting ``key`` (or its label); a new row when it is missing."""
        spec = next((c for c in SETTINGS.columns if c.field == key), None)
        names = {header_key(n) for n in ((spec.header, *spec.aliases) if spec else (key,))}
        for row, label in self.labels():
            if header_key(label) in names:
                return row
        row = self.next_row()
        self.put(row, self.by_field["label"], spec.header if spec else key)
        return row

    def column(self, field_name: str) -> int:
        """The column of ``field_name``; appended with its Vietnamese header when missing."""
        if field_name in self.by_field:
            return self.by_field[field_name]
        if header_key(field_name) in self.by_header:
            return self.by_header[header_key(field_name)]
        header = header_of(self.columns, field_name)
        index = max([*self.by_field.values(), *self.by_header.values(), self.width]) + 1
        self.add_header(index, header)
        self.by_field[field_name] = index
        self.width = index
        return index

    def data_columns(self) -> set[int]:
        """The columns the program knows; a row with none of them filled is empty."""
        return {*self.by_field.values(), *self.by_header.values()}


def apply_updates(updates: Sequence[CellUpdate], table_for: Callable[[str], TableWriter]) -> None:
    """Write ``updates`` through the writer ``table_for(sheet_key)`` gives for each sheet.

    Cấu hình: ``field`` is a setting key (or its label), ``row`` is ignored. Other sheets:
    ``field`` is a schema field, ``tcN`` for criterion N of Chấm điểm, or the header text of an
    extra column. A run of updates with ``row`` None fills one new row at the end of the table; a
    field repeating in the run starts the next new row.
    """
    pending: dict[str, tuple[int, set[str]]] = {}
    for update in updates:
        table = table_for(update.sheet_key)
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


def header_of(columns: Sequence[Column], field_name: str) -> Column:
    """The schema column of ``field_name``; ``tcN`` is criterion N of Chấm điểm."""
    for column in columns:
        if column.field == field_name:
            return column
    if field_name.startswith("tc") and field_name[2:].isdigit():
        return Column(field_name, score_header(int(field_name[2:])), kind="decimal", width=6)
    raise ValueError(f"unknown field {field_name!r}")


def stored_value(value: object) -> object:
    """A value as a cell stores it: NFC text (blank -> None), Decimal -> int or float; a
    :class:`~dvk_docs.safety.Formula` unchanged."""
    if isinstance(value, Formula):
        return value
    if isinstance(value, str):
        return nfc(value) if value.strip() else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
