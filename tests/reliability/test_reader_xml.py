"""Sheet XML that other programs write: a namespace prefix, Strict Open XML, a million empty
formatted rows. Each goes through the ``dvk`` command line and gets the answer the transitional,
unprefixed book Excel writes would get (issues 11 and 16)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.workbook.file_grid import read_grids
from dvk_docs.workbook.sources import FileSource

from .bad_inputs import BOOK, make_base
from .memory import PEAK_MB
from .test_catalogue import snapshot

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = {  # transitional namespace -> Strict Open XML namespace (ISO/IEC 29500 Strict)
    MAIN: "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
}
BLOATED_ROWS = 1_048_000  #: rows of the bloated book: whole-column formatting down to Excel's last rows
MODELS_PART = "xl/worksheets/sheet3.xml"  #: Mô hình in the base book (third sheet)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("base") / "base.xlsx")


def rewrite_members(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """Copy the package ``source`` to ``target`` with every member passed through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, change(item.filename, old.read(item)))
    return target


def prefixed(name: str, data: bytes) -> bytes:
    """A worksheet's XML written with the prefix ``x:`` for the main namespace, as some
    generators do (valid OOXML: ``<x:worksheet xmlns:x="…/main"><x:sheetData>…``)."""
    if not name.startswith("xl/worksheets/sheet"):
        return data
    text = data.decode("utf-8")
    text = re.sub(r"<(/?)([A-Za-z]+)(?=[\s/>])", r"<\1x:\2", text)
    return text.replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"').encode("utf-8")


def strict(name: str, data: bytes) -> bytes:
    """A part as Excel's “Strict Open XML Spreadsheet” save writes it: the Strict namespaces."""
    if not name.endswith((".xml", ".rels")):
        return data
    for transitional, iso in STRICT.items():
        data = data.replace(transitional.encode(), iso.encode())
    if name == "xl/workbook.xml":
        data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
    return data


def edited(base: Path, folder: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    book = openpyxl.load_workbook(base)
    change(book)
    book.save(folder / "edited.xlsx")
    return folder / "edited.xlsx"


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "Lỗi ngoài dự kiến" not in result.output, result.output
    return result.exit_code, result.output


def findings(output: str) -> list[dict]:
    return json.loads(output[output.index("["):])


def test_prefixed_sheet_xml_is_read_cell_for_cell_like_the_plain_one(base, tmp_path):
    book = rewrite_members(base, tmp_path / BOOK, prefixed)
    with zipfile.ZipFile(book) as archive:
        assert b"<x:worksheet" in archive.read(MODELS_PART)
    assert read_grids(book) == read_grids(base)
    assert FileSource(book).load().models == FileSource(base).load().models


def test_prefixed_formula_score_without_cached_value_is_refused_not_counted_as_zero(base, tmp_path):
    def formula_score(book: openpyxl.Workbook) -> None:
        book["Chấm điểm"]["C3"] = "=4+5"  # openpyxl writes no cached value, like most generators

    book = rewrite_members(edited(base, tmp_path, formula_score), tmp_path / BOOK, prefixed)
    before = snapshot(tmp_path)
    for command in ("validate", "score"):
        code, output = run(command, book)
        assert code == 1, output
        assert "Sheet “Chấm điểm”, ô C3: ô có công thức “=4+5” nhưng chưa có giá trị đã tính" in output
    assert snapshot(tmp_path) == before  # no total written


@pytest.mark.parametrize(("change", "code", "cell", "message"), [
    (lambda book: (book["Mô hình"].__setitem__("B4", None), book["Mô hình"].merge_cells("B3:B4")),
     "merged-cells", "B3", "B3:B4"),
    (lambda book: setattr(book["Mô hình"].row_dimensions[5], "hidden", True), "hidden-row", "A5", "dòng 5"),
], ids=["merged-cells", "hidden-row"])
def test_prefixed_merged_cells_and_hidden_rows_are_reported(base, tmp_path, change, code, cell, message):
    book = rewrite_members(edited(base, tmp_path, change), tmp_path / BOOK, prefixed)
    _, output = run("validate", book, "--json")
    hits = [f for f in findings(output) if f["code"] == code]
    assert [(f["sheet"], f["cell"]) for f in hits] == [("Mô hình", cell)]
    assert message in hits[0]["message"]


def test_strict_open_xml_is_read_like_the_transitional_book(base, tmp_path):
    book = rewrite_members(base, tmp_path / BOOK, strict)
    with zipfile.ZipFile(book) as archive:
        assert b"purl.oclc.org/ooxml/spreadsheetml/main" in archive.read("xl/workbook.xml")
    assert read_grids(book) == read_grids(base)
    assert FileSource(book).load().models == FileSource(base).load().models
    code, output = run("validate", book, "--json")
    assert (code, findings(output)) == (0, findings(run("validate", base, "--json")[1]))


def test_strict_open_xml_is_not_written_and_the_message_says_how_to_resave(base, tmp_path):
    book = rewrite_members(base, tmp_path / BOOK, strict)
    before = snapshot(tmp_path)
    code, output = run("score", book)
    assert code == 2, output
    assert f"Sổ “{BOOK}” được lưu dạng “Strict Open XML”" in output
    assert "Lưu thành (Save As) > “Sổ làm việc Excel (*.xlsx)”" in output
    assert snapshot(tmp_path) == before


def bloated(base: Path, target: Path) -> Path:
    """``base`` with whole-column formatting on Mô hình: an empty formatted row down to row
    :data:`BLOATED_ROWS` (over 30 MB of sheet XML, as Excel writes such a book)."""
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename != MODELS_PART:
                new.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            last = int(re.findall(rb'<row r="(\d+)"', head)[-1])
            with new.open(MODELS_PART, "w", force_zip64=True) as stream:
                stream.write(head)
                for start in range(last + 1, BLOATED_ROWS + 1, 10_000):
                    stream.write(b"".join(
                        b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/></row>' % (n, n)
                        for n in range(start, min(start + 10_000, BLOATED_ROWS + 1))))
                stream.write(b"</sheetData>" + tail)
    return target


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/status")
def test_bloated_book_validates_in_seconds_and_little_memory(base, tmp_path):
    book = bloated(base, tmp_path / BOOK)
    with zipfile.ZipFile(book) as archive:
        assert archive.getinfo(MODELS_PART).file_size > 30_000_000
    assert read_grids(book)["Mô hình"] == read_grids(base)["Mô hình"]  # the formatting holds no data
    code = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from dvk_docs.rules.validation import validate\n"
        "from dvk_docs.workbook.sources import FileSource\n"
        "start = time.perf_counter()\n"
        "book = FileSource(Path(sys.argv[1])).load()\n"
        "errors = [f for f in validate(book) if f.severity == 'error']\n"
        "print(json.dumps({'seconds': time.perf_counter() - start, 'models': len(book.models),\n"
        f"  'errors': len(errors), 'mb': {PEAK_MB}}}))\n"
    )
    result = json.loads(subprocess.run([sys.executable, "-c", code, str(book)], capture_output=True,
                                       text=True, check=True).stdout)
    assert (result["models"], result["errors"]) == (len(FileSource(base).load().models), 0)
    assert result["mb"] < 250, result
    assert result["seconds"] < 20, result  # 99 s before the streaming reader; ≤ 5 s on a quiet machine
