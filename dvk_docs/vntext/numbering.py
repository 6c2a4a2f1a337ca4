"""Numbering of parts and points: Roman numerals (Phần I, Mục II) and the letters of điểm a), b), … đ)."""

from __future__ import annotations

import re

ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)  #: value and numeral, largest first
ROMAN_LIMIT = 3999  #: the largest number written with standard Roman numerals
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"  #: điểm a) … y): no f j w z, "đ" included

_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def to_roman(number: int) -> str:
    """``number`` (1–3999) in upper-case Roman numerals: 4 -> "IV", 2025 -> "MMXXV".

    Raises ValueError outside 1–3999.
    """
    if not 1 <= number <= ROMAN_LIMIT:
        raise ValueError(f"chỉ viết được số La Mã từ 1 đến {ROMAN_LIMIT}, không viết được {number}")
    numerals = []
    for value, numeral in ROMAN_VALUES:
        count, number = divmod(number, value)
        numerals.append(numeral * count)
    return "".join(numerals)


def from_roman(text: str) -> int:
    """The value of a Roman numeral in standard form, either case, spaces around ignored:
    "XIV" -> 14, "mmxxv" -> 2025.

    Raises ValueError for anything else ("IIII", "IC", "", "12").
    """
    numeral = text.strip().upper()
    if not numeral or not _ROMAN.fullmatch(numeral):
        raise ValueError(f"“{text}” không phải là số La Mã (ví dụ: I, II, IV, IX, XII)")
    total = 0
    for value, symbol in ROMAN_VALUES:
        while numeral.startswith(symbol):
            total += value
            numeral = numeral[len(symbol) :]
    return total


def point_letter(index: int) -> str:
    """The letter of the ``index``-th điểm (1-based): 1 -> "a", 5 -> "đ", 6 -> "e", 7 -> "g".

    Raises ValueError outside 1–23 (a khoản with more points should be split).
    """
    if not 1 <= index <= len(POINT_LETTERS):
        raise ValueError(
            f"chỉ có {len(POINT_LETTERS)} chữ cái đánh điểm (a đến y), không có điểm thứ {index}"
        )
    return POINT_LETTERS[index - 1]
