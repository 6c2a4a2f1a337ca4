"""Validation of a whole workbook: every problem as a :class:`~dvk_docs.errors.Finding`.

Each check is a pure function ``(book) -> Iterable[Finding]``; :data:`CHECKS` lists them all and
:data:`SCORING_CHECKS` the ones scoring depends on. One verdict per fact: every error of
:func:`validate` stops document generation (``render``, ``batch``: :func:`require_valid`), and the
errors in what scoring reads (criteria, scores, a model's code and subject, the pass mark) stop
``score`` too (:func:`require_scorable`); each finding names the commands it blocks. Warnings
block nothing. Every message names what is wrong and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache, partial

from ..errors import CellRef, CellValueError, Finding, Severity, ValidationFailedError
from ..model import Workbook
from ..workbook.choices import ALL_KINDS, choice_list, did_you_mean
from ..workbook.grid import column_index
from ..workbook.parse import PROBLEM_CODE
from ..workbook.schema import CHOICES, SHEETS, Column, sheet_spec
from .findings import error
from .locations import cell, setting_cell, sheet_name
from .record_checks import (
    check_blank_layout,
    check_deadline,
    check_kind_settings,
    check_model_codes,
    check_model_units,
    check_registrations,
    check_signers,
    check_targets,
    check_texts,
    check_unit_codes,
)
from .score_checks import check_criteria, check_scores
from .scoring import THRESHOLD_KEY
from .targets import kind_targets
from .voting import VOTE_SETTINGS, check_votes

Check = Callable[[Workbook], Iterable[Finding]]  #: one validation check
_Problem = tuple[Severity, str, str]  #: a finding's severity, code and message, before its cell is known

CHOICE_CODES = {  #: drop-down list -> finding code for a value not in it (else "unknown-choice")
    "field": "unknown-field",
    "subject": "unknown-subject",
    "unit_kind": "unknown-unit-kind",
    "profile": "unknown-profile",
    "status": "unknown-status",
    "category": "unknown-category",
    "criterion_group": "unknown-criterion-group",
    "authority": "unknown-authority",
    "document_kind": "unknown-document-kind",
}

DOCUMENT_COMMANDS = ("render", "batch")  #: the commands any error refuses
SCORE_COMMAND = "score"  #: refused by the errors of :data:`SCORING_CHECKS` only
SCORING_FIELDS = {"models": ("code", "subject")}  #: the model cells scoring reads (criteria, scores: all)

_CELL = re.compile(r"^([A-Z]+)(\d+)$")
_SHEET_ORDER = {spec.name: index for index, spec in enumerate(SHEETS)}
_DATA_SHEETS = tuple(spec for spec in SHEETS if spec.key != "settings")


def validate(book: Workbook, checks: Sequence[Check] | None = None) -> list[Finding]:
    """Every finding of ``checks`` (default: all of :data:`CHECKS`), sorted by sheet, row, column.

    Problems the reader recorded (``Workbook.problems``) are included; a check's finding at a cell
    the reader could not read (its value is unknown, so the check saw it empty) is left out, the
    reader's answer being the one to act on. Pure: no I/O.

    Each check runs once: no check reads ``Workbook.problems``, so the verdicts of all the checks
    (:func:`_with_verdicts`) reuse what :data:`SCORING_CHECKS` found here.
    """
    if checks is not None:
        return sorted(_reported(book, (check(book) for check in checks)), key=_position)
    found = {check: list(check(book)) for check in dict.fromkeys(CHECKS + SCORING_CHECKS)}
    findings = _reported(book, (found[check] for check in CHECKS))
    scoring = _reported(_scoring_view(book), (found[check] for check in SCORING_CHECKS))
    return sorted(_with_verdicts(findings, scoring), key=_position)


def require_valid(book: Workbook, checks: Sequence[Check] | None = None,
                  refused: str = "lập văn bản") -> list[Finding]:
    """The warnings of :func:`validate`; raises ValidationFailedError when there is any error."""
    findings = validate(book, checks)
    if any(f.is_error for f in findings):
        raise ValidationFailedError(findings, refused)
    return findings


def require_scorable(book: Workbook) -> list[Finding]:
    """The warnings of what scoring reads; raises ValidationFailedError on an error there only.

    A bad registration date or an unknown unit does not stop scoring; a bad score, criterion,
    model code or subject does.
    """
    return require_valid(_scoring_view(book), SCORING_CHECKS, refused="tính điểm")


def _scoring_view(book: Workbook) -> Workbook:
    """``book`` with only the reader's problems in cells scoring reads."""
    scored_sheets = {sheet_name(book, key) for key in ("criteria", "scores", "votes")}
    models = sheet_name(book, "models")
    layout = book.layouts.get("models")
    model_columns = {layout.columns.get(name) for name in SCORING_FIELDS["models"]} - {None} if layout else set()
    settings = {setting_cell(book, key) for key in _scored_settings(book)}
    return replace(book, problems=tuple(
        p for p in book.problems
        if p.sheet in scored_sheets
        or (p.sheet == models and (p.cell or "").rstrip("0123456789") in model_columns)
        or (p.cell is not None and CellRef(p.sheet, p.cell) in settings)
    ))


