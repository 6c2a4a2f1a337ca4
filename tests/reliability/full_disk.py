"""Run ``dvk`` with a disk that fails: every write into a temporary file of dvk raises an OSError once
``BUDGET`` bytes have been written into such files (the book's backup copy and the new book).

``python -m tests.reliability.full_disk ERRNO BUDGET dvk-arguments…`` — ERRNO a name such as
``ENOSPC``, ``EROFS`` or ``EACCES``. Only files whose name starts with :data:`TEMP_PREFIX` are
affected (dvk writes every file through one of those), so reading still works.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys
from typing import Any

from dvk_docs.safety import TEMP_PREFIX


class _FailingFile:
    """A file object whose writes fail once the shared budget is spent."""

    budget = 0

    def __init__(self, raw: Any, code: int) -> None:
        self._raw, self._code = raw, code

    def write(self, data: bytes) -> int:
        if len(data) > _FailingFile.budget:
            raise OSError(self._code, os.strerror(self._code))
        _FailingFile.budget -= len(data)
        return self._raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()


def install(code: int, budget: int) -> None:
    """Make every dvk temporary file opened for writing fail after ``budget`` bytes in all."""
    real_open = io.open
    _FailingFile.budget = budget

    def failing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        name = os.path.basename(os.fspath(file)) if isinstance(file, (str, bytes, os.PathLike)) else ""
        if isinstance(name, str) and name.startswith(TEMP_PREFIX) and any(c in mode for c in "wa+"):
            return _FailingFile(handle, code)
        return handle

    io.open = builtins.open = failing_open  # type: ignore[assignment]


if __name__ == "__main__":
    install(getattr(errno, sys.argv[1]), int(sys.argv[2]))
    from dvk_docs.cli import main

    main(sys.argv[3:])
