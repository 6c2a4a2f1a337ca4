"""Format profiles (Nhà nước, Đảng, Công đoàn): every number and convention, read from JSON data.

The data lives in ``dvk_docs/data/profiles/<id>.json`` so a reviewer can check each value against
its source without reading code; this module only types it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import DvkError

PROFILE_IDS = ("nha-nuoc", "dang", "cong-doan")  #: every shipped profile, State first
PROFILE_DIR = Path(__file__).resolve().parent.parent / "data" / "profiles"  #: the JSON files


@dataclass(frozen=True)
class Style:
    """Typography of one element: size in points, weight, slant, underline, colour (hex RGB)."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: str = ""  #: "C00000"; "" = automatic (black)


@dataclass(frozen=True)
class Profile:
    """One format profile. ``data`` is the parsed JSON; the properties name what code needs."""

    id: str
    data: Mapping[str, Any]

    @property
    def label(self) -> str:
        return self.data["label"]

    @property
    def font(self) -> str:
        return self.data["font"]

    def style(self, element: str) -> Style:
        """The :class:`Style` of ``element`` (``"motto"``, ``"number"``, ``"signer_name"``…)."""
        return Style(**self.data["styles"][element])

    def section(self, name: str) -> Mapping[str, Any]:
        """A block of conventions: ``"page"``, ``"header"``, ``"number"``, ``"bases"``…"""
        return self.data[name]

    @property
    def is_party(self) -> bool:
        return self.data["header"]["issuing_mark"] == "star"

    def symbol(self, type_code: str, abbr: str) -> str:
        """Ký hiệu: ``QĐ-UBND`` (State, union) or ``QĐ/ĐUK`` (Party)."""
        return self.data["number"]["symbol"].format(type=type_code, abbr=abbr)

    def number_line(self, number: str, symbol: str) -> str:
        """"Số: 05/QĐ-UBND", "Số 29-KH/ĐUK", or the blank form for the văn thư when no number."""
        if not number:
            return self.data["number"]["blank"].format(symbol=symbol)
        padded = number.zfill(2) if number.isdigit() else number
        return self.data["number"]["filled"].format(number=padded, symbol=symbol)

    def authority(self, prefix: str) -> str:
        """The signer's authority prefix in this profile's spelling (``TM.`` ↔ ``T/M``)."""
        prefix = prefix.strip()
        return self.data["authority_aliases"].get(prefix, prefix)


def load_profile(profile_id: str) -> Profile:
    """The profile ``profile_id`` (one of :data:`PROFILE_IDS`).

    Raises :class:`DvkError` naming the known profiles when the id is unknown.
    """
    if profile_id not in PROFILE_IDS:
        raise DvkError(
            f"Không có thể thức “{profile_id}”. Các thể thức có: {', '.join(PROFILE_IDS)}.",
            hint="Chọn lại “Thể thức văn bản” trong sheet “Cấu hình” hoặc tham số --profile.",
        )
    return _read(profile_id)


@cache
def _read(profile_id: str) -> Profile:
    data = json.loads((PROFILE_DIR / f"{profile_id}.json").read_text(encoding="utf-8"))
    return Profile(profile_id, data)
