"""Install the add-in for one Windows user, without admin rights; uninstall it again.

The .xlam goes to the user's XLSTART folder (``%APPDATA%\\Microsoft\\Excel\\XLSTART``): Excel opens
every file there at start-up, and XLSTART is one of Office's default Trusted Locations, so its
macros run without the yellow bar. The xlwings settings file of the add-in
(``%USERPROFILE%\\.dvkdocs\\dvkdocs.conf``, read by the add-in's VBA) names the Python that has
dvk_docs installed. All paths come from an environment mapping, so tests run anywhere.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from ..errors import DvkError, OutputError
from .build import ADDIN_FILE
from .vba import CONFIG_NAME

ENV_FOLDERS = ("LOCALAPPDATA", "APPDATA", "USERPROFILE")  #: written as %VAR% in the settings file


@dataclass(frozen=True)
class InstallPlaces:
    """Where the add-in and its settings go for one user."""

    addin: Path  #: ...\XLSTART\dvk_docs.xlam
    config: Path  #: ...\.dvkdocs\dvkdocs.conf

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> InstallPlaces:
        """The places for the user whose environment is ``environ`` (APPDATA, USERPROFILE).

        Raises DvkError when they are not set (not Windows).
        """
        missing = [name for name in ("APPDATA", "USERPROFILE") if not environ.get(name)]
        if missing:
            raise DvkError(
                "Lệnh này chỉ dùng trên Windows (không thấy biến môi trường "
                f"{', '.join(missing)}).",
                hint="Chạy “dvk addin install” trong cửa sổ dòng lệnh (cmd) của Windows.",
            )
        xlstart = Path(environ["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"
        return cls(xlstart / ADDIN_FILE, Path(environ["USERPROFILE"]) / f".{CONFIG_NAME}" / f"{CONFIG_NAME}.conf")


def settings_lines(interpreter: str, pythonpath: str, environ: Mapping[str, str]) -> list[str]:
    """The xlwings settings (``"KEY","VALUE"`` lines) that make the buttons run this Python.

    Paths under %LOCALAPPDATA%, %APPDATA% or %USERPROFILE% are written with the variable (the VBA
    expands it), so a user name with Vietnamese letters does not pass through the ANSI file reader.
    """
    settings = {
        "INTERPRETER_WIN": _with_variables(interpreter, environ),
        "PYTHONPATH": _with_variables(pythonpath, environ),
        "ADD_WORKBOOK_TO_PYTHONPATH": "False",  # a stray docx.py beside a workbook must not win
        "USE UDF SERVER": "False",
        "SHOW CONSOLE": "False",
    }
    return [f'"{key}","{value}"' for key, value in settings.items()]


def install_addin(addin: Path, places: InstallPlaces, environ: Mapping[str, str],
                  interpreter: str | None = None) -> list[Path]:
    """Copy ``addin`` into XLSTART and write the settings file; return both paths.

    ``interpreter`` defaults to the running Python (``python.exe``, not ``pythonw.exe``).
    Raises DvkError when that path has letters outside ASCII (the add-in's VBA cannot read them),
    OutputError when a file cannot be written (e.g. Excel is open and holds the add-in).
    """
    python = interpreter or _console_python(sys.executable)
    lines = settings_lines(python, str(Path(__file__).resolve().parents[2]), environ)
    if not all(line.isascii() for line in lines):
        raise DvkError(
            f"Đường dẫn tới Python có chữ có dấu ({python}); phần VBA của add-in không đọc được.",
            hint="Cài Python vào thư mục không dấu, ví dụ C:\\Python311, rồi cài lại dvk-docs.",
        )
    try:
        places.addin.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(addin, places.addin)
        places.config.parent.mkdir(parents=True, exist_ok=True)
        places.config.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    except OSError as error:
        raise OutputError(
            f"Không ghi được “{error.filename}”: {error.strerror or error}.",
            hint="Đóng hết cửa sổ Excel rồi chạy lại “dvk addin install”.",
        ) from error
    return [places.addin, places.config]


def uninstall_addin(places: InstallPlaces) -> list[Path]:
    """Remove the add-in and its settings; return what was removed (nothing when not installed).

    Raises OutputError when a file cannot be removed (Excel is open).
    """
    removed = []
    for path in (places.addin, places.config):
        if path.exists():
            try:
                path.unlink()
            except OSError as error:
                raise OutputError(f"Không xoá được “{path}”: {error.strerror or error}.",
                                  hint="Đóng hết cửa sổ Excel rồi chạy lại “dvk addin uninstall”.") from error
            removed.append(path)
    if places.config.parent.is_dir() and not any(places.config.parent.iterdir()):
        places.config.parent.rmdir()
    return removed


def _console_python(executable: str) -> str:
    path = PureWindowsPath(executable) if "\\" in executable else Path(executable)
    if path.name.lower() == "pythonw.exe":
        return str(path.with_name("python.exe"))
    return executable


def _with_variables(path: str, environ: Mapping[str, str]) -> str:
    for name in ENV_FOLDERS:
        folder = environ.get(name, "").rstrip("\\/")
        head, rest = path[:len(folder)], path[len(folder):]
        if folder and head.lower() == folder.lower() and rest[:1] in ("\\", "/"):
            return f"%{name}%{rest}"
    return path
