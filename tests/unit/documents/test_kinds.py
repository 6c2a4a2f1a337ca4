"""The data of the document set's kinds: counts, totals, results, amounts, order, errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.ke_hoach import citation_date
from dvk_docs.documents.parts import profile_of
from dvk_docs.documents.quyet_dinh_cong_nhan import prize
from dvk_docs.errors import DocumentDataError
from dvk_docs.model import Model, ScoreSheet, Settings, SheetLayout, Unit
from tests.unit.formats.books import small_book


def build(kind: str, book=None, **options):
    book = book or small_book("Đảng")
    return KINDS[kind].build(book, RenderOptions(profile_of(book), **options))


def with_settings(book, **values):
    return replace(book, settings=Settings({**book.settings.values, **values}))


def rows(table):
    return [(r.stt, r.ten, r.so_luong, r.tap_the, r.ca_nhan) for r in table.dong]


def test_registration_summary_groups_continued_then_new_by_unit_in_field_order():
    table = build("tong-hop-dang-ky")[0].bieu
    assert rows(table) == [
        ("", "Tổng số", "3", "2", "1"),
        ("I", "Mô hình tiếp tục duy trì từ năm 2024", "1", "1", "0"),
        ("1", "Phòng Kế hoạch & Tài chính", "1", "1", "0"),
        ("-", "Dân vận khéo trong chuyển đổi số", "1", "X", ""),
        ("II", "Mô hình đăng ký mới năm 2025", "2", "1", "1"),
        ("1", "Xã Tân Hương", "2", "1", "1"),
        ("-", "Tổ tự quản “Xanh - Sạch - Đẹp”", "1", "X", ""),
        ("-", "Gương sáng vận động hiến đất làm đường", "1", "", "X"),
    ]
    assert [(line.nhan, line.so_luong) for line in table.theo_linh_vuc] == [
        ("Lĩnh vực phát triển kinh tế", "01"), ("Lĩnh vực văn hoá - xã hội", "01"),
        ("Lĩnh vực Quốc phòng - an ninh", "00"), ("Lĩnh vực xây dựng hệ thống chính trị", "00"),
        ("Lĩnh vực Xây dựng nông thôn mới", "01")]
    assert [(line.nhan, line.so_luong) for line in table.theo_chu_the] == [("Tập thể", "02"),
                                                                        ("Cá nhân", "01")]


def test_blank_registration_summary_is_the_seed_form():
    table = build("tong-hop-dang-ky", blank=True)[0].bieu
    assert table.don_vi.startswith("TÊN ĐƠN VỊ") and table.nam == "…"
    assert [r.ten for r in table.dong][:3] == ["Tổng số", "Mô hình tiếp tục duy trì từ năm 2024",
                                               "Chi bộ, phòng ban, đơn vị…"]
    assert all("…" in line.so_luong for line in table.theo_linh_vuc)


def test_results_summary_puts_new_models_above_continued_ones():
    book = small_book("Nhà nước")
    book = replace(book, models=book.models + (
        Model("M4", "B", "Mô hình duy trì của xã", "Tập thể", "Chi bộ Thôn 1", "Kinh tế",
              status="Duy trì", row=9),))
    table = build("tong-hop-ket-qua", book)[0].bieu
    assert [(r.stt, r.moi, r.duy_tri, r.tap_the, r.ca_nhan) for r in table.dong] == [
        ("", "2", "2", "3", "1"),
        ("1", "0", "1", "1", "0"), ("-", "", "X", "X", ""),
        ("2", "2", "1", "2", "1"),
        ("-", "X", "", "X", ""), ("-", "X", "", "", "X"), ("-", "", "X", "X", "")]


def test_summaries_of_one_unit_and_unknown_unit():
    table = build("tong-hop-ket-qua", unit="B")[0].bieu
    assert table.don_vi == "XÃ TÂN HƯƠNG" and table.dong[0].so_luong == "2"
    with pytest.raises(DocumentDataError, match="Không có đơn vị mã “Z”"):
        build("tong-hop-dang-ky", unit="Z")


def test_blank_score_sheet_has_both_subject_groups_and_the_rule():
    form = build("phieu-cham-diem", blank=True)[0].phieu
    stt = [r.stt for r in form.dong]
    assert stt == ["I", *map(str, range(1, 11)), "II", "II.1", *map(str, range(11, 16)), "II.2",
                   *map(str, range(11, 16)), ""]
    assert [(r.stt, r.toi_da) for r in form.dong if r.stt in ("I", "II", "")] == [
        ("I", "75"), ("II", "25"), ("", "100")]
    assert form.quy_tac == ("Mô hình “Dân vận khéo” phải đạt tổng từ 75 điểm (I+II) trở lên; trong "
                            "đó các tiêu chí 2, 7, 9, 11 và 15 phải đạt điểm tối đa.")


def test_filled_score_sheet_shows_only_its_subject_and_the_result():
    book = small_book("Đảng")
    failing = ScoreSheet("M3", {**book.scores[2].points, 11: Decimal(3)}, row=4)
    book = replace(book, scores=book.scores[:2] + (failing,))
    forms = [c.phieu for c in build("phieu-cham-diem", book)]
    assert len(forms) == 3
    collective, person = forms[0], forms[2]
    assert "II.1" in [r.stt for r in collective.dong] and "II.2" not in [r.stt for r in collective.dong]
    assert (collective.tong_diem, collective.ket_qua) == ("100", "Đạt")
    assert (person.tong_diem, person.ket_qua) == ("98", "Không đạt")
    assert "Tiêu chí 11 được 3/5, phải đạt tối đa" in person.ly_do
    assert [r.ghi_chu for r in person.dong if r.stt == "11"] == ["Chưa đạt tối đa"]


def test_prize_money_is_rounded_up_to_ten_thousand_and_written_in_words():
    book = with_settings(small_book("Nhà nước"), award="Có", base_salary=Decimal(2340000),
                         prize_coefficient_collective=Decimal("0.6"),
                         prize_coefficient_individual=Decimal("0.3"))
    assert (prize(book, True), prize(book, False)) == (1410000, 710000)
    text = build("quyet-dinh-cong-nhan", book)[0].khen_thuong
    assert text.startswith("Tặng Giấy khen cho 02 tập thể và 01 cá nhân có thành tích xuất sắc")
    assert "tập thể 1.410.000 đồng/tập thể (Một triệu bốn trăm mười nghìn đồng)" in text
    assert "cá nhân 710.000 đồng/người (Bảy trăm mười nghìn đồng)" in text
    assert build("quyet-dinh-cong-nhan")[0].khen_thuong == ""


def test_decision_modes_and_zero_recognised_models():
    assert len(build("quyet-dinh-cong-nhan")) == 1
    per_unit = build("quyet-dinh-cong-nhan", mode="theo-don-vi")
    assert [(c.don_vi, c.cong_nhan) for c in per_unit] == [
        ("Phòng Kế hoạch & Tài chính", "01 mô hình"), ("Xã Tân Hương", "01 mô hình và 01 điển hình")]
    assert len(build("quyet-dinh-cong-nhan", mode="theo-mo-hinh")) == 3
    with pytest.raises(DocumentDataError, match="Không có kiểu"):
        build("quyet-dinh-cong-nhan", mode="moi-tuan")
    for kind in ("quyet-dinh-cong-nhan", "giay-chung-nhan"):
        with pytest.raises(DocumentDataError, match="Chưa có mô hình nào đạt"):
            build(kind, small_book("Đảng", passing=False))


def test_persons_are_sorted_vietnamese_style_when_asked():
    book = small_book("Nhà nước")
    people = tuple(Model(f"P{i}", "B", f"Gương {i}", "Cá nhân", name, "Kinh tế", row=10 + i)
                   for i, name in enumerate(["Đỗ Văn Ân", "Nguyễn Thị An", "Phạm Thị Ánh", "Trần Bình An"]))
    scores = tuple(ScoreSheet(m.code, book.scores[2].points, row=20 + i) for i, m in enumerate(people))
    book = replace(book, models=people, scores=scores)
    unsorted = build("quyet-dinh-cong-nhan", book)[0].danh_sach[0].dong
    assert [r.thuc_hien for r in unsorted][0] == "Đỗ Văn Ân"
    ordered = build("quyet-dinh-cong-nhan", with_settings(book, sort_names="Có"))[0].danh_sach[0].dong
    assert [r.thuc_hien for r in ordered] == ["Trần Bình An", "Nguyễn Thị An", "Phạm Thị Ánh",
                                               "Đỗ Văn Ân"]
    assert [r.stt for r in ordered] == [1, 2, 3, 4]


def test_certificates_one_per_recognised_model_with_the_decision():
    book = with_settings(small_book("Đảng"), decision_number="123", decision_date=dt.date(2025, 10, 5))
    certificates = build("giay-chung-nhan", book)
    assert len(certificates) == 3
    first = certificates[0]
    assert (first.tieu_de, first.loi_dan) == ("GIẤY CHỨNG NHẬN", "")  # the title once, no "CHỨNG NHẬN" above it
    assert first.quyet_dinh == "Quyết định số 123-QĐ/ĐUK ngày 05/10/2025"
    assert first.ngay_thang == "Yên Bái, ngày 05 tháng 10 năm 2025"
    assert certificates[2].dong_chinh == "Ông/Bà: HOÀNG THỊ HOA"
    award = build("giay-chung-nhan", with_settings(book, award="Có"))[0]
    assert (award.tieu_de, award.loi_dan) == ("GIẤY KHEN", "TẶNG")
    assert award.thanh_tich.startswith("Đã có thành tích xuất sắc")


def test_plan_targets_deadlines_and_attached_forms():
    book = small_book("Đảng", kind_targets="Phòng, ban=2; Xã, phường=3",
                      registration_deadline=dt.date(2025, 4, 15), report_deadline=dt.date(2025, 2, 5),
                      plan_number="29", plan_date=dt.date(2025, 3, 12))
    book = replace(book, units=book.units + (Unit("C", "Xã Tân Lập", "Xã, phường", row=4),))
    plan = build("ke-hoach", book)[0]
    assert [(t.loai, t.so, t.so_don_vi, t.tong) for t in plan.chi_tieu] == [
        ("Phòng, ban", "02", "01", "02"), ("Xã, phường", "03", "02", "06")]
    assert plan.chi_tieu_loai == {"phong_ban": "02", "xa_phuong": "03"}
    assert (plan.so_don_vi, plan.tong_chi_tieu) == ("03", "08")
    assert (plan.han_dang_ky, plan.han_bao_cao) == ("15/4/2025", "05/02/2025")
    assert plan.han_dang_ky_ngay == "ngày 15 tháng 4 năm 2025"
    assert plan.so_ky_hieu == "Số 29-KH/ĐUK"
    assert plan.kem_theo == "Kèm theo Kế hoạch số 29-KH/ĐUK ngày 12/3/2025"
    assert plan.bieu_dang_ky.don_vi.startswith("TÊN ĐƠN VỊ") and plan.bieu_cham_diem.ket_qua == ""
    assert citation_date(None, 2025) == "…/…/2025"


def test_guidance_cites_targets_and_attaches_the_registration_form():
    book = small_book("Công đoàn", kind_targets="LĐLĐ huyện=3; Công đoàn ngành=2",
                      guidance_number="29", guidance_date=dt.date(2021, 7, 6),
                      registration_deadline=dt.date(2021, 7, 15))
    guidance = build("huong-dan", book)[0]
    assert guidance.so_ky_hieu == "Số: 29/HD-LĐLĐ"
    assert guidance.chi_tieu_loai == {"ldld_huyen": "03", "cong_doan_nganh": "02"}
    assert guidance.han_dang_ky == "15/7/2021"
    assert guidance.kem_theo == "Kèm theo Hướng dẫn số 29/HD-LĐLĐ ngày 06/7/2021"
    assert [r.stt for r in guidance.dong_mau] == ["1", "2", "3", "..", ".."]


def test_missing_year_and_unknown_signer_name_their_cau_hinh_cell():
    book = small_book("Đảng")
    book = replace(book, layouts={"settings": SheetLayout("Cấu hình", 1, {"label": "A", "value": "B"})},
                   settings=Settings({**book.settings.values, "year": None, "default_signer": "XX"},
                                     rows={"year": 8, "default_signer": 20}))
    with pytest.raises(DocumentDataError, match="^Sheet “Cấu hình”, ô B8: chưa có năm"):
        build("ke-hoach", book)
    book = with_settings(book, year=2025)
    book = replace(book, settings=replace(book.settings, rows={"default_signer": 20}))
    with pytest.raises(DocumentDataError, match="^Sheet “Cấu hình”, ô B20: không có người ký mã “XX”"):
        build("ke-hoach", book)
