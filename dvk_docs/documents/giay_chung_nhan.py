"""Giấy chứng nhận / Giấy khen “Dân vận khéo”: one A4 landscape sheet per recognised model.

Wording follows format-rules-research §4.5: the national motto (State, union) or "ĐẢNG CỘNG SẢN
VIỆT NAM" (Party), the deciding body, "CHỨNG NHẬN" + "GIẤY CHỨNG NHẬN" or "TẶNG" + "GIẤY KHEN", the
model and who carried it out (a person: "Ông/Bà: …"), the achievement, then the decision's number
and date on the left and the place, date and signature on the right. Giấy khen when Cấu hình
"Khen thưởng kèm quyết định" is "Có" or with ``--mode giay-khen``; ``--mode giay-chung-nhan``
forces the certificate. Only models whose result is "Đạt" get one; ``--unit CODE`` limits to one
unit. The order is the decision list's (persons by name when Cấu hình "Sắp xếp theo tên" is "Có").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import DocumentDataError
from ..formats.blocks import signer
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from ..rules.voting import recognised_models
from ..vntext import fold_key
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, chosen_unit, common_context, extend, unit_name
from .quyet_dinh_cong_nhan import list_order

KIND_NAME = "giay-chung-nhan"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "QĐ"  #: the certificate cites the recognition decision
MODES = ("giay-chung-nhan", "giay-khen")  #: ``--mode`` values; "" = from Cấu hình "award"


@dataclass(frozen=True)
class CertificateContext(CommonContext):
    """Names of the certificate template, beyond the shared ones."""

    tieu_de: str  #: "GIẤY CHỨNG NHẬN" or "GIẤY KHEN"
    loi_dan: str  #: "CHỨNG NHẬN" or "TẶNG"
    cap: str  #: the deciding body in capitals, "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI …"
    dong_chinh: str  #: "Mô hình “…”" or "Ông/Bà: NGUYỄN VĂN A"
    dong_phu: str  #: who / where: "Của: Chi bộ Thôn 3 - Xã Tân Hương"
    thanh_tich: str  #: "Đạt mô hình “Dân vận khéo” năm 2024"
    quyet_dinh: str  #: "Quyết định số 123-QĐ/ĐUK ngày 15/10/2024"
    so_vao_so: str  #: "Số vào sổ: 05"
    ten_mo_hinh: str
    thuc_hien: str
    don_vi: str


def build(book: Workbook, options: RenderOptions) -> list[CertificateContext]:
    """One certificate per recognised model (of ``options.unit`` when given).

    Raises :class:`DocumentDataError` for an unknown mode or unit, or when no model is recognised.
    """
    award = _is_award(book, options.mode)
    models = recognised_in_scope(book, options.unit)
    settings = book.settings
    number = settings.text("decision_number")
    date = settings.get("decision_date")
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary="Giấy khen" if award else "Giấy chứng nhận", number=number,
                            date=date)
    cited = common.so_ky_hieu.split(" ", 1)[1]  # "Số 12-QĐ/ĐUK" / "Số:      /QĐ-UBND" -> after "Số"
    when = f" ngày {date.day:02d}/{date.month:02d}/{date.year}" if isinstance(date, dt.date) else \
        " ngày …/…/" + str(common.nam)
    decider = (settings.text("decider") or settings.text("issuing_body")).upper()
    contexts = []
    for index, model in enumerate(models, start=1):
        contexts.append(extend(
            common, CertificateContext,
            tieu_de="GIẤY KHEN" if award else "GIẤY CHỨNG NHẬN",
            loi_dan="TẶNG" if award else "CHỨNG NHẬN",
            cap=decider,
            dong_chinh=_main_line(model, award),
            dong_phu=_second_line(book, model, award),
            thanh_tich=_achievement(model, award, common.nam),
            quyet_dinh=f"Quyết định số {cited}{when}",
            so_vao_so=f"Số vào sổ: {index:02d}",
            ten_mo_hinh=model.name,
            thuc_hien=model.performer,
            don_vi=unit_name(book, model.unit_code),
        ))
    return contexts


def write_body(doc: TemplateWriter) -> None:
    """A4 landscape: motto or Party title, deciding body, title, the model, decision and signature."""
    doc.landscape()
    header = doc.profile.section("header")
    for text, element in zip(header["right_lines"], header["right_styles"], strict=True):
        doc.centered(text, element=element)
    doc.centered("{{ cap }}", element="issuing_body", space_before=18)
    doc.centered("{{ loi_dan }}", element="heading", space_before=12)
    doc.centered("{{ tieu_de }}", element="title", space_before=6)
    doc.centered("{{ dong_chinh }}", element="heading", space_before=18)
    doc.centered("{{ dong_phu }}", element="body", space_before=6)
    doc.centered("{{ thanh_tich }}", element="heading", space_before=12)
    doc.blank()
    width = doc.text_width_cm
    table = doc.layout_table([width * 0.45, width * 0.55])
    left, right = table.rows[0].cells
    doc.paragraph("{{ quyet_dinh }}", element="date", align="left", into=left, space_before=24)
    doc.paragraph("{{ so_vao_so }}", element="date", align="left", into=left)
    doc.centered("{{ ngay_thang }}", element="date", into=right)
    signer(doc, right, blank_lines=3)


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


def _is_award(book: Workbook, mode: str) -> bool:
    if mode and mode not in MODES:
        raise DocumentDataError(f"Không có kiểu “{mode}” cho giấy chứng nhận.",
                                hint=f"Dùng --mode {' hoặc --mode '.join(MODES)}.")
    if mode:
        return mode == "giay-khen"
    return fold_key(book.settings.text("award")) == fold_key("Có")


def _main_line(model: Model, award: bool) -> str:
    if model.is_collective:
        return model.performer if award and model.performer else f"Mô hình “{model.name}”"
    return f"Ông/Bà: {model.performer.upper()}" if model.performer else f"Điển hình “{model.name}”"


def _second_line(book: Workbook, model: Model, award: bool) -> str:
    unit = unit_name(book, model.unit_code)
    if model.is_collective and not award:
        return f"Của: {' - '.join(p for p in (model.performer, unit) if p)}"
    if model.is_collective:
        return f"Với mô hình “{model.name}” - {unit}"
    return f"Đơn vị: {unit} - với mô hình “{model.name}”"


def _achievement(model: Model, award: bool, year: int) -> str:
    if award:
        return f"Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm {year}"
    noun = "mô hình" if model.list_category == "Mô hình" else "điển hình"
    return f"Đạt {noun} “Dân vận khéo” năm {year}"
