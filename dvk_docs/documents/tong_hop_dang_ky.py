"""Biểu tổng hợp đăng ký xây dựng mô hình “Dân vận khéo” (Phụ lục 1 of seed 003), landscape.

Rows: the "Tổng số" row, then "I. Mô hình tiếp tục duy trì từ năm …" and "II. Mô hình đăng ký mới
năm …", each grouped by unit (units numbered 1, 2 … in Đơn vị order, models "-" in the order of the
fields of Cấu hình, as note (2) asks). Under the table: totals by field and by subject written as the
seed's footer lines, then the notes block. ``--unit CODE`` summarises one unit; ``--blank`` gives
the seed's blank form (placeholder rows, dotted counts).

The table, footer and headings are written by functions the results summary
(:mod:`.tong_hop_ket_qua`) and the plan's appendices (:mod:`.ke_hoach`) reuse; they read one
:class:`SummaryTable` under a context name given by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from docx.table import _Cell

from ..errors import DocumentDataError
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from ..vntext import fold_key, leading_zero
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, chosen_unit, common_context, configured_fields, extend, unit_name

KIND_NAME = "tong-hop-dang-ky"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "BTH"  #: local convention for "biểu tổng hợp" (NĐ 30 has no type for tables)
MARK = "X"  #: the mark in the subject / new / continued columns
DOTS = "…………………"  #: a count left blank on the blank form
BLANK_UNIT = "TÊN ĐƠN VỊ……………………………"  #: top-left line of the blank form
FIELD_LABELS = {  #: field -> the footer label of seed 003 (other fields: "Lĩnh vực <field>")
    "Kinh tế": "Lĩnh vực phát triển kinh tế",
    "Văn hóa - xã hội": "Lĩnh vực văn hoá - xã hội",
    "Quốc phòng - an ninh": "Lĩnh vực Quốc phòng - an ninh",
    "Xây dựng Đảng và hệ thống chính trị": "Lĩnh vực xây dựng hệ thống chính trị",
}
NOTES = (  #: the notes block under the table (seed 003, Phụ lục 1)
    "(2): Chi bộ, phòng, ban, đơn vị, đoàn thể / Tên mô hình ( xếp tuần tự theo từng lĩnh vực sau: "
    "KT; VHXH, QPAN, XDĐ&HTCT, …)",
    "(3): Số lượng (1,2,3…)",
    "(4): Địa điểm triển khai (phòng, ban, cơ quan, đơn vị, thôn, bản, tổ dân phố, xã, phường, huyện)",
    "(5): Chủ trì (Chi bộ; UBND, HND, HPN…)",
    "(6): Lĩnh vực (Kinh tế; Văn hóa xã hội; Quốc phòng an ninh; Xây dựng Đảng và hệ thống chính trị; "
    "Xây dựng NTM; Xây dựng Đô thị văn minh...)",
    "(7): Quy mô thực hiện (số lượng, diện tích, số hộ...)",
    "(8): Chủ thể thực hiện (đánh dấu X vào cột tập thể hoặc cá nhân)",
)


@dataclass(frozen=True)
class SummaryRow:
    """One table row: the total, a section (I, II), a unit (1, 2 …) or a model ("-")."""

    stt: str
    ten: str  #: "Tổng số", the section title, the unit's or the model's name
    so_luong: str
    dia_diem: str = ""
    chu_tri: str = ""
    linh_vuc: str = ""
    quy_mo: str = ""  #: quy mô (registration) or the summary of results (results summary)
    moi: str = ""  #: "X" or a count (results summary only)
    duy_tri: str = ""
    tap_the: str = ""  #: "X" or a count
    ca_nhan: str = ""


@dataclass(frozen=True)
class CountLine:
    """One footer line: "- Lĩnh vực phát triển kinh tế: 05 mô hình"."""

    nhan: str
    so_luong: str  #: "05", or dots on the blank form


@dataclass(frozen=True)
class SummaryTable:
    """Everything a summary table shows; templates read it as ``bieu`` (or the caller's name)."""

    don_vi: str  #: top-left line: the unit or body the summary is for, or the blank "TÊN ĐƠN VỊ…"
    nam: str  #: the year in the title, "…" on the blank form
    dong: tuple[SummaryRow, ...]
    theo_linh_vuc: tuple[CountLine, ...]
    theo_chu_the: tuple[CountLine, ...]


@dataclass(frozen=True)
class RegistrationSummaryContext(CommonContext):
    """Names of the registration summary template, beyond the shared ones."""

    bieu: SummaryTable


def build(book: Workbook, options: RenderOptions) -> list[RegistrationSummaryContext]:
    """One summary of every registered model (or one unit's, or the blank form).

    Raises :class:`DocumentDataError` for an unknown unit or when there is no model to summarise.
    """
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary="Biểu tổng hợp đăng ký xây dựng mô hình “Dân vận khéo”")
    table = registration_table(book, options, book.settings.text("issuing_body"), common.nam)
    return [extend(common, RegistrationSummaryContext, bieu=table)]


