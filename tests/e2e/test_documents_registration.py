"""The registration list and the Hướng dẫn's attached form, rendered with the shipped templates in
every profile and read back with python-docx: header labels, one column per field, X marks, unit
rows with their counts, the seed's blank rows, equal field columns within the page."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.formats.profiles import PROFILE_IDS, load_profile
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.templates import shipped_dir
from tests.unit.formats.books import small_book

LABELS = {"nha-nuoc": "Nhà nước", "dang": "Đảng", "cong-doan": "Công đoàn"}  #: id -> Cấu hình label
FIXED = ["STT", "Tên tập thể hoặc cá nhân xây dựng mô hình điển hình", "Tên mô hình hoặc điển hình",
         "Tiếp tục đăng ký", "Đăng ký xây dựng mới"]
SEED_FIELDS = {"fields": "Văn hóa - xã hội; Quốc phòng - an ninh; Xây dựng Đảng và hệ thống chính trị",
               "field_labels": "Quốc phòng - an ninh=ANQP; Xây dựng Đảng và hệ thống chính trị=Xây dựng HTCT"}


def rendered_table(kind: str, profile_id: str, book, **options) -> docx.table.Table:
    """The registration table (the one headed "STT") of ``kind`` rendered for ``book``."""
    context = KINDS[kind].build(book, RenderOptions(load_profile(profile_id), **options))[0]
    data = render_docx(shipped_dir() / profile_id / f"{kind}.docx", context.values(), make_environment())
    document = docx.Document(io.BytesIO(data))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert document.sections[-1].page_width > document.sections[-1].page_height  # landscape
    return table


def texts(table, row: int) -> list[str]:
    return [cell.text for cell in table.rows[row].cells]


def grid_cm(table) -> list[float]:
    return [int(c.get(qn("w:w"))) * 2.54 / 1440 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_every_unit_list_marks_each_model_in_its_field_column(profile_id):
    book = small_book(LABELS[profile_id], extra_models=2, **SEED_FIELDS)
    table = rendered_table("danh-sach-dang-ky", profile_id, book)
    labels = ["VH-XH", "ANQP", "Xây dựng HTCT", "KT", "XDNTM"]  # the list's, then fields in use
    assert texts(table, 0) == FIXED + ["Lĩnh vực"] * 5  # one cell spanning the field columns
    assert texts(table, 1) == FIXED + labels
    assert [texts(table, r) for r in range(2, len(table.rows))] == [
        ["I", "Phòng Kế hoạch & Tài chính", "01 mô hình, điển hình", "1", "0", "0", "0", "0", "1", "0"],
        ["1", "Phòng Kế hoạch & Tài chính", "Dân vận khéo trong chuyển đổi số", "X", "", "", "", "", "X", ""],
        ["II", "Xã Tân Hương", "04 mô hình, điển hình", "0", "4", "1", "0", "0", "2", "1"],
        ["1", "Chi bộ Thôn 3", "Tổ tự quản “Xanh - Sạch - Đẹp”", "", "X", "X", "", "", "", ""],
        ["2", "Hoàng Thị Hoa", "Gương sáng vận động hiến đất làm đường", "", "X", "", "", "", "", "X"],
        *[[str(n + 2), f"Chi đoàn thanh niên số {n}",
           f"Mô hình dân vận khéo số {n} về vận động nhân dân tham gia xây dựng",
           "", "X", "", "", "", "X", ""] for n in (1, 2)],
    ]
    widths = grid_cm(table)
    assert len(widths) == len(FIXED) + len(labels)
    assert len({round(w, 2) for w in widths[len(FIXED):]}) == 1  # equal field columns
    section = docx.Document(str(shipped_dir() / profile_id / "danh-sach-dang-ky.docx")).sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) * 2.54 / 914400
    assert sum(widths) == pytest.approx(text_width, abs=0.05)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_one_units_list_counts_its_models(profile_id):
    book = small_book(LABELS[profile_id], extra_models=3)  # no list in Cấu hình: the six defaults
    table = rendered_table("danh-sach-dang-ky", profile_id, book, unit="B")
    assert texts(table, 1)[len(FIXED):] == ["KT", "VH-XH", "QP-AN", "XDĐ&HTCT", "XDNTM", "ĐTVM"]
    rows = [texts(table, r) for r in range(2, len(table.rows))]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [sum(r[5 + column] == "X" for r in rows) for column in range(6)] == [3, 1, 0, 0, 1, 0]
    assert [r[4] for r in rows] == ["X"] * 5 and all(r[3] == "" for r in rows)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_guidance_attaches_the_same_table_blank_with_the_seeds_rows(profile_id):
    book = small_book(LABELS[profile_id], **SEED_FIELDS)
    table = rendered_table("huong-dan", profile_id, book)
    assert texts(table, 0) == FIXED + ["Lĩnh vực"] * 3
    assert texts(table, 1) == FIXED + ["VH-XH", "ANQP", "Xây dựng HTCT"]
    assert [texts(table, r) for r in range(2, len(table.rows))] == [
        [n] + [""] * 7 for n in ("1", "2", "3", "..", "..")]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_blank_registration_list_is_the_form_a_unit_fills(profile_id):
    book = small_book(LABELS[profile_id], **SEED_FIELDS)
    context = KINDS["danh-sach-dang-ky"].build(book, RenderOptions(load_profile(profile_id), blank=True))[0]
    data = render_docx(shipped_dir() / profile_id / "danh-sach-dang-ky.docx", context.values(),
                       make_environment())
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    assert "(Đơn vị: ……………………………………)" in paragraphs
    assert "Tổng số: …… mô hình, điển hình." in paragraphs
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert texts(table, 1)[5:] == ["VH-XH", "ANQP", "Xây dựng HTCT"]
    body = [texts(table, row) for row in range(2, len(table.rows))]
    assert [row[0] for row in body] == ["1", "2", "3", "4", "5", "..", ".."]
    assert all(cell == "" for row in body for cell in row[1:])  # nothing of the book's models
    assert KINDS["danh-sach-dang-ky"].describe(context) == "mẫu danh sách đăng ký để đơn vị điền"