def _scored_settings(book: Workbook) -> tuple[str, ...]:
    """The Cấu hình keys ``dvk score`` reads: the pass mark, and the vote rule when there is a vote."""
    return (THRESHOLD_KEY, *(VOTE_SETTINGS if book.votes else ()))


def _reported(book: Workbook, found: Iterable[Iterable[Finding]]) -> list[Finding]:
    """The reader's problems of ``book``, then the checks' findings ``found`` but those at a cell
    the reader could not read."""
    unreadable = {(f.sheet, f.cell) for f in book.problems if f.code == PROBLEM_CODE}
    return [*book.problems, *(f for check in found for f in check if (f.sheet, f.cell) not in unreadable)]


def _with_verdicts(findings: list[Finding], scoring: list[Finding]) -> list[Finding]:
    """Each error with the commands it blocks: every error blocks render and batch; an error
    that scoring also finds (in ``scoring``, what ``dvk score`` checks) blocks score."""
    blocking_score = {_identity(f) for f in scoring if f.is_error}
    return [
        replace(f, blocks=((SCORE_COMMAND,) if _identity(f) in blocking_score else ()) + DOCUMENT_COMMANDS)
        if f.is_error else f
        for f in findings
    ]


def _identity(finding: Finding) -> tuple[str, str, str | None]:
    return finding.code, finding.sheet, finding.cell


def summarize(findings: Sequence[Finding]) -> str:
    """"Không có lỗi. 3 cảnh báo." / "Có 5 lỗi, 3 cảnh báo." / "Không có lỗi, không có cảnh báo."."""
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if errors:
        return f"Có {errors} lỗi, {warnings} cảnh báo."
    if warnings:
        return f"Không có lỗi. {warnings} cảnh báo."
    return "Không có lỗi, không có cảnh báo."


def check_required(book: Workbook) -> Iterable[Finding]:
    """missing-value: a required setting or cell is empty; missing-column: a required column is absent."""
    yield from _required_settings(book)
    for sheet in _DATA_SHEETS:
        yield from _required(book, sheet.key, [c for c in sheet.columns if c.required])


def check_scoring_required(book: Workbook) -> Iterable[Finding]:
    """The required values scoring needs: model code and subject, criteria, score rows."""
    models = sheet_spec("models")
    yield from _required(book, "models", [models.column("code"), models.column("subject")])
    for key in ("criteria", "scores"):
        yield from _required(book, key, [c for c in sheet_spec(key).columns if c.required])


def check_choices(book: Workbook) -> Iterable[Finding]:
    """unknown-field, unknown-subject, unknown-unit-kind, unknown-profile, …: a coded value that is
    not in its drop-down list (fields from Cấu hình "Danh mục lĩnh vực" when given)."""
    yield from _setting_choices(book, [column.field for column in sheet_spec("settings").columns])
    for sheet in _DATA_SHEETS:
        for column in sheet.columns:
            if column.choices and column.field != "result":
                yield from _choices(book, sheet.key, column)
    yield from _batch_kinds(book)


def check_scoring_choices(book: Workbook) -> Iterable[Finding]:
    """The coded values scoring needs: model subjects, criterion groups and, when there is a vote,
    the ballots' Hình thức and Ý kiến and the vote rule of Cấu hình."""
    yield from _choices(book, "models", sheet_spec("models").column("subject"))
    yield from _choices(book, "criteria", sheet_spec("criteria").column("group"))
    if book.votes:
        for field_name in ("attendance", "opinion"):
            yield from _choices(book, "votes", sheet_spec("votes").column(field_name))
        yield from _setting_choices(book, VOTE_SETTINGS)


CHECKS: tuple[Check, ...] = (  #: every check of ``dvk validate``
    check_required,
    check_choices,
    check_unit_codes,
    check_model_codes,
    check_model_units,
    check_registrations,
    check_criteria,
    check_scores,
    check_votes,
    check_deadline,
    check_targets,
    check_signers,
    check_kind_settings,
    check_blank_layout,
    check_texts,
)


SCORING_CHECKS: tuple[Check, ...] = (  #: the checks whose errors stop ``dvk score``
    check_scoring_required,
    check_scoring_choices,
    check_model_codes,
    check_criteria,
    check_scores,
    check_votes,
)


