"""A clerk's own workbook comes back intact: every command that writes into it changes only its cells.

The corpus (``client_books.py``) is saved by LibreOffice with pictures, a chart, a text box,
comments, conditional formats, list validations (one ``x14``), an Excel Table, defined names and
formulas with cached values; two books carry a VBA project (one named ``.xlsx``). Each command runs
as a clerk runs it (``dvk`` in a subprocess); then, for each book:

- every zip member outside the command's own is byte-identical;
- in each changed sheet only the intended cells differ (XML of each cell, canonical), and the rest
  of the sheet XML (views, validations, conditional formats, drawing/table links…) is unchanged;
- LibreOffice opens the result, recalculates every formula and gets the cached values we kept;
- ``dvk validate`` passes (without Excel: cached values are still there).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.excel import FINDINGS_SHEET, findings_rows
from dvk_docs.rules.validation import validate
from dvk_docs.workbook.sources import FileSource

from ..unit.gather.lists import fill_form
from .client_books import (
    LEGACY_CELL,
    STATS_SHEET,
    cell_changes,
    changed_members,
    save_with_libreoffice,
    sheet_frame,
    sheet_parts,
)

pytestmark = pytest.mark.slow
DVK = [sys.executable, "-c", "from dvk_docs.cli import main; main()"]
BOOKS = ("xlsx", "xlsm", "xlsm-as-xlsx")
WORKBOOK_PARTS = {"xl/workbook.xml"}  #: fullCalcOnLoad: Excel recomputes what read written cells
NEW_SHEET_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}


def dvk(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DVK, *map(str, args)], capture_output=True, text=True, timeout=300)


def _open(book: Path, **options: bool) -> openpyxl.Workbook:  # not read-only: it reads on demand
    """openpyxl's view of ``book`` (it warns that it would drop the x14 validation: we only read)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Data Validation extension", UserWarning)
        return openpyxl.load_workbook(book, **options)


def _headers(book: Path, sheet: str) -> dict[str, str]:
    return {str(c.value): c.column_letter for c in _open(book)[sheet][1] if c.value is not None}


def _last_row(book: Path, sheet: str) -> int:
    return max(n for n, row in enumerate(_open(book)[sheet].iter_rows(values_only=True), 1) if any(row))


def _split(ref: str) -> tuple[str, int]:
    letters = ref.rstrip("0123456789")
    return letters, int(ref[len(letters):])


# -- the commands and what each may change --------------------------------------------------------

Intended = dict[str, Callable[[str], bool]]  #: sheet name -> "may this cell change?"


def run_score(book: Path) -> Intended:
    owned = {_headers(book, "Chấm điểm")[h] for h in ("Tổng điểm", "Kết quả", "Lý do")}
    result = dvk("score", book)
    assert result.returncode == 0, result.stderr
    return {"Chấm điểm": lambda ref: _split(ref)[0] in owned}


def run_gom(book: Path) -> Intended:
    last, width = _last_row(book, "Mô hình"), len(_headers(book, "Mô hình"))
    forms = book.parent / "mau"
    assert dvk("init-forms", book, "--don-vi", "001", "--out", forms).returncode == 0
    [form] = forms.iterdir()
    fill_form(form, book.parent / "don-vi-gui-ve" / form.name, [
        {"name": "Tủ sách pháp luật ở khu dân cư", "subject": "Tập thể", "field": "Kinh tế",
         "status": "Mới"},
        {"name": "Dân vận khéo trong chuyển đổi số", "subject": "Tập thể", "field": "Kinh tế",
         "status": "Mới"}])
    result = dvk("gom", book)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 mô hình mới" in result.stdout
    table = re.search(rb'<table [^>]*?ref="A1:([A-Z]+)(\d+)"', _member(book, "xl/tables/table1.xml"))
    assert table and int(table.group(2)) == last + 2, "the Excel Table over Mô hình did not grow"
    new_column = {openpyxl.utils.get_column_letter(c) for c in range(width + 1, width + 5)}
    return {"Mô hình": lambda ref: _split(ref)[1] > last or _split(ref)[0] in new_column}


def run_cap_so(book: Path) -> Intended:
    result = dvk("render", "quyet-dinh-cong-nhan", book, "--out", book.parent / "out", "--cap-so",
                 "--ngay", "05/03/2025")
    assert result.returncode == 0, result.stdout + result.stderr
    return {"Văn bản": lambda ref: _split(ref)[1] >= 2,
            "Cấu hình": lambda ref: _split(ref)[0] == "B"}  # the decision's number and date settings


