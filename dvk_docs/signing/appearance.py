"""What a signature looks like on the page (NĐ 30/2020 Phụ lục I), as pyHanko stamp styles.

- ``nguoi-ky``: the signer's image (blue, transparent PNG) filling its box, no text.
- ``co-quan``: the seal image (red, transparent PNG, actual size) at the left of the box, which starts
  at the seal and covers the left third of the signer's image; to the seal's right the issuing body's
  name and the signing time (ISO 8601, Vietnam time), Times New Roman 10 pt, upright, black.
- separate appendix: no image; "số và ký hiệu; thời gian ký" in the same font, at the top right.

The font is embedded as a subset (Vietnamese letters need it): Times New Roman where Windows has it,
else Liberation Serif, its metric twin.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.metrics import text_width_cm
from ..formats.profiles import Style
from .errors import SigningError
from .placement import MM, Box

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

INFO_FONT_SIZE = 10  #: points (NĐ 30 Phụ lục I II.8.b, III.1.d)
INFO_LEADING = 12  #: points between baselines (whole points: pyHanko lays out in fractions)
TEXT_PADDING = 10  #: points pyHanko's text box keeps around its text
INFO_GAP_MM = 1.5  #: between the seal's right edge and the information text
INFO_STYLE = Style(INFO_FONT_SIZE)  #: for measuring where the information text wraps
PDF_UNITS_PER_EM = 1000  #: glyph units PDF widths are written in
VIETNAMESE_CODEPOINTS = (  #: letters, digits, punctuation, Vietnamese letters and tone marks
    *range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x328), *range(0x1EA0, 0x1EFA),
    0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026,
)
TIME_LETTERS = frozenset("0123456789-:T+ ")  #: every character a signing time may show (ISO 8601)
FONT_FILES = (  #: Times New Roman or its metric twin, first found wins
    Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" / "times.ttf",
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
    Path("/System/Library/Fonts/Supplemental/Times New Roman.ttf"),
    Path("/Library/Fonts/Times New Roman.ttf"),
)


@dataclass(frozen=True)
class Appearance:
    """A stamp style, the box it fills and the text it shows (pyHanko's ``%(info)s``)."""

    style: object  #: pyhanko.stamp.TextStampStyle
    box: Box
    info: str = ""


def image_aspect(image: Path) -> float:
    """Height / width of a picture. Raises :class:`SigningError` for a file that is not a picture."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(image) as picture:
            return picture.height / picture.width
    except (OSError, UnidentifiedImageError):
        raise SigningError(f"Không mở được ảnh “{image}”.",
                           hint="Dùng ảnh PNG nền trong suốt (chữ ký màu xanh, con dấu màu đỏ).") from None


def signer_appearance(image: Path, box: Box) -> Appearance:
    """The signer's image filling ``box`` (the box keeps the image's proportions)."""
    return Appearance(_style(background=image, text=""), box)


def body_appearance(seal: Path | None, seal_at: Box, body_name: str, signed_at: str,
                    right_edge: float) -> Appearance:
    """The seal at ``seal_at`` (or nothing) and, right of it up to ``right_edge``, the information."""
    from pyhanko.pdf_utils import layout

    text_left = seal_at.x1 + INFO_GAP_MM * MM
    info = wrap(f"{body_name}\n{signed_at}", (right_edge - text_left - TEXT_PADDING) / MM / 10)
    text_height = (info.count("\n") + 1) * INFO_LEADING + 2 * TEXT_PADDING
    box = seal_at.union(Box(text_left, seal_at.centre_y - text_height / 2, right_edge,
                            seal_at.centre_y + text_height / 2))
    margin = layout.Margins(left=text_left - box.x0 - TEXT_PADDING)
    inner = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                       y_align=layout.AxisAlignment.ALIGN_MID, margins=margin,
                                       inner_content_scaling=layout.InnerScaling.NO_SCALING)
    seal_rule = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins(right=box.width - seal_at.width,
                               top=box.y1 - seal_at.y1, bottom=seal_at.y0 - box.y0),
        inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT)
    return Appearance(_style(background=seal, text="%(info)s", letters=info, inner=inner,
                             background_rule=seal_rule), box, info)


def stamp_appearance(number: str, signed_at: str, box: Box) -> Appearance:
    """The information stamp of a separate appendix: number and symbol, signing time; no image."""
    from pyhanko.pdf_utils import layout

    info = f"{number}\n{signed_at}"
    inner = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MAX,
                                       y_align=layout.AxisAlignment.ALIGN_MAX,
                                       inner_content_scaling=layout.InnerScaling.NO_SCALING)
    return Appearance(_style(background=None, text="%(info)s", letters=info, inner=inner), box, info)


def wrap(text: str, width_cm: float) -> str:
    """``text`` broken into lines no wider than ``width_cm`` at 10 pt (words kept whole)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width_cm(candidate, INFO_STYLE) > width_cm:
                out.append(line)
                candidate = word
            line = candidate
        out.append(line)
    return "\n".join(out)


