"""The template builder: deterministic bytes, profile typography, shared blocks, rendering."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import DocumentDataError
from dvk_docs.formats.profiles import PROFILE_IDS, load_profile
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.templates import shipped_dir, template_bytes

from .books import small_book


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_shipped_templates_are_what_the_builder_writes(profile_id, kind):
    built = template_bytes(KINDS[kind], load_profile(profile_id))
    assert built == template_bytes(KINDS[kind], load_profile(profile_id))
    assert (shipped_dir() / profile_id / f"{kind}.docx").read_bytes() == built, \
        "run `dvk templates build` and commit word_templates/"


def _render(label: str, kind: str, **settings) -> docx.Document:
    book = small_book(label, **settings)
    contexts = KINDS[kind].build(book, RenderOptions(profile_of(book)))
    template = shipped_dir() / profile_of(book).id / f"{kind}.docx"
    data = render_docx(template, contexts[0].values(), make_environment(), record="bản ghi 1")
    return docx.Document(io.BytesIO(data))


def _texts(document: docx.Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def test_state_decision_text():
    texts = _texts(_render("Nhà nước", "quyet-dinh-cong-nhan"))
    assert "Số:      /QĐ-UBND" in texts
    assert "Yên Bình, ngày      tháng      năm 2025" in texts
    assert "Về việc công nhận mô hình, điển hình “Dân vận khéo” năm 2025" in texts
    assert "Theo đề nghị của Trưởng Ban Tuyên giáo và Dân vận." in texts
    assert "QUYẾT ĐỊNH:" in texts
    assert ("Điều 1. Công nhận 02 mô hình và 01 điển hình “Dân vận khéo” năm 2025 "
            "(có danh sách kèm theo).") in texts
    assert "I. MÔ HÌNH “DÂN VẬN KHÉO” (02 mô hình)" in texts
    assert "Phòng Kế hoạch & Tài chính" in texts  # escaped and back, intact
    assert any(t.startswith("Nơi nhận:\n- Như Điều 3;\n") and t.endswith("- Lưu: VT.") for t in texts)


def test_party_decision_text():
    import datetime as dt

    texts = _render("Đảng", "quyet-dinh-cong-nhan", decision_number="7",
                    decision_date=dt.date(2025, 2, 3))
    texts = _texts(texts)
    assert "Số 07-QĐ/ĐUK" in texts
    assert "Yên Bái, ngày 03 tháng 02 năm 2025" in texts
    assert "công nhận mô hình, điển hình “Dân vận khéo” năm 2025" in texts
    assert "-----" in texts
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI QUYẾT ĐỊNH" in texts
    assert "- Xét đề nghị của Trưởng Ban Tuyên giáo và Dân vận," in texts
    assert any("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ" in t for t in texts)
    assert any(t.endswith("- Lưu Văn phòng.") for t in texts)
    assert "(Kèm theo Quyết định số 07-QĐ/ĐUK ngày 03 tháng 02 năm 2025)" in texts


def test_no_recognised_model_is_an_error():
    book = small_book(passing=False)
    with pytest.raises(DocumentDataError, match="Chưa có mô hình nào đạt"):
        KINDS["quyet-dinh-cong-nhan"].build(book, RenderOptions(profile_of(book)))


def test_registration_list_is_landscape_with_repeated_header():
    document = _render("Công đoàn", "danh-sach-dang-ky")
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[1]
    assert all(table.rows[r]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None for r in (0, 1))
    assert [c.text for c in table.rows[3].cells] == [
        "1", "Phòng Kế hoạch & Tài chính", "Dân vận khéo trong chuyển đổi số", "X", "",
        "X", "", "", "", "", ""]  # Kinh tế, the first of the six default fields
    assert "Tổng số: 03 mô hình, điển hình." in _texts(document)


def test_template_path_for_a_clerk_override(tmp_path: Path):
    from dvk_docs.render.templates import find_template

    kind = KINDS["quyet-dinh-cong-nhan"]
    profile = load_profile("dang")
    assert find_template(kind, profile, tmp_path) == shipped_dir() / "dang" / kind.template_name
    (tmp_path / kind.template_name).write_bytes(b"x")
    assert find_template(kind, profile, tmp_path) == tmp_path / kind.template_name
