"""Quyết định công nhận mô hình, điển hình “Dân vận khéo” và danh sách kèm theo.

Follows the NĐ 30 sample Mẫu 1.2 and "văn bản kèm theo quyết định" (State, union) and the Party
model of format-rules-research §4.3; seeds 001, 003 (Ban Thường vụ Đảng ủy Khối) and 004. One
decision with the list of every recognised model (``--unit CODE``: only that unit's models).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import DocumentDataError
from ..formats.blocks import attachment_heading, bases, letterhead, signature, title
from ..formats.builder import TemplateWriter
from ..model import CATEGORY_EXEMPLAR, CATEGORY_MODEL, Model, Workbook
from ..rules.scoring import recognised_models
from ..vntext import date_words, leading_zero, to_roman
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend

KIND_NAME = "quyet-dinh-cong-nhan"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "QĐ"  #: type code in the symbol (NĐ 30 Phụ lục III; HD 36)
_SECTIONS = (  #: list sections: category, heading, counted noun
    (CATEGORY_MODEL, "MÔ HÌNH “DÂN VẬN KHÉO”", "mô hình"),
    (CATEGORY_EXEMPLAR, "ĐIỂN HÌNH “DÂN VẬN KHÉO”", "điển hình"),
)


@dataclass(frozen=True)
class ListRow:
    """One line of the attached list."""

    stt: int
    ten_mo_hinh: str
    thuc_hien: str  #: the collective or person carrying it out
    don_vi: str  #: unit name
    linh_vuc: str
    ghi_chu: str


@dataclass(frozen=True)
class ListSection:
    """One section of the list: "I. MÔ HÌNH “DÂN VẬN KHÉO” (05 mô hình)" and its rows."""

    tieu_de: str
    so_luong: str  #: "05 mô hình"
    dong: tuple[ListRow, ...]


@dataclass(frozen=True)
class DecisionContext(CommonContext):
    """Names of the decision template, beyond the shared ones."""

    chu_the_quyet_dinh: str  #: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …" / "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI"
    cong_nhan: str  #: "05 mô hình và 03 điển hình"
    don_vi: str  #: the unit's name when the decision is for one unit, else ""
    trich_yeu_danh_sach: str  #: summary of the attached list
    kem_theo: str  #: "Kèm theo Quyết định số … ngày … của …" (without brackets)
    danh_sach: tuple[ListSection, ...]


def build(book: Workbook, options: RenderOptions) -> list[DecisionContext]:
    """One decision for every recognised model (or one unit's, with ``options.unit``).

    Raises :class:`DocumentDataError` when no model is recognised, or the unit code is unknown.
    """
    models = recognised_models(book)
    unit_name = ""
    if options.unit:
        unit = book.unit(options.unit)
        if unit is None:
            raise DocumentDataError(f"Không có đơn vị mã “{options.unit}” trong sheet “Đơn vị”.",
                                    hint="Kiểm tra lại mã đơn vị ghi sau --unit.")
        unit_name = unit.name
        models = [m for m in models if m.unit_code == unit.code]
    if not models:
        raise DocumentDataError(
            "Chưa có mô hình nào đạt, không thể lập quyết định công nhận.",
            hint="Nhập điểm vào sheet “Chấm điểm” rồi bấm “Tính điểm và xét công nhận”.",
        )
    profile = options.profile
    settings = book.settings
    number = settings.text("decision_number")
    date = settings.get("decision_date")
    year = int(settings.get("year") or (date.year if date else 0))
    summary = f"công nhận mô hình, điển hình “Dân vận khéo” năm {year}"
    common = common_context(book, profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=summary if profile.is_party else f"Về việc {summary}",
                            number=number, date=date)
    sections = _sections(book, models)
    return [extend(
        common, DecisionContext,
        chu_the_quyet_dinh=settings.text("decider").upper(),
        cong_nhan=" và ".join(section.so_luong for section in sections),
        don_vi=unit_name,
        trich_yeu_danh_sach=f"mô hình, điển hình “Dân vận khéo” được công nhận năm {year}",
        kem_theo=_attached_note(book, common, date),
        danh_sach=sections,
    )]


def write_body(doc: TemplateWriter) -> None:
    """The decision (Điều 1–3, signature) and, on a new page, the attached list."""
    profile = doc.profile
    decision = profile.section("decision")
    letterhead(doc)
    title(doc, "QUYẾT ĐỊNH")
    if not decision["decider_inline"]:
        doc.centered("{{ chu_the_quyet_dinh }}", element="decider", space_before=12)
    bases(doc)
    if decision["decider_inline"]:
        doc.centered(f"{{{{ chu_the_quyet_dinh }}}} {decision['closing']}", element="decider",
                     space_before=12)
    else:
        doc.centered(decision["closing"], element="decider", space_before=12)
    doc.body(("Điều 1. ", "article_label"),
             "Công nhận {{ cong_nhan }} “Dân vận khéo” năm {{ nam }}"
             "{% if don_vi %} của {{ don_vi }}{% endif %} (có danh sách kèm theo).")
    doc.body(("Điều 2. ", "article_label"), "Quyết định này có hiệu lực kể từ ngày ký.")
    closing = "căn cứ Quyết định thi hành" if profile.is_party else \
        "chịu trách nhiệm thi hành Quyết định này"
    doc.body(("Điều 3. ", "article_label"),
             f"Các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 {closing}./.")
    signature(doc)
    doc.new_section()
    letterhead(doc, number=False)
    attachment_heading(doc, "DANH SÁCH", "{{ trich_yeu_danh_sach }}", "{{ kem_theo }}")
    width = doc.text_width_cm
    doc.tag("{%p for muc in danh_sach %}")
    doc.paragraph("{{ muc.tieu_de }}", element="heading", align="left", space_before=12, keep_next=True)
    doc.data_table(
        [1.1, width * 0.36, width * 0.27, width - 1.1 - width * 0.63],
        header=[["TT", "Tên mô hình, điển hình", "Tập thể, cá nhân thực hiện", "Lĩnh vực"]],
        row=["{{ d.stt }}", "{{ d.ten_mo_hinh }}", "{{ d.thuc_hien }}", "{{ d.linh_vuc }}"],
        loop="for d in muc.dong",
        center_columns=(0,),
    )
    doc.tag("{%p endfor %}")
    doc.blank()


def describe(context: DecisionContext) -> str:
    """The record as clerks name it: "Quyết định công nhận 05 mô hình (…)"."""
    return f"quyết định công nhận {context.cong_nhan}" + (f" của {context.don_vi}" if context.don_vi else "")


KIND = DocumentKind(KIND_NAME, "Quyết định công nhận", DecisionContext, build, write_body, describe)


def _sections(book: Workbook, models: list[Model]) -> tuple[ListSection, ...]:
    sections = []
    for category, heading, noun in _SECTIONS:
        chosen = [m for m in models if m.list_category == category]
        if not chosen:
            continue
        count = f"{leading_zero(len(chosen))} {noun}"
        rows = tuple(
            ListRow(stt=index, ten_mo_hinh=m.name, thuc_hien=m.performer,
                    don_vi=_unit_name(book, m), linh_vuc=m.field, ghi_chu=m.note)
            for index, m in enumerate(chosen, start=1)
        )
        sections.append(ListSection(f"{to_roman(len(sections) + 1)}. {heading} ({count})", count, rows))
    return tuple(sections)


def _unit_name(book: Workbook, model: Model) -> str:
    unit = book.unit(model.unit_code)
    return unit.name if unit else model.unit_code


def _attached_note(book: Workbook, common: CommonContext, date: dt.date | None) -> str:
    cited = common.so_ky_hieu.removeprefix("Số:").removeprefix("Số")
    when = date_words(date) if date else f"ngày      tháng      năm {common.nam}"
    issuer = book.settings.text("issuer_name")
    return f"Kèm theo Quyết định số{cited} {when}" + (f" của {issuer}" if issuer else "")
