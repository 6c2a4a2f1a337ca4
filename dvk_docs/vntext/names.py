"""Vietnamese alphabetical order (as ICU's ``vi`` collator) and sorting personal names by given name."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from .normalize import TONE_MARKS

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  #: letter order (f j w z as in Latin)
TONE_ORDER = "\u0300\u0309\u0303\u0301\u0323"  #: huyền < hỏi < ngã < sắc < nặng
LETTER_MARKS = "\u0302\u0306\u031b"  #: circumflex, breve, horn: part of the letters â ă ê ô ơ ư
LOOK_ALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u00a0": " "})  #: Eth, NBSP

CollationKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]
NameKey = tuple[CollationKey, CollationKey, CollationKey]
T = TypeVar("T")

_SPACE, _SYMBOL, _DIGIT, _LETTER, _OTHER = 1, 10, 2_000_000, 3_000_000, 4_000_000
_OTHER_MARK = 100  # secondary weight base for marks that are not Vietnamese tones (ü, ç, ñ)


def collation_key(text: str) -> CollationKey:
    """A sort key ordering ``text`` like ICU's ``vi`` collator at tertiary strength.

    Level 1 compares the letters of the whole text in Vietnamese alphabet order (spaces before
    punctuation before digits before letters, so "Thị Hồng" < "Thịnh"); level 2 then compares the
    tones in reading order (none < huyền < hỏi < ngã < sắc < nặng), so "Hà" < "Há" < "Hàm" and
    "Chi" < "Cúc"; level 3 breaks remaining ties by case, lower case first. NFC and NFD forms give
    the same key; Icelandic "Ð/ð" counts as "Đ/đ" and NBSP as a space (ICU differs there).
    Punctuation is ordered by code point, which can differ from ICU.
    """
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for cluster in _clusters(unicodedata.normalize("NFD", text.translate(LOOK_ALIKES))):
        weight, marks = _primary(cluster)
        primary.append(weight)
        secondary += [0, *(_mark_weight(mark) for mark in marks)]
        tertiary += [int(cluster[0].isupper()), *(0 for _ in marks)]
    return tuple(primary), tuple(secondary), tuple(tertiary)


def name_sort_key(full_name: str) -> NameKey:
    """Sort key of a Vietnamese personal name: given name (last word), then middle name(s), then
    family name (first word), each compared by :func:`collation_key`.

    "Trần Bình An" < "Nguyễn Thị An" < "Lê Văn An" < "Vũ Đức Anh" < "Phạm Thị Ánh" < "Đỗ Văn Ân".
    A one-word name is a given name alone; extra spaces are ignored.
    """
    words = full_name.translate(LOOK_ALIKES).split()
    if not words:
        return collation_key(""), collation_key(""), collation_key("")
    family = words[0] if len(words) > 1 else ""
    return collation_key(words[-1]), collation_key(" ".join(words[1:-1])), collation_key(family)


def sort_names(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """``items`` sorted by :func:`name_sort_key` of their full name (``key(item)``, or the item
    itself when ``key`` is None). Items with equal names keep their order, so sort by a
    tie-breaker (date of birth) first when one is needed.
    """
    full_name = key or str
    return sorted(items, key=lambda item: name_sort_key(full_name(item)))


def _clusters(decomposed: str) -> list[str]:
    """``decomposed`` (NFD) cut into base characters each followed by their combining marks."""
    clusters: list[str] = []
    for char in decomposed:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _primary(cluster: str) -> tuple[int, list[str]]:
    """Level-1 weight of ``cluster`` and the marks left for level 2 (tones and foreign accents)."""
    base, marks = cluster[0], cluster[1:]
    letter_marks = "".join(mark for mark in marks if mark in LETTER_MARKS)
    letter = unicodedata.normalize("NFC", base + letter_marks).lower()
    if len(letter) == 1 and letter in ALPHABET:
        return _LETTER + ALPHABET.index(letter), [m for m in marks if m not in LETTER_MARKS]
    lower = base.lower()
    if lower in ALPHABET:
        return _LETTER + ALPHABET.index(lower), list(marks)
    if base.isdigit():
        return _DIGIT + unicodedata.digit(base, 0), list(marks)
    if base.isspace():
        return _SPACE, list(marks)
    if base.isalpha():
        return _OTHER + ord(lower), list(marks)
    return _SYMBOL + ord(base), list(marks)


def _mark_weight(mark: str) -> int:
    """Level-2 weight of a combining mark: tones 1–5 in dictionary order, other accents after."""
    if mark in TONE_MARKS:
        return TONE_ORDER.index(mark) + 1
    return _OTHER_MARK + ord(mark)
