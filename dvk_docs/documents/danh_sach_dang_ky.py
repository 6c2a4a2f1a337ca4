"""Danh sách đăng ký xây dựng mô hình, điển hình “Dân vận khéo” (seed 000, form attached to the
Hướng dẫn 29/HD-LĐLĐ): one landscape list per unit (``--unit CODE``) or for every unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DocumentDataError
from ..formats.blocks import attachment_heading, letterhead, signature
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend

KIND_NAME = "danh-sach-dang-ky"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "DS"  #: local convention: NĐ 30 has no "Danh sách" type (research §1.3)
MARK = "X"  #: the mark in the continued / new columns


@dataclass(frozen=True)
class RegistrationRow:
    """One registered model."""

    stt: int
    thuc_hien: str  #: collective or person carrying it out
    ten_mo_hinh: str
    duy_tri: str  #: "X" when continued from an earlier year
    moi: str  #: "X" when registered for the first time
    linh_vuc: str
    don_vi: str  #: unit name
    dia_diem: str
    ghi_chu: str


@dataclass(frozen=True)
class RegistrationContext(CommonContext):
    """Names of the registration list template, beyond the shared ones."""

    don_vi: str  #: the unit's name for one unit's list, else ""
    dong: tuple[RegistrationRow, ...]
    so_mo_hinh: str  #: "05" (leading zero)


def build(book: Workbook, options: RenderOptions) -> list[RegistrationContext]:
    """One list: every registered model, or one unit's (``options.unit``).

    Raises :class:`DocumentDataError` for an unknown unit or when no model is registered.
    """
    models = list(book.models)
    unit_name = ""
    if options.unit:
        unit = book.unit(options.unit)
        if unit is None:
            raise DocumentDataError(f"Không có đơn vị mã “{options.unit}” trong sheet “Đơn vị”.",
                                    hint="Kiểm tra lại mã đơn vị ghi sau --unit.")
        unit_name = unit.name
        models = [m for m in models if m.unit_code == unit.code]
    if not models:
        where = f" của {unit_name}" if unit_name else ""
        raise DocumentDataError(f"Chưa có mô hình nào đăng ký{where}, không có gì để lập danh sách.",
                                hint="Nhập các mô hình vào sheet “Mô hình”.")
    year = book.settings.get("year")
    common = common_context(
        book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
        summary=f"đăng ký xây dựng mô hình, điển hình “Dân vận khéo” năm {year}",
    )
    rows = tuple(_row(book, index, m) for index, m in enumerate(models, start=1))
    return [extend(common, RegistrationContext, don_vi=unit_name, dong=rows,
                   so_mo_hinh=f"{len(rows):02d}")]


def write_body(doc: TemplateWriter) -> None:
    """Landscape page: letterhead, title, the table (header repeated), signature."""
    doc.landscape()
    letterhead(doc, number=False)
    attachment_heading(doc, "DANH SÁCH", "{{ trich_yeu }}",
                       "{% if don_vi %}Đơn vị: {{ don_vi }}{% else %}Tổng hợp các đơn vị{% endif %}")
    width = doc.text_width_cm
    fixed = 1.2 + 2.4 + 2.4 + 4.5
    doc.data_table(
        [1.2, (width - fixed) * 0.45, (width - fixed) * 0.55, 2.4, 2.4, 4.5],
        header=[["STT", "Tên tập thể hoặc cá nhân xây dựng mô hình, điển hình",
                 "Tên mô hình hoặc điển hình", "Tiếp tục đăng ký", "Đăng ký xây dựng mới",
                 "Lĩnh vực"]],
        row=["{{ d.stt }}", "{{ d.thuc_hien }}", "{{ d.ten_mo_hinh }}", "{{ d.duy_tri }}",
             "{{ d.moi }}", "{{ d.linh_vuc }}"],
        loop="for d in dong",
        center_columns=(0, 3, 4),
    )
    doc.paragraph("Tổng số: {{ so_mo_hinh }} mô hình, điển hình.", element="body", align="left",
                  space_before=6)
    signature(doc)


def describe(context: RegistrationContext) -> str:
    """The record as clerks name it."""
    return f"danh sách đăng ký {context.don_vi or 'các đơn vị'}"


KIND = DocumentKind(KIND_NAME, "Danh sách đăng ký", RegistrationContext, build, write_body, describe,
                    type_code=TYPE_CODE)


def _row(book: Workbook, index: int, model: Model) -> RegistrationRow:
    unit = book.unit(model.unit_code)
    return RegistrationRow(
        stt=index,
        thuc_hien=model.performer,
        ten_mo_hinh=model.name,
        duy_tri="" if model.is_new else MARK,
        moi=MARK if model.is_new else "",
        linh_vuc=model.field,
        don_vi=unit.name if unit else model.unit_code,
        dia_diem=model.place,
        ghi_chu=model.note,
    )
