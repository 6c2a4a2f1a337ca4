"""Unicode normalisation of Vietnamese text: NFC values and loose comparison keys for headers."""

from __future__ import annotations

import re
import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  #: huyền, sắc, ngã, hỏi, nặng as combining marks
KEPT_CONTROLS = "\n\t"  #: the only control characters clean_text keeps

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
    words = []
    for word in _WORD.findall(decomposed):
        tones = "".join(ch for ch in word if ch in TONE_MARKS)
        base = "".join(ch for ch in word if ch not in TONE_MARKS)
        words.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(words)


def clean_text(text: str) -> tuple[str, bool]:
    """``text`` ready to store: NFC, line breaks as "\\n", control characters other than newline
    and tab removed, surrounding whitespace stripped. The flag is True when control characters
    were removed (worth a warning: they usually come from pasting out of another program).
    """
    unified = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(ch for ch in unified if ch in KEPT_CONTROLS or unicodedata.category(ch) != "Cc")
    return kept.strip(), len(kept) != len(unified)
