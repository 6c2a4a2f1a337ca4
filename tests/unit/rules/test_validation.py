"""Validation checks on tiny inline workbooks: each check found (message, cell) and not found."""

from __future__ import annotations

import datetime as dt
import pickle
import unicodedata
from dataclasses import replace
from decimal import Decimal

import pytest

from dvk_docs.errors import CellRef, Finding, ValidationFailedError
from dvk_docs.model import Criterion, Signer
from dvk_docs.rules.validation import (
    SCORING_CHECKS,
    require_scorable,
    require_valid,
    summarize,
    validate,
)

from .books import book, full_points, model, score_row, seed_criteria, setting_row, unit


def found(workbook, code: str) -> list[tuple[str, str | None, str, str]]:
    """(severity, "sheet!cell", message) of every finding with ``code``."""
    return [(f.severity, f"{f.sheet}!{f.cell}", f.message) for f in validate(workbook) if f.code == code]


def codes(workbook) -> list[str]:
    return [f.code for f in validate(workbook)]


def test_a_clean_workbook_has_no_findings() -> None:
    clean = book(models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points()),))
    assert validate(clean) == []
    assert require_valid(clean) == []


# --- missing values -----------------------------------------------------------------------------

def test_missing_model_name_points_at_its_cell() -> None:
    assert found(book(models=(model("MH01", 7, name=""),)), "missing-value") == [
        ("error", "Mô hình!C7", "Chưa nhập “Tên mô hình” ở dòng 7. Nhập giá trị vào ô này.")
    ]


def test_missing_setting_points_at_its_value_cell() -> None:
    row = setting_row("issuing_abbr")
    assert found(book(settings={"issuing_abbr": ""}), "missing-value") == [
        ("error", f"Cấu hình!B{row}",
         "Chưa nhập mục “Viết tắt cơ quan ban hành” trong sheet “Cấu hình”. "
         "Nhập giá trị vào cột “Giá trị” của mục này.")
    ]


def test_missing_required_column_is_one_finding_for_the_sheet() -> None:
    workbook = book(models=(model("MH01", 2), model("MH02", 3)))
    layout = workbook.layouts["models"]
    columns = {k: v for k, v in layout.columns.items() if k != "field"}
    workbook = replace(workbook, layouts={**workbook.layouts, "models": replace(layout, columns=columns)})
    assert found(workbook, "missing-column") == [
        ("error", "Mô hình!None",
         "Sheet thiếu cột “Lĩnh vực”. Thêm cột có tiêu đề này rồi nhập đủ giá trị.")
    ]


# --- coded values -------------------------------------------------------------------------------

@pytest.mark.parametrize("fields", [("Kinh tế", "Văn hóa - xã hội"), "Kinh tế; Văn hóa - xã hội;"])
def test_unknown_field_names_the_list_from_settings(fields) -> None:
    workbook = book(settings={"fields": fields}, models=(model("MH01", 4, field="Y tế"),))
    assert found(workbook, "unknown-field") == [
        ("error", "Mô hình!F4",
         "Lĩnh vực “Y tế” không có trong danh sách (Kinh tế; Văn hóa - xã hội). Chọn một lĩnh vực "
         "trong danh sách, hoặc thêm “Y tế” vào mục “Danh mục lĩnh vực” của sheet “Cấu hình”.")
    ]


def test_field_added_in_settings_is_accepted() -> None:
    workbook = book(settings={"fields": ("Kinh tế", "Y tế")}, models=(model("MH01", 4, field="Y tế"),))
    assert found(workbook, "unknown-field") == []


def test_fields_fall_back_to_the_schema_list_and_suggest_the_nearest_names() -> None:
    workbook = book(models=(model("MH01", 4, field="Kinh te"), model("MH02", 5, field="Van hoa xa hoi")))
    assert found(workbook, "unknown-field") == [
        ("error", "Mô hình!F4",
         "Lĩnh vực “Kinh te” không có trong danh sách (Kinh tế; Văn hóa - xã hội; Quốc phòng - an ninh; "
         "Xây dựng Đảng và hệ thống chính trị; Xây dựng nông thôn mới; Đô thị văn minh). Có phải “Kinh tế” "
         "không? Sửa lại (gõ tên, mã hoặc tên viết tắt đều được)."),
        ("error", "Mô hình!F5",
         "Lĩnh vực “Van hoa xa hoi” không có trong danh sách (Kinh tế; Văn hóa - xã hội; Quốc phòng - an "
         "ninh; Xây dựng Đảng và hệ thống chính trị; Xây dựng nông thôn mới; Đô thị văn minh). Có phải "
         "“Văn hóa - xã hội” không? Sửa lại (gõ tên, mã hoặc tên viết tắt đều được)."),
    ]


