"""The document-number register (sổ đăng ký số văn bản): numbers never given twice, without gaps.

The register lives beside the workbook as an append-only journal, ``<book stem>.so-van-ban.jsonl``,
guarded by ``<book stem>.so-van-ban.lock``. Every change is one JSON line written and fsync'ed while
the lock is held, so two processes allocating at the same time never see the same state, and a crash
loses at most the line being written (a torn last line is ignored: the call that wrote it never
returned, so nobody holds that number).

Life of a number: :func:`allocate` appends ``reserved`` (owner process, target file) →
(:func:`assign` appends ``reserved`` again with the target file when it is known only after
rendering) → the caller writes the document → :func:`confirm` appends ``issued`` (with the file),
or :func:`release` appends ``released`` when the document is not produced. Symbols and number
lines are spelled by the format profile (``formats/profiles.py``, its JSON), as in the documents.

Recovery after a crash (decided here, see docs/reliability.md): a reservation whose owner process is
gone is *orphaned*. If its target file exists the document was written before the crash, so the
number counts as issued; otherwise the number is free again. :func:`allocate` always hands out the
lowest free number of the series first (released or orphaned), then ``max + 1`` — so the issued
numbers stay 1, 2, 3 … without gaps and without duplicates. :func:`pending` lists reservations that
are neither issued nor free, for a warning.

Series (what restarts where) follow the format profile (reference/format-rules-research.md §1.3,
§2.4): Nhà nước and Công đoàn count from 01 on 1 January of each calendar year; Đảng counts
through the term of the committee (nhiệm kỳ), from the Cấu hình date "Ngày bắt đầu nhiệm kỳ". One
series for every kind of document, or one per kind (Cấu hình "Đánh số văn bản"; by default shared
for Nhà nước and Công đoàn, per kind for Đảng).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import socket
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CellRef, DvkError, Finding, OutputError
from .formats.profiles import Profile, load_profile
from .model import CellUpdate, Settings, Workbook
from .safety.files import fsync_dir, is_process_alive
from .safety.locks import file_lock
from .vntext.numbers import leading_zero
from .workbook.schema import PROFILE_CHOICES

REGISTER_SUFFIX = ".so-van-ban.jsonl"  #: the journal beside the workbook
LOCK_SUFFIX = ".so-van-ban.lock"  #: the lock file beside the workbook
LOCK_TIMEOUT = 30.0  #: seconds to wait for another process to finish its allocation
FOREIGN_LEASE = dt.timedelta(hours=24)  #: a reservation made on another computer expires after this
SHARED_SERIES = "*"  #: the kind key of a series shared by every kind of document
SCOPE_SHARED = "Chung"  #: Cấu hình "Đánh số văn bản": one series for every kind
SCOPE_PER_KIND = "Riêng từng loại"  #: Cấu hình "Đánh số văn bản": one series per kind


ENTRY_FIELDS: dict[str, type | tuple[type, ...]] = {  #: every journal entry's fields and types
    "event": str, "series": str, "number": int, "kind": str, "line": str, "symbol": str, "date": str,
    "summary": str, "file": str, "pid": int, "host": str, "at": str,
}
EVENTS = frozenset({"reserved", "issued", "released"})  #: the events a journal line records


class RegisterDamagedError(DvkError):
    """A complete line of the journal is not an entry the program wrote (it was edited by hand):
    which numbers are taken is unknown, so none is given until it is mended."""


class RegisterBusyError(OutputError):
    """Another process holds the register's lock for longer than :data:`LOCK_TIMEOUT`."""


@dataclass(frozen=True)
class NumberingRule:
    """How one issuing body numbers its documents.

    ``profile`` is a format profile id (``"nha-nuoc"``, ``"dang"``, ``"cong-doan"``); ``issuing_abbr`` is the body's
    abbreviation in symbols (UBND, ĐUK, LĐLĐ); ``per_kind`` False = one series for all kinds;
    ``term_start`` is the first day of the Party committee's term (required for ``"dang"``).
    """

    profile: str
    issuing_abbr: str
    per_kind: bool
    term_start: dt.date | None = None

    def series(self, kind: str, on: dt.date) -> str:
        """The key of the series a document of ``kind`` dated ``on`` is numbered in.

        Raises :class:`DvkError` for a Party body without a term start, or a date before it.
        """
        kind_key = kind if self.per_kind else SHARED_SERIES
        if not self.format_profile.is_party:
            return f"{on.year}/{kind_key}"
        if self.term_start is None:
            raise DvkError(
                "Thể thức Đảng đánh số văn bản liên tục trong nhiệm kỳ, nhưng Sheet “Cấu hình” chưa "
                "có “Ngày bắt đầu nhiệm kỳ”.",
                hint="Ghi ngày đại hội bắt đầu nhiệm kỳ (dd/mm/yyyy) vào Cấu hình rồi cấp số lại.",
            )
        if on < self.term_start:
            raise DvkError(
                f"Ngày văn bản {on:%d/%m/%Y} trước ngày bắt đầu nhiệm kỳ "
                f"{self.term_start:%d/%m/%Y} ghi trong Sheet “Cấu hình”.",
                hint="Sửa ngày văn bản hoặc “Ngày bắt đầu nhiệm kỳ”.",
            )
        return f"nhiem-ky-{self.term_start.isoformat()}/{kind_key}"

    @property
    def format_profile(self) -> Profile:
        """The format profile that spells symbols and number lines (one source: its JSON)."""
        return load_profile(self.profile)

    def symbol(self, kind: str) -> str:
        """The ký hiệu after the number: ``QĐ-UBND`` (State, union) or ``QĐ/ĐUK`` (Party)."""
        return self.format_profile.symbol(kind, self.issuing_abbr)

    def number_line(self, number: int, kind: str) -> str:
        """The full number line: ``Số: 05/QĐ-UBND`` (State, union) or ``Số 29-KH/ĐUK`` (Party)."""
        return self.format_profile.number_line(leading_zero(number), self.symbol(kind))


