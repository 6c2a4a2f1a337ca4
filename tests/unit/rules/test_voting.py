"""The council's vote: thresholds, bases, written ballots, ties at the threshold, double votes, votes
for a model that failed scoring — exact results and messages; what the decision recognises."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dvk_docs.model import Vote
from dvk_docs.rules.validation import validate
from dvk_docs.rules.voting import check_votes, recognised_models, tally, vote_updates
from tests.unit.rules.books import book, full_points, model, score_row, setting_row

PASSING = full_points()
FAILING = full_points(tc3=0, tc10=0, tc1=0, tc4=0, tc5=0)  # total 65 < 75


def ballots(code: str, agree: int, disagree: int = 0, *, first_row: int = 2, written: int = 0,
            named: bool = True) -> tuple[Vote, ...]:
    """``agree`` ballots for and ``disagree`` against model ``code``; the last ``written`` of the
    ballots for were sent in writing. Members are "TV1", "TV2"… (or secret ballots)."""
    votes = []
    for index in range(agree + disagree):
        opinion = "Đồng ý" if index < agree else "Không đồng ý"
        attendance = "Vắng, gửi phiếu" if agree - written <= index < agree else "Có mặt"
        votes.append(Vote(code, f"TV{index + 1}" if named else "", attendance, opinion,
                          row=first_row + index))
    return tuple(votes)


def council(votes: tuple[Vote, ...], *, members: int | None = 10, scores=None, **settings):
    """Models MH01 (passes scoring), MH02 (fails: total 70), MH03 (passes), with ``votes``."""
    models = (model("MH01", 2), model("MH02", 3), model("MH03", 4))
    rows = scores if scores is not None else (
        score_row("MH01", 2, PASSING), score_row("MH02", 3, FAILING),
        score_row("MH03", 4, PASSING))
    values = {"council_members": members, **settings}
    return book(settings=values, models=models, scores=rows, votes=votes)


def results(b) -> dict[str, tuple[int, int, int, str, str]]:
    return {r.model.code: (r.agree, r.disagree, r.base, r.share_text, r.result) for r in tally(b)}


def test_ninety_percent_of_all_members_tie_at_the_threshold_passes():
    b = council(ballots("MH01", 9, 1) + ballots("MH03", 8, 1, first_row=20))
    assert results(b) == {"MH01": (9, 1, 10, "90%", "Đạt"), "MH03": (8, 1, 10, "80%", "Không đạt")}
    assert [m.code for m in recognised_models(b)] == ["MH01"]


def test_share_is_of_all_members_even_when_some_are_absent():
    # 8 of 9 present agree: 88,88 % of present, but 80 % of the council's 10 members
    b = council(ballots("MH01", 8, 1), council_present=9)
    assert results(b) == {"MH01": (8, 1, 10, "80%", "Không đạt")}
    b = council(ballots("MH01", 8, 1), council_present=9, vote_base="Thành viên có mặt")
    assert results(b) == {"MH01": (8, 1, 9, "88,88%", "Không đạt")}
    b = council(ballots("MH01", 9, 0), council_present=9, vote_base="Thành viên có mặt")
    assert results(b) == {"MH01": (9, 0, 9, "100%", "Đạt")}


def test_a_threshold_just_above_the_share_fails_exactly():
    b = council(ballots("MH01", 9, 1), vote_threshold=Decimal("90.01"))
    assert results(b) == {"MH01": (9, 1, 10, "90%", "Không đạt")}
    b = council(ballots("MH01", 2, 1), members=3, vote_threshold=Decimal("66.67"))
    assert results(b)["MH01"][3:] == ("66,66%", "Không đạt")  # 66,666… % shown rounded down
    b = council(ballots("MH01", 2, 1), members=3, vote_threshold=Decimal("66.66"))
    assert results(b)["MH01"][3:] == ("66,66%", "Đạt")


def test_written_ballots_of_absent_members_count_as_documented():
    votes = ballots("MH01", 9, 0, written=2)  # 7 present + 2 absent members voting in writing
    b = council(votes)
    (result,) = tally(b)
    assert (result.agree, result.written, result.uncounted, result.base, result.result) == (9, 2, 0, 10, "Đạt")
    b = council(votes, written_votes="Không")
    (result,) = tally(b)
    assert (result.agree, result.written, result.uncounted, result.base, result.result) == (7, 0, 2, 10,
                                                                                            "Không đạt")
    warnings = [f for f in check_votes(b) if f.code == "vote-not-counted"]
    assert [(f.sheet, f.cell) for f in warnings] == [("Bình chọn", "C9"), ("Bình chọn", "C10")]
    # of the members present: the 7 named present members plus the 2 written ballots
    b = council(votes, vote_base="Thành viên có mặt")
    assert results(b) == {"MH01": (9, 0, 9, "100%", "Đạt")}


def test_count_rows_and_secret_ballots_give_the_same_tally():
    counts = (Vote("MH01", attendance="Có mặt", agree=8, disagree=1, row=2),
              Vote("MH01", attendance="Vắng, gửi phiếu", agree=1, row=3))
    secret = ballots("MH01", 9, 1, written=1, named=False)
    assert results(council(counts)) == results(council(secret)) == {"MH01": (9, 1, 10, "90%", "Đạt")}


def test_a_member_who_votes_twice_is_an_error_naming_the_cell():
    votes = ballots("MH01", 9, 0) + (Vote("MH01", "tv3", "Có mặt", "Đồng ý", row=11),)
    (finding,) = [f for f in validate(council(votes)) if f.is_error]
    assert (finding.code, finding.sheet, finding.cell) == ("vote-twice", "Bình chọn", "B11")
    assert finding.message == ("Thành viên “tv3” đã bình chọn mô hình “MH01” ở dòng 4; mỗi thành viên "
                               "chỉ có một phiếu cho mỗi mô hình. Xóa dòng thừa.")


def test_more_ballots_than_members_and_missing_council_size_are_errors():
    too_many = [f for f in check_votes(council(ballots("MH01", 11, 0, named=False))) if f.is_error]
    assert [(f.code, f.cell, f.message) for f in too_many] == [
        ("vote-too-many", "A2", "Mô hình “MH01” có 11 phiếu nhưng hội đồng chỉ có 10 thành viên. "
                                "Kiểm tra các dòng trùng hoặc số phiếu.")]
    (missing,) = [f for f in check_votes(council(ballots("MH01", 1), members=None)) if f.is_error]
    assert (missing.code, missing.sheet, missing.cell) == ("vote-no-members", "Cấu hình",
                                                           f"B{setting_row('council_members')}")


def test_a_row_with_a_ballot_and_counts_or_with_neither_is_an_error():
    rows = (Vote("MH01", "TV1", "Có mặt", "Đồng ý", agree=3, row=2), Vote("MH01", "TV2", row=3))
    found = [(f.code, f.cell) for f in check_votes(council(rows)) if f.is_error]
    assert found == [("vote-row", "E2"), ("vote-row", "D3")]


def test_a_vote_for_a_model_that_failed_scoring_is_counted_but_not_recognised():
    b = council(ballots("MH01", 10) + ballots("MH02", 10, first_row=20))
    assert results(b) == {"MH01": (10, 0, 10, "100%", "Đạt"), "MH02": (10, 0, 10, "100%", "Đạt")}
    assert [m.code for m in recognised_models(b)] == ["MH01"]
    found = [(f.severity, f.code, f.cell, f.message) for f in check_votes(b)]
    assert found == [
        ("warning", "vote-failed-scoring", "A20", "Mô hình “MH02” không đạt khi chấm điểm: phiếu bình "
         "chọn vẫn được kiểm nhưng mô hình không được công nhận."),
        ("warning", "vote-missing", "A4", "Mô hình “MH03” đạt chấm điểm nhưng chưa có phiếu trong sheet "
         "“Bình chọn” nên không có trong quyết định công nhận."),
    ]


def test_without_a_vote_the_decision_takes_every_model_that_passed_scoring():
    assert [m.code for m in recognised_models(council(()))] == ["MH01", "MH03"]


@pytest.mark.parametrize(("agree", "expected"), [(9, ["MH01", "MH03"]), (8, ["MH03"])])
def test_the_decision_lists_exactly_the_models_passing_both(agree, expected):
    votes = ballots("MH01", agree, 10 - agree) + ballots("MH02", 10, first_row=20) + \
        ballots("MH03", 10, first_row=40)
    assert [m.code for m in recognised_models(council(votes))] == expected


def test_vote_updates_write_share_and_result_on_every_row_of_the_model():
    b = council(ballots("MH01", 9, 1)[:2] + (Vote("MH09", "TV1", "Có mặt", "Đồng ý", row=4),))
    updates = [(u.row, u.field, u.value) for u in vote_updates(b, tally(b))]
    assert updates == [(2, "share", 20), (2, "result", "Không đạt"), (3, "share", 20),
                       (3, "result", "Không đạt"), (4, "share", None), (4, "result", None)]


@pytest.mark.parametrize(("threshold", "found"), [
    (Decimal(90), False), (Decimal(1), False), (Decimal(100), False), (Decimal("66.67"), False),
    (Decimal(150), True), (Decimal("100.5"), True), (Decimal(0), True), (Decimal(-5), True), (Decimal("0.9"), True),
])
def test_a_threshold_outside_1_to_100_percent_is_an_error_at_its_cell(threshold, found):
    errors = [f for f in check_votes(council(ballots("MH01", 9, 1), vote_threshold=threshold)) if f.is_error]
    assert [(f.code, f.cell) for f in errors] == (
        [("vote-threshold", f"B{setting_row('vote_threshold')}")] if found else [])
    if threshold == Decimal("0.9"):  # what a cell formatted as a percentage holds for 90 %
        assert errors[0].message.endswith("Ô định dạng phần trăm lưu 90% thành 0,9: đổi ô sang định dạng số "
                                          "(General) rồi ghi 90.")


def test_more_ballots_at_the_meeting_than_members_present_is_an_error_only_against_the_typed_count():
    rows = ballots("MH01", 7, 1, written=1)  # 7 cast at the meeting, 1 in writing
    assert [f for f in check_votes(council(rows, council_present=7)) if f.is_error] == []
    (error,) = [f for f in check_votes(council(rows, council_present=6)) if f.is_error]
    assert (error.code, error.cell, error.message) == (
        "vote-too-many", "A2", "Mô hình “MH01” có 7 phiếu tại cuộc họp nhưng chỉ có 6 thành viên có mặt. Kiểm tra "
                               "các dòng trùng, số phiếu hoặc “Số thành viên có mặt”.")
    assert [f for f in check_votes(council(rows)) if f.is_error] == []  # present counted from the names


def test_what_the_tally_reads_blocks_score_too():
    unknown = council((Vote("MH01", "TV1", "Có mặt", "Tán thành", row=2),), vote_base="Một nửa")
    blocked = {(f.code, f.sheet, f.cell): f.blocks for f in validate(unknown) if f.is_error}
    assert blocked == {
        ("unknown-choice", "Cấu hình", f"B{setting_row('vote_base')}"): ("score", "render", "batch"),
        ("unknown-choice", "Bình chọn", "D2"): ("score", "render", "batch")}
