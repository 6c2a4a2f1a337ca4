"""Vị trí in phôi over the profile's defaults: names or labels, blank cells keep the default, the
global offset moves everything, bad rows are refused naming the cell — by render and, with the same
sentence at the same cell, by validation."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from dvk_docs.documents import RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.documents.phoi_giay_chung_nhan import field_layout
from dvk_docs.errors import DocumentDataError
from dvk_docs.model import BlankField, Settings, SheetLayout
from dvk_docs.rules.validation import validate
from tests.unit.formats.books import small_book

LAYOUT = SheetLayout("Vị trí in phôi", 1, {"field": "A", "x": "B", "y": "C", "width": "D", "size": "E",
                                           "align": "F"})


def blank_book(*rows: BlankField, **settings):
    book = small_book("Đảng")
    return replace(book, blank_layout=rows, layouts={**book.layouts, "blank_layout": LAYOUT},
                   settings=Settings({**book.settings.values, **settings}))


def layout(*rows: BlankField, **settings):
    book = blank_book(*rows, **settings)
    return {f.field: (f.x, f.y, f.width, f.size, f.align)
            for f in field_layout(book, RenderOptions(profile_of(book)))}


def test_defaults_then_the_clerks_rows_then_the_offset():
    default = layout()
    assert default["dong_chinh"] == (40, 92, 217, 22, "center")
    changed = layout(BlankField("người nhận", x=Decimal(50), size=Decimal(20), row=2),
                     BlankField("so_vao_so", y=Decimal("180.5"), align="Phải", row=3),
                     blank_offset_x=Decimal("2.5"), blank_offset_y=Decimal(-1))
    assert changed["dong_chinh"] == (Decimal("52.5"), 91, 217, 20, "center")
    assert changed["so_vao_so"] == (Decimal("30.5"), Decimal("179.5"), 60, 13, "right")
    assert len(changed) == len(default) == 9


def test_a_new_field_needs_its_position_and_an_unknown_field_is_refused():
    assert layout(BlankField("Quyền hạn ký", Decimal(160), Decimal(150), row=2))["quyen_han"] == \
        (160, 150, 100, 14, "left")
    with pytest.raises(DocumentDataError) as missing:
        layout(BlankField("Quyền hạn ký", x=Decimal(160), row=2))
    assert missing.value.message == "Sheet “Vị trí in phôi”, ô B2: trường “Quyền hạn ký” chưa có X, Y."
    with pytest.raises(DocumentDataError) as unknown:
        layout(BlankField("Tên lót", Decimal(1), Decimal(1), row=4))
    assert unknown.value.message == "Sheet “Vị trí in phôi”, ô A4: Không có trường “Tên lót” để in trên phôi."
    assert "Người nhận, Đơn vị, Mô hình" in unknown.value.hint


ALL_FIELDS = ("Người nhận, Đơn vị, Mô hình, Thành tích, Căn cứ, Số vào sổ, Địa danh, ngày tháng, Quyền hạn ký, "
              "Chức vụ người ký, Người ký")


@pytest.mark.parametrize(("row", "cell", "message", "hint"), [
    (BlankField("Tên lót", Decimal(1), Decimal(1), row=4), "A4", "Không có trường “Tên lót” để in trên phôi.",
     f"Các trường: {ALL_FIELDS}."),
    (BlankField("Người nhận", Decimal("-2.5"), Decimal(92), row=2), "B2",
     "X = -2,5 mm nằm ngoài tờ phôi (khổ A4 ngang: X từ 0 đến 297 mm).",
     "Đo lại trên trang căn chỉnh (nút “Trang căn chỉnh phôi”, lệnh --mode can-chinh) rồi sửa ô này."),
    (BlankField("Đơn vị", Decimal(40), Decimal("210.5"), row=3), "C3",
     "Y = 210,5 mm nằm ngoài tờ phôi (khổ A4 ngang: Y từ 0 đến 210 mm).",
     "Đo lại trên trang căn chỉnh (nút “Trang căn chỉnh phôi”, lệnh --mode can-chinh) rồi sửa ô này."),
    (BlankField("Mô hình", Decimal(40), Decimal(92), width=Decimal(0), row=5), "D5",
     "Bề rộng dòng chữ 0 mm phải lớn hơn 0.", "Sửa ô này, hoặc để trống để dùng bề rộng của thể thức."),
    (BlankField("Người ký", Decimal(40), Decimal(92), size=Decimal(-5), row=6), "E6",
     "Cỡ chữ -5 không dùng được: cần từ 1 đến 1638.", "Sửa ô này, hoặc để trống để dùng cỡ chữ của thể thức."),
])
def test_render_and_validate_refuse_a_bad_row_with_one_sentence_at_one_cell(row, cell, message, hint):
    with pytest.raises(DocumentDataError) as refused:
        layout(row)
    assert (refused.value.message, refused.value.hint) == (f"Sheet “Vị trí in phôi”, ô {cell}: {message}", hint)
    findings = [f for f in validate(blank_book(row)) if f.sheet == "Vị trí in phôi"]
    assert [(f.code, f.cell, f.message, f.blocks) for f in findings] == [
        ("invalid-blank-field", cell, f"{message} {hint}", ("render", "batch"))]


def test_validation_is_silent_about_good_rows_and_names_every_bad_cell():
    good = (BlankField("người nhận", Decimal(0), Decimal(210), Decimal(217), Decimal(1), row=2),
            BlankField("so_vao_so", Decimal(297), Decimal(0), size=Decimal(1638), row=3))
    assert [f for f in validate(blank_book(*good)) if f.sheet == "Vị trí in phôi"] == []
    bad = BlankField("Tên lót", Decimal(300), Decimal(-1), Decimal(-3), Decimal(0), row=7)
    assert [f.cell for f in validate(blank_book(bad)) if f.sheet == "Vị trí in phôi"] == ["A7", "B7", "C7", "D7", "E7"]
