"""The workbook commands through the CLI: init, fix-text, and files that cannot be read (exit 2)."""

from __future__ import annotations

import shutil
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.addin.cfb import write_compound
from dvk_docs.cli import cli
from dvk_docs.workbook.create import create_workbook

from ..unit.workbook.books import model_rows, write_book
from ..unit.workbook.legacy_text import to_tcvn3, to_vni


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _old_xls(path: Path) -> None:
    path.write_bytes(write_compound({("Workbook",): b"\x09\x08" + bytes(600)}))


def _encrypted(path: Path) -> None:
    path.write_bytes(write_compound({("EncryptionInfo",): b"\x04\x00\x04\x00" + bytes(300),
                                     ("EncryptedPackage",): bytes(5000)}))


def _csv(path: Path) -> None:
    path.write_text("Mã mô hình,Tên mô hình\nMH01,Tủ sách pháp luật\n", encoding="utf-8")


def _truncated(path: Path) -> None:
    create_workbook(path.with_name("full.xlsx"))
    data = path.with_name("full.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")


UNREADABLE = [
    ("missing", lambda p: None, "Không tìm thấy tệp"),
    ("empty", lambda p: p.write_bytes(b""), "rỗng (0 byte)"),
    ("xls", _old_xls, "là sổ Excel 97-2003 (.xls); chương trình chỉ đọc .xlsx và .xlsm."),
    ("encrypted", _encrypted, "được đặt mật khẩu (mã hóa) nên không đọc được."),
    ("csv", _csv, "là tệp văn bản CSV đổi đuôi, không phải sổ Excel."),
    ("truncated", _truncated, "bị hỏng, không đọc được."),
    ("ods", _ods, "là bảng tính OpenDocument (.ods)"),
    ("binary", lambda p: p.write_bytes(bytes(range(256)) * 4), "không phải sổ Excel (.xlsx, .xlsm)."),
]


@pytest.mark.parametrize(("case", "make", "message"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_files_exit_2_with_a_vietnamese_message(tmp_path, case, make, message):
    path = tmp_path / "so.xlsx"
    make(path)
    result = run("validate", path)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Lỗi: ")
    assert message in result.output
    assert "Traceback" not in result.output


def test_xls_hint_says_save_as_xlsx(tmp_path):
    _old_xls(tmp_path / "so.xls")
    result = run("fix-text", tmp_path / "so.xls")
    assert result.exit_code == 2
    assert "Lưu thành (Save As) > “Sổ làm việc Excel (*.xlsx)”" in result.output


def test_init_creates_a_readable_book_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "so-moi.xlsx"
    assert run("init", path).exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[:3] == ["Cấu hình", "Đơn vị", "Mô hình"]
    again = run("init", path)
    assert again.exit_code == 4
    assert "Tệp “so-moi.xlsx” đã có, không ghi đè." in again.output
    filled = openpyxl.load_workbook(path)
    filled["Đơn vị"]["A2"] = "DV01"
    filled.save(path)
    forced = run("init", path, "--force")
    assert forced.exit_code == 0, forced.output
    assert "Đã tạo sổ theo dõi “so-moi.xlsx”." in forced.output
    assert openpyxl.load_workbook(path)["Đơn vị"]["A2"].value is None  # replaced by an empty book
    [saved] = (tmp_path / ".dvk-backup").glob("so-moi.bak-*.xlsx")
    assert f"Sổ cũ đã được sao lưu vào “{saved}” trước khi thay bằng sổ trống." in forced.output
    assert openpyxl.load_workbook(saved)["Đơn vị"]["A2"].value == "DV01"  # the filled book, kept


def test_init_refuses_while_the_book_is_open_in_excel(tmp_path):
    path = tmp_path / "so.xlsx"
    create_workbook(path)
    (tmp_path / "~$so.xlsx").write_bytes(b"owner")
    result = run("init", path, "--force")
    assert result.exit_code == 3
    assert "Sổ “so.xlsx” đang mở trong Excel. Hãy đóng sổ rồi chạy lại." in result.output


def _legacy_book(tmp_path: Path) -> Path:
    rows = model_rows(
        ["MH01", "001", to_tcvn3("Tủ sách pháp luật tại xã Tân Thịnh"), "Tập thể", "Kinh tế", "Mới"],
        ["MH02", "001", to_tcvn3("Bữa cơm có thịt cho học sinh bán trú"), "Cá nhân", "Kinh tế", "Mới"],
        ["MH03", "001", "Trật tự vỉa hè", "Tập thể", unicodedata.normalize("NFD", "Văn hóa - xã hội"),
         "Mới"],
    )
    rows[0].append("Ghi chú riêng")
    rows[1].append(to_vni("Đã kiểm tra tại thôn Đồng Tâm"))
    return write_book(tmp_path / "so.xlsx", {"Mô hình": rows})


def test_fix_text_dry_run_lists_changes_without_writing(tmp_path):
    path = _legacy_book(tmp_path)
    before = path.read_bytes()
    result = run("fix-text", path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Sheet “Mô hình”, ô C2: “" in result.output
    assert "→ “Tủ sách pháp luật tại xã Tân Thịnh”" in result.output
    assert "Có 4 ô cần sửa mã chữ (chưa ghi vì dùng --dry-run)." in result.output
    assert path.read_bytes() == before


def test_fix_text_converts_tcvn3_vni_and_nfd_cells_in_place(tmp_path):
    path = _legacy_book(tmp_path)
    result = run("fix-text", path)
    assert result.exit_code == 0, result.output
    assert "Đã sửa mã chữ 4 ô sang Unicode dựng sẵn (NFC)." in result.output
    sheet = openpyxl.load_workbook(path)["Mô hình"]
    assert [sheet[c].value for c in ("C2", "C3", "E4", "G2")] == [
        "Tủ sách pháp luật tại xã Tân Thịnh", "Bữa cơm có thịt cho học sinh bán trú",
        "Văn hóa - xã hội", "Đã kiểm tra tại thôn Đồng Tâm"]
    assert sheet["G1"].value == "Ghi chú riêng"
    assert len(list((tmp_path / ".dvk-backup").iterdir())) == 1
    assert "Không có ô nào cần sửa mã chữ" in run("fix-text", path).output


def test_fix_text_on_the_sample_changes_nothing(tmp_path):
    path = tmp_path / "dang-uy-khoi.xlsx"
    shutil.copy2(Path(__file__).parents[2] / "samples" / "dang-uy-khoi.xlsx", path)
    result = run("fix-text", path, "--dry-run")
    assert result.exit_code == 0
    assert "Không có ô nào cần sửa mã chữ" in result.output
