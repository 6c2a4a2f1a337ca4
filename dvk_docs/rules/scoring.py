"""The scoring rule as data: criteria and maxima from Tiêu chí, the threshold from Cấu hình.

A model passes ("Đạt") when its total reaches the threshold (``pass_threshold``, default 75) AND
every criterion flagged "Phải đạt tối đa" got its maximum (seed 003: criteria 2, 7, 9, 11, 15).
Group I applies to every model, II.1 to collectives, II.2 to individuals; both II groups number
their criteria 11–15, so a Chấm điểm row's "TC11" means criterion 11 of the model's own group.

When a council scores separately (several Chấm điểm rows for one model), each criterion gets the
average of the scorers' points. A blank point in a row that has other points counts as 0; a row
with no points at all is not a score yet. Arithmetic is Decimal; points and totals are rounded to
two decimals (half up) and shown with a decimal comma ("87,5").

The criteria that apply to a subject, their total and the ones that must get their maximum are
worked out once per subject, not once per model or Chấm điểm row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, cached_property

from ..model import (
    RESULT_FAIL,
    RESULT_PASS,
    CellUpdate,
    Criterion,
    Model,
    ScoreSheet,
    Workbook,
)

DEFAULT_THRESHOLD = Decimal(75)  #: pass threshold when Cấu hình has no "Điểm đạt"
THRESHOLD_KEY = "pass_threshold"  #: the Cấu hình key of the pass threshold

_CENT = Decimal("0.01")
_ZERO = Decimal(0)
_RESULT_FIELDS = ("total", "result", "reason")
_CLEARED = (None, None, None)


@dataclass(frozen=True)
class ScoreResult:
    """The computed result of one model.

    ``sums`` maps each applicable criterion number to the points of all scorers added up
    (:attr:`points` averages them, when asked: validation never does); ``criteria`` are the
    applicable criteria in Tiêu chí order; ``rows`` are the Chấm điểm rows the points came from
    (one per scorer); ``failures`` holds one Vietnamese clause per failed condition.
    """

    model: Model
    criteria: tuple[Criterion, ...]
    sums: Mapping[int, Decimal]
    total: Decimal
    maximum: Decimal
    threshold: Decimal
    scorers: int
    rows: tuple[int, ...]
    failures: tuple[str, ...]

    @cached_property
    def points(self) -> Mapping[int, Decimal]:
        """Each applicable criterion number -> the scorers' average points (two decimals)."""
        return {n: _round(total / self.scorers) for n, total in self.sums.items()}

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def result(self) -> str:
        """"Đạt" or "Không đạt"."""
        return RESULT_PASS if self.passed else RESULT_FAIL

    @property
    def reason(self) -> str:
        """One Vietnamese sentence: every failed condition, or the conditions met."""
        prefix = f"Trung bình của {self.scorers} người chấm: " if self.scorers > 1 else ""
        if self.failures:
            return prefix + "; ".join(self.failures) + "."
        met = [f"Tổng điểm {format_points(self.total)}/{format_points(self.maximum)}, "
               f"từ {format_points(self.threshold)} trở lên"]
        must = [str(c.number) for c in self.criteria if c.must_be_max]
        if must:
            met.append(f"tiêu chí {', '.join(must)} đạt tối đa")
        return prefix + "; ".join(met) + "."


def score(book: Workbook) -> list[ScoreResult]:
    """The result of every model that has at least one Chấm điểm row with points, in Mô hình order.

    Models without such a row get no result. Points for criteria that do not apply to the model
    (or do not exist) are ignored here; validation reports them.
    """
    threshold = pass_threshold(book)
    rows_by_model = _scored_rows(book.scores)
    scales = cache(lambda subject: _Scale.of(book.criteria, subject))
    results = []
    for model in _unique_models(book.models):
        rows = rows_by_model.get(model.code)
        if rows:
            results.append(_score_model(model, scales(model.subject), rows, threshold))
    return results


