"""Biên bản kiểm phiếu bình chọn mô hình, điển hình “Dân vận khéo”: the tally minutes.

The council (members in total, present, absent, written ballots), the rule of Cấu hình, one table
row per model voted on (votes for, against, share, result — the numbers of :func:`tally`, the
same ones ``dvk score`` writes into Bình chọn), the outcome, and the signatures of the tally
board (Cấu hình “Ban kiểm phiếu”: “Họ tên - chức danh; …”).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import DocumentDataError
from ..formats.blocks import letterhead, title
from ..formats.builder import TemplateWriter
from ..model import Workbook
from ..rules.voting import VoteResult, tally, vote_rule
from ..vntext import date_words, leading_zero
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, common_context, extend, unit_name
from .phieu_binh_chon import council_name

KIND_NAME = "bien-ban-kiem-phieu"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "BB"  #: biên bản (NĐ 30 Phụ lục III)
BOARD_CHAIR = "Trưởng ban kiểm phiếu"  #: the right-hand signature when Cấu hình names no board


@dataclass(frozen=True)
class TallyRow:
    """One model of the tally table."""

    stt: int
    ten: str  #: “Tên mô hình (tập thể, cá nhân thực hiện)”
    don_vi: str
    dong_y: int
    khong_dong_y: int
    ty_le: str  #: “90%”
    ket_qua: str  #: “Đạt” / “Không đạt”
    ghi_chu: str  #: e.g. “Không đạt chấm điểm”


@dataclass(frozen=True)
class BoardSigner:
    """A member of the tally board who signs: role (capitals) and name."""

    chuc_danh: str
    ho_ten: str


@dataclass(frozen=True)
class SignerPair:
    """One row of the signature table: two members side by side (the right one may be empty)."""

    trai: BoardSigner
    phai: BoardSigner


@dataclass(frozen=True)
class TallyContext(CommonContext):
    """Names of the tally minutes template, beyond the shared ones."""

    hoi_dong: str
    ngay_hop: str  #: “ngày 20 tháng 9 năm 2024”
    tong_thanh_vien: str  #: “11”
    co_mat: str
    vang_mat: str
    van_ban: str  #: absent members whose written ballot was received
    quy_tac: str
    dong: tuple[TallyRow, ...]
    so_dat: str  #: “05”
    so_khong_dat: str
    ky_ten: tuple[SignerPair, ...]


def build(book: Workbook, options: RenderOptions) -> list[TallyContext]:
    """The minutes of the vote in Bình chọn. Raises :class:`DocumentDataError` when it is empty."""
    results = [r for r in tally(book) if not options.unit or r.model.unit_code == options.unit]
    if not results:
        raise DocumentDataError("Sheet “Bình chọn” chưa có phiếu nào, không thể lập biên bản kiểm phiếu.",
                                hint="Ghi phiếu của từng thành viên (hoặc số phiếu của từng mô hình) vào "
                                     "sheet “Bình chọn”.")
    rule = vote_rule(book)
    date = book.settings.get("vote_date")
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Kiểm phiếu bình chọn mô hình, điển hình “Dân vận khéo” năm "
                                    f"{book.settings.get('year')}", date=date)
    members, present = rule.members or 0, rule.present
    written = max(r.written + r.uncounted for r in results)
    rows = tuple(_row(book, index, r) for index, r in enumerate(results, start=1))
    passed = sum(r.passed for r in results)
    return [extend(
        common, TallyContext,
        hoi_dong=council_name(book),
        ngay_hop=date_words(date) if isinstance(date, dt.date) else f"ngày …… tháng …… năm {common.nam}",
        tong_thanh_vien=leading_zero(members),
        co_mat="…" if present is None else leading_zero(present),
        vang_mat="…" if present is None else leading_zero(members - present),
        van_ban=leading_zero(written),
        quy_tac=rule.text,
        dong=rows,
        so_dat=leading_zero(passed),
        so_khong_dat=leading_zero(len(results) - passed),
        ky_ten=_signers(book),
    )]


def write_body(doc: TemplateWriter) -> None:
    """Letterhead, title, the meeting, the table, the outcome, the tally board's signatures."""
    letterhead(doc)
    title(doc, "BIÊN BẢN")
    doc.body("Hôm nay, {{ ngay_hop }}, {{ hoi_dong }} họp bình chọn mô hình, điển hình “Dân vận "
             "khéo” năm {{ nam }} bằng hình thức bỏ phiếu kín.")
    doc.body("Tổng số thành viên: {{ tong_thanh_vien }}; có mặt: {{ co_mat }}; vắng mặt: {{ vang_mat }} "
             "(trong đó {{ van_ban }} thành viên gửi phiếu bằng văn bản).")
    doc.body("Nguyên tắc: mô hình, điển hình được đề nghị công nhận khi có {{ quy_tac }}.")
    doc.body("Kết quả kiểm phiếu như sau:")
    doc.blank()
    width = doc.text_width_cm
    numbers = [1.5, 1.7, 1.8, 1.8, 2.4]
    doc.data_table(
        [0.9, width - 0.9 - sum(numbers), *numbers],
        header=[["TT", "Mô hình, điển hình (tập thể, cá nhân thực hiện)", "Đồng ý", "Không đồng ý",
                 "Tỷ lệ đồng ý", "Kết quả", "Ghi chú"]],
        row=["{{ d.stt }}", "{{ d.ten }}", "{{ d.dong_y }}", "{{ d.khong_dong_y }}", "{{ d.ty_le }}",
             "{{ d.ket_qua }}", "{{ d.ghi_chu }}"],
        loop="for d in dong",
        center_columns=(0, 2, 3, 4, 5),
    )
    doc.body("Có {{ so_dat }} mô hình, điển hình đạt; {{ so_khong_dat }} mô hình, điển hình không đạt. "
             "Biên bản được lập xong và thông qua tại cuộc họp.")
    doc.blank()
    half = width / 2
    table = doc.layout_table([half, half], rows=3)
    doc.paragraph("{%tr for k in ky_ten %}", element="body", align="left", into=table.rows[0].cells[0])
    for cell, side in zip(table.rows[1].cells, ("trai", "phai"), strict=True):
        doc.centered(f"{{{{ k.{side}.chuc_danh }}}}", element="signer_title", into=cell)
        for _ in range(3):
            doc.blank("signer_name", into=cell)
        doc.centered(f"{{{{ k.{side}.ho_ten }}}}", element="signer_name", into=cell)
    doc.paragraph("{%tr endfor %}", element="body", align="left", into=table.rows[2].cells[0])


