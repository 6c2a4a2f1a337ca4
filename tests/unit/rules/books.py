"""Tiny workbooks built inline for the rules tests: layouts as ``dvk init`` writes them."""

from __future__ import annotations

from decimal import Decimal

from dvk_docs.model import (
    Criterion,
    Model,
    ScoreSheet,
    Settings,
    SheetLayout,
    Signer,
    Unit,
    Workbook,
)
from dvk_docs.workbook.schema import SETTINGS, SHEETS

SEED_003_MAXIMA = {1: 5, 2: 10, 3: 10, 4: 5, 5: 5, 6: 5, 7: 10, 8: 5, 9: 10, 10: 10}
MUST_BE_MAX = {2, 7, 9, 11, 15}
BASE_SETTINGS = {
    "profile": "Đảng",
    "issuing_body": "ĐẢNG ỦY KHỐI",
    "issuing_abbr": "ĐUK",
    "place": "Yên Bái",
    "year": 2024,
}


def layouts() -> dict[str, SheetLayout]:
    """Every sheet with its schema columns in order from A; Chấm điểm gets TC1…TC15 after them."""
    result = {"settings": SheetLayout("Cấu hình", 1, {"label": "A", "value": "B", "note": "C"})}
    for spec in SHEETS[1:]:
        result[spec.key] = SheetLayout(spec.name, 1, {c.field: _letter(i) for i, c in enumerate(spec.columns)})
    return result


def seed_criteria() -> tuple[Criterion, ...]:
    """The 20 criteria of seed 003 (group I 1–10, II.1 11–15, II.2 11–15), rows 2…21."""
    rows = [(n, "I", m) for n, m in SEED_003_MAXIMA.items()]
    rows += [(n, group, 5) for group in ("II.1", "II.2") for n in range(11, 16)]
    return tuple(
        Criterion(n, group, f"Tiêu chí {n}", Decimal(m), n in MUST_BE_MAX, row=i + 2)
        for i, (n, group, m) in enumerate(rows)
    )


def full_points(**changes: int | str | None) -> dict[int, Decimal | None]:
    """Maximum points on criteria 1–15 (total 100), with changes like ``tc7=8`` or ``tc3=None``."""
    points = {n: Decimal(m) for n, m in SEED_003_MAXIMA.items()} | {n: Decimal(5) for n in range(11, 16)}
    for name, value in changes.items():
        points[int(name[2:])] = None if value is None else Decimal(str(value))
    return points


def score_row(code: str, row: int, points: dict[int, Decimal | None], scorer: str = "") -> ScoreSheet:
    """One Chấm điểm row; criterion n sits in column F + n - 1 (after the 5 schema columns)."""
    return ScoreSheet(code, points, scorer, row, {n: _letter(4 + n) for n in points})


def model(code: str, row: int, **fields: object) -> Model:
    """A valid collective model of unit DV01 unless ``fields`` say otherwise."""
    values: dict = {"unit_code": "DV01", "name": f"Mô hình {code}", "subject": "Tập thể",
                    "field": "Kinh tế", "status": "Mới"}
    values.update(fields)
    return Model(code=code, row=row, **values)


def unit(code: str, row: int, **fields: object) -> Unit:
    values: dict = {"name": f"Đơn vị {code}", "kind": "Chi bộ cơ sở"}
    values.update(fields)
    return Unit(code=code, row=row, **values)


def book(
    *,
    settings: dict | None = None,
    units: tuple[Unit, ...] | None = None,
    models: tuple[Model, ...] = (),
    criteria: tuple[Criterion, ...] | None = None,
    scores: tuple[ScoreSheet, ...] = (),
    signers: tuple[Signer, ...] = (Signer("NK1", "Nguyễn Văn An", "BÍ THƯ", row=2),),
    **other: object,
) -> Workbook:
    """A workbook with the base settings (rows in schema order from 2), unit DV01, the seed
    criteria and one signer."""
    values = {**BASE_SETTINGS, **(settings or {})}
    rows = {c.field: i + 2 for i, c in enumerate(SETTINGS.columns)}
    return Workbook(
        settings=Settings(values, rows),
        units=(unit("DV01", 2),) if units is None else units,
        models=models,
        criteria=seed_criteria() if criteria is None else criteria,
        scores=scores,
        signers=signers,
        layouts=layouts(),
        **other,
    )


def setting_row(key: str) -> int:
    """The Cấu hình row of ``key`` in :func:`book`."""
    return next(i + 2 for i, c in enumerate(SETTINGS.columns) if c.field == key)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
