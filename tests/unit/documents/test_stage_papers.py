"""The papers around the stage: the order of honour in turns, the invitations, the receipt list
with totals in figures and in words."""

from __future__ import annotations

import datetime as dt

import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import DocumentDataError
from tests.unit.formats.books import small_book

CEREMONY = {"ceremony_time": "08 giờ 00, thứ Ba, ngày 14/10/2025",
            "ceremony_place": "Hội trường Huyện ủy"}


def build(kind: str, book, **options):
    return KINDS[kind].build(book, RenderOptions(profile_of(book), **options))


def test_order_of_honour_in_turns_of_n_by_unit_then_by_field():
    book = small_book("Đảng", extra_models=3, stage_group_size=2, **CEREMONY)
    (by_unit,) = build("danh-sach-tuyen-duong", book)
    assert [g.tieu_de for g in by_unit.luot] == [
        "Lượt 1 - Phòng Kế hoạch & Tài chính (01 tập thể, cá nhân)",
        "Lượt 2 - Xã Tân Hương (02 tập thể, cá nhân)",
        "Lượt 3 - Xã Tân Hương (02 tập thể, cá nhân)",
        "Lượt 4 - Xã Tân Hương (01 tập thể, cá nhân)",
    ]
    assert [d.stt for g in by_unit.luot for d in g.dong] == [1, 2, 3, 4, 5, 6]
    assert by_unit.so_nguoi == "06"
    first = by_unit.luot[1].dong[0]
    assert (first.nguoi_nhan, first.loi_doc) == (
        "Chi bộ Thôn 3", "Chi bộ Thôn 3, Xã Tân Hương, với mô hình “Tổ tự quản “Xanh - Sạch - Đẹp””.")
    person = by_unit.luot[1].dong[1]
    assert person.loi_doc == ("Ông/Bà HOÀNG THỊ HOA, Xã Tân Hương, với mô hình “Gương sáng vận động "
                              "hiến đất làm đường”.")
    assert by_unit.luot[0].loi_moi == ("Xin trân trọng kính mời đại diện lãnh đạo lên trao Giấy chứng "
                                       "nhận cho 01 tập thể, cá nhân phòng Kế hoạch & Tài chính.")
    (by_field,) = build("danh-sach-tuyen-duong", small_book("Đảng", extra_models=3, stage_group_size=3,
                                                            stage_group_by="Lĩnh vực"))
    assert [(g.tieu_de, len(g.dong)) for g in by_field.luot] == [
        ("Lượt 1 - Lĩnh vực Kinh tế (03 tập thể, cá nhân)", 3),
        ("Lượt 2 - Lĩnh vực Kinh tế (01 tập thể, cá nhân)", 1),
        ("Lượt 3 - Lĩnh vực Văn hóa - xã hội (01 tập thể, cá nhân)", 1),
        ("Lượt 4 - Lĩnh vực Xây dựng nông thôn mới (01 tập thể, cá nhân)", 1),
    ]


def test_invitations_per_recipient_or_per_unit_with_time_and_place():
    book = small_book("Nhà nước", award="Có", **CEREMONY)
    invitations = build("giay-moi", book)
    assert [i.kinh_moi for i in invitations] == ["Phòng Kế hoạch & Tài chính", "Chi bộ Thôn 3",
                                                 "Ông/Bà: HOÀNG THỊ HOA"]
    assert invitations[1].ly_do == ("Tới dự Hội nghị tuyên dương mô hình, điển hình “Dân vận khéo” năm "
                                    "2025 và nhận Giấy khen mô hình “Tổ tự quản “Xanh - Sạch - Đẹp””.")
    assert (invitations[0].thoi_gian, invitations[0].dia_diem) == (CEREMONY["ceremony_time"],
                                                                   CEREMONY["ceremony_place"])
    assert invitations[0].so_ky_hieu == "Số:      /GM-UBND"
    units = build("giay-moi", book, mode="theo-don-vi")
    assert [i.kinh_moi for i in units] == ["Lãnh đạo Phòng Kế hoạch & Tài chính", "Lãnh đạo Xã Tân Hương"]
    assert units[1].ly_do.endswith("đơn vị có 02 tập thể, cá nhân được nhận Giấy khen.")


def test_an_invitation_without_a_time_names_the_setting():
    with pytest.raises(DocumentDataError) as missing:
        build("giay-moi", small_book("Đảng", ceremony_place="Hội trường"))
    assert missing.value.message == ("Sheet “Cấu hình”: chưa có “Thời gian lễ tuyên dương” để ghi trên "
                                     "giấy mời.")


def test_receipt_list_amounts_totals_and_words():
    book = small_book("Nhà nước", award="Có", decision_number="12", decision_date=dt.date(2025, 10, 5),
                      base_salary=2340000, prize_coefficient_collective=1, prize_coefficient_individual=0.3)
    (receipts,) = build("danh-sach-nhan-thuong", book)
    assert [(r.stt, r.don_vi, r.nguoi_nhan, r.hinh_thuc, r.so_tien) for r in receipts.dong] == [
        (1, "Phòng Kế hoạch & Tài chính", "Phòng Kế hoạch & Tài chính", "Giấy khen", "2.340.000"),
        (2, "Xã Tân Hương", "Chi bộ Thôn 3", "Giấy khen", "2.340.000"),
        (3, "Xã Tân Hương", "HOÀNG THỊ HOA", "Giấy khen", "710.000"),  # 0,3 × 2.340.000 rounded up
    ]
    assert (receipts.so_tap_the, receipts.so_ca_nhan, receipts.tong_tien) == ("02", "01", "5.390.000")
    assert receipts.bang_chu == "Năm triệu ba trăm chín mươi nghìn đồng"
    assert receipts.kem_theo == "Kèm theo Quyết định số 12/QĐ-UBND ngày 05/10/2025"
    (certificates_only,) = build("danh-sach-nhan-thuong", small_book("Nhà nước"))
    assert (certificates_only.tong_tien, certificates_only.dong[0].so_tien) == ("", "")
    assert certificates_only.dong[0].hinh_thuc == "Giấy chứng nhận"
