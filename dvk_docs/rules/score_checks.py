"""Checks of the scoring data: Tiêu chí (criteria) and Chấm điểm (score rows)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, partial

from ..errors import Finding
from ..model import SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL, Criterion, Model, ScoreSheet, Workbook
from .findings import error, warning
from .locations import cell, score_cell, sheet_name
from .scoring import applicable_criteria, format_points

_SUBJECTS = (SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL)


def check_criteria(book: Workbook) -> Iterable[Finding]:
    """duplicate-criterion: one number twice in a group; missing-criteria: scores but no criteria."""
    first: dict[tuple[int, str], int] = {}
    for criterion in book.criteria:
        key = (criterion.number, criterion.group)
        if key in first:
            yield error(
                "duplicate-criterion", cell(book, "criteria", "number", criterion.row),
                f"Tiêu chí {criterion.number} của nhóm {criterion.group} đã có ở dòng {first[key]}. "
                "Xóa dòng trùng hoặc sửa số tiêu chí.",
            )
        else:
            first[key] = criterion.row
    if book.scores and not book.criteria:
        yield error(
            "missing-criteria", cell(book, "criteria", None, None),
            "Chưa có tiêu chí chấm điểm nào nên không tính được điểm. "
            "Nhập bảng tiêu chí (ví dụ chép từ sổ mới tạo bằng “dvk init”).",
        )


def check_scores(book: Workbook) -> Iterable[Finding]:
    """Chấm điểm rows: score-unknown-model, unknown-criterion, score-not-applicable,
    score-negative, score-above-max (errors); missing-score, model-not-scored (warnings)."""
    models = {}
    for model in book.models:
        models.setdefault(model.code, model)
    numbers = {c.number for c in book.criteria}
    criteria_of = cache(partial(applicable_criteria, book.criteria))  # once per subject
    for sheet in book.scores:
        model = models.get(sheet.model_code)
        if not sheet.model_code:
            continue
        if model is None:
            yield error(
                "score-unknown-model", cell(book, "scores", "model_code", sheet.row),
                f"Mã mô hình “{sheet.model_code}” không có trong sheet “{sheet_name(book, 'models')}”. "
                "Sửa mã cho đúng hoặc xóa dòng chấm điểm này.",
            )
        elif book.criteria and model.subject in _SUBJECTS and _has_points(sheet):
            yield from _score_row(book, sheet, model, criteria_of(model.subject), numbers)
    yield from _unscored_models(book)


def _score_row(
    book: Workbook, sheet: ScoreSheet, model: Model, criteria: Mapping[int, Criterion], numbers: set[int]
) -> Iterable[Finding]:
    """The findings of one Chấm điểm row; ``criteria``: those that apply to the model's subject."""
    other = SUBJECT_INDIVIDUAL if model.is_collective else SUBJECT_COLLECTIVE
    for number, points in sorted(sheet.points.items()):
        criterion = criteria.get(number)
        if points is None or (criterion is not None and 0 <= points <= criterion.maximum):
            continue  # the common case: nothing to say, so no cell reference to make
        ref = score_cell(book, sheet, number)
        if criterion is None and number in numbers:
            yield error(
                "score-not-applicable", ref,
                f"Mô hình “{model.code}” do {model.subject.lower()} thực hiện nhưng có điểm tiêu chí "
                f"{number}, là tiêu chí chỉ dành cho mô hình {other.lower()}. "
                "Xóa điểm ở ô này hoặc sửa “Chủ thể” của mô hình.",
            )
        elif criterion is None:
            yield error(
                "unknown-criterion", ref,
                f"Ô này chấm tiêu chí {number} nhưng sheet “{sheet_name(book, 'criteria')}” không có "
                "tiêu chí số này. Xóa điểm ở ô này hoặc thêm tiêu chí vào sheet tiêu chí.",
            )
        elif points < 0:
            yield error(
                "score-negative", ref,
                f"Tiêu chí {number} của mô hình “{model.code}” được {format_points(points)} điểm; điểm không "
                f"được âm. Nhập điểm từ 0 đến {format_points(criterion.maximum)}.",
            )
        elif points > criterion.maximum:
            yield error(
                "score-above-max", ref,
                f"Tiêu chí {number} của mô hình “{model.code}” được {format_points(points)} điểm, vượt điểm "
                f"tối đa {format_points(criterion.maximum)}. Nhập điểm từ 0 đến {format_points(criterion.maximum)}.",
            )
    for number in criteria:
        if sheet.points.get(number) is None:
            who = f" (người chấm: {sheet.scorer})" if sheet.scorer else ""
            yield warning(
                "missing-score", score_cell(book, sheet, number),
                f"Mô hình “{model.code}” chưa có điểm tiêu chí {number}{who}; ô trống được tính 0 điểm. "
                "Nhập điểm nếu còn thiếu.",
            )


def _unscored_models(book: Workbook) -> Iterable[Finding]:
    scored = {s.model_code for s in book.scores if _has_points(s)}
    if not scored:
        return
    scores = sheet_name(book, "scores")
    for model in book.models:
        if model.code and model.code not in scored:
            yield warning(
                "model-not-scored", cell(book, "models", "code", model.row),
                f"Mô hình “{model.code}” chưa có điểm trong sheet “{scores}” nên chưa xét kết quả. "
                f"Thêm dòng chấm điểm cho mô hình này trong sheet “{scores}”.",
            )


def _has_points(sheet: ScoreSheet) -> bool:
    return any(points is not None for points in sheet.points.values())
