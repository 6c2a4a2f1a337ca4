"""Safe file handling for workbooks we rewrite: Excel-lock check, backups, atomic save."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import openpyxl

from ..errors import OutputError, WorkbookLockedError

BACKUP_DIR = ".dvk-backup"  #: folder beside the workbook holding copies made before each write
KEEP_BACKUPS = 10  #: backups kept per workbook; older ones are deleted


def check_unlocked(path: Path) -> None:
    """Raise WorkbookLockedError when Excel has ``path`` open (its ``~$`` owner file exists)."""
    owners = {path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])}
    if any(owner.exists() for owner in owners):
        raise WorkbookLockedError(
            f"Sổ “{path.name}” đang mở trong Excel. Hãy đóng sổ rồi chạy lại.",
            hint="(Nếu sổ đã đóng mà vẫn báo, xóa tệp ẩn “~$" + path.name + "” cạnh sổ.)",
        )


def backup(path: Path, keep: int = KEEP_BACKUPS) -> Path:
    """Copy ``path`` to ``.dvk-backup/<stem>.bak-YYYYMMDD-HHMMSS[-n]<suffix>``; keep the newest ``keep``."""
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.bak-{stamp}{path.suffix}"
    counter = 2
    while target.exists():
        target = folder / f"{path.stem}.bak-{stamp}-{counter}{path.suffix}"
        counter += 1
    target.write_bytes(path.read_bytes())
    for old in list_backups(path)[:-keep]:
        old.unlink()
    return target


def list_backups(path: Path) -> list[Path]:
    """The backups of ``path`` in ``.dvk-backup``, oldest first."""
    pattern = re.compile(re.escape(path.stem) + r"\.bak-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(path.suffix))
    found = []
    for candidate in (path.parent / BACKUP_DIR).glob(f"{path.stem}.bak-*"):
        match = pattern.fullmatch(candidate.name)
        if match:
            found.append(((match.group(1), int(match.group(2) or 1)), candidate))
    return [candidate for _, candidate in sorted(found)]


def save_atomically(book: openpyxl.Workbook, path: Path) -> None:
    """Save ``book`` to a temporary file beside ``path``, then move it over ``path``."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        book.save(temp)
        os.replace(temp, path)
    except PermissionError as error:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"Không ghi được sổ “{path.name}”: tệp đang bị chương trình khác giữ.",
                          hint="Đóng Excel (hoặc chương trình đang mở sổ) rồi chạy lại.") from error
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
