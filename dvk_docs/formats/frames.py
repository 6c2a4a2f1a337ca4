"""A paragraph in a frame at a fixed place on the page (``w:framePr``), as WordprocessingML text.

Printing on pre-printed blanks puts each text at a position that is data (the clerk's table), so
the frame cannot be written into the template: the template holds ``{{p f.khung }}`` and the
record carries the whole paragraph, built here (children in schema order, text escaped).
"""

from __future__ import annotations

from markupsafe import Markup, escape


def framed_paragraph(text: str, *, x: int, y: int, width: int, half_points: int, align: str,
                     font: str, exact_pt: float | None = None) -> Markup:
    """A paragraph of ``text`` in a frame anchored to the page: top-left corner (``x``, ``y``)
    and ``width`` in twips, size in half-points, ``align`` left/center/right, in ``font``;
    ``exact_pt`` fixes the line height (points), else single spacing. Text runs through the
    frame's area (wrap "through"), so frames never push other content down."""
    line = f'w:line="{round(exact_pt * 20)}" w:lineRule="exact"' if exact_pt else \
        'w:line="240" w:lineRule="auto"'
    fonts = " ".join(f'w:{name}="{escape(font)}"' for name in ("ascii", "hAnsi", "eastAsia", "cs"))
    return Markup(
        f'<w:p><w:pPr><w:framePr w:w="{width}" w:wrap="through" w:hAnchor="page" w:vAnchor="page" '
        f'w:x="{x}" w:y="{y}"/><w:spacing w:before="0" w:after="0" {line}/><w:jc w:val="{align}"/>'
        f'</w:pPr><w:r><w:rPr><w:rFonts {fonts}/><w:sz w:val="{half_points}"/>'
        f'<w:szCs w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
    )
