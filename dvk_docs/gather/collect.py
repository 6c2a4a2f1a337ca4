"""Gathering one folder: every file read, every list checked and merged, the report in order.

Files are taken recursively in path order (hidden folders such as ``.dvk-backup`` and the workbook
itself excepted). Nothing is ever written into them. A file that cannot be read, holds no list, or
is an Excel lock file (``~$…``) becomes a report line, never a failure of the whole gathering.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from ..errors import CellValueError, WorkbookReadError
from ..model import CellUpdate, Model, Unit, Workbook
from ..rules.targets import unit_targets
from ..workbook.grid import column_index
from ..workbook.registration_lists import LIST_SCAN_ROWS, RegistrationList, read_lists
from ..workbook.schema import MODELS
from .checks import Candidate, Origin, check_list
from .merge import Merge, merge_rows
from .report import BELOW_TARGET, FILE, LATE, NOT_SENT, REFUSED, SKIPPED, WARNING, Entry
from .units import UnitClue, find_unit

LOCK_PREFIX = "~$"  #: Excel's owner file of an open workbook: "~$tên sổ.xlsx"
PROCESS_THRESHOLD = 16  #: from this many files on, they are read in worker processes
MAX_WORKERS = 8  #: at most this many worker processes
WRITTEN_FIELDS = tuple(c.field for c in MODELS.columns)  #: Mô hình fields written for a new row

Progress = Callable[[int, int, str], None]  #: (done, total, what) -> None

_CELL = re.compile(r"([A-Z]*)(\d*)")


@dataclass
class Gathering:
    """What gathering a folder found: models to append and the report, in reading order."""

    merge: Merge
    entries: list[Entry] = field(default_factory=list)
    files: int = 0  #: files looked at
    lists: int = 0  #: registration lists found
    rows: int = 0  #: data rows read
    refused: int = 0  #: rows refused by the checks (conflicts and duplicates are counted by merge)

    @property
    def added(self) -> list[Model]:
        return self.merge.added


@dataclass
class _FileResult:
    """Everything one file gave: its lists' candidates, entries and the units it speaks for."""

    path: str
    candidates: list[Candidate] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  #: sheets holding a list
    rows: int = 0
    refused: int = 0


def gather_folder(book: Workbook, folder: Path, *, skip: Path | None = None,
                  progress: Progress = lambda done, total, what: None) -> Gathering:
    """Read every file under ``folder``, check and merge its rows into ``book``'s models (in memory).

    ``skip``: a file not to read (the workbook itself when it lies inside ``folder``).
    """
    paths = list_files(folder, skip)
    results = []
    for done, (path, found) in enumerate(zip(paths, _read_all(paths), strict=True)):
        progress(done, len(paths), "Đọc tệp của các đơn vị")
        results.append(_file_result(book, folder, path, found))
    sheet = book.layouts["models"].name if "models" in book.layouts else MODELS.name
    merge = merge_rows(book.models, [c for r in results for c in r.candidates], sheet)
    gathering = Gathering(merge, files=len(paths))
    for result in results:
        gathering.entries.extend(_file_entries(result, merge))
        gathering.rows += result.rows
        gathering.refused += result.refused
        gathering.lists += len(result.sheets)
    sent = {unit.code for r in results for unit in r.units}
    gathering.entries.extend(_unit_entries(book, merge.added, sent))
    return gathering


def list_files(folder: Path, skip: Path | None = None) -> list[Path]:
    """Every file under ``folder``, recursively, in path order; hidden folders left out."""
    skipped = skip.resolve() if skip is not None else None
    files = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts[:-1]) or not path.is_file():
            continue
        if skipped is not None and path.resolve() == skipped:
            continue
        files.append(path)
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix().casefold())


def model_updates(models: Sequence[Model]) -> list[CellUpdate]:
    """The Mô hình rows to append for ``models``: the code first, then every non-empty field."""
    updates = []
    for model in models:
        for name in WRITTEN_FIELDS:
            value = getattr(model, name)
            if name == "code" or value not in (None, ""):
                updates.append(CellUpdate("models", None, name, value))
    return updates


def _read_all(paths: Sequence[Path]) -> Iterator[list[RegistrationList] | WorkbookReadError | None]:
    """Each file's lists, or why it cannot be read, or None for a lock file; in worker processes
    when there are many files (reading is most of the time)."""
    count = min(os.cpu_count() or 1, MAX_WORKERS)
    if count < 2 or len(paths) < PROCESS_THRESHOLD:
        yield from map(_read_one, paths)
        return
    with ProcessPoolExecutor(count) as pool:
        yield from pool.map(_read_one, paths, chunksize=8)


def _read_one(path: Path) -> list[RegistrationList] | WorkbookReadError | None:
    if path.name.startswith(LOCK_PREFIX):
        return None
    try:
        return read_lists(path)
    except WorkbookReadError as error:
        return error


