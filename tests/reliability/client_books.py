"""Workbooks saved by a real spreadsheet program, the way offices keep them (the write-back corpus).

Each book starts as the UBND sample, gets what clerks add to their own sổ theo dõi (a logo, a chart,
comments, conditional formats, a drop-down list, an Excel Table, defined names,
formulas, a text typed in TCVN3), and is then opened and saved by LibreOffice (``soffice --headless
--convert-to xlsx``), which computes every formula and writes the package its own way. LibreOffice
cannot write two things Excel writes, so they are added to its output as Excel writes them: an
``x14`` list validation pointing to another sheet, a text box shape, and (for the ``.xlsm`` books)
the VBA project of the shipped add-in.

``python -m tests.reliability.client_books FOLDER`` writes the corpus to look at.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from PIL import Image as PilImage

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "ubnd-huyen.xlsx"
ADDIN = ROOT / "excel_addin" / "dvk_docs.xlam"
TCVN3_NAME = "M« h×nh d©n vËn khÐo"  #: "Mô hình dân vận khéo" typed with a TCVN3 font
LEGACY_CELL = ("Mô hình", "C3")  #: where the TCVN3 text is typed
STATS_SHEET = "Thống kê"  #: the clerk's own sheet of formulas
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
_X14_VALIDATION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showErrorMessage="1"><x14:formula1>'
    "<xm:f>'Danh mục'!$A$2:$A$8</xm:f></x14:formula1><xm:sqref>Q2:Q200</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations></ext></extLst>"
)
_TEXT_BOX = (
    '<xdr:twoCellAnchor><xdr:from><xdr:col>18</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>'
    '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>22</xdr:col><xdr:colOff>0</xdr:colOff>'
    '<xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink="">'
    '<xdr:nvSpPr><xdr:cNvPr id="90" name="Hộp chữ ghi chú"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>'
    '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2438400" cy="762000"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/>'
    "<a:p><a:r><a:t>Chấm xong trước 30/11</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/>"
    "</xdr:twoCellAnchor>"
)


def build_corpus(folder: Path) -> dict[str, Path]:
    """Write the corpus into ``folder``: name -> book. Needs LibreOffice (``soffice``)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "nguon" / "so-theo-doi.xlsx"
    source.parent.mkdir(exist_ok=True)
    _decorate(SAMPLE, source)
    saved = save_with_libreoffice(source, folder / "lo")
    _add_excel_extras(saved)
    books = {"xlsx": folder / "so-theo-doi.xlsx"}
    shutil.copy2(saved, books["xlsx"])
    books["xlsm"] = folder / "so-co-macro.xlsm"
    _add_vba(saved, books["xlsm"])
    books["xlsm-as-xlsx"] = folder / "so-macro-doi-duoi.xlsx"
    shutil.copy2(books["xlsm"], books["xlsm-as-xlsx"])
    shutil.copytree(SAMPLE.parent / "anh", folder / "anh", dirs_exist_ok=True)
    return books


def save_with_libreoffice(book: Path, out_dir: Path, *, to: str = "xlsx") -> Path:
    """``book`` opened by LibreOffice (every formula recalculated) and saved into ``out_dir``."""
    profile = out_dir / ".profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to,
         "--outdir", str(out_dir), str(book)],
        check=True, capture_output=True, timeout=180,
    )
    return out_dir / f"{book.stem}.{to.split(':')[0]}"