@dataclass(frozen=True)
class Allocation:
    """A number taken from the register: ``number`` 1, 2, …; ``text`` "05"; ``symbol`` "QĐ-UBND"."""

    number: int
    symbol: str
    series: str
    kind: str
    line: str  #: the number line printed in the document, e.g. "Số: 05/QĐ-UBND"
    date: dt.date
    summary: str = ""
    file: str = ""
    signer: str = ""

    @property
    def text(self) -> str:
        """The number as printed: two digits at least (from 01)."""
        return leading_zero(self.number)


def numbering_rule(settings: Settings, profile: str | None = None) -> NumberingRule:
    """The :class:`NumberingRule` of the workbook's Cấu hình (profile, abbreviation, scope, term).

    ``profile`` (an id, e.g. from ``--profile``) replaces Cấu hình "Thể thức văn bản".
    """
    profile = profile or PROFILE_CHOICES.get(settings.text("profile", "Nhà nước"), "nha-nuoc")
    scope = settings.text("numbering_scope")
    per_kind = scope == SCOPE_PER_KIND if scope else load_profile(profile).is_party
    term_start = settings.get("term_start")
    return NumberingRule(
        profile=profile,
        issuing_abbr=settings.text("issuing_abbr"),
        per_kind=per_kind,
        term_start=term_start if isinstance(term_start, dt.date) else None,
    )


def register_path(book_path: Path) -> Path:
    """The journal file of the workbook ``book_path``."""
    return book_path.with_name(book_path.stem + REGISTER_SUFFIX)


def allocate(
    book_path: Path,
    kind: str,
    on: dt.date,
    *,
    rule: NumberingRule,
    summary: str = "",
    file: Path | str = "",
    signer: str = "",
) -> Allocation:
    """Take the lowest free number of the series of ``kind`` (a type code: "QĐ", "KH") on ``on``.

    ``file`` is where the numbered document will be written: if this process dies before
    :func:`confirm`, a later allocation treats the number as issued when that file exists, and
    reuses it otherwise. Raises :class:`RegisterBusyError` when the lock cannot be taken and
    :class:`OutputError` when the register cannot be written.
    """
    series = rule.series(kind, on)
    with _locked(book_path):
        state = _replay(_read_entries(book_path))
        number = state.lowest_free(series)
        entry = {
            "event": "reserved", "series": series, "number": number, "kind": kind,
            "line": rule.number_line(number, kind), "symbol": rule.symbol(kind),
            "date": on.isoformat(), "summary": summary, "file": str(file), "signer": signer,
            **_owner(),
        }
        _append(book_path, entry)
    return _allocation(entry)


def assign(book_path: Path, allocation: Allocation, file: Path | str) -> Allocation:
    """Record where the document of a reserved ``allocation`` will be written (known only after
    rendering it with the number): from now on a crash counts the number as issued once ``file``
    exists. The number stays reserved by this process."""
    moved = _replace_file(allocation, file)
    with _locked(book_path):
        _append(book_path, {"event": "reserved", **_fields(moved)})
    return moved


def confirm(book_path: Path, allocation: Allocation, file: Path | str | None = None) -> Allocation:
    """Mark ``allocation`` as issued with the document ``file`` (default: the file given earlier)."""
    done = _replace_file(allocation, file)
    with _locked(book_path):
        _append(book_path, {"event": "issued", **_fields(done)})
    return done


def release(book_path: Path, allocation: Allocation) -> None:
    """Give the number back (the document was not produced): the next allocation reuses it."""
    with _locked(book_path):
        _append(book_path, {"event": "released", **_fields(allocation)})


