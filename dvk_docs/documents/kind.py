"""What a document kind is: its name, its context class, how to build contexts, its template body."""

from __future__ import annotations

import datetime as dt
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
    numbers: tuple[str, ...] = ()  #: numbers from the register (``--cap-so``), one per document
    issue_date: dt.date | None = None  #: the date of those numbered documents
    electronic: bool = False  #: the copy to sign digitally (``--ky-so``): no signature or seal picture

    def issue(self, index: int, number: str, date: dt.date | None) -> tuple[str, dt.date | None]:
        """Number and date of document ``index``: the register's, else Cấu hình's ``number``/``date``."""
        if not self.numbers:
            return number, date
        return self.numbers[index], self.issue_date


@dataclass(frozen=True)
class DocumentKind:
    """One kind: ``name`` is the slug (``quyet-dinh-cong-nhan``) and the template's file stem.

    ``build(book, options)`` returns one context per document; ``write_body(doc)`` writes the
    kind's template in ``doc.profile``; ``describe(context)`` names a record in messages.
    ``type_code`` goes in the symbol (``QĐ``). A kind with ``number_settings`` prints its own
    number and takes ``options.numbers`` (``dvk render --cap-so``); the number and date it is
    issued with are written back into those two Cấu hình keys, so documents that cite it
    (“Kèm theo Quyết định số …”, certificates) use them.
    """

    name: str
    title: str  #: Vietnamese name shown to clerks
    context: type
    build: Callable[[Workbook, RenderOptions], list[Any]]
    write_body: Callable[[TemplateWriter], None]
    describe: Callable[[Any], str] = lambda context: ""
    type_code: str = ""
    number_settings: tuple[str, str] | None = None  #: Cấu hình keys of (number, date)
    modes: tuple[str, ...] = ()  #: ``--mode`` values the kind accepts (none = the kind has one way)

    @property
    def numbered(self) -> bool:
        return self.number_settings is not None

    @property
    def template_name(self) -> str:
        return f"{self.name}.docx"

    def names(self) -> tuple[str, ...]:
        """Every name the template may use (the fields of the context class)."""
        return tuple(f.name for f in fields(self.context))
