"""The catalogue of bad inputs: how each is built, the command run on it, and the answer it must get.

Every case is built from a small, valid base workbook (the bundled Party sample cut to 12 models)
by one builder function, so the input is visible here and nothing binary is committed. Run this
module to write every input into a folder for a look in Excel/Word:

    python -m tests.reliability.bad_inputs /tmp/bad-inputs
"""

from __future__ import annotations

import io
import shutil
import struct
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "dang-uy-khoi.xlsx"
TEMPLATES = ROOT / "word_templates" / "dang"
KEEP_MODELS = 12  #: data rows kept in Mô hình and Chấm điểm of the base workbook
BOOK = "so-theo-doi.xlsx"  #: name of the input workbook inside a case folder


@dataclass(frozen=True)
class Finding:
    """A finding ``dvk validate --json`` must report: code, sheet, cell, message pattern."""

    code: str
    sheet: str
    cell: str | None
    message: str  #: regular expression searched in the finding's message
    severity: str = "error"


@dataclass(frozen=True)
class Case:
    """One bad input and the answer the program must give.

    ``build(folder, base)`` writes the input into ``folder`` and returns nothing; ``args`` is the
    command line, with ``{book}``, ``{dir}`` replaced by the workbook path and the case folder.
    ``message`` is a regular expression searched in the command's output; ``finding`` (validate
    --json cases) a finding that must be in the JSON list.
    """

    id: str
    build: Callable[[Path, Path], None]
    args: tuple[str, ...]
    exit_code: int
    message: str = ""
    finding: Finding | None = None
    tags: tuple[str, ...] = field(default=())


# --- building blocks --------------------------------------------------------------------------


def make_base(target: Path) -> Path:
    """The base workbook: the Party sample with :data:`KEEP_MODELS` models and score rows, its
    Người ký pictures named by absolute path (case folders have no ``anh/`` beside the book)."""
    book = openpyxl.load_workbook(SAMPLE)
    for name in ("Mô hình", "Chấm điểm"):
        sheet = book[name]
        sheet.delete_rows(KEEP_MODELS + 2, sheet.max_row)
    for column in book["Người ký"].iter_cols(min_row=1):
        if column[0].value in ("Ảnh chữ ký", "Ảnh con dấu"):
            for cell in column[1:]:
                cell.value = str(SAMPLE.parent / cell.value) if cell.value else cell.value
    book.save(target)
    return target


def _edit(change: Callable[[openpyxl.Workbook], None]) -> Callable[[Path, Path], None]:
    """A builder that copies the base workbook and applies ``change`` to it."""

    def build(folder: Path, base: Path) -> None:
        book = openpyxl.load_workbook(base)
        change(book)
        book.save(folder / BOOK)

    return build


def _set(sheet: str, cell: str, value: object) -> Callable[[Path, Path], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet][cell] = value

    return _edit(change)


def _setting(label: str, value: object) -> Callable[[Path, Path], None]:
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["Cấu hình"]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
        sheet.cell(row, 2).value = value

    return _edit(change)


def _copy_base(folder: Path, base: Path) -> None:
    shutil.copy2(base, folder / BOOK)


def _bytes(data: bytes, name: str = BOOK) -> Callable[[Path, Path], None]:
    def build(folder: Path, base: Path) -> None:
        (folder / name).write_bytes(data)

    return build


