"""Cell text that a spreadsheet would run as a formula is written as text.

openpyxl turns any string starting with "=" into a formula, and Excel re-evaluates text starting
with ``= + - @`` when a clerk edits the cell. Every writer of .xlsx files (write-back into the
workbook, report sheets, summary workbooks) puts text through :func:`store_text`.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  #: text a spreadsheet may take for a formula


def is_formula_like(value: object) -> bool:
    """True when ``value`` is text a spreadsheet could take for a formula (``=``, ``+``, ``-``, ``@``)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def store_text(cell: Any, value: object) -> None:
    """Put ``value`` into the openpyxl ``cell``; formula-like text is kept as text.

    openpyxl turns any string starting with "=" into a formula; this sets the cell type back to
    string and Excel's quote prefix (the leading apostrophe), so Excel shows the text and does not
    re-evaluate it when the clerk edits the cell. Other values are stored unchanged.
    """
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True


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