@pytest.mark.parametrize(("column", "typed"), [
    ("field", "Văn hoá - Xã hội"), ("field", "VH-XH"), ("field", "ANQP"), ("subject", "CN"),
    ("subject", "tập thể"), ("status", "Tiếp tục đăng ký"), ("category", "ĐH"),
])
def test_names_codes_and_short_labels_are_accepted(column: str, typed: str) -> None:
    assert found(book(models=(model("MH01", 4, **{column: typed}),)), f"unknown-{column}") == []


def test_unknown_subject() -> None:
    assert found(book(models=(model("MH01", 3, subject="Nhóm"),)), "unknown-subject") == [
        ("error", "Mô hình!D3",
         "Chủ thể “Nhóm” không có trong danh sách (Tập thể; Cá nhân). "
         "Chọn một giá trị trong danh sách thả xuống.")
    ]
    assert found(book(models=(model("MH01", 3, subject="Cá nhân"),)), "unknown-subject") == []


def test_unknown_profile() -> None:
    row = setting_row("profile")
    assert found(book(settings={"profile": "Quân đội"}), "unknown-profile") == [
        ("error", f"Cấu hình!B{row}",
         "Thể thức văn bản “Quân đội” không có trong danh sách (Nhà nước; Đảng; Công đoàn). "
         "Chọn một giá trị trong danh sách thả xuống.")
    ]


def test_unknown_unit_kind_is_a_warning_and_kinds_from_targets_are_known() -> None:
    odd = book(units=(unit("DV01", 2, kind="Tổ dân phố"),))
    [(severity, where, message)] = found(odd, "unknown-unit-kind")
    assert (severity, where) == ("warning", "Đơn vị!C2")
    assert "nên không xác định được chỉ tiêu của đơn vị" in message
    configured = book(settings={"kind_targets": "Tổ dân phố=1"}, units=(unit("DV01", 2, kind="Tổ dân phố"),))
    assert found(configured, "unknown-unit-kind") == []


# --- units and models ---------------------------------------------------------------------------

def test_model_unit_not_in_units() -> None:
    assert found(book(models=(model("MH01", 5, unit_code="DV99"),)), "unknown-unit") == [
        ("error", "Mô hình!B5",
         "Mã đơn vị “DV99” không có trong sheet “Đơn vị”. Thêm đơn vị này vào sheet “Đơn vị” hoặc sửa mã.")
    ]
    assert found(book(models=(model("MH01", 5),)), "unknown-unit") == []


def test_duplicate_unit_code() -> None:
    workbook = book(units=(unit("DV01", 2), unit("DV01", 9)))
    assert found(workbook, "duplicate-unit") == [
        ("error", "Đơn vị!A9",
         "Mã đơn vị “DV01” trùng với dòng 2. Mỗi đơn vị cần một mã riêng: sửa mã hoặc xóa dòng trùng.")
    ]


def test_duplicate_model_code() -> None:
    workbook = book(models=(model("MH01", 2), model("MH01", 6, name="Khác")))
    assert found(workbook, "duplicate-model") == [
        ("error", "Mô hình!A6",
         "Mã mô hình “MH01” trùng với dòng 2. Mỗi mô hình cần một mã riêng: sửa mã hoặc xóa dòng trùng.")
    ]
    assert found(book(models=(model("MH01", 2), model("MH02", 3))), "duplicate-model") == []


