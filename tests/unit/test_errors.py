"""Errors read well in Vietnamese, carry their cell, keep exit codes and survive pickling."""

from __future__ import annotations

import pickle

import pytest

from dvk_docs.errors import (
    CellRef,
    CellValueError,
    DvkError,
    Finding,
    ValidationFailedError,
    WorkbookLockedError,
    WorkbookReadError,
)


def test_cell_value_error_names_sheet_and_cell_then_hint():
    error = CellValueError(
        "ngày “31/02/2024” không có thật (cần dạng dd/mm/yyyy).",
        CellRef("Mô hình", "K12"),
        hint="Sửa ô rồi bấm lại “Kiểm tra dữ liệu”.",
    )
    assert str(error) == (
        "Sheet “Mô hình”, ô K12: ngày “31/02/2024” không có thật (cần dạng dd/mm/yyyy).\n"
        "Sửa ô rồi bấm lại “Kiểm tra dữ liệu”."
    )


def test_whole_sheet_reference_has_no_cell():
    assert str(CellRef("Đơn vị")) == "Sheet “Đơn vị”"


@pytest.mark.parametrize(
    "error",
    [
        DvkError("Lỗi", hint="Làm lại"),
        WorkbookReadError("Không đọc được sổ."),
        WorkbookLockedError("Sổ đang mở."),
        CellValueError("Sai", CellRef("Cấu hình", "B3"), hint="Sửa"),
        ValidationFailedError([Finding("error", "missing-value", "Thiếu tên.", "Mô hình", "C5")]),
    ],
)
def test_errors_pickle_with_message_and_exit_code(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.exit_code == error.exit_code


def test_exit_codes_scripts_can_trust():
    assert DvkError.exit_code == 1
    assert WorkbookReadError.exit_code == 2
    assert WorkbookLockedError.exit_code == 3


def test_validation_failed_lists_errors_not_warnings():
    findings = [
        Finding("error", "unknown-unit", "Mã đơn vị “DV99” không có.", "Mô hình", "B7"),
        Finding("warning", "late-registration", "Đăng ký muộn.", "Mô hình", "K9"),
    ]
    text = str(ValidationFailedError(findings))
    assert text.startswith("Sổ theo dõi có 1 lỗi, chưa thể lập văn bản:")
    assert "- Sheet “Mô hình”, ô B7: Mã đơn vị “DV99” không có." in text
    assert "Đăng ký muộn" not in text


def test_finding_json_row_has_the_documented_keys():
    row = Finding("warning", "nfd-text", "Chữ tổ hợp.", "Đơn vị", "B3").to_dict()
    assert row == {
        "severity": "warning", "code": "nfd-text", "message": "Chữ tổ hợp.",
        "sheet": "Đơn vị", "cell": "B3", "blocks": [],
    }