def issued(book_path: Path) -> list[Allocation]:
    """Every issued number, in the order of the journal (recovered ones included)."""
    return [_allocation(entry) for entry in _replayed(book_path).issued_entries()]


def pending(book_path: Path) -> list[Allocation]:
    """Reservations still held by a live process (or one on another computer): not issued yet."""
    return [_allocation(entry) for entry in _replayed(book_path).held_entries()]


def register_updates(book: Workbook, book_path: Path) -> list[CellUpdate]:
    """The rows to add to the Văn bản sheet (schema key ``documents``) for issued numbers not yet there.

    A number is "there" when a row has the same number text and symbol. New rows are placed after
    the last existing data row, in journal order; a file in the workbook's folder is written
    relative to it.
    """
    present = {(d.number.lstrip("0"), d.symbol) for d in book.documents}
    layout = book.layouts.get("documents")
    last_row = max([d.row for d in book.documents] + [layout.header_row if layout else 1])
    updates: list[CellUpdate] = []
    for allocation in issued(book_path):
        if (str(allocation.number), allocation.symbol) in present:
            continue
        last_row += 1
        values = {
            "number": allocation.text, "symbol": allocation.symbol, "date": allocation.date,
            "kind": allocation.kind, "summary": allocation.summary, "signer": allocation.signer,
            "file": _relative(allocation.file, book_path.parent),
        }
        updates.extend(CellUpdate("documents", last_row, key, value) for key, value in values.items())
    return updates


def register_problems(book_path: Path, where: CellRef) -> list[Finding]:
    """register-damaged: the journal beside ``book_path`` has a line that is no entry (reported at
    ``where``, the Văn bản sheet); [] when it reads well or does not exist. Reads without the lock
    and creates nothing (appends are whole lines; a torn last line is ignored)."""
    try:
        _read_entries(book_path)
    except RegisterDamagedError as error:
        return [Finding("error", "register-damaged", f"{error.message} {error.hint}", where.sheet, where.cell)]
    return []


def _relative(file: str, folder: Path) -> str:
    """``file`` relative to ``folder`` when it lies inside it, else as recorded."""
    if not file:
        return file
    path = Path(file)
    try:
        return str(path.relative_to(folder.resolve() if path.is_absolute() else folder))
    except ValueError:
        return file


# --- journal ------------------------------------------------------------------------------------


@dataclass
class _State:
    """The register replayed from the journal: per series, the latest entry of each number."""

    latest: dict[tuple[str, int], dict[str, Any]]

    def lowest_free(self, series: str) -> int:
        """The lowest released or orphaned number of ``series``; else one past its highest."""
        numbers = [(n, e) for (s, n), e in self.latest.items() if s == series]
        free = [n for n, e in numbers if _is_free(e)]
        return min(free) if free else max((n for n, _ in numbers), default=0) + 1

    def issued_entries(self) -> list[dict[str, Any]]:
        return [e for e in self.latest.values() if e["event"] == "issued" or _is_recovered(e)]

    def held_entries(self) -> list[dict[str, Any]]:
        return [e for e in self.latest.values() if e["event"] == "reserved" and not _is_orphan(e)]


def _replayed(book_path: Path) -> _State:
    """The register of ``book_path`` as it stands, read under its lock."""
    with _locked(book_path):
        return _replay(_read_entries(book_path))


def _replay(entries: Sequence[dict[str, Any]]) -> _State:
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    for entry in entries:
        latest.pop((entry["series"], entry["number"]), None)  # keep journal order of last change
        latest[(entry["series"], entry["number"])] = entry
    return _State(latest)


def _is_free(entry: dict[str, Any]) -> bool:
    if entry["event"] == "released":
        return True
    return entry["event"] == "reserved" and _is_orphan(entry) and not _is_recovered(entry)


def _is_recovered(entry: dict[str, Any]) -> bool:
    """An orphaned reservation whose document was written before the crash counts as issued."""
    return (
        entry["event"] == "reserved" and _is_orphan(entry)
        and bool(entry["file"]) and Path(entry["file"]).exists()
    )


def _is_orphan(entry: dict[str, Any]) -> bool:
    if entry["host"] != socket.gethostname():
        made = dt.datetime.fromisoformat(entry["at"])
        return dt.datetime.now(dt.timezone.utc) - made > FOREIGN_LEASE
    return not is_process_alive(entry["pid"])


