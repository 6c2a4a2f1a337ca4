"""Decision-like docxtpl templates and records for the batch engine tests, built with python-docx.

The template has what the shipped decisions have: a header with a tag and a PAGE field hidden on
page 1 (titlePg), a footer with a tag, the agency/motto table, a tag split across runs the way Word
splits it, a member table driven by ``{%tr for %}``, a ``{%p if %}`` paragraph, a numbered list,
an optional signature picture and an optional landscape annex section.
"""

from __future__ import annotations

import base64
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

PNG_1PX = base64.b64decode(  #: a 1×1 red PNG
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def add_field(paragraph, instruction: str) -> None:
    """A complex field (PAGE) with a cached result, as Word writes it."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "1"), ("end", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            tag = "w:instrText" if instruction in text else "w:t"
            element = OxmlElement(tag)
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run.append(element)
        paragraph._p.append(run)


def build_decision(path: Path, *, annex: bool = False, signature: bool = False, members_table: bool = True) -> Path:
    """Write the decision-like template to ``path`` and return it."""
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    add_field(header, "PAGE")
    section.header.add_paragraph("QĐ số {{ so_qd }}")
    section.footer.paragraphs[0].text = "Đơn vị: {{ ten_don_vi }}"

    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "{{ co_quan }}"
    left.add_paragraph("Số: {{ so_qd }}/QĐ-UBND")
    right.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("{{ dia_danh }}, ngày {{ ngay }}")

    doc.add_paragraph("QUYẾT ĐỊNH").runs[0].bold = True
    title = doc.add_paragraph("Về việc công nhận ")
    title.add_run("{{ dan")  # split the way Word splits a tag when its formatting changes
    title.add_run("h_hieu }}").bold = True
    for k in range(6):
        doc.add_paragraph(f"Căn cứ văn bản số {k + 1} của cơ quan có thẩm quyền về thi đua, khen thưởng;")
    doc.add_paragraph("Điều 1. Công nhận {{ danh_hieu }} cho {{ ten_don_vi }}:")
    if members_table:
        members = doc.add_table(rows=4, cols=3)
        members.style = "Table Grid"
        for cell, text in zip(members.rows[0].cells, ("STT", "Họ và tên", "Ghi chú"), strict=True):
            cell.text = text
        members.rows[1].cells[0].text = "{%tr for m in members %}"
        for cell, text in zip(members.rows[2].cells, ("{{ loop.index }}", "{{ m.ho_ten }}", "{{ m.ghi_chu }}"), strict=True):
            cell.text = text
        members.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("{%p if ghi_chu_chung %}")
    doc.add_paragraph("Ghi chú: {{ ghi_chu_chung }}")
    doc.add_paragraph("{%p endif %}")
    for text in ("Như Điều 3;", "Lưu: VT."):
        doc.add_paragraph(text, style="List Number")
    if signature:
        doc.add_paragraph("{{ chu_ky }}")
    doc.add_paragraph("{{ nguoi_ky }}")
    if annex:
        landscape = doc.add_section()
        landscape.orientation = WD_ORIENT.LANDSCAPE
        landscape.page_width, landscape.page_height = Mm(297), Mm(210)
        doc.add_paragraph("DANH SÁCH KÈM THEO QUYẾT ĐỊNH SỐ {{ so_qd }}")
        doc.add_paragraph("{%p for m in members %}")
        doc.add_paragraph("{{ m.ho_ten }}", style="List Number")
        doc.add_paragraph("{%p endfor %}")
    doc.core_properties.title = "Quyết định công nhận"
    doc.save(path)
    return path


def decision_record(i: int, members: int = 5) -> dict:
    """The context of decision ``i``, with Vietnamese text, '&', '<' and a line break."""
    return {
        "so_qd": str(100 + i),
        "co_quan": "ĐẢNG ỦY KHỐI CƠ QUAN & DOANH NGHIỆP",
        "dia_danh": "Đắk Nông",
        "ngay": f"{1 + i % 28:02d}/10/2025",
        "danh_hieu": "Mô hình “Dân vận khéo” <tiêu biểu>",
        "ten_don_vi": f"Chi bộ số {i + 1}",
        "ghi_chu_chung": "Khen thưởng đột xuất\nvà chuyên đề" if i % 2 == 0 else "",
        "nguoi_ky": "Nguyễn Văn An",
        "members": [{"ho_ten": f"Trần Thị Hương {k + 1}", "ghi_chu": "Tiêu biểu" if k % 2 else ""}
                    for k in range(members)],
    }


def environment():
    """The Jinja environment the product renders with (sandboxed, strict, autoescaped)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