def run_fix_text(book: Path) -> Intended:
    result = dvk("fix-text", book)
    assert result.returncode == 0 and "Mô hình dân vận khéo" in result.stdout, result.stdout + result.stderr
    return {LEGACY_CELL[0]: lambda ref: ref == LEGACY_CELL[1]}


def run_findings_sheet(book: Path) -> Intended:
    source = FileSource(book)
    findings = validate(source.load())
    source.replace_sheet(FINDINGS_SHEET, findings_rows(findings))  # created
    source.replace_sheet(FINDINGS_SHEET, findings_rows(findings[:1]))  # replaced
    return {}


COMMANDS = {"score": run_score, "gom": run_gom, "render --cap-so": run_cap_so,
            "fix-text": run_fix_text, "Kết quả kiểm tra": run_findings_sheet}
OWN_PARTS = {  #: members besides the written sheets that a command may change
    "score": WORKBOOK_PARTS | {"xl/styles.xml"},
    "gom": NEW_SHEET_PARTS | {"xl/tables/table1.xml"},  # the Table over Mô hình grows
    "render --cap-so": WORKBOOK_PARTS | {"xl/styles.xml"},
    "fix-text": WORKBOOK_PARTS,
    "Kết quả kiểm tra": NEW_SHEET_PARTS,
}


@pytest.mark.parametrize("kind", BOOKS)
def test_each_write_changes_only_its_cells(client_corpus, tmp_path, kind):
    original = client_corpus[kind]
    book = tmp_path / original.name
    shutil.copy2(original, book)
    shutil.copytree(original.parent / "anh", tmp_path / "anh")
    compared = 0
    for command, run in COMMANDS.items():
        before = tmp_path / f"before {command}{book.suffix}"
        shutil.copy2(book, before)
        intended = run(book)
        compared += _assert_only_intended_changes(before, book, intended, command)

    assert compared > 4_000_000  # bytes of members found identical, summed over the five commands
    _assert_libreoffice_agrees(book, tmp_path / "lo")
    checked = dvk("validate", book)
    assert checked.returncode == 0 and "Không có lỗi" in checked.stdout, checked.stdout + checked.stderr
    assert _member(book, "xl/vbaProject.bin") == _member(original, "xl/vbaProject.bin") if kind != "xlsx" \
        else "xl/vbaProject.bin" not in _names(book)


def _assert_only_intended_changes(original: Path, book: Path, intended: Intended, command: str) -> int:
    """Check one write; return the bytes of the members found identical."""
    parts_before, parts_after = sheet_parts(original), sheet_parts(book)
    written = {parts_before[name] for name in intended}
    new_sheets = set(parts_after.values()) - set(parts_before.values())
    changed = changed_members(original, book)
    assert written <= changed, f"{command} wrote nothing"
    assert changed - written - new_sheets <= OWN_PARTS[command], (command, sorted(changed))
    for name, may_change in intended.items():
        before, after = _member(original, parts_before[name]), _member(book, parts_before[name])
        stray = {ref for ref in cell_changes(before, after) if not may_change(ref)}
        assert not stray, f"{command}: {name}: cells changed that it does not write: {sorted(stray)}"
        assert sheet_frame(before) == sheet_frame(after), f"{command}: {name}: more than cells changed"
    return sum(len(_member(book, name)) for name in _names(book) - changed)


def _names(book: Path) -> set[str]:
    import zipfile

    with zipfile.ZipFile(book) as archive:
        return set(archive.namelist())


def _member(book: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(book) as archive:
        return archive.read(name)


def _assert_libreoffice_agrees(book: Path, folder: Path) -> None:
    """LibreOffice reopens ``book``, recalculates every formula and finds the values we kept."""
    resaved = save_with_libreoffice(book, folder, to="xlsx")
    ours, formulas, theirs = _open(book, data_only=True), _open(book), _open(resaved, data_only=True)
    compared = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    kept = ours[sheet.title][cell.coordinate].value
                    assert kept is not None, f"{sheet.title}!{cell.coordinate} lost its cached value"
                    assert theirs[sheet.title][cell.coordinate].value == kept, (sheet.title, cell.coordinate)
                    compared += 1
    maxima = [row[0] for row in ours["Tiêu chí"].iter_rows(min_row=2, min_col=4, max_col=4, values_only=True)]
    assert compared >= 4 and ours[STATS_SHEET]["B3"].value == sum(v for v in maxima if v) > 0
    for name in ("Chấm điểm", "Mô hình", "Văn bản", "Cấu hình"):
        assert _values(ours[name]) == _values(theirs[name]), name


def _values(sheet: object) -> dict[str, object]:
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row  # type: ignore[attr-defined]
            if c.value is not None}