def test_same_model_registered_twice_by_normalised_name() -> None:
    workbook = book(models=(model("MH01", 2, name="Dân vận khéo  trong HOÀ giải"),
                            model("MH02", 3, name="Dân vận khéo trong hòa giải")))
    assert found(workbook, "duplicate-registration") == [
        ("error", "Mô hình!C3",
         "Mô hình “Dân vận khéo trong hòa giải” của đơn vị “DV01” đã đăng ký ở dòng 2 (mã MH01). "
         "Xóa dòng đăng ký trùng.")
    ]


def test_same_name_for_different_performers_is_only_a_warning() -> None:
    workbook = book(models=(model("MH01", 2, name="Dân vận khéo", performer="Nguyễn Văn A"),
                            model("MH02", 3, name="Dân vận khéo", performer="Trần Thị B")))
    assert codes(workbook) == ["similar-registration"]
    assert found(workbook, "similar-registration")[0][:2] == ("warning", "Mô hình!C3")


def test_same_name_in_another_unit_is_fine() -> None:
    workbook = book(units=(unit("DV01", 2), unit("DV02", 3)),
                    models=(model("MH01", 2, name="Dân vận khéo"),
                            model("MH02", 3, name="Dân vận khéo", unit_code="DV02")))
    assert codes(workbook) == []


# --- scores -------------------------------------------------------------------------------------

def test_score_above_maximum() -> None:
    workbook = book(models=(model("MH01", 2),), scores=(score_row("MH01", 4, full_points(tc7=12)),))
    assert found(workbook, "score-above-max") == [
        ("error", "Chấm điểm!L4",
         "Tiêu chí 7 của mô hình “MH01” được 12 điểm, vượt điểm tối đa 10. Nhập điểm từ 0 đến 10.")
    ]


def test_negative_score() -> None:
    workbook = book(models=(model("MH01", 2),), scores=(score_row("MH01", 4, full_points(tc1="-1.5")),))
    assert found(workbook, "score-negative") == [
        ("error", "Chấm điểm!F4",
         "Tiêu chí 1 của mô hình “MH01” được -1,5 điểm; điểm không được âm. Nhập điểm từ 0 đến 5.")
    ]


def test_scores_at_the_limits_are_fine() -> None:
    workbook = book(models=(model("MH01", 2),), scores=(score_row("MH01", 4, full_points(tc1=0)),))
    assert codes(workbook) == []


def test_score_for_a_criterion_of_the_other_subject() -> None:
    criteria = (*seed_criteria(), Criterion(16, "II.1", "Chỉ cho tập thể", Decimal(5), row=22))
    points = full_points() | {16: Decimal(5)}
    workbook = book(criteria=criteria, models=(model("MH01", 2, subject="Cá nhân"),),
                    scores=(score_row("MH01", 3, points),))
    assert found(workbook, "score-not-applicable") == [
        ("error", "Chấm điểm!U3",
         "Mô hình “MH01” do cá nhân thực hiện nhưng có điểm tiêu chí 16, là tiêu chí chỉ dành cho "
         "mô hình tập thể. Xóa điểm ở ô này hoặc sửa “Chủ thể” của mô hình.")
    ]
    collective = replace(workbook, models=(model("MH01", 2),))
    assert found(collective, "score-not-applicable") == []


def test_score_for_a_criterion_that_does_not_exist() -> None:
    workbook = book(models=(model("MH01", 2),), scores=(score_row("MH01", 3, full_points() | {17: Decimal(1)}),))
    assert found(workbook, "unknown-criterion") == [
        ("error", "Chấm điểm!V3",
         "Ô này chấm tiêu chí 17 nhưng sheet “Tiêu chí” không có tiêu chí số này. "
         "Xóa điểm ở ô này hoặc thêm tiêu chí vào sheet tiêu chí.")
    ]


def test_score_row_for_an_unknown_model() -> None:
    workbook = book(models=(model("MH01", 2),),
                    scores=(score_row("MH01", 2, full_points()), score_row("MH09", 3, full_points())))
    assert found(workbook, "score-unknown-model") == [
        ("error", "Chấm điểm!A3",
         "Mã mô hình “MH09” không có trong sheet “Mô hình”. Sửa mã cho đúng hoặc xóa dòng chấm điểm này.")
    ]


