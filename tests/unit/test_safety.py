"""Input guards: zip bombs and XML declarations refused before parsing; formula-like text stays text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from dvk_docs import safety
from dvk_docs.errors import TemplateError, WorkbookReadError

XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                     % ((97 + i + 1,) + (97 + i,) * 10) for i in range(8))
          + b']><worksheet>&i;</worksheet>')


def _real_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "so.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Mã mô hình", "Tên mô hình"])
    book.save(path)
    return path


def _with_member(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of the package ``source`` where member ``name`` holds ``data``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != name:
                new.writestr(item, old.read(item))
        new.writestr(name, data)
    return target


def test_real_workbook_and_document_pass(tmp_path: Path) -> None:
    safety.check_package(_real_workbook(tmp_path))
    document = tmp_path / "mau.docx"
    docx.Document().save(str(document))
    safety.check_package(document, error=TemplateError)


def test_a_file_that_is_not_a_zip_is_left_to_the_format_check(tmp_path: Path) -> None:
    csv = tmp_path / "so.xlsx"
    csv.write_text("Mã;Tên\nMH01;Mô hình\n", encoding="utf-8")
    safety.check_package(csv)


@pytest.mark.parametrize("payload", [XXE, LAUGHS, XXE.decode().encode("utf-16")],
                         ids=["external-entity", "billion-laughs", "utf-16"])
def test_xml_part_with_doctype_is_refused(tmp_path: Path, payload: bytes) -> None:
    bad = _with_member(_real_workbook(tmp_path), tmp_path / "bad.xlsx", "xl/sharedStrings.xml", payload)
    with pytest.raises(WorkbookReadError, match="“xl/sharedStrings.xml” chứa khai báo DOCTYPE/ENTITY"):
        safety.check_package(bad)


def test_template_with_entity_is_refused_as_template_error(tmp_path: Path) -> None:
    document = tmp_path / "mau.docx"
    docx.Document().save(str(document))
    bad = _with_member(document, tmp_path / "bad.docx", "word/_rels/document.xml.rels", LAUGHS)
    with pytest.raises(TemplateError, match="bad.docx"):
        safety.check_package(bad, error=TemplateError)


def test_template_bytes_are_checked_under_the_given_name(tmp_path: Path) -> None:
    document = tmp_path / "mau.docx"
    docx.Document().save(str(document))
    bad = _with_member(document, tmp_path / "bad.docx", "word/document.xml", XXE)
    safety.check_package(document.read_bytes(), error=TemplateError, name="mau.docx")
    with pytest.raises(TemplateError, match="Tệp “quyet-dinh.docx” có phần “word/document.xml”"):
        safety.check_package(bad.read_bytes(), error=TemplateError, name="quyet-dinh.docx")


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    bomb = _with_member(_real_workbook(tmp_path), tmp_path / "bomb.xlsx",
                        "xl/worksheets/sheet1.xml", b"<c/>" * (4 << 20))
    with pytest.raises(WorkbookReadError, match=r"nén tới [\d.]+ lần \(giới hạn 200 lần\)") as caught:
        safety.check_package(bomb)
    assert "zip bomb" in caught.value.format_message()


def test_too_many_members_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(safety.MAX_MEMBERS + 1):
            archive.writestr(f"x/{i}.bin", b"")
    with pytest.raises(WorkbookReadError, match="10.001 phần bên trong"):
        safety.check_package(path)


def test_too_much_unpacked_data_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety.packages, "MAX_UNPACKED_BYTES", 1 << 20)  # 1 GiB is too slow to build
    big = _with_member(_real_workbook(tmp_path), tmp_path / "big.xlsx", "xl/media/a.bin",
                       bytes(range(256)) * 8192)
    with pytest.raises(WorkbookReadError, match="khi giải nén lên tới 2 MB"):
        safety.check_package(big)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\";\"bấm\")", "+84 912", "-Mô hình", "@SUM(A1)"])
def test_formula_like_text_is_stored_as_text(tmp_path: Path, text: str) -> None:
    book = openpyxl.Workbook()
    safety.store_text(book.active["A1"], text)
    safety.store_text(book.active["A2"], 42)
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = openpyxl.load_workbook(buffer).active
    assert (sheet["A1"].value, sheet["A1"].data_type, sheet["A1"].quotePrefix) == (text, "s", True)
    assert (sheet["A2"].value, sheet["A2"].quotePrefix) == (42, False)
    raw = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in raw


def test_plain_text_is_not_flagged() -> None:
    assert not safety.is_formula_like("Mô hình = hiệu quả")
    assert safety.is_formula_like("=1+1") and safety.is_formula_like("@x")
    assert not safety.is_formula_like(-5)


def test_control_characters_are_stripped_and_reported() -> None:
    assert safety.strip_control_characters("Mô\x01 hình\x0b & co\ttab\n") == ("Mô hình & co\ttab\n", True)
    assert safety.strip_control_characters("Đảng bộ 🎉") == ("Đảng bộ 🎉", False)
