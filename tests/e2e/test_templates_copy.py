"""``dvk templates copy``: a pip user gets the editable template and is told where to point Cấu hình."""

from __future__ import annotations

import docx
import openpyxl
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.render.templates import shipped_dir


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_copy_edit_point_cau_hinh_and_render_with_the_edit(copy_sample, tmp_path, monkeypatch) -> None:
    book = copy_sample("dang-uy-khoi.xlsx")
    monkeypatch.chdir(tmp_path)
    copied = run("templates", "copy", "quyet-dinh-cong-nhan", "--profile", "dang")
    assert copied.exit_code == 0, copied.output
    mine = tmp_path / "mau" / "dang" / "quyet-dinh-cong-nhan.docx"
    assert mine.read_bytes() == (shipped_dir() / "dang" / "quyet-dinh-cong-nhan.docx").read_bytes()
    assert copied.output == (
        f"Để dùng mẫu đã sửa: ghi “{tmp_path / 'mau'}” (hoặc “mau” nếu thư mục này nằm cạnh sổ) vào mục "
        "“Thư mục mẫu riêng” của sheet “Cấu hình”, hoặc thêm --templates mau khi chạy dvk render / dvk batch.\n"
        "Kiểm tra mẫu sau khi sửa: dvk templates check mau/dang\n"
        "  mau/dang/quyet-dinh-cong-nhan.docx\n"
        "Đã chép mẫu “Quyết định công nhận” vào “mau”: mở bằng Word, sửa tệp của thể thức sổ đang dùng, "
        "giữ nguyên các chỗ {{ … }} và {% … %}.\n")

    edited = docx.Document(str(mine))
    edited.add_paragraph("Bản đã sửa của văn thư: {{ so_ky_hieu }}")
    edited.save(str(mine))
    assert run("templates", "check", "mau/dang").exit_code == 0
    workbook = openpyxl.load_workbook(book)
    settings = workbook["Cấu hình"]
    row = next(r for r in range(2, settings.max_row + 1) if settings.cell(r, 1).value == "Thư mục mẫu riêng")
    settings.cell(row, 2).value = "mau"
    workbook.save(book)
    rendered = run("render", "quyet-dinh-cong-nhan", book, "--out", tmp_path / "out")
    assert rendered.exit_code == 0, rendered.output
    assert f"từ mẫu {mine}" in rendered.output
    (decision,) = (tmp_path / "out" / "Quyết định công nhận").glob("*.docx")
    assert any(p.text.startswith("Bản đã sửa của văn thư: Số ") for p in docx.Document(str(decision)).paragraphs)

    again = run("templates", "copy", "quyet-dinh-cong-nhan", "--profile", "dang")
    assert again.exit_code == 4
    assert again.output == ("Lỗi: Đã có mẫu “mau/dang/quyet-dinh-cong-nhan.docx”, không ghi đè (có thể là "
                            "mẫu bạn đã sửa).\nChọn thư mục khác bằng --out, hoặc thêm --force để chép lại mẫu gốc.\n")
    assert any("Bản đã sửa" in p.text for p in docx.Document(str(mine)).paragraphs)  # kept


def test_copy_without_profile_gives_every_profile(tmp_path) -> None:
    result = run("templates", "copy", "giay-chung-nhan", "--out", tmp_path / "m")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "m").rglob("*.docx")) == [
        "m/cong-doan/giay-chung-nhan.docx", "m/dang/giay-chung-nhan.docx", "m/nha-nuoc/giay-chung-nhan.docx"]
