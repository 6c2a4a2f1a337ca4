"""Danh sách tuyên dương: the order of honour for the ceremony (seed 004: tuyên dương on 15/10;
seed 003 §5: “gặp mặt, khen thưởng”).

The recognised models (the decision's list order) grouped for the stage by unit (Đơn vị order)
or by field (Cấu hình “Danh mục lĩnh vực” order), as Cấu hình “Chia lượt theo” says, each group
cut into turns of at most “Số người mỗi lượt lên sân khấu” (default 10). Each turn has the MC's
invitation and, for each recipient, the sentence the MC reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats.blocks import letterhead, title
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from ..vntext import fold_key, leading_zero
from .giay_chung_nhan import is_award, recipient_name, recognised_in_scope
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, configured_fields, extend, unit_name

KIND_NAME = "danh-sach-tuyen-duong"  #: slug, template file stem
TYPE_CODE = "DS"  #: danh sách (not numbered)
DEFAULT_GROUP = 10  #: people on the stage at once when Cấu hình does not say
BY_FIELD = "Lĩnh vực"  #: Cấu hình “Chia lượt theo”: by field (else by unit)


@dataclass(frozen=True)
class StageRow:
    """One recipient of a turn, with the MC's sentence."""

    stt: int  #: order in the whole ceremony
    nguoi_nhan: str
    don_vi: str
    mo_hinh: str
    loi_doc: str  #: “Đồng chí Nguyễn Văn A, Chi bộ …, với mô hình “…”.”


@dataclass(frozen=True)
class StageGroup:
    """One turn on the stage."""

    tieu_de: str  #: “Lượt 1 - Lĩnh vực Kinh tế (10 tập thể, cá nhân)”
    loi_moi: str  #: the MC's invitation
    dong: tuple[StageRow, ...]


@dataclass(frozen=True)
class CeremonyContext(CommonContext):
    """Names of the order-of-honour template, beyond the shared ones."""

    luot: tuple[StageGroup, ...]
    so_nguoi: str  #: “178”
    phan_thuong: str  #: “Giấy khen” / “Giấy chứng nhận”


def build(book: Workbook, options: RenderOptions) -> list[CeremonyContext]:
    """The order of honour of every recognised model (of ``options.unit``)."""
    models = recognised_in_scope(book, options.unit)
    prize = "Giấy khen" if is_award(book, "") else "Giấy chứng nhận"
    size = int(book.settings.get("stage_group_size") or DEFAULT_GROUP)
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Tuyên dương mô hình, điển hình “Dân vận khéo” năm "
                                    f"{book.settings.get('year')} (thứ tự lên sân khấu)")
    groups: list[StageGroup] = []
    order = 0
    for label, members in _groups(book, models):
        for start in range(0, len(members), max(size, 1)):
            turn = members[start:start + size]
            rows = []
            for model in turn:
                order += 1
                rows.append(_row(book, order, model))
            groups.append(StageGroup(
                f"Lượt {len(groups) + 1} - {label} ({leading_zero(len(turn))} tập thể, cá nhân)",
                f"Xin trân trọng kính mời đại diện lãnh đạo lên trao {prize} cho {leading_zero(len(turn))} "
                f"tập thể, cá nhân {label[0].lower() + label[1:]}.",
                tuple(rows)))
    return [extend(common, CeremonyContext, luot=tuple(groups), so_nguoi=leading_zero(order),
                   phan_thuong=prize)]


def write_body(doc: TemplateWriter) -> None:
    """Letterhead, title, then each turn: heading, the MC's invitation, the table, the MC's lines."""
    letterhead(doc, number=False)
    title(doc, "DANH SÁCH TUYÊN DƯƠNG")
    doc.body("Tổng số: {{ so_nguoi }} tập thể, cá nhân nhận {{ phan_thuong }}.")
    width = doc.text_width_cm
    doc.tag("{%p for g in luot %}")
    doc.paragraph("{{ g.tieu_de }}", element="heading", align="left", space_before=12, keep_next=True)
    doc.paragraph(("MC: ", "article_label"), "{{ g.loi_moi }}", element="basis", align="justify",
                  keep_next=True)
    doc.data_table([1.0, width * 0.3, width * 0.27, width - 1.0 - width * 0.57],
                   header=[["TT", "Tập thể, cá nhân", "Đơn vị", "Mô hình, điển hình"]],
                   row=["{{ d.stt }}", "{{ d.nguoi_nhan }}", "{{ d.don_vi }}", "{{ d.mo_hinh }}"],
                   loop="for d in g.dong", center_columns=(0,))
    doc.tag("{%p for d in g.dong %}")
    doc.paragraph("{{ d.stt }}. {{ d.loi_doc }}", element="body", align="justify")
    doc.tag("{%p endfor %}")
    doc.tag("{%p endfor %}")


def describe(context: CeremonyContext) -> str:
    """The record as clerks name it."""
    return f"danh sách tuyên dương {context.so_nguoi} tập thể, cá nhân"


KIND = DocumentKind(KIND_NAME, "Danh sách tuyên dương", CeremonyContext, build, write_body, describe,
                    type_code=TYPE_CODE)


def _groups(book: Workbook, models: list[Model]) -> list[tuple[str, list[Model]]]:
    """(label, models) by field in Cấu hình order, or by unit in Đơn vị order; the list order kept
    inside each group."""
    by_field = fold_key(book.settings.text("stage_group_by")) == fold_key(BY_FIELD)
    if by_field:
        order = {fold_key(f): i for i, f in enumerate(configured_fields(book))}
    else:
        order = {u.code: i for i, u in enumerate(book.units)}

    def position(model: Model) -> tuple[int, str]:
        value = fold_key(model.field) if by_field else model.unit_code
        return order.get(value, len(order)), value

    groups: dict[tuple[int, str], tuple[str, list[Model]]] = {}
    for model in sorted(models, key=position):
        label = f"Lĩnh vực {model.field}" if by_field else unit_name(book, model.unit_code)
        groups.setdefault(position(model), (label, []))[1].append(model)
    return list(groups.values())


def _row(book: Workbook, order: int, model: Model) -> StageRow:
    who = recipient_name(book, model)
    unit = unit_name(book, model.unit_code)
    person = "" if model.is_collective else "Ông/Bà "
    where = "" if fold_key(unit) in fold_key(who) else f", {unit}"
    return StageRow(order, who, unit, model.name,
                    f"{person}{who.removeprefix('Ông/Bà: ')}{where}, với mô hình “{model.name}”.")
