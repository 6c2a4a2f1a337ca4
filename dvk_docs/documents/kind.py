"""What a document kind is: its name, its context class, how to build contexts, its template body."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from ..formats.builder import TemplateWriter
from ..formats.profiles import Profile
from ..model import Workbook


@dataclass(frozen=True)
class RenderOptions:
    """What the clerk asked for: profile, one unit only, a mode of the kind, blank forms."""

    profile: Profile
    unit: str | None = None  #: unit code (``--unit``); None = every unit
    mode: str = ""  #: kind-specific mode (e.g. one decision per unit); "" = the kind's default
    blank: bool = False  #: a blank form to fill by hand (``--blank``)


@dataclass(frozen=True)
class DocumentKind:
    """One kind: ``name`` is the slug (``quyet-dinh-cong-nhan``) and the template's file stem.

    ``build(book, options)`` returns one context per document; ``write_body(doc)`` writes the
    kind's template in ``doc.profile``; ``describe(context)`` names a record in messages.
    """

    name: str
    title: str  #: Vietnamese name shown to clerks
    context: type
    build: Callable[[Workbook, RenderOptions], list[Any]]
    write_body: Callable[[TemplateWriter], None]
    describe: Callable[[Any], str] = lambda context: ""

    @property
    def template_name(self) -> str:
        return f"{self.name}.docx"

    def names(self) -> tuple[str, ...]:
        """Every name the template may use (the fields of the context class)."""
        return tuple(f.name for f in fields(self.context))