def registration_table(book: Workbook, options: RenderOptions, body: str, year: int) -> SummaryTable:
    """The registration summary of ``options`` (blank, one unit, or all) for ``year``."""
    if options.blank:
        rows = (
            SummaryRow("", "Tổng số", ""),
            SummaryRow("I", f"Mô hình tiếp tục duy trì từ năm {year - 1}", ""),
            *_blank_unit("Chi bộ, phòng ban, đơn vị…"),
            SummaryRow("II", f"Mô hình đăng ký mới năm {year}…", ""),
            *_blank_unit("Chi bộ, phòng ban, đơn vị…"),
            SummaryRow("…", "…", ""),
        )
        return blank_table(rows)
    owner, models = models_in_scope(book, options, body)
    rows = [_total_row(models, subject_counts)]
    sections = (("I", f"Mô hình tiếp tục duy trì từ năm {year - 1}", False),
                ("II", f"Mô hình đăng ký mới năm {year}", True))
    for number, title, new in sections:
        chosen = [m for m in models if m.is_new == new]
        if chosen:
            rows.append(SummaryRow(number, title, str(quantity(chosen)), **subject_counts(chosen)))
            rows += unit_rows(book, chosen, _registration_row, subject_counts)
    return SummaryTable(owner, str(year), tuple(rows), field_lines(book, models),
                        subject_lines(models))


def write_body(doc: TemplateWriter) -> None:
    """Landscape page: unit line and "Phụ lục 1", the title, the table, footer lines, notes."""
    doc.landscape()
    form_heading(doc, "bieu", "Phụ lục 1",
                 "BIỂU TỔNG HỢP ĐĂNG KÝ XÂY DỰNG MỚI MÔ HÌNH “DÂN VẬN KHÉO” NĂM {{ bieu.nam }}")
    write_registration_table(doc, "bieu")


def write_registration_table(doc: TemplateWriter, name: str) -> None:
    """The registration table read from the context name ``name``, its footer and notes."""
    width = doc.text_width_cm
    fixed = [1.1, 1.4, 3.4, 2.8, 3.0, 3.2, 1.4, 1.4]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    headers = ["STT", "Xã, phường, thị trấn, cơ quan đơn vị/ Tên mô hình", "Số lượng",
               "Địa điểm xây dựng, triển khai", "Chủ trì", "Lĩnh vực", "Quy mô thực hiện"]
    columns = ["stt", "ten", "so_luong", "dia_diem", "chu_tri", "linh_vuc", "quy_mo",
               "tap_the", "ca_nhan"]
    summary_table(doc, name, widths, headers, (("Chủ thể", ("Tập thể", "Cá nhân")),), columns)
    count_footer(doc, name)
    notes(doc, NOTES)


def describe(context: RegistrationSummaryContext) -> str:
    """The record as clerks name it (the blank form: "mẫu biểu tổng hợp đăng ký để đơn vị điền")."""
    if context.bieu.don_vi == BLANK_UNIT:
        return "mẫu biểu tổng hợp đăng ký để đơn vị điền"
    return f"biểu tổng hợp đăng ký của {context.bieu.don_vi}"


KIND = DocumentKind(KIND_NAME, "Biểu tổng hợp đăng ký", RegistrationSummaryContext, build,
                    write_body, describe,
                    type_code=TYPE_CODE)


# ------------------------------------------------------------------- shared with the other summaries


