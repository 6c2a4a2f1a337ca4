"""Pictures as Word drawings: flush inline pictures, and the seal floating over the signature.

NĐ 30/2020 Phụ lục I (electronic documents): the signer's signature image is blue on a transparent
background, centred between the signer's title and name (II.7.d); the seal image is red, at the
seal's actual size, on a transparent background, and "trùm lên khoảng 1/3 hình ảnh chữ ký số của
người có thẩm quyền về bên trái" — it covers about the left third of the signature image (II.8.a).

docxtpl writes every picture as an inline drawing (``wp:inline``). Two small changes to that
markup, made by :func:`drawing` for the compiled engine and for plain docxtpl alike, so both write
the same bytes:

- every picture is flush (``distT``/``distB``/``distL``/``distR`` = 0): LibreOffice otherwise pads
  an inline picture with 0.125 inch on each side, moving it away from where Word draws it;
- a seal placed over a signature becomes an anchored drawing (``wp:anchor``) in front of the text,
  without wrapping, positioned from where ``{{ anh_dau }}`` stands (just before the signature):
  horizontally from that character, so that its right edge falls at the first third of the
  signature; vertically from the top of the paragraph (the signature's top), centred on the
  signature, but never lower than the room the template leaves under it
  (:data:`~dvk_docs.formats.blocks.PICTURE_ROOM_PT`), so the signer's name stays clear.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.image.image import Image
from docx.shared import Mm, Pt
from docxtpl import InlineImage
from lxml import etree

from ..documents.parts import Picture
from ..formats.blocks import PICTURE_ROOM_PT

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"  #: drawing placement
SEAL_COVERS = 1 / 3  #: share of the signature's width the seal covers, from its left edge (NĐ 30 II.8.a)
Z_ORDER = "251659264"  #: ``relativeHeight`` of a floating picture (in front of the text)
_INLINE_START, _INLINE_END = "<wp:inline", "</wp:inline>"


@dataclass(frozen=True)
class Float:
    """Where a floating picture goes, in EMU: ``x`` from the character where it is anchored,
    ``y`` from the top of its paragraph."""

    x: int
    y: int


@dataclass(frozen=True)
class BatchImage:
    """A picture every record of a batch shows (signature, seal), added to the package once.

    ``source`` is an image file or its bytes; ``width`` and ``height`` are EMU (python-docx
    ``Mm(35)``); None keeps the natural size, one of them keeps the aspect ratio. ``placement``
    None draws the picture inline, otherwise it floats there.
    """

    source: Path | bytes
    width: int | None = None
    height: int | None = None
    placement: Float | None = None

    def descriptor(self) -> str | io.BytesIO:
        """What python-docx and docxtpl accept as an image: a path or a fresh stream."""
        return io.BytesIO(self.source) if isinstance(self.source, bytes) else str(self.source)

    def size(self) -> tuple[int, int]:
        """The printed width and height in EMU, as python-docx computes them."""
        width, height = Image.from_file(self.descriptor()).scaled_dimensions(self.width, self.height)
        return int(width), int(height)


class PictureImage(InlineImage):
    """docxtpl's ``InlineImage`` for a :class:`BatchImage`: flush, and floating when placed."""

    def __init__(self, tpl: Any, image: BatchImage) -> None:
        super().__init__(tpl, image.descriptor(), image.width, image.height)
        self.placement = image.placement

    def _insert_image(self) -> str:
        return drawing(super()._insert_image(), self.placement)


def batch_image(picture: Picture) -> BatchImage:
    """The picture of a document context as drawn: a seal that covers a signature floats."""
    image = BatchImage(Path(picture.path), width=Mm(picture.width_mm))
    if picture.covers is None:
        return image
    signature = batch_image(picture.covers)
    placement = seal_placement(image.size(), signature.size(), int(Pt(PICTURE_ROOM_PT)))
    return BatchImage(image.source, image.width, image.height, placement)


def seal_placement(seal: tuple[int, int], signature: tuple[int, int], room_below: int) -> Float:
    """Where a seal of size ``seal`` goes over a signature of size ``signature`` (EMU), anchored
    just before the signature: covering its left third, centred on it vertically, at most
    ``room_below`` below its bottom."""
    (seal_width, seal_height), (signature_width, signature_height) = seal, signature
    x = round(signature_width * SEAL_COVERS) - seal_width
    y = min((signature_height - seal_height) // 2, signature_height + room_below - seal_height)
    return Float(x, y)


def drawing(markup: str, placement: Float | None) -> str:
    """docxtpl's run markup for a picture with its ``wp:inline`` made flush, or replaced by a
    ``wp:anchor`` at ``placement``."""
    start = markup.index(_INLINE_START)
    end = markup.index(_INLINE_END, start) + len(_INLINE_END)
    inline = etree.fromstring(markup[start:end])
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
    element = inline if placement is None else _anchor(inline, placement)
    return markup[:start] + etree.tostring(element, encoding="unicode") + markup[end:]


def _anchor(inline: etree._Element, placement: Float) -> etree._Element:
    """``inline``'s picture as a drawing in front of the text, not wrapped, at ``placement``."""
    anchor = etree.Element(WP + "anchor", nsmap=inline.nsmap)
    for name, value in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"),
                        ("simplePos", "0"), ("relativeHeight", Z_ORDER), ("behindDoc", "0"),
                        ("locked", "0"), ("layoutInCell", "1"), ("allowOverlap", "1")):
        anchor.set(name, value)
    etree.SubElement(anchor, WP + "simplePos", x="0", y="0")
    for axis, origin, offset in (("H", "character", placement.x), ("V", "paragraph", placement.y)):
        position = etree.SubElement(anchor, WP + f"position{axis}", relativeFrom=origin)
        etree.SubElement(position, WP + "posOffset").text = str(offset)
    anchor.append(inline.find(WP + "extent"))
    etree.SubElement(anchor, WP + "effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(anchor, WP + "wrapNone")
    anchor.extend(list(inline))  # docPr, cNvGraphicFramePr, graphic: in the schema's order
    return anchor
