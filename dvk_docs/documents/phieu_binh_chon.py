"""Phiếu bình chọn mô hình, điển hình “Dân vận khéo”: the council's ballot.

One sheet listing every model that passed scoring (the candidates put to the vote), with an empty
“Đồng ý” and “Không đồng ý” box per model; the letterhead of the profile, the vote's rule (Cấu
hình) and a signature space for the member (left empty in a secret ballot). The clerk prints one
copy per member. Domain: NĐ 91/2017 Điều 45 khoản 8 (bỏ phiếu kín, từ 90 % trở lên), seeds 003
and 004 (“bình chọn các gương điển hình, mô hình”).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DocumentDataError
from ..formats.blocks import letterhead, title
from ..formats.builder import TemplateWriter
from ..model import Model, Workbook
from ..rules.scoring import score
from ..rules.voting import vote_rule
from ..vntext import leading_zero
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend, unit_name

KIND_NAME = "phieu-binh-chon"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "PBC"  #: not numbered; the code only completes the shared context
DEFAULT_COUNCIL = "Hội đồng bình chọn"  #: the council's name when Cấu hình gives none


@dataclass(frozen=True)
class BallotRow:
    """One candidate model on the ballot."""

    stt: int
    ten_mo_hinh: str
    thuc_hien: str
    don_vi: str


@dataclass(frozen=True)
class BallotContext(CommonContext):
    """Names of the ballot template, beyond the shared ones."""

    hoi_dong: str  #: “Hội đồng Thi đua - Khen thưởng”
    so_mo_hinh: str  #: “05”
    quy_tac: str  #: the vote's rule in one sentence (Cấu hình)
    dong: tuple[BallotRow, ...]


def build(book: Workbook, options: RenderOptions) -> list[BallotContext]:
    """One ballot listing the models that passed scoring (of ``options.unit`` when given).

    Raises :class:`DocumentDataError` when no model passed scoring.
    """
    models = candidates(book, options.unit)
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Mô hình, điển hình “Dân vận khéo” năm {book.settings.get('year')}",
                            date=book.settings.get("vote_date"))
    rows = tuple(BallotRow(index, m.name, m.performer, unit_name(book, m.unit_code))
                 for index, m in enumerate(models, start=1))
    return [extend(common, BallotContext, hoi_dong=council_name(book),
                   so_mo_hinh=leading_zero(len(rows)), quy_tac=vote_rule(book).text, dong=rows)]


def candidates(book: Workbook, unit_code: str | None = None) -> list[Model]:
    """The models put to the vote: those that passed scoring, in Mô hình order.

    Raises :class:`DocumentDataError` when there is none.
    """
    models = [r.model for r in score(book) if r.passed and (not unit_code or r.model.unit_code == unit_code)]
    if not models:
        raise DocumentDataError("Chưa có mô hình nào đạt chấm điểm, chưa có gì để bình chọn.",
                                hint="Nhập điểm vào sheet “Chấm điểm” rồi bấm “Tính điểm và xét công nhận”.")
    return models


def council_name(book: Workbook) -> str:
    """Cấu hình “Hội đồng bình chọn”, else :data:`DEFAULT_COUNCIL`."""
    return book.settings.text("council_name") or DEFAULT_COUNCIL


def write_body(doc: TemplateWriter) -> None:
    """Letterhead, title, how to vote, the candidates' table with the two boxes, the signature."""
    letterhead(doc, number=False)
    title(doc, "PHIẾU BÌNH CHỌN")
    doc.body("Thành viên {{ hoi_dong }} đánh dấu X vào một trong hai ô “Đồng ý”, “Không đồng ý” "
             "của từng mô hình, điển hình ({{ so_mo_hinh }} mô hình, điển hình đạt chấm điểm).")
    doc.body("Mô hình, điển hình được đề nghị công nhận khi có {{ quy_tac }}.")
    doc.blank()
    width = doc.text_width_cm
    boxes = 1.7
    doc.data_table(
        [0.9, width * 0.36, width * 0.25, width - 0.9 - width * 0.61 - 2 * boxes, boxes, boxes],
        header=[["TT", "Tên mô hình, điển hình", "Tập thể, cá nhân thực hiện", "Đơn vị", "Đồng ý",
                 "Không đồng ý"]],
        row=["{{ d.stt }}", "{{ d.ten_mo_hinh }}", "{{ d.thuc_hien }}", "{{ d.don_vi }}", "", ""],
        loop="for d in dong",
        center_columns=(0,),
    )
    doc.blank()
    header = doc.profile.section("header")
    table = doc.layout_table([header["signature_left_cm"], header["signature_right_cm"]])
    right = table.rows[0].cells[1]
    doc.centered("{{ ngay_thang }}", element="date", into=right)
    doc.centered("THÀNH VIÊN HỘI ĐỒNG", element="signer_title", into=right)
    doc.centered("(Ký, ghi rõ họ tên; phiếu kín thì không ghi)", element="appendix_note", into=right)


def describe(context: BallotContext) -> str:
    """The record as clerks name it."""
    return f"phiếu bình chọn {context.so_mo_hinh} mô hình, điển hình"


KIND = DocumentKind(KIND_NAME, "Phiếu bình chọn", BallotContext, build, write_body, describe,
                    type_code=TYPE_CODE)