def models_in_scope(book: Workbook, options: RenderOptions, body: str) -> tuple[str, list[Model]]:
    """The summary's owner line and its models: ``options.unit``'s, or every unit's under ``body``.

    Raises :class:`DocumentDataError` for an unknown unit or when no model is registered.
    """
    owner, models = body, list(book.models)
    if options.unit:
        unit = chosen_unit(book, options.unit)
        owner, models = unit.name.upper(), [m for m in models if m.unit_code == unit.code]
    if not models:
        raise DocumentDataError(
            f"Chưa có mô hình nào đăng ký{' của ' + owner if options.unit else ''}, không có gì để "
            "tổng hợp.", hint="Nhập các mô hình vào sheet “Mô hình”, hoặc dùng --blank để in biểu trống.")
    return owner, models


def blank_table(rows: Sequence[SummaryRow]) -> SummaryTable:
    """The blank form: placeholder ``rows``, dotted counts, the blank unit line."""
    fields = [CountLine(label, DOTS) for label in FIELD_LABELS.values()]
    fields.append(CountLine("Lĩnh vực ……………………………", DOTS))
    subjects = (CountLine("Tập thể", DOTS), CountLine("Cá nhân", DOTS))
    return SummaryTable(BLANK_UNIT, "…", tuple(rows), tuple(fields), subjects)


def unit_rows(book: Workbook, models: Sequence[Model], model_row: Callable[[Model], SummaryRow],
              counts: Callable[[Sequence[Model]], dict[str, str]]) -> list[SummaryRow]:
    """Unit rows numbered 1, 2 … (Đơn vị order) each followed by its models' rows (field order)."""
    order = field_order(book)
    by_unit: dict[str, list[Model]] = {}
    for model in models:
        by_unit.setdefault(model.unit_code, []).append(model)
    unit_order = {u.code: index for index, u in enumerate(book.units)}
    rows = []
    codes = sorted(by_unit, key=lambda code: unit_order.get(code, len(unit_order)))
    for number, code in enumerate(codes, start=1):
        chosen = by_unit[code]
        rows.append(SummaryRow(str(number), unit_name(book, code), str(quantity(chosen)),
                               **counts(chosen)))
        rows += [model_row(m) for m in sorted(chosen, key=lambda m: order(m.field))]
    return rows


def field_order(book: Workbook) -> Callable[[str], int]:
    """Sort key of a field: its place in Cấu hình "Danh mục lĩnh vực" (unknown fields last)."""
    ranks = {fold_key(f): index for index, f in enumerate(configured_fields(book))}
    return lambda field: ranks.get(fold_key(field), len(ranks))


def field_lines(book: Workbook, models: Iterable[Model]) -> tuple[CountLine, ...]:
    """Footer lines by field: the four fields of seed 003 always, then any other field used."""
    counts: dict[str, int] = {fold_key(f): 0 for f in FIELD_LABELS}
    labels = {fold_key(f): label for f, label in FIELD_LABELS.items()}
    order = field_order(book)
    for model in sorted(models, key=lambda m: order(m.field)):
        key = fold_key(model.field)
        labels.setdefault(key, f"Lĩnh vực {model.field}")
        counts[key] = counts.get(key, 0) + (model.quantity or 1)
    return tuple(CountLine(labels[key], leading_zero(count)) for key, count in counts.items())


def subject_lines(models: Sequence[Model]) -> tuple[CountLine, ...]:
    """Footer lines by subject: "Tập thể: 03 mô hình", "Cá nhân: 02 mô hình"."""
    collective = quantity([m for m in models if m.is_collective])
    return (CountLine("Tập thể", leading_zero(collective)),
            CountLine("Cá nhân", leading_zero(quantity(models) - collective)))


def quantity(models: Iterable[Model]) -> int:
    """The number of models ("Số lượng"; a blank quantity counts 1)."""
    return sum(m.quantity or 1 for m in models)


def subject_counts(models: Sequence[Model]) -> dict[str, str]:
    """Tập thể / Cá nhân counts of an aggregate row."""
    collective = quantity([m for m in models if m.is_collective])
    return {"tap_the": str(collective), "ca_nhan": str(quantity(models) - collective)}


