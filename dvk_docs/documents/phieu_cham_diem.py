"""Biểu chấm điểm mô hình “Dân vận khéo” (seed 003): the 100-point sheet, one per model.

Criteria, maxima, the threshold and the must-be-maximum list come from the workbook (Tiêu chí,
Cấu hình "Điểm đạt"), so the sheet always shows the rule that was applied. ``--blank`` gives the
council's form with both subject groups (II.1 tập thể, II.2 cá nhân) as in the seed; otherwise one
sheet per scored model (``--unit CODE``: that unit's) with only its subject's group, the averaged
points, group sums, the total, the result and the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import DocumentDataError
from ..formats.builder import TemplateWriter
from ..model import SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL, Criterion, Workbook
from ..rules.scoring import ScoreResult, format_points, pass_threshold, score
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, chosen_unit, common_context, extend, unit_name

KIND_NAME = "phieu-cham-diem"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "BCĐ"  #: local convention for "biểu chấm điểm"
GROUPS = (  #: group -> (number shown, heading) of seed 003
    ("I", "I", "Các tiêu chí chung về mô hình “Dân vận khéo”"),
    ("II", "II", "Tiêu chí đánh giá chủ thể thực hiện"),
    ("II.1", "II.1", "Đối với mô hình do tập thể thực hiện"),
    ("II.2", "II.2", "Đối với mô hình do cá nhân thực hiện"),
)
CHOOSE_NOTE = "(Chọn chủ thể phù hợp để tiến hành đánh giá)"  #: under group II on the blank form
NOT_MAX = "Chưa đạt tối đa"  #: note of a must-be-maximum criterion below its maximum


@dataclass(frozen=True)
class ScoreRow:
    """One row: a group heading (I, II, II.1, II.2) or a criterion."""

    stt: str
    tieu_chi: str
    toi_da: str  #: maximum points ("" for II.1 / II.2 headings)
    diem: str  #: points given ("" on the blank form)
    ghi_chu: str = ""


@dataclass(frozen=True)
class ScoreForm:
    """The sheet of one model (or the blank form): rows, totals, the rule and the result."""

    mo_hinh: str  #: model name ("" on the blank form)
    don_vi: str
    chu_the: str  #: "Tập thể: Chi bộ Thôn 3" / "Cá nhân: Hoàng Thị Hoa"
    dong: tuple[ScoreRow, ...]
    tong_toi_da: str  #: "100"
    tong_diem: str  #: "87,5" ("" on the blank form)
    quy_tac: str  #: "Mô hình “Dân vận khéo” phải đạt tổng từ 75 điểm (I+II) trở lên; …"
    ket_qua: str  #: "Đạt" / "Không đạt" ("" on the blank form)
    ly_do: str  #: the reason written by the scoring rule


@dataclass(frozen=True)
class ScoreSheetContext(CommonContext):
    """Names of the scoring sheet template, beyond the shared ones."""

    phieu: ScoreForm


def build(book: Workbook, options: RenderOptions) -> list[ScoreSheetContext]:
    """The blank form, or one filled sheet per scored model (of ``options.unit`` when given).

    Raises :class:`DocumentDataError` when there is no criterion, an unknown unit, or no score.
    """
    if not book.criteria:
        raise DocumentDataError("Sheet “Tiêu chí” chưa có tiêu chí nào, không lập được biểu chấm điểm.",
                                hint="Chép bảng tiêu chí mặc định từ một sổ mới (dvk init) vào sheet này.")
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary="Biểu chấm điểm mô hình “Dân vận khéo”")
    rule = rule_sentence(book)
    if options.blank:
        return [extend(common, ScoreSheetContext, phieu=blank_form(book))]
    results = _results(book, options.unit)
    return [extend(common, ScoreSheetContext, phieu=_form(book, result, rule)) for result in results]


def blank_form(book: Workbook) -> ScoreForm:
    """The council's blank sheet: every criterion group, no points."""
    return ScoreForm("", "", "", _rows(book.criteria, None), _total_max(book.criteria, None), "",
                     rule_sentence(book), "", "")


def rule_sentence(book: Workbook) -> str:
    """The pass rule as the seed words it, from the threshold and the must-be-maximum flags."""
    must = sorted({c.number for c in book.criteria if c.must_be_max})
    sentence = (f"Mô hình “Dân vận khéo” phải đạt tổng từ {format_points(pass_threshold(book))} "
                "điểm (I+II) trở lên")
    if not must:
        return sentence + "."
    listed = ", ".join(map(str, must[:-1])) + f" và {must[-1]}" if len(must) > 1 else str(must[0])
    return f"{sentence}; trong đó các tiêu chí {listed} phải đạt điểm tối đa."


def write_body(doc: TemplateWriter) -> None:
    """Title, the model's identification (filled sheets), the criteria table, rule, result."""
    doc.centered("BIỂU CHẤM ĐIỂM MÔ HÌNH", element="title", space_before=6)
    write_score_table(doc, "phieu")


