"""The command registry's vocabulary: commands, their options, ribbon buttons, sessions, outcomes.

One :class:`Command` is one ``dvk`` sub-command and the function behind it; one :class:`Button` is
one ribbon button that runs a command with fixed arguments. The CLI (``cli.py``), the ribbon
(``addin/``) and the Excel entry point (``excel.py``) are all generated from these lists, so adding a
button or a command is one entry in ``commands/__init__.py``.

Command functions never print: they return an :class:`Outcome` and report progress through the
:class:`Session`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import Finding
from ..model import CellUpdate, Workbook

OptionType = Literal["path", "text", "flag", "int", "choice"]

ProgressCallback = Callable[[int, int, str], None]  #: (done, total, what) -> None
SecretPrompt = Callable[[str], str]  #: (Vietnamese prompt) -> what the user typed, masked on screen


@dataclass(frozen=True)
class Option:
    """One parameter of a command. ``flags`` empty = a positional argument."""

    name: str  #: the keyword the command function receives
    help: str  #: Vietnamese (English)
    flags: tuple[str, ...] = ()
    type: OptionType = "text"
    choices: tuple[str, ...] = ()
    default: Any = None
    required: bool = False


class BookSource(Protocol):
    """Where a command's workbook comes from: a file, or the workbook open in Excel."""

    def load(self) -> Workbook:
        """Read the workbook into the data model."""

    def write(self, updates: Sequence[CellUpdate]) -> None:
        """Write values into existing sheets (keeping a backup; refused while Excel holds a file)."""

    def replace_sheet(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        """Create or overwrite a report sheet the program owns (e.g. "Kết quả kiểm tra")."""

    def locked(self) -> AbstractContextManager[None]:
        """Keep other writers out while a command reads the book again and writes what it read."""

    @property
    def folder(self) -> Path:
        """The folder next to the workbook, where outputs go by default."""


@dataclass
class Session:
    """What a command runs against: the workbook source, the output folder, progress reporting."""

    source: BookSource | None = None
    out_dir: Path | None = None
    progress: ProgressCallback = field(default=lambda done, total, what: None)
    ask_secret: SecretPrompt | None = None  #: asks a PIN or password, masked; None = nobody to ask
    _book: Workbook | None = field(default=None, repr=False)

    def book(self) -> Workbook:
        """The workbook, read once per session."""
        if self._book is None:
            if self.source is None:
                raise RuntimeError("this command needs a workbook")
            self._book = self.source.load()
        return self._book

    def forget_book(self) -> None:
        """Drop the cached workbook after a write-back so the next read sees the new values."""
        self._book = None


@dataclass
class Outcome:
    """What a command did: a Vietnamese summary, files produced, findings, and its exit code."""

    message: str = ""
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    exit_code: int = 0
    open_path: Path | None = None  #: what the Excel add-in opens afterwards (file or folder)
    details: list[str] = field(default_factory=list)  #: extra lines (changed cells, per-kind counts)
    data: Any = None  #: what ``--json`` prints instead of the findings, when a command has a report


CommandFunction = Callable[..., Outcome]


@dataclass(frozen=True)
class Command:
    """One ``dvk`` sub-command. ``name`` may have a group prefix: ``"templates build"``."""

    name: str
    help: str  #: Vietnamese first, English in parentheses
    run: CommandFunction  #: run(session, **options) -> Outcome
    options: tuple[Option, ...] = ()
    needs_book: bool = True  #: the first positional option is the workbook path
    book_after: int = 0  #: positional options written before the workbook (``render KIND BOOK``)
    book_flag: str = ""  #: with ``needs_book`` False: an option naming an optional workbook (``--so``)

    @property
    def takes_book(self) -> bool:
        """The command reads a workbook: required (``needs_book``) or optional (``book_flag``)."""
        return self.needs_book or bool(self.book_flag)

    def invoke(self, session: Session, **overrides: Any) -> Outcome:
        """Run the command with its options' defaults, replaced by ``overrides``.

        Used by ``dvk demo``, the Excel add-in and tests: the same call the CLI makes.
        """
        unknown = set(overrides) - {o.name for o in self.options}
        if unknown:
            raise TypeError(f"{self.name}: unknown options {sorted(unknown)}")
        kwargs = {o.name: o.default for o in self.options if o.name != "as_json"}
        kwargs.update(overrides)
        return self.run(session, **kwargs)


@dataclass(frozen=True)
class Button:
    """One ribbon button: runs ``command`` on the calling workbook with fixed ``args``."""

    id: str  #: ASCII, unique; also the button's tag and the Python dispatch key
    label: str  #: Vietnamese label shown on the ribbon
    group: str  #: ribbon group label: Dữ liệu, Đăng ký, Chấm điểm, Công nhận, Văn bản, Ký số
    image: str  #: built-in imageMso icon
    command: str  #: name of a Command
    args: tuple[tuple[str, Any], ...] = ()


BOOK_OPTION = Option("book", "Sổ theo dõi .xlsx/.xlsm (workbook)", type="path", required=True)
OUT_OPTION = Option(
    "out", "Thư mục kết quả (output folder); mặc định cạnh sổ", flags=("--out", "-o"), type="path"
)