def _read_entries(book_path: Path) -> list[dict[str, Any]]:
    """The journal's entries; only bytes appended since the last call are parsed (cache).

    Raises RegisterDamagedError for a complete line that is JSON but no entry (edited by hand).
    """
    path = register_path(book_path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    key = str(path.resolve())
    identity, offset, lines, entries = _CACHE.get(key, (None, 0, 0, []))
    if identity != (stat.st_dev, stat.st_ino) or stat.st_size < offset:
        offset, lines, entries = 0, 0, []
    with path.open("rb") as handle:
        handle.seek(offset)
        chunk = handle.read()
    complete = chunk[: chunk.rfind(b"\n") + 1]  # a torn last line is re-read next time
    entries = entries + _parse_lines(complete, path, lines)
    _CACHE[key] = ((stat.st_dev, stat.st_ino), offset + len(complete), lines + complete.count(b"\n"), entries)
    return entries


_CACHE: dict[str, tuple[tuple[int, int] | None, int, int, list[dict[str, Any]]]] = {}


def _parse_lines(data: bytes, path: Path, lines_before: int) -> list[dict[str, Any]]:
    """The entries of the complete lines ``data``; line numbers count from ``lines_before`` + 1."""
    entries = []
    for number, line in enumerate(data.split(b"\n")[:-1], start=lines_before + 1):
        try:
            entry = json.loads(line)
        except ValueError:  # empty, or a torn line sealed by a later write: its writer never returned
            continue
        problem = _entry_problem(entry)
        if problem:
            raise RegisterDamagedError(
                f"Sổ đăng ký số văn bản “{path.name}”, dòng {number}: {problem}, nên không biết số nào "
                "đã cấp.",
                hint="Dòng này đã bị sửa tay. Mở tệp bằng Notepad, sửa dòng đó cho đủ các mục như những "
                "dòng khác (hoặc chép lại tệp từ bản sao lưu) rồi chạy lại; chưa cấp số nào cho đến khi "
                "sổ đăng ký đọc được.",
            )
        entries.append(entry)
    return entries


def _entry_problem(entry: object) -> str:
    """What makes ``entry`` (one parsed line) no journal entry, or ""."""
    if not isinstance(entry, dict):
        return "không phải một mục của sổ đăng ký"
    missing = [name for name in ENTRY_FIELDS if name not in entry]
    if missing:
        return "thiếu " + ", ".join(f"mục “{name}”" for name in missing)
    wrong = [name for name, kind in ENTRY_FIELDS.items()
             if not isinstance(entry[name], kind) or isinstance(entry[name], bool)]
    if wrong:
        return "sai kiểu giá trị ở " + ", ".join(f"mục “{name}”" for name in wrong)
    if entry["event"] not in EVENTS:
        return f"mục “event” có giá trị lạ “{entry['event']}”"
    try:
        dt.date.fromisoformat(entry["date"])
        dt.datetime.fromisoformat(entry["at"])
    except ValueError:
        return "ngày ghi trong mục “date” hoặc “at” không đọc được"
    return ""


def _append(book_path: Path, entry: dict[str, Any]) -> None:
    path = register_path(book_path)
    line = json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n"
    try:
        is_new = not path.exists()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o644)
        try:
            if not is_new and _ends_without_newline(path):
                line = b"\n" + line  # seal a torn line left by a crash
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        if is_new:
            fsync_dir(path.parent)
    except OSError as error:
        raise OutputError(
            f"Không ghi được sổ đăng ký số văn bản “{path.name}” ({error.strerror}).",
            hint="Kiểm tra thư mục của sổ theo dõi có cho phép ghi không.",
        ) from error


def _ends_without_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        if handle.seek(0, os.SEEK_END) == 0:
            return False
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) != b"\n"


def _owner() -> dict[str, Any]:
    return {
        "pid": os.getpid(), "host": socket.gethostname(),
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def _fields(allocation: Allocation) -> dict[str, Any]:
    return {
        "series": allocation.series, "number": allocation.number, "kind": allocation.kind,
        "line": allocation.line, "symbol": allocation.symbol, "date": allocation.date.isoformat(),
        "summary": allocation.summary, "file": allocation.file, "signer": allocation.signer,
        **_owner(),
    }


def _allocation(entry: dict[str, Any]) -> Allocation:
    return Allocation(
        number=entry["number"], symbol=entry["symbol"], series=entry["series"], kind=entry["kind"],
        line=entry["line"], date=dt.date.fromisoformat(entry["date"]), summary=entry["summary"],
        file=entry["file"], signer=entry.get("signer", ""),
    )


def _replace_file(allocation: Allocation, file: Path | str | None) -> Allocation:
    return allocation if file is None else dataclasses.replace(allocation, file=str(file))


# --- lock ---------------------------------------------------------------------------------------


def _locked(book_path: Path) -> AbstractContextManager[None]:
    """Hold the register's OS lock (released if we die); :class:`RegisterBusyError` after a wait."""
    path = book_path.with_name(book_path.stem + LOCK_SUFFIX)
    return file_lock(path, timeout=LOCK_TIMEOUT, busy=lambda: RegisterBusyError(
        f"Sổ đăng ký số văn bản đang được một chương trình khác dùng (tệp “{path.name}”).",
        hint="Đợi chương trình kia chạy xong rồi thử lại.",
    ))
