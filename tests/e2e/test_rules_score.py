"""``dvk score`` end to end: results written into Chấm điểm of a real file, refusals, exit codes."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.workbook.sources import FileSource

from .rules_workbooks import FULL, make_book, scored, sheet_values

PASS_REASON = "Tổng điểm 100/100, từ 75 trở lên; tiêu chí 2, 7, 9, 11, 15 đạt tối đa."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_score_writes_total_result_and_reason(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[
        ("MH001", "", FULL),
        ("MH002", "", scored(tc3=0, tc4=0, tc6=0, tc8=3, tc7=8, tc10=6)),
        ("MH003", "", scored(tc3="7,5", tc15=4)),
    ])
    result = run("score", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("Đã chấm 3 mô hình: 1 đạt, 2 không đạt.\n")
    assert sheet_values(path, "Chấm điểm", "R2:T4") == [
        100, "Đạt", PASS_REASON,
        72, "Không đạt", "Tổng điểm 72/100, phải từ 75 trở lên; Tiêu chí 7 được 8/10, phải đạt tối đa.",
        96.5, "Không đạt", "Tiêu chí 15 được 4/5, phải đạt tối đa.",
    ]


def test_several_scorers_get_the_same_averaged_result_on_each_row(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[
        ("MH001", "Ông A", scored(tc3=5)),
        ("MH002", "Ông A", FULL),
        ("MH001", "Bà B", FULL),
    ])
    result = run("score", str(path))
    assert result.output.splitlines()[-2:] == [
        "1 mô hình chưa có điểm nên chưa có kết quả: MH003.",
        "Đã chấm 2 mô hình: 2 đạt, 0 không đạt.",
    ]
    reason = ("Trung bình của 2 người chấm: Tổng điểm 97,5/100, từ 75 trở lên; "
              "tiêu chí 2, 7, 9, 11, 15 đạt tối đa.")
    assert sheet_values(path, "Chấm điểm", "R2:T4") == [
        97.5, "Đạt", reason, 100, "Đạt", PASS_REASON, 97.5, "Đạt", reason,
    ]


def test_threshold_edited_in_settings_changes_the_result(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", settings={"Điểm đạt": 98}, scores=[("MH001", "", scored(tc3=7))])
    run("score", str(path))
    assert sheet_values(path, "Chấm điểm", "R2:T2") == [
        97, "Không đạt", "Tổng điểm 97/100, phải từ 98 trở lên."]


def test_must_be_max_flag_edited_in_criteria(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[("MH001", "", scored(tc7=8))])
    book = openpyxl.load_workbook(path)
    criteria = book["Tiêu chí"]
    row = next(r for r in criteria.iter_rows(min_row=2) if r[0].value == 7)
    row[4].value = "Không"
    book.save(path)
    run("score", str(path))
    assert sheet_values(path, "Chấm điểm", "S2:T2") == [
        "Đạt", "Tổng điểm 98/100, từ 75 trở lên; tiêu chí 2, 9, 11, 15 đạt tối đa."]


def test_score_refuses_when_scores_have_errors_and_leaves_the_file(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[("MH001", "", scored(tc7=12))])
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    assert "Sheet “Chấm điểm”, ô I2: Tiêu chí 7 của mô hình “MH001” được 12 điểm, vượt điểm tối đa 10." \
        in result.output
    assert path.read_bytes() == before


def test_registration_errors_do_not_stop_scoring(tmp_path) -> None:
    models = [("MH001", "DV99", "Mô hình lạ", "Tập thể", "", "Y tế", "Mới", "01/03/2024")]
    path = make_book(tmp_path / "so.xlsx", models=models, scores=[("MH001", "", FULL)])
    assert run("score", str(path)).exit_code == 0
    assert sheet_values(path, "Chấm điểm", "S2:S2") == ["Đạt"]


def test_score_refuses_while_excel_holds_the_file(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[("MH001", "", FULL)])
    (tmp_path / "~$so.xlsx").write_bytes(b"lock")
    result = CliRunner().invoke(cli, ["score", str(path)])
    assert result.exit_code == 3
    assert sheet_values(path, "Chấm điểm", "R2:R2") == [None]


def test_the_registry_command_reports_and_rereads(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[("MH002", "", FULL)])
    session = Session(source=FileSource(path))
    outcome = find_command("score").invoke(session)
    assert outcome.message == "Đã chấm 1 mô hình: 1 đạt, 0 không đạt."
    assert outcome.details == ["2 mô hình chưa có điểm nên chưa có kết quả: MH001, MH003."]
    assert [f.code for f in outcome.findings] == ["model-not-scored", "model-not-scored"]
    assert sheet_values(path, "Chấm điểm", "S2:S2") == ["Đạt"]


def test_nothing_to_score(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx")
    before = path.read_bytes()
    result = run("score", str(path))
    assert (result.exit_code, result.output) == (
        0, "Chưa có mô hình nào được chấm điểm trong sheet “Chấm điểm”: chưa có gì để tính.\n")
    assert path.read_bytes() == before