def test_blank_point_in_a_scored_row_is_a_warning() -> None:
    workbook = book(models=(model("MH01", 2),),
                    scores=(score_row("MH01", 5, full_points(tc12=None), scorer="Ông Bình"),))
    assert found(workbook, "missing-score") == [
        ("warning", "Chấm điểm!Q5",
         "Mô hình “MH01” chưa có điểm tiêu chí 12 (người chấm: Ông Bình); ô trống được tính 0 điểm. "
         "Nhập điểm nếu còn thiếu.")
    ]


def test_models_without_scores_are_reported_once_scoring_has_started() -> None:
    models = (model("MH01", 2), model("MH02", 3, name="Khác"))
    assert codes(book(models=models)) == []
    workbook = book(models=models, scores=(score_row("MH01", 2, full_points()),
                                           score_row("MH02", 3, full_points(**{f"tc{n}": None for n in range(1, 16)}))))
    assert found(workbook, "model-not-scored") == [
        ("warning", "Mô hình!A3",
         "Mô hình “MH02” chưa có điểm trong sheet “Chấm điểm” nên chưa xét kết quả. "
         "Thêm dòng chấm điểm cho mô hình này trong sheet “Chấm điểm”.")
    ]


def test_duplicate_criterion_and_missing_criteria() -> None:
    criteria = (*seed_criteria(), Criterion(7, "I", "Lặp", Decimal(10), row=30))
    assert found(book(criteria=criteria), "duplicate-criterion") == [
        ("error", "Tiêu chí!A30",
         "Tiêu chí 7 của nhóm I đã có ở dòng 8. Xóa dòng trùng hoặc sửa số tiêu chí.")
    ]
    workbook = book(criteria=(), models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points()),))
    assert codes(workbook) == ["missing-criteria"]


# --- deadline and targets -----------------------------------------------------------------------

def test_registration_after_the_deadline_is_a_warning() -> None:
    workbook = book(settings={"registration_deadline": dt.date(2024, 4, 15)},
                    models=(model("MH01", 2, registered_on=dt.date(2024, 4, 15)),
                            model("MH02", 3, name="B", registered_on=dt.date(2024, 4, 16))))
    assert found(workbook, "late-registration") == [
        ("warning", "Mô hình!K3",
         "Mô hình “MH02” đăng ký ngày 16/04/2024, sau hạn đăng ký 15/04/2024 (sheet “Cấu hình”). "
         "Kiểm tra lại ngày đăng ký hoặc ghi rõ lý do đăng ký muộn ở cột “Ghi chú”.")
    ]


def test_unit_below_the_target_of_its_kind() -> None:
    units = (unit("DV01", 2, name="Đoàn Thanh niên Khối", kind="Đoàn thể"),
             unit("DV02", 3, kind="Chi bộ cơ sở"))
    models = tuple(model(f"MH0{i}", i, name=f"M{i}") for i in range(1, 4))
    models += (model("MH09", 9, unit_code="DV02"),)
    workbook = book(settings={"kind_targets": "Đoàn thể=5; Chi bộ cơ sở=1"}, units=units, models=models)
    assert found(workbook, "below-target") == [
        ("warning", "Đơn vị!C2",
         "Đơn vị “Đoàn Thanh niên Khối” (DV01) mới đăng ký 3 mô hình, chưa đạt chỉ tiêu 5 mô hình "
         "(chỉ tiêu của loại “Đoàn thể” trong sheet “Cấu hình”). Đôn đốc đơn vị đăng ký thêm 2 mô "
         "hình hoặc sửa chỉ tiêu.")
    ]


def test_units_own_target_wins_over_its_kind() -> None:
    units = (unit("DV01", 2, kind="Đoàn thể", target=1),)
    workbook = book(settings={"kind_targets": "Đoàn thể=5"}, units=units, models=(model("MH01", 2),))
    assert found(workbook, "below-target") == []
    units = (unit("DV01", 2, kind="Chi bộ cơ sở", target=2),)
    workbook = book(settings={"kind_targets": "Chi bộ cơ sở=1"}, units=units, models=(model("MH01", 2),))
    assert found(workbook, "below-target") == [
        ("warning", "Đơn vị!D2",
         "Đơn vị “Đơn vị DV01” (DV01) mới đăng ký 1 mô hình, chưa đạt chỉ tiêu 2 mô hình. "
         "Đôn đốc đơn vị đăng ký thêm 1 mô hình hoặc sửa chỉ tiêu.")
    ]


