"""Cell text that a spreadsheet would run as a formula is written as text; text a file cannot hold.

openpyxl turns any string starting with "=" into a formula, and Excel (also through COM) takes text
starting with ``= + - @`` for a formula. Every writer of .xlsx files (write-back into the workbook,
report sheets, unit forms) puts values through :func:`store_text` (openpyxl) or :func:`excel_input`
(Excel's COM); only a :class:`Formula` the program builds itself is written as a formula.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  #: text a spreadsheet may take for a formula


def is_formula_like(value: object) -> bool:
    """True when ``value`` is text a spreadsheet could take for a formula (``=``, ``+``, ``-``, ``@``)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


class Formula(str):
    """A formula the program itself builds (e.g. ``=HYPERLINK(...)``), written as a formula.

    ``cached``: the value it computes, stored with it so a reader that does not calculate (``dvk
    validate``, a viewer) sees it. Never wrap text that came from a cell or a file: that is what
    :func:`store_text` guards.
    """

    cached: object

    def __new__(cls, text: str, cached: object = None) -> Formula:
        formula = super().__new__(cls, text)
        formula.cached = cached
        return formula


def store_text(cell: Any, value: object) -> None:
    """Put ``value`` into the openpyxl ``cell``; formula-like text is kept as text.

    openpyxl turns any string starting with "=" into a formula; this sets the cell type back to
    string and Excel's quote prefix (the leading apostrophe), so Excel shows the text and does not
    re-evaluate it when the clerk edits the cell. A :class:`Formula` is stored as a formula; other
    values are stored unchanged.
    """
    cell.value = value
    if is_formula_like(value) and not isinstance(value, Formula):
        cell.data_type = "s"
        cell.quotePrefix = True


def excel_input(value: object) -> object:
    """``value`` as typed into Excel (COM ``Range.Value``): formula-like text gets the leading
    apostrophe that makes Excel keep it as text; a :class:`Formula` and other values are unchanged."""
    if is_formula_like(value) and not isinstance(value, Formula):
        return "'" + str(value)
    return value


CONTROL_CHARACTERS = re.compile(  #: characters XML 1.0 (so .docx/.xlsx) cannot hold, and DEL
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]"
)


def strip_control_characters(text: str) -> tuple[str, bool]:
    """``text`` without the characters a Word/Excel file cannot hold; True when any was removed.

    Tab, line feed and carriage return are kept. The reader calls it on every text cell and
    reports a warning naming the cell when the flag is True (a live Excel cell can hold
    ``CHAR(1)``; a value like "\\x01&" would otherwise lose the "&" in docxtpl's XML repair).
    """
    cleaned = CONTROL_CHARACTERS.sub("", text)
    return cleaned, cleaned != text


INVISIBLE_CHARACTERS = re.compile(  #: zero-width and text-direction characters: invisible, yet they change a code
    "[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def strip_invisible_characters(text: str) -> tuple[str, str]:
    """``text`` without zero-width and text-direction characters (U+200B–U+200F, U+202A–U+202E,
    U+2060, U+2066–U+2069, U+FEFF), and the ones removed written "U+200B, U+202E" ("" when none).

    Used where a hidden character would make two equal-looking values differ: codes (the reader
    warns, naming the cell) and file names. Text printed in documents keeps them (a right-to-left
    mark in a name is the clerk's text)."""
    found = INVISIBLE_CHARACTERS.findall(text)
    if not found:
        return text, ""
    return INVISIBLE_CHARACTERS.sub("", text), ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in found))
