"""A unit's list typed by hand in seed 000's own form layout, gathered by ``dvk gom`` into the union
sample: no subject column (inferred), a TCVN3 cell (converted), a blank and a "Tổng cộng" row
(skipped); then ``fix-text`` and ``gom`` again add nothing, and ``validate`` flags a copy of a model
that differs only in its encoding."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli

from ..unit.gather.lists import SEED000_FORM, sheet_rows, write_seed000_list
from ..unit.workbook.legacy_text import to_tcvn3

SAMPLE = Path(__file__).parents[2] / "samples" / "ldld-tinh.xlsx"
SAVED = dt.datetime(2025, 3, 20, 9, 0)  #: before the sample's deadline (31/03/2025)
UNIT = "Liên đoàn Lao động huyện Nho Quan"  #: unit 004 of the sample
TCVN3_NAME = "Giữ gìn vệ sinh môi trường nơi làm việc"
TITLES = ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN NHO QUAN", "DANH SÁCH",
          "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TRONG GIAI ĐOẠN 2021 – 2025"]
ROWS = [  # STT, performer, name, Tiếp tục đăng ký, Đăng ký xây dựng mới, VH-XH, ANQP, Xây dựng HTCT
    [1, "CĐCS Trường THCS Gia Lâm", "Bữa cơm công đoàn ấm áp", None, "x", "x", None, None],
    [2, "Đ/c Phạm Văn Nam", "Gương sáng tuyên truyền viên pháp luật", "X", None, None, "X", None],
    [None] * 8,
    [3, "Tổ công đoàn Nhà máy xi măng", to_tcvn3(TCVN3_NAME), None, "x", "X", None, None],
    [4, "Chi bộ Phòng Kinh tế", "Một cửa liên thông thân thiện", "x", None, None, None, "x"],
    [None, "Tổng cộng", None, 2, 2, 2, 1, 1],
]
EXPECTED = [  # name, subject, performer, field, status, how the subject was found
    ("Bữa cơm công đoàn ấm áp", "Tập thể", "CĐCS Trường THCS Gia Lâm", "Văn hóa - xã hội", "Mới",
     "bắt đầu bằng “CĐCS”"),
    ("Gương sáng tuyên truyền viên pháp luật", "Cá nhân", "Đ/c Phạm Văn Nam", "Quốc phòng - an ninh",
     "Duy trì", "bắt đầu bằng “Đ/c”"),
    (TCVN3_NAME, "Tập thể", "Tổ công đoàn Nhà máy xi măng", "Văn hóa - xã hội", "Mới", "bắt đầu bằng “Tổ”"),
    ("Một cửa liên thông thân thiện", "Tập thể", "Chi bộ Phòng Kinh tế",
     "Xây dựng Đảng và hệ thống chính trị", "Duy trì", "bắt đầu bằng “Chi bộ”"),
]
FILE = "ldld-nho-quan/danh sach dang ky.xlsx"


@pytest.fixture(scope="module")
def gathered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("gom-seed000")
    book = folder / "ldld-tinh.xlsx"
    book.write_bytes(SAMPLE.read_bytes())
    write_seed000_list(folder / "don-vi-gui-ve" / FILE, TITLES, ROWS, SAVED, headers=SEED000_FORM,
                       numbered=False)
    before = _models(book)
    first = _run("gom", book)
    after, report = _models(book), sheet_rows(book, "Tổng hợp đơn vị")
    fix, again = _run("fix-text", book), _run("gom", book)
    return {"book": book, "before": before, "after": after, "report": report, "first": first,
            "fix": fix, "again": again}


def test_four_of_four_models_are_taken_with_inferred_subjects_and_unicode_text(gathered):
    first = gathered["first"]
    assert first.exit_code == 0, first.output
    assert "Đã đọc 1 tệp, 1 danh sách, 4 dòng: đã gộp 4 mô hình mới vào sheet “Mô hình”; từ chối 0 dòng;" in first.output
    header, *rows = gathered["after"]
    column = {name: index for index, name in enumerate(header)}
    added = rows[len(gathered["before"]) - 1:]
    assert [(r[column["Tên mô hình"]], r[column["Chủ thể"]], r[column["Tập thể/cá nhân thực hiện"]],
             r[column["Lĩnh vực"]], r[column["Mới/Duy trì"]], r[column["Mã đơn vị"]]) for r in added] == [
        (*expected[:5], "004") for expected in EXPECTED]
    assert [r[column["Nguồn"]] for r in added] == [
        f"{FILE}, sheet “Sheet1”, dòng {row}; Chủ thể “{subject}” suy ra từ “{performer}”"
        for row, (_, subject, performer, *_) in zip((7, 8, 10, 11), EXPECTED, strict=True)]
    assert [r[column["Mã mô hình"]] for r in added] == ["MH0037", "MH0038", "MH0039", "MH0040"]


def test_the_report_marks_each_inference_and_keeps_the_tcvn3_original(gathered):
    entries = [r for r in gathered["report"][1:] if r[2] == FILE]
    assert [tuple(r[1:7]) for r in entries] == [
        ("Tệp", FILE, "Sheet1", None, "004", None),
        ("Suy ra", FILE, "Sheet1", "B7", "004", "MH0037"),
        ("Suy ra", FILE, "Sheet1", "B8", "004", "MH0038"),
        ("Suy ra", FILE, "Sheet1", "B10", "004", "MH0039"),
        ("Sửa mã chữ", FILE, "Sheet1", "C10", "004", "MH0039"),
        ("Suy ra", FILE, "Sheet1", "B11", "004", "MH0040"),
    ]
    assert entries[0][7] == (f"Đơn vị “{UNIT}” (004): 4 dòng; nhận mới 4; từ chối 0; trùng 0; mâu thuẫn 0.")
    assert entries[2][7] == (
        "Danh sách không có cột “Chủ thể”: mô hình “Gương sáng tuyên truyền viên pháp luật” được ghi "
        "“Cá nhân” vì người thực hiện “Đ/c Phạm Văn Nam” bắt đầu bằng “Đ/c”. Kiểm tra lại cột “Chủ thể” "
        "trong sheet “Mô hình”.")
    assert entries[4][7] == (f"Chữ gõ bằng bảng mã cũ (TCVN3/VNI) “{to_tcvn3(TCVN3_NAME)}” đã được đọc "
                             f"thành “{TCVN3_NAME}”.")


def test_fix_text_then_gom_again_adds_nothing(gathered):
    assert gathered["fix"].exit_code == 0, gathered["fix"].output
    again = gathered["again"]
    assert again.exit_code == 0, again.output
    assert "đã gộp 0 mô hình mới" in again.output
    assert f"[Tệp] {FILE} › Sheet1: Đơn vị “{UNIT}” (004): 4 dòng; nhận mới 0; từ chối 0; trùng 0; " \
           "mâu thuẫn 0; đã gộp lần trước 4." in again.output
    assert len(_models(gathered["book"])) == len(gathered["after"])


def test_a_model_stored_in_tcvn3_by_an_earlier_version_is_recognised_before_and_after_fix_text(
        gathered, tmp_path: Path):
    book = tmp_path / "so.xlsx"
    book.write_bytes(gathered["book"].read_bytes())
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Mô hình"]
    stored = sheet.max_row - 1  # the third model, as dvk 0.x stored it: unconverted
    sheet[f"C{stored}"] = to_tcvn3(TCVN3_NAME)
    workbook.save(book)
    folder = str(gathered["book"].parent / "don-vi-gui-ve")
    for command in (["gom", str(book), "--from", folder], ["fix-text", str(book)],
                    ["gom", str(book), "--from", folder]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0, result.output
        if command[0] == "gom":
            assert "đã gộp 0 mô hình mới" in result.output
            assert "nhận mới 0; từ chối 0; trùng 0; mâu thuẫn 0; đã gộp lần trước 4." in result.output
        else:
            assert result.output == (f"Sheet “Mô hình”, ô C{stored}: “{to_tcvn3(TCVN3_NAME)}” → “{TCVN3_NAME}”\n"
                                     "Đã sửa mã chữ 1 ô sang Unicode dựng sẵn (NFC).\n")
    assert _models(book)[stored - 1][2] == TCVN3_NAME
    assert len(_models(book)) == len(gathered["after"])


def test_validate_flags_a_copy_that_differs_only_in_encoding(gathered, tmp_path: Path):
    book = tmp_path / "so.xlsx"
    book.write_bytes(gathered["book"].read_bytes())
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Mô hình"]
    original = sheet.max_row - 1  # the TCVN3 model, third of the four
    copy = [cell.value for cell in sheet[original]]
    copy[0], copy[2], copy[4] = "MH0099", to_tcvn3(copy[2]), to_tcvn3(copy[4])
    sheet.append(copy)
    planted = sheet.max_row
    workbook.save(book)
    result = CliRunner().invoke(cli, ["validate", str(book), "--json"])
    assert result.exit_code == 1, result.output
    found = [f for f in json.loads(result.output) if f["code"] == "duplicate-registration"]
    assert found == [{
        "severity": "error", "code": "duplicate-registration", "sheet": "Mô hình", "cell": f"C{planted}",
        "message": f"Mô hình “{copy[2]}” của đơn vị “004” đã đăng ký ở dòng {original} (mã MH0039). "
                   "Xóa dòng đăng ký trùng.",
        "blocks": ["render", "batch"],
    }]


def _run(command: str, book: Path):
    return CliRunner().invoke(cli, [command, str(book)])


def _models(book: Path) -> list[list[object]]:
    return sheet_rows(book, "Mô hình")
