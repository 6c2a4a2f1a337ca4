"""Line breaks for the names in the header block, chosen at phrase boundaries.

A body's name ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH") is
printed centred in a narrow column. Left to the word processor it wraps at the last space that
fits, which often cuts a compound in two ("… LAO / ĐỘNG …"). :func:`break_header_lines` chooses the
breaks itself: never inside a known compound or a place name, as few lines as fit, the lines as
even as possible, and a break before "VÀ", "CỦA" or a place word ("TỈNH", "HUYỆN"…) preferred.
A line break the clerk typed in the cell (Alt+Enter) is always kept.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations, pairwise

from ..vntext import fold_key
from .metrics import text_width_cm
from .profiles import Style

#: Words of two or more syllables that a header line never ends inside, longest first where one
#: holds another. Vietnamese writes a word's syllables apart, so only a list can tell them.
COMPOUNDS = (
    "LIÊN ĐOÀN LAO ĐỘNG", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "MẶT TRẬN TỔ QUỐC",
    "BAN CHẤP HÀNH", "BAN THƯỜNG VỤ", "BAN CÁN SỰ", "CỘNG SẢN", "HỒ CHÍ MINH", "VIỆT NAM",
    "LAO ĐỘNG", "NHÂN DÂN", "CHÍNH TRỊ", "MẶT TRẬN", "TỔ QUỐC", "ĐOÀN THỂ", "LIÊN ĐOÀN",
    "CÔNG ĐOÀN", "ĐẢNG ỦY", "ĐẢNG BỘ", "ĐẢNG ĐOÀN", "CHI BỘ", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY",
    "QUẬN ỦY", "THỊ ỦY", "ỦY BAN", "HỘI ĐỒNG", "THƯỜNG VỤ", "THƯỜNG TRỰC", "CHẤP HÀNH", "CƠ QUAN",
    "DOANH NGHIỆP", "DÂN VẬN", "TUYÊN GIÁO", "THANH NIÊN", "PHỤ NỮ", "NÔNG DÂN", "CỰU CHIẾN BINH",
    "CHIẾN BINH", "XÃ HỘI", "CHỦ NGHĨA", "CỘNG HÒA", "TRUNG ƯƠNG", "GIÁO DỤC", "ĐÀO TẠO", "Y TẾ",
    "VĂN HÓA", "THỂ THAO", "DU LỊCH", "KINH TẾ", "QUỐC PHÒNG", "AN NINH", "CÔNG AN", "QUÂN SỰ",
    "HÀNH CHÍNH", "SỰ NGHIỆP", "CÔNG NGHIỆP", "NÔNG NGHIỆP", "NÔNG THÔN", "PHÁT TRIỂN", "TÀI CHÍNH",
    "NGÂN HÀNG", "KHO BẠC", "BỆNH VIỆN", "ĐẠI HỌC", "CAO ĐẲNG", "TRƯỜNG HỌC", "CÔNG TY", "TỔNG CÔNG TY",
    "TẬP ĐOÀN", "HỢP TÁC XÃ", "KHU CÔNG NGHIỆP", "KHU DÂN CƯ", "DÂN CƯ", "THI ĐUA", "KHEN THƯỞNG",
    "VĂN PHÒNG", "TỔ CHỨC", "KIỂM TRA", "THANH TRA", "TƯ PHÁP", "NỘI VỤ", "CÁN BỘ", "CÔNG CHỨC",
    "VIÊN CHỨC", "CÔNG NHÂN", "HỌC SINH", "SINH VIÊN", "KHOA HỌC", "CÔNG NGHỆ", "TÀI NGUYÊN",
    "MÔI TRƯỜNG", "GIAO THÔNG", "VẬN TẢI", "XÂY DỰNG", "THƯƠNG MẠI", "BẢO HIỂM", "BƯU ĐIỆN",
    "ĐIỆN LỰC", "THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU",
)
#: Words that begin a place name; the name runs to the end or to the next such word or "VÀ".
PLACE_WORDS = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN", "XÃ", "PHƯỜNG", "ĐẶC KHU")
#: Words a line may start with at no cost: breaking before them follows the name's structure.
GOOD_STARTS = PLACE_WORDS + ("VÀ", "CỦA", "KHỐI", "BAN", "TẠI", "THUỘC")
#: Words a line should not end with.
BAD_ENDS = ("VÀ", "CỦA", "TẠI", "THUỘC", "-", "–")
#: The compounds that hold no shorter one: the second choice, when keeping the long ones whole
#: costs a line ("TỔNG LIÊN ĐOÀN / LAO ĐỘNG VIỆT NAM" rather than three lines).
_SHORT = tuple(c for c in COMPOUNDS
               if not any(o != c and f" {o} " in f" {c} " for o in COMPOUNDS))
_MAX_UNITS = 16  #: beyond this many units the word processor wraps the line (no header name is so long)
_PLACES = frozenset(fold_key(p) for p in PLACE_WORDS)
_PLACE_STOPS = _PLACES | {fold_key("VÀ"), fold_key("CỦA")}  #: what ends a place name
_GOOD_STARTS = frozenset(fold_key(w) for w in GOOD_STARTS)
_BAD_ENDS = frozenset(fold_key(w) for w in BAD_ENDS)


def break_header_lines(text: str, style: Style, column_cm: float) -> str:
    """``text`` with a line break (``\\n``) wherever a line of it must end to fit ``column_cm``.

    Existing breaks stay; each line that does not fit is broken at phrase boundaries (see the
    module docstring). A single unit wider than the column is left for the word processor.
    """
    return "\n".join(
        "\n".join(_break_line(line, style, column_cm)) for line in text.splitlines()
    ) if text else text


def _break_line(line: str, style: Style, column_cm: float) -> list[str]:
    line = " ".join(line.split())
    if text_width_cm(line, style) <= column_cm:
        return [line]
    words = line.split(" ")
    layouts = [(count, level, cost, lines)
               for level, units in enumerate((_units(words, COMPOUNDS), _units(words, _SHORT)))
               for count, cost, lines in [_best_breaks(units, style, column_cm)] if lines]
    if not layouts:  # a name no phrase-respecting layout fits: word by word
        layouts = [(0, 0, 0.0, _best_breaks([[w] for w in words], style, column_cm)[2] or [line])]
    return min(layouts)[3]


def _units(words: list[str], compounds: tuple[str, ...]) -> list[list[str]]:
    """The words grouped into units the break never falls inside: ``compounds``, place names
    (whole with their place word when ``compounds`` holds the long ones), dashes."""
    keys = [fold_key(w) for w in words]
    phrases = _phrases(compounds)
    units: list[list[str]] = []
    at = 0
    while at < len(words):
        size = next((len(c) for c in phrases if tuple(keys[at:at + len(c)]) == c), 1)
        units.append(words[at:at + size])
        at += size
    return _join_places(_join_dashes(units), with_place_word=compounds is COMPOUNDS)


@cache
def _phrases(compounds: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``compounds`` as tuples of word keys, longest first."""
    return sorted({tuple(fold_key(w) for w in c.split()) for c in compounds}, key=len, reverse=True)


