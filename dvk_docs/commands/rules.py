"""``dvk validate`` and ``dvk score``: check the workbook, compute and write back the results."""

from __future__ import annotations

from dataclasses import replace

from ..numbering import register_problems
from ..rules.locations import cell
from ..rules.scoring import score, score_updates
from ..rules.validation import require_scorable, summarize, validate
from ..rules.voting import tally, vote_summary, vote_updates
from .folders import register_book
from .registry import Command, Option, Outcome, Session

NUMBERED_RENDER = ("render --cap-so",)  #: what a damaged number register blocks
_SHOWN_UNSCORED = 10  #: how many unscored model codes the score summary lists


def run_validate(session: Session, as_json: bool = False) -> Outcome:
    """Every finding of the workbook and of its number register; exit code 1 when there is an
    error, else 0.

    ``as_json`` only changes how the CLI prints the findings.
    """
    book = session.book()
    findings = validate(book)
    if book.folder:  # a file on disk: its number register may sit beside it
        documents = cell(book, "documents", None, None)
        findings += [replace(f, blocks=NUMBERED_RENDER)
                     for f in register_problems(register_book(session, book), documents)]
    has_errors = any(f.is_error for f in findings)
    return Outcome(message=summarize(findings), findings=findings, exit_code=1 if has_errors else 0)


def run_score(session: Session) -> Outcome:
    """Score every model and write total, result and reason into Chấm điểm; when the book has a
    council vote, write each model's share of votes and vote result into Bình chọn too.

    Raises ValidationFailedError when what scoring reads has errors (criteria, scores, model codes
    and subjects, the pass mark); registration errors do not stop it.
    """
    book = session.book()
    findings = require_scorable(book)
    results = score(book)
    if not results:
        return Outcome(message="Chưa có mô hình nào được chấm điểm trong sheet “Chấm điểm”: "
                               "chưa có gì để tính.", findings=findings)
    votes = tally(book, results) if book.votes else []
    session.source.write(score_updates(book, results) + vote_updates(book, votes))
    session.forget_book()
    passed = sum(result.passed for result in results)
    message = f"Đã chấm {len(results)} mô hình: {passed} đạt, {len(results) - passed} không đạt."
    scored = {result.model.code for result in results}
    unscored = [m.code for m in book.models if m.code and m.code not in scored]
    details = []
    if unscored:
        shown = ", ".join(unscored[:_SHOWN_UNSCORED]) + (", …" if len(unscored) > _SHOWN_UNSCORED else "")
        details.append(f"{len(unscored)} mô hình chưa có điểm nên chưa có kết quả: {shown}.")
    if votes:
        details.extend(vote_summary(book, votes))
    return Outcome(message=message, findings=findings, details=details)


COMMANDS = (
    Command(
        "validate",
        "Kiểm tra sổ theo dõi, liệt kê lỗi và cảnh báo theo sheet, ô (check the workbook).",
        run_validate,
        options=(
            Option("as_json", "In kết quả dạng JSON (print findings as JSON)", flags=("--json",),
                   type="flag", default=False),
        ),
    ),
    Command(
        "score",
        "Tính tổng điểm, kết quả Đạt/Không đạt và lý do, ghi vào sheet Chấm điểm; kiểm phiếu "
        "sheet Bình chọn nếu có (score every model, count the council's vote, write the results).",
        run_score,
    ),
)
