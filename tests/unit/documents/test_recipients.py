"""Nơi nhận: the kind's own lines or the shared ones, each once, the archive line last."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dvk_docs.documents.parts import common_context, profile_of
from dvk_docs.model import Recipient
from dvk_docs.workbook.sources import FileSource

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "ubnd-huyen.xlsx"
KIND = "quyet-dinh-cong-nhan"


@pytest.fixture(scope="module")
def book():
    return FileSource(SAMPLE).load()


def lines(book, recipients, profile="nha-nuoc"):
    chosen = replace(book, recipients=tuple(recipients))
    return common_context(chosen, profile_of(chosen, profile), kind=KIND, type_code="QĐ",
                          summary="Về việc công nhận").noi_nhan


def test_kind_lines_win_over_shared_lines_and_the_archive_line_is_printed_once_last(book):
    got = lines(book, [
        Recipient("*", "Lưu: VT, NV", 1),
        Recipient(KIND, "Lưu: VT, NV", 4),
        Recipient(KIND, "Như Điều 3", 1),
        Recipient(KIND, "- Ban Dân vận Huyện ủy;", 2),
        Recipient(KIND, "Như Điều 3", 3),
    ])
    assert got == ("- Như Điều 3;", "- Ban Dân vận Huyện ủy;", "- Lưu: VT, NV.")


def test_shared_lines_serve_kinds_without_their_own(book):
    got = lines(book, [Recipient("*", "Thường trực Huyện ủy", 1), Recipient("ke-hoach", "Các xã", 1)])
    assert got == ("- Thường trực Huyện ủy;", "- Lưu: VT.")


def test_no_lines_at_all_still_archives(book):
    assert lines(book, []) == ("- Lưu: VT.",)
