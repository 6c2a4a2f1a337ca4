"""The streaming reader (``file_grid.read_grids`` over ``sheet_xml``) against openpyxl, the reader
it replaced: the same grids and the same data model on every sample and on a book LibreOffice
saved; and the cell forms a hand-written package holds, one by one."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.workbook.file_grid import read_grids
from dvk_docs.workbook.grid import SheetGrid, Uncomputed
from dvk_docs.workbook.parse import parse_book

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "samples").rglob("*.xlsx"))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def openpyxl_grids(path: Path) -> dict[str, SheetGrid]:
    """The grids as openpyxl sees the book (full load, cached values): the reference."""
    book = openpyxl.load_workbook(path, data_only=True)
    grids = {}
    for sheet in book.worksheets:
        rows = [(number, values) for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
                if any(v is not None for v in values)]
        merged = tuple((r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges)
        hidden = frozenset(n for n, d in sheet.row_dimensions.items() if d.hidden)
        grids[sheet.title] = SheetGrid(sheet.title, rows, merged, hidden)
    book.close()
    return grids


def cells(grid: SheetGrid) -> dict[tuple[int, int], object]:
    return {(number, column): value for number, values in grid.rows
            for column, value in enumerate(values, 1) if value is not None}


def assert_same_as_openpyxl(path: Path) -> None:
    new, reference = read_grids(path), openpyxl_grids(path)
    assert list(new) == list(reference)
    for name, grid in new.items():
        assert cells(grid) == cells(reference[name]), name
        assert sorted(grid.merged) == sorted(reference[name].merged), name
        assert grid.hidden_rows <= reference[name].hidden_rows, name
    assert parse_book(new, str(path)) == parse_book(reference, str(path))


@pytest.mark.parametrize("path", SAMPLES, ids=[str(p.relative_to(ROOT / "samples")) for p in SAMPLES])
def test_every_sample_reads_as_openpyxl_read_it(path):
    assert_same_as_openpyxl(path)


@pytest.mark.soffice
def test_a_book_libreoffice_saved_reads_as_openpyxl_reads_it(tmp_path):
    """Shared strings, formulas with cached values, dates, booleans: as office programs write them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "in" / "so.xlsx"
    source.parent.mkdir()
    book = openpyxl.load_workbook(SAMPLES[0])
    sheet = book["Chấm điểm"]
    sheet["C2"] = "=4+5"
    sheet.row_dimensions[3].hidden = True
    book.save(source)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "out"),
                    str(source)], capture_output=True, check=True, timeout=180)
    saved = tmp_path / "out" / "so.xlsx"
    with zipfile.ZipFile(saved) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    assert read_grids(saved)["Chấm điểm"].rows[1][1][2] == 9  # the formula's cached value
    assert_same_as_openpyxl(saved)


