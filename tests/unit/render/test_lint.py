"""``dvk templates check``: syntax errors, names the kind lacks, unknown filters, stray files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from dvk_docs.render.lint import check_folder
from dvk_docs.render.templates import shipped_dir
from tests.word_edited import word_edited

from .batch_samples import PNG_1PX


def _template(folder: Path, name: str, *paragraphs: str) -> Path:
    document = as_word_saves_it(docx.Document())
    for text in paragraphs:
        document.add_paragraph(text)
    folder.mkdir(parents=True, exist_ok=True)
    document.save(folder / name)
    return folder / name


def as_word_saves_it(document):
    """python-docx's stock package without its two quirks Word never writes: a ``w:zoom`` without
    ``w:percent`` and a stale Word 2010 ``stylesWithEffects.xml``."""
    document.settings.element.find(qn("w:zoom")).set(qn("w:percent"), "100")
    relationships = document.part.rels
    for rel_id in [k for k, rel in relationships.items() if rel.reltype.endswith("/stylesWithEffects")]:
        del relationships[rel_id]
    return document


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
    document = as_word_saves_it(docx.Document())
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


def test_what_word_would_refuse_is_reported_with_the_part(tmp_path):
    template = shutil.copy(shipped_dir() / "nha-nuoc" / "ke-hoach.docx", tmp_path / "ke-hoach.docx")
    document = docx.Document(template)
    properties = document.tables[0]._tbl.tblPr
    properties.append(properties.makeelement(qn("w:tblLayout"), {qn("w:type"): "fixed"}))  # a second one, last
    document.save(template)
    messages = [str(p) for p in check_folder(tmp_path)[1]]
    assert messages and all(m.startswith("ke-hoach.docx: Word sẽ báo lỗi hoặc tự sửa tệp") for m in messages)
    assert any("kiểm tra ECMA-376), phần word/document.xml" in m and "tblLayout" in m for m in messages)
    assert any("kiểm tra openxml-audit), phần /word/document.xml" in m for m in messages)


def test_a_tag_in_an_endnote_is_reported_as_printed_as_typed(tmp_path):
    shipped = shipped_dir() / "nha-nuoc" / "quyet-dinh-cong-nhan.docx"
    template = word_edited(shipped, tmp_path / "quyet-dinh-cong-nhan.docx", header_tag="Số: {{ so_ky_hieu }}",
                           logo=PNG_1PX)
    assert check_folder(tmp_path)[1] == []  # a footnote and an endnote without tags
    with zipfile.ZipFile(template) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["word/endnotes.xml"] = members["word/endnotes.xml"].replace(
        "Kế hoạch số 15".encode(), "Kế hoạch số {{ so_</w:t></w:r><w:r><w:t>ky_hieu }}".encode())
    with zipfile.ZipFile(template, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    assert [str(p) for p in check_folder(tmp_path)[1]] == [
        "quyet-dinh-cong-nhan.docx: chú thích cuối văn bản có thẻ “{{ so_ky_hieu }}”: thẻ ở chú thích cuối văn bản "
        "không được điền mà in ra nguyên văn. Đưa thẻ vào nội dung văn bản (hoặc chú thích cuối trang), hoặc "
        "xóa thẻ."]