def subject_marks(model: Model) -> dict[str, str]:
    """The X in the Tập thể or the Cá nhân column of a model row."""
    return {"tap_the": MARK if model.is_collective else "",
            "ca_nhan": "" if model.is_collective else MARK}


def form_heading(doc: TemplateWriter, name: str, label: str, form_title: str,
                 note: str | None = None) -> None:
    """The form's head: unit line (left) and ``label`` (right), the title, ``(note)`` if any."""
    width = doc.text_width_cm
    table = doc.layout_table([width * 0.55, width * 0.45])
    left, right = table.rows[0].cells
    doc.paragraph(f"{{{{ {name}.don_vi }}}}", element="issuing_body", align="left", into=left)
    doc.paragraph(label, element="appendix_label", align="right", into=right)
    doc.centered(form_title, element="appendix_title", space_before=12)
    if note:
        doc.centered(f"({note})", element="appendix_note")
    doc.blank()


def summary_table(doc: TemplateWriter, name: str, widths: Sequence[float], headers: Sequence[str],
                  groups: Sequence[tuple[str, tuple[str, str]]], columns: Sequence[str]) -> None:
    """A bordered summary table: ``headers`` spanning two header rows, then ``groups`` (a title over
    two sub-columns each), a row of column numbers (1)…(n) where each group shares one number,
    then one row per ``<name>.dong`` item showing ``columns``."""
    top = [*headers, *(part for title, _ in groups for part in (title, ""))]
    second = [""] * len(headers) + [sub for _, pair in groups for sub in pair]
    numbers = [f"({i})" for i in range(1, len(headers) + 1)]
    for index, _ in enumerate(groups, start=len(headers) + 1):
        numbers += [f"({index})", ""]
    table = doc.data_table(widths, header=[top, second, numbers],
                           row=[f"{{{{ r.{c} }}}}" for c in columns], loop=f"for r in {name}.dong",
                           center_columns=(0, 2, *range(len(headers), len(columns))))
    for column in range(len(headers)):
        merge_cells(table.cell(0, column), table.cell(1, column))
    for offset in range(len(groups)):
        column = len(headers) + 2 * offset
        merge_cells(table.cell(0, column), table.cell(0, column + 1))
        merge_cells(table.cell(2, column), table.cell(2, column + 1))


def count_footer(doc: TemplateWriter, name: str) -> None:
    """The totals under the table, worded as the seed's footer lines."""
    doc.paragraph("*  Tổng số mô hình theo lĩnh vực:", element="heading", align="left", space_before=6)
    doc.tag(f"{{%p for l in {name}.theo_linh_vuc %}}")
    doc.paragraph("- {{ l.nhan }}: {{ l.so_luong }} mô hình", element="body", first_indent=True)
    doc.tag("{%p endfor %}")
    doc.paragraph("*  Tổng số tập thể, cá nhân xây dựng mô hình", element="heading", align="left")
    doc.tag(f"{{%p for l in {name}.theo_chu_the %}}")
    doc.paragraph("- {{ l.nhan }}: {{ l.so_luong }} mô hình", element="body", first_indent=True)
    doc.tag("{%p endfor %}")


def notes(doc: TemplateWriter, lines: Sequence[str]) -> None:
    """The "Ghi chú:" block explaining the numbered columns."""
    doc.paragraph(("Ghi chú:", "heading"), element="body", align="left", space_before=6)
    for line in lines:
        doc.paragraph(line, element="table", align="left", first_indent=True)


def _blank_unit(unit: str) -> list[SummaryRow]:
    return [SummaryRow("1", unit, ""), SummaryRow("-", "Mô hình….", ""),
            SummaryRow("-", "Mô hình….", "")]


def _total_row(models: Sequence[Model], counts: Callable[[Sequence[Model]], dict[str, str]]
               ) -> SummaryRow:
    return SummaryRow("", "Tổng số", str(quantity(models)), **counts(models))


def _registration_row(model: Model) -> SummaryRow:
    return SummaryRow("-", model.name, str(model.quantity or 1), model.place, model.lead,
                      model.field, model.scale, **subject_marks(model))


def merge_cells(first: _Cell, last: _Cell) -> None:
    """Merge two header cells and drop the empty paragraphs the merge leaves."""
    merged = first.merge(last)
    for paragraph in merged.paragraphs[1:]:
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
