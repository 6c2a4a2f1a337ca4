"""Raw cell value -> typed value, one converter per schema value kind.

Converters raise :class:`ValueError` with a Vietnamese message only (the value found and the form
expected); the parser adds the sheet and cell. Text is NFC and trimmed; an empty cell is ``""`` for
text kinds and ``None`` for numbers, dates and booleans.

Every typed value is one the later layers can compute with and print, so absurd values stop here:
a number is finite and smaller than :data:`MAX_NUMBER` in size (NaN, Infinity, "1e308" are not
numbers to a clerk, and 28-digit decimals would overflow the scoring arithmetic); a count
(``int``) is a whole number from 0 to :data:`MAX_COUNT`; a year is within :data:`YEARS`; a date
within :data:`FIRST_DATE`…:data:`LAST_DATE` (Excel counts the days before 1 March 1900 wrongly,
serial 60 being its made-up 29/02/1900, and has no date after 9999).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from ..safety import strip_control_characters
from ..safety.cells import CONTROL_CHARACTERS
from ..vntext import format_number, nfc, parse_date
from ..vntext.dates import DATE_FORM_HINT
from .grid import EXCEL_ERRORS, CellValue
from .schema import ValueKind

TRUE_WORDS = frozenset({"có", "x", "yes", "true", "1", "đúng"})  #: texts read as True
FALSE_WORDS = frozenset({"không", "no", "false", "0", "sai", "-"})  #: texts read as False

MAX_NUMBER = Decimal(10) ** 15  #: numbers must be smaller than this in size (a million billion)
MAX_COUNT = 1_000_000  #: largest count or ordinal (``int`` kind: targets, quantities, numbers)
YEARS = range(1900, 10000)  #: years a workbook may name (those Excel has dates for)
FIRST_DATE = dt.date(1900, 3, 1)  #: Excel's first correct date (it counts 29/02/1900 as a day)
LAST_DATE = dt.date(9999, 12, 31)  #: Excel's last date

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_DATES = range(20000, 80000)  # Excel serials of 1954..2119: a date typed in a General cell
_THOUSANDS_DOT = re.compile(r"-?\d{1,3}(\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"-?\d{1,3}(,\d{3}){2,}")


def convert(kind: ValueKind, raw: CellValue) -> object:
    """The value of ``raw`` as the schema kind ``kind``; raises ValueError with a message."""
    if isinstance(raw, str) and "#" in raw and raw.strip() in EXCEL_ERRORS:  # each starts with "#"
        raise ValueError(f"ô chứa lỗi công thức “{raw.strip()}”, cần một giá trị")
    return _CONVERTERS[kind](raw)


def to_text(raw: CellValue) -> str:
    """Text: NFC and trimmed; whole numbers lose ".0"; dates become dd/mm/yyyy."""
    if isinstance(raw, str):  # the common case first
        return raw if _is_clean(raw) else _clean_text(raw)
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "Có" if raw else "Không"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    text = str(raw)
    return text if _is_clean(text) else _clean_text(text)


def to_id(raw: CellValue) -> str:
    """An identifier kept as text: "007" stays "007", the number 7.0 becomes "7"."""
    return to_text(raw)


def to_int(raw: CellValue) -> int | None:
    """A count: a whole number from 0 to :data:`MAX_COUNT`, from a number or from text such as
    "05" or "2.340"."""
    number = _whole_number(raw)
    if number is not None and not 0 <= number <= MAX_COUNT:
        raise ValueError(f"“{_shown(raw)}” không dùng được: cần một số nguyên từ 0 đến "
                         f"{format_number(MAX_COUNT)}")
    return number


def to_year(raw: CellValue) -> int | None:
    """A year written with four digits, within :data:`YEARS`."""
    number = _whole_number(raw)
    if number is not None and number not in YEARS:
        raise ValueError(f"năm “{_shown(raw)}” không dùng được: cần năm có bốn chữ số, "
                         f"từ {YEARS.start} đến {YEARS.stop - 1}, ví dụ 2024")
    return number


def to_decimal(raw: CellValue) -> Decimal | None:
    """A number, from a number or from text ("7,5" and "7.5" are 7.5; "2.340.000" is 2340000)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"“{to_text(raw)}” không phải số")
    if isinstance(raw, (dt.date, dt.time)):
        raise ValueError(f"“{to_text(raw)}” là ngày tháng, cần một số")
    if isinstance(raw, (int, float)):
        number = Decimal(raw) if isinstance(raw, int) else Decimal(repr(raw))
    else:
        text = nfc(str(raw)).replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(_plain_number(text))
        except InvalidOperation:
            number = Decimal("NaN")
    if not number.is_finite():
        raise ValueError(f"“{_shown(raw)}” không phải số (ví dụ đúng: 7,5 hoặc 10)")
    if abs(number) >= MAX_NUMBER:
        raise ValueError(f"số “{_shown(raw)}” quá lớn, không thể đúng: số trong sổ phải nhỏ hơn "
                         "1.000.000.000.000.000 (một triệu tỷ)")
    return number


