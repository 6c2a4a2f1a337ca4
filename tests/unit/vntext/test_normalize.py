"""NFC, header keys and cleaning of cell text."""

from __future__ import annotations

import unicodedata

import pytest

from dvk_docs.vntext import clean_text, fold_key, nfc


def test_nfc_composes_and_strips() -> None:
    assert nfc(unicodedata.normalize("NFD", " Nguyễn Thị Thuỷ ")) == "Nguyễn Thị Thuỷ"


def test_fold_key_ignores_case_spacing_form_and_tone_placement() -> None:
    assert (
        fold_key("Hoà  bình")
        == fold_key("HÒA BÌNH")
        == fold_key(unicodedata.normalize("NFD", "hòa bình"))
    )
    assert fold_key("Mã") != fold_key("Má")


@pytest.mark.parametrize(
    ("raw", "cleaned", "removed"),
    [
        ("  Nguyễn Văn An  ", "Nguyễn Văn An", False),
        (unicodedata.normalize("NFD", "Thuỷ"), "Thuỷ", False),
        ("Dòng 1\r\nDòng 2\rDòng 3", "Dòng 1\nDòng 2\nDòng 3", False),
        ("Cột\tA\nCột B", "Cột\tA\nCột B", False),
        ("Mô hình\x07 “Dân vận khéo”\x00", "Mô hình “Dân vận khéo”", True),
        ("\x0bHà Nội\x1f", "Hà Nội", True),
        ("Tr\u00adêng", "Tr\u00adêng", False),
        ("", "", False),
    ],
)
def test_clean_text(raw: str, cleaned: str, removed: bool) -> None:
    assert clean_text(raw) == (cleaned, removed)
