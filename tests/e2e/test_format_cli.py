"""``dvk render``, ``dvk templates build|check`` and ``dvk doctor`` through the command line."""

from __future__ import annotations

import shutil

import docx
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.render.pdf import find_soffice
from dvk_docs.render.templates import shipped_dir


def _only(folder, title: str):
    """The one .docx in ``folder``/``title``/ (render's layout) whose name holds the kind's title."""
    found = [path for path in (folder / title).glob("*.docx") if title in path.name]
    assert len(found) == 1, sorted(p.name for p in folder.iterdir())
    return found[0]


def _texts(path) -> list[str]:
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


@pytest.mark.parametrize(("sample", "profile", "number_start"), [
    ("dang-uy-khoi.xlsx", "dang", "Số "), ("ldld-tinh.xlsx", "cong-doan", "Số: "),
    ("ubnd-huyen.xlsx", "nha-nuoc", "Số: "),
])
def test_render_decision_and_list_from_the_samples(copy_sample, tmp_path, sample, profile, number_start):
    book = copy_sample(sample)
    for kind in ("quyet-dinh-cong-nhan", "danh-sach-dang-ky"):
        result = CliRunner().invoke(cli, ["render", kind, str(book), "--out", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        assert f"word_templates/{profile}/{kind}.docx" in result.output
    decision = _texts(_only(tmp_path / "out", "Quyết định công nhận"))
    assert any(t.startswith(number_start) and "QĐ" in t for t in decision)
    assert any(t.startswith("Điều 1. Công nhận ") for t in decision)


def test_profile_option_and_clerk_templates(copy_sample, tmp_path):
    book = copy_sample("ubnd-huyen.xlsx")
    mine = tmp_path / "mau"
    mine.mkdir()
    edited = docx.Document(shipped_dir() / "dang" / "danh-sach-dang-ky.docx")
    edited.add_paragraph("Mẫu riêng của văn thư: {{ so_mo_hinh }} mô hình.")
    edited.save(mine / "danh-sach-dang-ky.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "danh-sach-dang-ky", str(book), "--out", str(out),
                                      "--profile", "dang", "--templates", str(mine)])
    assert result.exit_code == 0, result.output
    texts = _texts(_only(out, "Danh sách đăng ký"))
    assert any(t.startswith("Mẫu riêng của văn thư: ") for t in texts)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(texts)
    # the other kind still comes from the shipped templates
    result = CliRunner().invoke(cli, ["render", "quyet-dinh-cong-nhan", str(book), "--out", str(out),
                                      "--templates", str(mine)])
    assert result.exit_code == 0 and "word_templates/nha-nuoc/quyet-dinh-cong-nhan.docx" in result.output


def test_unknown_unit_is_a_vietnamese_error(copy_sample, tmp_path):
    book = copy_sample("dang-uy-khoi.xlsx")
    result = CliRunner().invoke(cli, ["render", "danh-sach-dang-ky", str(book), "--unit", "KHONG-CO",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "Không có đơn vị mã “KHONG-CO”" in result.output


def test_templates_build_is_deterministic(tmp_path):
    result = CliRunner().invoke(cli, ["templates", "build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    built = sorted(tmp_path.rglob("*.docx"))
    assert [p.relative_to(tmp_path) for p in built] == sorted(
        p.relative_to(shipped_dir()) for p in shipped_dir().rglob("*.docx"))
    assert all(p.read_bytes() == (shipped_dir() / p.relative_to(tmp_path)).read_bytes() for p in built)
    shutil.rmtree(tmp_path)


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_doctor_on_this_machine():
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "✓ Xuất PDF tiếng Việt: chữ giữ nguyên" in result.output
