"""The council's vote on the sample end to end: ``dvk score`` writes the vote into Bình chọn, the
tally minutes repeat the sheet's numbers, the decision lists exactly the models passing both, the
ballot lists the candidates. Documents are read back with python-docx."""

from __future__ import annotations

import shutil

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from tests.conftest import SAMPLES


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def scored_sample(tmp_path_factory):
    """The sample (a copy) after ``dvk score``, and what the command printed."""
    folder = tmp_path_factory.mktemp("vote")
    path = folder / "dang-uy-khoi.xlsx"
    shutil.copy2(SAMPLES / "dang-uy-khoi.xlsx", path)
    shutil.copytree(SAMPLES / "anh", folder / "anh")
    result = run("score", str(path))
    assert result.exit_code == 0, result.output
    return path, result.output


def sheet_rows(path, name: str) -> list[dict[str, object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[name].iter_rows(values_only=True))
    book.close()
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(v is not None for v in row)]


def render(path, kind: str, out) -> docx.Document:
    result = run("render", kind, str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    (file,) = out.rglob("*.docx")
    return docx.Document(str(file))


def test_score_reports_the_vote(scored_sample):
    _, output = scored_sample
    assert ("Bình chọn (số phiếu đồng ý từ 90% trở lên tính trên tổng số thành viên hội đồng; phiếu "
            "bằng văn bản của thành viên vắng mặt được tính): 178 mô hình đạt cả chấm điểm và bình chọn, "
            "32 không đủ phiếu.") in output


def test_tally_minutes_repeat_the_numbers_of_the_sheet(scored_sample, tmp_path):
    path, _ = scored_sample
    names = {row["Mã mô hình"]: row["Tên mô hình"] for row in sheet_rows(path, "Mô hình")}
    sheet: dict[str, list] = {}
    for row in sheet_rows(path, "Bình chọn"):
        votes = sheet.setdefault(row["Mã mô hình"], [0, 0, None, None])
        votes[0] += row["Số phiếu đồng ý"] or 0
        votes[1] += row["Số phiếu không đồng ý"] or 0
        votes[2:] = [row["Tỷ lệ đồng ý (%)"], row["Kết quả bình chọn"]]
    document = render(path, "bien-ban-kiem-phieu", tmp_path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    printed = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(printed) == len(sheet) == 210
    for line, (code, (agree, disagree, share, result)) in zip(printed, sheet.items(), strict=True):
        assert line[1].startswith(names[code])
        assert line[2:6] == [str(agree), str(disagree), f"{share:g}".replace(".", ",") + "%", result]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Tổng số thành viên: 11; có mặt: 10; vắng mặt: 01 (trong đó 01 thành viên gửi phiếu" in text
    passed = sum(1 for _, _, _, result in sheet.values() if result == "Đạt")
    assert f"Có {passed} mô hình, điển hình đạt; {210 - passed:02d} mô hình, điển hình không đạt." in text
    signatures = [c.text.split("\n") for row in document.tables[-1].rows for c in row.cells]
    assert [s[0] for s in signatures] == ["THÀNH VIÊN", "TRƯỞNG BAN", "THÀNH VIÊN", ""]
    assert [s[-1] for s in signatures] == ["Phạm Thị Yến", "Hoàng Văn Nam", "Lò Thị Hoa", ""]


def test_decision_lists_exactly_the_models_passing_scoring_and_the_vote(scored_sample, tmp_path):
    path, _ = scored_sample
    scored = {row["Mã mô hình"] for row in sheet_rows(path, "Chấm điểm") if row["Kết quả"] == "Đạt"}
    voted = {row["Mã mô hình"] for row in sheet_rows(path, "Bình chọn") if row["Kết quả bình chọn"] == "Đạt"}
    models = sheet_rows(path, "Mô hình")
    expected = [row["Tên mô hình"] for row in models if row["Mã mô hình"] in scored & voted]
    assert len(expected) == 178 and len(scored) == 210
    document = render(path, "quyet-dinh-cong-nhan", tmp_path)
    listed = [row.cells[1].text for table in document.tables[2:] for row in table.rows[1:]]
    assert sorted(listed) == sorted(expected)


def test_ballot_lists_every_model_that_passed_scoring(scored_sample, tmp_path):
    path, _ = scored_sample
    scored = {row["Mã mô hình"] for row in sheet_rows(path, "Chấm điểm") if row["Kết quả"] == "Đạt"}
    names = [row["Tên mô hình"] for row in sheet_rows(path, "Mô hình") if row["Mã mô hình"] in scored]
    document = render(path, "phieu-binh-chon", tmp_path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    assert [c.text for c in table.rows[0].cells][-2:] == ["Đồng ý", "Không đồng ý"]
    assert [row.cells[1].text for row in table.rows[1:]] == names
    assert all(row.cells[4].text == row.cells[5].text == "" for row in table.rows[1:])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "PHIẾU BÌNH CHỌN" in text and "(210 mô hình, điển hình đạt chấm điểm)" in text
