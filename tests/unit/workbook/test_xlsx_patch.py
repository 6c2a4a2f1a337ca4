"""The surgical writer on XML that real programs write: shared formulas, a namespace prefix, dates."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl

from dvk_docs.workbook.file_grid import read_grids
from dvk_docs.workbook.xlsx_patch import BookPatch

SHEET = "xl/worksheets/sheet1.xml"
CALC_CHAIN = '<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>'


def _book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Trang"
    for row in range(1, 4):
        sheet.cell(row, 1, row)
        sheet.cell(row, 2, f"=A{row}*2")
    sheet["C1"] = "chữ"
    book.save(path)
    return path


def _edit_members(path: Path, change) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _patch(path: Path, writes: dict[tuple[int, int], object]) -> None:
    with zipfile.ZipFile(path) as archive:
        patch = BookPatch(archive)
        sheet = patch.sheet("Trang")
        for (row, column), value in writes.items():
            sheet.set(row, column, value)
        target = path.with_name("moi.xlsx")
        patch.write(target)
    target.replace(path)


def test_overwriting_a_shared_formula_gives_the_other_cells_their_own(tmp_path):
    book = _book(tmp_path / "so.xlsx")

    def shared(members: dict[str, bytes]) -> None:
        xml = members[SHEET].decode()
        xml = xml.replace("<f>A1*2</f><v></v>", '<f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v>')
        for row in (2, 3):
            xml = xml.replace(f"<f>A{row}*2</f><v></v>", f'<f t="shared" si="0"/><v>{row * 2}</v>')
        assert xml.count('si="0"') == 3
        members[SHEET] = xml.encode()
        members["xl/calcChain.xml"] = CALC_CHAIN.encode()
        members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')

    _edit_members(book, shared)
    _patch(book, {(1, 2): 99})

    formulas, values = openpyxl.load_workbook(book), openpyxl.load_workbook(book, data_only=True)
    assert [formulas["Trang"][f"B{r}"].value for r in (1, 2, 3)] == [99, "=A2*2", "=A3*2"]
    assert [values["Trang"][f"B{r}"].value for r in (2, 3)] == [4, 6]  # cached values kept
    with zipfile.ZipFile(book) as archive:
        assert "xl/calcChain.xml" not in archive.namelist()
        assert b"calcChain" not in archive.read("xl/_rels/workbook.xml.rels")
        assert b'fullCalcOnLoad="1"' in archive.read("xl/workbook.xml")


def test_prefixed_sheet_xml_is_written_with_its_prefix(tmp_path):
    book = _book(tmp_path / "so.xlsx")

    def prefixed(members: dict[str, bytes]) -> None:
        xml = members[SHEET].decode()
        xml = re.sub(r"<(/?)(?!\?)([A-Za-z]+)", r"<\1x:\2", xml)
        xml = xml.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                          'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        members[SHEET] = xml.encode()

    _edit_members(book, prefixed)
    _patch(book, {(2, 3): "giữa", (5, 1): 5, (5, 4): dt.date(2025, 3, 5)})

    with zipfile.ZipFile(book) as archive:
        xml = archive.read(SHEET)
    assert b"<c " not in xml and b'<x:c r="C2"' in xml and b'<x:row r="5">' in xml
    rows = dict(read_grids(book)["Trang"].rows)
    assert (rows[1][0], rows[1][2]) == (1, "chữ")
    assert rows[2][2] == "giữa" and rows[5][0] == 5
    assert rows[5][3] == dt.datetime(2025, 3, 5)  # a date in a "General" cell gets dd/mm/yyyy
    assert openpyxl.load_workbook(book)["Trang"]["D5"].number_format == "dd/mm/yyyy"


def test_a_new_column_width_goes_in_column_order(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Trang"
    book.active.column_dimensions["A"].width = 12
    book.active.column_dimensions["K"].width = 30
    book.active["A1"] = "a"
    path = tmp_path / "so.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        patch = BookPatch(archive)
        sheet = patch.sheet("Trang")
        sheet.set(1, 5, "Cột mới", header=True)
        sheet.set_width(5, 14)
        patch.write(tmp_path / "moi.xlsx")
    with zipfile.ZipFile(tmp_path / "moi.xlsx") as archive:
        cols = re.findall(rb'<col [^>]*?min="(\d+)" max="(\d+)"', archive.read(SHEET))
    assert [int(low) for low, _ in cols] == [1, 5, 11]
    header = openpyxl.load_workbook(tmp_path / "moi.xlsx")["Trang"]["E1"]
    assert (header.value, header.font.b, header.fill.fgColor.rgb) == ("Cột mới", True, "FFDDEBF7")
    assert openpyxl.load_workbook(tmp_path / "moi.xlsx")["Trang"].column_dimensions["E"].width == 14
