"""Guards on input packages: zip bombs and XML entity tricks, refused before any parser runs.

An .xlsx/.xlsm/.docx is a zip of XML parts. :func:`check_package` looks at it before openpyxl,
python-docx or docxtpl parse anything: too many members, too much data once unpacked or an absurd
compression ratio are refused (Python's ``zipfile`` never returns more than a member's declared
size, so checking the declared sizes bounds what the parsers can see), and so is any XML part with a
``<!DOCTYPE`` or ``<!ENTITY`` declaration — Office never writes one, and it is the only way to ask
a parser for an external entity or an entity bomb. (openpyxl parses with lxml
``resolve_entities=False`` or expat, python-docx with ``resolve_entities=False``; docxtpl re-parses
rendered XML with lxml's default parser, so the guard matters for templates.)
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

from ..errors import DvkError, WorkbookReadError
from ..vntext.numbers import format_number

MAX_MEMBERS = 10_000  #: members in one package; a 10,000-model workbook has a few dozen
MAX_UNPACKED_BYTES = 1 << 30  #: 1 GiB of XML and media once unpacked, all members together
MAX_RATIO = 200  #: unpacked/packed size of one member; real sheets stay under ~100
RATIO_FLOOR = 8 << 20  #: members smaller than 8 MiB unpacked are not ratio-checked
XML_SUFFIXES = (".xml", ".rels", ".vml")  #: package members that are XML
_DECLARATIONS = ("<!DOCTYPE", "<!ENTITY")
_CHUNK = 1 << 20


def check_package(source: Path | str | bytes, *, error: type[DvkError] = WorkbookReadError,
                  name: str | None = None) -> None:
    """Refuse a zip package (.xlsx, .xlsm, .docx) that is a bomb or carries XML declarations.

    ``source`` is the file or its bytes; ``name`` is how messages call it (default: the file
    name). Call it before any parser opens the package. ``error`` is the class raised
    (WorkbookReadError for workbooks, TemplateError for templates); the message names the file
    and what is wrong. Data that is not a zip at all is left to the caller's own format checks.
    """
    label = name or ("mẫu" if isinstance(source, bytes) else Path(source).name)
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
            _check_sizes(label, members, error)
            for member in members:
                if member.filename.lower().endswith(XML_SUFFIXES) and _has_declaration(archive, member):
                    raise error(
                        f"Tệp “{label}” có phần “{member.filename}” chứa khai báo DOCTYPE/ENTITY "
                        "— Word và Excel không bao giờ tạo ra, nên tệp đã bị sửa hoặc có thể độc hại.",
                        hint="Không dùng tệp này. Mở bản gốc bằng Word/Excel, lưu thành tệp mới rồi "
                        "chạy lại.",
                    )
    except zipfile.BadZipFile:
        return  # not a zip: the caller's format check says what the file is
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as cause:
        raise error(
            f"Tệp “{label}” dùng kiểu nén hoặc mã hóa mà chương trình không đọc được.",
            hint="Mở tệp bằng Word/Excel, lưu lại thành tệp mới rồi chạy lại.",
        ) from cause


def _check_sizes(label: str, members: list[zipfile.ZipInfo], error: type[DvkError]) -> None:
    hint = "Tệp có thể là “bom nén” (zip bomb) hoặc bị hỏng. Không dùng tệp này; hỏi người gửi bản gốc."
    if len(members) > MAX_MEMBERS:
        raise error(f"Tệp “{label}” có {format_number(len(members))} phần bên trong (giới hạn "
                    f"{format_number(MAX_MEMBERS)}), không giống tệp Office thật.", hint=hint)
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        unpacked = format_number(total / (1 << 20), decimals=0)
        raise error(f"Tệp “{label}” khi giải nén lên tới {unpacked} MB "
                    f"(giới hạn {format_number(MAX_UNPACKED_BYTES >> 20)} MB).", hint=hint)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise error(f"Phần “{member.filename}” của tệp “{label}” nén tới "
                        f"{format_number(ratio, decimals=0)} lần "
                        f"(giới hạn {MAX_RATIO} lần).", hint=hint)


def _has_declaration(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Stream the part, decoding UTF-8 or UTF-16, and look for <!DOCTYPE or <!ENTITY."""
    with archive.open(member) as stream:
        head = stream.read(_CHUNK)
        decoder = codecs.getincrementaldecoder(_encoding(head))(errors="replace")
        tail = ""
        chunk = head
        while chunk:
            text = tail + decoder.decode(chunk)
            if any(mark in text for mark in _DECLARATIONS):
                return True
            tail = text[-len("<!DOCTYPE"):]
            chunk = stream.read(_CHUNK)
    return False


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, b"<\x00")):
        return "utf-16-le"
    if head.startswith((codecs.BOM_UTF16_BE, b"\x00<")):
        return "utf-16-be"
    return "utf-8"
