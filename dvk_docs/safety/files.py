"""Outputs are written to a temporary name and renamed into place: never a half-written file.

A temporary file sits beside its target (same folder, so the rename is atomic on every platform)
and is named ``.~dvk-<pid>-<random>-<target name>.tmp``: it never ends in .docx/.pdf/.xlsx, so a
killed run leaves no file that looks like an output. :func:`remove_stale_temporaries` deletes the
ones whose process is gone; every batch calls it on its output folder before writing.
"""

from __future__ import annotations

import errno
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

TEMP_PREFIX = ".~dvk-"  #: name prefix of every temporary output file
TEMP_SUFFIX = ".tmp"  #: name suffix of every temporary output file


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: temporary file, fsync, rename over ``path``.

    Raises :class:`OutputError` (Vietnamese) when the folder is not writable or ``path`` is held
    open by another program (Word on Windows).
    """
    with atomic_path(path) as temp, temp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to (by a library); renamed over ``path`` on success.

    On any error the temporary file is removed and ``path`` is left as it was. Raises :class:`OutputError` when the file cannot be created or replaced.
    """
    path = Path(path)
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{path.name}{TEMP_SUFFIX}")
    try:
        temp.parent.mkdir(parents=True, exist_ok=True)
        temp.touch(exist_ok=False)
    except OSError as error:
        raise _output_error(path, error) from error
    try:
        yield temp
        _fsync_file(temp)
        os.replace(temp, path)
        fsync_dir(path.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _output_error(path, error) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def is_temporary(path: Path) -> bool:
    """True for a temporary file made by :func:`atomic_path`."""
    return path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files in ``folder`` (not below) left by processes that no longer run.

    Returns the paths removed. A missing folder has none.
    """
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        if is_temporary(path) and not is_process_alive(_owner_pid(path)):
            try:
                path.unlink()
            except OSError:
                continue  # held by another program: try again next run
            removed.append(path)
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op on Windows, where folders cannot be fsynced)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _owner_pid(path: Path) -> int:
    try:
        return int(path.name[len(TEMP_PREFIX):].split("-", 1)[0])
    except ValueError:
        return 0


_REASONS = {  #: what an OSError means, in the clerk's words
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EIO: "lỗi đọc/ghi ổ đĩa",
}


def os_error_reason(error: OSError) -> str:
    """What ``error`` means, in Vietnamese when it is a known cause (disk full, read-only…)."""
    return _REASONS.get(error.errno or 0) or str(error.strerror or error)


def _output_error(path: Path, error: OSError) -> OutputError:
    reason = _REASONS.get(error.errno or 0)
    if isinstance(error, PermissionError) and path.exists():
        return OutputError(
            f"Không ghi được “{path.name}”: tệp đang mở trong chương trình khác (Word, Excel…) hoặc "
            "chỉ cho đọc.",
            hint=f"Đóng tệp rồi chạy lại. Thư mục: {path.parent}",
        )
    return OutputError(
        f"Không ghi được vào thư mục “{path.parent}”: {reason or error.strerror or error}.",
        hint="Giải phóng chỗ trống trên ổ đĩa, hoặc chọn thư mục kết quả khác (tùy chọn --out hoặc "
        "“Thư mục kết quả” trong Cấu hình), hoặc kiểm tra quyền ghi." if reason else
        "Chọn thư mục kết quả khác (tùy chọn --out hoặc “Thư mục kết quả” trong Cấu hình) "
        "hoặc kiểm tra quyền ghi.",
    )


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


if sys.platform == "win32":

    def is_process_alive(pid: int) -> bool:
        """True while the process ``pid`` runs (0 or a negative pid is never alive)."""
        import ctypes

        if pid <= 0:
            return False
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)

else:

    def is_process_alive(pid: int) -> bool:
        """True while the process ``pid`` runs (0 or a negative pid is never alive; zombies are dead)."""
        if pid <= 0:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return True
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
