"""``dvk demo`` says when it leaves PDFs out, and why."""

from __future__ import annotations

from click.testing import CliRunner

from dvk_docs.cli import cli


def test_demo_without_libreoffice_says_the_pdfs_are_skipped(tmp_path, monkeypatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice anywhere on PATH
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert ("Bỏ qua PDF: không tìm thấy LibreOffice trên máy này. Cài LibreOffice "
            "(https://www.libreoffice.org) rồi chạy lại để có cả PDF; “dvk doctor” kiểm tra máy.\n") in result.stdout
    assert not list((tmp_path / "demo").rglob("*.pdf"))
    assert list((tmp_path / "demo").rglob("*.docx"))


def test_demo_with_no_pdf_says_so(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--no-pdf", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "Không xuất PDF (đã chọn --no-pdf).\n" in result.stdout
    assert not list((tmp_path / "demo").rglob("*.pdf"))
