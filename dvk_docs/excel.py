"""The Excel front door: what a ribbon button runs, ``run_button(tag)``, through xlwings.

The add-in's VBA calls ``import dvk_docs.excel; dvk_docs.excel.run_button('<tag>')`` in a new
Python process (xlwings ``RunPython``). This module takes the calling workbook, runs the same
registry command as the CLI with the live workbook as the session's source, shows progress in the
status bar, writes findings to a sheet of their own with links to the cells, opens the result, and
reports every failure in a Vietnamese message box - never a traceback: that goes to a log file in
the workbook's folder. Only the standard library is imported at module level, so even a broken
installation fails with a message box rather than xlwings' raw error popup where possible.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

TITLE = "Dân vận khéo"  #: title of every message box
FINDINGS_SHEET = "Kết quả kiểm tra"  #: the program-owned sheet listing validation findings
FINDINGS_HEADER = ("Mức", "Sheet", "Ô", "Mã", "Nội dung", "Đi tới ô")  #: its header row
LOG_NAME = "dvk-docs-loi.log"  #: the traceback log, in the workbook's folder (else the temp folder)
NEW_BOOK_NAME = "Sổ theo dõi Dân vận khéo {year}"  #: file name (no suffix) of a workbook made by "Tạo sổ mới"
FINDINGS_COMMAND = "validate"  #: the command whose clean result clears an existing findings sheet
PIN_MASK = "•"  #: what the PIN dialog shows for each character typed
SHOWN_DETAILS = 15  #: detail lines shown in a message box; the rest are summarised


def run_button(tag: str) -> None:
    """Run the ribbon button ``tag`` on the workbook that called Python (``xlwings.Book.caller``).

    Once the calling workbook is known, never raises: every failure becomes a Vietnamese message
    box and a log entry (when xlwings cannot find the caller, its own error reaches Excel).
    """
    import xlwings

    run_on_book(xlwings.Book.caller(), tag)


def run_on_book(book: Any, tag: str) -> Any:
    """Run the button ``tag`` on the xlwings ``book``; return the command's Outcome (None on failure).

    Never raises: a :class:`~dvk_docs.errors.DvkError` is shown as its Vietnamese message; any
    other exception as a short Vietnamese message naming the log file holding the traceback.
    """
    from .errors import DvkError
    from .workbook.live_source import LiveSource

    app = book.app
    source = LiveSource(book)
    label = tag
    try:
        button, command = _resolve(tag)
        label = button.label
        outcome = _run(button, command, source, app)
        app.status_bar = False
        _report(book, source, outcome, command, app)
    except DvkError as error:
        _log(source, tag)
        _alert(app, error.format_message(), critical=True)
        return None
    except Exception:  # boundary: a clerk never sees a traceback
        log = _log(source, tag)
        _alert(app, f"Có lỗi ngoài dự kiến khi chạy “{label}”. Chi tiết kỹ thuật đã ghi vào tệp:\n"
                    f"{log}\nHãy gửi tệp này cho người hỗ trợ kỹ thuật.", critical=True)
        return None
    finally:
        app.status_bar = False
    return outcome


def findings_rows(findings: list[Any]) -> list[list[object]]:
    """The rows of the findings sheet: header, then one row per finding with a link to its cell.

    The link is a ``HYPERLINK`` formula to ``#'Sheet'!Cell`` (the sheet's A1 when no cell is known);
    every other cell is written as text, whatever it starts with.
    """
    from .safety import Formula

    rows: list[list[object]] = [list(FINDINGS_HEADER)]
    for finding in findings:
        target = f"'{finding.sheet.replace(chr(39), chr(39) * 2)}'!{finding.cell or 'A1'}"
        link = Formula(f'=HYPERLINK("#{target.replace(chr(34), chr(34) * 2)}",'
                       f'"{finding.cell or "Mở sheet"}")', cached=finding.cell or "Mở sheet")
        rows.append([_level(finding), finding.sheet, finding.cell or "",
                     finding.code, finding.message, link])
    if not findings:
        when = dt.datetime.now().strftime("%H:%M %d/%m/%Y")
        rows.append(["", "", "", "", f"Không còn lỗi hay cảnh báo nào (kiểm tra lúc {when}).", ""])
    return rows


def _level(finding: Any) -> str:
    """"Cảnh báo", or "Lỗi" with what it stops: documents only, or scoring too."""
    if not finding.is_error:
        return "Cảnh báo"
    return "Lỗi: chặn tính điểm, lập văn bản" if "score" in finding.blocks else "Lỗi: chặn lập văn bản"


def _resolve(tag: str) -> tuple[Any, Any]:
    from .commands import BUTTONS, find_command
    from .errors import DvkError

    button = next((b for b in BUTTONS if b.id == tag), None)
    if button is None:
        raise DvkError(f"Nút “{tag}” không có trong phiên bản dvk-docs đang cài.",
                       hint="Cài lại add-in bằng lệnh: dvk addin install")
    try:
        return button, find_command(button.command)
    except KeyError:
        raise DvkError(f"Chức năng “{button.label}” chưa có trong phiên bản dvk-docs đang cài.",
                       hint="Cập nhật dvk-docs rồi chạy lại: dvk addin install") from None


def _run(button: Any, command: Any, source: Any, app: Any) -> Any:
    from .commands.registry import Session

    def progress(done: int, total: int, what: str) -> None:
        app.status_bar = f"{TITLE}: {what} {done}/{total}" if total > 1 else f"{TITLE}: {what}"

    app.status_bar = f"{TITLE}: {button.label}…"
    session = Session(source=source if command.takes_book else None, progress=progress,
                      ask_secret=ask_secret)
    arguments = dict(button.args)
    if not command.needs_book and any(o.name == "book" for o in command.options):
        arguments.setdefault("book", new_book_path(source))  # "Tạo sổ mới": a new file to create
    return command.invoke(session, **arguments)


def ask_secret(prompt: str) -> str:
    """Ask a PIN or password in a small window that shows “•” for each character typed.

    tkinter ships with Python on Windows, so nothing is added to the add-in. Cancelling raises a
    :class:`~dvk_docs.errors.DvkError`, so the button stops before anything is signed.
    """
    import tkinter
    from tkinter import simpledialog

    from .errors import DvkError

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        answer = simpledialog.askstring(TITLE, prompt, show=PIN_MASK, parent=root)
    finally:
        root.destroy()
    if answer is None:
        raise DvkError("Đã hủy: chưa nhập mã PIN nên chưa ký văn bản nào.")
    return answer


def new_book_path(source: Any) -> Path:
    """Where "Tạo sổ mới" creates a workbook: beside the calling workbook when it was saved, else in
    Documents; never over an existing file (" (2)", " (3)"… are added)."""
    from .errors import DvkError

    try:
        folder = source.folder
    except DvkError:
        documents = Path.home() / "Documents"
        folder = documents if documents.is_dir() else Path.home()
    stem = NEW_BOOK_NAME.format(year=dt.date.today().year)
    path, number = folder / f"{stem}.xlsx", 1
    while path.exists():
        number += 1
        path = folder / f"{stem} ({number}).xlsx"
    return path


def _report(book: Any, source: Any, outcome: Any, command: Any, app: Any) -> None:
    """Findings sheet, then open the result or say what was done."""
    sheets = [s.name for s in book.sheets]
    if outcome.findings or (command.name == FINDINGS_COMMAND and FINDINGS_SHEET in sheets):
        source.replace_sheet(FINDINGS_SHEET, findings_rows(outcome.findings))
    details = outcome.details[:SHOWN_DETAILS]
    if len(outcome.details) > SHOWN_DETAILS:
        details.append(f"… và {len(outcome.details) - SHOWN_DETAILS} dòng khác.")
    lines = [outcome.message, *details]
    if outcome.findings:
        book.sheets[FINDINGS_SHEET].activate()
        lines.append(f"Xem danh sách ở sheet “{FINDINGS_SHEET}”; bấm vào ô ở cột cuối để tới chỗ cần sửa.")
    if outcome.open_path is not None:
        open_in_shell(Path(outcome.open_path))
    if outcome.findings or outcome.exit_code or outcome.open_path is None:
        text = "\n".join(line for line in lines if line)
        if text:
            _alert(app, text, critical=bool(outcome.exit_code))


def open_in_shell(path: Path) -> None:
    """Open a file or folder with its default program (Word, Explorer). Only on Windows and macOS."""
    if sys.platform.startswith("win"):
        try:
            os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        except OSError:  # no program registered for the type (e.g. .md): Notepad reads text
            subprocess.Popen(["notepad.exe", str(path)])
    elif sys.platform == "darwin":
        subprocess.run(["open", str(path)], check=False)


def _alert(app: Any, text: str, *, critical: bool = False) -> None:
    app.alert(text, title=TITLE, mode="critical" if critical else "info")


def _log(source: Any, tag: str) -> Path:
    """Append the current exception's traceback to the log; return the log's path."""
    entry = (f"--- {dt.datetime.now().isoformat(timespec='seconds')} nút {tag} "
             f"({sys.executable})\n{traceback.format_exc()}\n")
    for folder in _log_folders(source):
        path = folder / LOG_NAME
        try:
            with path.open("a", encoding="utf-8") as log:
                log.write(entry)
            return path
        except OSError:
            continue
    return Path(tempfile.gettempdir()) / LOG_NAME


def _log_folders(source: Any) -> list[Path]:
    from .errors import DvkError

    try:
        return [source.folder, Path(tempfile.gettempdir())]
    except DvkError:
        return [Path(tempfile.gettempdir())]
