"""Checking one registration list a unit sent: its rows as models, refused rows and why, late rows.

The rows are checked with the rules of ``dvk validate`` (:data:`LIST_CHECKS`) on a small workbook
made of the list's rows and the upper level's settings and units, so a refused row gets the same
Vietnamese message as in the workbook, pointing at the cell of the unit's file.

A real list need not have every column of Mô hình: a row without a model name is refused, but a
row without Chủ thể, Lĩnh vực or Mới/Duy trì (empty cell or no such column) is taken with a warning
naming the cell, and the clerk completes it in the book. A missing Chủ thể is first inferred from
the performer (:mod:`.performers`); the inference is reported and written into "Nguồn".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import Finding
from ..model import Model, SheetLayout, Unit, Workbook
from ..rules.validation import (
    check_choices,
    check_model_units,
    check_texts,
    validate,
)
from ..workbook.choices import canonical_choices
from ..workbook.registration_lists import RegistrationList
from ..workbook.schema import MODELS
from .performers import infer_subject
from .report import INFERRED, LATE, REFUSED, TEXT_FIXED, WARNING, Entry

GATHERED_FIELDS = tuple(  #: Mô hình fields taken from a unit's list ("Nguồn" is ours to write)
    c.field for c in MODELS.columns if c.field != "source"
)
TAKEN_WITHOUT = tuple(  #: required fields a row may lack and still be merged (the clerk completes them)
    c.field for c in MODELS.columns if c.required and c.field not in ("code", "unit_code", "name")
)
_PENDING_CODE = "?"  # stands for the code ``dvk gom`` assigns later, so "Mã mô hình" is not "missing"
_ROW = re.compile(r"[A-Z]+(\d+)$")


@dataclass(frozen=True)
class Origin:
    """Where a row came from: file (relative to the gathered folder, "/" separated), sheet, row."""

    file: str
    sheet: str
    row: int

    def __str__(self) -> str:
        return f"{self.file}, sheet “{self.sheet}”, dòng {self.row}"

    def same_file(self, source: str) -> bool:
        """True when the "Nguồn" text ``source`` names the same file."""
        return source.startswith(f"{self.file}, sheet ")


@dataclass(frozen=True)
class Candidate:
    """A row that passed the checks: the model (code "" when the unit gave none) and its origin."""

    model: Model
    origin: Origin
    name_cell: str  #: the cell of the model name in the unit's file
    code_cell: str  #: the cell of the unit's own code ("" when the list has no code column)
    inferred: str = ""  #: what was inferred and from what, for "Nguồn" ("" when nothing was)

    @property
    def source(self) -> str:
        """The "Nguồn" text: the origin, then what was inferred."""
        return f"{self.origin}; {self.inferred}" if self.inferred else str(self.origin)


@dataclass(frozen=True)
class CheckedList:
    """The rows of one list that may be merged, and the report entries of the others."""

    candidates: tuple[Candidate, ...]
    entries: tuple[Entry, ...]
    refused: int  #: rows not merged because of an error


def check_list(book: Workbook, found: RegistrationList, unit: Unit, file: str) -> CheckedList:
    """Check every row of ``found`` (sent by ``unit``, in ``file``) against ``book``'s rules.

    A row with an error finding is refused (one entry per finding, with its cell); warnings are
    reported and the row is kept; a registration dated after Cấu hình "Hạn đăng ký" is flagged.
    """
    models = [_model(row.values, row.number, unit) for row in found.rows]
    layout = _layout(found.layout)
    entries: list[Entry] = [
        Entry(TEXT_FIXED, f"Chữ gõ bằng bảng mã cũ (TCVN3/VNI) “{r.before}” đã được đọc thành "
              f"“{r.after}”.", file, r.where.sheet, r.where.cell or "", unit.code)
        for r in found.repairs
    ]
    inferred: dict[int, str] = {}
    models = [_with_subject(m, found.layout, file, unit, entries, inferred) for m in models]
    units = tuple(Unit(u.code, u.name, row=u.row) for u in book.units)  # kinds: not this list's concern
    probe = canonical_choices(Workbook(settings=book.settings, units=units, models=tuple(models),
                                       layouts={"models": layout}, texts=found.texts,
                                       problems=found.problems))
    models = list(probe.models)  # "VH-XH", "CN", "Tiếp tục đăng ký" … as the entries they stand for
    findings = [f for f in validate(probe, LIST_CHECKS) if f.sheet == found.sheet]
    bad_rows: set[int] = set()
    whole_list = False
    for finding in findings:
        match = _ROW.match(finding.cell or "")
        if finding.is_error:
            if match is None:
                whole_list = True
            else:
                bad_rows.add(int(match.group(1)))
        entries.append(Entry(REFUSED if finding.is_error else WARNING, finding.message, file,
                             finding.sheet, finding.cell or "", unit.code))
    kept = [m for m in models if not whole_list and m.row not in bad_rows]
    entries.extend(_late_rows(book, kept, layout, file, unit))
    code_column = found.layout.columns.get("code", "")
    candidates = tuple(
        Candidate(replace(m, code="" if m.code == _PENDING_CODE else m.code),
                  Origin(file, found.sheet, m.row), f"{layout.columns['name']}{m.row}",
                  f"{code_column}{m.row}" if code_column else "", inferred.get(m.row, ""))
        for m in kept
    )
    return CheckedList(candidates, tuple(entries), len(models) - len(kept))


def check_list_required(book: Workbook) -> Iterable[Finding]:
    """missing-value for a list's rows: no model name is an error (the row is refused); no value
    for a field of :data:`TAKEN_WITHOUT` (empty cell, or no such column) is a warning."""
    layout = book.layouts["models"]
    for model in book.models:
        if not model.name:
            yield Finding("error", "missing-value",
                          f"Chưa nhập “{MODELS.column('name').header}” ở dòng {model.row}. Nhập giá trị "
                          "vào ô này.", layout.name, f"{layout.columns['name']}{model.row}")
            continue
        for name in TAKEN_WITHOUT:
            if getattr(model, name) in (None, ""):
                yield _missing(layout, name, model.row)


LIST_CHECKS = (check_list_required, check_choices, check_model_units, check_texts)  #: run on each row


def _missing(layout: SheetLayout, name: str, row: int) -> Finding:
    header = MODELS.column(name).header
    after = f"Mô hình vẫn được gộp; nhập “{header}” cho mô hình này trong sheet “{MODELS.name}”."
    column = layout.columns.get(name)
    if column is None:
        return Finding("warning", "missing-value", f"Danh sách không có cột “{header}” nên dòng {row} "
                       f"chưa có giá trị này. {after}", layout.name, f"{layout.columns['name']}{row}")
    return Finding("warning", "missing-value", f"Chưa nhập “{header}” ở dòng {row}. {after}",
                   layout.name, f"{column}{row}")


def _with_subject(model: Model, layout: SheetLayout, file: str, unit: Unit, entries: list[Entry],
                  inferred: dict[int, str]) -> Model:
    """``model`` with its subject inferred from the performer when the list gives none."""
    if model.subject or not model.name:
        return model
    guess = infer_subject(model.performer)
    if guess is None:
        return model
    header = MODELS.column("subject").header
    why = (f"Ô “{header}” để trống" if "subject" in layout.columns
           else f"Danh sách không có cột “{header}”")
    column = layout.columns.get("subject") or layout.columns.get("performer") or layout.columns["name"]
    entries.append(Entry(
        INFERRED, f"{why}: mô hình “{model.name}” được ghi “{guess.subject}” vì người thực hiện "
        f"“{model.performer}” {guess.reason}. Kiểm tra lại cột “{header}” trong sheet “{MODELS.name}”.",
        file, layout.name, f"{column}{model.row}", unit.code))
    inferred[model.row] = f"{header} “{guess.subject}” suy ra từ “{model.performer}”"
    return replace(model, subject=guess.subject)


def _model(values: Mapping[str, object], row: int, unit: Unit) -> Model:
    taken: dict[str, Any] = {f: values[f] for f in GATHERED_FIELDS if f in values}
    taken["code"] = taken.get("code") or _PENDING_CODE
    taken["unit_code"] = taken.get("unit_code") or unit.code
    for name in ("name", *TAKEN_WITHOUT):  # a list without the column gives no value (no default)
        taken.setdefault(name, "")
    return Model(**taken, row=row)


def _layout(layout: SheetLayout) -> SheetLayout:
    """The list's layout, with the code and unit-code columns the unit need not have."""
    columns = dict(layout.columns)
    for field_name in ("code", "unit_code"):
        columns.setdefault(field_name, columns["name"])
    return replace(layout, columns=columns)


def _late_rows(book: Workbook, models: Sequence[Model], layout: SheetLayout, file: str,
               unit: Unit) -> list[Entry]:
    deadline = book.settings.get("registration_deadline")
    if not isinstance(deadline, dt.date):
        return []
    column = layout.columns.get("registered_on", "")
    return [
        Entry(LATE, f"Mô hình “{m.name}” đăng ký ngày {m.registered_on:%d/%m/%Y}, sau hạn đăng ký "
              f"{deadline:%d/%m/%Y}. Vẫn được gộp; kiểm tra lại ngày hoặc ghi lý do ở cột “Ghi chú”.",
              file, layout.name, f"{column}{m.row}", unit.code)
        for m in models if isinstance(m.registered_on, dt.date) and m.registered_on > deadline
    ]
