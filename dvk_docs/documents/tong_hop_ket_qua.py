"""Biểu tổng hợp báo cáo kết quả xây dựng, duy trì mô hình “Dân vận khéo” (Phụ lục 4 of seed 003).

Landscape; one row per unit (numbered 1, 2 … in Đơn vị order) followed by its models, new models
above continued ones (note (8)), each marked X as new or continued and as Tập thể or Cá nhân, with
the summary of its results. The "Tổng số" row and the aggregate rows carry the counts; the footer
lines total by field and by subject as in the seed. ``--unit CODE`` for one unit, ``--blank`` for
the seed's blank form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend
from .tong_hop_dang_ky import (
    MARK,
    SummaryRow,
    SummaryTable,
    blank_table,
    count_footer,
    field_lines,
    form_heading,
    models_in_scope,
    notes,
    quantity,
    subject_counts,
    subject_lines,
    subject_marks,
    summary_table,
    unit_rows,
)

KIND_NAME = "tong-hop-ket-qua"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "BTH"  #: local convention for "biểu tổng hợp"
NOTES = (  #: the notes block under the table (seed 003, Phụ lục 4)
    "(2): Chi bộ, phòng, ban, đơn vị, đoàn thể / Tên mô hình  xếp tuần tự theo từng lĩnh vực sau: "
    "KT; VHXH, QPAN, XDĐ&HTCT, …)",
    "(3): Số lượng (1,2,3…)",
    "(4): Địa điểm triển khai (cơ quan, đơn vị, thôn, bản, tổ dân phố, xã, phường, huyện)",
    "(5): Chủ trì (Chi bộ; UBND, HND, HPN…)",
    "(6): Lĩnh vực (Kinh tế; Văn hóa xã hội; Quốc phòng an ninh; Xây dựng Đảng và hệ thống chính trị; "
    "Xây dựng NTM; Xây dựng Đô thị văn minh...)",
    "(7): Tóm tắt quy mô, kết quả đạt được",
    "(8): Xây dựng mới/duy trì: Đánh dấu X vào cột (danh sách sắp xếp loạt mô hình xây dựng mới lên "
    "trên loạt mô hình đang duy trì)",
    "(9): Chủ thể thực hiện (Đánh dấu X vào cột tập thể hoặc cá nhân)",
)
_BLANK_UNIT = "Chi bộ, phòng, ban, đơn vị, đoàn thể"


@dataclass(frozen=True)
class ResultsSummaryContext(CommonContext):
    """Names of the results summary template, beyond the shared ones."""

    bieu: SummaryTable


def build(book: Workbook, options: RenderOptions) -> list[ResultsSummaryContext]:
    """One results summary of every model (or one unit's, or the blank form).

    Raises :class:`DocumentDataError` for an unknown unit or when there is no model.
    """
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary="Biểu tổng hợp báo cáo kết quả xây dựng, duy trì mô hình "
                                    "“Dân vận khéo”")
    return [extend(common, ResultsSummaryContext,
                   bieu=results_table(book, options, book.settings.text("issuing_body"), common.nam))]


def results_table(book: Workbook, options: RenderOptions, body: str, year: int) -> SummaryTable:
    """The results summary of ``options`` (blank, one unit, or all) for ``year``."""
    if options.blank:
        rows = [SummaryRow("", "Tổng số", "")]
        for number in (1, 2, 3):
            rows += [SummaryRow(str(number), _BLANK_UNIT, ""), SummaryRow("-", "Mô hình….", ""),
                     SummaryRow("-", "Mô hình….", ""), SummaryRow("…", "…" if number > 1 else "", "")]
        return blank_table(rows)
    owner, models = models_in_scope(book, options, body)
    rows = _new_above_continued([SummaryRow("", "Tổng số", str(quantity(models)), **_counts(models)),
                                 *unit_rows(book, models, _model_row, _counts)])
    return SummaryTable(owner, str(year), tuple(rows), field_lines(book, models), subject_lines(models))


def write_body(doc: TemplateWriter) -> None:
    """Landscape page: unit line and "Phụ lục 4", the title, the table, footer lines, notes."""
    doc.landscape()
    form_heading(doc, "bieu", "Phụ lục 4", "BIỂU TỔNG HỢP BÁO CÁO KẾT QUẢ XÂY DỰNG, DUY TRÌ MÔ HÌNH "
                 "“DÂN VẬN KHÉO” NĂM {{ bieu.nam }}")
    write_results_table(doc, "bieu")


def write_results_table(doc: TemplateWriter, name: str) -> None:
    """The results table read from the context name ``name``, its footer and notes."""
    width = doc.text_width_cm
    fixed = [1.1, 1.4, 3.6, 2.6, 2.6, 1.4, 1.4, 1.4, 1.4]
    rest = width - sum(fixed)
    widths = [fixed[0], rest * 0.55, *fixed[1:5], rest * 0.45, *fixed[5:]]
    headers = ["STT", "Xã, phường, thị trấn, cơ quan đơn vị/ Tên mô hình", "Số lượng",
               "Địa điểm xây dựng, triển khai", "Chủ trì", "Lĩnh vực",
               "Tóm tắt quy mô, kết quả cụ thể đạt được"]
    columns = ["stt", "ten", "so_luong", "dia_diem", "chu_tri", "linh_vuc", "quy_mo", "moi",
               "duy_tri", "tap_the", "ca_nhan"]
    summary_table(doc, name, widths, headers,
                  (("Trong đó", ("XD mới", "Duy trì")), ("Chủ thể", ("Tập thể", "Cá nhân"))), columns)
    count_footer(doc, name)
    notes(doc, NOTES)


def describe(context: ResultsSummaryContext) -> str:
    """The record as clerks name it."""
    return f"biểu tổng hợp kết quả của {context.bieu.don_vi}"


KIND = DocumentKind(KIND_NAME, "Biểu tổng hợp kết quả", ResultsSummaryContext, build, write_body,
                    describe,
                    type_code=TYPE_CODE)


def _counts(models: Sequence[Model]) -> dict[str, str]:
    new = quantity([m for m in models if m.is_new])
    return {"moi": str(new), "duy_tri": str(quantity(models) - new), **subject_counts(models)}


def _model_row(model: Model) -> SummaryRow:
    summary = "; ".join(part for part in (model.scale, model.results_summary) if part)
    return SummaryRow("-", model.name, str(model.quantity or 1), model.place, model.lead, model.field,
                      summary, moi=MARK if model.is_new else "", duy_tri="" if model.is_new else MARK,
                      **subject_marks(model))


def _new_above_continued(rows: list[SummaryRow]) -> list[SummaryRow]:
    """Within each unit's block of model rows, new models first (stable: field order kept)."""
    result: list[SummaryRow] = []
    block: list[SummaryRow] = []
    for row in [*rows, None]:
        if row is not None and row.stt == "-":
            block.append(row)
            continue
        result += sorted(block, key=lambda r: r.moi != MARK)
        block = []
        if row is not None:
            result.append(row)
    return result
