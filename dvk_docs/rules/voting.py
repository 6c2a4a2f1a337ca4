"""The council's vote (bình chọn) as data: ballots or counts from Bình chọn, the rule from Cấu hình.

A model passes the vote when its votes for reach “Tỷ lệ phiếu đồng ý” (default 90 %) of the base:
“Tổng số thành viên” (every member of the council, NĐ 91/2017 Điều 45 khoản 8) or “Thành viên có
mặt” (members present, plus the absent members who voted in writing when those ballots count).
Exactly at the threshold passes (“từ 90% trở lên”); the comparison is exact (votes × 100 ≥
threshold × base), the share shown is rounded down to two decimals so it never shows a pass
that is not one.

Ballots sent in writing by absent members (Hình thức “Vắng, gửi phiếu”) count like ballots cast at
the meeting when Cấu hình “Tính phiếu bằng văn bản” is “Có” (the default, as NĐ 91 asks for the
absent members' opinion in writing); with “Không” they are listed but not counted.

A row of Bình chọn is one ballot (Ý kiến, with the member's name or without it for a secret
ballot) or a count (Số phiếu đồng ý / không đồng ý). A model is recognised when it passed scoring
AND, when the book has a vote, passed the vote (:func:`recognised_models`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from ..errors import Finding
from ..model import (
    OPINION_AGREE,
    OPINION_DISAGREE,
    RESULT_FAIL,
    RESULT_PASS,
    CellUpdate,
    Model,
    Vote,
    Workbook,
)
from ..vntext import fold_key
from .findings import error, warning
from .locations import cell, setting_cell, sheet_name
from .scoring import ScoreResult, format_points, score, to_cell_number

DEFAULT_VOTE_THRESHOLD = Decimal(90)  #: % of votes for, when Cấu hình has no “Tỷ lệ phiếu đồng ý”
BASE_ALL = "Tổng số thành viên"  #: the share is of every member of the council
BASE_PRESENT = "Thành viên có mặt"  #: the share is of the members present (and written ballots)
THRESHOLD_RANGE = (Decimal(1), Decimal(100))  #: “Tỷ lệ phiếu đồng ý” is a percentage in this range
VOTE_SETTINGS = (  #: the Cấu hình keys of the vote rule (what ``dvk score`` reads besides the sheets)
    "council_members", "council_present", "vote_threshold", "vote_base", "written_votes",
)

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class VoteRule:
    """The rule of Cấu hình: threshold in %, its base, whether written ballots count, the council."""

    threshold: Decimal
    of_present: bool
    written_count: bool
    members: int | None  #: “Số thành viên hội đồng”
    present: int | None  #: “Số thành viên có mặt”, else the named members present in Bình chọn

    @property
    def text(self) -> str:
        """The rule in one Vietnamese sentence, for documents and messages."""
        base = "số thành viên có mặt" if self.of_present else "tổng số thành viên hội đồng"
        written = "được tính" if self.written_count else "không được tính"
        return (f"số phiếu đồng ý từ {format_points(self.threshold)}% trở lên tính trên {base}; "
                f"phiếu bằng văn bản của thành viên vắng mặt {written}")


@dataclass(frozen=True)
class VoteResult:
    """The tally of one model: votes counted, the base, the share, and whether it passed scoring."""

    model: Model
    agree: int  #: votes for that count
    disagree: int  #: votes against that count
    written: int  #: of the votes that count, how many were sent in writing
    uncounted: int  #: written ballots that do not count (Cấu hình “Tính phiếu bằng văn bản” = Không)
    base: int  #: the number the share is taken of
    threshold: Decimal
    scoring: ScoreResult | None  #: the model's scoring result (None: not scored)
    rows: tuple[int, ...]  #: its Bình chọn rows

    @property
    def share(self) -> Decimal:
        """Votes for as a percentage of the base, rounded down to two decimals."""
        if not self.base:
            return Decimal(0)
        return (Decimal(self.agree * 100) / self.base).quantize(_CENT, rounding=ROUND_DOWN)

    @property
    def passed_vote(self) -> bool:
        return self.base > 0 and self.agree * 100 >= self.threshold * self.base

    @property
    def passed_scoring(self) -> bool:
        return self.scoring is not None and self.scoring.passed

    @property
    def passed(self) -> bool:
        """Recognised: passed the vote and scoring."""
        return self.passed_vote and self.passed_scoring

    @property
    def result(self) -> str:
        """The vote's own result, "Đạt" or "Không đạt" (written into Bình chọn)."""
        return RESULT_PASS if self.passed_vote else RESULT_FAIL

    @property
    def share_text(self) -> str:
        """"90%", "88,88%"."""
        return f"{format_points(self.share)}%"


