"""Safe file handling for workbooks we write: Excel-lock check, the workbook lock, backups, atomic
save, file facts (mode, owner) and leftovers of killed runs."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import stat
import time
import zipfile
from contextlib import AbstractContextManager
from pathlib import Path

import openpyxl

from ..errors import OutputError, WorkbookLockedError
from ..safety import atomic_path, remove_stale_temporaries
from ..safety.files import os_error_reason
from ..safety.locks import file_lock

BACKUP_DIR = ".dvk-backup"  #: folder beside the workbook holding copies made before each write
KEEP_BACKUPS = 10  #: backups kept per workbook; older ones are deleted
LOCK_SUFFIX = ".dvk.lock"  #: the workbook lock file beside the workbook: ``<stem>.dvk.lock``
LOCK_TIMEOUT = 60.0  #: seconds a writer waits for another one writing the same workbook
LEFTOVER_AGE = 600.0  #: seconds after which an old-style temporary workbook copy counts as left over


def check_unlocked(path: Path) -> None:
    """Raise WorkbookLockedError when Excel has ``path`` open (its ``~$`` owner file exists)."""
    owners = {path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])}
    if any(owner.exists() for owner in owners):
        raise WorkbookLockedError(
            f"Sổ “{path.name}” đang mở trong Excel. Hãy đóng sổ rồi chạy lại.",
            hint="(Nếu sổ đã đóng mà vẫn báo, xóa tệp ẩn “~$" + path.name + "” cạnh sổ.)",
        )


def book_lock(path: Path) -> AbstractContextManager[None]:
    """The lock every writer of the workbook ``path`` holds while it reads, changes and saves it.

    A second writer waits up to :data:`LOCK_TIMEOUT` seconds, then gets WorkbookLockedError.
    """
    lock = path.with_name(path.stem + LOCK_SUFFIX)
    return file_lock(lock, timeout=LOCK_TIMEOUT, busy=lambda: WorkbookLockedError(
        f"Sổ “{path.name}” đang được một lệnh dvk khác ghi vào (tệp khóa “{lock.name}”).",
        hint="Đợi lệnh kia chạy xong rồi chạy lại.",
    ))


def check_writable(path: Path) -> None:
    """Raise OutputError when ``path`` is marked read-only: it is refused, never overwritten."""
    if not os.stat(path).st_mode & stat.S_IWUSR:
        raise OutputError(
            f"Sổ “{path.name}” chỉ cho đọc (read-only) nên không ghi vào.",
            hint="Bỏ thuộc tính chỉ đọc của tệp (Thuộc tính > Chỉ đọc) hoặc chép sổ ra tệp khác rồi "
            "chạy lại.",
        )


def copy_file_facts(original: Path, copy: Path) -> None:
    """Give ``copy`` the mode and (where allowed) the owner and group of ``original``."""
    facts = os.stat(original)
    os.chmod(copy, stat.S_IMODE(facts.st_mode))
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only an administrator may give a file another owner
            os.chown(copy, facts.st_uid, facts.st_gid)


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temporaries of killed runs beside ``path``: ``.~dvk-…tmp`` files whose process is gone,
    and old-style ``.<stem>.<random><suffix>`` copies older than :data:`LEFTOVER_AGE`."""
    removed = remove_stale_temporaries(path.parent)
    old_style = re.compile(re.escape(f".{path.stem}.") + r"[A-Za-z0-9_]{8}" + re.escape(path.suffix))
    cutoff = time.time() - LEFTOVER_AGE
    for candidate in path.parent.glob(f".{path.stem}.*{path.suffix}"):
        try:
            if old_style.fullmatch(candidate.name) and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def backup(path: Path, keep: int = KEEP_BACKUPS) -> Path:
    """Copy ``path`` to ``.dvk-backup/<stem>.bak-YYYYMMDD-HHMMSS[-n]<suffix>``; keep the newest ``keep``.

    The copy is written atomically and checked (a readable zip whose members match their checksums)
    before it takes its name; a backup that is not a valid zip is never counted and is deleted.
    Raises OutputError when the copy cannot be written.
    """
    folder = path.parent / BACKUP_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise OutputError(f"Không tạo được thư mục sao lưu “{folder}”: {os_error_reason(error)}.",
                          hint="Kiểm tra quyền ghi và chỗ trống của ổ đĩa.") from error
    target = _next_backup_name(folder, path, dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
    remove_stale_temporaries(folder)
    with atomic_path(target) as temp:
        with path.open("rb") as source, temp.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
        if not is_valid_zip(temp, full=True):
            raise OutputError(f"Bản sao lưu của sổ “{path.name}” ghi ra không đọc lại được.",
                              hint="Kiểm tra ổ đĩa (còn chỗ trống, không lỗi) rồi chạy lại.")
    for old in list_backups(path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def _next_backup_name(folder: Path, path: Path, stamp: str) -> Path:
    """The backup name for ``stamp`` after every one taken in that second, so the newest backup
    sorts last even when pruning has freed an earlier name of the same second."""
    pattern = re.compile(re.escape(f"{path.stem}.bak-{stamp}") + r"(?:-(\d+))?" + re.escape(path.suffix))
    taken = [int(match.group(1) or 1) for candidate in folder.iterdir()
             if (match := pattern.fullmatch(candidate.name))]
    counter = max(taken, default=0) + 1
    suffix = f"-{counter}" if counter > 1 else ""
    return folder / f"{path.stem}.bak-{stamp}{suffix}{path.suffix}"


def list_backups(path: Path) -> list[Path]:
    """The valid backups of ``path`` in ``.dvk-backup``, oldest first (invalid ones are deleted)."""
    pattern = re.compile(re.escape(path.stem) + r"\.bak-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(path.suffix))
    found = []
    for candidate in (path.parent / BACKUP_DIR).glob(f"{path.stem}.bak-*"):
        match = pattern.fullmatch(candidate.name)
        if not match:
            continue
        if not is_valid_zip(candidate):
            candidate.unlink(missing_ok=True)
            continue
        found.append(((match.group(1), int(match.group(2) or 1)), candidate))
    return [candidate for _, candidate in sorted(found)]


def is_valid_zip(path: Path, *, full: bool = False) -> bool:
    """True when ``path`` is a readable zip; ``full`` also checks every member's checksum."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None if full else bool(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def save_atomically(book: openpyxl.Workbook, path: Path) -> None:
    """Save a NEW openpyxl ``book`` to a temporary file beside ``path``, then move it over ``path``.

    Only for files the program creates (``dvk init``, unit forms): a clerk's workbook is written by
    :func:`.writeback.rewrite`. Raises OutputError (Vietnamese) when it cannot be written.
    """
    with atomic_path(path) as temp:
        book.save(temp)
