"""Giấy mời dự lễ tuyên dương: one invitation per recipient, or per unit (``--mode theo-don-vi``).

The recipients are the recognised models' (the decision's list); time and place of the ceremony
come from Cấu hình “Thời gian lễ tuyên dương” and “Địa điểm lễ tuyên dương”. Letterhead, number
line left blank for the văn thư (type code GM), Nơi nhận and signature per the profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DocumentDataError
from ..formats.blocks import letterhead, signature, title
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from ..rules.locations import setting_cell
from ..vntext import leading_zero
from .giay_chung_nhan import is_award, recipient_name, recognised_in_scope
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend, unit_name

KIND_NAME = "giay-moi"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "GM"  #: giấy mời (NĐ 30 Phụ lục III)
MODES = ("", "theo-don-vi")  #: one per recipient; one per unit


@dataclass(frozen=True)
class InvitationContext(CommonContext):
    """Names of the invitation template, beyond the shared ones."""

    co_quan: str  #: who invites, as in a sentence: “Ban Thường vụ Đảng ủy Khối”
    kinh_moi: str  #: the guest: “Chi bộ Thôn 3” / “Ông/Bà: NGUYỄN VĂN A” / the unit's leaders
    ly_do: str  #: what for: “… và nhận Giấy khen (mô hình “…”)”
    thoi_gian: str
    dia_diem: str
    ten: str  #: names the file: the guest


def build(book: Workbook, options: RenderOptions) -> list[InvitationContext]:
    """One invitation per recognised model's recipient, or per unit with ``--mode theo-don-vi``.

    Raises :class:`DocumentDataError` naming the Cấu hình cell when time or place is missing.
    """
    if options.mode not in MODES:
        raise DocumentDataError(f"Không có kiểu “{options.mode}” cho giấy mời.",
                                hint="Dùng --mode theo-don-vi (mặc định: mỗi tập thể, cá nhân một giấy).")
    when, where = (_required(book, key, label) for key, label in (
        ("ceremony_time", "Thời gian lễ tuyên dương"), ("ceremony_place", "Địa điểm lễ tuyên dương")))
    models = recognised_in_scope(book, options.unit)
    prize = "Giấy khen" if is_award(book, "") else "Giấy chứng nhận"
    year = book.settings.get("year")
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Dự Hội nghị tuyên dương mô hình, điển hình “Dân vận khéo” năm {year}")
    inviter = book.settings.text("issuer_name") or book.settings.text("issuing_body").title()
    event = f"Tới dự Hội nghị tuyên dương mô hình, điển hình “Dân vận khéo” năm {year}"
    contexts = []
    for guest, chosen in _guests(book, models, options.mode):
        reason = (f"{event} và nhận {prize} mô hình “{chosen[0].name}”." if len(chosen) == 1 else
                  f"{event}; đơn vị có {leading_zero(len(chosen))} tập thể, cá nhân được nhận {prize}.")
        contexts.append(extend(common, InvitationContext, co_quan=inviter, kinh_moi=guest, ly_do=reason,
                               thoi_gian=when, dia_diem=where, ten=guest.removeprefix("Ông/Bà: ")))
    return contexts


def write_body(doc: TemplateWriter) -> None:
    """Letterhead, GIẤY MỜI, the guest, what for, time, place, Nơi nhận and signature."""
    letterhead(doc)
    title(doc, "GIẤY MỜI")
    doc.body("{{ co_quan }} trân trọng kính mời:")
    doc.centered("{{ kinh_moi }}", element="heading", space_before=6)
    doc.body("{{ ly_do }}")
    doc.body(("Thời gian: ", "article_label"), "{{ thoi_gian }}.")
    doc.body(("Địa điểm: ", "article_label"), "{{ dia_diem }}.")
    doc.body("Rất mong được đón tiếp đúng giờ./.")
    signature(doc)


def describe(context: InvitationContext) -> str:
    """The record as clerks name it."""
    return f"giấy mời {context.ten}"


KIND = DocumentKind(KIND_NAME, "Giấy mời", InvitationContext, build, write_body, describe,
                    type_code=TYPE_CODE, modes=MODES[1:])


def _guests(book: Workbook, models: list[Model], mode: str) -> list[tuple[str, list[Model]]]:
    if mode != "theo-don-vi":
        return [(recipient_name(book, m), [m]) for m in models]
    units: dict[str, list[Model]] = {}
    for model in models:
        units.setdefault(model.unit_code, []).append(model)
    return [(f"Lãnh đạo {unit_name(book, code)}", chosen) for code, chosen in units.items()]


def _required(book: Workbook, key: str, label: str) -> str:
    value = book.settings.text(key)
    if not value:
        raise DocumentDataError(f"{setting_cell(book, key)}: chưa có “{label}” để ghi trên giấy mời.",
                                hint=f"Ghi {label.lower()} vào sheet “Cấu hình”.")
    return value
