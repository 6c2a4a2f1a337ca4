"""Header names broken at phrase boundaries (dvk_docs.formats.linebreak)."""

from __future__ import annotations

import unicodedata

import pytest

from dvk_docs.formats.linebreak import break_header_lines
from dvk_docs.formats.metrics import text_width_cm
from dvk_docs.formats.profiles import load_profile

STATE = load_profile("nha-nuoc")
PARTY = load_profile("dang")
STATE_COLUMN = STATE.section("header")["left_cm"] - 0.2  #: 6 cm less the cell padding
PARTY_COLUMN = PARTY.section("header")["left_cm"] - 0.2


@pytest.mark.parametrize(("text", "profile", "column", "element", "expected"), [
    # the union's parent body: the word processor cut "LAO / ĐỘNG"
    ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", STATE, STATE_COLUMN, "parent_body",
     "TỔNG LIÊN ĐOÀN\nLAO ĐỘNG VIỆT NAM"),
    # wide enough for the whole organisation name: its country on the second line
    ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", PARTY, PARTY_COLUMN, "parent_body",
     "TỔNG LIÊN ĐOÀN LAO ĐỘNG\nVIỆT NAM"),
    ("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", PARTY, PARTY_COLUMN, "issuing_body",
     "ĐẢNG ỦY KHỐI CƠ QUAN\nVÀ DOANH NGHIỆP TỈNH"),
    ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", STATE, STATE_COLUMN, "issuing_body",
     "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI"),
    # a place name stays whole, with its dash
    ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH BÀ RỊA - VŨNG TÀU", STATE, STATE_COLUMN, "issuing_body",
     "ỦY BAN MẶT TRẬN\nTỔ QUỐC VIỆT NAM\nTỈNH BÀ RỊA - VŨNG TÀU"),
    ("ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH TỈNH YÊN BÁI", STATE, STATE_COLUMN, "issuing_body",
     "ĐOÀN THANH NIÊN\nCỘNG SẢN HỒ CHÍ MINH\nTỈNH YÊN BÁI"),
    # what fits stays on one line
    ("ĐẢNG BỘ TỈNH YÊN BÁI", STATE, STATE_COLUMN, "issuing_body", "ĐẢNG BỘ TỈNH YÊN BÁI"),
    ("", STATE, STATE_COLUMN, "issuing_body", ""),
])
def test_breaks_fall_between_phrases(text, profile, column, element, expected):
    style = profile.style(element)
    broken = break_header_lines(text, style, column)
    assert broken == expected
    assert all(text_width_cm(line, style) <= column for line in broken.splitlines())


def test_the_clerks_own_line_break_is_kept_and_a_long_line_after_it_is_broken():
    style = STATE.style("issuing_body")
    assert break_header_lines("BAN THƯỜNG VỤ\nLIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HỒ CHÍ MINH", style,
                              STATE_COLUMN) == "BAN THƯỜNG VỤ\nLIÊN ĐOÀN LAO ĐỘNG\nTHÀNH PHỐ\nHỒ CHÍ MINH"
    assert break_header_lines("ỦY BAN NHÂN DÂN\nHUYỆN YÊN BÌNH", style, STATE_COLUMN) == \
        "ỦY BAN NHÂN DÂN\nHUYỆN YÊN BÌNH"


def test_mixed_case_and_nfd_text_is_matched_like_capitals():
    style = STATE.style("parent_body")
    decomposed = "Tổng Liên đoàn Lao động Việt Nam".upper()
    broken = break_header_lines(unicodedata.normalize("NFD", decomposed), style, STATE_COLUMN)
    assert [unicodedata.normalize("NFC", line) for line in broken.splitlines()] == \
        ["TỔNG LIÊN ĐOÀN", "LAO ĐỘNG VIỆT NAM"]