def _zip_members(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _replace_member(name: str, data: bytes) -> Callable[[Path, Path], None]:
    def build(folder: Path, base: Path) -> None:
        with zipfile.ZipFile(base) as old:
            members = {item.filename: old.read(item) for item in old.infolist()}
        members[name] = data
        (folder / BOOK).write_bytes(_zip_members(members))

    return build


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (CFB v3) holding ``streams`` (each padded to 4 KiB or more)."""
    sector, free, end, fat_sector, no_stream = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    entries, payloads, next_sector = [], [], 2
    for name, payload in streams.items():
        payload = payload.ljust(max(4096, -(-len(payload) // sector) * sector), b"\0")
        entries.append((name, next_sector, len(payload)))
        payloads.append(payload)
        next_sector += len(payload) // sector
    fat = [fat_sector, end]
    for _, start, size in entries:
        count = size // sector
        fat += [start + i + 1 for i in range(count - 1)] + [end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, no_stream, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = [entry("Root Entry", 5, 1 if entries else no_stream, no_stream, end, 0)]
    for index, (name, start, size) in enumerate(entries):
        right = index + 2 if index + 1 < len(entries) else no_stream
        directory.append(entry(name, 2, no_stream, right, start, size))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return (header + struct.pack("<128I", *fat) + b"".join(directory).ljust(sector, b"\0")
            + b"".join(payloads))


def _encrypted(folder: Path, base: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile  # comes with oletools (test extra)

    with base.open("rb") as source, (folder / BOOK).open("wb") as target:
        OOXMLFile(source).encrypt("matkhau", target)


def _truncated(folder: Path, base: Path) -> None:
    data = base.read_bytes()
    (folder / BOOK).write_bytes(data[: len(data) // 2])


def _docx_renamed(folder: Path, base: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Kế hoạch")
    document.save(str(folder / BOOK))


def _excel_lock(folder: Path, base: Path) -> None:
    shutil.copy2(base, folder / BOOK)
    (folder / f"~${BOOK}").write_bytes(b"\x0bNguyen Van A" + b"\0" * 150)


def _out_is_file(folder: Path, base: Path) -> None:
    shutil.copy2(base, folder / BOOK)
    (folder / "ket-qua").write_text("một tệp, không phải thư mục", encoding="utf-8")


def _merged_data(book: openpyxl.Workbook) -> None:
    sheet = book["Mô hình"]
    sheet["B4"] = None
    sheet.merge_cells("B3:B4")


def _hidden_row(book: openpyxl.Workbook) -> None:
    book["Mô hình"].row_dimensions[5].hidden = True


def _formula_without_value(folder: Path, base: Path) -> None:
    book = openpyxl.load_workbook(base)
    book["Mô hình"]["L5"] = "=1+1"  # openpyxl writes no cached value, like most generators
    book.save(folder / BOOK)


def _delete_sheet(name: str) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        del book[name]

    return change


def _delete_column(sheet: str, index: int) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet].delete_cols(index)

    return change


def _no_scores(book: openpyxl.Workbook) -> None:
    sheet = book["Chấm điểm"]
    sheet.delete_rows(2, sheet.max_row)


def _template_folder(change: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    """Base workbook plus a clerk's template folder ``mau`` holding a changed copy of the templates."""

    def build(folder: Path, base: Path) -> None:
        shutil.copy2(base, folder / BOOK)
        shutil.copytree(TEMPLATES, folder / "mau")
        change(folder / "mau" / "quyet-dinh-cong-nhan.docx")

    return build


def _replace_in_template(old: str, new: str) -> Callable[[Path], None]:
    def change(template: Path) -> None:
        with zipfile.ZipFile(template) as archive:
            members = {item.filename: archive.read(item) for item in archive.infolist()}
        xml = members["word/document.xml"].decode("utf-8")
        assert old in xml, f"{old!r} not in the template"
        members["word/document.xml"] = xml.replace(old, new, 1).encode("utf-8")
        template.write_bytes(_zip_members(members))

    return change


def _template_with_entity(template: Path) -> None:
    with zipfile.ZipFile(template) as archive:
        members = {item.filename: archive.read(item) for item in archive.infolist()}
    xml = members["word/document.xml"]
    members["word/document.xml"] = xml.replace(
        b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    template.write_bytes(_zip_members(members))


def _template_not_docx(template: Path) -> None:
    template.write_text("Đây không phải tệp Word", encoding="utf-8")


def _missing_image(book: openpyxl.Workbook) -> None:
    book["Người ký"]["F2"] = "chu-ky/khong-co.png"


def _bomb(folder: Path, base: Path) -> None:
    _replace_member("xl/worksheets/sheet9.xml", b"<c/>" * (4 << 20))(folder, base)


TCVN3_NAME = "M« h×nh d©n vËn khÐo"  #: "Mô hình dân vận khéo" typed with a TCVN3 (ABC) font
VNI_NAME = "Moâ hình daân vaän kheùo"  #: "Mô hình dân vận khéo" typed with a VNI font
XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
       b'uniqueCount="1"><si><t>&e;</t></si></sst>')

VALIDATE = ("validate", "{book}", "--json")
RENDER = ("render", "quyet-dinh-cong-nhan", "{book}", "--out", "{dir}/ket-qua")
SCORE = ("score", "{book}")


def _finding(case_id: str, build: Callable[[Path, Path], None], code: str, sheet: str,
             cell: str | None, message: str, *, severity: str = "error") -> Case:
    exit_code = 1 if severity == "error" else 0
    return Case(case_id, build, VALIDATE, exit_code, finding=Finding(code, sheet, cell, message, severity))


CASES: tuple[Case, ...] = (
    # --- the file itself ---------------------------------------------------------------------
    Case("path-does-not-exist", lambda folder, base: None, VALIDATE, 2, r"Không tìm thấy tệp"),
    Case("path-is-a-folder", lambda folder, base: (folder / BOOK).mkdir(), VALIDATE, 2,
         r"là một thư mục, không phải sổ Excel"),
    Case("empty-file", _bytes(b""), VALIDATE, 2, r"rỗng \(0 byte\)"),
    Case("csv-named-xlsx", _bytes("Mã mô hình;Tên mô hình\nMH01;Mô hình A\n".encode()), VALIDATE, 2,
         r"là tệp văn bản CSV đổi đuôi, không phải sổ Excel"),
    Case("html-named-xlsx", _bytes(b"<html><table><tr><td>MH01</td></tr></table></html>"), VALIDATE,
         2, r"là trang HTML/XML đổi đuôi"),
    Case("old-xls-format", _bytes(ole_file({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00"})),
         VALIDATE, 2, r"là sổ Excel 97-2003 \(\.xls\)"),
    Case("password-protected", _encrypted, VALIDATE, 2, r"được đặt mật khẩu"),
    Case("corrupt-zip", _truncated, VALIDATE, 2, r"bị hỏng, không đọc được"),
    Case("garbage-bytes", _bytes(bytes(range(256)) * 4), VALIDATE, 2,
         r"không phải sổ Excel \(\.xlsx, \.xlsm\)"),
    Case("word-document-named-xlsx", _docx_renamed, VALIDATE, 2, r"là văn bản Word, không phải sổ Excel"),
    Case("ods-named-xlsx", _bytes(_zip_members({"mimetype": b"application/vnd.oasis.opendocument"
                                                 b".spreadsheet", "content.xml": b"<x/>"})),
         VALIDATE, 2, r"OpenDocument"),
    Case("zip-bomb", _bomb, VALIDATE, 2, r"nén tới [\d.]+ lần \(giới hạn 200 lần\)"),
    Case("xml-external-entity", _replace_member("xl/sharedStrings.xml", XXE), VALIDATE, 2,
         r"chứa khai báo DOCTYPE/ENTITY"),
    # --- sheets and headers -------------------------------------------------------------------
    Case("missing-sheet-models", _edit(_delete_sheet("Mô hình")), VALIDATE, 2,
         r"không có sheet “Mô hình” \(các sheet có: “Cấu hình”, “Đơn vị”"),
    Case("missing-sheet-settings", _edit(_delete_sheet("Cấu hình")), VALIDATE, 2,
         r"không có sheet “Cấu hình”"),
    Case("missing-header-model-code", _edit(_delete_column("Mô hình", 1)), VALIDATE, 2,
         r"Sheet “Mô hình” thiếu cột “Mã mô hình”"),
    Case("missing-header-unit-name", _edit(_delete_column("Đơn vị", 2)), VALIDATE, 2,
         r"Sheet “Đơn vị” thiếu cột “Tên đơn vị”"),
    Case("missing-header-field", _edit(_delete_column("Mô hình", 6)), VALIDATE, 2,
         r"Sheet “Mô hình” thiếu cột “Lĩnh vực”"),
    Case("missing-header-criterion-maximum", _edit(_delete_column("Tiêu chí", 4)), VALIDATE, 2,
         r"Sheet “Tiêu chí” thiếu cột “Điểm tối đa”"),
    # --- values -------------------------------------------------------------------------------
    _finding("date-that-does-not-exist", _set("Mô hình", "K3", "31/02/2024"), "cell-value", "Mô hình",
             "K3", r"ngày “31/02/2024” không có thật"),
    _finding("date-that-is-words", _set("Mô hình", "K4", "đầu tháng Ba"), "cell-value", "Mô hình", "K4",
             r"không hiểu ngày “đầu tháng Ba”"),
    _finding("setting-date-not-a-date", _setting("Hạn đăng ký", "15/13/2024"), "cell-value",
             "Cấu hình", None, r"15/13/2024"),
    _finding("target-not-a-number", _set("Đơn vị", "D3", "năm"), "cell-value", "Đơn vị", "D3",
             r"“năm” không phải số"),
    _finding("year-not-a-number", _setting("Năm", "2024a"), "cell-value", "Cấu hình", None,
             r"“2024a” không phải số"),
    _finding("score-not-a-number", _set("Chấm điểm", "C3", "tám"), "cell-value", "Chấm điểm", "C3",
             r"“tám” không phải số"),
    _finding("score-above-maximum", _set("Chấm điểm", "D2", 15), "score-above-max", "Chấm điểm", "D2",
             r"15"),
    _finding("score-negative", _set("Chấm điểm", "C4", -2), "score-negative", "Chấm điểm", "C4", r"-2"),
    _finding("error-value-in-cell", _set("Chấm điểm", "E5", "#DIV/0!"), "cell-value", "Chấm điểm", "E5",
             r"lỗi công thức “#DIV/0!”"),
    _finding("unknown-unit-code", _set("Mô hình", "B6", "999"), "unknown-unit", "Mô hình", "B6", r"999"),
    _finding("unknown-field", _set("Mô hình", "F7", "Thể thao"), "unknown-field", "Mô hình", "F7",
             r"Lĩnh vực “Thể thao” không có trong danh sách"),
    _finding("unknown-subject", _set("Mô hình", "D8", "Tập thẻ"), "unknown-subject", "Mô hình", "D8",
             r"“Tập thẻ” không có trong danh sách"),
    _finding("unknown-profile", _setting("Thể thức văn bản", "Nhà nuoc"), "unknown-profile", "Cấu hình",
             None, r"“Nhà nuoc” không có trong danh sách"),
    _finding("score-for-unknown-model", _set("Chấm điểm", "A6", "MH9999"), "score-unknown-model",
             "Chấm điểm", "A6", r"MH9999"),
    _finding("duplicate-model-code", _set("Mô hình", "A9", "MH0001"), "duplicate-model", "Mô hình", "A9",
             r"MH0001"),
    _finding("duplicate-unit-code", _set("Đơn vị", "A4", "001"), "duplicate-unit", "Đơn vị", "A4", r"001"),
    _finding("duplicate-criterion-number", _set("Tiêu chí", "A4", 2), "duplicate-criterion", "Tiêu chí",
             "A4", r"2"),
    _finding("missing-model-name", _set("Mô hình", "C10", None), "missing-value", "Mô hình", "C10",
             r"Chưa nhập “Tên mô hình” ở dòng 10"),
    _finding("missing-issuing-body", _setting("Cơ quan ban hành", None), "missing-value", "Cấu hình",
             None, r"Chưa nhập mục “Cơ quan ban hành”"),
    _finding("unknown-default-signer", _setting("Người ký mặc định", "XYZ"), "unknown-signer",
             "Cấu hình", None, r"XYZ"),
    _finding("missing-signature-image", _edit(_missing_image), "missing-image", "Người ký", "F2",
             r"Không tìm thấy ảnh “chu-ky/khong-co.png”"),
    _finding("tcvn3-text", _set("Mô hình", "C11", TCVN3_NAME), "legacy-encoding", "Mô hình", "C11",
             r"TCVN3", severity="warning"),
    _finding("vni-text", _set("Mô hình", "C12", VNI_NAME), "legacy-encoding", "Mô hình", "C12", r"VNI",
             severity="warning"),
    _finding("nfd-text", _set("Mô hình", "C13", unicodedata.normalize("NFD", "Mô hình dân vận khéo")),
             "nfd-text", "Mô hình", "C13", r"tổ hợp|NFD", severity="warning"),
    _finding("merged-cells-in-data", _edit(_merged_data), "merged-cells", "Mô hình", "B3",
             r"B3:B4.*gộp|gộp.*B3:B4"),
    _finding("hidden-row", _edit(_hidden_row), "hidden-row", "Mô hình", "A5", r"dòng 5.*ẩn",
             severity="warning"),
    Case("formula-without-cached-value", _formula_without_value, VALIDATE, 1,
         r"Sheet “Mô hình”, ô L5: ô có công thức “=1\+1” nhưng chưa có giá trị đã tính"),
    # --- documents and outputs ---------------------------------------------------------------
    Case("empty-batch-nothing-scored", _edit(_no_scores), RENDER, 1, r"Chưa có mô hình nào đạt"),
    Case("render-refused-on-validation-error", _set("Mô hình", "A9", "MH0001"), RENDER, 1,
         r"Sổ theo dõi có \d+ lỗi, chưa thể lập văn bản"),
    Case("template-broken-tag", _template_folder(_replace_in_template("{{", "{{ {{")),
         (*RENDER, "--templates", "{dir}/mau"), 1, r"Mẫu “quyet-dinh-cong-nhan.docx” có lỗi cú pháp"),
    Case("template-unknown-name", _template_folder(_replace_in_template("{{", "{{ chua_co_bien ~ ")),
         (*RENDER, "--templates", "{dir}/mau"), 1, r"dùng biến “chua_co_bien”"),
    Case("template-not-a-docx", _template_folder(_template_not_docx),
         (*RENDER, "--templates", "{dir}/mau"), 1, r"không phải tệp Word \.docx hợp lệ"),
    Case("template-with-entity", _template_folder(_template_with_entity),
         (*RENDER, "--templates", "{dir}/mau"), 1, r"chứa khai báo DOCTYPE/ENTITY"),
    Case("missing-signature-image-render", _edit(_missing_image), RENDER, 1,
         r"Không tìm thấy ảnh “chu-ky/khong-co.png”"),
    Case("templates-folder-missing", _copy_base, (*RENDER, "--templates", "{dir}/khong-co"), 1,
         r"khong-co"),
    Case("output-folder-is-a-file", _out_is_file, RENDER, 4, r"Không ghi được"),
    Case("output-folder-under-a-file", _out_is_file,
         ("render", "quyet-dinh-cong-nhan", "{book}", "--out", "{dir}/ket-qua/con"), 4,
         r"Không ghi được"),
    Case("workbook-open-in-excel", _excel_lock, SCORE, 3, r"đang mở trong Excel"),
    Case("unknown-unit-for-render", _copy_base,
         ("render", "danh-sach-dang-ky", "{book}", "--unit", "KHONGCO", "--out", "{dir}/ket-qua"), 1,
         r"KHONGCO"),
)


def main(folder: str) -> None:
    """Write every case's input into ``folder/<case id>/``."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    base = make_base(root / "base.xlsx")
    for case in CASES:
        target = root / case.id
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        case.build(target, base)
    print(f"{len(CASES)} cases in {root}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
