"""NFC and header keys."""

from __future__ import annotations

import unicodedata

from dvk_docs.vntext import fold_key, nfc, plain_key


def test_nfc_composes_and_strips() -> None:
    assert nfc(unicodedata.normalize("NFD", " Nguyễn Thị Thuỷ ")) == "Nguyễn Thị Thuỷ"


def test_fold_key_ignores_case_spacing_form_and_tone_placement() -> None:
    assert (
        fold_key("Hoà  bình")
        == fold_key("HÒA BÌNH")
        == fold_key(unicodedata.normalize("NFD", "hòa bình"))
    )
    assert fold_key("Mã") != fold_key("Má")



def test_plain_key_drops_accents_and_case_but_keeps_spacing() -> None:
    assert plain_key("Đảng bộ Cơ sở") == "dang bo co so"
    assert plain_key(unicodedata.normalize("NFD", "LĐLĐ huyện, Ưu tiên 2")) == "ldld huyen, uu tien 2"
    assert plain_key("Mã") == plain_key("Má") == "ma"  # tones dropped, unlike fold_key
    assert plain_key("  kinh-tế ") == "  kinh-te "
