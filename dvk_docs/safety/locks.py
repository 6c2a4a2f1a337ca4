"""One cross-platform OS lock on a file beside the data it guards (fcntl on POSIX, msvcrt on Windows).

The lock is released by the operating system when its process dies, so a killed run never leaves
a lock behind. It is re-entrant within one process: a writer already holding the lock of a path may
take it again (the number register and the workbook writer nest that way).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import DvkError, OutputError
from .files import os_error_reason

_held = threading.local()  #: per thread: ``paths``, lock path -> how many times it is held


@contextmanager
def file_lock(path: Path, *, timeout: float, busy: Callable[[], DvkError]) -> Iterator[None]:
    """Hold the OS lock on ``path`` (created when missing) for the ``with`` block.

    Waits up to ``timeout`` seconds for another process; then raises ``busy()``. Raises
    :class:`OutputError` (Vietnamese) when the lock file cannot be created.
    """
    key = os.path.normcase(os.path.abspath(path))
    held: dict[str, int] = _held.__dict__.setdefault("paths", {})
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(
            f"Không tạo được tệp khóa “{path.name}” ({os_error_reason(error)}).",
            hint=f"Kiểm tra thư mục “{path.parent}” có cho phép ghi không.",
        ) from error
    try:
        _acquire(fd, timeout, busy)
        held[key] = 1
        try:
            yield
        finally:
            del held[key]
            _unlock(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, timeout: float, busy: Callable[[], DvkError]) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.001
    while not _try_lock(fd):
        if time.monotonic() > deadline:
            raise busy()
        time.sleep(delay)
        delay = min(delay * 2, 0.02)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