def _decorate(sample: Path, target: Path) -> None:
    book = openpyxl.load_workbook(sample)
    models, scores, documents = book["Mô hình"], book["Chấm điểm"], book["Văn bản"]
    logo = io.BytesIO()
    PilImage.new("RGB", (120, 60), (200, 30, 30)).save(logo, "PNG")
    scores.add_image(Image(logo), "W2")
    chart = BarChart()
    chart.title = "Điểm tiêu chí 1"
    chart.add_data(Reference(scores, min_col=3, min_row=1, max_row=20), titles_from_data=True)
    scores.add_chart(chart, "W12")
    scores.conditional_formatting.add("C2:L200", CellIsRule(operator="lessThan", formula=["1"],
                                                            fill=openpyxl.styles.PatternFill("solid", fgColor="FFC7CE")))
    models["B2"].comment = Comment("Mã đơn vị theo sheet Đơn vị", "Văn thư")
    documents["A1"].comment = Comment("Số do dvk cấp", "Văn thư")
    models[LEGACY_CELL[1]] = TCVN3_NAME
    last = models.max_row
    models["Q1"] = "Đoàn thể phụ trách"
    models.add_data_validation(DataValidation(type="list", formula1='"Có,Không"', sqref="R2:R200"))
    table = Table(displayName="BangMoHinh", ref=f"A1:Q{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    models.add_table(table)
    stats = book.create_sheet(STATS_SHEET)
    stats["A1"], stats["B1"] = "Chỉ số", "Giá trị"
    stats["A2"], stats["B2"] = "Số đơn vị", "=COUNTA('Đơn vị'!A2:A200)"
    stats["A3"], stats["B3"] = "Tổng điểm tối đa", "=SUM('Tiêu chí'!D2:D40)"
    stats["A4"], stats["B4"] = "Năm (Cấu hình)", "=Nam_Bao_Cao"
    stats["A5"], stats["B5"] = "Điểm TC1 mô hình đầu", "='Chấm điểm'!C2*1"
    book.defined_names["Nam_Bao_Cao"] = DefinedName("Nam_Bao_Cao", attr_text=f"'Cấu hình'!$B${_row_of(book)}")
    book.save(target)


def _row_of(book: openpyxl.Workbook) -> int:
    sheet = book["Cấu hình"]
    return next(row for row in range(2, sheet.max_row + 1) if sheet.cell(row, 1).value == "Năm")


def _add_excel_extras(book: Path) -> None:
    """The x14 list validation (Mô hình Q2:Q200 from 'Danh mục') and a text box on Chấm điểm."""
    members = _read_members(book)
    workbook = members["xl/workbook.xml"].decode()
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    sheet_part = _part_of("Mô hình", workbook, rels)
    sheet = members[sheet_part].decode()
    sheet = sheet.replace("</worksheet>", _X14_VALIDATION + "</worksheet>")
    members[sheet_part] = sheet.encode()
    drawing = _drawing_of(_part_of("Chấm điểm", workbook, rels), members)
    members[drawing] = members[drawing].replace(b"</xdr:wsDr>", _TEXT_BOX.encode() + b"</xdr:wsDr>")
    _write_members(book, members)


def _drawing_of(sheet_part: str, members: dict[str, bytes]) -> str:
    rels_part = sheet_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    target = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', members[rels_part].decode())
    assert target, f"LibreOffice wrote no drawing for {sheet_part}"
    return f"xl/drawings/{target.group(1)}"


def _add_vba(book: Path, target: Path) -> None:
    members = _read_members(book)
    with zipfile.ZipFile(ADDIN) as addin:
        members["xl/vbaProject.bin"] = addin.read("xl/vbaProject.bin")
    types = members["[Content_Types].xml"].decode()
    types = re.sub(r'(PartName="/xl/workbook.xml" ContentType=")[^"]+', r"\g<1>" + MACRO_TYPE, types)
    types = types.replace("</Types>", f'<Default Extension="bin" ContentType="{VBA_TYPE}"/></Types>')
    members["[Content_Types].xml"] = types.encode()
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    members["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdVba1" Type="{VBA_REL}" Target="vbaProject.bin"/></Relationships>'
    ).encode()
    shutil.copy2(book, target)
    _write_members(target, members)


def _part_of(name: str, workbook: str, rels: str) -> str:
    rel_id = re.search(rf'<sheet name="{re.escape(name)}" sheetId="\d+"[^>]*?r:id="([^"]+)"', workbook).group(1)
    target = re.search(rf'Id="{rel_id}"[^>]*?Target="([^"]+)"|Target="([^"]+)"[^>]*?Id="{rel_id}"', rels)
    return "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")


def _read_members(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_members(book: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


if __name__ == "__main__":
    for key, path in build_corpus(Path(sys.argv[1])).items():
        print(key, path)


# -- comparing a book before and after a write ------------------------------------------------------

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def changed_members(before: Path, after: Path) -> set[str]:
    """Zip members whose content differs, or that only one of the two books has."""
    old, new = _read_members(before), _read_members(after)
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def sheet_parts(book: Path) -> dict[str, str]:
    """Sheet name -> its zip member."""
    members = _read_members(book)
    workbook, rels = members["xl/workbook.xml"].decode(), members["xl/_rels/workbook.xml.rels"].decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    return {name: _part_of(name, workbook, rels) for name in names}


def cell_changes(before: bytes, after: bytes) -> set[str]:
    """References of the cells whose XML differs (canonical form) between two versions of a sheet."""
    old, new = _cells_by_ref(before), _cells_by_ref(after)
    return {ref for ref in old.keys() | new.keys() if old.get(ref) != new.get(ref)}


def sheet_frame(xml: bytes) -> bytes:
    """A sheet's XML without its cells, dimension and column widths (what a write may change), canonical."""
    from lxml import etree

    root = etree.fromstring(xml)
    for name in ("sheetData", "dimension", "cols"):
        for element in root.findall(f"{{{MAIN_NS}}}{name}"):
            root.remove(element)
    return etree.tostring(root, method="c14n")


def _cells_by_ref(xml: bytes) -> dict[str, bytes]:
    from lxml import etree

    root = etree.fromstring(xml)
    return {c.get("r"): etree.tostring(c, method="c14n") for c in root.iter(f"{{{MAIN_NS}}}c")}
