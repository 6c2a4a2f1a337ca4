"""Registration targets: how many models each unit must register, and how many it has.

A unit's target is its own "Chỉ tiêu mô hình" when given, else the target of its kind from the
Cấu hình setting ``kind_targets`` ("Đoàn thể=5; Đảng bộ cơ sở=2; Chi bộ cơ sở=1").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..errors import CellValueError
from ..model import Unit, Workbook
from ..vntext.normalize import fold_key
from .locations import setting_cell

KIND_TARGETS_KEY = "kind_targets"  #: the Cấu hình key holding the targets per unit kind

_ENTRY = re.compile(r"^(?P<kind>.+?)\s*[=:]\s*(?P<count>\d+)$")


@dataclass(frozen=True)
class KindTarget:
    """The target of one unit kind as written in Cấu hình."""

    kind: str
    count: int


@dataclass(frozen=True)
class UnitTarget:
    """One unit's target and the number of models it registered.

    ``target`` None means neither the unit nor its kind has a target. ``kind_target`` is the
    kind's entry when the target comes from Cấu hình rather than from the unit's own row.
    """

    unit: Unit
    target: int | None
    registered: int
    kind_target: KindTarget | None = None

    @property
    def shortfall(self) -> int:
        """Models still missing to reach the target (0 when reached or when there is no target)."""
        return 0 if self.target is None else max(0, self.target - self.registered)


def parse_kind_targets(text: str) -> dict[str, KindTarget]:
    """Parse "Đoàn thể=5; Đảng bộ cơ sở=2" into fold_key(kind) -> :class:`KindTarget`.

    Entries are separated by ";" or line breaks; "=" or ":" separates the kind from its count.
    Raises ValueError (Vietnamese message) for an entry that is not "kind=number".
    """
    targets: dict[str, KindTarget] = {}
    for entry in re.split(r"[;\n]", text):
        entry = entry.strip()
        if not entry:
            continue
        match = _ENTRY.match(entry)
        if match is None:
            raise ValueError(
                f"mục “{entry}” không đúng dạng “Loại đơn vị=số mô hình” "
                "(ví dụ: Đoàn thể=5; Đảng bộ cơ sở=2)"
            )
        kind = match["kind"].strip()
        targets[fold_key(kind)] = KindTarget(kind, int(match["count"]))
    return targets


def kind_targets(book: Workbook) -> dict[str, KindTarget]:
    """The targets per unit kind from Cấu hình, keyed by fold_key(kind).

    Raises CellValueError pointing at the setting when it cannot be parsed.
    """
    try:
        return parse_kind_targets(book.settings.text(KIND_TARGETS_KEY))
    except ValueError as error:
        raise CellValueError(
            f"Chỉ tiêu theo loại đơn vị: {error}.",
            setting_cell(book, KIND_TARGETS_KEY),
            hint="Sửa ô này rồi chạy lại.",
        ) from None


def unit_targets(book: Workbook) -> list[UnitTarget]:
    """Every unit of Đơn vị, in sheet order, with its target and its number of registered models.

    Raises CellValueError when the Cấu hình setting ``kind_targets`` cannot be parsed.
    """
    by_kind = kind_targets(book)
    registered = Counter(model.unit_code for model in book.models)
    result = []
    for unit in book.units:
        count = registered[unit.code]
        if unit.target is not None:
            result.append(UnitTarget(unit, unit.target, count))
            continue
        kind_target = by_kind.get(fold_key(unit.kind)) if unit.kind else None
        result.append(UnitTarget(unit, kind_target.count if kind_target else None, count, kind_target))
    return result
