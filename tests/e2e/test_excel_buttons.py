"""A click on each ribbon button, as Excel would run it, against a stand-in for the calling workbook.

The Python statement is read from the VBA of the committed add-in (via oletools), the workbook is
the bundled sample served through a small fake of the xlwings API (``tests/fake_xlwings.py``), and
``xlwings.Book.caller`` returns it, exactly as ``RunPython`` would arrange in Excel.
"""

from __future__ import annotations

import functools
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
import xlwings
from oletools.olevba import VBA_Parser

import dvk_docs.excel
from dvk_docs.addin.build import ADDIN_FILE
from dvk_docs.addin.vba import MODULE_NAME, python_statement
from dvk_docs.commands import BUTTONS, find_command
from dvk_docs.commands.registry import Session
from dvk_docs.excel import FINDINGS_HEADER, FINDINGS_SHEET, LOG_NAME
from dvk_docs.resources import data_dir
from dvk_docs.workbook.sources import FileSource
from tests.fake_xlwings import FakeBook

SAMPLE = "dang-uy-khoi.xlsx"


@functools.cache
def dispatcher() -> str:
    parser = VBA_Parser(str(data_dir("excel_addin") / ADDIN_FILE))
    try:
        return next(code for _, _, name, code in parser.extract_macros() if name.startswith(MODULE_NAME))
    finally:
        parser.close()


