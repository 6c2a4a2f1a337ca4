"""Quyết định công nhận mô hình, điển hình “Dân vận khéo” và danh sách kèm theo.

Follows the NĐ 30 sample Mẫu 1.2 and "văn bản kèm theo quyết định" (State, union) and the Party
model of format-rules-research §4.3; seeds 001, 003 (Ban Thường vụ Đảng ủy Khối) and 004. One
decision with the list of every recognised model (``--unit CODE``: only that unit's models);
``--mode theo-don-vi`` one decision per unit, ``--mode theo-mo-hinh`` one per model. With Cấu hình
"Khen thưởng kèm quyết định" = Có, Điều 2 awards Giấy khen with prize money: coefficient × base
salary (Cấu hình), rounded up to the next 10.000 đồng, in figures and in words (§4.7). Cấu hình
"Sắp xếp theo tên" = Có sorts the persons of "II. ĐIỂN HÌNH" by name (tên, tên đệm, họ).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from ..errors import DocumentDataError
from ..formats.blocks import attachment_heading, bases, letterhead, signature, title
from ..formats.builder import TemplateWriter
from ..model import CATEGORY_EXEMPLAR, CATEGORY_MODEL, Model, Workbook
from ..rules.locations import setting_cell
from ..rules.voting import recognised_models
from ..vntext import (
    amount_in_words,
    date_words,
    fold_key,
    format_number,
    leading_zero,
    sort_names,
    to_roman,
)
from ..workbook.cells import MAX_NUMBER
from ..workbook.schema import SETTINGS
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, chosen_unit, common_context, extend, unit_name

KIND_NAME = "quyet-dinh-cong-nhan"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "QĐ"  #: type code in the symbol (NĐ 30 Phụ lục III; HD 36)
_SECTIONS = (  #: list sections: category, heading, counted noun
    (CATEGORY_MODEL, "MÔ HÌNH “DÂN VẬN KHÉO”", "mô hình"),
    (CATEGORY_EXEMPLAR, "ĐIỂN HÌNH “DÂN VẬN KHÉO”", "điển hình"),
)
MODES = ("", "theo-don-vi", "theo-mo-hinh")  #: ``--mode``: one decision, one per unit, one per model
PRIZE_STEP = Decimal(10000)  #: prize money is rounded up to the next 10.000 đồng (§4.7)


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
    khen_thuong: str  #: Điều 2 when Giấy khen are awarded (with the prize money), else ""


def build(book: Workbook, options: RenderOptions) -> list[DecisionContext]:
    """One decision for every recognised model (or one unit's, with ``options.unit``).

    Raises :class:`DocumentDataError` when no model is recognised, or the unit code is unknown.
    """
    if options.mode not in MODES:
        raise DocumentDataError(f"Không có kiểu “{options.mode}” cho quyết định công nhận.",
                                hint="Dùng --mode theo-don-vi hoặc --mode theo-mo-hinh (mặc định: "
                                     "một quyết định cho mọi mô hình).")
    models = recognised_models(book)
    if options.unit:
        unit = chosen_unit(book, options.unit)
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
    contexts = []
    for index, (owner, chosen) in enumerate(_groups(book, models, options)):
        issued_number, issued_date = options.issue(index, number, date)
        common = common_context(book, profile, kind=KIND_NAME, type_code=TYPE_CODE,
                                summary=summary if profile.is_party else f"Về việc {summary}",
                                number=issued_number, date=issued_date)
        sections = _sections(book, list_order(book, chosen))
        contexts.append(extend(
            common, DecisionContext,
            chu_the_quyet_dinh=settings.text("decider").upper(),
            cong_nhan=" và ".join(section.so_luong for section in sections),
            don_vi=owner,
            trich_yeu_danh_sach=f"mô hình, điển hình “Dân vận khéo” được công nhận năm {year}",
            kem_theo=_attached_note(book, common, issued_date),
            danh_sach=sections,
            khen_thuong=_award(book, chosen, year),
        ))
    return contexts


def list_order(book: Workbook, models: list[Model]) -> list[Model]:
    """Models in list order: Mô hình order, persons by name when Cấu hình "Sắp xếp theo tên" = Có."""
    if fold_key(book.settings.text("sort_names")) != fold_key("Có"):
        return models
    persons = sort_names([m for m in models if not m.is_collective], key=lambda m: m.performer)
    return [m for m in models if m.is_collective] + persons


def prize(book: Workbook, collective: bool) -> int:
    """Prize money of one Giấy khen: coefficient × base salary, rounded up to the next 10.000 đồng.

    Raises DocumentDataError naming the coefficient's cell when the product is no sum of money
    (each factor passed the reader's bound, their product need not)."""
    key = "prize_coefficient_collective" if collective else "prize_coefficient_individual"
    amount = Decimal(str(book.settings.get(key, 0))) * Decimal(str(book.settings.get("base_salary", 0)))
    if abs(amount) >= MAX_NUMBER:
        raise DocumentDataError(
            f"{setting_cell(book, key)}: tiền thưởng = “{SETTINGS.column(key).header}” × "
            f"“{SETTINGS.column('base_salary').header}” "
            f"= {amount:.3E} đồng, quá lớn (phải nhỏ hơn 1.000.000.000.000.000 đồng).",
            hint="Kiểm tra hai ô này trong sheet Cấu hình (hệ số thường là 0,3 hay 1; mức lương cơ sở tính bằng đồng).",
        )
    return int((amount / PRIZE_STEP).to_integral_value(rounding=ROUND_CEILING) * PRIZE_STEP)


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
    closing = "căn cứ Quyết định thi hành" if profile.is_party else \
        "chịu trách nhiệm thi hành Quyết định này"
    doc.tag("{%p if khen_thuong %}")
    doc.body(("Điều 2. ", "article_label"), "{{ khen_thuong }}")
    doc.body(("Điều 3. ", "article_label"), "Quyết định này có hiệu lực kể từ ngày ký. Các cơ quan, "
             f"đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1, Điều 2 {closing}./.")
    doc.tag("{%p else %}")
    doc.body(("Điều 2. ", "article_label"), "Quyết định này có hiệu lực kể từ ngày ký.")
    doc.body(("Điều 3. ", "article_label"),
             f"Các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 {closing}./.")
    doc.tag("{%p endif %}")
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


KIND = DocumentKind(KIND_NAME, "Quyết định công nhận", DecisionContext, build, write_body, describe,
                    type_code=TYPE_CODE,
                    number_settings=("decision_number", "decision_date"), modes=MODES[1:])


def _sections(book: Workbook, models: list[Model]) -> tuple[ListSection, ...]:
    sections = []
    for category, heading, noun in _SECTIONS:
        chosen = [m for m in models if m.list_category == category]
        if not chosen:
            continue
        count = f"{leading_zero(len(chosen))} {noun}"
        rows = tuple(
            ListRow(stt=index, ten_mo_hinh=m.name, thuc_hien=m.performer,
                    don_vi=unit_name(book, m.unit_code), linh_vuc=m.field, ghi_chu=m.note)
            for index, m in enumerate(chosen, start=1)
        )
        sections.append(ListSection(f"{to_roman(len(sections) + 1)}. {heading} ({count})", count, rows))
    return tuple(sections)


def _groups(book: Workbook, models: list[Model], options: RenderOptions
            ) -> list[tuple[str, list[Model]]]:
    """(unit name, models) of each decision: one group, one per unit, or one per model."""
    if options.mode == "theo-mo-hinh":
        return [(unit_name(book, m.unit_code), [m]) for m in models]
    if options.mode == "theo-don-vi" or options.unit:
        by_unit: dict[str, list[Model]] = {}
        for model in models:
            by_unit.setdefault(model.unit_code, []).append(model)
        return [(unit_name(book, chosen[0].unit_code), chosen) for chosen in by_unit.values()]
    return [("", models)]


def _award(book: Workbook, models: list[Model], year: int) -> str:
    """Điều 2 of a decision that also awards Giấy khen, or "" (Cấu hình "Khen thưởng…" ≠ Có)."""
    if fold_key(book.settings.text("award")) != fold_key("Có"):
        return ""
    groups = [(True, "tập thể", "tập thể"), (False, "cá nhân", "người")]
    counts = {c: sum(1 for m in models if m.is_collective == c) for c, _, _ in groups}
    who = " và ".join(f"{leading_zero(counts[c])} {noun}" for c, noun, _ in groups if counts[c])
    money = "; ".join(f"{noun} {format_number(prize(book, c))} đồng/{per} "
                      f"({amount_in_words(prize(book, c))})" for c, noun, per in groups if counts[c])
    return (f"Tặng Giấy khen cho {who} có thành tích xuất sắc trong phong trào thi đua “Dân vận "
            f"khéo” năm {year} (có danh sách kèm theo). Kèm theo Giấy khen là tiền thưởng: {money}.")


def _attached_note(book: Workbook, common: CommonContext, date: dt.date | None) -> str:
    cited = common.so_ky_hieu.removeprefix("Số:").removeprefix("Số")
    when = date_words(date) if date else f"ngày      tháng      năm {common.nam}"
    issuer = book.settings.text("issuer_name")
    return f"Kèm theo Quyết định số{cited} {when}" + (f" của {issuer}" if issuer else "")
