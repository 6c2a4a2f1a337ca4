"""Text widths in Times New Roman, for drawing the rule lines at the length the rules ask for.

The advance widths come from Liberation Serif (metric-compatible with Times New Roman), stored in
``dvk_docs/data/fonts/times-widths.json``. A Vietnamese letter is as wide as its base letter, so
diacritics are stripped before lookup (``Đ`` and ``đ`` have their own entries).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from .profiles import Style

WIDTHS_FILE = Path(__file__).resolve().parent.parent / "data" / "fonts" / "times-widths.json"  #: data
CM_PER_POINT = 2.54 / 72  #: one typographic point in centimetres
RULE_CHAR = "_"  #: rule lines are typed as underscores, as in the official sample forms


def text_width_cm(text: str, style: Style) -> float:
    """The printed width of one line of ``text`` in ``style``, in centimetres."""
    table = _table(_style_key(style))
    default = table.get("n", 500)
    units = sum(table.get(_base(ch), default) for ch in text)
    return units / 1000 * style.size * CM_PER_POINT


def rule_text(length_cm: float, style: Style) -> str:
    """Underscores that print as a solid line about ``length_cm`` long in ``style`` (at least 3)."""
    one = text_width_cm(RULE_CHAR, style)
    return RULE_CHAR * max(3, round(length_cm / one))


def longest_line_cm(text: str, style: Style, column_cm: float) -> float:
    """The width of the longest printed line of ``text`` in a column ``column_cm`` wide.

    Explicit line breaks split the text; a line wider than the column wraps, so it counts as
    the column's width.
    """
    return max((min(text_width_cm(line, style), column_cm) for line in text.splitlines()),
               default=0.0)


def _style_key(style: Style) -> str:
    if style.bold and style.italic:
        return "bold_italic"
    return "bold" if style.bold else "italic" if style.italic else "regular"


@cache
def _table(key: str) -> dict[str, int]:
    data = json.loads(WIDTHS_FILE.read_text(encoding="utf-8"))
    return dict(zip(data["chars"], data[key], strict=True))


def _base(ch: str) -> str:
    if ch in "Đđ":
        return ch
    return unicodedata.normalize("NFD", ch)[0]
