"""Amounts in words: expected strings written by hand from the accounting rules (research §5.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dvk_docs.vntext import amount_in_words, number_in_words

NUMBERS = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (30, "ba mươi"),
    (44, "bốn mươi tư"),
    (55, "năm mươi lăm"),
    (71, "bảy mươi mốt"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (124, "một trăm hai mươi tư"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1100, "một nghìn một trăm"),
    (2024, "hai nghìn không trăm hai mươi tư"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (100_000, "một trăm nghìn"),
    (105_000, "một trăm linh năm nghìn"),
    (500_000, "năm trăm nghìn"),
    (702_000, "bảy trăm linh hai nghìn"),
    (1_000_000, "một triệu"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_015_000, "một triệu không trăm mười lăm nghìn"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (1_410_000, "một triệu bốn trăm mười nghìn"),
    (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
    (25_500_000, "hai mươi lăm triệu năm trăm nghìn"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_050, "một tỷ không trăm năm mươi"),
    (1_200_300_400, "một tỷ hai trăm triệu ba trăm nghìn bốn trăm"),
    (5_000_001_000, "năm tỷ không trăm linh một nghìn"),
    (1_000_000_000_000, "một nghìn tỷ"),
    (1_500_000_000_000, "một nghìn năm trăm tỷ"),
    (1_000_000_000_005, "một nghìn tỷ không trăm linh năm"),
    (
        10**15 - 1,
        "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ"
        " chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
    ),
    (10**15, "một triệu tỷ"),
]


@pytest.mark.parametrize(("number", "words"), NUMBERS)
def test_number_in_words(number: int, words: str) -> None:
    assert number_in_words(number) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (500_000, "Năm trăm nghìn đồng"),
        (702_000, "Bảy trăm linh hai nghìn đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (Decimal("1410000"), "Một triệu bốn trăm mười nghìn đồng"),
    ],
)
def test_amount_in_words_capitalises_and_ends_in_dong(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


def test_whole_float_and_decimal_values_are_read() -> None:
    assert amount_in_words(Decimal("1050000.00")) == "Một triệu không trăm năm mươi nghìn đồng"
    assert amount_in_words(702000.0) == "Bảy trăm linh hai nghìn đồng"


@pytest.mark.parametrize("bad", [-1, Decimal("10.5"), 2.5, True])
def test_negative_fractional_and_boolean_values_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="số nguyên không âm"):
        number_in_words(bad)  # type: ignore[arg-type]


def test_no_lẻ_and_no_doubled_spaces_anywhere_up_to_ten_thousand() -> None:
    for number in range(10_001):
        words = number_in_words(number)
        assert "lẻ" not in words and "  " not in words and words == words.strip()
        assert "mươi một" not in words and "mươi bốn" not in words and "mươi năm" not in words
