"""Dates as Vietnamese administrative documents write them (Nghị định 30/2020, Phụ lục I, Mục II.4)."""

from __future__ import annotations

import datetime as dt
import re

from .normalize import nfc

BLANK = " " * 6  #: room left for the văn thư to write the day or month by hand
DATE_FORM_HINT = "cần dạng ngày/tháng/năm, ví dụ 15/04/2024"  #: the form parse_date expects

_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_IN_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def date_line(place: str, date: dt.date | None, *, year: int | None = None) -> str:
    """The place-and-date line of a document header: "Yên Bái, ngày 05 tháng 01 năm 2025".

    ``date=None`` gives the blank line the văn thư fills in by hand after signing,
    "Yên Bái, ngày      tháng      năm 2025", and then ``year`` is required. When ``date`` is
    given, ``year`` may be omitted or must equal ``date.year``. Raises ValueError otherwise.
    """
    if date is None:
        if year is None:
            raise ValueError("cần năm để in dòng “ngày … tháng … năm …” để trống")
        return f"{nfc(place)}, ngày{BLANK}tháng{BLANK}năm {year}"
    if year is not None and year != date.year:
        raise ValueError(f"năm {year} khác năm của ngày {short_date(date)}")
    return f"{nfc(place)}, {date_words(date)}"


def date_words(date: dt.date) -> str:
    """The date in words, "ngày 05 tháng 01 năm 2025".

    Days 1–9 and months 1–2 get a leading zero, others do not ("ngày 29 tháng 6 năm 2024").
    """
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def short_date(date: dt.date) -> str:
    """The body/table form "05/01/2025" (day and month always on two digits)."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def parse_date(text: str) -> dt.date:
    """Read a date a clerk typed: "15/4/2024", "15-04-2024", "15.4.2024" (day first),
    "2024-04-15" (ISO) or "ngày 15 tháng 4 năm 2024"; surrounding spaces are ignored.

    Raises ValueError with a Vietnamese message naming the text and the expected form when the
    text is not a date in one of those forms or names a day that does not exist ("31/02/2024").
    """
    cleaned = nfc(text)
    parts = _match_parts(cleaned)
    if parts is None:
        raise ValueError(f"không hiểu ngày “{cleaned}” ({DATE_FORM_HINT})")
    day, month, year = parts
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày “{cleaned}” không có thật ({DATE_FORM_HINT})") from None


def _match_parts(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) read from ``text`` in one of the accepted forms, or None."""
    if match := _DAY_FIRST.fullmatch(text):
        return int(match[1]), int(match[3]), int(match[4])
    if match := _ISO.fullmatch(text):
        return int(match[3]), int(match[2]), int(match[1])
    if match := _IN_WORDS.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    return None
