"""Dates per Nghị định 30: header lines, body form and reading what clerks type."""

from __future__ import annotations

import datetime as dt

import pytest

from dvk_docs.vntext import date_line, date_words, parse_date, short_date


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (dt.date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
        (dt.date(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
        (dt.date(2024, 6, 29), "ngày 29 tháng 6 năm 2024"),
        (dt.date(2024, 10, 15), "ngày 15 tháng 10 năm 2024"),
        (dt.date(2024, 3, 1), "ngày 01 tháng 3 năm 2024"),
        (dt.date(2024, 12, 31), "ngày 31 tháng 12 năm 2024"),
    ],
)
def test_date_words_pad_day_below_ten_and_months_one_and_two(date: dt.date, words: str) -> None:
    assert date_words(date) == words


def test_date_line() -> None:
    assert date_line("Yên Bái", dt.date(2025, 1, 5)) == "Yên Bái, ngày 05 tháng 01 năm 2025"
    assert (
        date_line(" Hà Nội ", dt.datetime(2024, 6, 29, 8, 30)) == "Hà Nội, ngày 29 tháng 6 năm 2024"
    )


def test_blank_date_line_leaves_room_for_the_day_and_month() -> None:
    assert date_line("Yên Bái", None, year=2025) == "Yên Bái, ngày      tháng      năm 2025"


def test_blank_date_line_needs_a_year_and_year_must_agree() -> None:
    with pytest.raises(ValueError, match="cần năm"):
        date_line("Yên Bái", None)
    with pytest.raises(ValueError, match="năm 2024 khác"):
        date_line("Yên Bái", dt.date(2025, 1, 5), year=2024)


def test_short_date() -> None:
    assert short_date(dt.date(2025, 1, 5)) == "05/01/2025"
    assert short_date(dt.date(2024, 11, 20)) == "20/11/2024"


@pytest.mark.parametrize(
    "text",
    [
        "15/4/2024",
        "15/04/2024",
        "15-04-2024",
        "15.4.2024",
        "2024-04-15",
        " 15 / 4 / 2024 ",
        "ngày 15 tháng 4 năm 2024",
        "Ngày 15 tháng 04 năm 2024",
    ],
)
def test_parse_date_reads_day_first_and_iso(text: str) -> None:
    assert parse_date(text) == dt.date(2024, 4, 15)


def test_parse_date_round_trips_short_date() -> None:
    day = dt.date(2024, 1, 1)
    for _ in range(400):
        assert parse_date(short_date(day)) == day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    "text", ["31/02/2024", "29/02/2023", "00/01/2024", "15/13/2024", "2024-02-30"]
)
def test_impossible_dates_get_a_vietnamese_message(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == (
        f"ngày “{text}” không có thật (cần dạng ngày/tháng/năm, ví dụ 15/04/2024)"
    )


def test_leap_day_is_accepted() -> None:
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["", "abc", "15/4/24", "15/4-2024", "15 4 2024", "4/15"])
def test_unreadable_text_says_what_form_is_expected(text: str) -> None:
    with pytest.raises(ValueError, match=r"không hiểu ngày .*cần dạng ngày/tháng/năm"):
        parse_date(text)