def vote_rule(book: Workbook) -> VoteRule:
    """The rule of Cấu hình (90 % of every member, written ballots counted, when blank)."""
    settings = book.settings
    threshold = Decimal(str(settings.get("vote_threshold", DEFAULT_VOTE_THRESHOLD)))
    of_present = fold_key(settings.text("vote_base", BASE_ALL)) == fold_key(BASE_PRESENT)
    written = fold_key(settings.text("written_votes", "Có")) != fold_key("Không")
    present = settings.get("council_present")
    if present is None:
        named = {fold_key(v.member) for v in book.votes if v.member and not v.is_written and not v.is_count}
        present = len(named) or None
    members = settings.get("council_members")
    return VoteRule(threshold, of_present, written, None if members is None else int(members),
                    None if present is None else int(present))


def tally(book: Workbook, scored: Iterable[ScoreResult] | None = None) -> list[VoteResult]:
    """The result of every model that has a Bình chọn row, in Mô hình order (pure; checks are in
    :func:`check_votes`). ``scored``: the book's :func:`~.scoring.score`, when the caller has it
    already (it is computed here otherwise)."""
    rule = vote_rule(book)
    by_code = {result.model.code: result for result in (score(book) if scored is None else scored)}
    rows: dict[str, list[Vote]] = {}
    for vote in book.votes:
        rows.setdefault(vote.model_code, []).append(vote)
    results = []
    seen: set[str] = set()
    for model in book.models:
        votes = rows.get(model.code)
        if not votes or model.code in seen:
            continue
        seen.add(model.code)
        results.append(_tally_model(model, votes, rule, by_code.get(model.code)))
    return results


def recognised_models(book: Workbook) -> list[Model]:
    """The models the decision recognises, in Mô hình order: passed scoring and, when the book has
    a vote (rows in Bình chọn), passed the vote too."""
    if not book.votes:
        return [result.model for result in score(book) if result.passed]
    return [result.model for result in tally(book) if result.passed]


def vote_updates(book: Workbook, results: Iterable[VoteResult]) -> list[CellUpdate]:
    """The cells to write into Bình chọn: share and vote result on every row of each model."""
    values: dict[int, tuple[object, str]] = {}
    for result in results:
        for row in result.rows:
            values[row] = (to_cell_number(result.share), result.result)
    updates = []
    for vote in book.votes:
        share, outcome = values.get(vote.row, (None, None))
        updates += [CellUpdate("votes", vote.row, "share", share),
                    CellUpdate("votes", vote.row, "result", outcome)]
    return updates


def vote_summary(book: Workbook, results: Sequence[VoteResult]) -> list[str]:
    """The lines ``dvk score`` prints about the vote: the rule, who passed, who did not and why."""
    rule = vote_rule(book)
    passed = [r for r in results if r.passed]
    lines = [f"Bình chọn ({rule.text}): {len(passed)} mô hình đạt cả chấm điểm và bình chọn, "
             f"{sum(not r.passed_vote for r in results)} không đủ phiếu."]
    failed_scoring = [r.model.code for r in results if r.passed_vote and not r.passed_scoring]
    if failed_scoring:
        lines.append(f"Đủ phiếu nhưng không đạt chấm điểm (không được công nhận): {', '.join(failed_scoring)}.")
    return lines