def write_score_table(doc: TemplateWriter, name: str) -> None:
    """The sheet read from the context name ``name`` (a :class:`ScoreForm`), under its title."""
    doc.tag(f"{{%p if {name}.mo_hinh %}}")
    for label, field in (("Tên mô hình: ", "mo_hinh"), ("Đơn vị: ", "don_vi"),
                         ("Chủ thể thực hiện: ", "chu_the")):
        doc.paragraph((label, "heading"), f"{{{{ {name}.{field} }}}}", element="body", align="left",
                      space_before=3)
    doc.tag("{%p endif %}")
    doc.blank()
    width = doc.text_width_cm
    fixed = [1.2, 1.8, 2.0, 2.2]
    doc.data_table(
        [fixed[0], width - sum(fixed), *fixed[1:]],
        header=[["STT", "Tiêu chí", "Điểm tối đa", "Điểm đánh giá", "Ghi chú"]],
        row=["{{ r.stt }}", "{{ r.tieu_chi }}", "{{ r.toi_da }}", "{{ r.diem }}", "{{ r.ghi_chu }}"],
        loop=f"for r in {name}.dong",
        center_columns=(0, 2, 3),
    )
    doc.paragraph(f"{{{{ {name}.quy_tac }}}}", element="body", first_indent=True, space_before=6)
    doc.tag(f"{{%p if {name}.ket_qua %}}")
    doc.paragraph(("Kết quả: ", "heading"), (f"{{{{ {name}.ket_qua }}}}", "heading"),
                  f". {{{{ {name}.ly_do }}}}", element="body", first_indent=True, space_before=6)
    doc.tag("{%p endif %}")


def describe(context: ScoreSheetContext) -> str:
    """The record as clerks name it."""
    return f"biểu chấm điểm mô hình “{context.phieu.mo_hinh}”" if context.phieu.mo_hinh \
        else "biểu chấm điểm để trống"


KIND = DocumentKind(KIND_NAME, "Biểu chấm điểm", ScoreSheetContext, build, write_body, describe,
                    type_code=TYPE_CODE)


def _results(book: Workbook, unit_code: str | None) -> list[ScoreResult]:
    results = score(book)
    if unit_code:
        chosen_unit(book, unit_code)
        results = [r for r in results if r.model.unit_code == unit_code]
    if not results:
        raise DocumentDataError(
            "Chưa có mô hình nào được chấm điểm, không lập được biểu chấm điểm đã điền.",
            hint="Nhập điểm vào sheet “Chấm điểm”, hoặc dùng --blank để in biểu trống cho Hội đồng.")
    return results


def _form(book: Workbook, result: ScoreResult, rule: str) -> ScoreForm:
    model = result.model
    return ScoreForm(
        mo_hinh=model.name,
        don_vi=unit_name(book, model.unit_code),
        chu_the=f"{model.subject}: {model.performer}" if model.performer else model.subject,
        dong=_rows(result.criteria, result),
        tong_toi_da=format_points(result.maximum),
        tong_diem=format_points(result.total),
        quy_tac=rule,
        ket_qua=result.result,
        ly_do=result.reason,
    )


def _rows(criteria: Sequence[Criterion], result: ScoreResult | None) -> tuple[ScoreRow, ...]:
    """The table rows: every group of ``criteria`` on the blank form (``result`` None), else only
    the groups of the scored model, with points and group sums."""
    subject = result.model.subject if result else None
    rows: list[ScoreRow] = []
    for group, number, heading in GROUPS:
        members = _members(criteria, group, subject)
        if group == "II":
            rows.append(ScoreRow(number, heading if result else f"{heading}\n{CHOOSE_NOTE}",
                                 _max_of_two(criteria, subject), _sum(members, result)))
            continue
        if not members:
            continue
        if group == "I":
            rows.append(ScoreRow(number, heading, _points(sum(c.maximum for c in members)),
                                 _sum(members, result)))
        else:
            rows.append(ScoreRow(number, heading, "", ""))
        rows += [_criterion_row(c, result) for c in members]
    rows.append(ScoreRow("", "Tổng cộng I + II", _total_max(criteria, subject), _sum(
        [c for c in criteria if subject is None or c.applies_to(subject)], result)))
    return tuple(rows)


def _members(criteria: Sequence[Criterion], group: str, subject: str | None) -> list[Criterion]:
    if group == "II":
        return [c for c in criteria if c.group.startswith("II") and
                (subject is None or c.applies_to(subject))]
    if subject is not None and group in ("II.1", "II.2") and not _group_applies(group, subject):
        return []
    return [c for c in criteria if c.group == group]


def _group_applies(group: str, subject: str) -> bool:
    return (group == "II.1") == (subject == SUBJECT_COLLECTIVE)


def _criterion_row(criterion: Criterion, result: ScoreResult | None) -> ScoreRow:
    if result is None:
        return ScoreRow(str(criterion.number), criterion.text, _points(criterion.maximum), "")
    given = result.points.get(criterion.number, Decimal(0))
    note = NOT_MAX if criterion.must_be_max and given < criterion.maximum else ""
    return ScoreRow(str(criterion.number), criterion.text, _points(criterion.maximum),
                    format_points(given), note)


def _sum(members: Sequence[Criterion], result: ScoreResult | None) -> str:
    if result is None:
        return ""
    return format_points(sum((result.points.get(c.number, Decimal(0)) for c in members), Decimal(0)))


def _max_of_two(criteria: Sequence[Criterion], subject: str | None) -> str:
    return _points(_subject_max(criteria, subject))


def _subject_max(criteria: Sequence[Criterion], subject: str | None) -> Decimal:
    """The maximum of group II: the applicable subject group's, or the larger of the two."""
    subjects = [subject] if subject else [SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL]
    return max(sum((c.maximum for c in criteria if c.group.startswith("II") and c.applies_to(s)),
                   Decimal(0)) for s in subjects)


def _total_max(criteria: Sequence[Criterion], subject: str | None) -> str:
    general = sum((c.maximum for c in criteria if c.group == "I"), Decimal(0))
    return _points(general + _subject_max(criteria, subject))


def _points(value: Decimal) -> str:
    return format_points(Decimal(value))
