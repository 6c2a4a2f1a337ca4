"""``dvk render … --cap-so``: numbers from the register, in the documents, in the Văn bản sheet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs import numbering
from dvk_docs.cli import cli

DECISION = "quyet-dinh-cong-nhan"


def _render(book: Path, out: Path, *args: str):
    return CliRunner().invoke(cli, ["render", DECISION, str(book), "--out", str(out), *args])


def _texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def _decision(out: Path) -> Path:
    (found,) = (out / "Quyết định công nhận").glob("*.docx")
    return found


def _register_rows(book: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(book)["Văn bản"]
    return [row[:5] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def _signers(book: Path) -> list[str]:
    sheet = openpyxl.load_workbook(book)["Văn bản"]
    return [row[5] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def _events(book: Path) -> list[tuple[str, int]]:
    lines = numbering.register_path(book).read_text(encoding="utf-8").splitlines()
    return [(entry["event"], entry["number"]) for entry in map(json.loads, lines)]


@pytest.fixture
def book(copy_sample) -> Path:
    return copy_sample("ubnd-huyen.xlsx")


def test_two_numbered_decisions_get_01_then_02_in_text_sheet_and_register(book, tmp_path):
    first = _render(book, tmp_path / "dot-1", "--cap-so", "--ngay", "05/03/2025")
    second = _render(book, tmp_path / "dot-2", "--cap-so", "--ngay", "12/03/2025")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "Đã cấp Số: 01/QĐ-UBND ngày 05/03/2025" in first.output

    one, two = _texts(_decision(tmp_path / "dot-1")), _texts(_decision(tmp_path / "dot-2"))
    assert "Số: 01/QĐ-UBND" in one and "Số: 02/QĐ-UBND" in two
    assert any(t.endswith("ngày 05 tháng 3 năm 2025") for t in one)  # the issue date, not blank
    assert any(t.endswith("ngày 12 tháng 3 năm 2025") for t in two)
    assert any("Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 3 năm 2025" in t for t in one)

    assert _register_rows(book) == [
        ("01", "QĐ-UBND", dt.datetime(2025, 3, 5), "QĐ", "Về việc công nhận mô hình, điển hình "
         "“Dân vận khéo” năm 2024"),
        ("02", "QĐ-UBND", dt.datetime(2025, 3, 12), "QĐ", "Về việc công nhận mô hình, điển hình "
         "“Dân vận khéo” năm 2024"),
    ]
    signers = _signers(book)
    assert signers[0] == signers[1] and any(signers[0] in t for t in one)  # signed under it
    issued = numbering.issued(book)
    assert [(a.number, Path(a.file)) for a in issued] == [
        (1, _decision(tmp_path / "dot-1")), (2, _decision(tmp_path / "dot-2"))]
    assert numbering.pending(book) == []
    assert _events(book) == [("reserved", 1), ("reserved", 1), ("issued", 1),
                             ("reserved", 2), ("reserved", 2), ("issued", 2)]


def test_a_failing_render_gives_its_number_back(book, tmp_path):
    assert _render(book, tmp_path / "dot-1", "--cap-so").exit_code == 0
    broken = tmp_path / "mau"
    broken.mkdir()
    (broken / f"{DECISION}.docx").write_text("không phải Word", encoding="utf-8")
    failed = _render(book, tmp_path / "hong", "--cap-so", "--templates", str(broken))
    assert failed.exit_code == 1 and "không phải tệp Word .docx hợp lệ" in failed.output
    assert not (tmp_path / "hong").exists()
    assert _events(book)[-2:] == [("reserved", 2), ("released", 2)]
    assert len(_register_rows(book)) == 1

    again = _render(book, tmp_path / "dot-2", "--cap-so")
    assert again.exit_code == 0, again.output
    assert "Số: 02/QĐ-UBND" in _texts(_decision(tmp_path / "dot-2"))  # the released number, reused
    assert [row[0] for row in _register_rows(book)] == ["01", "02"]
    assert [a.number for a in numbering.issued(book)] == [1, 2]


def test_one_number_per_document_of_a_batch(book, tmp_path):
    result = _render(book, tmp_path / "out", "--cap-so", "--mode", "theo-don-vi")
    assert result.exit_code == 0, result.output
    numbers = {}
    for path in (tmp_path / "out" / "Quyết định công nhận").glob("*.docx"):
        (line,) = [t for t in _texts(path) if t.startswith("Số: ")][:1]
        numbers[line] = path
    count = len(numbers)
    assert count > 1 and sorted(numbers) == [f"Số: {n:02d}/QĐ-UBND" for n in range(1, count + 1)]
    rows = _register_rows(book)
    assert [row[0] for row in rows] == [f"{n:02d}" for n in range(1, count + 1)]
    assert {Path(a.file) for a in numbering.issued(book)} == set(numbers.values())


def test_default_leaves_the_number_blank_and_takes_none(book, tmp_path):
    result = _render(book, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Số:      /QĐ-UBND" in _texts(_decision(tmp_path / "out"))
    assert not numbering.register_path(book).exists() and _register_rows(book) == []


@pytest.mark.parametrize(("args", "message"), [
    (("render", "danh-sach-dang-ky", "{book}", "--cap-so"), "không mang số văn bản riêng"),
    (("render", DECISION, "{book}", "--ngay", "05/03/2025"), "--ngay chỉ dùng cùng --cap-so"),
    (("render", DECISION, "{book}", "--cap-so", "--ngay", "31/02/2025"), "không có thật"),
])
def test_numbering_refusals_take_no_number(book, tmp_path, args, message):
    result = CliRunner().invoke(cli, [a.format(book=book) for a in args] + ["--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and message in result.output, result.output
    assert not numbering.register_path(book).exists() and not (tmp_path / "o").exists()


def test_party_body_without_term_start_is_told_what_to_fill(copy_sample, tmp_path):
    book = copy_sample("dang-uy-khoi.xlsx")
    result = _render(book, tmp_path / "out", "--cap-so")
    assert result.exit_code == 1 and "Ngày bắt đầu nhiệm kỳ" in result.output
    assert not (tmp_path / "out").exists() and numbering.issued(book) == []


def test_a_numbered_decision_is_what_the_certificates_cite(book, tmp_path):
    numbered = _render(book, tmp_path / "qd", "--cap-so", "--ngay", "05/03/2025")
    assert numbered.exit_code == 0, numbered.output
    settings = {row[0]: row[1] for row in openpyxl.load_workbook(book)["Cấu hình"].iter_rows(
        min_row=2, values_only=True)}
    assert settings["Số quyết định công nhận"] == "01"
    assert settings["Ngày quyết định công nhận"].date() == dt.date(2025, 3, 5)

    certificates = CliRunner().invoke(cli, ["render", "giay-chung-nhan", str(book),
                                            "--out", str(tmp_path / "gcn")])
    assert certificates.exit_code == 0, certificates.output
    first = sorted((tmp_path / "gcn" / "Giấy chứng nhận").glob("*.docx"))[0]
    assert any("01/QĐ-UBND ngày 05/03/2025" in text for text in _texts(first))