def check_votes(book: Workbook) -> Iterable[Finding]:
    """Bình chọn rows: vote-unknown-model, vote-twice, vote-row, vote-too-many, vote-no-members,
    vote-no-present, vote-threshold (errors); vote-not-scored, vote-failed-scoring, vote-missing,
    vote-not-counted (warnings)."""
    if not book.votes:
        return
    rule = vote_rule(book)
    yield from _check_council(book, rule)
    models = {m.code for m in book.models}
    first: dict[tuple[str, str], int] = {}
    for vote in book.votes:
        if vote.model_code and vote.model_code not in models:
            yield error("vote-unknown-model", cell(book, "votes", "model_code", vote.row),
                        f"Mã mô hình “{vote.model_code}” không có trong sheet “{sheet_name(book, 'models')}”. "
                        "Sửa mã cho đúng hoặc xóa dòng này.")
        yield from _check_row(book, vote)
        if vote.member:
            key = (vote.model_code, fold_key(vote.member))
            if key in first:
                yield error("vote-twice", cell(book, "votes", "member", vote.row),
                            f"Thành viên “{vote.member}” đã bình chọn mô hình “{vote.model_code}” ở dòng "
                            f"{first[key]}; mỗi thành viên chỉ có một phiếu cho mỗi mô hình. Xóa dòng thừa.")
            else:
                first[key] = vote.row
        if vote.is_written and not rule.written_count:
            yield warning("vote-not-counted", cell(book, "votes", "attendance", vote.row),
                          "Phiếu bằng văn bản của thành viên vắng mặt không được tính (Cấu hình “Tính phiếu "
                          "bằng văn bản” là “Không”).")
    yield from _check_results(book, rule)


def _check_council(book: Workbook, rule: VoteRule) -> Iterable[Finding]:
    low, high = THRESHOLD_RANGE
    if not low <= rule.threshold <= high:
        shown = format_points(rule.threshold)
        fraction = (f" Ô định dạng phần trăm lưu 90% thành 0,9: đổi ô sang định dạng số (General) rồi ghi "
                    f"{format_points(rule.threshold * 100)}." if 0 < rule.threshold < low else "")
        yield error("vote-threshold", setting_cell(book, "vote_threshold"),
                    f"Tỷ lệ phiếu đồng ý “{shown}” không dùng được: cần số phần trăm từ {format_points(low)} đến "
                    f"{format_points(high)}, ví dụ 90 (nghĩa là từ 90% số phiếu trở lên).{fraction}")
    if rule.members is None or rule.members <= 0:
        yield error("vote-no-members", setting_cell(book, "council_members"),
                    "Sổ có phiếu bình chọn nhưng chưa có “Số thành viên hội đồng” (số dương) trong sheet "
                    f"“{sheet_name(book, 'settings')}”: không tính được tỷ lệ phiếu. Nhập tổng số thành viên.")
    elif rule.present is not None and rule.present > rule.members:
        yield error("vote-too-many", setting_cell(book, "council_present"),
                    f"Số thành viên có mặt ({rule.present}) nhiều hơn số thành viên hội đồng "
                    f"({rule.members}). Sửa lại một trong hai số.")
    if rule.of_present and rule.present is None:
        yield error("vote-no-present", setting_cell(book, "council_present"),
                    "Tỷ lệ phiếu tính trên số thành viên có mặt nhưng chưa biết bao nhiêu thành viên có "
                    "mặt. Nhập “Số thành viên có mặt” hoặc ghi tên từng thành viên trong sheet Bình chọn.")


