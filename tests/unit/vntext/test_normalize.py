"""NFC and header keys."""

from __future__ import annotations

import unicodedata

from dvk_docs.vntext import fold_key, nfc


def test_nfc_composes_and_strips() -> None:
    assert nfc(unicodedata.normalize("NFD", " Nguyễn Thị Thuỷ ")) == "Nguyễn Thị Thuỷ"


def test_fold_key_ignores_case_spacing_form_and_tone_placement() -> None:
    assert (
        fold_key("Hoà  bình")
        == fold_key("HÒA BÌNH")
        == fold_key(unicodedata.normalize("NFD", "hòa bình"))
    )
    assert fold_key("Mã") != fold_key("Má")

