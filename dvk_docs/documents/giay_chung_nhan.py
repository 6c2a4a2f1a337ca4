"""Giấy chứng nhận / Giấy khen “Dân vận khéo”: one framed A4 landscape sheet per recognised model.

A sheet worth framing (format-rules-research §4.5, issue 15): a frame the project draws itself (a
page border: vector lines, the same in Word and LibreOffice, inside the printable area); the
body's emblem or logo from Cấu hình “Ảnh biểu trưng” (none when blank); the national motto (State,
union) or “ĐẢNG CỘNG SẢN VIỆT NAM” (Party); the deciding body; the title “GIẤY CHỨNG NHẬN” or
“TẶNG” + “GIẤY KHEN” large and red, once; the recipient's name large; the model; the grounds
(decision number, date and body); the register number (“Số vào sổ”) on the left and the place,
date and signature with seal on the right. Sizes, colours, margins and the frame come from the
profile (``certificate`` and the ``certificate_*`` styles).

Giấy khen when Cấu hình "Khen thưởng kèm quyết định" is "Có" or with ``--mode giay-khen``;
``--mode giay-chung-nhan`` forces the certificate. Only recognised models (scoring and, when the
book has one, the vote) get one; ``--unit CODE`` limits to one unit. The order is the decision
list's (persons by name when Cấu hình "Sắp xếp theo tên" is "Có").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docx.shared import Mm
from lxml import etree

from ..errors import DocumentDataError
from ..formats.blocks import signer
from ..formats.builder import TemplateWriter
from ..formats.ooxml import W, place
from ..model import Model, Workbook
from ..rules.locations import setting_cell
from ..rules.voting import recognised_models
from ..vntext import fold_key
from .kind import DocumentKind, RenderOptions
from .parts import (
    CommonContext,
    Picture,
    chosen_unit,
    common_context,
    extend,
    image_file,
    unit_name,
)
from .quyet_dinh_cong_nhan import list_order

KIND_NAME = "giay-chung-nhan"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "QĐ"  #: the certificate cites the recognition decision
MODES = ("giay-chung-nhan", "giay-khen")  #: ``--mode`` values; "" = from Cấu hình "award"


@dataclass(frozen=True)
class CertificateContext(CommonContext):
    """Names of the certificate template, beyond the shared ones."""

    tieu_de: str  #: "GIẤY CHỨNG NHẬN" or "GIẤY KHEN"
    loi_dan: str  #: "TẶNG" above "GIẤY KHEN"; "" for a certificate (the title says it)
    cap: str  #: the deciding body in capitals, "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI …"
    dong_chinh: str  #: the recipient: "Chi bộ Thôn 3" or "Ông/Bà: NGUYỄN VĂN A"
    dong_phu: str  #: the recipient's unit: "Đơn vị: Xã Tân Hương" ("" when it is the recipient)
    mo_hinh: str  #: "Mô hình “…”" / "Điển hình “…”"
    thanh_tich: str  #: "Đạt mô hình “Dân vận khéo” năm 2024"
    quyet_dinh: str  #: "Quyết định số 123-QĐ/ĐUK ngày 15/10/2024"
    can_cu_khen: str  #: the grounds line: "(Theo Quyết định số … ngày … của Ban Thường vụ …)"
    so_vao_so: str  #: "Số vào sổ: 05"
    bieu_trung: Picture | None  #: the emblem or logo of Cấu hình “Ảnh biểu trưng”, or None
    ten_mo_hinh: str
    thuc_hien: str
    don_vi: str


def build(book: Workbook, options: RenderOptions) -> list[CertificateContext]:
    """One certificate per recognised model (of ``options.unit`` when given).

    Raises :class:`DocumentDataError` for an unknown mode or unit, or when no model is recognised.
    """
    award = is_award(book, options.mode)
    models = recognised_in_scope(book, options.unit)
    settings = book.settings
    number = settings.text("decision_number")
    date = settings.get("decision_date")
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary="Giấy khen" if award else "Giấy chứng nhận", number=number,
                            date=date)
    decision = decision_citation(common.so_ky_hieu, date, common.nam)
    decider = (settings.text("decider") or settings.text("issuing_body")).upper()
    issuer = settings.text("issuer_name")
    logo = logo_picture(book, options.profile.section("certificate")["logo_width_mm"])
    contexts = []
    for index, model in enumerate(models, start=1):
        contexts.append(extend(
            common, CertificateContext,
            tieu_de="GIẤY KHEN" if award else "GIẤY CHỨNG NHẬN",
            loi_dan="TẶNG" if award else "",
            cap=decider,
            dong_chinh=recipient_name(book, model),
            dong_phu=_unit_line(book, model),
            mo_hinh=f"{'Mô hình' if model.list_category == 'Mô hình' else 'Điển hình'} “{model.name}”",
            thanh_tich=_achievement(model, award, common.nam),
            quyet_dinh=decision,
            can_cu_khen=f"(Theo {decision}" + (f" của {issuer})" if issuer else ")"),
            so_vao_so=f"Số vào sổ: {index:02d}",
            bieu_trung=logo,
            ten_mo_hinh=model.name,
            thuc_hien=model.performer,
            don_vi=unit_name(book, model.unit_code),
        ))
    return contexts


def write_body(doc: TemplateWriter) -> None:
    """A4 landscape in a frame: logo and motto, deciding body, red title, recipient, model, grounds,
    register number and signature."""
    look = doc.profile.section("certificate")
    doc.landscape()
    section = doc.document.sections[-1]
    margins = look["margins_mm"]
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    page_frame(section._sectPr, look["frame"])
    width = doc.text_width_cm
    logo = look["logo_column_cm"]
    top = doc.layout_table([logo, width - 2 * logo, logo])
    doc.centered("{{ bieu_trung }}", element="body", into=top.rows[0].cells[0])  # None prints nothing
    header = doc.profile.section("header")
    for text, element in zip(header["right_lines"], header["right_styles"], strict=True):
        doc.centered(text, element=element, into=top.rows[0].cells[1])
    doc.centered("{{ cap }}", element="issuing_body", into=top.rows[0].cells[1], space_before=10)
    doc.tag("{%p if loi_dan %}")
    doc.centered("{{ loi_dan }}", element="heading", space_before=4)
    doc.tag("{%p endif %}")
    doc.centered("{{ tieu_de }}", element="certificate_title", space_before=10)
    doc.centered("{{ dong_chinh }}", element="certificate_name", space_before=16)
    doc.tag("{%p if dong_phu %}")
    doc.centered("{{ dong_phu }}", element="certificate_text")
    doc.tag("{%p endif %}")
    doc.centered("{{ mo_hinh }}", element="certificate_model", space_before=12)
    doc.centered("{{ thanh_tich }}", element="certificate_text", space_before=10)
    bottom = doc.layout_table([width * 0.5, width * 0.5])
    left, right = bottom.rows[0].cells
    doc.paragraph("{{ can_cu_khen }}", element="appendix_note", align="left", into=left, space_before=40)
    doc.paragraph("{{ so_vao_so }}", element="date", align="left", into=left, space_before=6)
    doc.centered("{{ ngay_thang }}", element="date", into=right, space_before=18)
    signer(doc, right, blank_lines=3)


def page_frame(section: etree._Element, frame: dict) -> None:
    """A border round the page (``w:pgBorders`` of the section ``section``), measured from the
    page's edge: the profile's line style, width (eighths of a point), distance (pt) and colour."""
    borders = place(section, section.makeelement(W + "pgBorders", {W + "offsetFrom": "page"}))
    for side in ("top", "left", "bottom", "right"):
        borders.append(borders.makeelement(W + side, {
            W + "val": frame["style"], W + "sz": str(frame["width_eighth_pt"]),
            W + "space": str(frame["offset_pt"]), W + "color": frame["color"]}))


def logo_picture(book: Workbook, width_mm: float) -> Picture | None:
    """Cấu hình “Ảnh biểu trưng” as a picture ``width_mm`` wide, or None when blank.

    Raises :class:`DocumentDataError` naming the Cấu hình cell when the file is not there or is no picture.
    """
    path = book.settings.text("logo_image")
    if not path:
        return None
    return Picture(str(image_file(book, path, setting_cell(book, "logo_image"))), width_mm)


def describe(context: CertificateContext) -> str:
    """The record as clerks name it."""
    return f"{context.tieu_de.lower()} “{context.ten_mo_hinh}”"


KIND = DocumentKind(KIND_NAME, "Giấy chứng nhận", CertificateContext, build, write_body, describe,
                    type_code=TYPE_CODE, modes=MODES)


def recognised_in_scope(book: Workbook, unit_code: str | None) -> list[Model]:
    """The recognised models (of one unit), sorted by name when Cấu hình asks.

    Raises :class:`DocumentDataError` for an unknown unit or when no model is recognised.
    """
    models = recognised_models(book)
    if unit_code:
        chosen_unit(book, unit_code)
        models = [m for m in models if m.unit_code == unit_code]
    if not models:
        raise DocumentDataError(
            "Chưa có mô hình nào đạt, không thể lập giấy chứng nhận.",
            hint="Nhập điểm vào sheet “Chấm điểm” rồi bấm “Tính điểm và xét công nhận”.")
    return list_order(book, models)


def decision_citation(number_line: str, date: object, year: int) -> str:
    """“Quyết định số 12-QĐ/ĐUK ngày 15/10/2024” from the decision's number line and date (blank
    number and “…/…/2024” when not issued yet)."""
    cited = number_line.split(" ", 1)[1]  # "Số 12-QĐ/ĐUK" / "Số:      /QĐ-UBND" -> after "Số"
    when = f" ngày {date.day:02d}/{date.month:02d}/{date.year}" if isinstance(date, dt.date) else \
        f" ngày …/…/{year}"
    return f"Quyết định số {cited}{when}"


def is_award(book: Workbook, mode: str) -> bool:
    """Giấy khen (``mode`` giay-khen, or Cấu hình “Khen thưởng kèm quyết định” = Có) rather than
    Giấy chứng nhận. Raises :class:`DocumentDataError` for an unknown mode."""
    if mode and mode not in MODES:
        raise DocumentDataError(f"Không có kiểu “{mode}” cho giấy chứng nhận.",
                                hint=f"Dùng --mode {' hoặc --mode '.join(MODES)}.")
    if mode:
        return mode == "giay-khen"
    return fold_key(book.settings.text("award")) == fold_key("Có")


def recipient_name(book: Workbook, model: Model) -> str:
    """Who receives it: the collective (else its unit) or “Ông/Bà: NAME”."""
    if model.is_collective:
        return model.performer or unit_name(book, model.unit_code)
    return f"Ông/Bà: {model.performer.upper()}" if model.performer else unit_name(book, model.unit_code)


def _unit_line(book: Workbook, model: Model) -> str:
    unit = unit_name(book, model.unit_code)
    recipient = model.performer or unit
    return "" if fold_key(recipient) == fold_key(unit) else f"Đơn vị: {unit}"


def _achievement(model: Model, award: bool, year: int) -> str:
    if award:
        return f"Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm {year}"
    noun = "mô hình" if model.list_category == "Mô hình" else "điển hình"
    return f"Đạt {noun} “Dân vận khéo” năm {year}"
