"""The gathering report: one :class:`Entry` per thing a clerk must know, and the sheet built from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

REPORT_SHEET = "Tổng hợp đơn vị"  #: the report sheet ``dvk gom`` writes into the workbook
REPORT_HEADERS = ("STT", "Loại", "Tệp", "Sheet", "Ô", "Mã đơn vị", "Mã mô hình", "Nội dung")  #: its columns

FILE = "Tệp"  #: one line per list read: rows accepted, refused, duplicated, conflicting
REFUSED = "Từ chối"  #: a row (or a whole list) not merged, and why
WARNING = "Cảnh báo"  #: a row merged, with something to check
INFERRED = "Suy ra"  #: a value the list does not give, inferred (Chủ thể from the performer)
TEXT_FIXED = "Sửa mã chữ"  #: a cell typed in TCVN3/VNI, read as Unicode (the original is quoted)
DUPLICATE = "Trùng"  #: a row identical to one already merged or already in the workbook
CONFLICT = "Mâu thuẫn"  #: same model as one already there, different data: not merged
LATE = "Gửi muộn"  #: a registration dated, or a file saved, after the deadline
SKIPPED = "Bỏ qua tệp"  #: a file that is not a readable workbook, holds no list, or is a lock file
NOT_SENT = "Chưa gửi"  #: a unit of Đơn vị from which no list was found
BELOW_TARGET = "Chưa đủ chỉ tiêu"  #: a unit with fewer models than its target after the merge


@dataclass(frozen=True)
class Entry:
    """One line of the report. Empty strings mean "not applicable"."""

    kind: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    unit: str = ""
    model: str = ""

    def line(self) -> str:
        """The entry as one line of text for the command line."""
        where = " › ".join(part for part in (self.file, self.sheet, self.cell and f"ô {self.cell}") if part)
        return f"[{self.kind}] {where + ': ' if where else ''}{self.message}"


def report_rows(entries: Sequence[Entry]) -> list[list[Any]]:
    """The report sheet: headers, then one numbered row per entry."""
    rows: list[list[Any]] = [list(REPORT_HEADERS)]
    for number, e in enumerate(entries, start=1):
        rows.append([number, e.kind, e.file, e.sheet, e.cell, e.unit, e.model, e.message])
    return rows


def count(entries: Sequence[Entry], kind: str) -> int:
    """How many entries are of ``kind``."""
    return sum(1 for e in entries if e.kind == kind)