def font_file() -> Path:
    """Times New Roman or Liberation Serif on this machine. Raises :class:`SigningError` when none."""
    for path in FONT_FILES:
        if path.is_file():
            return path
    found = _fc_match()
    if found is not None:
        return found
    raise SigningError("Máy không có phông Times New Roman hay Liberation Serif để viết thông tin chữ ký số.",
                       hint="Cài phông Times New Roman (hoặc gói fonts-liberation2 trên Linux), rồi ký lại.")


def _fc_match() -> Path | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    out = subprocess.run([fc_match, "-f", "%{file}", "Liberation Serif"], capture_output=True,
                         text=True, check=False).stdout.strip()
    return Path(out) if out.lower().endswith(".ttf") and Path(out).is_file() else None


def _style(*, background: Path | None, text: str, letters: str = "", inner: object = None,
           background_rule: object = None) -> object:
    from pyhanko import stamp
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils import text as pdf_text

    image = _image(background) if background is not None else None
    centred = layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                         y_align=layout.AxisAlignment.ALIGN_MID,
                                         inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT)
    return stamp.TextStampStyle(
        stamp_text=text, border_width=0, background=image, background_opacity=1.0,
        background_layout=background_rule or centred, inner_content_layout=inner,
        text_box_style=pdf_text.TextBoxStyle(font=_font_factory(frozenset(letters) | TIME_LETTERS),
                                             font_size=INFO_FONT_SIZE,
                                             leading=INFO_LEADING) if text else pdf_text.TextBoxStyle(),
    )


def _image(path: Path) -> object:
    from PIL import Image, UnidentifiedImageError
    from pyhanko.pdf_utils.images import PdfImage

    try:
        with Image.open(path) as picture:
            picture.load()
            return PdfImage(picture.copy())
    except (OSError, UnidentifiedImageError):
        raise SigningError(f"Không mở được ảnh “{path}”.",
                           hint="Dùng ảnh PNG nền trong suốt (chữ ký màu xanh, con dấu màu đỏ).") from None


@cache
def _font_factory(letters: frozenset[str]) -> object:
    """An embedding font engine over :func:`font_bytes` cut to ``letters`` (pyHanko subsets the font
    it embeds for every signature: from a few dozen glyphs that is quick, from the whole alphabet it
    took most of the issuing body's signing time). pyHanko's own factory leaves its file open."""
    from fontTools.ttLib import TTFont
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    with TTFont(io.BytesIO(font_bytes())) as font:
        _subset(font, text="".join(sorted(letters)))
        data = _saved(font)

    class EmbeddedFont(FontEngineFactory):
        def create_font_engine(self, writer: object, obj_stream: object = None) -> GlyphAccumulator:
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(data),
                                    font_size=INFO_FONT_SIZE, obj_stream=obj_stream)

    return EmbeddedFont()


@cache
def font_bytes() -> bytes:
    """:func:`font_file` cut to the Vietnamese alphabet and scaled to 1,000 units per em.

    pyHanko writes glyph widths in font units as if every font had 1,000 per em; Times New Roman and
    Liberation Serif have 2,048, which would spread the letters twice as wide. About a second, once
    per process.
    """
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset" is not news
    with TTFont(str(font_file())) as font:
        _subset(font, unicodes=VIETNAMESE_CODEPOINTS)
        scale_upem(font, PDF_UNITS_PER_EM)
        return _saved(font)


def _subset(font: TTFont, **wanted: object) -> None:
    """Cut ``font`` in place to the glyphs ``wanted`` names (fontTools ``populate`` keywords: ``text``,
    ``unicodes``), keeping every layout feature and dropping hints."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(**wanted)
    subsetter.subset(font)


def _saved(font: TTFont) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
