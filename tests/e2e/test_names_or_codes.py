"""Coded columns take the code, the printed name or the short label; anything else is an error naming
the cell with "Có phải … không?" — never a silently empty part of a document."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from dvk_docs.cli import cli
from dvk_docs.workbook.create import create_workbook
from dvk_docs.workbook.schema import CHOICES, SETTINGS
from dvk_docs.workbook.sources import FileSource

SAMPLE = Path(__file__).parents[2] / "samples" / "ldld-tinh.xlsx"
RECIPIENTS = ["Ban Dân vận Tỉnh ủy", "LĐLĐ các huyện, thành phố", "Lưu: VT, TG-NC"]


def test_the_decision_prints_the_recipients_of_its_printed_name(tmp_path: Path):
    book = _book(tmp_path, {"Nơi nhận": [("Quyết định công nhận", text, n) for n, text in enumerate(RECIPIENTS, 1)]})
    result = CliRunner().invoke(cli, ["render", "quyet-dinh-cong-nhan", str(book), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [decision] = (tmp_path / "out").rglob("*.docx")
    text = [p.text for p in docx.Document(str(decision)).paragraphs] + [
        p.text for t in docx.Document(str(decision)).tables for c in t._cells for p in c.paragraphs]
    assert "- Ban Dân vận Tỉnh ủy;" in text
    assert "- LĐLĐ các huyện, thành phố;" in text
    assert "- Lưu: VT, TG-NC." in text


def test_codes_and_short_labels_are_read_as_the_entry(tmp_path: Path):
    book = _book(tmp_path, {
        "Nơi nhận": [("quyet-dinh-cong-nhan", "Ban Dân vận Tỉnh ủy", 1), ("Quyết định", "Lưu: VT", 2)],
        "Mô hình": {"F2": "VH-XH", "D2": "CN", "J2": "Tiếp tục đăng ký"},
    })
    findings = _validate(book)
    assert [f for f in findings if f["code"].startswith("unknown-")] == []
    loaded = FileSource(book).load()
    assert [r.kind for r in loaded.recipients] == ["quyet-dinh-cong-nhan", "quyet-dinh-cong-nhan"]
    first = loaded.models[0]
    assert (first.field, first.subject, first.status) == ("Văn hóa - xã hội", "Cá nhân", "Duy trì")


def test_anything_else_is_an_error_naming_the_cell_with_the_nearest_names(tmp_path: Path):
    book = _book(tmp_path, {
        "Nơi nhận": [("Quyet dinh", "Ban Dân vận Tỉnh ủy", 1)],
        "Mô hình": {"F2": "Kinh te"},
        "Cấu hình": {"batch_kinds": "Quyết định công nhận; Chứng nhận"},
    })
    result = CliRunner().invoke(cli, ["validate", str(book), "--json"])
    assert result.exit_code == 1, result.output
    findings = {(f["sheet"], f["cell"]): (f["severity"], f["code"], f["message"])
                for f in json.loads(result.output)}
    kinds = "; ".join(CHOICES["document_kind"])
    assert findings[("Nơi nhận", "A2")] == (
        "error", "unknown-document-kind",
        f"Loại văn bản “Quyet dinh” không có trong danh sách ({kinds}). Có phải “Quyết định "
        "công nhận” không? Sửa lại (gõ tên, mã hoặc tên viết tắt đều được).")
    assert findings[("Mô hình", "F2")][1:] == (
        "unknown-field",
        "Lĩnh vực “Kinh te” không có trong danh sách (Kinh tế; Văn hóa - xã hội; Quốc phòng - an ninh; "
        "Xây dựng Đảng và hệ thống chính trị; Xây dựng nông thôn mới; Đô thị văn minh). Có phải “Kinh tế” "
        "không? Sửa lại (gõ tên, mã hoặc tên viết tắt đều được).")
    row = _row_of(openpyxl.load_workbook(book)["Cấu hình"], "batch_kinds")
    assert findings[("Cấu hình", f"B{row}")] == (
        "error", "unknown-document-kind",
        f"Văn bản cần lập “Chứng nhận” không phải loại văn bản nào ({kinds[3:]}). Có phải “Giấy "
        "chứng nhận” hoặc “In trên phôi giấy chứng nhận” không?")
    result = CliRunner().invoke(cli, ["render", "quyet-dinh-cong-nhan", str(book), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "- Sheet “Nơi nhận”, ô A2: Loại văn bản “Quyet dinh” không có trong danh sách" in result.output
    assert not (tmp_path / "out").exists()


def test_dvk_init_offers_the_printed_names_of_document_kinds(tmp_path: Path):
    create_workbook(tmp_path / "so.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "so.xlsx")["Nơi nhận"]
    [validation] = [v for v in sheet.data_validations.dataValidation if "A2" in str(v.sqref)]
    assert validation.formula1 == '"' + ",".join(CHOICES["document_kind"]) + '"'
    assert validation.errorStyle == "warning"  # a code typed by hand is kept


def _book(tmp_path: Path, edits: dict[str, object]) -> Path:
    """The union sample with Nơi nhận rows replaced and cells (Mô hình) or settings (Cấu hình) set."""
    path = tmp_path / "so.xlsx"
    path.write_bytes(SAMPLE.read_bytes())
    shutil.copytree(SAMPLE.parent / "anh", tmp_path / "anh")  # the signature and seal images
    workbook = openpyxl.load_workbook(path)
    for sheet_name, change in edits.items():
        sheet = workbook[sheet_name]
        if sheet_name == "Nơi nhận":
            sheet.delete_rows(2, sheet.max_row)
            for row in change:  # type: ignore[union-attr]
                sheet.append(list(row))
        elif sheet_name == "Cấu hình":
            for key, value in change.items():  # type: ignore[union-attr]
                sheet[f"B{_row_of(sheet, key)}"] = value
        else:
            for cell, value in change.items():  # type: ignore[union-attr]
                sheet[cell] = value
    workbook.save(path)
    return path


def _row_of(sheet: Worksheet, key: str) -> int:
    """The Cấu hình row of the setting ``key``."""
    label = SETTINGS.column(key).header
    return next(cell.row for cell in sheet["A"] if cell.value == label)


def _validate(book: Path) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["validate", str(book), "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)