def _required_settings(book: Workbook) -> Iterable[Finding]:
    settings = sheet_name(book, "settings")
    for column in sheet_spec("settings").columns:
        if column.required and book.settings.get(column.field) is None:
            yield error(
                "missing-value", setting_cell(book, column.field),
                f"Chưa nhập mục “{column.header}” trong sheet “{settings}”. "
                "Nhập giá trị vào cột “Giá trị” của mục này.",
            )


def _required(book: Workbook, sheet_key: str, columns: Sequence[Column]) -> Iterable[Finding]:
    records = _records(book, sheet_key)
    layout = book.layouts.get(sheet_key)
    for column in columns:
        if layout is not None and records and column.field not in layout.columns:
            yield error(
                "missing-column", cell(book, sheet_key, None, None),
                f"Sheet thiếu cột “{column.header}”. Thêm cột có tiêu đề này rồi nhập đủ giá trị.",
            )
            continue
        for record in records:
            if getattr(record, column.field, None) in (None, ""):
                yield error(
                    "missing-value", cell(book, sheet_key, column.field, record.row),
                    f"Chưa nhập “{column.header}” ở dòng {record.row}. Nhập giá trị vào ô này.",
                )


def _setting_choices(book: Workbook, keys: Sequence[str]) -> Iterable[Finding]:
    settings = sheet_spec("settings")
    for key in keys:
        column, value = settings.column(key), book.settings.get(key)
        if column.choices and isinstance(value, str) and (problem := _choice_problem(book, column, value)):
            yield _at(problem, setting_cell(book, key))


def _choices(book: Workbook, sheet_key: str, column: Column) -> Iterable[Finding]:
    problem_of = cache(partial(_choice_problem, book, column))  # values repeat down a column
    for record in _records(book, sheet_key):
        value = getattr(record, column.field, "")
        if isinstance(value, str) and value and (problem := problem_of(value)):
            yield _at(problem, cell(book, sheet_key, column.field, record.row))


def _choice_problem(book: Workbook, column: Column, value: str) -> _Problem | None:
    """What is wrong with ``value`` in the coded ``column`` (None: it is in the list)."""
    assert column.choices is not None
    allowed = _allowed(book, column.choices)
    names = choice_list(column.choices, book.settings)
    if value in allowed or names.resolve(value) is not None:
        return None
    nearest = names.nearest(value)
    if nearest:
        fix = f"{did_you_mean(nearest)} Sửa lại (gõ tên, mã hoặc tên viết tắt đều được)."
    elif column.choices == "field":
        fix = (f"Chọn một lĩnh vực trong danh sách, hoặc thêm “{value}” vào mục “Danh mục lĩnh vực” "
               f"của sheet “{sheet_name(book, 'settings')}”.")
    else:
        fix = "Chọn một giá trị trong danh sách thả xuống."
    severity: Severity = "warning" if column.choices == "unit_kind" else "error"
    consequence = " nên không xác định được chỉ tiêu của đơn vị" if severity == "warning" else ""
    return (severity, CHOICE_CODES.get(column.choices, "unknown-choice"),
            f"{column.header} “{value}” không có trong danh sách ({'; '.join(allowed)}){consequence}. {fix}")


def _at(problem: _Problem, ref: CellRef) -> Finding:
    severity, code, message = problem
    return Finding(severity, code, message, ref.sheet, ref.cell)


def _batch_kinds(book: Workbook) -> Iterable[Finding]:
    """unknown-document-kind: an entry of Cấu hình "Văn bản cần lập" that names no document kind."""
    kinds = choice_list("document_kind")
    header = sheet_spec("settings").column("batch_kinds").header
    for item in book.settings.items("batch_kinds"):
        if kinds.resolve(item) in (None, ALL_KINDS):
            fix = did_you_mean(kinds.nearest(item)) or "Ghi tên hoặc mã loại văn bản, cách nhau bằng dấu ;."
            yield error("unknown-document-kind", setting_cell(book, "batch_kinds"),
                        f"{header} “{item}” không phải loại văn bản nào ({'; '.join(kinds.names[1:])}). {fix}")


def _allowed(book: Workbook, choices: str) -> tuple[str, ...]:
    if choices == "field" and book.settings.items("fields"):
        return book.settings.items("fields")
    if choices == "unit_kind":
        try:
            extra = tuple(t.kind for t in kind_targets(book).values())
        except CellValueError:
            extra = ()
        return tuple(dict.fromkeys(CHOICES["unit_kind"] + extra))
    return CHOICES[choices]


def _records(book: Workbook, sheet_key: str) -> tuple:
    """The records of a data sheet: the Workbook attribute is named like the sheet key."""
    return getattr(book, sheet_key)


def _position(finding: Finding) -> tuple[int, int, int, str]:
    match = _CELL.match(finding.cell or "")
    row, column = (int(match[2]), column_index(match[1])) if match else (0, 0)
    return _SHEET_ORDER.get(finding.sheet, len(SHEETS)), row, column, finding.code
