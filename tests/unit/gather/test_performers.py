"""Tập thể or Cá nhân inferred from the performer of a list without a "Chủ thể" column."""

from __future__ import annotations

import pytest

from dvk_docs.gather.performers import Inference, infer_subject

PERSON, GROUP = "Cá nhân", "Tập thể"


@pytest.mark.parametrize(("performer", "expected"), [
    ("Đ/c Nguyễn Văn Nam", Inference(PERSON, "bắt đầu bằng “Đ/c”")),
    ("đ/c Lê Thị Hồng", Inference(PERSON, "bắt đầu bằng “đ/c”")),
    ("Đồng chí Hà Văn Tám", Inference(PERSON, "bắt đầu bằng “Đồng chí”")),
    ("Bà Trần Thị Lan", Inference(PERSON, "bắt đầu bằng “Bà”")),
    ("Chị Hà", Inference(PERSON, "bắt đầu bằng “Chị”")),
    ("Cựu chiến binh Lê Văn Cường", Inference(PERSON, "bắt đầu bằng “Cựu chiến binh”")),
    ("Nguyễn Thị Hoa", Inference(PERSON, "là tên một người")),
    ("Cao Công Hùng - Chủ tịch CĐCS", Inference(PERSON, "là tên một người")),
    ("Đoàn Văn Hậu", Inference(PERSON, "là tên một người")),
    ("Đoàn thanh niên xã Gia Lâm", Inference(GROUP, "bắt đầu bằng “Đoàn”")),
    ("CĐCS Trường THCS Gia Lâm", Inference(GROUP, "bắt đầu bằng “CĐCS”")),
    ("Chi bộ Phòng Kinh tế", Inference(GROUP, "bắt đầu bằng “Chi bộ”")),
    ("Công đoàn Công ty May 10", Inference(GROUP, "bắt đầu bằng “Công đoàn”")),
    ("Hội Cựu chiến binh", Inference(GROUP, "bắt đầu bằng “Hội”")),
    ("Tổ dân phố số 3", Inference(GROUP, "bắt đầu bằng “Tổ dân phố”")),
    ("UBND xã Tân Lập", Inference(GROUP, "bắt đầu bằng “UBND”")),
    ("Trường Mầm non Hoa Sen", Inference(GROUP, "bắt đầu bằng “Trường”")),
    ("Công ty CP Xi măng", Inference(GROUP, "bắt đầu bằng “Công ty”")),
    ("Ban Nữ công", Inference(GROUP, "bắt đầu bằng “Ban”")),
    ("Hoa Sen", None),
    ("", None),
])
def test_the_performer_says_collective_or_person_or_nothing(performer: str, expected: Inference | None):
    assert infer_subject(performer) == expected
