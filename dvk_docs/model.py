"""The typed data model of one workbook (sổ theo dõi): what every layer after ``workbook/`` uses.

Nothing here knows openpyxl, sheets or headers. Every record remembers the sheet row it came from
(``row``) so rules can point a clerk to the cell; ``Workbook.cell`` turns (sheet key, field, row)
into a :class:`~dvk_docs.errors.CellRef`.

Text values are NFC, trimmed; an empty cell is ``""`` for text and ``None`` for numbers and dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from .errors import CellRef, Finding

SUBJECT_COLLECTIVE = "Tập thể"  #: the subject value for a model carried out by a collective
SUBJECT_INDIVIDUAL = "Cá nhân"  #: the subject value for a model carried out by one person
STATUS_NEW = "Mới"  #: a model registered for the first time this year
STATUS_CONTINUED = "Duy trì"  #: a model continued from an earlier year
RESULT_PASS = "Đạt"  #: the scoring result of a recognised model
RESULT_FAIL = "Không đạt"  #: the scoring result of a model that is not recognised
CATEGORY_MODEL = "Mô hình"  #: listed under "I. MÔ HÌNH" in the decision's list
CATEGORY_EXEMPLAR = "Điển hình"  #: listed under "II. ĐIỂN HÌNH" in the decision's list
ATTENDANCE_PRESENT = "Có mặt"  #: a ballot cast at the council's meeting
ATTENDANCE_WRITTEN = "Vắng, gửi phiếu"  #: a ballot sent in writing by an absent member
OPINION_AGREE = "Đồng ý"  #: a ballot for the model
OPINION_DISAGREE = "Không đồng ý"  #: a ballot against the model


@dataclass(frozen=True)
class Unit:
    """A subordinate unit (Đơn vị): đoàn thể, đảng bộ cơ sở, chi bộ, LĐLĐ huyện, công đoàn ngành…"""

    code: str
    name: str
    kind: str = ""
    target: int | None = None  #: models it must register; None = use the target of its kind
    row: int = 0


@dataclass(frozen=True)
class Model:
    """One registered model (Mô hình), as a row of the Mô hình sheet."""

    code: str
    unit_code: str
    name: str
    subject: str  #: SUBJECT_COLLECTIVE or SUBJECT_INDIVIDUAL
    performer: str = ""  #: name of the collective or the person carrying it out
    field: str = ""  #: lĩnh vực, e.g. "Kinh tế"
    place: str = ""
    lead: str = ""  #: chủ trì
    scale: str = ""  #: quy mô
    status: str = STATUS_NEW  #: STATUS_NEW or STATUS_CONTINUED
    registered_on: dt.date | None = None
    results_summary: str = ""
    category: str = ""  #: CATEGORY_MODEL / CATEGORY_EXEMPLAR; "" = derived from the subject
    quantity: int | None = None  #: "Số lượng" column of the summaries; None = 1
    note: str = ""
    source: str = ""  #: where ``dvk gom`` took the row from (file, sheet, row); "" = typed here
    row: int = 0

    @property
    def is_collective(self) -> bool:
        return self.subject == SUBJECT_COLLECTIVE

    @property
    def is_new(self) -> bool:
        return self.status == STATUS_NEW

    @property
    def list_category(self) -> str:
        """The decision-list section: the explicit category, else individuals are điển hình."""
        if self.category:
            return self.category
        return CATEGORY_MODEL if self.is_collective else CATEGORY_EXEMPLAR


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion (Tiêu chí): number, group ("I", "II.1", "II.2"), text, maximum."""

    number: int
    group: str
    text: str
    maximum: Decimal
    must_be_max: bool = False
    row: int = 0

    def applies_to(self, subject: str) -> bool:
        """Group I applies to all; II.1 to collectives; II.2 to individuals."""
        if self.group == "II.1":
            return subject == SUBJECT_COLLECTIVE
        if self.group == "II.2":
            return subject == SUBJECT_INDIVIDUAL
        return True


@dataclass(frozen=True)
class ScoreSheet:
    """One row of Chấm điểm: one scorer's points for one model, keyed by criterion number.

    ``points`` maps criterion number -> points given (None = left blank). ``columns`` maps
    criterion number -> the column letter it was read from, for error messages.
    """

    model_code: str
    points: Mapping[int, Decimal | None]
    scorer: str = ""
    row: int = 0
    columns: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Vote:
    """One row of Bình chọn: one council member's ballot on a model (``member`` + ``opinion``, or
    ``opinion`` alone for a secret ballot), or the counted votes of a model (``agree``/``disagree``)."""

    model_code: str
    member: str = ""  #: council member's name ("" = secret ballot or a count row)
    attendance: str = ""  #: ATTENDANCE_PRESENT, ATTENDANCE_WRITTEN; "" = present
    opinion: str = ""  #: OPINION_AGREE / OPINION_DISAGREE
    agree: int | None = None  #: count row: votes for
    disagree: int | None = None  #: count row: votes against
    note: str = ""
    row: int = 0

    @property
    def is_written(self) -> bool:
        """Cast in writing by a member absent from the meeting."""
        return self.attendance == ATTENDANCE_WRITTEN

    @property
    def is_count(self) -> bool:
        """A row of counted votes rather than one ballot."""
        return self.agree is not None or self.disagree is not None