def _file_result(book: Workbook, folder: Path, path: Path,
                 found: list[RegistrationList] | WorkbookReadError | None) -> _FileResult:
    relative = path.relative_to(folder).as_posix()
    result = _FileResult(relative)
    if found is None:
        result.entries.append(Entry(
            SKIPPED, f"Tệp khóa của Excel: sổ “{path.name[len(LOCK_PREFIX):]}” đang được mở. Đã đọc "
            "bản lưu gần nhất của sổ đó; nếu đơn vị còn sửa, đóng sổ rồi chạy lại.", relative))
        return result
    if isinstance(found, WorkbookReadError):
        result.entries.append(Entry(SKIPPED, found.format_message().replace("\n", " "), relative))
        return result
    if not found:
        result.entries.append(Entry(
            SKIPPED, "Không có danh sách đăng ký: không sheet nào có dòng tiêu đề với cột “Tên mô "
            f"hình” (trong {LIST_SCAN_ROWS} dòng đầu). Nếu đây là danh sách của đơn vị, dùng mẫu “Phát mẫu cho đơn "
            "vị”.", relative))
        return result
    for registration in found:
        _check(book, registration, result)
    result.entries.extend(_late_file(book, path, relative))
    return result


def _check(book: Workbook, registration: RegistrationList, result: _FileResult) -> None:
    rows = len(registration.rows)
    result.rows += rows
    result.sheets.append(registration.sheet)
    unit, problem = find_unit(book.units, UnitClue.of(registration, PurePosixPath(result.path)))
    if unit is None:
        result.refused += rows
        result.entries.append(Entry(REFUSED, f"{problem} ({rows} dòng không được gộp.)", result.path,
                                    registration.sheet))
        return
    result.units.append(unit)
    checked = check_list(book, registration, unit, result.path)
    result.candidates.extend(checked.candidates)
    result.entries.extend(checked.entries)
    result.refused += checked.refused


def _late_file(book: Workbook, path: Path, relative: str) -> list[Entry]:
    deadline = book.settings.get("registration_deadline")
    saved = dt.date.fromtimestamp(path.stat().st_mtime)
    if not isinstance(deadline, dt.date) or saved <= deadline:
        return []
    return [Entry(LATE, f"Tệp được lưu lần cuối ngày {saved:%d/%m/%Y}, sau hạn đăng ký "
                  f"{deadline:%d/%m/%Y}. Các dòng vẫn được gộp; xem lại ngày đơn vị gửi.", relative)]


def _file_entries(result: _FileResult, merge: Merge) -> list[Entry]:
    """The file's entries: its summary line (when it held lists), then the rest by sheet and cell."""
    mine = [e for e in merge.entries if e.file == result.path]
    details = sorted([_with_code(e, merge) for e in result.entries] + mine, key=_position)
    if not result.sheets:
        return details
    unit = result.units[0].code if result.units else ""
    summary = Entry(FILE, _summary(result, merge), result.path, ", ".join(result.sheets), unit=unit)
    return [summary, *details]


def _with_code(entry: Entry, merge: Merge) -> Entry:
    """``entry`` with the code of the model its row went to (the clerk completes that row)."""
    match = _CELL.fullmatch(entry.cell)
    if entry.model or match is None or not match.group(2):
        return entry
    code = merge.codes.get(Origin(entry.file, entry.sheet, int(match.group(2))), "")
    return replace(entry, model=code)


def _summary(result: _FileResult, merge: Merge) -> str:
    path = result.path
    units = ", ".join(dict.fromkeys(f"“{u.name}” ({u.code})" for u in result.units)) or "không rõ đơn vị"
    parts = [f"{result.rows} dòng", f"nhận mới {merge.added_per_file[path]}",
             f"từ chối {result.refused}", f"trùng {merge.duplicates_per_file[path]}",
             f"mâu thuẫn {merge.conflicts_per_file[path]}"]
    if merge.known_per_file[path]:
        parts.append(f"đã gộp lần trước {merge.known_per_file[path]}")
    return f"Đơn vị {units}: " + "; ".join(parts) + "."


def _unit_entries(book: Workbook, added: Sequence[Model], sent: set[str]) -> list[Entry]:
    entries = [
        Entry(NOT_SENT, f"Đơn vị “{unit.name}” chưa gửi danh sách đăng ký (không có tệp nào của "
              "đơn vị trong thư mục).", unit=unit.code)
        for unit in book.units if unit.code not in sent
    ]
    try:
        targets = unit_targets(replace(book, models=(*book.models, *added)))
    except CellValueError as error:
        return [*entries, Entry(WARNING, f"{error.where}: {error.message}", unit="")]
    entries.extend(
        Entry(BELOW_TARGET, f"Đơn vị “{t.unit.name}” có {t.registered} mô hình, chỉ tiêu {t.target}: "
              f"còn thiếu {t.shortfall}.", unit=t.unit.code)
        for t in targets if t.shortfall
    )
    return entries


def _position(entry: Entry) -> tuple[str, int, int]:
    match = _CELL.fullmatch(entry.cell)
    letters, digits = (match.group(1), match.group(2)) if match else ("", "")
    return entry.sheet, int(digits) if digits else 0, column_index(letters)