def test_unreadable_kind_targets_setting() -> None:
    row = setting_row("kind_targets")
    assert found(book(settings={"kind_targets": "Đoàn thể=5; Chi bộ nhiều"}), "invalid-setting") == [
        ("error", f"Cấu hình!B{row}",
         "Chỉ tiêu theo loại đơn vị: mục “Chi bộ nhiều” không đúng dạng “Loại đơn vị=số mô hình” "
         "(ví dụ: Đoàn thể=5; Đảng bộ cơ sở=2). Sửa ô này rồi chạy lại.")
    ]


# --- signers ------------------------------------------------------------------------------------

def test_default_signer_not_in_signers() -> None:
    signers = (Signer("NK1", "Nguyễn Văn A", "BÍ THƯ", row=2),)
    row = setting_row("default_signer")
    assert found(book(settings={"default_signer": "NK9"}, signers=signers), "unknown-signer") == [
        ("error", f"Cấu hình!B{row}",
         "Người ký mặc định “NK9” không có trong sheet “Người ký”. Sửa mã cho đúng cột “Mã” của sheet "
         "“Người ký” hoặc thêm người ký đó.")
    ]
    assert found(book(settings={"default_signer": "NK1"}, signers=signers), "unknown-signer") == []


def test_no_signer_at_all_is_an_error_for_the_document_commands() -> None:
    assert found(book(signers=()), "missing-signer") == [
        ("error", "Người ký!None",
         "Chưa có người ký nào nên chưa lập được văn bản (văn bản nào cũng có khối chữ ký). "
         "Nhập họ tên, chức vụ, quyền hạn ký của người ký vào sheet này.")
    ]
    [finding] = [f for f in validate(book(signers=())) if f.code == "missing-signer"]
    assert finding.blocks == ("render", "batch")
    assert require_scorable(book(signers=(), scores=(score_row("MH01", 2, full_points()),),
                                 models=(model("MH01", 2),))) == []


# --- text encodings and reader problems ---------------------------------------------------------

def test_text_in_tcvn3_or_vni_is_a_warning_suggesting_fix_text() -> None:
    texts = ((CellRef("Mô hình", "C2"), "Ph¸t triÓn kinh tÕ"), (CellRef("Đơn vị", "B3"), "Coäng hoøa xaõ hoäi"),
             (CellRef("Mô hình", "C3"), "Phát triển kinh tế"), (CellRef("Mô hình", "A3"), "MH01"))
    assert found(book(texts=texts), "legacy-encoding") == [
        ("warning", "Đơn vị!B3",
         "Chữ trong ô này gõ bằng bảng mã VNI: “Coäng hoøa xaõ hoäi”. Bấm “Sửa mã chữ” trên thẻ Dân vận "
         "khéo (hoặc chạy “dvk fix-text”) để chuyển sang Unicode dựng sẵn."),
        ("warning", "Mô hình!C2",
         "Chữ trong ô này gõ bằng bảng mã TCVN3 (ABC): “Ph¸t triÓn kinh tÕ”. Bấm “Sửa mã chữ” trên "
         "thẻ Dân vận khéo (hoặc chạy “dvk fix-text”) để chuyển sang Unicode dựng sẵn."),
    ]


def test_decomposed_unicode_is_a_warning() -> None:
    decomposed = unicodedata.normalize("NFD", "Xây dựng nông thôn mới")
    assert found(book(texts=((CellRef("Mô hình", "F9"), decomposed),)), "nfd-text") == [
        ("warning", "Mô hình!F9",
         f"Chữ trong ô này là Unicode tổ hợp, dễ sai khi tìm kiếm, sắp xếp: “{decomposed}”. Bấm "
         "“Sửa mã chữ” trên thẻ Dân vận khéo (hoặc chạy “dvk fix-text”) để chuyển sang Unicode dựng sẵn.")
    ]