def _check_row(book: Workbook, vote: Vote) -> Iterable[Finding]:
    if vote.is_count and (vote.member or vote.opinion):
        yield error("vote-row", cell(book, "votes", "agree", vote.row),
                    f"Dòng {vote.row} vừa ghi phiếu của một người (thành viên, ý kiến) vừa ghi số phiếu. "
                    "Mỗi dòng là một phiếu (ghi Ý kiến) hoặc số phiếu của mô hình (ghi Số phiếu), không "
                    "cả hai.")
    elif not vote.is_count and not vote.opinion and vote.model_code:
        yield error("vote-row", cell(book, "votes", "opinion", vote.row),
                    f"Dòng {vote.row} chưa ghi ý kiến (“{OPINION_AGREE}” hoặc “{OPINION_DISAGREE}”) "
                    "hay số phiếu đồng ý.")
    for name in ("agree", "disagree"):
        value = getattr(vote, name)
        if value is not None and value < 0:
            yield error("vote-row", cell(book, "votes", name, vote.row),
                        f"Số phiếu không thể âm ({value}). Sửa lại ô này.")


def _check_results(book: Workbook, rule: VoteRule) -> Iterable[Finding]:
    scored = score(book)
    results = tally(book, scored)
    voted = {r.model.code for r in results}
    typed_present = rule.present if book.settings.get("council_present") is not None else None  # not counted names
    for result in results:
        ref = cell(book, "votes", "model_code", result.rows[0])
        cast = result.agree + result.disagree + result.uncounted
        at_meeting = result.agree + result.disagree - result.written
        if rule.members and cast > rule.members:
            yield error("vote-too-many", ref,
                        f"Mô hình “{result.model.code}” có {cast} phiếu nhưng hội đồng chỉ có "
                        f"{rule.members} thành viên. Kiểm tra các dòng trùng hoặc số phiếu.")
        elif typed_present is not None and at_meeting > typed_present:
            yield error("vote-too-many", ref,
                        f"Mô hình “{result.model.code}” có {at_meeting} phiếu tại cuộc họp nhưng chỉ có "
                        f"{typed_present} thành viên có mặt. Kiểm tra các dòng trùng, số phiếu hoặc “Số thành "
                        "viên có mặt”.")
        if result.scoring is None:
            yield warning("vote-not-scored", ref,
                          f"Mô hình “{result.model.code}” được bình chọn nhưng chưa chấm điểm nên chưa thể "
                          "công nhận. Nhập điểm vào sheet Chấm điểm.")
        elif not result.scoring.passed:
            yield warning("vote-failed-scoring", ref,
                          f"Mô hình “{result.model.code}” không đạt khi chấm điểm: phiếu bình chọn vẫn được "
                          "kiểm nhưng mô hình không được công nhận.")
    for model in (result.model for result in scored if result.passed):
        if model.code not in voted:
            yield warning("vote-missing", cell(book, "models", "code", model.row),
                          f"Mô hình “{model.code}” đạt chấm điểm nhưng chưa có phiếu trong sheet "
                          f"“{sheet_name(book, 'votes')}” nên không có trong quyết định công nhận.")


def _tally_model(model: Model, votes: Sequence[Vote], rule: VoteRule, scoring: ScoreResult | None
                 ) -> VoteResult:
    agree = disagree = written = uncounted = 0
    for vote in votes:
        yes, no = _counts(vote)
        if vote.is_written and not rule.written_count:
            uncounted += yes + no
            continue
        agree, disagree = agree + yes, disagree + no
        written += (yes + no) if vote.is_written else 0
    base = (rule.present or 0) + written if rule.of_present else rule.members or 0
    return VoteResult(model, agree, disagree, written, uncounted, base, rule.threshold, scoring,
                      tuple(vote.row for vote in votes))


def _counts(vote: Vote) -> tuple[int, int]:
    """(for, against) of one row: a count row's numbers, or one ballot."""
    if vote.is_count:
        return max(vote.agree or 0, 0), max(vote.disagree or 0, 0)
    opinion = fold_key(vote.opinion)
    return int(opinion == fold_key(OPINION_AGREE)), int(opinion == fold_key(OPINION_DISAGREE))
