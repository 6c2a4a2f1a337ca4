"""Grid provider for a workbook file on disk (openpyxl, read-only, cached formula values).

It also recognises the files clerks send that are not readable workbooks (old .xls, password
protected, CSV or HTML renamed .xlsx, damaged zip) and says so in Vietnamese.

Text is delivered as the clerk typed it: Excel's ``_xHHHH_`` escapes (ECMA-376 ST_Xstring: a
carriage return is stored as ``_x000D_``, a literal "_x000D_" as ``_x005F_x000D_``) are decoded
once, in shared and inline strings alike (:func:`decode_escapes`). A number in a date-formatted
cell that is no Excel date (beyond 31/12/9999) is delivered as the number, for the parser to
report, instead of openpyxl's warning and "#VALUE!".
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from openpyxl.cell.text import Text
from openpyxl.reader import excel as openpyxl_reader  # (not our front door dvk_docs/excel.py)
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import WorkbookReadError
from ..safety import check_package
from .grid import SheetGrid, Uncomputed, column_index

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  #: start of an OLE file: .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"  #: start of a zip file (.xlsx, .xlsm, .ods, .docx…)

_SAVE_AS_XLSX = (
    "Mở tệp bằng Excel, chọn Tệp > Lưu thành (Save As) > “Sổ làm việc Excel (*.xlsx)”, rồi chạy "
    "lại với tệp mới."
)
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_UNCOMPUTED = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*?>\s*<f(?:\s[^>]*?)?(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_MERGED = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATES = re.compile("[\ud800-\udfff]")
_BAD_DATE = re.compile(r"Cell ([A-Z]+)(\d+) is marked as a date but the serial value (\S+) is outside")


def read_grids(path: Path) -> dict[str, SheetGrid]:
    """Every worksheet of the file ``path`` as a grid (see :mod:`dvk_docs.workbook.grid`).

    Raises WorkbookReadError, saying what the file is and what to do, when it cannot be read.
    """
    check_readable(path)
    try:
        extras = _scan_sheet_xml(path)
        with path.open("rb") as stream:
            reader = _Reader(stream, read_only=True, data_only=True, keep_links=False)
            reader.read()
            book = reader.wb
            try:
                return {ws.title: _grid(ws, extras.get(ws.title, _SheetXml())) for ws in book.worksheets}
            finally:
                book.close()
    except (zipfile.BadZipFile, KeyError, InvalidFileException, ValueError, TypeError,
            SyntaxError, EOFError) as error:
        raise _damaged(path) from error
    except OSError as error:
        raise WorkbookReadError(
            f"Không mở được tệp “{path.name}”: {error.strerror or error}.",
            hint="Kiểm tra quyền đọc tệp, hoặc đóng chương trình đang giữ tệp rồi chạy lại.",
        ) from error


def decode_escapes(text: str) -> str:
    """``text`` with Excel's ``_xHHHH_`` escapes decoded: "a_x000D_b" -> "a\\rb",
    "_x005F_x000D_" -> "_x000D_" (``_x005F_`` is an escaped underscore)."""
    if "_x" not in text:
        return text
    decoded = _ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)
    if _SURROGATES.search(decoded):  # "_xD83D__xDE00_": a pair of escapes is one character
        decoded = decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return decoded


class _Reader(openpyxl_reader.ExcelReader):
    """openpyxl's reader, with shared strings kept as stored (openpyxl removes every "x005F_",
    turning an escaped "_x005F_x000D_" into the escape of a carriage return): ``_grid`` decodes
    every text once."""

    def read_strings(self) -> None:
        part = self.package.find(openpyxl_reader.SHARED_STRINGS)
        if part is None:
            return
        strings = []
        with self.archive.open(part.PartName[1:]) as source:
            for _, node in ElementTree.iterparse(source):
                if node.tag == f"{_MAIN_NS}si":
                    strings.append(Text.from_tree(node).content)
                    node.clear()
        self.shared_strings = strings


def check_readable(path: Path) -> None:
    """Raise WorkbookReadError when ``path`` is clearly not an .xlsx/.xlsm workbook we can open."""
    if not path.exists():
        raise WorkbookReadError(f"Không tìm thấy tệp “{path}”.",
                                hint="Kiểm tra lại tên tệp và thư mục chứa sổ theo dõi.")
    if path.is_dir():
        raise WorkbookReadError(f"“{path}” là một thư mục, không phải sổ Excel.",
                                hint="Hãy chỉ đến tệp .xlsx hoặc .xlsm của sổ theo dõi.")
    with path.open("rb") as stream:
        head = stream.read(1 << 16)
    if not head:
        raise WorkbookReadError(f"Tệp “{path.name}” rỗng (0 byte).",
                                hint="Tệp có thể chưa được lưu xong hoặc bị hỏng khi sao chép.")
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith(ZIP_MAGIC):
        _check_zip(path)
        check_package(path)  # zip bomb, DOCTYPE/ENTITY: refused before openpyxl
        return
    raise _not_a_workbook(path, head)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise _damaged(path) from error
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise WorkbookReadError(f"Tệp “{path.name}” là sổ Excel nhị phân (.xlsb), chưa đọc được.",
                                hint=_SAVE_AS_XLSX)
    if "content.xml" in names:
        raise WorkbookReadError(f"Tệp “{path.name}” là bảng tính OpenDocument (.ods), không phải "
                                "sổ Excel.", hint=_SAVE_AS_XLSX)
    if "word/document.xml" in names:
        raise WorkbookReadError(f"Tệp “{path.name}” là văn bản Word, không phải sổ Excel.",
                                hint="Hãy chọn đúng tệp sổ theo dõi (.xlsx hoặc .xlsm).")
    raise _damaged(path)


def _ole_error(path: Path) -> WorkbookReadError:
    data = path.read_bytes()
    if _ENCRYPTED in data:
        return WorkbookReadError(
            f"Sổ “{path.name}” được đặt mật khẩu (mã hóa) nên không đọc được.",
            hint="Mở sổ bằng Excel, vào Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, "
            "xóa mật khẩu, lưu lại rồi chạy lại.",
        )
    return WorkbookReadError(
        f"Tệp “{path.name}” là sổ Excel 97-2003 (.xls); chương trình chỉ đọc .xlsx và .xlsm.",
        hint=_SAVE_AS_XLSX,
    )


def _not_a_workbook(path: Path, head: bytes) -> WorkbookReadError:
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text[:100].lower().startswith(("<html", "<!doctype html", "<?xml", "<table")):
        return WorkbookReadError(f"Tệp “{path.name}” là trang HTML/XML đổi đuôi, không phải sổ Excel.",
                                 hint=_SAVE_AS_XLSX)
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000])
    if printable >= 0.95 * len(text[:2000]) and any(sep in text for sep in ",;\t"):
        return WorkbookReadError(
            f"Tệp “{path.name}” là tệp văn bản CSV đổi đuôi, không phải sổ Excel.",
            hint=_SAVE_AS_XLSX,
        )
    return WorkbookReadError(f"Tệp “{path.name}” không phải sổ Excel (.xlsx, .xlsm).",
                             hint="Hãy chọn đúng tệp sổ theo dõi, hoặc tạo sổ mới bằng “dvk init”.")


def _damaged(path: Path) -> WorkbookReadError:
    return WorkbookReadError(
        f"Sổ “{path.name}” bị hỏng, không đọc được.",
        hint="Mở sổ bằng Excel (Excel có thể đề nghị sửa chữa), lưu lại rồi chạy lại; hoặc dùng bản "
        "sao lưu trong thư mục “.dvk-backup” cạnh sổ.",
    )


@dataclass(frozen=True)
class _SheetXml:
    """What openpyxl's read-only mode does not give, read from a sheet's raw XML."""

    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)  #: (row, col) -> formula
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_rows: frozenset[int] = frozenset()


def _grid(ws: object, xml: _SheetXml) -> SheetGrid:
    ws.reset_dimensions()  # type: ignore[attr-defined]  # a wrong <dimension> would cut the sheet
    replaced: dict[tuple[int, int], object] = {  # (row, col) -> the value delivered instead
        key: Uncomputed(formula) for key, formula in xml.uncomputed.items()
    }
    formula_rows = {r for r, _ in replaced}
    rows = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", message="Cell .* is marked as a date", category=UserWarning)
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
            if number in formula_rows or any(v is not None for v in values):
                rows.append((number, values))
    for warning in caught:
        if match := _BAD_DATE.match(str(warning.message)):
            replaced[(int(match[2]), column_index(match[1]))] = float(match[3])
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    changed = {r for r, _ in replaced}
    rows = [
        (number, _delivered(number, values, replaced))
        if number in changed or any(isinstance(v, str) and "_x" in v for v in values) else (number, values)
        for number, values in rows
    ]
    return SheetGrid(ws.title, rows, xml.merged, xml.hidden_rows)  # type: ignore[attr-defined]


def _delivered(number: int, values: tuple, replaced: dict[tuple[int, int], object]) -> tuple:
    """A row's values as the grid contract wants them: text decoded, replaced cells replaced."""
    return tuple(
        replaced.get((number, column), decode_escapes(value) if isinstance(value, str) else value)
        for column, value in enumerate(values, start=1)
    )


def _scan_sheet_xml(path: Path) -> dict[str, _SheetXml]:
    """Per sheet name: formula cells without a cached value, merged ranges and hidden rows."""
    result = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in _sheet_parts(archive).items():
            data = archive.read(part)
            uncomputed = {}
            if b"<f" in data:
                for m in _UNCOMPUTED.finditer(data):
                    formula = ElementTree.fromstring(b"<f>" + (m.group(3) or b"") + b"</f>").text
                    uncomputed[(int(m.group(2)), column_index(m.group(1).decode()))] = formula or ""
            merged = tuple(
                (int(r1), column_index(c1.decode()), int(r2), column_index(c2.decode()))
                for c1, r1, c2, r2 in _MERGED.findall(data)
            )
            hidden = frozenset(
                int(number.group(1)) for tag in _HIDDEN_ROW.finditer(data)
                if (number := _ROW_NUMBER.search(tag.group(0))) is not None
            ) if b'hidden="' in data else frozenset()
            result[name] = _SheetXml(uncomputed, merged, hidden)
    return result


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part inside the zip."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")}
    members = set(archive.namelist())
    parts = {}
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        if part in members:
            parts[sheet.get("name", "")] = part
    return parts
