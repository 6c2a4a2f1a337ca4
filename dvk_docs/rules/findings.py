"""Constructors of validation findings (errors and warnings) at a cell."""

from __future__ import annotations

from ..errors import CellRef, Finding


def error(code: str, ref: CellRef, message: str) -> Finding:
    """An error finding at ``ref``: it stops document generation."""
    return Finding("error", code, message, ref.sheet, ref.cell)


def warning(code: str, ref: CellRef, message: str) -> Finding:
    """A warning finding at ``ref``: reported, but documents are still produced."""
    return Finding("warning", code, message, ref.sheet, ref.cell)
