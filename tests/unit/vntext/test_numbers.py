"""Number formatting: "." for thousands, "," for decimals, leading zeros."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dvk_docs.vntext import format_number, leading_zero


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1_050_000, "1.050.000"),
        (1_410_000, "1.410.000"),
        (-1_234_567, "-1.234.567"),
        (95.5, "95,5"),
        (75.0, "75"),
        (Decimal("95.50"), "95,5"),
        (1234.25, "1.234,25"),
        (-0.5, "-0,5"),
    ],
)
def test_format_number(number: float, text: str) -> None:
    assert format_number(number) == text


def test_fixed_decimals_round_half_up() -> None:
    assert format_number(2.675, decimals=2) == "2,68"
    assert format_number(95, decimals=1) == "95,0"
    assert format_number(1_234_567.891, decimals=0) == "1.234.568"


def test_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="không phải là số"):
        format_number(float("nan"))


@pytest.mark.parametrize(
    ("number", "text"), [(0, "00"), (5, "05"), (9, "09"), (10, "10"), (125, "125")]
)
def test_leading_zero(number: int, text: str) -> None:
    assert leading_zero(number) == text
