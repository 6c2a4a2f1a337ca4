"""Raw cell values -> typed values."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from dvk_docs.workbook.cells import (
    convert,
    to_bool,
    to_date,
    to_decimal,
    to_id,
    to_int,
    to_list,
    to_text,
)


def test_text_is_nfc_trimmed_and_numbers_lose_the_point_zero():
    assert to_text(unicodedata.normalize("NFD", "  Hòa Bình \u00a0")) == "Hòa Bình"
    assert to_text(12.0) == "12" and to_text(dt.datetime(2024, 4, 5)) == "05/04/2024"
    assert to_text("dòng 1\r\ndòng 2") == "dòng 1\ndòng 2"


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Dòng 1\r\nDòng 2\rDòng 3", "Dòng 1\nDòng 2\nDòng 3"),
        ("Cột\tA\nCột B", "Cột\tA\nCột B"),
        ("Mô hình\x07 “Dân vận khéo”\x00", "Mô hình “Dân vận khéo”"),
        ("\x0bHà Nội\x1f", "Hà Nội"),
        ("\x01&\ufffe<", "&<"),
        ("Tr\u00adêng", "Tr\u00adêng"),
        ("", ""),
    ],
)
def test_text_loses_only_the_characters_a_file_cannot_hold(raw: str, cleaned: str) -> None:
    assert to_text(raw) == cleaned


def test_ids_keep_leading_zeros():
    assert (to_id("007"), to_id(7.0), to_id(7), to_id(None)) == ("007", "7", "7", "")


@pytest.mark.parametrize(("raw", "number"), [
    (7, Decimal(7)), (7.5, Decimal("7.5")), ("7,5", Decimal("7.5")), ("7.5", Decimal("7.5")),
    ("2.340.000", Decimal(2340000)), ("2.340", Decimal(2340)), ("1.234,5", Decimal("1234.5")),
    (" 10 ", Decimal(10)), ("", None), (None, None),
])
def test_numbers_from_cells_and_text(raw, number):
    assert to_decimal(raw) == number


def test_whole_numbers_and_errors():
    assert to_int("05") == 5 and to_int(3.0) == 3
    with pytest.raises(ValueError, match="“7,5” không phải số nguyên"):
        to_int("7,5")
    with pytest.raises(ValueError, match="không phải số"):
        to_decimal("mười")
    with pytest.raises(ValueError, match="lỗi công thức “#DIV/0!”"):
        convert("decimal", "#DIV/0!")


def test_dates_from_cells_serials_and_text():
    assert to_date(dt.datetime(2024, 4, 15, 0, 0)) == dt.date(2024, 4, 15)
    assert to_date(45397) == dt.date(2024, 4, 15)
    assert to_date("15/4/2024") == dt.date(2024, 4, 15)
    with pytest.raises(ValueError, match="không có thật"):
        to_date("31/02/2024")


def test_yes_no_and_lists():
    assert [to_bool(v) for v in ("Có", "x", "X", True, "Không", 0, "", None)] == [
        True, True, True, True, False, False, None, None]
    with pytest.raises(ValueError, match="ghi “Có” hoặc “Không”"):
        to_bool("có lẽ")
    assert to_list("Kinh tế; Văn hóa - xã hội\nQuốc phòng - an ninh;") == (
        "Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh")
