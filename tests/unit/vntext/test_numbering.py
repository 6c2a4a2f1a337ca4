"""Roman numerals and điểm letters."""

from __future__ import annotations

import pytest

from dvk_docs.vntext import from_roman, point_letter, to_roman


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "I"),
        (2, "II"),
        (3, "III"),
        (4, "IV"),
        (5, "V"),
        (6, "VI"),
        (9, "IX"),
        (10, "X"),
        (12, "XII"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (1999, "MCMXCIX"),
        (2025, "MMXXV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_and_from_roman(number: int, numeral: str) -> None:
    assert to_roman(number) == numeral
    assert from_roman(numeral) == number
    assert from_roman(f" {numeral.lower()} ") == number


def test_every_number_round_trips() -> None:
    assert [from_roman(to_roman(n)) for n in range(1, 4000)] == list(range(1, 4000))


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_out_of_range_numbers_are_refused(number: int) -> None:
    with pytest.raises(ValueError, match="từ 1 đến 3999"):
        to_roman(number)


@pytest.mark.parametrize("text", ["", "IIII", "IC", "VX", "XIIV", "12", "ABC"])
def test_non_standard_numerals_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="không phải là số La Mã"):
        from_roman(text)


def test_point_letters_follow_the_vietnamese_alphabet() -> None:
    letters = [point_letter(i) for i in range(1, 24)]
    assert "".join(letters) == "abcdđeghiklmnopqrstuvxy"
    with pytest.raises(ValueError):
        point_letter(24)
