"""Vietnamese text: dates, numbers and amounts in words, Roman numerals, name sorting, legacy encodings."""

from .dates import date_line, date_words, parse_date, short_date
from .legacy import (
    content_key,
    detect_encoding,
    font_encoding,
    is_plain_unicode,
    repair_column,
    to_unicode,
)
from .names import collation_key, name_sort_key, sort_names
from .normalize import fold_key, nfc, plain_key
from .numbering import from_roman, point_letter, to_roman
from .numbers import format_number, leading_zero
from .words import amount_in_words, number_in_words

__all__ = [
    "amount_in_words",
    "collation_key",
    "content_key",
    "date_line",
    "date_words",
    "detect_encoding",
    "fold_key",
    "font_encoding",
    "format_number",
    "from_roman",
    "is_plain_unicode",
    "leading_zero",
    "name_sort_key",
    "nfc",
    "number_in_words",
    "parse_date",
    "plain_key",
    "point_letter",
    "repair_column",
    "short_date",
    "sort_names",
    "to_roman",
    "to_unicode",
]
