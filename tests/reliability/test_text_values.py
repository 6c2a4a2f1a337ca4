"""Text from a real book reaches documents and file names as the clerk typed it.

One workbook, written like Excel writes it: shared strings with Excel's ``_xHHHH_`` escapes
(``_x000D_`` is a carriage return, ``_x005F_`` an escaped underscore), an inline string with an
escape, docxtpl's own escaped tags ``{_{ … }_}`` in a model name, zero-width and text-direction
characters in a name and in a unit code. ``dvk validate``, ``render danh-sach-dang-ky`` (the
unit's list, every model) and ``render giay-chung-nhan`` (one file per recognised model, named from
the model) must show each text decoded and verbatim, and the code matched as "001".
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.workbook.sheet_xml import read_book

from .bad_inputs import make_base

SHARED = {  #: Mô hình cell -> the text stored in sharedStrings.xml, as Excel writes it
    "C2": "Đối thoại_x000D_\ntrực tiếp",
    "C3": "Chuyển đổi số _x005F_x000D_ giữ nguyên",
}
INLINE = {  #: Mô hình cell -> text openpyxl stores as an inline string (escape written as is)
    "C5": "Học tập_x000D_\nlàm theo",
    "C6": "Bữa cơm {_{ ten }_} {_% if %_}",
    "C7": "Phát\u200btriển\u202e đảng viên",
    "B8": "001\u200b",
}
IN_DOCUMENT = [  #: what the registration list must print (a line break prints as its own line)
    "Đối thoại\ntrực tiếp", "Chuyển đổi số _x000D_ giữ nguyên", "Học tập\nlàm theo",
    "Bữa cơm {_{ ten }_} {_% if %_}", "Phát\u200btriển\u202e đảng viên", "Thôn kiểu mẫu",
]
IN_FILE_NAMES = [  #: what the certificates' file names must hold (line breaks become spaces)
    "Đối thoại trực tiếp", "Chuyển đổi số _x000D_ giữ nguyên", "Học tập làm theo",
    "Bữa cơm {_{ ten }_} {_% if %_}", "Pháttriển đảng viên",
]
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _with_shared_strings(book: Path) -> None:
    """Turn the inline strings of :data:`SHARED` into shared strings holding the escaped text."""
    with zipfile.ZipFile(book) as old:
        members = {item.filename: old.read(item) for item in old.infolist()}
        part = dict(read_book(old).sheets)["Mô hình"]
    xml = members[part].decode("utf-8")
    for index, cell in enumerate(SHARED):
        xml, count = re.subn(rf'<c r="{cell}"([^>]*?) t="inlineStr"><is><t[^>]*>.*?</t></is></c>',
                             rf'<c r="{cell}"\1 t="s"><v>{index}</v></c>', xml, flags=re.DOTALL)
        assert count == 1, cell
    members[part] = xml.encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in SHARED.values())
    members["xl/sharedStrings.xml"] = f'<sst xmlns="{SST}" count="2" uniqueCount="2">{items}</sst>'.encode()
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("text-values")
    workbook = openpyxl.load_workbook(make_base(folder / "base.xlsx"))
    for cell, text in {**SHARED, **INLINE}.items():
        workbook["Mô hình"][cell] = text
    workbook.save(folder / "so.xlsx")
    _with_shared_strings(folder / "so.xlsx")
    return folder / "so.xlsx"


def _texts(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_code_with_a_zero_width_space_is_001_with_a_warning(book: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(book), "--json"])
    findings = json.loads(result.output[result.output.index("["):])
    assert result.exit_code == 0, result.output
    assert [(f["code"], f["cell"]) for f in findings if f["code"] == "invisible-characters"] == [("invisible-characters", "B8")]
    assert not [f for f in findings if f["code"] == "unknown-unit"]


def test_the_list_prints_every_text_as_typed(book: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", "danh-sach-dang-ky", str(book), "--unit", "001",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (document,) = tmp_path.rglob("*.docx")
    text = _texts(document)
    for expected in IN_DOCUMENT:
        assert expected in text
    assert "_x000D_\n" not in text and "{{ ten }}" not in text


def test_certificate_file_names_hold_the_decoded_text_without_invisible_characters(book: Path,
                                                                                   tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", "giay-chung-nhan", str(book), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in tmp_path.rglob("*.docx"))
    for expected in IN_FILE_NAMES:
        assert any(expected in name for name in names), (expected, names)
    assert not [name for name in names if INVISIBLE.search(name) or "_x000D_\n" in name]
