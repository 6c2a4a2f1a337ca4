"""Installing for one Windows user, with APPDATA/USERPROFILE pointed at temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvk_docs.addin.build import ADDIN_FILE
from dvk_docs.addin.install import InstallPlaces, install_addin, settings_lines, uninstall_addin
from dvk_docs.errors import DvkError
from dvk_docs.resources import data_dir


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    return {"APPDATA": str(tmp_path / "Roaming"), "USERPROFILE": str(tmp_path / "User"),
            "LOCALAPPDATA": str(tmp_path / "User" / "AppData" / "Local")}


def test_install_puts_the_addin_in_xlstart_and_the_interpreter_in_the_settings(environ):
    places = InstallPlaces.from_environ(environ)
    python = str(Path(environ["LOCALAPPDATA"]) / "Programs" / "Python311" / "python.exe")
    written = install_addin(data_dir("excel_addin") / ADDIN_FILE, places, environ, interpreter=python)

    xlstart = Path(environ["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART" / "dvk_docs.xlam"
    config = Path(environ["USERPROFILE"]) / ".dvkdocs" / "dvkdocs.conf"
    assert written == [xlstart, config]
    assert xlstart.read_bytes() == (data_dir("excel_addin") / ADDIN_FILE).read_bytes()
    lines = config.read_bytes().decode("ascii").split("\r\n")
    sep = python[len(environ["LOCALAPPDATA"])]
    assert lines[0] == f'"INTERPRETER_WIN","%LOCALAPPDATA%{sep}Programs{sep}Python311{sep}python.exe"'
    assert '"ADD_WORKBOOK_TO_PYTHONPATH","False"' in lines
    assert '"USE UDF SERVER","False"' in lines
    assert lines[-1] == ""


def test_settings_use_windows_variables_case_insensitively():
    environ = {"USERPROFILE": r"C:\Users\Nguyễn Văn A", "APPDATA": r"C:\Users\Nguyễn Văn A\AppData\Roaming"}
    lines = settings_lines(r"c:\users\nguyễn văn a\venv\Scripts\python.exe", r"D:\dvk", environ)
    assert lines[0] == r'"INTERPRETER_WIN","%USERPROFILE%\venv\Scripts\python.exe"'
    assert lines[1] == r'"PYTHONPATH","D:\dvk"'


def test_a_python_path_with_vietnamese_letters_outside_the_profile_is_refused(environ):
    places = InstallPlaces.from_environ(environ)
    with pytest.raises(DvkError, match="chữ có dấu"):
        install_addin(data_dir("excel_addin") / ADDIN_FILE, places, environ,
                      interpreter=r"D:\Phần mềm\python.exe")
    assert not places.addin.exists()


def test_uninstall_removes_both_files_and_reports_when_nothing_is_installed(environ):
    places = InstallPlaces.from_environ(environ)
    install_addin(data_dir("excel_addin") / ADDIN_FILE, places, environ, interpreter=r"C:\Python311\python.exe")
    assert uninstall_addin(places) == [places.addin, places.config]
    assert not places.addin.exists() and not places.config.parent.exists()
    assert uninstall_addin(places) == []


def test_without_windows_folders_the_clerk_is_told_to_use_windows():
    with pytest.raises(DvkError, match="chỉ dùng trên Windows"):
        InstallPlaces.from_environ({"HOME": "/home/x"})
