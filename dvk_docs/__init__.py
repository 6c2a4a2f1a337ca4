"""dvk-docs: the official documents of the "Dân vận khéo" movement from one Excel workbook.

The public Python API for integrators — read a workbook, check and score it, build a document
kind's data and render it; the CLI (``dvk``) and the Excel add-in are thin adapters over the same
pieces (:mod:`dvk_docs.commands`)::

    import dvk_docs

    book = dvk_docs.read_workbook("so-theo-doi.xlsx")
    findings = dvk_docs.validate(book)                  # list of Finding (sheet, cell, message)
    results = dvk_docs.score(book)                      # ScoreResult per model: total, result, reason
    kind = dvk_docs.KINDS["quyet-dinh-cong-nhan"]
    options = dvk_docs.RenderOptions(dvk_docs.profile_of(book))
    contexts = kind.build(book, options)                # the data each document gets
    with dvk_docs.render_kind(kind, book, Path("ket-qua"), options) as staged:
        staged.commit()                                 # all files at once, or none

Names are imported on first use, so ``import dvk_docs`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Workbook

__version__ = "0.1.0"

_EXPORTS = {  #: public name -> module that defines it
    "KINDS": ".documents",
    "RenderOptions": ".documents",
    "profile_of": ".documents.parts",
    "validate": ".rules.validation",
    "require_valid": ".rules.validation",
    "score": ".rules.scoring",
    "recognised_models": ".rules.voting",
    "render_kind": ".render.batch",
    "Workbook": ".model",
    "DvkError": ".errors",
    "Finding": ".errors",
}

__all__ = ["read_workbook", *_EXPORTS]


def read_workbook(path: str | Path) -> Workbook:
    """Read the workbook file at ``path`` into the data model.

    Raises :class:`~dvk_docs.errors.WorkbookReadError` when the file cannot be read.
    """
    from .workbook.sources import FileSource

    return FileSource(Path(path)).load()


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
