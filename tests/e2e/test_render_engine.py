"""``dvk render`` on the batch engine: file names from Cấu hình, all or nothing, print file, folders."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.render.pdf import find_soffice
from dvk_docs.render.templates import shipped_dir

CERTIFICATE = "giay-chung-nhan"


def _set_settings(book: Path, **values: str) -> None:
    """Write Cấu hình values by their Vietnamese label (what a clerk types)."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Cấu hình"]
    for label, value in values.items():
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
        sheet.cell(row, 2).value = value
    workbook.save(book)


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def _render(*args: str):
    return CliRunner().invoke(cli, ["render", *args])


@pytest.fixture
def book(copy_sample) -> Path:
    return copy_sample("ldld-tinh.xlsx")


def test_file_names_follow_the_clerks_pattern_and_are_safe(book, tmp_path):
    _set_settings(book, **{"Mẫu tên tệp": "{stt:02d}/{loai}: {ten_mo_hinh}"})
    result = _render(CERTIFICATE, str(book), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "Giấy chứng nhận"
    names = sorted(p.name for p in out.iterdir())
    assert names[0].startswith("01-Giấy chứng nhận- ") and names[0].endswith(".docx")
    assert not any(c in "".join(names) for c in '/\\:*?"<>|')
    assert len(names) == len(set(n.casefold() for n in names)) > 10
    first = docx.Document(str(out / names[0]))
    title = names[0].removeprefix("01-Giấy chứng nhận- ").removesuffix(".docx").rstrip("…")
    assert any(title[:20] in p.text for p in first.paragraphs)


def test_a_failing_batch_replaces_nothing(book, tmp_path):
    out = tmp_path / "out"
    assert _render(CERTIFICATE, str(book), "--out", str(out)).exit_code == 0
    before = _hashes(out)
    mine = tmp_path / "mau"
    mine.mkdir()
    template = docx.Document(str(shipped_dir() / "cong-doan" / f"{CERTIFICATE}.docx"))
    template.add_paragraph("{{ bien_chua_co }}")
    template.save(str(mine / f"{CERTIFICATE}.docx"))
    result = _render(CERTIFICATE, str(book), "--out", str(out), "--templates", str(mine))
    assert result.exit_code == 1
    assert "chưa ghi tệp nào" in result.output and "dùng biến “bien_chua_co”" in result.output
    assert _hashes(out) == before  # same files, same bytes, no staging folder left


def test_print_file_holds_every_record_in_its_own_section(book, tmp_path):
    out = tmp_path / "out"
    result = _render(CERTIFICATE, str(book), "--out", str(out), "--print-file")
    assert result.exit_code == 0, result.output
    (printed,) = out.glob("Giấy chứng nhận/*tệp in chung.docx")
    records = [p for p in out.glob("Giấy chứng nhận/*.docx") if p != printed]
    per_record = len(docx.Document(str(records[0])).sections)
    assert len(docx.Document(str(printed)).sections) == per_record * len(records)
    assert f"Đã lập {len(records)} văn bản “Giấy chứng nhận”" in result.output


def test_folders_from_cau_hinh_are_relative_to_the_workbook(book, tmp_path, monkeypatch):
    _set_settings(book, **{"Thư mục kết quả": "ket-qua", "Thư mục mẫu riêng": "mau-rieng"})
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    missing = _render("quyet-dinh-cong-nhan", str(book))
    assert missing.exit_code == 1
    sheet = openpyxl.load_workbook(book)["Cấu hình"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Thư mục mẫu riêng")
    assert f"Sheet “Cấu hình”, ô B{row}: không có thư mục" in missing.output
    assert "mau-rieng" in missing.output
    (book.parent / "mau-rieng").mkdir()
    done = _render("quyet-dinh-cong-nhan", str(book))
    assert done.exit_code == 0, done.output
    assert len(list((book.parent / "ket-qua" / "Quyết định công nhận").glob("*.docx"))) == 1 and os.listdir(elsewhere) == []


def test_validation_errors_stop_the_render_before_any_file(book, tmp_path):
    workbook = openpyxl.load_workbook(book)
    models = workbook["Mô hình"]
    models["A3"] = models["A2"].value  # duplicate model code
    workbook.save(book)
    result = _render("quyet-dinh-cong-nhan", str(book), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "chưa thể lập văn bản" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_pdf_beside_each_document(book, tmp_path):
    out = tmp_path / "out"
    result = _render("quyet-dinh-cong-nhan", str(book), "--out", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    (document,) = out.glob("Quyết định công nhận/*.docx")
    pdf = document.with_suffix(".pdf")
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
