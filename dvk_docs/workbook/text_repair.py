"""Text repair for ``dvk fix-text``: legacy-encoded (TCVN3/ABC, VNI) and decomposed cells -> NFC.

Each column is judged as a whole (short cells alone are ambiguous): when the joined text of a
column reads as TCVN3 or VNI, every cell of it is decoded that way; otherwise each cell is
converted on its own evidence (decomposed Unicode is always recomposed).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..errors import CellRef
from ..model import CellUpdate, Workbook
from ..vntext import repair_column
from .schema import SETTINGS

_CELL = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True)
class TextFix:
    """One cell whose text changes: where, the text before and after."""

    where: CellRef
    before: str
    after: str
    update: CellUpdate


def find_text_fixes(book: Workbook) -> list[TextFix]:
    """Every text cell of ``book`` that is not NFC Unicode, with its repaired text, in sheet order.

    Covers the data cells of every known sheet (extra columns included) and the values of Cấu hình;
    header rows and Cấu hình labels/notes are not rewritten.
    """
    columns: dict[tuple[str, str], list[tuple[CellRef, str]]] = defaultdict(list)
    for ref, text in book.texts:
        letter = _CELL.fullmatch(ref.cell or "")
        if letter:
            columns[(ref.sheet, letter.group(1))].append((ref, text))
    fixes = []
    for cells in columns.values():
        repaired = repair_column([text for _, text in cells])
        for (ref, text), after in zip(cells, repaired, strict=True):
            update = _update_for(book, ref, after) if after != text else None
            if update is not None:
                fixes.append(TextFix(ref, text, after, update))
    return fixes


def _update_for(book: Workbook, ref: CellRef, value: str) -> CellUpdate | None:
    match = _CELL.fullmatch(ref.cell or "")
    key = next((k for k, layout in book.layouts.items() if layout.name == ref.sheet), None)
    if match is None or key is None:
        return None
    letter, row = match.group(1), int(match.group(2))
    layout = book.layouts[key]
    if key == SETTINGS.key:
        if layout.columns.get("value") != letter:
            return None
        setting = next((k for k, r in book.settings.rows.items() if r == row), None)
        return CellUpdate(key, row, setting, value) if setting else None
    field = next((f for f, col in layout.columns.items() if col == letter), None)
    field = field or next((h for h, col in layout.extra_columns.items() if col == letter), None)
    return CellUpdate(key, row, field, value) if field else None
