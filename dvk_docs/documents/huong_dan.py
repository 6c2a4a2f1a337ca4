"""Hướng dẫn xây dựng mô hình, điển hình “Dân vận khéo” (seed 000) with the registration-list form.

The guidance cites the căn cứ of Cấu hình, states the fields, the scoring rule, the targets computed
from Đơn vị and the registration deadline; the blank registration list (STT, the collective or
person, the model, continued / new, one column per field of Cấu hình, numbered rows "1, 2, 3, ..,
.." as in seed 000) follows on a landscape page headed "(Kèm theo Hướng dẫn số …)"; its table is
the registration list's (:func:`.danh_sach_dang_ky.write_registration_table`). Number and date come
from Cấu hình "Số hướng dẫn" / "Ngày hướng dẫn".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats.blocks import bases, letterhead, signature, title
from ..formats.builder import TemplateWriter
from ..model import Workbook
from ..rules.targets import kind_targets
from ..vntext import leading_zero
from .danh_sach_dang_ky import (
    RegistrationRow,
    blank_rows,
    field_labels,
    registration_fields,
    write_registration_table,
)
from .ke_hoach import TargetLine, citation_date, kind_key, target_lines
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, attaches_form, common_context, extend
from .phieu_cham_diem import rule_sentence
from .tong_hop_dang_ky import BLANK_UNIT

KIND_NAME = "huong-dan"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "HD"  #: type code in the symbol (NĐ 30 Phụ lục III; HD 36)
FORM_ROWS = ("1", "2", "3", "..", "..")  #: the numbered blank rows of the form (seed 000)


@dataclass(frozen=True)
class GuidanceContext(CommonContext):
    """Names of the guidance template, beyond the shared ones."""

    chi_tieu: tuple[TargetLine, ...]  #: per unit kind present in Đơn vị
    chi_tieu_loai: dict[str, str]  #: every kind of Cấu hình: "ldld_huyen" -> "03"
    linh_vuc: str  #: the fields of Cấu hình, "Kinh tế; Văn hóa - xã hội; …"
    quy_tac: str  #: the pass rule sentence of the scoring sheet
    han_dang_ky: str  #: "15/7/2021"
    kem_theo: str  #: "Kèm theo Hướng dẫn số 29/HD-LĐLĐ ngày 06/7/2021"
    cot_linh_vuc: tuple[str, ...]  #: labels of the form's field sub-columns ("VH-XH", "ANQP" …)
    dong_mau: tuple[RegistrationRow, ...]  #: the blank rows of the attached form (STT only)
    kem_bieu_mau: bool  #: Cấu hình “Kèm biểu mẫu”: the registration form is printed


def build(book: Workbook, options: RenderOptions) -> list[GuidanceContext]:
    """The guidance of the issuing body. Raises :class:`DocumentDataError` (year, signer) or
    :class:`CellValueError` (targets per kind that cannot be read)."""
    settings = book.settings
    number, date = options.issue(0, settings.text("guidance_number"), settings.get("guidance_date"))
    year = settings.get("year") or (date.year if date else "")
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Xây dựng mô hình, điển hình “Dân vận khéo” năm {year}",
                            number=number, date=date)
    cited = common.so_ky_hieu.split(" ", 1)[1]
    fields = registration_fields(book)
    return [extend(
        common, GuidanceContext,
        chi_tieu=target_lines(book),
        chi_tieu_loai={kind_key(t.kind): leading_zero(t.count) for t in kind_targets(book).values()},
        linh_vuc="; ".join(fields),
        quy_tac=rule_sentence(book),
        han_dang_ky=citation_date(settings.get("registration_deadline"), common.nam),
        kem_theo=f"Kèm theo Hướng dẫn số {cited} ngày {citation_date(date, common.nam)}",
        cot_linh_vuc=field_labels(book, fields),
        dong_mau=blank_rows(FORM_ROWS, len(fields)),
        kem_bieu_mau=attaches_form(book, KIND_NAME),
    )]


def write_body(doc: TemplateWriter) -> None:
    """The guidance (1–3), signature, then the blank registration list on a landscape page."""
    letterhead(doc)
    title(doc, "HƯỚNG DẪN")
    bases(doc)
    doc.body("Để triển khai xây dựng mô hình, điển hình “Dân vận khéo” năm {{ nam }}, hướng dẫn các "
             "đơn vị thực hiện với những nội dung cụ thể như sau:")
    for heading, text in (
        ("1. Nội dung xây dựng mô hình “Dân vận khéo”",
         "Mô hình được xây dựng trên các lĩnh vực: {{ linh_vuc }}; phải thể hiện rõ việc khéo vận "
         "động đoàn viên, hội viên, người lao động và nhân dân cùng thực hiện."),
        ("2. Tiêu chí đánh giá mô hình, điển hình “Dân vận khéo”",
         "Mô hình được chấm theo thang điểm 100. {{ quy_tac }}"),
    ):
        _heading(doc, heading)
        doc.body(text)
    _heading(doc, "3. Tổ chức thực hiện")
    doc.tag("{%p for t in chi_tieu %}")
    doc.body("- Mỗi {{ t.loai|lower }} đăng ký ít nhất {{ t.so }} mô hình, điển hình “Dân vận khéo” "
             "({{ t.so_don_vi }} đơn vị, {{ t.tong }} mô hình).")
    doc.tag("{%p endfor %}")
    doc.body("- Danh sách đăng ký{% if kem_bieu_mau %} (theo mẫu kèm theo){% endif %} gửi về trước ngày "
             "{{ han_dang_ky }}./.")
    signature(doc)
    doc.new_section(landscape=True)
    doc.tag("{%p if kem_bieu_mau %}")  # left out: the empty section goes too (render/sections.py)
    write_form(doc)
    doc.tag("{%p endif %}")


def write_form(doc: TemplateWriter) -> None:
    """The blank registration list of seed 000: unit line, title, table with field columns."""
    doc.paragraph(BLANK_UNIT, element="issuing_body", align="left")
    doc.centered("DANH SÁCH", element="appendix_title", space_before=12)
    doc.centered("ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {{ nam }}",
                 element="appendix_title")
    doc.centered("({{ kem_theo }})", element="appendix_note")
    doc.blank()
    write_registration_table(doc, "cot_linh_vuc", "dong_mau")


def describe(context: GuidanceContext) -> str:
    """The record as clerks name it."""
    return f"hướng dẫn năm {context.nam}"


KIND = DocumentKind(KIND_NAME, "Hướng dẫn", GuidanceContext, build, write_body, describe,
                    type_code=TYPE_CODE,
                    number_settings=("guidance_number", "guidance_date"))


def _heading(doc: TemplateWriter, text: str) -> None:
    doc.paragraph(text, element="article_label", first_indent=True, keep_next=True,
                  space_before=doc.profile.section("body")["space_before_pt"])
