"""Merging checked rows into the Mô hình sheet: duplicates, conflicts, new model codes.

A model is the same model when the unit, the model name and the performer are the same (compared
by :func:`~dvk_docs.vntext.content_key`: encoding (TCVN3/VNI/NFD), case, spacing and accents
placement do not matter, so a row typed in TCVN3 is the model a clerk converted with ``fix-text``). A row identical to a model already in the workbook adds nothing: silently when it came
from the same file (the file was gathered before), as a duplicate otherwise. A row that is the same
model with different data is a conflict: reported with every difference, never written. A value the
row leaves empty, or a Chủ thể inferred from the performer, is no difference (the clerk may have
completed or corrected it in the book since).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Model
from ..vntext import content_key
from ..workbook.schema import MODELS
from .checks import Candidate, Origin
from .report import CONFLICT, DUPLICATE, WARNING, Entry

COMPARED_FIELDS = (  #: fields whose difference makes two rows of the same model a conflict
    "subject", "field", "place", "lead", "scale", "status", "registered_on", "note",
)
DEFAULT_CODE_PREFIX = "MH"  #: prefix of assigned model codes when the workbook has none
DEFAULT_CODE_DIGITS = 4  #: digits of assigned model codes when the workbook has none

_CODE = re.compile(r"^(.*?)(\d+)$")


@dataclass
class Merge:
    """The result of :func:`merge_rows`: models to append, report entries, counts per file."""

    added: list[Model] = field(default_factory=list)  #: with their code and "Nguồn"
    entries: list[Entry] = field(default_factory=list)
    added_per_file: Counter[str] = field(default_factory=Counter)
    known_per_file: Counter[str] = field(default_factory=Counter)  #: rows gathered on an earlier run
    duplicates_per_file: Counter[str] = field(default_factory=Counter)
    conflicts_per_file: Counter[str] = field(default_factory=Counter)
    codes: dict[Origin, str] = field(default_factory=dict)  #: the model code each row went to


def merge_rows(existing: Sequence[Model], candidates: Iterable[Candidate],
               sheet: str = MODELS.name) -> Merge:
    """Decide, in order, what each candidate row does to the models ``existing`` in ``sheet``."""
    result = Merge()
    seen: dict[tuple[str, str, str], tuple[Model, Origin | None]] = {
        identity(m): (m, None) for m in existing
    }
    codes = CodeAllocator(m.code for m in existing)
    for candidate in candidates:
        model, origin = candidate.model, candidate.origin
        earlier = seen.get(identity(model))
        if earlier is None:
            added = replace(model, code=_code_for(candidate, codes, result), source=candidate.source)
            seen[identity(model)] = (added, origin)
            result.added.append(added)
            result.added_per_file[origin.file] += 1
            result.codes[origin] = added.code
            continue
        result.codes[origin] = earlier[0].code
        _compare(candidate, *earlier, sheet, result)
    return result


def identity(model: Model) -> tuple[str, str, str]:
    """What makes two rows the same model: unit code, model name, performer (by content)."""
    return model.unit_code, content_key(model.name), content_key(model.performer)


def differences(old: Model, new: Model, ignored: Iterable[str] = ()) -> list[str]:
    """"Lĩnh vực: “Kinh tế” → “Văn hóa - xã hội”" for each compared field that differs, except the
    ``ignored`` fields and the fields ``new`` leaves empty."""
    changes = []
    for name in COMPARED_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name in ignored or after in (None, ""):
            continue
        if before != after and _comparable(before) != _comparable(after):
            header = MODELS.column(name).header
            changes.append(f"{header}: “{_shown(before)}” → “{_shown(after)}”")
    return changes


class CodeAllocator:
    """Hands out model codes that are not used yet, in the workbook's own style ("MH0311")."""

    def __init__(self, used: Iterable[str]) -> None:
        self.used = {code for code in used if code}
        styles = Counter((m.group(1), len(m.group(2))) for m in map(_CODE.match, self.used) if m)
        self.prefix, self.digits = (styles.most_common(1)[0][0] if styles
                                    else (DEFAULT_CODE_PREFIX, DEFAULT_CODE_DIGITS))
        numbers = [int(m.group(2)) for m in map(_CODE.match, self.used) if m and m.group(1) == self.prefix]
        self.next = max(numbers, default=0) + 1

    def is_free(self, code: str) -> bool:
        return code not in self.used

    def take(self, code: str) -> str:
        """Mark ``code`` as used and return it."""
        self.used.add(code)
        return code

    def new(self) -> str:
        """The next free code after the highest one of the workbook's style."""
        while f"{self.prefix}{self.next:0{self.digits}d}" in self.used:
            self.next += 1
        return self.take(f"{self.prefix}{self.next:0{self.digits}d}")


def _code_for(candidate: Candidate, codes: CodeAllocator, result: Merge) -> str:
    own = candidate.model.code
    if not own:
        return codes.new()
    if codes.is_free(own):
        return codes.take(own)
    new = codes.new()
    origin = candidate.origin
    result.entries.append(Entry(
        WARNING, f"Mã mô hình “{own}” đã dùng cho mô hình khác nên mô hình “{candidate.model.name}” "
        f"được cấp mã mới “{new}”.", origin.file, origin.sheet, candidate.code_cell,
        candidate.model.unit_code, new,
    ))
    return new


def _compare(candidate: Candidate, earlier: Model, earlier_origin: Origin | None, sheet: str,
             result: Merge) -> None:
    model, origin = candidate.model, candidate.origin
    changes = differences(earlier, model, ("subject",) if candidate.inferred else ())
    where = (f"{earlier_origin}" if earlier_origin is not None
             else f"sheet “{sheet}” dòng {earlier.row}" + (f" (nguồn: {earlier.source})" if earlier.source else ""))
    entry = dict(file=origin.file, sheet=origin.sheet, cell=candidate.name_cell,
                 unit=model.unit_code, model=earlier.code)
    if changes:
        result.conflicts_per_file[origin.file] += 1
        result.entries.append(Entry(
            CONFLICT, f"Mô hình “{model.name}” đã có ở {where} với dữ liệu khác: {'; '.join(changes)}. "
            "Không ghi đè: sửa tay trong sheet Mô hình hoặc trong tệp của đơn vị.", **entry))
    elif earlier_origin is None and origin.same_file(earlier.source):
        result.known_per_file[origin.file] += 1
    else:
        result.duplicates_per_file[origin.file] += 1
        result.entries.append(Entry(
            DUPLICATE, f"Mô hình “{model.name}” trùng với {where}; không thêm lần nữa.", **entry))


def _comparable(value: object) -> object:
    if isinstance(value, str):
        return content_key(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)
