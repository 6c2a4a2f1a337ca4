"""``dvk templates check``: syntax errors, names the kind lacks, unknown filters, stray files."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from dvk_docs.render.lint import check_folder
from dvk_docs.render.templates import shipped_dir


def _template(folder: Path, name: str, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    folder.mkdir(parents=True, exist_ok=True)
    document.save(folder / name)
    return folder / name


def test_shipped_templates_are_clean():
    checked, problems = check_folder(shipped_dir())
    assert len(checked) >= 6 and problems == []


def test_edited_template_problems(tmp_path):
    _template(tmp_path, "quyet-dinh-cong-nhan.docx", "Kính gửi {{ ten_don_vi }}",
              "{{ nam|khong_co }}", "{{ cong_nhan }}")
    _template(tmp_path / "dang", "danh-sach-dang-ky.docx", "Danh sách", "{% for d in dong %}{{ d.stt }}")
    _template(tmp_path, "bien-ban.docx", "x")
    messages = [str(p) for p in check_folder(tmp_path)[1]]
    assert messages[0].startswith("bien-ban.docx: tên tệp không trùng loại văn bản nào")
    assert "danh-sach-dang-ky.docx: lỗi cú pháp" in messages[1] and "Danh sách" not in messages[1]
    assert messages[2].startswith("quyet-dinh-cong-nhan.docx: dùng biến “ten_don_vi” nhưng "
                                  "“Quyết định công nhận” không có biến đó. Các biến có: the_thuc,")
    assert messages[3].startswith("quyet-dinh-cong-nhan.docx: dùng bộ lọc “khong_co” không có")
    assert len(messages) == 4


def test_a_clerk_copy_with_word_formatting_inside_a_tag_still_passes(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Năm ")
    paragraph.add_run("{{ na")
    paragraph.add_run("m }}").bold = True
    document.save(tmp_path / "quyet-dinh-cong-nhan.docx")
    assert check_folder(tmp_path)[1] == []


def test_cli_exit_code(tmp_path):
    from click.testing import CliRunner

    from dvk_docs.cli import cli

    shutil.copy(shipped_dir() / "dang" / "quyet-dinh-cong-nhan.docx", tmp_path)
    assert CliRunner().invoke(cli, ["templates", "check", str(tmp_path)]).exit_code == 0
    _template(tmp_path, "danh-sach-dang-ky.docx", "{{ khong_co }}")
    result = CliRunner().invoke(cli, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 1 and "khong_co" in result.output