def describe(context: TallyContext) -> str:
    """The record as clerks name it."""
    return f"biên bản kiểm phiếu {len(context.dong)} mô hình, điển hình"


KIND = DocumentKind(KIND_NAME, "Biên bản kiểm phiếu", TallyContext, build, write_body, describe,
                    type_code=TYPE_CODE)


def _row(book: Workbook, index: int, result: VoteResult) -> TallyRow:
    model = result.model
    notes = []
    if not result.passed_scoring:
        notes.append("Không đạt chấm điểm" if result.scoring else "Chưa chấm điểm")
    if result.uncounted:
        notes.append(f"{leading_zero(result.uncounted)} phiếu văn bản không tính")
    return TallyRow(index, f"{model.name} ({model.performer})" if model.performer else model.name,
                    unit_name(book, model.unit_code), result.agree, result.disagree, result.share_text,
                    result.result, "; ".join(notes))


def _signers(book: Workbook) -> tuple[SignerPair, ...]:
    """The tally board in pairs; the chair (first listed) on the right of the first row."""
    board = []
    for item in book.settings.items("tally_board"):
        name, _, role = item.partition(" - ")
        board.append(BoardSigner((role.strip() or "Thành viên").upper(), name.strip()))
    if not board:
        board = [BoardSigner(BOARD_CHAIR.upper(), "")]
    empty = BoardSigner("", "")
    chair, others = board[0], board[1:]
    pairs = [SignerPair(others[0] if others else empty, chair)]
    rest = others[1:]
    pairs += [SignerPair(rest[i], rest[i + 1] if i + 1 < len(rest) else empty) for i in range(0, len(rest), 2)]
    return tuple(pairs)