def to_date(raw: CellValue) -> dt.date | None:
    """A date from :data:`FIRST_DATE` to :data:`LAST_DATE`, from a date cell, an Excel serial
    number or text such as "15/4/2024"."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        date = raw.date()
    elif isinstance(raw, dt.date):
        date = raw
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and _is_serial_date(raw):
        date = _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raise ValueError(f"ô ngày chứa số {_shown(raw)}, không phải một ngày Excel tính được "
                         f"(từ {FIRST_DATE:%d/%m/%Y} đến {LAST_DATE:%d/%m/%Y}); {DATE_FORM_HINT}")
    else:
        text = to_text(raw)
        if not text:
            return None
        date = parse_date(text)
    if date < FIRST_DATE:  # a Python date cannot be after LAST_DATE
        raise ValueError(f"ngày “{date:%d/%m/%Y}” trước {FIRST_DATE:%d/%m/%Y}: Excel tính sai các ngày "
                         "này (có cả ngày 29/02/1900 không có thật), thường do ô ngày chứa số âm hay "
                         f"số quá nhỏ; nhập lại ngày đúng, {DATE_FORM_HINT}")
    return date


def to_bool(raw: CellValue) -> bool | None:
    """Yes/no: Có, x, 1, TRUE -> True; Không, 0, FALSE -> False; empty -> None."""
    if raw is None or isinstance(raw, bool):
        return raw
    text = to_text(raw).casefold()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(f"“{to_text(raw)}” không rõ là có hay không (ghi “Có” hoặc “Không”)")


def to_list(raw: CellValue) -> tuple[str, ...]:
    """A list written in one cell, items separated by ";" or line breaks."""
    return tuple(item for item in (nfc(part) for part in re.split(r"[;\n]", to_text(raw))) if item)


def _clean_text(text: str) -> str:
    """``text`` ready to store: line breaks as "\\n", without the characters a Word/Excel file
    cannot hold (:func:`~dvk_docs.safety.strip_control_characters`), NFC, trimmed."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(strip_control_characters(unified)[0])


def _is_clean(text: str) -> bool:
    """Fast path: ``text`` is already NFC, trimmed and free of control characters."""
    return (
        text == text.strip()
        and unicodedata.is_normalized("NFC", text)
        and "\r" not in text
        and CONTROL_CHARACTERS.search(text) is None
    )


def _whole_number(raw: CellValue) -> int | None:
    number = to_decimal(raw)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(f"“{_shown(raw)}” không phải số nguyên")
    return int(number)


def _is_serial_date(number: float) -> bool:
    """True for a number a General cell shows where a date was typed (1954..2119)."""
    return math.isfinite(number) and int(number) in _SERIAL_DATES


def _shown(raw: CellValue) -> str:
    """``raw`` as the clerk sees it: a huge or odd float in short form ("1e+26", "nan")."""
    if isinstance(raw, float) and (not math.isfinite(raw) or abs(raw) >= 1e15):
        return f"{raw:g}"
    return to_text(raw)


def _plain_number(text: str) -> str:
    if "," in text and "." in text:  # the separator written last is the decimal one
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if _THOUSANDS_DOT.fullmatch(text):
        return text.replace(".", "")
    if _THOUSANDS_COMMA.fullmatch(text):
        return text.replace(",", "")
    return text.replace(",", ".")


_CONVERTERS: dict[str, Callable[[CellValue], object]] = {
    "text": to_text,
    "id": to_id,
    "int": to_int,
    "year": to_year,
    "decimal": to_decimal,
    "date": to_date,
    "bool": to_bool,
    "list": to_list,
}