def test_reader_problems_are_included() -> None:
    problem = Finding("error", "bad-date", "Ngày “31/02/2024” không có thật.", "Mô hình", "K2")
    assert replace(problem, blocks=("render", "batch")) in validate(book(problems=(problem,)))


# --- the whole result ---------------------------------------------------------------------------

def test_findings_are_sorted_by_sheet_then_row_then_column() -> None:
    workbook = book(units=(unit("DV01", 2), unit("DV01", 3)),
                    models=(model("MH01", 10, unit_code="DV99"), model("MH02", 4, subject="X", field="Y")))
    assert [(f.sheet, f.cell) for f in validate(workbook) if f.is_error] == [
        ("Đơn vị", "A3"), ("Mô hình", "D4"), ("Mô hình", "F4"), ("Mô hình", "B10"),
    ]


def test_require_valid_raises_with_every_error_and_returns_warnings() -> None:
    broken = book(models=(model("MH01", 5, unit_code="DV99"),))
    with pytest.raises(ValidationFailedError) as raised:
        require_valid(broken)
    assert raised.value.exit_code == 1
    assert "Sheet “Mô hình”, ô B5: Mã đơn vị “DV99” không có trong sheet “Đơn vị”." in str(raised.value)
    assert pickle.loads(pickle.dumps(raised.value)).findings == raised.value.findings


def test_scoring_checks_ignore_registration_problems() -> None:
    workbook = book(models=(model("MH01", 2, unit_code="DV99", field="Y tế"),),
                    scores=(score_row("MH01", 2, full_points(tc2=11)),))
    assert [f.code for f in validate(workbook, SCORING_CHECKS)] == ["score-above-max"]


def test_summary_sentences() -> None:
    error = Finding("error", "x", "m", "Mô hình")
    warning = Finding("warning", "y", "m", "Mô hình")
    assert summarize([]) == "Không có lỗi, không có cảnh báo."
    assert summarize([warning] * 3) == "Không có lỗi. 3 cảnh báo."
    assert summarize([error] * 5 + [warning] * 3) == "Có 5 lỗi, 3 cảnh báo."


def test_every_finding_names_a_sheet_in_vietnamese() -> None:
    workbook = book(units=(unit("DV01", 2), unit("DV01", 3)), models=(model("MH01", 4, subject="X"),),
                    settings={"profile": "?"})
    assert {CellRef(f.sheet).sheet for f in validate(workbook)} <= {"Cấu hình", "Đơn vị", "Mô hình", "Người ký"}


# --- one verdict per fact -----------------------------------------------------------------------

def test_each_error_names_the_commands_it_blocks_and_warnings_block_nothing() -> None:
    workbook = book(models=(model("MH01", 2, unit_code="DV99"), model("MH02", 3, subject="X")),
                    scores=(score_row("MH01", 2, full_points(tc2=11)),))
    verdicts = {(f.code, f.cell): f.blocks for f in validate(workbook)}
    assert verdicts[("unknown-unit", "B2")] == ("render", "batch")  # a registration fact
    assert verdicts[("unknown-subject", "D3")] == ("score", "render", "batch")  # scoring reads it
    assert all(f.blocks for f in validate(workbook) if f.is_error)
    assert not [f for f in validate(workbook) if not f.is_error and f.blocks]


def test_a_bad_registration_date_blocks_documents_but_not_scoring() -> None:
    bad_date = Finding("error", "bad-value", "Ngày “31/02/2024” không có thật. Sửa lại ô này.", "Mô hình", "K2")
    bad_score = Finding("error", "bad-value", "“mười” không phải số. Sửa lại ô này.", "Chấm điểm", "E2")
    workbook = book(models=(model("MH01", 2),), scores=(score_row("MH01", 2, full_points()),),
                    problems=(bad_date,))
    [reported] = validate(workbook)
    assert reported.blocks == ("render", "batch")
    assert require_scorable(workbook) == []
    with pytest.raises(ValidationFailedError):
        require_valid(workbook)
    with pytest.raises(ValidationFailedError, match="“mười” không phải số"):
        require_scorable(replace(workbook, problems=(bad_date, bad_score)))
    assert [f.blocks for f in validate(replace(workbook, problems=(bad_score,)))] == [
        ("score", "render", "batch")]