def click(book: FakeBook, tag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run exactly what the add-in's VBA runs for the button ``tag``, with ``book`` as the caller."""
    monkeypatch.setattr(xlwings.Book, "caller", staticmethod(lambda: book))
    exec(python_statement(dispatcher(), tag), {})


@pytest.fixture
def sample(copy_sample) -> Path:
    return copy_sample(SAMPLE)


def test_validate_writes_the_findings_sheet_with_links(sample, monkeypatch):
    book = FakeBook.from_xlsx(sample)
    click(book, "validate", monkeypatch)

    expected = find_command("validate").invoke(Session(source=FileSource(sample))).findings
    sheet = book.sheet(FINDINGS_SHEET)
    rows = sheet.range((1, 1), (len(expected) + 1, len(FINDINGS_HEADER))).options(ndim=2).value
    assert tuple(rows[0]) == FINDINGS_HEADER
    assert [(r[1], r[2], r[4]) for r in rows[1:]] == [(f.sheet, f.cell or None, f.message) for f in expected]
    first = expected[0]
    assert rows[1][5] == f"=HYPERLINK(\"#'{first.sheet}'!{first.cell or 'A1'}\",\"{first.cell or 'Mở sheet'}\")"
    assert sheet.activated == 1
    alert = book.app.alerts[-1]
    assert alert["title"] == "Dân vận khéo" and FINDINGS_SHEET in alert["prompt"]
    assert book.app.status_history[0] == "Dân vận khéo: Kiểm tra dữ liệu…"
    assert book.app.status_bar is False  # Excel gets its status bar back


def copy_beside(sample: Path, folder: Path) -> Path:
    """A copy of ``sample`` (and the signer's pictures) in ``folder``, for the file-based run."""
    folder.mkdir()
    shutil.copy2(sample, folder / sample.name)
    shutil.copytree(sample.parent / "anh", folder / "anh")
    return folder / sample.name


def test_score_writes_back_the_same_cells_as_the_file_writer(sample, tmp_path, monkeypatch):
    book = FakeBook.from_xlsx(sample)
    click(book, "score", monkeypatch)
    assert book.app.alerts[-1]["prompt"].startswith("Đã chấm ")

    by_file = copy_beside(sample, tmp_path / "by-file")
    find_command("score").invoke(Session(source=FileSource(by_file, keep_backups=0)))
    saved = openpyxl.load_workbook(by_file)["Chấm điểm"]
    written = [(cell, value) for name, cell, value in book.writes if name == "Chấm điểm"]
    assert len(written) > 100
    for (row, column), value in written:
        expected = saved.cell(row, column).value
        if isinstance(expected, (int, float, Decimal)) and not isinstance(expected, bool):
            assert float(value) == pytest.approx(float(expected)), (row, column)
        else:
            assert value == expected, (row, column)


RENDER_BUTTONS = [b for b in BUTTONS if b.command == "render"]


@pytest.mark.parametrize("button", RENDER_BUTTONS, ids=[b.id for b in RENDER_BUTTONS])
def test_document_buttons_produce_the_documents_the_file_reader_produces(button, sample, tmp_path,
                                                                         monkeypatch):
    """The live workbook (floats, datetimes) gives the same Word files as ``dvk render`` on the file."""
    book = FakeBook.from_xlsx(sample)
    click(book, button.id, monkeypatch)
    assert [a["prompt"] for a in book.app.alerts if a["mode"] == "critical"] == []
    assert FINDINGS_SHEET not in [s.name for s in book.sheets]  # rendering does not touch it

    by_file = copy_beside(sample, tmp_path / "by-file")
    find_command("render").invoke(Session(source=FileSource(by_file)), **dict(button.args))
    produced, expected = documents(sample.parent / "dvk-output"), documents(by_file.parent / "dvk-output")
    assert produced, f"no .docx for {button.id}"
    assert produced.keys() == expected.keys()
    for name, xml in produced.items():
        assert xml == expected[name], name
    first = sample.parent / "dvk-output" / sorted(produced)[0]
    assert "\n".join(p.text for p in docx.Document(str(first)).paragraphs).strip()


def documents(folder: Path) -> dict[str, bytes]:
    """Relative name -> word/document.xml of every .docx below ``folder``."""
    found = {}
    for path in sorted(folder.rglob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            found[path.relative_to(folder).as_posix()] = archive.read("word/document.xml")
    return found


def test_open_output_and_guide_open_real_places(sample, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(dvk_docs.excel, "open_in_shell", opened.append)
    book = FakeBook.from_xlsx(sample)
    click(book, "open_output", monkeypatch)
    click(book, "user_guide", monkeypatch)
    assert book.app.alerts == []  # both just open something
    guide = data_dir("excel_addin") / "huong-dan-su-dung.md"
    assert opened == [Path(sample).parent / "dvk-output", guide]
    assert opened[0].is_dir()
    assert guide.read_text(encoding="utf-8") == (Path(__file__).parents[2] / "docs" / "excel.md").read_text(
        encoding="utf-8")


def test_new_workbook_from_an_unsaved_book_goes_to_documents(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    book = FakeBook("Book1")
    click(book, "init", monkeypatch)
    created = list((tmp_path / "Documents").glob("Sổ theo dõi Dân vận khéo *.xlsx"))
    assert len(created) == 1
    assert "Mô hình" in openpyxl.load_workbook(created[0]).sheetnames
    click(book, "init", monkeypatch)  # a second click never overwrites the first
    assert len(list((tmp_path / "Documents").glob("Sổ theo dõi Dân vận khéo*.xlsx"))) == 2


def test_a_bad_workbook_gives_a_vietnamese_message_box_and_a_log(tmp_path, monkeypatch):
    path = tmp_path / "khong-phai-so.xlsx"
    openpyxl.Workbook().save(path)
    book = FakeBook.from_xlsx(path)
    click(book, "validate", monkeypatch)
    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical"
    assert "không có sheet “Cấu hình” (các sheet có: “Sheet”)." in alert["prompt"]
    assert "Traceback" not in alert["prompt"]
    assert "Traceback" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")


class BrokenSheets:
    def __iter__(self):
        raise RuntimeError("COM object disconnected")


def test_an_unexpected_error_names_the_log_instead_of_showing_a_traceback(sample, monkeypatch):
    book = FakeBook.from_xlsx(sample)
    book.sheets = BrokenSheets()
    click(book, "score", monkeypatch)
    alert = book.app.alerts[-1]
    assert alert["prompt"].startswith("Có lỗi ngoài dự kiến khi chạy “Tính điểm và xét công nhận”")
    log = Path(sample).parent / LOG_NAME
    assert str(log) in alert["prompt"]
    assert "RuntimeError: COM object disconnected" in log.read_text(encoding="utf-8")
    assert book.app.status_bar is False
