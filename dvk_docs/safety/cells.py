"""Cell text that a spreadsheet would run as a formula is written as text.

openpyxl turns any string starting with "=" into a formula, and Excel re-evaluates text starting
with ``= + - @`` when a clerk edits the cell. Every writer of .xlsx files (write-back into the
workbook, report sheets, summary workbooks) puts text through :func:`store_text`.
"""

from __future__ import annotations

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
