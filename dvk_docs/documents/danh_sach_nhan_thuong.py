"""Danh sách nhận thưởng: the receipt list the accountant pays out from (certificates, prize money).

One row per recognised model (the decision's list), grouped by unit in Đơn vị order: unit,
recipient, what is received (Giấy khen / Giấy chứng nhận), the prize money in figures (the
decision's Điều 2: coefficient × base salary rounded up to 10.000 đồng, when Cấu hình “Khen
thưởng kèm quyết định” is “Có”) and an empty column to sign; totals in figures and in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats.blocks import letterhead, signer, title
from ..formats.builder import TemplateWriter
from ..model import Workbook
from ..vntext import amount_in_words, format_number, leading_zero
from .giay_chung_nhan import TYPE_CODE as TYPE_CODE_DECISION
from .giay_chung_nhan import decision_citation, is_award, recipient_name, recognised_in_scope
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend, unit_name
from .quyet_dinh_cong_nhan import prize

KIND_NAME = "danh-sach-nhan-thuong"  #: slug, template file stem
TYPE_CODE = "DS"  #: danh sách (not numbered)


@dataclass(frozen=True)
class ReceiptRow:
    """One recipient."""

    stt: int
    don_vi: str
    nguoi_nhan: str
    hinh_thuc: str  #: “Giấy khen” / “Giấy chứng nhận”
    so_tien: str  #: “710.000” (“” without prize money)


@dataclass(frozen=True)
class ReceiptContext(CommonContext):
    """Names of the receipt list template, beyond the shared ones."""

    dong: tuple[ReceiptRow, ...]
    so_tap_the: str  #: “05”
    so_ca_nhan: str
    tong_tien: str  #: “12.340.000” (“” without prize money)
    bang_chu: str  #: “Mười hai triệu ba trăm bốn mươi nghìn đồng”
    kem_theo: str  #: the decision: “Quyết định số … ngày …”


def build(book: Workbook, options: RenderOptions) -> list[ReceiptContext]:
    """The receipt list of every recognised model (of ``options.unit``), by unit."""
    models = recognised_in_scope(book, options.unit)
    units = {u.code: i for i, u in enumerate(book.units)}
    models = sorted(models, key=lambda m: units.get(m.unit_code, len(units)))
    award = is_award(book, "")
    form = "Giấy khen" if award else "Giấy chứng nhận"
    amounts = [prize(book, m.is_collective) if award else 0 for m in models]
    rows = tuple(ReceiptRow(i, unit_name(book, m.unit_code), recipient_name(book, m).removeprefix("Ông/Bà: "),
                            form, format_number(amount) if award else "")
                 for i, (m, amount) in enumerate(zip(models, amounts, strict=True), start=1))
    total = sum(amounts)
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Nhận thưởng mô hình, điển hình “Dân vận khéo” năm {book.settings.get('year')}")
    collective = sum(m.is_collective for m in models)
    return [extend(common, ReceiptContext, dong=rows, so_tap_the=leading_zero(collective),
                   so_ca_nhan=leading_zero(len(models) - collective),
                   tong_tien=format_number(total) if award else "",
                   bang_chu=amount_in_words(total) if award else "",
                   kem_theo=_decision(book, options, common.nam))]


def write_body(doc: TemplateWriter) -> None:
    """Landscape: letterhead, title, the table with totals, amounts in words, three signatures."""
    doc.landscape()
    letterhead(doc, number=False)
    title(doc, "DANH SÁCH NHẬN THƯỞNG")
    doc.centered("({{ kem_theo }})", element="appendix_note")
    width = doc.text_width_cm
    doc.data_table([1.1, width * 0.27, width * 0.27, 3.6, 3.4, width - 8.1 - width * 0.54],
                   header=[["TT", "Đơn vị", "Tập thể, cá nhân nhận", "Hình thức", "Số tiền (đồng)",
                            "Ký nhận"]],
                   row=["{{ d.stt }}", "{{ d.don_vi }}", "{{ d.nguoi_nhan }}", "{{ d.hinh_thuc }}",
                        "{{ d.so_tien }}", ""],
                   loop="for d in dong", center_columns=(0, 3, 4))
    doc.body(("Tổng cộng: ", "article_label"), "{{ so_tap_the }} tập thể, {{ so_ca_nhan }} cá nhân"
             "{% if tong_tien %}; số tiền: {{ tong_tien }} đồng{% endif %}.")
    doc.tag("{%p if bang_chu %}")
    doc.body(("Số tiền bằng chữ: ", "article_label"), "{{ bang_chu }}.")
    doc.tag("{%p endif %}")
    doc.blank()
    third = width / 3
    table = doc.layout_table([third, third, third])
    first, second, last = table.rows[0].cells
    doc.centered("NGƯỜI LẬP DANH SÁCH", element="signer_title", into=first)
    doc.centered("KẾ TOÁN", element="signer_title", into=second)
    doc.centered("{{ ngay_thang }}", element="date", into=last)
    signer(doc, last, blank_lines=3)


def describe(context: ReceiptContext) -> str:
    """The record as clerks name it."""
    return f"danh sách nhận thưởng {len(context.dong)} tập thể, cá nhân"


KIND = DocumentKind(KIND_NAME, "Danh sách nhận thưởng", ReceiptContext, build, write_body, describe,
                    type_code=TYPE_CODE)


def _decision(book: Workbook, options: RenderOptions, year: int) -> str:
    settings = book.settings
    symbol = options.profile.symbol(TYPE_CODE_DECISION, settings.text("issuing_abbr"))
    line = options.profile.number_line(settings.text("decision_number"), symbol)
    return f"Kèm theo {decision_citation(line, settings.get('decision_date'), year)}"