def score_updates(book: Workbook, results: Iterable[ScoreResult]) -> list[CellUpdate]:
    """The cells to write into Chấm điểm: total, result and reason on every row of each model.

    Rows that got no result (no points, unknown model) are cleared, so no stale result remains.
    """
    values: dict[int, tuple[object, object, object]] = {}
    for result in results:
        for row in result.rows:
            values[row] = (to_cell_number(result.total), result.result, result.reason)
    updates = []
    for sheet in book.scores:
        for name, value in zip(_RESULT_FIELDS, values.get(sheet.row, _CLEARED), strict=True):
            updates.append(CellUpdate("scores", sheet.row, name, value))
    return updates


def applicable_criteria(criteria: Sequence[Criterion], subject: str) -> dict[int, Criterion]:
    """Criterion number -> the criterion that applies to a model of ``subject`` (first one wins)."""
    applicable: dict[int, Criterion] = {}
    for criterion in criteria:
        if criterion.applies_to(subject):
            applicable.setdefault(criterion.number, criterion)
    return applicable


def pass_threshold(book: Workbook) -> Decimal:
    """The total a model needs, from Cấu hình "Điểm đạt" (75 when blank)."""
    return Decimal(str(book.settings.get(THRESHOLD_KEY, DEFAULT_THRESHOLD)))


def format_points(value: Decimal) -> str:
    """Points as a clerk writes them: two decimals at most, decimal comma ("87,5", "75")."""
    text = f"{_round(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def to_cell_number(value: Decimal) -> int | float:
    """A Decimal as the number to put into a cell: int when whole, else float."""
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class _Scale:
    """The criteria that apply to one subject: by number (Tiêu chí order), their total, and those
    that must get their maximum."""

    criteria: Mapping[int, Criterion]
    maximum: Decimal
    must_be_max: tuple[Criterion, ...]

    @classmethod
    def of(cls, criteria: Sequence[Criterion], subject: str) -> _Scale:
        applicable = applicable_criteria(criteria, subject)
        return cls(applicable, sum((c.maximum for c in applicable.values()), _ZERO),
                   tuple(c for c in applicable.values() if c.must_be_max))


def _score_model(model: Model, scale: _Scale, rows: Sequence[ScoreSheet], threshold: Decimal) -> ScoreResult:
    count = len(rows)
    sums = dict.fromkeys(scale.criteria, _ZERO)
    for row in rows:
        for number, points in row.points.items():
            if points and number in sums:
                sums[number] += points
    total = _round(sum(sums.values(), _ZERO) / count)
    failures = []
    if total < threshold:
        failures.append(f"Tổng điểm {format_points(total)}/{format_points(scale.maximum)}, "
                        f"phải từ {format_points(threshold)} trở lên")
    for criterion in scale.must_be_max:
        if sums[criterion.number] < criterion.maximum * count:
            failures.append(f"Tiêu chí {criterion.number} được {format_points(sums[criterion.number] / count)}/"
                            f"{format_points(criterion.maximum)}, phải đạt tối đa")
    return ScoreResult(
        model=model,
        criteria=tuple(scale.criteria.values()),
        sums=sums,
        total=total,
        maximum=scale.maximum,
        threshold=threshold,
        scorers=count,
        rows=tuple(row.row for row in rows),
        failures=tuple(failures),
    )


def _scored_rows(sheets: Iterable[ScoreSheet]) -> dict[str, list[ScoreSheet]]:
    rows: dict[str, list[ScoreSheet]] = {}
    for sheet in sheets:
        if sheet.model_code and any(p is not None for p in sheet.points.values()):
            rows.setdefault(sheet.model_code, []).append(sheet)
    return rows


def _unique_models(models: Iterable[Model]) -> list[Model]:
    seen: set[str] = set()
    unique = []
    for model in models:
        if model.code and model.code not in seen:
            seen.add(model.code)
            unique.append(model)
    return unique


def _round(value: Decimal) -> Decimal:
    return value.quantize(_CENT, ROUND_HALF_UP)  # positional: the keyword costs 4 times the rounding
