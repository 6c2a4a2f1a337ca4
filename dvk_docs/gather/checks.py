"""Checking one registration list a unit sent: its rows as models, refused rows and why, late rows.

The rows are checked with the rules of ``dvk validate`` (:data:`LIST_CHECKS`) on a small workbook
made of the list's rows and the upper level's settings and units, so a refused row gets the same
Vietnamese message as in the workbook, pointing at the cell of the unit's file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..model import Model, SheetLayout, Unit, Workbook
from ..rules.validation import (
    check_choices,
    check_model_units,
    check_required,
    check_texts,
    validate,
)
from ..workbook.registration_lists import RegistrationList
from ..workbook.schema import MODELS
from .report import LATE, REFUSED, WARNING, Entry

LIST_CHECKS = (check_required, check_choices, check_model_units, check_texts)  #: rules run on each row
GATHERED_FIELDS = tuple(  #: Mô hình fields taken from a unit's list ("Nguồn" is ours to write)
    c.field for c in MODELS.columns if c.field != "source"
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
    units = tuple(Unit(u.code, u.name, row=u.row) for u in book.units)  # kinds: not this list's concern
    probe = Workbook(settings=book.settings, units=units, models=tuple(models),
                     layouts={"models": layout}, texts=found.texts, problems=found.problems)
    findings = [f for f in validate(probe, LIST_CHECKS) if f.sheet == found.sheet]
    entries: list[Entry] = []
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
                  f"{code_column}{m.row}" if code_column else "")
        for m in kept
    )
    return CheckedList(candidates, tuple(entries), len(models) - len(kept))


def _model(values: Mapping[str, object], row: int, unit: Unit) -> Model:
    taken: dict[str, Any] = {f: values[f] for f in GATHERED_FIELDS if f in values}
    taken["code"] = taken.get("code") or _PENDING_CODE
    taken["unit_code"] = taken.get("unit_code") or unit.code
    for name in ("name", "subject"):
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
