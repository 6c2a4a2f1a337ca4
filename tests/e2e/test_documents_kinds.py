"""Every kind of the document set renders in every profile from the bundled samples, with the
numbers and structure a clerk checks (text read back with python-docx)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.formats.profiles import PROFILE_IDS, load_profile
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.templates import shipped_dir
from dvk_docs.rules.scoring import score
from dvk_docs.rules.voting import recognised_models
from dvk_docs.workbook.sources import FileSource

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def book():
    return FileSource(SAMPLES / "dang-uy-khoi.xlsx").load()


def render(book, kind: str, profile_id: str, **options) -> tuple[object, list[str]]:
    profile = load_profile(profile_id)
    context = KINDS[kind].build(book, RenderOptions(profile, **options))[0]
    data = render_docx(shipped_dir() / profile_id / f"{kind}.docx", context.values(),
                       make_environment())
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return context, lines


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_registration_and_results_summaries(book, profile_id):
    unit = book.units[0]
    mine = [m for m in book.models if m.unit_code == unit.code]
    for kind, title in (("tong-hop-dang-ky", "BIỂU TỔNG HỢP ĐĂNG KÝ XÂY DỰNG MỚI MÔ HÌNH"),
                        ("tong-hop-ket-qua", "BIỂU TỔNG HỢP BÁO CÁO KẾT QUẢ XÂY DỰNG, DUY TRÌ")):
        context, lines = render(book, kind, profile_id, unit=unit.code)
        assert any(line.startswith(title) and line.endswith("NĂM 2024") for line in lines)
        assert [f"({n})" for n in range(1, 9)] == [x for x in lines if re.fullmatch(r"\(\d\)", x)][:8]
        total = context.bieu.dong[0]
        assert (total.ten, total.so_luong) == ("Tổng số", str(len(mine)))
        collective = sum(m.is_collective for m in mine)
        assert f"- Tập thể: {collective:02d} mô hình" in lines
        assert f"- Cá nhân: {len(mine) - collective:02d} mô hình" in lines
        assert sum(line.count("X") for line in lines if line == "X") >= len(mine)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_score_sheets_plan_guidance(book, profile_id):
    result = score(book)[0]
    _, lines = render(book, "phieu-cham-diem", profile_id)
    assert "BIỂU CHẤM ĐIỂM MÔ HÌNH" in lines and f"Tên mô hình: {result.model.name}" in lines
    assert f"Kết quả: {result.result}. {result.reason}" in lines
    plan, lines = render(book, "ke-hoach", profile_id)
    assert "KẾ HOẠCH" in lines and "Phụ lục I" in lines and "Phụ lục III" in lines
    assert any("trước ngày 15/4/2024" in line for line in lines)
    assert any(line.startswith("(Kèm theo Kế hoạch số") for line in lines)
    _, lines = render(book, "huong-dan", profile_id)
    assert "HƯỚNG DẪN" in lines and "DANH SÁCH" in lines


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_decision_and_certificate(book, profile_id):
    recognised = recognised_models(book)
    context, lines = render(book, "quyet-dinh-cong-nhan", profile_id)
    counts = [len(s.dong) for s in context.danh_sach]
    assert sum(counts) == len(recognised)
    assert any(line.startswith(f"I. MÔ HÌNH “DÂN VẬN KHÉO” ({counts[0]:02d} mô hình)") for line in lines)
    certificate, lines = render(book, "giay-chung-nhan", profile_id)
    assert "GIẤY CHỨNG NHẬN" in lines and certificate.ten_mo_hinh == recognised[0].name
    assert any(line.startswith("(Theo Quyết định số") for line in lines)
    section = docx.Document(str(shipped_dir() / profile_id / "giay-chung-nhan.docx")).sections[0]
    assert section.page_width > section.page_height  # A4 landscape
