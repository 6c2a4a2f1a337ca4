"""``dvk init-forms --don-vi`` and ``dvk gom --dry-run`` / missing folder, through the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from dvk_docs.cli import cli

from ..unit.gather.lists import fill_form


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_one_unit_form_with_a_windows_safe_name(copy_sample, tmp_path: Path):
    book = copy_sample("dang-uy-khoi.xlsx")
    result = run("init-forms", book, "--don-vi", "006", "--out", tmp_path / "mau")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "mau").iterdir()] == [
        "006 - Đảng bộ Sở Giáo dục & Đào tạo - Đăng ký mô hình.xlsx"]
    unknown = run("init-forms", book, "--don-vi", "999")
    assert unknown.exit_code == 1
    assert "Lỗi: Không có đơn vị mã “999” trong sheet “Đơn vị”." in unknown.output


def test_dry_run_reports_and_writes_nothing(copy_sample, tmp_path: Path):
    book = copy_sample("dang-uy-khoi.xlsx")
    run("init-forms", book, "--don-vi", "001")
    [form] = (tmp_path / "mau-dang-ky-don-vi").iterdir()
    fill_form(form, tmp_path / "don-vi-gui-ve" / form.name, [
        {"name": "Tủ sách pháp luật mới", "subject": "Tập thể", "field": "Kinh tế", "status": "Mới"}])
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    result = run("gom", book, "--dry-run")
    assert "sẽ gộp 1 mô hình mới" in result.output and "(Chưa ghi gì vì dùng --dry-run.)" in result.output
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_missing_folder_is_a_clear_error(copy_sample):
    book = copy_sample("dang-uy-khoi.xlsx")
    result = run("gom", book)
    assert result.exit_code == 1
    assert "Lỗi: Không có thư mục" in result.output and "don-vi-gui-ve" in result.output
