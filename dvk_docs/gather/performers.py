"""Tập thể or Cá nhân, inferred from who carries a model out, for lists without a "Chủ thể" column.

Seed 000's form has one column "Tên tập thể hoặc cá nhân xây dựng mô hình điển hình" and no subject
column. The performer's words decide, first rule that applies:

1. a personal title at the start ("Đ/c", "Đồng chí", "Ông", "Bà", "Anh", "Chị", "Cô", "Thầy", ranks)
   -> Cá nhân;
2. a personal name ("Nguyễn Thị Hoa", "Cao Công Hùng - Chủ tịch CĐCS"): two to five capitalised
   words before any " - ", "," or "(", the first a common family name or the second "Văn"/"Thị"
   -> Cá nhân ("Đoàn" is both a family name and a collective: "Đoàn Văn Hậu" is a person,
   "Đoàn thanh niên" a collective);
3. a collective at the start ("CĐCS", "Chi bộ", "Công đoàn", "Đoàn", "Hội", "Tổ", "Ban", "UBND",
   "Trường", "Công ty" …) -> Tập thể.

Otherwise nothing is inferred. Words are compared with :func:`~dvk_docs.vntext.fold_key` (case,
accents placement and punctuation do not matter: "Đ/C", "đ/c", "Đ.c" are the same title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL
from ..vntext import fold_key

PERSONAL_TITLES = (  #: words before a person's name
    "Đ/c", "Đồng chí", "Ông", "Bà", "Anh", "Chị", "Cô", "Thầy", "Em", "Cháu", "Bác", "Cụ",
    "Cô giáo", "Thầy giáo", "Bác sĩ", "Y sĩ", "Nghệ nhân", "Cựu chiến binh", "Đại tá", "Thượng tá",
    "Trung tá", "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
)
COLLECTIVES = (  #: words that start the name of a collective
    "CĐCS", "Chi bộ", "Đảng bộ", "Đảng ủy", "Công đoàn", "Đoàn", "Chi đoàn", "Liên đoàn", "LĐLĐ",
    "Hội", "Chi hội", "Liên chi hội", "Hội đồng", "Tổ", "Tổ dân phố", "Ban", "Ban chỉ huy", "Phòng",
    "UBND", "Ủy ban", "HĐND", "MTTQ", "Mặt trận", "Trường", "Công ty", "Tập thể", "Khối", "Xã",
    "Phường", "Thị trấn", "Thôn", "Bản", "Xóm", "Ấp", "Khu", "Đội", "Trạm", "Bệnh viện",
    "Trung tâm", "Hợp tác xã", "HTX", "Văn phòng", "Sở", "Cục", "Chi cục", "Chi nhánh", "Lớp",
    "Khoa", "Câu lạc bộ", "CLB", "Nhóm", "Cơ quan", "Đơn vị", "Doanh nghiệp", "Ngân hàng",
    "Bưu điện", "Xí nghiệp", "Nhà máy", "Viện", "Công an", "Đồn", "Báo", "Đài", "Kho bạc",
    "Huyện", "Quận", "Thị xã", "Thành phố", "Tỉnh", "Nông trường", "Lâm trường", "Hạt", "Tòa án",
    "Ký túc xá", "Nhà văn hóa", "Gia đình",
)
FAMILY_NAMES = (  #: common Vietnamese family names (a capitalised name starting so is a person)
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Đinh", "Đào", "Đoàn", "Lương", "Trịnh", "Mai", "Trương", "Lâm", "Cao",
    "Hà", "Tạ", "Tô", "Chu", "Lưu", "Đàm", "Quách", "Triệu", "Vương", "La", "Khổng", "Thái",
    "Kiều", "Lò", "Lục", "Hứa", "Nông", "Mạc", "Tăng", "Giáp", "Thân", "Lại", "Châu", "Phùng",
    "Âu", "Cù", "Kim", "Doãn", "Nghiêm", "Tống", "Từ", "Khúc", "Quan", "Sầm", "Hầu", "Vi",
)
MIDDLE_NAMES = ("Văn", "Thị")  #: a capitalised second word so makes a person's name

_SEGMENT = re.compile(r"\s[-–—]\s|[,(;:]")


@dataclass(frozen=True)
class Inference:
    """A subject inferred from a performer: the value and why ("bắt đầu bằng “Đ/c”")."""

    subject: str
    reason: str


def infer_subject(performer: str) -> Inference | None:
    """Tập thể or Cá nhân for ``performer`` by the rules of this module, or None when unsure."""
    head = _SEGMENT.split(performer.strip(), maxsplit=1)[0].strip()
    words = head.split()
    if not words:
        return None
    keys = [fold_key(w) for w in words]
    title = _starts_with(keys, _TITLE_KEYS)
    if title:
        return Inference(SUBJECT_INDIVIDUAL, f"bắt đầu bằng “{' '.join(words[:title])}”")
    collective = _starts_with(keys, _COLLECTIVE_KEYS)
    if _is_personal_name(words, keys, collective_start=bool(collective)):
        return Inference(SUBJECT_INDIVIDUAL, "là tên một người")
    if collective:
        return Inference(SUBJECT_COLLECTIVE, f"bắt đầu bằng “{' '.join(words[:collective])}”")
    return None


def _starts_with(keys: list[str], known: dict[int, frozenset[tuple[str, ...]]]) -> int:
    """The word count of the longest entry of ``known`` that ``keys`` starts with (0: none)."""
    return next((n for n in sorted(known, reverse=True) if tuple(keys[:n]) in known[n]), 0)


def _is_personal_name(words: list[str], keys: list[str], *, collective_start: bool) -> bool:
    if not 2 <= len(words) <= 5 or not all(w.isalpha() and w[0].isupper() and w[1:].islower()
                                             for w in words if len(w) > 1):
        return False
    middle = keys[1] in _MIDDLE_KEYS
    return middle if collective_start else middle or keys[0] in _FAMILY_KEYS


def _by_length(entries: tuple[str, ...]) -> dict[int, frozenset[tuple[str, ...]]]:
    split = [tuple(fold_key(w) for w in entry.split()) for entry in entries]
    return {n: frozenset(s for s in split if len(s) == n) for n in {len(s) for s in split}}


_TITLE_KEYS = _by_length(PERSONAL_TITLES)
_COLLECTIVE_KEYS = _by_length(COLLECTIVES)
_FAMILY_KEYS = frozenset(fold_key(n) for n in FAMILY_NAMES)
_MIDDLE_KEYS = frozenset(fold_key(n) for n in MIDDLE_NAMES)
