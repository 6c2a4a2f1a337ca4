"""Unicode normalisation of Vietnamese text: NFC values and loose comparison keys for headers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  #: huyền, sắc, ngã, hỏi, nặng as combining marks

_WORD = re.compile(r"[\w\u0300-\u036f]+")


def nfc(text: str) -> str:
    """``text`` in Unicode NFC with surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text).strip()


def fold_key(text: str) -> str:
    """A key that equal headers share whatever their case, spacing, punctuation, NFC/NFD form or
    tone-mark placement: ``fold_key("Hoà  bình")`` == ``fold_key("HÒA BÌNH")``.

    Tone marks are kept (so "Mã" and "Má" differ) but moved to the end of their word, which makes
    the old ("hoà", "thuỷ") and new ("hòa", "thủy") placements equal.
    """
    decomposed = unicodedata.normalize("NFD", text).casefold()
    return "".join(map(_fold_word, _WORD.findall(decomposed)))


@lru_cache(maxsize=8192)  # words repeat: Vietnamese has a few thousand syllables
def _fold_word(word: str) -> str:
    """One decomposed, case-folded word, its tone marks moved to its end."""
    tones = "".join(ch for ch in word if ch in TONE_MARKS)
    base = "".join(ch for ch in word if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base) + tones


def plain_key(text: str) -> str:
    """``text`` without its Vietnamese accents and case, for loose comparison and ASCII keys:
    ``plain_key("Đảng bộ Cơ sở")`` == ``"dang bo co so"``.

    What it folds: case (:meth:`str.casefold`, so "Đ" is "đ"), "đ" to "d", and every combining mark
    of the NFD form: the tones (huyền, sắc, hỏi, ngã, nặng) and the marks of â ă ê ô ơ ư, so
    "Mã" and "Má" are equal here (unlike :func:`fold_key`). Spaces, punctuation and digits are kept
    as they are: the caller joins the words its own way.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
