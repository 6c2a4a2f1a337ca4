"""Whether a signature, seal or logo "picture" is a picture Word documents can hold, from its first bytes.

The document writer (python-docx) places PNG, JPEG, GIF, BMP and TIFF pictures; anything else (a
WEBP or HEIC photo renamed ``.png``, a text file, an empty file) would fail deep inside rendering.
The reader (``missing-image`` / ``not-an-image`` findings, ``dvk validate``) and the document data
builder (``dvk render``) both ask :func:`picture_cell_problem`, so the clerk gets the same sentence
naming the cell from both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 32  #: bytes read to recognise a picture
PICTURE_SIGNATURES = (  #: first bytes of the formats a Word document can hold, and their names
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_CONVERT = "Mở ảnh bằng Paint (hoặc chương trình xem ảnh), chọn Lưu thành (Save As) kiểu PNG rồi ghi tên tệp mới vào ô."


@dataclass(frozen=True)
class PictureProblem:
    """Why the picture a cell names cannot go into a document."""

    code: str  #: "missing-image" (no such file) or "not-an-image"
    message: str  #: the Vietnamese sentence, with what to do


def picture_cell_problem(path: str, folder: Path) -> PictureProblem | None:
    """None when the picture a workbook cell names as ``path`` (relative to the workbook's
    ``folder``, or absolute) is a file a document can hold; otherwise what is wrong with it."""
    file = folder / path  # an absolute path replaces folder
    if not file.is_file():
        where = "" if Path(path).is_absolute() else f" (tìm trong thư mục {folder})"
        return PictureProblem("missing-image", (
            f"Không tìm thấy ảnh “{path}”{where}. Chép tệp ảnh (PNG) vào thư mục của sổ rồi ghi đường dẫn "
            "tính từ thư mục đó (ví dụ chu-ky/ten.png), hoặc xóa ô này nếu văn bản không cần ảnh."))
    if problem := picture_problem(file):
        return PictureProblem("not-an-image", f"Ảnh “{path}” không dùng được: {problem}")
    return None


def picture_problem(file: Path) -> str | None:
    """None when ``file`` starts like a PNG, JPEG, GIF, BMP or TIFF picture; otherwise a Vietnamese
    sentence saying what the file is and what to do."""
    with file.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
    if any(head.startswith(signature) for signature, _ in PICTURE_SIGNATURES):
        return None
    return f"tệp “{file.name}” {_what(head)}, không phải ảnh Word chèn được (PNG, JPEG, GIF, BMP, TIFF). {_CONVERT}"


def _what(head: bytes) -> str:
    if not head:
        return "rỗng (0 byte)"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "là ảnh WEBP (thường tải từ trang web)"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
        return "là ảnh HEIC/AVIF (thường chụp từ điện thoại)"
    if head.lstrip().startswith((b"<svg", b"<?xml")):
        return "là hình vẽ SVG/XML"
    if head.startswith(b"%PDF"):
        return "là tệp PDF"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not just a character cut at the end of the head
            return "không phải ảnh"
    return "không phải ảnh" if b"\0" in head else "là tệp chữ (văn bản)"
