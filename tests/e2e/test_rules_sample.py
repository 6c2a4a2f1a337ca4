"""``dvk validate`` and ``dvk score`` on the bundled Party sample, checked against the rule itself.

The written results are recomputed here from the sheets with plain Python (criteria maxima and
must-be-maximum flags from Tiêu chí, subjects from Mô hình, threshold 75), so the test does not
depend on the generator's random numbers.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
from click.testing import CliRunner

from dvk_docs.cli import cli

SAMPLE = "dang-uy-khoi.xlsx"


def test_sample_validates_without_errors(copy_sample) -> None:
    result = CliRunner().invoke(cli, ["validate", str(copy_sample(SAMPLE)), "--json"])
    assert result.exit_code == 0
    assert [row for row in json.loads(result.output) if row["severity"] == "error"] == []


def test_sample_scores_follow_the_rule(copy_sample) -> None:
    path = copy_sample(SAMPLE)
    result = CliRunner().invoke(cli, ["score", str(path)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    subjects = {r[0]: r[3] for r in book["Mô hình"].iter_rows(min_row=2, values_only=True) if r[0]}
    criteria = {(r[1], r[0]): (Decimal(str(r[3])), r[4] == "Có")
                for r in book["Tiêu chí"].iter_rows(min_row=2, values_only=True) if r[0]}
    rows = defaultdict(list)
    for r in book["Chấm điểm"].iter_rows(min_row=2, values_only=True):
        rows[r[0]].append(r)
    counts = {"Đạt": 0, "Không đạt": 0}
    must_only = 0
    for code, scored in rows.items():
        group = "II.1" if subjects[code] == "Tập thể" else "II.2"
        applicable = {n: criteria[("I" if n <= 10 else group, n)] for n in range(1, 16)}
        sums = {n: sum(Decimal(str(r[1 + n] or 0)) for r in scored) for n in applicable}
        total = sum(sums.values()) / len(scored)
        must_fail = [n for n, (top, must) in applicable.items() if must and sums[n] < top * len(scored)]
        expected = "Đạt" if total >= 75 and not must_fail else "Không đạt"
        for r in scored:
            assert (Decimal(str(r[17])), r[18]) == (total.quantize(Decimal("0.01"), ROUND_HALF_UP), expected), code
            assert r[19].count("Tiêu chí ") == len(must_fail)
        counts[expected] += 1
        must_only += bool(must_fail) and total >= 75
    assert must_only > 0  # the sample has models failing only on the must-be-maximum rule
    assert any(len(scored) > 1 for scored in rows.values())  # and models with several scorers
    assert result.output.endswith(
        f"Đã chấm {len(rows)} mô hình: {counts['Đạt']} đạt, {counts['Không đạt']} không đạt.\n")
