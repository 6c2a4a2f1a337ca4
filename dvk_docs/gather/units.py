"""Which unit of the Đơn vị sheet sent a registration list.

The clues, strongest first: the unit code written above the list ("Mã đơn vị: 005", locked in the
forms of ``dvk init-forms``), the unit name written there ("Đơn vị: Đảng bộ Sở Y tế"), a title line
naming a unit ("LIÊN ĐOÀN LAO ĐỘNG HUYỆN YÊN BÌNH"), then the file and folder names ("005 - Sở Y
tế.xlsx", "Đảng bộ Sở Y tế/dang-ky.xlsx").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from ..model import Unit
from ..vntext.normalize import fold_key
from ..workbook.registration_lists import RegistrationList

_TOKEN = re.compile(r"[^\W_]+")


UNKNOWN_CODE = (  #: why a list is refused when its unit code is not in Đơn vị ({code})
    "Mã đơn vị “{code}” ghi ở đầu danh sách không có trong sheet “Đơn vị”. Sửa mã trong tệp cho "
    "đúng, hoặc thêm đơn vị này vào sheet “Đơn vị”."
)
NO_CLUE = (  #: why a list is refused when nothing names its unit
    "Không xác định được đơn vị gửi danh sách này. Ghi “Mã đơn vị: …” ở đầu danh sách (như mẫu "
    "phát cho đơn vị), hoặc đặt tên tệp bắt đầu bằng mã đơn vị, ví dụ “005 - dang-ky.xlsx”."
)


@dataclass(frozen=True)
class UnitClue:
    """What a list says about its unit, and where the file is (relative to the gathered folder)."""

    code: str
    name: str
    titles: tuple[str, ...]
    path: PurePath

    @classmethod
    def of(cls, found: RegistrationList, path: PurePath) -> UnitClue:
        return cls(found.unit_code, found.unit_name, found.titles, path)


def find_unit(units: Sequence[Unit], clue: UnitClue) -> tuple[Unit | None, str]:
    """The unit ``clue`` points to and "", or None and why not (a Vietnamese sentence)."""
    by_code = {unit.code: unit for unit in units}
    if clue.code:
        if clue.code in by_code:
            return by_code[clue.code], ""
        return None, UNKNOWN_CODE.format(code=clue.code)
    for text in (clue.name, *clue.titles):
        unit = _named_in(units, text, exact=text == clue.name)
        if unit is not None:
            return unit, ""
    for part in reversed(clue.path.parts):
        stem = PurePath(part).stem if part == clue.path.name else part
        tokens = _TOKEN.findall(stem)
        unit = next((by_code[t] for t in tokens if t in by_code), None) or _named_in(units, stem)
        if unit is not None:
            return unit, ""
    return None, NO_CLUE


def _named_in(units: Sequence[Unit], text: str, *, exact: bool = False) -> Unit | None:
    """The unit whose name is ``text`` (or, unless ``exact``, the longest name inside it)."""
    key = fold_key(text)
    if not key:
        return None
    same = next((u for u in units if fold_key(u.name) == key), None)
    if same is not None or exact:
        return same
    inside = [u for u in units if fold_key(u.name) and fold_key(u.name) in key]
    return max(inside, key=lambda u: len(fold_key(u.name)), default=None)
