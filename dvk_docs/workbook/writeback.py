"""Writing into a workbook file: lock, checks, backup, surgical patch, atomic save, file facts kept.

Only the cells the program writes and the sheets it owns change (see :mod:`.xlsx_patch`): pictures,
charts, shapes, comments, drop-downs, conditional formats, defined names, tables, pivot caches, the
VBA project and every formula with its computed value stay as the clerk's program saved them.
A symlinked workbook is written through to the file it points to; the file keeps its mode and, where
the system allows, its owner. Every writer of one workbook takes the same lock, so writers one after
another never lose each other's cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import OutputError, WorkbookReadError
from ..model import CellUpdate
from ..safety import atomic_path
from ..safety.files import os_error_reason
from .grid import SheetGrid, is_blank
from .parse import HEADER_SCAN_ROWS, find_header, find_sheet_name
from .safe_save import (
    backup,
    book_lock,
    check_unlocked,
    check_writable,
    copy_file_facts,
    remove_leftovers,
)
from .schema import SETTINGS, SETTINGS_TABLE, SHEETS, Column, SheetSpec, sheet_columns, sheet_spec
from .table_writer import TableWriter, stored_value
from .table_writer import apply_updates as plan_updates
from .xlsx_patch import BookPatch, PackageError, SheetPatch, SheetScan, StrictPackageError


def rewrite(path: Path, change: Callable[[BookPatch], None], *, keep_backups: int) -> None:
    """Apply ``change`` to the workbook ``path`` under its lock; back it up, save atomically.

    ``keep_backups`` 0 = no backup. Raises WorkbookLockedError (open in Excel, or another dvk
    writing it), WorkbookReadError (damaged), OutputError (read-only, disk full, no permission…);
    on any error the workbook is left as it was.
    """
    from .file_grid import check_readable, check_transitional, strict_error

    target = Path(path).resolve()  # a symlink: write the file it points to
    check_unlocked(Path(path))
    check_unlocked(target)
    check_readable(target)
    check_transitional(target)
    with book_lock(target):
        remove_leftovers(target)
        check_writable(target)
        try:
            with zipfile.ZipFile(target) as archive:
                patch = BookPatch(archive)
                change(patch)
                if keep_backups:
                    backup(target, keep_backups)
                with atomic_path(target) as temp:
                    patch.write(temp)
                    copy_file_facts(target, temp)
        except StrictPackageError as error:  # saved as Strict since check_transitional looked
            raise strict_error(target) from error
        except (zipfile.BadZipFile, PackageError) as error:
            raise WorkbookReadError(f"Sổ “{target.name}” bị hỏng, không mở được để ghi.",
                                    hint="Mở sổ bằng Excel, lưu lại rồi chạy lại.") from error
        except OutputError as error:  # the backup or the new book could not be written
            raise OutputError(f"{error.message} Sổ “{target.name}” vẫn giữ nguyên như trước.",
                              hint=error.hint) from error
        except OSError as error:
            raise OutputError(f"Không ghi được sổ “{target.name}”: {os_error_reason(error)}. Sổ vẫn "
                              "giữ nguyên như trước.",
                              hint="Kiểm tra chỗ trống và quyền ghi của ổ đĩa rồi chạy lại.") from error


def apply_updates(book: BookPatch, updates: Sequence[CellUpdate]) -> None:
    """Write ``updates`` into ``book`` (rules in :func:`.table_writer.apply_updates`).

    A missing sheet is created (last) with its headers.
    """
    tables: dict[str, _Table] = {}

    def table_for(sheet_key: str) -> _Table:
        if sheet_key not in tables:
            tables[sheet_key] = _Table(book, sheet_spec(sheet_key))
        return tables[sheet_key]

    plan_updates(updates, table_for)


def replace_sheet(book: BookPatch, name: str, rows: Sequence[Sequence[Any]]) -> None:
    """Create (last) or overwrite the program-owned sheet ``name`` with ``rows`` (first row = headers).

    Text is stored as text; only a :class:`~dvk_docs.safety.Formula` becomes a formula.
    """
    if any(name == spec.name for spec in SHEETS):
        raise ValueError(f"{name!r} is a data sheet, not a report sheet")
    sheet = book.new_sheet(name, freeze_header=bool(rows))
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            stored = stored_value(value)
            if stored is not None or row == 1:
                sheet.set(row, column, stored, header=row == 1)


class _Table(TableWriter):
    """A data sheet of a workbook package opened for writing."""

    def __init__(self, book: BookPatch, spec: SheetSpec) -> None:
        columns = SETTINGS_TABLE if spec.key == SETTINGS.key else sheet_columns(spec)
        name = find_sheet_name(book.sheet_names(), spec)
        if name is None:
            self.sheet, self.scan = _new_data_sheet(book, spec.name, columns), SheetScan()
            self.scan.rows[1] = {i: c.header for i, c in enumerate(columns, start=1)}
        else:
            self.sheet = book.sheet(name)
            self.scan = self.sheet.scan()
        head = [(n, _row_values(cells)) for n, cells in sorted(self.scan.rows.items())
                if n <= HEADER_SCAN_ROWS + 5]
        match = find_header(SheetGrid(name or spec.name, head, self.scan.merged), columns,
                            numbered=spec.key == "scores")
        super().__init__(columns, match, self.scan.width)
        self.last_row = self._last_row()

    def put(self, row: int, column: int, value: object) -> None:
        self.sheet.set(row, column, stored_value(value))

    def add_header(self, column: int, header: Column) -> None:
        self.sheet.set(self.match.header_row, column, header.header, header=True)
        self.sheet.set_width(column, header.width + 2)

    def labels(self) -> Iterator[tuple[int, object]]:
        label_col = self.by_field["label"]
        rows = sorted({*self.scan.rows, *self.sheet.writes})
        for row in rows:
            if row >= self.match.data_row:
                written = self.sheet.writes.get(row, {}).get(label_col)
                yield row, written.value if written else self.scan.rows.get(row, {}).get(label_col)

    def _last_row(self) -> int:
        wanted = self.data_columns()
        filled = [row for row, cells in self.scan.rows.items()
                  if row >= self.match.data_row and any(not is_blank(cells.get(c)) for c in wanted)]
        return max(filled, default=self.match.data_row - 1)


def _new_data_sheet(book: BookPatch, name: str, columns: Sequence[Column]) -> SheetPatch:
    sheet = book.new_sheet(name, freeze_header=True)
    for index, column in enumerate(columns, start=1):
        sheet.set(1, index, column.header, header=True)
        sheet.set_width(index, column.width + 2)
    return sheet


def _row_values(cells: dict[int, object]) -> tuple[object, ...]:
    return tuple(cells.get(c) for c in range(1, max(cells) + 1))
