"""One verdict per fact: what ``validate`` calls an error is exactly what ``score``/``render`` refuse.

A bad registration date is an error for the documents (``render``, ``batch``) and not for
``score``; an empty Người ký is an error for the documents, as render indeed refuses.
"""

from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner

from dvk_docs.cli import cli

from .rules_workbooks import FULL, MODELS, make_book


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_bad_registration_date_blocks_documents_and_not_scoring(tmp_path) -> None:
    models = [*MODELS[:2], (*MODELS[2][:7], "31/02/2024")]
    book = make_book(tmp_path / "so.xlsx", models=models, scores=[(m[0], "", FULL) for m in MODELS])
    rows = json.loads(run("validate", book, "--json").output)
    assert [(r["severity"], r["cell"], r["blocks"]) for r in rows if r["severity"] == "error"] == [
        ("error", "K4", ["render", "batch"])]

    scored = run("score", book)
    assert scored.exit_code == 0, scored.output
    assert scored.output.startswith("Đã chấm 3 mô hình: 3 đạt, 0 không đạt.")

    refused = run("render", "quyet-dinh-cong-nhan", book, "--out", tmp_path / "out")
    assert refused.exit_code == 1
    assert refused.output.startswith("Lỗi: Sổ theo dõi có 1 lỗi, chưa thể lập văn bản:\n- Sheet “Mô hình”, ô K4: ")
    assert not (tmp_path / "out").exists()


def test_a_bad_score_blocks_scoring_with_its_own_words(tmp_path) -> None:
    book = make_book(tmp_path / "so.xlsx", scores=[(m[0], "", FULL) for m in MODELS])
    workbook = openpyxl.load_workbook(book)
    workbook["Chấm điểm"]["C2"] = "năm"
    workbook.save(book)
    rows = json.loads(run("validate", book, "--json").output)
    assert [(r["cell"], r["blocks"]) for r in rows if r["severity"] == "error"] == [
        ("C2", ["score", "render", "batch"])]
    refused = run("score", book)
    assert refused.exit_code == 1
    assert refused.output.startswith("Lỗi: Sổ theo dõi có 1 lỗi, chưa thể tính điểm:\n- Sheet “Chấm điểm”, ô C2: ")


def test_no_signer_is_an_error_because_render_refuses(tmp_path) -> None:
    book = make_book(tmp_path / "so.xlsx")
    workbook = openpyxl.load_workbook(book)
    workbook["Người ký"].delete_rows(2)
    for row in workbook["Cấu hình"].iter_rows(min_row=2):
        if row[0].value == "Người ký mặc định":
            row[1].value = None
    workbook.save(book)
    rows = json.loads(run("validate", book, "--json").output)
    assert [(r["code"], r["severity"], r["blocks"]) for r in rows if r["code"] == "missing-signer"] == [
        ("missing-signer", "error", ["render", "batch"])]
    refused = run("render", "ke-hoach", book, "--out", tmp_path / "out")
    assert refused.exit_code == 1
    assert "- Sheet “Người ký”: Chưa có người ký nào nên chưa lập được văn bản" in refused.output
