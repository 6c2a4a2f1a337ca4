"""Vị trí in phôi over the profile's defaults: names or labels, blank cells keep the default, the
global offset moves everything, bad rows are refused naming the cell."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from dvk_docs.documents import RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.documents.phoi_giay_chung_nhan import field_layout
from dvk_docs.errors import DocumentDataError
from dvk_docs.model import BlankField, Settings, SheetLayout
from tests.unit.formats.books import small_book

LAYOUT = SheetLayout("Vị trí in phôi", 1, {"field": "A", "x": "B", "y": "C", "width": "D", "size": "E",
                                           "align": "F"})


def layout(*rows: BlankField, **settings):
    book = small_book("Đảng")
    book = replace(book, blank_layout=rows, layouts={**book.layouts, "blank_layout": LAYOUT},
                   settings=Settings({**book.settings.values, **settings}))
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
    assert unknown.value.message == "Sheet “Vị trí in phôi”, ô A4: không có trường “Tên lót”."
    assert "Người nhận, Đơn vị, Mô hình" in unknown.value.hint
