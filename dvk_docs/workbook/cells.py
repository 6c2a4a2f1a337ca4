"""Raw cell value -> typed value, one converter per schema value kind.

Converters raise :class:`ValueError` with a Vietnamese message only (the value found and the form
expected); the parser adds the sheet and cell. Text is NFC and trimmed; an empty cell is ``""`` for
text kinds and ``None`` for numbers, dates and booleans.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from ..safety import strip_control_characters
from ..safety.cells import CONTROL_CHARACTERS
from ..vntext import nfc, parse_date
from .grid import EXCEL_ERRORS, CellValue
from .schema import ValueKind

TRUE_WORDS = frozenset({"có", "x", "yes", "true", "1", "đúng"})  #: texts read as True
FALSE_WORDS = frozenset({"không", "no", "false", "0", "sai", "-"})  #: texts read as False

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_DATES = range(20000, 80000)  # Excel serials of 1954..2119: a date typed in a General cell
_THOUSANDS_DOT = re.compile(r"-?\d{1,3}(\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"-?\d{1,3}(,\d{3}){2,}")


def convert(kind: ValueKind, raw: CellValue) -> object:
    """The value of ``raw`` as the schema kind ``kind``; raises ValueError with a message."""
    if isinstance(raw, str) and raw.strip() in EXCEL_ERRORS:
        raise ValueError(f"ô chứa lỗi công thức “{raw.strip()}”, cần một giá trị")
    return _CONVERTERS[kind](raw)


def to_text(raw: CellValue) -> str:
    """Text: NFC and trimmed; whole numbers lose ".0"; dates become dd/mm/yyyy."""
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
    if _is_clean(text):
        return text
    return _clean_text(text)


def to_id(raw: CellValue) -> str:
    """An identifier kept as text: "007" stays "007", the number 7.0 becomes "7"."""
    return to_text(raw)


def to_int(raw: CellValue) -> int | None:
    """A whole number, from a number or from text such as "05" or "2.340"."""
    number = to_decimal(raw)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(f"“{to_text(raw)}” không phải số nguyên")
    return int(number)


def to_decimal(raw: CellValue) -> Decimal | None:
    """A number, from a number or from text ("7,5" and "7.5" are 7.5; "2.340.000" is 2340000)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"“{to_text(raw)}” không phải số")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, (dt.date, dt.time)):
        raise ValueError(f"“{to_text(raw)}” là ngày tháng, cần một số")
    text = nfc(str(raw)).replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        return Decimal(_plain_number(text))
    except InvalidOperation:
        raise ValueError(f"“{nfc(str(raw))}” không phải số (ví dụ đúng: 7,5 hoặc 10)") from None


def to_date(raw: CellValue) -> dt.date | None:
    """A date, from a date cell, an Excel serial number or text such as "15/4/2024"."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and int(raw) in _SERIAL_DATES:
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    text = to_text(raw)
    if not text:
        return None
    return parse_date(text)


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
    "decimal": to_decimal,
    "date": to_date,
    "bool": to_bool,
    "list": to_list,
}