def package(path: Path, sheet_xml: str, strings: list[str] = (), *, date1904: bool = False) -> Path:
    """A minimal hand-written .xlsx: one sheet “S” holding ``sheet_xml`` (the sheetData and what
    follows it), the shared strings ``strings`` (``<si>`` contents) and two cell styles: 0 General,
    1 a date (dd/mm/yyyy)."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="r1" Type="{REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<workbookPr date1904="{int(date1904)}"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="/xl/styles.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/>'
        "</cellXfs></styleSheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">' + "".join(f"<si>{s}</si>" for s in strings)
        + "</sst>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}">{sheet_xml}</worksheet>',
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_cell_forms_read_as_excel_means_them(tmp_path):
    path = package(tmp_path / "s.xlsx", (
        '<sheetData><row r="1">'
        '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
        '<c r="D1"><v>7</v></c><c r="E1"><v>7.5</v></c><c r="F1" s="1"><v>45397</v></c>'
        '<c r="G1" t="b"><v>1</v></c><c r="H1" t="e"><v>#N/A</v></c>'
        '<c r="I1" t="inlineStr"><is><t>Tổ </t><r><t>tự quản</t></r></is></c></row>'
        '<row r="2"><c r="A2"><f>1+1</f></c><c r="B2"><f>1+1</f><v></v></c>'
        '<c r="C2" t="str"><f>IF(1,"","x")</f><v></v></c><c r="D2"><f>2+3</f><v>5</v></c>'
        '<c r="E2"><f t="shared" si="0"/></c><c r="F2" t="d"><v>2024-04-15T00:00:00</v></c></row>'
        '<row r="3" s="1" customFormat="1"/><row r="4"><c r="A4" s="1"/><c r="B4" s="1"/></row>'
        '<row r="5" hidden="1"><c t="s"><v>3</v></c><c><v>2</v></c></row>'
        '<row r="6" hidden="1"/></sheetData>'
        '<mergeCells count="2"><mergeCell ref="A5:B6"/><mergeCell ref="D5"/></mergeCells>'
    ), [
        "<t>Bữa cơm_x000D_\nnhà mình</t>",
        "<t>{_{ giữ }_} _x005F_x000D_ _xD83D__xDE00_</t>",
        '<r><t>Nguyễn </t></r><r><t>Văn An</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>',
        "<t>MH01</t>",
    ])
    grid = read_grids(path)["S"]
    assert [number for number, _ in grid.rows] == [1, 2, 5]  # empty formatted rows are not listed
    first, second, fifth = (tuple(values) for _, values in grid.rows)
    assert first == ("Bữa cơm\r\nnhà mình", "{_{ giữ }_} _x000D_ 😀", "Nguyễn Văn An", 7, 7.5,
                     dt.datetime(2024, 4, 15), True, "#N/A", "Tổ tự quản")
    assert second == (Uncomputed("1+1"), Uncomputed("1+1"), None, 5, Uncomputed(""),
                      dt.datetime(2024, 4, 15))
    assert fifth == ("MH01", 2)  # cells without r follow one another
    assert grid.hidden_rows == frozenset({5})  # row 6 is hidden but holds nothing
    assert sorted(grid.merged) == [(5, 1, 6, 2), (5, 4, 5, 4)]


def test_1904_date_system_and_dates_beyond_excel_are_numbers(tmp_path):
    sheet = '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>1e20</v></c></row></sheetData>'
    grid = read_grids(package(tmp_path / "s.xlsx", sheet, date1904=True))["S"]
    assert tuple(grid.rows[0][1]) == (dt.datetime(1904, 1, 2), 1e20)


def test_a_damaged_sheet_part_is_named_as_a_damaged_book(tmp_path):
    from dvk_docs.errors import WorkbookReadError

    path = package(tmp_path / "hong.xlsx", '<sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row>'
                   "</sheetData>")
    with pytest.raises(WorkbookReadError, match="Sổ “hong.xlsx” bị hỏng, không đọc được"):
        read_grids(path)



PLAIN_ROWS = (  # the plain forms one regular expression reads (sheet_xml._plain_rows)
    '<sheetData><row r="1" spans="1:4"><c r="A1" s="0" t="s"><v>0</v></c>'
    '<c r="B1" t="inlineStr"><is><t xml:space="preserve"> Ch&#7845;m &amp; &lt;b&gt; &#x1EA1;\r\nx_x000D_ </t></is></c>'
    '<c r="C1" s="1"><v>45397</v></c><c r="D1" t="inlineStr"><is><t></t></is></c><c r="E1"><v></v></c></row>'
    '<row r="3" hidden="1"><c r="B3"><v>7.5</v></c><c r="C3" s="1"/>{odd}</row>'
    '<row r="4" hidden="true"><c r="A4" s="1"/></row></sheetData>'
    '<mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells>'
)


@pytest.mark.parametrize("odd", ["", '<c r="F3"><f>1+1</f><v>2</v></c>', '<c t="n" r="F3"><v>2</v></c>'])
def test_plain_rows_read_as_the_xml_parser_reads_them(tmp_path, odd):
    """The regular-expression path and lxml's element path (taken for a sheet with any other form,
    ``odd``) give one grid: references decoded, line ends as an XML parser reads them, empty inline
    text kept, empty values left out."""
    grid = read_grids(package(tmp_path / "s.xlsx", PLAIN_ROWS.format(odd=odd), ["<t>MH01</t>"]))["S"]
    assert [tuple(values) for _, values in grid.rows] == [
        ("MH01", " Chấm & <b> ạ\nx\r ", dt.datetime(2024, 4, 15), ""),
        (None, 7.5, None, None, None, 2) if odd else (None, 7.5),
    ]
    assert grid.hidden_rows == frozenset({3})
    assert grid.merged == ((3, 1, 4, 2),)
