"""Workbook sources for commands: :class:`FileSource`, a workbook file on disk.

(The workbook open in Excel is ``live_source.LiveSource``; both feed the same parser.)
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from ..model import CellUpdate, Workbook
from .file_grid import read_grids
from .parse import parse_book
from .safe_save import KEEP_BACKUPS, book_lock
from .writeback import apply_updates, replace_sheet, rewrite


class FileSource:
    """A workbook file (.xlsx/.xlsm): read by streaming its XML, written back with backup and lock
    check.

    ``keep_backups``: copies kept in ``.dvk-backup`` beside the file before each write (0 = none).
    """

    def __init__(self, path: Path, *, keep_backups: int = KEEP_BACKUPS) -> None:
        self.path = Path(path)
        self.keep_backups = keep_backups

    def load(self) -> Workbook:
        """Read the workbook (image paths looked up beside it). Raises WorkbookReadError (file or
        structure) or CellValueError."""
        return parse_book(read_grids(self.path), str(self.path), self.folder)

    def write(self, updates: Sequence[CellUpdate]) -> None:
        """Write ``updates`` (see ``writeback.apply_updates``); refused while Excel has the file open."""
        if updates:
            rewrite(self.path, lambda book: apply_updates(book, updates), keep_backups=self.keep_backups)

    def locked(self) -> AbstractContextManager[None]:
        """Hold the workbook's lock (re-entrant): read, then write, with no other writer between."""
        return book_lock(self.path.resolve())

    def replace_sheet(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        """Create or overwrite the report sheet ``name`` with ``rows`` (first row = headers)."""
        rewrite(self.path, lambda book: replace_sheet(book, name, rows), keep_backups=self.keep_backups)

    @property
    def folder(self) -> Path:
        """The folder holding the workbook."""
        return self.path.resolve().parent

    def __repr__(self) -> str:
        return f"FileSource({str(self.path)!r})"