@dataclass(frozen=True)
class BlankField:
    """One row of Vị trí in phôi: where a certificate's text goes on the blank, in mm from the
    sheet's top-left corner; None/"" = the profile's default."""

    field: str  #: the text's name or label (“Người nhận”, ``dong_chinh``)
    x: Decimal | None = None
    y: Decimal | None = None
    width: Decimal | None = None
    size: Decimal | None = None
    align: str = ""  #: Trái / Giữa / Phải
    row: int = 0


@dataclass(frozen=True)
class Signer:
    """A person who signs (Người ký): authority prefix, the collective signed for, title, name."""

    code: str
    name: str
    title: str  #: chức vụ, e.g. "PHÓ BÍ THƯ", "CHỦ TỊCH"
    authority: str = ""  #: TM., KT., Q., TL., TUQ., T/M, K/T or ""
    on_behalf_of: str = ""  #: e.g. "BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN"
    signature_image: str = ""  #: path, relative to the workbook's folder
    seal_image: str = ""
    row: int = 0


@dataclass(frozen=True)
class Recipient:
    """One line of "Nơi nhận" for a document kind ("*" = every kind)."""

    kind: str
    text: str
    order: int = 0
    row: int = 0


@dataclass(frozen=True)
class RegisteredDocument:
    """One row of Văn bản: a document that was numbered or produced."""

    number: str
    symbol: str
    date: dt.date | None
    kind: str
    summary: str = ""
    signer: str = ""
    file: str = ""
    signatures: str = ""  #: who signed the PDF digitally, and when (one line per signature)
    row: int = 0


@dataclass(frozen=True)
class Settings:
    """Cấu hình: key/value settings. Known keys are attributes; every key is in ``values``.

    Keys are the ASCII names of ``workbook.schema.SETTINGS``; values are already typed there.
    """

    values: Mapping[str, object] = field(default_factory=dict)
    rows: Mapping[str, int] = field(default_factory=dict)  #: key -> row in Cấu hình

    def get(self, key: str, default: object = None) -> object:
        value = self.values.get(key)
        return default if value in (None, "") else value

    def text(self, key: str, default: str = "") -> str:
        return str(self.get(key, default))

    def items(self, key: str) -> tuple[str, ...]:
        """A list setting as its non-empty items: the reader's tuple, or text "a; b" (items split
        on ";" and line breaks); () when blank."""
        value = self.get(key, ())
        parts = re.split(r"[;\n]", value) if isinstance(value, str) else value
        return tuple(text for text in (str(part).strip() for part in parts) if text)  # type: ignore[union-attr]


@dataclass(frozen=True)
class SheetLayout:
    """Where a sheet's data sits: its name as found, header row, and field -> column letter."""

    name: str
    header_row: int
    columns: Mapping[str, str]
    extra_columns: Mapping[str, str] = field(default_factory=dict)  #: unknown header -> column letter


@dataclass(frozen=True)
class Workbook:
    """One sổ theo dõi, read once and passed to validation, scoring and every document kind."""

    settings: Settings
    units: tuple[Unit, ...] = ()
    models: tuple[Model, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    scores: tuple[ScoreSheet, ...] = ()
    votes: tuple[Vote, ...] = ()  #: Bình chọn rows (empty: the book has no council vote)
    signers: tuple[Signer, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    documents: tuple[RegisteredDocument, ...] = ()
    blank_layout: tuple[BlankField, ...] = ()  #: Vị trí in phôi rows
    layouts: Mapping[str, SheetLayout] = field(default_factory=dict)  #: sheet key -> layout
    source: str = ""  #: path of the file, or "excel:<name>" for a live workbook
    folder: str = ""  #: the workbook file's folder, where relative Người ký picture paths start ("" = unknown)
    texts: tuple[tuple[CellRef, str], ...] = ()  #: text cells an encoding check may be about (not ``vntext.is_plain_unicode``)
    problems: tuple[Finding, ...] = ()  #: cells the reader could not convert (validation reports them)

    def cell(self, sheet_key: str, field_name: str | None, row: int | None) -> CellRef:
        """The cell of ``field_name`` in ``row`` of the sheet ``sheet_key`` (schema key)."""
        layout = self.layouts.get(sheet_key)
        sheet = layout.name if layout else sheet_key
        if layout is None or row is None or field_name is None:
            return CellRef(sheet)
        column = layout.columns.get(field_name)
        return CellRef(sheet, f"{column}{row}" if column else None)

    @property
    def file_name(self) -> str:
        """The workbook's file name as a clerk knows it (``so-theo-doi.xlsx``), live or on disk."""
        return file_name_of(self.source)

    def unit(self, code: str) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def model(self, code: str) -> Model | None:
        return next((m for m in self.models if m.code == code), None)


@dataclass(frozen=True)
class CellUpdate:
    """One value to write back into the workbook: sheet key, data row, field (schema names).

    ``row`` None appends a new row. Writers create the field's column (with its Vietnamese header)
    when the sheet does not have it yet.
    """

    sheet_key: str
    row: int | None
    field: str
    value: object


def file_name_of(source: str) -> str:
    """The file name in a :attr:`Workbook.source` (a path, or ``excel:<name>`` for a live book)."""
    return PurePath(source.removeprefix("excel:")).name
