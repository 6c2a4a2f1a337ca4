"""Numbers and money amounts read out in Vietnamese words, accounting style
("Một triệu không trăm năm mươi nghìn đồng")."""

from __future__ import annotations

from decimal import Decimal

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")  #: 0–9 read alone
GROUP_NAMES = ("", "nghìn", "triệu")  #: the three-digit groups below one tỷ
BILLION = 10**9  #: one "tỷ"; larger amounts are read as a number of tỷ ("một nghìn tỷ")
CURRENCY = "đồng"  #: written in full in formal text, never "VNĐ" or "đ"


def number_in_words(number: int | Decimal) -> str:
    """``number`` (a whole number ≥ 0) in lower-case Vietnamese words:
    105 -> "một trăm linh năm", 1050000 -> "một triệu không trăm năm mươi nghìn",
    10**15 -> "một triệu tỷ".

    Rules: groups of three digits; every group after the first reads its hundreds ("không trăm");
    zero tens before units read "linh"; "mười" for 1 ten, "mươi" for more; units 1 after 2+ tens
    read "mốt", 4 after 2+ tens "tư", 5 after 1+ tens "lăm"; all-zero groups are skipped.
    Raises ValueError for negative or fractional numbers.
    """
    if isinstance(number, bool) or number != int(number) or number < 0:
        raise ValueError(f"chỉ đọc được số nguyên không âm, không đọc được “{number}”")
    return _read(int(number), leading=True) or DIGITS[0]


def amount_in_words(amount: int | Decimal) -> str:
    """A money amount in words, first letter capitalised, ending in "đồng":
    1050000 -> "Một triệu không trăm năm mươi nghìn đồng", 0 -> "Không đồng".

    Raises ValueError like :func:`number_in_words`.
    """
    words = number_in_words(amount)
    return f"{words[0].upper()}{words[1:]} {CURRENCY}"


def _read(number: int, *, leading: bool) -> str:
    """Words for ``number``; ``leading`` is False when higher groups were already read, so the
    first group here must read its hundreds. Returns "" for 0."""
    if number >= BILLION:
        billions, rest = divmod(number, BILLION)
        return _join(_read(billions, leading=leading), "tỷ", _read(rest, leading=False))
    parts = []
    for power in range(len(GROUP_NAMES) - 1, -1, -1):
        group = number // 1000**power % 1000
        if group:
            first = leading and not parts
            parts.append(_join(_read_group(group, full=not first), GROUP_NAMES[power]))
    return _join(*parts)


def _read_group(group: int, *, full: bool) -> str:
    """Words for 1–999; ``full`` reads the hundreds even when they are 0 ("không trăm năm mươi")."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    said_hundreds = full or hundreds > 0
    words = [DIGITS[hundreds], "trăm"] if said_hundreds else []
    if tens == 0:
        words += ["linh"] if units and said_hundreds else []
    else:
        words += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units:
        words.append(_unit_word(units, tens))
    return " ".join(words)


def _unit_word(units: int, tens: int) -> str:
    """The units digit after ``tens``: "mốt" (21), "tư" (24), "lăm" (15, 25) or the plain digit."""
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 4 and tens >= 2:
        return "tư"
    if units == 5 and tens >= 1:
        return "lăm"
    return DIGITS[units]


def _join(*parts: str) -> str:
    """The non-empty ``parts`` separated by single spaces."""
    return " ".join(part for part in parts if part)
