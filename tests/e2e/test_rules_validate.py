"""``dvk validate`` end to end: real workbook files through the CLI and the command registry."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.workbook.sources import FileSource

from .rules_workbooks import FULL, MODELS, make_book

FINDING_KEYS = {"severity", "sheet", "cell", "code", "message", "blocks"}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_a_clean_workbook_passes(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", scores=[(m[0], "", FULL) for m in MODELS])
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "Không có lỗi, không có cảnh báo.\n"


def test_warnings_alone_exit_0(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", units=[("DV01", "Đoàn Thanh niên Khối", "Đoàn thể", 5),
                                                  ("DV02", "Chi bộ Sở Tư pháp", "Chi bộ cơ sở", None)])
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "│ Cảnh báo │ Đơn vị │ D2 │ below-target │ Đơn vị “Đoàn Thanh niên Khối” (DV01) mới đăng ký 2" \
        in result.output
    assert result.output.endswith("Không có lỗi. 1 cảnh báo.\n")


def test_errors_are_listed_with_sheet_cell_and_exit_code_1(tmp_path) -> None:
    models = [*MODELS, ("MH004", "DV99", "Mô hình lạ", "Nhóm", "", "Y tế", "Mới", "20/04/2024")]
    path = make_book(tmp_path / "so.xlsx", models=models)
    result = run("validate", str(path))
    assert result.exit_code == 1
    cells = [[c.strip() for c in line.split("│")[1:7]] for line in result.output.splitlines()
             if line.startswith("│ ")]
    assert [row[:4] + row[5:] for row in cells if row[0]] == [
        ["Lỗi", "Mô hình", "B5", "unknown-unit", "render, batch"],
        ["Lỗi", "Mô hình", "D5", "unknown-subject", "score, render, batch"],
        ["Lỗi", "Mô hình", "F5", "unknown-field", "render, batch"],
        ["Cảnh báo", "Mô hình", "K5", "late-registration", ""],
    ]
    assert "│ Mã đơn vị “DV99” không có trong " in result.output
    assert result.output.endswith("Có 3 lỗi, 1 cảnh báo.\n")


def test_json_rows_have_the_documented_schema(tmp_path) -> None:
    models = [*MODELS, ("MH004", "DV99", "Mô hình lạ", "Tập thể", "", "Kinh tế", "Mới", "20/04/2024")]
    path = make_book(tmp_path / "so.xlsx", models=models)
    result = run("validate", str(path), "--json")
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert all(set(row) == FINDING_KEYS for row in rows)
    assert all(row["severity"] in ("error", "warning") for row in rows)
    assert {
        "severity": "error", "sheet": "Mô hình", "cell": "B5", "code": "unknown-unit",
        "message": "Mã đơn vị “DV99” không có trong sheet “Đơn vị”. Thêm đơn vị này vào sheet “Đơn vị” "
                   "hoặc sửa mã.", "blocks": ["render", "batch"],
    } in rows
    assert {
        "severity": "warning", "sheet": "Mô hình", "cell": "K5", "code": "late-registration",
        "message": "Mô hình “MH004” đăng ký ngày 20/04/2024, sau hạn đăng ký 15/04/2024 (sheet “Cấu hình”). "
                   "Kiểm tra lại ngày đăng ký hoặc ghi rõ lý do đăng ký muộn ở cột “Ghi chú”.",
        "blocks": [],
    } in rows


def test_legacy_text_in_a_cell_is_reported_at_that_cell(tmp_path) -> None:
    models = [*MODELS[:2], ("MH003", "DV02", "Ph¸t triÓn kinh tÕ hé gia ®×nh", *MODELS[2][3:])]
    path = make_book(tmp_path / "so.xlsx", models=models)
    rows = json.loads(run("validate", str(path), "--json").output)
    assert [(r["sheet"], r["cell"]) for r in rows if r["code"] == "legacy-encoding"] == [("Mô hình", "C4")]


def test_an_unreadable_file_exits_2(tmp_path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_text("không phải Excel")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: ")


def test_the_registry_command_gives_the_same_findings(tmp_path) -> None:
    path = make_book(tmp_path / "so.xlsx", settings={"Thể thức văn bản": "Quân đội"})
    outcome = find_command("validate").invoke(Session(source=FileSource(path)))
    assert outcome.exit_code == 1
    assert [(f.code, f.sheet, f.cell) for f in outcome.findings if f.is_error] == [
        ("unknown-profile", "Cấu hình", "B2"),
    ]
    assert outcome.message == "Có 1 lỗi, 0 cảnh báo."


@pytest.mark.parametrize("as_json", [False, True])
def test_validate_never_writes(tmp_path, as_json) -> None:
    path = make_book(tmp_path / "so.xlsx")
    before = path.read_bytes()
    run("validate", str(path), *(["--json"] if as_json else []))
    assert path.read_bytes() == before
