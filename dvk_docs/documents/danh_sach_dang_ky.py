"""Danh sách đăng ký xây dựng mô hình, điển hình “Dân vận khéo” (seed 000, form attached to the
Hướng dẫn 29/HD-LĐLĐ): one landscape list per unit (``--unit CODE``) or for every unit.

Columns as in the seed: STT | Tên tập thể hoặc cá nhân xây dựng mô hình điển hình | Tên mô hình hoặc
điển hình | Tiếp tục đăng ký | Đăng ký xây dựng mới | Lĩnh vực, the last one split into one
sub-column per field of Cấu hình "Danh mục lĩnh vực" (a docxtpl ``{%tc for %}`` column loop, so the
number of fields is the workbook's), headed by a short label ("VH-XH", "ANQP") and marked "X". The
list of every unit has a row per unit (I, II …) with its counts before its models. ``--blank``
gives the form a unit fills by hand: a dotted unit line, numbered empty rows, the field columns.

:func:`write_registration_table` writes the table for this kind and for the blank form attached to
the Hướng dẫn (:mod:`.huong_dan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn

from ..errors import CellValueError, DocumentDataError
from ..formats.blocks import attachment_heading, letterhead, signature
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from ..rules.locations import setting_cell
from ..vntext import fold_key, leading_zero, to_roman
from ..workbook.choices import abbreviate, parse_labels
from ..workbook.schema import CHOICES
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, chosen_unit, common_context, configured_fields, extend, unit_name
from .tong_hop_dang_ky import merge_cells

KIND_NAME = "danh-sach-dang-ky"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "DS"  #: local convention: NĐ 30 has no "Danh sách" type (research §1.3)
MARK = "X"  #: the mark in the continued / new / field columns
LABELS_KEY = "field_labels"  #: Cấu hình "Tên cột lĩnh vực": "Quốc phòng - an ninh=ANQP; …"
HEADERS = ("STT", "Tên tập thể hoặc cá nhân xây dựng mô hình điển hình", "Tên mô hình hoặc điển hình",
           "Tiếp tục đăng ký", "Đăng ký xây dựng mới")  #: the fixed columns (seed 000)
FIELD_HEADER = "Lĩnh vực"  #: the title over the field sub-columns
FIELD_WIDTH_CM = 1.8  #: width of a field column when there are as many as the default list's
PADDING = len(CHOICES["field"]) - 3  #: vanishing template columns beside the tc loop's three
BLANK_UNIT = "……………………………………"  #: the unit line of the blank form, filled by hand
BLANK_ROWS = ("1", "2", "3", "4", "5", "..", "..")  #: numbered empty rows of the blank form
BLANK_COUNT = "……"  #: the total of the blank form


@dataclass(frozen=True)
class RegistrationRow:
    """One row: a unit (STT "I", "II" …, with counts) or a registered model (STT 1, 2 …)."""

    stt: str
    thuc_hien: str  #: collective or person carrying it out; the unit's name on a unit row
    ten_mo_hinh: str  #: the model; "03 mô hình, điển hình" on a unit row
    duy_tri: str  #: "X" when continued from an earlier year; the count on a unit row
    moi: str  #: "X" when registered for the first time; the count on a unit row
    theo_linh_vuc: tuple[str, ...]  #: one cell per field column: "X" or "", a count on a unit row
    linh_vuc: str = ""  #: the model's field as written in Mô hình
    don_vi: str = ""  #: unit name
    dia_diem: str = ""
    ghi_chu: str = ""


@dataclass(frozen=True)
class RegistrationContext(CommonContext):
    """Names of the registration list template, beyond the shared ones."""

    don_vi: str  #: the unit's name for one unit's list, else ""
    cot_linh_vuc: tuple[str, ...]  #: labels of the field sub-columns ("VH-XH", "ANQP" …)
    dong: tuple[RegistrationRow, ...]
    so_mo_hinh: str  #: "05" (leading zero)


def build(book: Workbook, options: RenderOptions) -> list[RegistrationContext]:
    """One list: every registered model grouped by unit, one unit's (``options.unit``), or the
    blank form a unit fills (``options.blank``).

    Raises :class:`DocumentDataError` for an unknown unit or when no model is registered, and
    :class:`CellValueError` when Cấu hình "Tên cột lĩnh vực" cannot be read.
    """
    if options.blank:
        return [_blank_form(book, options)]
    models = list(book.models)
    owner = ""
    if options.unit:
        unit = chosen_unit(book, options.unit)
        owner = unit.name
        models = [m for m in models if m.unit_code == unit.code]
    if not models:
        where = f" của {owner}" if owner else ""
        raise DocumentDataError(f"Chưa có mô hình nào đăng ký{where}, không có gì để lập danh sách.",
                                hint="Nhập các mô hình vào sheet “Mô hình”.")
    common = _common(book, options)
    fields = registration_fields(book, models)
    rows = _model_rows(book, models, fields) if options.unit else _unit_rows(book, models, fields)
    return [extend(common, RegistrationContext, don_vi=owner,
                   cot_linh_vuc=field_labels(book, fields), dong=rows,
                   so_mo_hinh=leading_zero(len(models)))]


def _common(book: Workbook, options: RenderOptions) -> CommonContext:
    year = book.settings.get("year")
    return common_context(
        book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
        summary=f"đăng ký xây dựng mô hình, điển hình “Dân vận khéo” năm {year}",
    )


def _blank_form(book: Workbook, options: RenderOptions) -> RegistrationContext:
    """The form a unit fills: its name dotted, :data:`BLANK_ROWS` numbered rows, no count."""
    fields = registration_fields(book)
    return extend(_common(book, options), RegistrationContext, don_vi=BLANK_UNIT,
                  cot_linh_vuc=field_labels(book, fields), dong=blank_rows(BLANK_ROWS, len(fields)),
                  so_mo_hinh=BLANK_COUNT)


def write_body(doc: TemplateWriter) -> None:
    """Landscape page: letterhead, title, the table (header repeated), total, signature."""
    doc.landscape()
    letterhead(doc, number=False)
    attachment_heading(doc, "DANH SÁCH", "{{ trich_yeu }}",
                       "{% if don_vi %}Đơn vị: {{ don_vi }}{% else %}Tổng hợp các đơn vị{% endif %}")
    write_registration_table(doc, "cot_linh_vuc", "dong")
    doc.paragraph("Tổng số: {{ so_mo_hinh }} mô hình, điển hình.", element="body", align="left",
                  space_before=6)
    signature(doc)


def describe(context: RegistrationContext) -> str:
    """The record as clerks name it (the blank form: "mẫu danh sách đăng ký để đơn vị điền")."""
    if context.don_vi == BLANK_UNIT:
        return "mẫu danh sách đăng ký để đơn vị điền"
    return f"danh sách đăng ký {context.don_vi or 'các đơn vị'}"


KIND = DocumentKind(KIND_NAME, "Danh sách đăng ký", RegistrationContext, build, write_body, describe,
                    type_code=TYPE_CODE)


# ----------------------------------------------------------------- shared with the Hướng dẫn's form


def write_registration_table(doc: TemplateWriter, columns: str, rows: str) -> None:
    """The registration table: the fixed columns, then "Lĩnh vực" over one sub-column per label of
    the context list ``columns`` (``{%tc for %}`` loops), one row per item of ``rows``.

    Column widths: the loop's three cells plus :data:`PADDING` comment cells (``{#tc #}``, they
    vanish) are as many equal columns as the default field list has fields. docxtpl's
    ``fix_tables`` then gives the rendered table that many field columns' worth of width: with
    fewer fields, each field column and each fixed column gets an equal share of the rest; with
    more, every column shrinks in proportion. Cell widths are "auto", so Word and LibreOffice both
    lay the table out on that grid.
    """
    width = doc.text_width_cm
    fixed = [1.3, 1.9, 1.9]
    loop = [FIELD_WIDTH_CM] * (3 + PADDING)
    rest = width - sum(fixed) - sum(loop)
    widths = [fixed[0], rest * 0.45, rest * 0.55, fixed[1], fixed[2], *loop]
    padding = ["{#tc cột giữ độ rộng, không xóa #}"] * PADDING
    top = [*HEADERS, f"{{%tc for c in {columns} %}}", f"{FIELD_HEADER}{{% hm %}}", "{%tc endfor %}",
           *padding]
    second = [""] * len(HEADERS) + [f"{{%tc for c in {columns} %}}", "{{ c }}", "{%tc endfor %}",
                                    *padding]
    row = ["{{ d.stt }}", "{{ d.thuc_hien }}", "{{ d.ten_mo_hinh }}", "{{ d.duy_tri }}", "{{ d.moi }}",
           "{%tc for x in d.theo_linh_vuc %}", "{{ x }}", "{%tc endfor %}", *padding]
    table = doc.data_table(widths, header=[top, second], row=row, loop=f"for d in {rows}",
                           center_columns=(0, 3, 4, 6))
    for column in range(len(HEADERS)):
        merge_cells(table.cell(0, column), table.cell(1, column))
    for cell_width in table._tbl.iter(qn("w:tcW")):  # "auto": the grid decides
        cell_width.set(qn("w:w"), "0")
        cell_width.set(qn("w:type"), "auto")


def registration_fields(book: Workbook, models: Sequence[Model] = ()) -> tuple[str, ...]:
    """The field columns: Cấu hình "Danh mục lĩnh vực" (the default list when empty), then any
    other field a model of ``models`` is in, in order of appearance."""
    fields = {fold_key(f): f for f in configured_fields(book)}
    for model in models:
        fields.setdefault(fold_key(model.field), model.field)
    return tuple(fields.values())


def field_labels(book: Workbook, fields: Sequence[str]) -> tuple[str, ...]:
    """The column label of each field: the clerk's from Cấu hình "Tên cột lĩnh vực", else
    :func:`abbreviate`. Raises :class:`CellValueError` for an entry that is not "field=label"."""
    try:
        given = parse_labels(book.settings.get(LABELS_KEY) or ())
    except ValueError as error:
        raise CellValueError(f"Tên cột lĩnh vực: {error}.", setting_cell(book, LABELS_KEY),
                             hint="Sửa ô này rồi chạy lại.") from None
    return tuple(given.get(fold_key(f)) or abbreviate(f) for f in fields)


def blank_rows(numbers: Sequence[str], fields: int) -> tuple[RegistrationRow, ...]:
    """Rows of the blank form: only their STT (``numbers``: "1", "2", "3", "..", "..")."""
    return tuple(RegistrationRow(number, "", "", "", "", ("",) * fields) for number in numbers)


# ------------------------------------------------------------------------------------- rows


def _unit_rows(book: Workbook, models: Sequence[Model], fields: Sequence[str]
               ) -> tuple[RegistrationRow, ...]:
    """Per unit (Đơn vị order): a row "I  <unit>  03 mô hình, điển hình" with its counts per
    column, then its models numbered from 1."""
    by_unit: dict[str, list[Model]] = {}
    for model in models:
        by_unit.setdefault(model.unit_code, []).append(model)
    order = {u.code: index for index, u in enumerate(book.units)}
    rows: list[RegistrationRow] = []
    for number, code in enumerate(sorted(by_unit, key=lambda c: order.get(c, len(order))), start=1):
        chosen = by_unit[code]
        name = unit_name(book, code)
        continued = sum(not m.is_new for m in chosen)
        keys = [fold_key(m.field) for m in chosen]
        rows.append(RegistrationRow(
            to_roman(number), name,
            f"{leading_zero(len(chosen))} mô hình, điển hình", str(continued),
            str(len(chosen) - continued), tuple(str(keys.count(fold_key(f))) for f in fields),
            don_vi=name,
        ))
        rows += _model_rows(book, chosen, fields)
    return tuple(rows)


def _model_rows(book: Workbook, models: Sequence[Model], fields: Sequence[str]
                ) -> tuple[RegistrationRow, ...]:
    return tuple(_row(book, index, m, fields) for index, m in enumerate(models, start=1))


def _row(book: Workbook, index: int, model: Model, fields: Sequence[str]) -> RegistrationRow:
    key = fold_key(model.field)
    return RegistrationRow(
        stt=str(index),
        thuc_hien=model.performer,
        ten_mo_hinh=model.name,
        duy_tri="" if model.is_new else MARK,
        moi=MARK if model.is_new else "",
        theo_linh_vuc=tuple(MARK if fold_key(f) == key else "" for f in fields),
        linh_vuc=model.field,
        don_vi=unit_name(book, model.unit_code),
        dia_diem=model.place,
        ghi_chu=model.note,
    )
