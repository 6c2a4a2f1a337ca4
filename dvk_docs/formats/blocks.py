"""The shared blocks of every template: header table, title, căn cứ, Nơi nhận and signature.

Each function appends one block to a :class:`~dvk_docs.formats.builder.TemplateWriter` in the
writer's profile. The blocks read the names of :class:`dvk_docs.documents.parts.CommonContext`
(``co_quan_ban_hanh``, ``so_ky_hieu``, ``ngay_thang``, ``can_cu``, ``noi_nhan``, ``nguoi_ky``…), so
every kind that uses them must build its context on that class.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from .builder import TemplateWriter
from .metrics import rule_text, text_width_cm

PICTURE_ROOM_PT = 28.0  #: room above and below the signature picture: a 36 mm seal centred on a 35 × 17.5 mm signature


def letterhead(doc: TemplateWriter, *, number: bool = True) -> None:
    """The header table: bodies (left) and national motto or Party title (right).

    ``number`` adds the second row: number and symbol (left), place and date (right). Documents
    issued with a decision ("văn bản kèm theo") have no number row.
    """
    header = doc.profile.section("header")
    table = doc.layout_table([header["left_cm"], header["right_cm"]], header["indent_cm"],
                             rows=2 if number else 1)
    left, right = table.rows[0].cells
    doc.tag("{%p if co_quan_cap_tren %}", into=left)
    doc.centered("{{ co_quan_cap_tren }}", element="parent_body", into=left)
    doc.tag("{%p endif %}", into=left)
    doc.centered("{{ co_quan_ban_hanh }}", element="issuing_body", into=left)
    if doc.profile.is_party:
        doc.centered("*", element="issuing_body", into=left)
    else:
        doc.centered("{{ gach_co_quan }}", element="issuing_body", into=left)
    for text, element in zip(header["right_lines"], header["right_styles"], strict=True):
        doc.centered(text, element=element, into=right)
    rule_style = doc.profile.style(header["right_rule"])
    ruled = header["right_lines"][header["right_styles"].index(header["right_rule"])]
    doc.centered(rule_text(text_width_cm(ruled, rule_style), rule_style), element=header["right_rule"],
                 into=right)
    if number:
        left, right = table.rows[1].cells
        doc.centered("{{ so_ky_hieu }}", element="number", into=left)
        doc.centered("{{ ngay_thang }}", element="date", into=right)


def title(doc: TemplateWriter, kind_title: str, summary: str = "{{ trich_yeu }}") -> None:
    """Tên loại (e.g. ``QUYẾT ĐỊNH``), trích yếu, and the short rule or ``-----`` under them."""
    doc.centered(kind_title, element="title", space_before=12)
    doc.centered(summary, element="summary")
    rule = doc.profile.section("summary")
    doc.centered(rule["dashes"] or "{{ gach_trich_yeu }}", element="summary")


def bases(doc: TemplateWriter) -> None:
    """The căn cứ lines, one paragraph each (``can_cu``: punctuation already applied)."""
    doc.tag("{%p for dong in can_cu %}")
    doc.paragraph("{{ dong }}", element="basis", first_indent=True,
                  space_before=doc.profile.section("body")["space_before_pt"])
    doc.tag("{%p endfor %}")


def signature(doc: TemplateWriter) -> None:
    """Nơi nhận (left) and the signature block (right): authority, title, images, name.

    The block is one table row that never splits across pages, kept with the blank line above
    it and the body's last paragraph: it never stands alone at the top of a page.
    """
    header = doc.profile.section("header")
    doc.keep_end_with_next()
    doc.blank().paragraph_format.keep_with_next = True
    table = doc.layout_table([header["signature_left_cm"], header["signature_right_cm"]],
                             unbreakable=True)
    left, right = table.rows[0].cells
    label = doc.profile.section("recipients")["label"]
    doc.paragraph(label, element="recipients_label", align="left", into=left)
    doc.tag("{%p for dong in noi_nhan %}", into=left)
    doc.paragraph("{{ dong }}", element="recipients", align="left", into=left)
    doc.tag("{%p endfor %}", into=left)
    signer(doc, right)


def signer(doc: TemplateWriter, cell: Any, *, blank_lines: int = 4) -> None:
    """The signature block in ``cell``: authority, title, pictures (or ``blank_lines`` to sign
    on), name — shared by every document with a signature.

    The pictures' paragraph (seal first, then signature: the seal floats over the signature's
    left third, see :mod:`dvk_docs.render.pictures`) has :data:`PICTURE_ROOM_PT` above it (an
    exact-height empty line) and below it, so the seal clears the title and the name.
    """
    doc.tag("{%p if quyen_han %}", into=cell)
    doc.centered("{{ quyen_han }}", element="authority", into=cell)
    doc.tag("{%p endif %}", into=cell)
    doc.centered("{{ chuc_vu }}", element="signer_title", into=cell)
    doc.tag("{%p if anh_chu_ky or anh_dau %}", into=cell)
    doc.blank("signer_name", into=cell).paragraph_format.line_spacing = Pt(PICTURE_ROOM_PT)
    pictures = doc.centered("{{ anh_dau }}{{ anh_chu_ky }}", element="signer_name", into=cell)
    pictures.paragraph_format.space_after = Pt(PICTURE_ROOM_PT)
    doc.tag("{%p else %}", into=cell)
    for _ in range(blank_lines):
        doc.blank("signer_name", into=cell)
    doc.tag("{%p endif %}", into=cell)
    doc.centered("{{ nguoi_ky }}", element="signer_name", into=cell)


def attachment_heading(doc: TemplateWriter, kind_title: str, summary: str, note: str) -> None:
    """Heading of a document issued with another one (NĐ 30 "văn bản kèm theo quyết định").

    ``note`` is the text inside the brackets, e.g. ``Kèm theo Quyết định số … của …``.
    """
    doc.centered(kind_title, element="appendix_title", space_before=12)
    doc.centered(summary, element="summary")
    doc.centered(f"({note})", element="appendix_note")
    rule = doc.profile.section("summary")
    doc.centered(rule["dashes"] or "{{ gach_trich_yeu }}", element="summary")

