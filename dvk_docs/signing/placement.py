"""Where the signatures go, found in the PDF's own text (NĐ 30/2020 Phụ lục I, II.7.d, II.8, III.1.d).

The PDF LibreOffice rendered is read with pdfium (``pypdfium2``: text segments with their boxes, about
20 ms a page). The signature block is the last line on the document that reads the signer's name
(case, accents and spacing compared as the clerk sees them), with the line just above it in the same
column — the chức vụ line. Searching the text works for PDFs from any template, Word or LibreOffice,
and needs nothing carried from the build; the same box is found again when the issuing body signs.

All boxes are PDF points, origin at the bottom-left corner of the page (pyHanko's convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..documents.parts import SEAL_WIDTH_MM, SIGNATURE_WIDTH_MM
from ..vntext.normalize import nfc
from .errors import SigningError

MM = 72 / 25.4  #: PDF points per millimetre
SEAL_COVERS = 1 / 3  #: the seal covers the left third of the signer's image (NĐ 30 II.8.a)
SAME_COLUMN_MM = 40.0  #: the title's centre lies this close to the name's centre (same column)
IMAGE_MARGIN_MM = 1.0  #: the signer's image keeps this far from the title and the name
STAMP_TOP_MM = 6.0  #: the appendix stamp's top edge, from the top of the page (inside the top margin)
STAMP_RIGHT_MM = 20.0  #: the appendix stamp's right edge, from the right of the page (the right margin)
STAMP_SIZE_MM = (75.0, 11.0)  #: width, height of the appendix stamp: two lines of 10 pt


@dataclass(frozen=True)
class Box:
    """A rectangle on a page: left, bottom, right, top in PDF points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def centre_y(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1),
                   max(self.y1, other.y1))

    def rounded(self) -> tuple[int, int, int, int]:
        """Whole points, outward (pyHanko field boxes)."""
        return int(self.x0), int(self.y0), int(self.x1 + 0.999), int(self.y1 + 0.999)


@dataclass(frozen=True)
class TextLine:
    """One text segment pdfium found, with its box."""

    text: str
    box: Box


@dataclass(frozen=True)
class PageText:
    """A page's size and its text segments, top to bottom."""

    width: float
    height: float
    lines: tuple[TextLine, ...]
    images: tuple[Box, ...] = ()  #: where pictures are drawn (a printed signature or seal)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class SignatureBlock:
    """The signer's title and name lines, on page ``page`` (0-based)."""

    page: int
    title: TextLine
    name: TextLine

    def signer_image_box(self, aspect: float) -> Box:
        """The signer's image: centred between title and name, 35 mm wide or less to fit the gap.

        ``aspect`` is the image's height / width.
        """
        top = self.title.box.y0 - IMAGE_MARGIN_MM * MM
        bottom = self.name.box.y1 + IMAGE_MARGIN_MM * MM
        width = min(SIGNATURE_WIDTH_MM * MM, (top - bottom) / aspect)
        height = width * aspect
        centre_x = (self.title.box.centre_x + self.name.box.centre_x) / 2
        centre_y = (top + bottom) / 2
        return Box(centre_x - width / 2, centre_y - height / 2, centre_x + width / 2,
                   centre_y + height / 2)


