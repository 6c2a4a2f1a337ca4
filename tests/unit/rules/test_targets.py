"""Targets per unit: the unit's own number, else its kind's from Cấu hình."""

from __future__ import annotations

import pytest

from dvk_docs.errors import CellValueError
from dvk_docs.rules.targets import KindTarget, parse_kind_targets, unit_targets
from dvk_docs.vntext import fold_key

from .books import book, model, setting_row, unit


def test_kind_targets_are_read_tolerantly() -> None:
    targets = parse_kind_targets("Đoàn thể=5;  đảng bộ cơ sở : 2\nChi bộ cơ sở=1;")
    assert targets == {
        fold_key("Đoàn thể"): KindTarget("Đoàn thể", 5),
        fold_key("Đảng bộ cơ sở"): KindTarget("đảng bộ cơ sở", 2),
        fold_key("Chi bộ cơ sở"): KindTarget("Chi bộ cơ sở", 1),
    }


def test_unit_targets_count_registered_models() -> None:
    units = (unit("DV01", 2, kind="ĐOÀN THỂ"), unit("DV02", 3, kind="Chi bộ cơ sở", target=3),
             unit("DV03", 4, kind="Phòng, ban"))
    models = (model("MH01", 2), model("MH02", 3, name="B"), model("MH03", 4, unit_code="DV02"))
    targets = unit_targets(book(settings={"kind_targets": "Đoàn thể=5"}, units=units, models=models))
    assert [(t.unit.code, t.target, t.registered, t.shortfall) for t in targets] == [
        ("DV01", 5, 2, 3), ("DV02", 3, 1, 2), ("DV03", None, 0, 0),
    ]
    assert targets[0].kind_target == KindTarget("Đoàn thể", 5)
    assert targets[1].kind_target is None


def test_a_bad_setting_raises_with_its_cell() -> None:
    with pytest.raises(CellValueError) as raised:
        unit_targets(book(settings={"kind_targets": "Đoàn thể=năm"}))
    assert str(raised.value.where) == f"Sheet “Cấu hình”, ô B{setting_row('kind_targets')}"
