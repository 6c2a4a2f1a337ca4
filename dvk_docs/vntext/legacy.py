"""Text typed in the old TCVN3 (ABC, ".VnTime") and VNI-Windows ("VNI-Times") encodings, or in NFD,
recognised and converted to Unicode NFC.

Excel and Word show such text as odd Latin characters: TCVN3 "Céng hoµ x· héi" (one byte per
letter, read as Latin-1) and VNI "Coäng hoøa xaõ hoäi" (a base letter plus a diacritic byte, read as
Windows-1252). The tables come from ``dvk_docs/data/legacy_encodings_tcvn3_vni.json`` (UniKey's
``vnconv/data.cpp``; rows: Unicode letter, TCVN3 byte hex, TCVN3 as Latin-1, VNI bytes hex, VNI as
cp1252).

Upper case in TCVN3: the toned capitals (Á, Ầ, Ố …) have no code of their own; the ABC fonts
ending in "H" (.VnTimeH) draw the lower-case codes as capitals. Those letters therefore decode to
lower case, and the case is restored from context: a word with no lower-case letter and at least
two capitals, or a text with no lower-case letter at all, is upper-cased ("CéNG" -> "CỘNG"); in a
text whose words all start with a capital (a name), a first letter that could be either is
capitalised ("NguyÔn ThÞ ¸nh" -> "Nguyễn Thị Ánh"); with ``font=".VnTimeH"`` everything is
upper-cased. Elsewhere such a letter stays lower case ("¸nh s¸ng" -> "ánh sáng").
TCVN3 "ư" is byte 0xAD, the soft hyphen, which some tools drop: "Tr­êng" then arrives as
"Trêng" and decodes to "Trờng"; nothing can restore it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from .normalize import TONE_MARKS, fold_key

Encoding = Literal["unicode", "nfd", "tcvn3", "vni", "ascii"]

TABLE_FILE = "legacy_encodings_tcvn3_vni.json"  #: in dvk_docs/data/
MIN_EVIDENCE_WORDS = 2  #: legacy-looking words needed before text is called TCVN3 or VNI
MIN_EVIDENCE_RATIO = 0.5  #: share of the non-ASCII words that must read as legacy text
MIN_VIETNAMESE_SHARE = (
    0.7  #: share of all words that must read as Vietnamese syllables once decoded
)

# a word: a run without spaces, ASCII digits and punctuation, or general punctuation (“ ” –)
_WORD = re.compile(r"[^\s!-@\[-`{-~\u2000-\u206f]+")
_LETTER_BEYOND_LATIN1 = re.compile(r"[^\W\d_\x00-\xff]")  # every letter beyond Latin-1, and a few other word characters
_OPEN_VOWELS = "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ưa|ua|uơ|oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|uya|uyu"
_CLOSED_VOWELS = "ă|â|iê|yê|uô|ươ|oă|uâ|uyê|oo"  # need a final consonant
_ANY_VOWELS = "a|e|ê|i|o|ô|ơ|u|ư|y|oa|oe|uê|uy"
_SYLLABLE = re.compile(
    rf"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    rf"(({_OPEN_VOWELS})|({_CLOSED_VOWELS})(ch|ng|nh|[cmnpt])|({_ANY_VOWELS})(ch|ng|nh|[cmnpt])?)"
)


@lru_cache(maxsize=8192)  # a book repeats its texts (subjects, fields, units) in every row
def detect_encoding(text: str) -> Encoding:
    """How ``text`` was typed: "ascii" (nothing to convert), "nfd" (Unicode with separate accent
    marks), "tcvn3", "vni", or "unicode" (ordinary text, also the answer when unsure).

    TCVN3 or VNI is reported only when at least two words, and at least half the words with
    non-ASCII letters, read as Vietnamese syllables once decoded but not as they stand, and 70 %
    of all words (of two letters or more) read as Vietnamese syllables once decoded; text with
    any letter beyond Latin-1 (ư, ơ, đ, ạ …) is Unicode. Join a whole column to judge short cells.
    """
    if text.isascii():
        return "ascii"
    if not unicodedata.is_normalized("NFC", text) and any(map(unicodedata.combining, text)):
        return "nfd"
    if _has_unicode_letters(text):
        return "unicode"
    scores = {encoding: _evidence(text, encoding) for encoding in ("tcvn3", "vni")}
    best = max(scores, key=lambda encoding: scores[encoding])
    return best if scores[best] > 0 else "unicode"


def is_plain_unicode(text: str) -> bool:
    """True for text that no encoding check or repair changes: ASCII, or NFC holding a letter
    beyond Latin-1, which legacy text never does (:func:`detect_encoding` says "ascii" or
    "unicode", :func:`repair_column` keeps it and judges the other cells without it)."""
    return text.isascii() or (unicodedata.is_normalized("NFC", text) and _has_unicode_letters(text))


def to_unicode(text: str, *, font: str | None = None) -> str:
    """``text`` in Unicode NFC, decoded from TCVN3 or VNI when it was typed in one of them.

    ``font`` is the font name of the cell or run when known: a TCVN3 (".Vn…") or VNI ("VNI-…")
    font decides the encoding unless the text holds Unicode-only letters, and an ABC capitals
    font (".VnTimeH") upper-cases the result. Otherwise :func:`detect_encoding` decides.
    Whitespace is kept.
    """
    encoding = font_encoding(font) if font else None
    if encoding is None or _has_unicode_letters(text):
        encoding = detect_encoding(text)
    if encoding == "tcvn3":
        decoded = _decode_tcvn3(text)
        return decoded.upper() if font and _is_capitals_font(font) else decoded
    if encoding == "vni":
        return _decode_vni(text)
    return unicodedata.normalize("NFC", text)


def repair_column(texts: Sequence[str]) -> list[str]:
    """The cells ``texts`` of one column in Unicode NFC, judged together: when the cells that may be
    legacy text (non-ASCII, no Unicode-only letter) read as TCVN3 or VNI once joined, each of them
    is decoded that way (a short cell alone is ambiguous); otherwise each cell is converted on its
    own evidence (:func:`to_unicode`). Unicode cells beside them do not change the verdict."""
    legacy = [text for text in texts if not text.isascii() and not _has_unicode_letters(text)]
    decode = {"tcvn3": _decode_tcvn3, "vni": _decode_vni}.get(detect_encoding("\n".join(legacy)))
    return [
        text if text.isascii()
        else decode(text) if decode is not None and not _has_unicode_letters(text)
        else to_unicode(text)
        for text in texts
    ]


def content_key(text: str) -> str:
    """What two texts share when they say the same thing: encoding repaired, then case, spacing,
    punctuation and tone placement folded (:func:`~.normalize.fold_key`). "Gi÷ g×n  vÖ sinh" (TCVN3)
    and "giữ gìn vệ sinh" have the same key.

    A key is never shown, so it is bolder than :func:`to_unicode`: a text too short to call
    legacy there ("Chi ®oµn") is decoded when every word of it then reads as Vietnamese.
    """
    unicode_text = to_unicode(text)
    if (unicode_text == unicodedata.normalize("NFC", text) and not text.isascii()
            and not _has_unicode_letters(text)):  # (Unicode-only letters: never legacy text)
        decoded = (decode(text) for decode in (_decode_tcvn3, _decode_vni))
        unicode_text = next((d for d in decoded if _reads_as_vietnamese(text, d)), unicode_text)
    return fold_key(unicode_text)


def _reads_as_vietnamese(text: str, decoded: str) -> bool:
    """True when ``decoded`` changed ``text`` and every word of it is a Vietnamese syllable."""
    if decoded == text or _has_unicode_letters(text):
        return False
    return all(_is_syllable(word) for word in _WORD.findall(decoded))


def font_encoding(font: str) -> Literal["tcvn3", "vni"] | None:
    """The legacy encoding a font name implies: ".VnTime", ".VnArialH" -> "tcvn3";
    "VNI-Times" -> "vni"; any other font -> None."""
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def _is_capitals_font(font: str) -> bool:
    """True for the ABC capitals fonts (".VnTimeH", ".VnArialH") that draw every letter upper case."""
    return font_encoding(font) == "tcvn3" and font.strip().endswith("H")


def _has_unicode_letters(text: str) -> bool:
    """True when ``text`` holds a letter beyond Latin-1, which legacy text never does."""
    found = _LETTER_BEYOND_LATIN1.search(text)
    while found is not None and not found[0].isalpha():
        found = _LETTER_BEYOND_LATIN1.search(text, found.end())
    return found is not None


def _evidence(text: str, encoding: Literal["tcvn3", "vni"]) -> int:
    """How many words of ``text`` read as Vietnamese only when decoded as ``encoding``;
    0 when that is too few to call the text ``encoding`` or the decoded text as a whole does not
    read as Vietnamese (Albanian "të" and "në" decode to "tở" and "nở")."""
    decode = _decode_tcvn3 if encoding == "tcvn3" else _decode_vni
    words = [word for word in _WORD.findall(text) if len(word) > 1]
    readable = [_is_syllable(decode(word).lower()) for word in words]
    changed = [(word, ok) for word, ok in zip(words, readable, strict=True) if not word.isascii()]
    good = sum(1 for word, ok in changed if ok and not _is_syllable(word))
    enough = (
        good >= MIN_EVIDENCE_WORDS
        and good >= MIN_EVIDENCE_RATIO * len(changed)
        and sum(readable) >= MIN_VIETNAMESE_SHARE * len(words)
    )
    return good if enough else 0


def _is_syllable(word: str) -> bool:
    """True when ``word`` is written like one Vietnamese syllable: lower case, Capitalised or
    UPPER case; an initial consonant, one to three vowels, a final consonant; at most one tone."""
    if not (word[1:].islower() or word[1:] == "" or word.isupper()):
        return False
    if not set(unicodedata.normalize("NFC", word)) <= _vietnamese_letters():
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(char in TONE_MARKS for char in decomposed)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


def _decode_tcvn3(text: str) -> str:
    """``text`` decoded from TCVN3 with the case rules of the module docstring."""
    letters, hints = _tcvn3_table()
    case = [hints.get(char, _case_of(char)) for char in text]
    all_capitals = "L" not in case and case.count("U") >= 2
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    starts = [case[start] for start, _ in words if case[start] in "UL"]
    title_case = len(words) >= 2 and "U" in starts and "L" not in starts
    decoded = [letters.get(char, char) for char in text]
    for start, end in words:
        word_case = case[start:end]
        if all_capitals or ("L" not in word_case and word_case.count("U") >= 2):
            decoded[start:end] = [char.upper() for char in decoded[start:end]]
        elif title_case and word_case[0] == "N":
            decoded[start] = decoded[start].upper()
    return unicodedata.normalize("NFC", "".join(decoded))


def _decode_vni(text: str) -> str:
    """``text`` decoded from VNI-Windows: two-character sequences first, then single characters."""
    pairs, singles = _vni_tables()
    decoded = []
    index = 0
    while index < len(text):
        if text[index : index + 2] in pairs:
            decoded.append(pairs[text[index : index + 2]])
            index += 2
        else:
            decoded.append(singles.get(text[index], text[index]))
            index += 1
    return unicodedata.normalize("NFC", "".join(decoded))


def _case_of(char: str) -> str:
    """Case hint of a character TCVN3 leaves unchanged: "U", "L", or "" for non-letters."""
    if char.isupper():
        return "U"
    return "L" if char.islower() else ""


@cache
def _table() -> tuple[tuple[str, ...], ...]:
    """The rows of the packaged table: Unicode letter, TCVN3 hex, TCVN3 text, VNI hex, VNI text."""
    text = (resources.files("dvk_docs") / "data" / TABLE_FILE).read_text(encoding="utf-8")
    return tuple(tuple(row) for row in json.loads(text))


def _rows() -> list[tuple[str, ...]]:
    """The rows whose letter differs between Unicode and the legacy encodings (not ASCII)."""
    return [row for row in _table() if not row[0].isascii()]


@cache
def _vietnamese_letters() -> frozenset[str]:
    """The letters Vietnamese words are written with, both cases (f j w z included)."""
    return frozenset(row[0] for row in _table())


@cache
def _tcvn3_table() -> tuple[dict[str, str], dict[str, str]]:
    """TCVN3 character -> Unicode letter (lower case when capital and small letter share the code),
    and TCVN3 character -> case hint: "U", "L", or "N" when the code stands for both."""
    shared: dict[str, set[str]] = {}
    for unicode_letter, _, tcvn3_char, _, _ in _rows():
        shared.setdefault(tcvn3_char, set()).add(unicode_letter)
    letters = {char: min(group, key=str.isupper) for char, group in shared.items()}
    hints = {
        char: "N" if len(group) > 1 else _case_of(letters[char]) for char, group in shared.items()
    }
    return letters, hints


@cache
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    """VNI two-character sequences and single characters -> Unicode letter."""
    pairs = {row[4]: row[0] for row in _rows() if len(row[4]) == 2}
    singles = {row[4]: row[0] for row in _rows() if len(row[4]) == 1}
    return pairs, singles