def read_pages(pdf: bytes | Path) -> list[PageText]:
    """The text segments of every page. Raises :class:`SigningError` for a file that is not a PDF."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    except pypdfium2.PdfiumError as error:
        raise SigningError(f"Không đọc được tệp PDF ({error}).",
                           hint="Xuất lại PDF bằng “dvk render --pdf” hoặc “dvk batch --pdf”.") from None
    try:
        return [_page_text(document[index]) for index in range(len(document))]
    finally:
        document.close()


def _page_text(page: object) -> PageText:
    import pypdfium2

    width, height = page.get_size()
    text_page = page.get_textpage()
    lines = []
    for index in range(text_page.count_rects()):
        rect = text_page.get_rect(index)
        text = nfc(text_page.get_text_bounded(*rect)).strip()
        if text:
            lines.append(TextLine(text, Box(*rect)))
    text_page.close()
    images = tuple(Box(*image.get_bounds())
                   for image in page.get_objects(filter=(pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,)))
    page.close()
    lines.sort(key=lambda line: (-round(line.box.y1), line.box.x0))
    return PageText(width, height, tuple(lines), images)


def find_signature_block(pages: list[PageText], name: str, source: str) -> SignatureBlock:
    """The last line reading ``name`` and the title line above it in the same column.

    Raises :class:`SigningError` naming ``source`` (the file) when the document has none.
    """
    wanted = _spoken(name)
    for number in reversed(range(len(pages))):
        lines = pages[number].lines
        for line in reversed(lines):
            if _spoken(line.text) != wanted:
                continue
            above = [other for other in lines if other.box.y0 > line.box.y1
                     and abs(other.box.centre_x - line.box.centre_x) <= SAME_COLUMN_MM * MM]
            if above:
                title = min(above, key=lambda other: other.box.y0 - line.box.y1)
                return SignatureBlock(number, title, line)
    raise SigningError(
        f"{source}: không tìm thấy khối chữ ký có tên người ký “{name}”.",
        hint="Chỉ ký được PDF do dvk lập có chức vụ và họ tên người ký; kiểm tra người ký trong sheet "
             "“Người ký” (hoặc --nguoi-ky) đúng với người ký trên văn bản.")


def check_no_printed_pictures(page: PageText, box: Box, source: str) -> None:
    """Refuse a page whose signature block already has a picture (the paper copy's signature or seal)."""
    if any(_overlap(box, image) for image in page.images):
        raise SigningError(
            f"{source}: khối chữ ký đã in sẵn ảnh chữ ký hoặc con dấu (bản để in), chữ ký số sẽ vẽ chồng lên.",
            hint="Lập bản để ký số không kèm ảnh: nút “Xuất PDF để ký số”, hoặc dvk render … --pdf --ky-so "
                 "(dvk batch … --pdf --ky-so).")


def _overlap(one: Box, other: Box) -> bool:
    return one.x0 < other.x1 and other.x0 < one.x1 and one.y0 < other.y1 and other.y0 < one.y1


def seal_box(signer_image: Box, diameter_mm: float = SEAL_WIDTH_MM) -> Box:
    """The seal at actual size: its right edge at the first third of the signer's image, centred on it."""
    size = diameter_mm * MM
    right = signer_image.x0 + signer_image.width * SEAL_COVERS
    return Box(right - size, signer_image.centre_y - size / 2, right, signer_image.centre_y + size / 2)


def appendix_stamp_box(page: PageText) -> Box:
    """The information stamp of a separate appendix: the top-right corner, inside the top margin."""
    width, height = (size * MM for size in STAMP_SIZE_MM)
    right = page.width - STAMP_RIGHT_MM * MM
    top = page.height - STAMP_TOP_MM * MM
    return Box(right - width, top - height, right, top)


_NUMBER = re.compile(r"^Số[^:\d\n]{0,12}:?\s*0*[1-9]\d*\s*[-/]", re.MULTILINE)  #: "Số: 05/…", "Số 29-KH/…"
_DATE = re.compile(r"^[^\n]+,\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*$",
                   re.MULTILINE)  #: "Yên Bình, ngày 05 tháng 3 năm 2025" (a line of its own)


def is_numbered_and_dated(page: PageText) -> bool:
    """Whether the first page shows a document number ("Số: 05/QĐ-…", "Số 29-KH/…") and a full date,
    each on a line of its own (a "căn cứ" citing another document's number and date does not count)."""
    text = page.text
    return bool(_NUMBER.search(text)) and bool(_DATE.search(text))


def document_number(page: PageText) -> str:
    """The number and symbol a page cites ("05/QĐ-UBND"), "" when none: an appendix's first page
    reads "(Kèm theo Quyết định số 05/QĐ-UBND …)"."""
    found = re.search(r"\bs[ốố]:?\s*(0*[1-9]\d*[-/][^\s,;)]+)", page.text, re.IGNORECASE)
    return found.group(1) if found else ""


def _spoken(text: str) -> str:
    """Text as a reader compares it: NFC, case-folded, single spaces."""
    return " ".join(nfc(text).casefold().split())
