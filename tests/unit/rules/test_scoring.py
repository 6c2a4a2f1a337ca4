"""The scoring rule on tiny inline workbooks: totals, results, reasons, averages, write-back cells."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from dvk_docs.model import CellUpdate
from dvk_docs.rules.scoring import format_points, score, score_updates
from dvk_docs.rules.voting import recognised_models

from .books import book, full_points, model, score_row, seed_criteria

NOTHING = {f"tc{n}": None for n in range(1, 16)}


def only(workbook):
    [result] = score(workbook)
    return result


def test_full_marks_pass_and_the_reason_names_the_rule() -> None:
    result = only(book(models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points()),)))
    assert (result.total, result.maximum, result.result, result.scorers) == (100, 100, "Đạt", 1)
    assert result.reason == "Tổng điểm 100/100, từ 75 trở lên; tiêu chí 2, 7, 9, 11, 15 đạt tối đa."


def test_every_failed_condition_is_named() -> None:
    points = full_points(tc3=0, tc4=0, tc6=0, tc8=3, tc7=8)  # 100 - 10 - 5 - 5 - 2 - 2 - 4 = 72
    points[10] = Decimal(6)
    result = only(book(models=(model("MH01", 2),), scores=(score_row("MH01", 2, points),)))
    assert result.total == 72
    assert result.result == "Không đạt"
    assert result.reason == "Tổng điểm 72/100, phải từ 75 trở lên; Tiêu chí 7 được 8/10, phải đạt tối đa."


def test_failing_only_on_a_must_be_max_criterion() -> None:
    result = only(book(models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points(tc15=4)),)))
    assert (result.total, result.passed) == (99, False)
    assert result.reason == "Tiêu chí 15 được 4/5, phải đạt tối đa."


def test_below_threshold_only() -> None:
    result = only(book(models=(model("MH01", 2),),
                       scores=(score_row("MH01", 2, full_points(tc3=0, tc4=0, tc5=0, tc6=0, tc8=1)),)))
    assert result.reason == "Tổng điểm 71/100, phải từ 75 trở lên."


@pytest.mark.parametrize(("threshold", "result"), [(90, "Không đạt"), (Decimal("87.5"), "Đạt")])
def test_threshold_comes_from_settings(threshold, result) -> None:
    points = full_points(tc3="2.5", tc4=0)  # 100 - 7.5 - 5 = 87.5
    scored = only(book(settings={"pass_threshold": threshold}, models=(model("MH01", 2),),
                       scores=(score_row("MH01", 2, points),)))
    assert (format_points(scored.total), scored.result) == ("87,5", result)
    if result == "Không đạt":
        assert scored.reason == "Tổng điểm 87,5/100, phải từ 90 trở lên."
    else:
        assert scored.reason == "Tổng điểm 87,5/100, từ 87,5 trở lên; tiêu chí 2, 7, 9, 11, 15 đạt tối đa."


def test_criteria_11_to_15_are_the_subjects_own_group() -> None:
    criteria = tuple(
        replace(c, maximum=Decimal(6), must_be_max=False) if (c.group, c.number) == ("II.2", 11) else c
        for c in seed_criteria()
    )
    points = full_points(tc11=5)
    collective = book(criteria=criteria, models=(model("MH01", 2),), scores=(score_row("MH01", 2, points),))
    individual = book(criteria=criteria, models=(model("MH01", 2, subject="Cá nhân"),),
                      scores=(score_row("MH01", 2, points),))
    assert only(collective).result == "Đạt"
    assert only(individual).maximum == 101
    assert only(individual).reason == "Tổng điểm 100/101, từ 75 trở lên; tiêu chí 2, 7, 9, 15 đạt tối đa."
    failing = book(criteria=criteria, models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points(tc11=4)),))
    assert only(failing).reason == "Tiêu chí 11 được 4/5, phải đạt tối đa."


def test_several_scorers_are_averaged_per_criterion() -> None:
    rows = (
        score_row("MH01", 2, full_points(tc7=10, tc3=5), scorer="A"),
        score_row("MH01", 3, full_points(tc7=9, tc3=10), scorer="B"),
        score_row("MH01", 4, full_points(tc7=10, tc3="7.5"), scorer="C"),
    )
    result = only(book(models=(model("MH01", 2),), scores=rows))
    assert result.scorers == 3
    assert result.rows == (2, 3, 4)
    assert result.points[3] == Decimal("7.50")
    assert result.points[7] == Decimal("9.67")
    assert result.total == Decimal("97.17")  # (95 + 99 + 97.5) / 3
    assert result.reason == "Trung bình của 3 người chấm: Tiêu chí 7 được 9,67/10, phải đạt tối đa."


def test_all_scorers_at_maximum_keep_the_criterion_at_maximum() -> None:
    rows = (score_row("MH01", 2, full_points(tc3=4)), score_row("MH01", 3, full_points(tc3=5)))
    result = only(book(models=(model("MH01", 2),), scores=rows))
    assert (result.total, result.passed) == (Decimal("94.5"), True)
    assert result.reason.startswith("Trung bình của 2 người chấm: Tổng điểm 94,5/100, từ 75 trở lên")


def test_blank_points_count_as_zero_but_blank_rows_are_not_scores() -> None:
    rows = (score_row("MH01", 2, full_points(tc1=None)), score_row("MH01", 3, full_points(**NOTHING)))
    result = only(book(models=(model("MH01", 2),), scores=rows))
    assert (result.total, result.scorers, result.rows) == (95, 1, (2,))


def test_models_without_a_score_row_get_no_result_and_order_follows_models() -> None:
    models = (model("MH02", 2, name="B"), model("MH01", 3), model("MH03", 4, name="C"))
    rows = (score_row("MH01", 2, full_points()), score_row("MH02", 3, full_points(tc2=0)))
    results = score(book(models=models, scores=rows))
    assert [(r.model.code, r.result) for r in results] == [("MH02", "Không đạt"), ("MH01", "Đạt")]


def test_updates_write_the_same_result_on_every_row_and_clear_rows_without_result() -> None:
    rows = (score_row("MH01", 2, full_points(tc3=4)), score_row("MH01", 3, full_points(tc3=5)),
            score_row("MH02", 4, full_points(**NOTHING)))
    workbook = book(models=(model("MH01", 2), model("MH02", 3, name="B")), scores=rows)
    reason = "Trung bình của 2 người chấm: Tổng điểm 94,5/100, từ 75 trở lên; tiêu chí 2, 7, 9, 11, 15 đạt tối đa."
    assert score_updates(workbook, score(workbook)) == [
        CellUpdate("scores", 2, "total", 94.5), CellUpdate("scores", 2, "result", "Đạt"),
        CellUpdate("scores", 2, "reason", reason),
        CellUpdate("scores", 3, "total", 94.5), CellUpdate("scores", 3, "result", "Đạt"),
        CellUpdate("scores", 3, "reason", reason),
        CellUpdate("scores", 4, "total", None), CellUpdate("scores", 4, "result", None),
        CellUpdate("scores", 4, "reason", None),
    ]


def test_whole_totals_are_written_as_integers() -> None:
    workbook = book(models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points()),))
    [total, *_] = score_updates(workbook, score(workbook))
    assert total.value == 100 and isinstance(total.value, int)


def test_recognised_models_are_the_passed_ones() -> None:
    models = (model("MH01", 2), model("MH02", 3, name="B"), model("MH03", 4, name="C"))
    rows = (score_row("MH01", 2, full_points()), score_row("MH02", 3, full_points(tc9=9)),
            score_row("MH03", 4, full_points(tc1=0)))
    assert [m.code for m in recognised_models(book(models=models, scores=rows))] == ["MH01", "MH03"]


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("87.5"), "87,5"), (Decimal("75"), "75"), (Decimal("75.00"), "75"), (Decimal("9.666"), "9,67"),
    (Decimal("0.005"), "0,01"), (Decimal("100"), "100"), (Decimal("-1.5"), "-1,5"),
])
def test_points_are_shown_with_a_decimal_comma(value, text) -> None:
    assert format_points(value) == text
