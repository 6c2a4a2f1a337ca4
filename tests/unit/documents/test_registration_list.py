"""The registration list's data: field columns and their labels, X marks, unit rows and counts,
and the blank form the Hướng dẫn attaches."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.danh_sach_dang_ky import (
    abbreviate,
    field_labels,
    parse_labels,
    registration_fields,
)
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import CellValueError, DocumentDataError
from dvk_docs.model import Model, Settings
from tests.unit.formats.books import small_book

THREE_FIELDS = "Văn hóa - xã hội; Quốc phòng - an ninh; Xây dựng Đảng và hệ thống chính trị"


def build(kind: str, book, **options):
    return KINDS[kind].build(book, RenderOptions(profile_of(book), **options))


def with_settings(book, **values):
    return replace(book, settings=Settings({**book.settings.values, **values}))


@pytest.mark.parametrize(("field", "label"), [
    ("Kinh tế", "KT"),
    ("Văn hóa - xã hội", "VH-XH"),
    ("Quốc phòng - an ninh", "QP-AN"),
    ("Xây dựng Đảng và hệ thống chính trị", "XDĐ&HTCT"),
    ("Xây dựng nông thôn mới", "XDNTM"),
    ("Đô thị văn minh", "ĐTVM"),
    ("Y tế / Giáo dục", "YT-GD"),
    ("Khác", "Khác"),
    ("  ", "  "),
])
def test_field_names_are_abbreviated_part_by_part(field, label):
    assert abbreviate(field) == label


def test_labels_given_in_cau_hinh_are_matched_whatever_the_spelling():
    book = small_book(field_labels="QUỐC PHÒNG - AN NINH = ANQP; "
                                   "Xây dựng Đảng và hệ thống chính trị=Xây dựng HTCT")
    fields = ("Kinh tế", "Quốc phòng - an ninh", "Xây dựng Đảng và hệ thống chính trị")
    assert field_labels(book, fields) == ("KT", "ANQP", "Xây dựng HTCT")
    with pytest.raises(ValueError, match="“Kinh tế” không đúng dạng “Lĩnh vực=tên cột”"):
        parse_labels("Kinh tế")


def test_field_columns_follow_cau_hinh_then_other_fields_in_use():
    book = small_book(fields=THREE_FIELDS)
    assert registration_fields(book) == tuple(THREE_FIELDS.split("; "))
    assert registration_fields(book, book.models) == (*THREE_FIELDS.split("; "), "Kinh tế",
                                                      "Xây dựng nông thôn mới")
    assert len(registration_fields(small_book())) == 6  # no list in Cấu hình: the default list


def test_all_units_list_has_a_row_per_unit_with_counts_then_its_models_marked_per_field():
    book = small_book(fields="Kinh tế; Văn hóa - xã hội; Xây dựng nông thôn mới",
                      field_labels="Xây dựng nông thôn mới=NTM")
    (context,) = build("danh-sach-dang-ky", book)
    assert context.cot_linh_vuc == ("KT", "VH-XH", "NTM")
    assert context.so_mo_hinh == "03"
    table = [(r.stt, r.thuc_hien, r.ten_mo_hinh, r.duy_tri, r.moi, r.theo_linh_vuc) for r in context.dong]
    assert table == [
        ("I", "Phòng Kế hoạch & Tài chính", "01 mô hình, điển hình", "1", "0", ("1", "0", "0")),
        ("1", "Phòng Kế hoạch & Tài chính", "Dân vận khéo trong chuyển đổi số", "X", "", ("X", "", "")),
        ("II", "Xã Tân Hương", "02 mô hình, điển hình", "0", "2", ("0", "1", "1")),
        ("1", "Chi bộ Thôn 3", "Tổ tự quản “Xanh - Sạch - Đẹp”", "", "X", ("", "X", "")),
        ("2", "Hoàng Thị Hoa", "Gương sáng vận động hiến đất làm đường", "", "X", ("", "", "X")),
    ]


def test_one_units_list_numbers_its_models_without_unit_rows():
    book = small_book(fields="Kinh tế; Văn hóa - xã hội", extra_models=2)
    (context,) = build("danh-sach-dang-ky", book, unit="B")
    assert context.don_vi == "Xã Tân Hương" and context.so_mo_hinh == "04"
    assert context.cot_linh_vuc == ("KT", "VH-XH", "XDNTM")  # a field outside the list gets a column
    assert [r.stt for r in context.dong] == ["1", "2", "3", "4"]
    assert [r.theo_linh_vuc for r in context.dong] == [("", "X", ""), ("", "", "X"), ("X", "", ""),
                                                        ("X", "", "")]


def test_a_model_unit_missing_from_don_vi_is_listed_under_its_code():
    book = small_book()
    book = replace(book, models=(*book.models, Model("Z1", "Z", "Mô hình lạ", "Tập thể", "Tổ Z",
                                                     "Kinh tế", row=9)))
    rows = build("danh-sach-dang-ky", book)[0].dong
    assert (rows[-2].stt, rows[-2].thuc_hien, rows[-1].ten_mo_hinh) == ("III", "Z", "Mô hình lạ")


def test_unreadable_labels_unknown_unit_and_empty_list_are_clear_errors():
    with pytest.raises(CellValueError, match="Tên cột lĩnh vực: mục “ANQP”"):
        build("danh-sach-dang-ky", small_book(field_labels="ANQP"))
    with pytest.raises(DocumentDataError, match="Không có đơn vị mã “C”"):
        build("danh-sach-dang-ky", small_book(), unit="C")
    with pytest.raises(DocumentDataError, match="Chưa có mô hình nào đăng ký"):
        build("danh-sach-dang-ky", replace(small_book(), models=()))


def test_guidance_form_has_the_same_field_columns_and_the_seeds_blank_rows():
    book = small_book("Công đoàn", fields=THREE_FIELDS,
                      field_labels="Quốc phòng - an ninh=ANQP; "
                                   "Xây dựng Đảng và hệ thống chính trị=Xây dựng HTCT")
    (guidance,) = build("huong-dan", book)
    assert guidance.cot_linh_vuc == ("VH-XH", "ANQP", "Xây dựng HTCT")
    assert guidance.linh_vuc == THREE_FIELDS
    assert [(r.stt, r.thuc_hien, r.theo_linh_vuc) for r in guidance.dong_mau] == [
        (n, "", ("", "", "")) for n in ("1", "2", "3", "..", "..")]
