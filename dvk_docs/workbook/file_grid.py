"""Grid provider for a workbook file on disk: the cells streamed from the sheets' XML (cached
formula values), see :mod:`dvk_docs.workbook.sheet_xml`.

It also recognises the files clerks send that are not readable workbooks (old .xls, password
protected, CSV or HTML renamed .xlsx, damaged zip) and says so in Vietnamese.

Text is delivered as the clerk typed it: Excel's ``_xHHHH_`` escapes (ECMA-376 ST_Xstring: a
carriage return is stored as ``_x000D_``, a literal "_x000D_" as ``_x005F_x000D_``) are decoded
once. A number in a date-formatted cell that is no Excel date (beyond 31/12/9999) is delivered as
the number, for the parser to report.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import WorkbookReadError
from ..safety import check_package
from .grid import SheetGrid
from .sheet_xml import STRICT_NAMESPACE, WORKBOOK_PART, read_book, read_sheet

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  #: start of an OLE file: .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"  #: start of a zip file (.xlsx, .xlsm, .ods, .docx…)

_SAVE_AS_XLSX = (
    "Mở tệp bằng Excel, chọn Tệp > Lưu thành (Save As) > “Sổ làm việc Excel (*.xlsx)”, rồi chạy "
    "lại với tệp mới."
)
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def read_grids(path: Path) -> dict[str, SheetGrid]:
    """Every worksheet of the file ``path`` as a grid (see :mod:`dvk_docs.workbook.grid`), read by
    streaming its XML (:mod:`dvk_docs.workbook.sheet_xml`): the cost follows the cells that hold
    data, not the formatted range.

    Raises WorkbookReadError, saying what the file is and what to do, when it cannot be read.
    """
    check_readable(path)
    try:
        with zipfile.ZipFile(path) as archive:
            book = read_book(archive)
            grids = {}
            for name, part in book.sheets:
                with archive.open(part) as stream:
                    grids[name] = read_sheet(stream, name, book)
            return grids
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, SyntaxError, EOFError) as error:
        raise _damaged(path) from error
    except OSError as error:
        raise WorkbookReadError(
            f"Không mở được tệp “{path.name}”: {error.strerror or error}.",
            hint="Kiểm tra quyền đọc tệp, hoặc đóng chương trình đang giữ tệp rồi chạy lại.",
        ) from error


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


def check_transitional(path: Path) -> None:
    """Raise WorkbookReadError when the readable workbook ``path`` is saved as Strict Open XML:
    it is read like any other, but written back only in the form Excel saves by default."""
    with zipfile.ZipFile(path) as archive:
        head = archive.open(WORKBOOK_PART).read(4096)
    if STRICT_NAMESPACE.encode() in head:
        raise strict_error(path)


def strict_error(path: Path) -> WorkbookReadError:
    """The answer to a write into the Strict Open XML workbook ``path``: how to save it again."""
    return WorkbookReadError(
        f"Sổ “{path.name}” được lưu dạng “Strict Open XML”: chương trình đọc được nhưng không "
        "ghi được vào dạng này.",
        hint="Mở sổ bằng Excel, chọn Tệp > Lưu thành (Save As) > “Sổ làm việc Excel (*.xlsx)” "
        "(không chọn “Bảng tính Strict Open XML”), rồi chạy lại với tệp mới.",
    )


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