def _join_dashes(units: list[list[str]]) -> list[list[str]]:
    joined: list[list[str]] = []
    glue = False
    for unit in units:
        if joined and (glue or unit[0] in "-–"):
            joined[-1] = joined[-1] + unit
        else:
            joined.append(unit)
        glue = unit[-1] in "-–"
    return joined


def _join_places(units: list[list[str]], *, with_place_word: bool) -> list[list[str]]:
    """The name after a place word ("TỈNH BÀ RỊA - VŨNG TÀU") becomes one unit, with the place
    word itself when ``with_place_word``."""
    joined: list[list[str]] = []
    state = None  # None: outside a place name; "word": just after its place word; "name": inside
    for unit in units:
        key = fold_key(" ".join(unit))
        if (state == "name" or (state == "word" and with_place_word)) and key not in _PLACE_STOPS:
            joined[-1] = joined[-1] + unit
            state = "name"
            continue
        joined.append(list(unit))
        state = "word" if key in _PLACES else "name" if state == "word" else None
    return joined


def _best_breaks(units: list[list[str]], style: Style,
                 column_cm: float) -> tuple[int, float, list[str] | None]:
    """(line count, cost, lines) of the cheapest layout of ``units`` in the fewest lines that
    fit; lines None when none fits."""
    if len(units) > _MAX_UNITS:
        return 0, 0.0, None
    texts = [" ".join(u) for u in units]
    for count in range(2, len(units) + 1):
        layouts = []
        for cuts in combinations(range(1, len(units)), count - 1):
            bounds = (0, *cuts, len(units))
            lines = [" ".join(texts[a:b]) for a, b in pairwise(bounds)]
            widths = [text_width_cm(x, style) for x in lines]
            if max(widths) <= column_cm:
                layouts.append((_cost(lines, widths), lines))
        if layouts:
            cost, lines = min(layouts)
            return count, cost, lines
    return 0, 0.0, None


def _cost(lines: list[str], widths: list[float]) -> float:
    """Lower is better: uneven lines cost their difference in cm; good and bad breaks adjust it."""
    cost = max(widths) - min(widths)
    for line in lines[1:]:
        words = line.split(" ")
        if fold_key(words[0]) in _GOOD_STARTS or fold_key(" ".join(words[:2])) in _GOOD_STARTS:
            cost -= 1.0
    for line in lines[:-1]:
        if fold_key(line.split(" ")[-1]) in _BAD_ENDS:
            cost += 3.0
    return cost
