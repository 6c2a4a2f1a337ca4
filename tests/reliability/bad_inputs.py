"""The catalogue of bad inputs: how each is built, the command run on it, and the answer it must get.

Every case is built from a small, valid base workbook (the bundled Party sample cut to 12 models)
by one builder function, so the input is visible here and nothing binary is committed. Run this
module to write every input into a folder for a look in Excel/Word:

    python -m tests.reliability.bad_inputs /tmp/bad-inputs
"""

from __future__ import annotations

import io
import json
import re
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
    """The base workbook: the Party sample with :data:`KEEP_MODELS` models and score rows, no
    council vote, its Người ký pictures and Cấu hình logo named by absolute path (case folders have
    no ``anh/`` beside the book)."""
    book = openpyxl.load_workbook(SAMPLE)
    for name, keep in (("Mô hình", KEEP_MODELS), ("Chấm điểm", KEEP_MODELS), ("Bình chọn", 0)):
        sheet = book[name]
        sheet.delete_rows(keep + 2, sheet.max_row)
    for row in book["Cấu hình"].iter_rows(min_row=2):
        if row[0].value == "Ảnh biểu trưng" and row[1].value:
            row[1].value = str(SAMPLE.parent / row[1].value)
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


def _rows(sheet: str, *rows: tuple[object, ...], settings: dict[str, object] | None = None
          ) -> Callable[[Path, Path], None]:
    """``rows`` written under the header of ``sheet`` (from its second row), and Cấu hình
    ``settings`` (label -> value) changed."""

    def change(book: openpyxl.Workbook) -> None:
        for number, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                book[sheet].cell(number, column).value = value
        labels = {row[0].value: row[1] for row in book["Cấu hình"].iter_rows(min_row=2, max_col=2)}
        for label, value in (settings or {}).items():
            labels[label].value = value

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


def _stored_number(sheet: str, cell: str, stored: bytes) -> Callable[[Path, Path], None]:
    """The cell holds the number written ``stored`` in the sheet XML (e.g. b"1E+309", which no
    openpyxl value writes)."""
    marker = 424242.125

    def build(folder: Path, base: Path) -> None:
        _set(sheet, cell, marker)(folder, base)
        with zipfile.ZipFile(folder / BOOK) as old:
            members = {item.filename: old.read(item) for item in old.infolist()}
        for name, data in members.items():
            members[name] = data.replace(f"<v>{marker}</v>".encode(), b"<v>" + stored + b"</v>")
        (folder / BOOK).write_bytes(_zip_members(members))

    return build


def _picture_beside(names: Callable[[Path, Path], None], data: bytes, name: str) -> Callable[[Path, Path], None]:
    """The book as ``names`` builds it (a cell naming the picture ``name``) and the file ``name``
    beside the book holding ``data``."""

    def build(folder: Path, base: Path) -> None:
        names(folder, base)
        (folder / name).write_bytes(data)

    return build


def _signer_picture(data: bytes, name: str) -> Callable[[Path, Path], None]:
    """The default signer's signature image is the file ``name`` (beside the book) holding ``data``."""
    return _picture_beside(_set("Người ký", "F3", name), data, name)


def _logo_picture(data: bytes, name: str) -> Callable[[Path, Path], None]:
    """Cấu hình “Ảnh biểu trưng” is the file ``name`` (beside the book) holding ``data``."""
    return _picture_beside(_setting("Ảnh biểu trưng", name), data, name)


JOURNAL_ENTRY = {  #: one journal line as ``dvk render --cap-so`` writes it
    "event": "issued", "series": "QĐ/2024", "number": 1, "kind": "QĐ", "line": "Số 01-QĐ/ĐUK",
    "symbol": "01-QĐ/ĐUK", "date": "2024-10-15", "summary": "công nhận mô hình", "file": "",
    "pid": 1, "host": "may-van-thu", "at": "2024-10-15T02:00:00+00:00", "signer": "PBT",
}


def _journal_without(field_name: str) -> Callable[[Path, Path], None]:
    """A number journal beside the book (and its lock file, as after any numbering) whose second
    line lacks ``field_name``; the term start is set so that ``render --cap-so`` gets that far."""

    def build(folder: Path, base: Path) -> None:
        _setting("Ngày bắt đầu nhiệm kỳ", "01/10/2020")(folder, base)
        damaged = {**JOURNAL_ENTRY, "number": 2}
        del damaged[field_name]
        lines = (json.dumps(entry, ensure_ascii=False) for entry in (JOURNAL_ENTRY, damaged))
        stem = Path(BOOK).stem
        (folder / f"{stem}.so-van-ban.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (folder / f"{stem}.so-van-ban.lock").write_bytes(b"")

    return build


def _huge_prize(book: openpyxl.Workbook) -> None:
    """Each factor of the prize below the reader's bound, their product a 31-digit sum."""
    sheet = book["Cấu hình"]
    values = {"Mức lương cơ sở": 999_999_999_999_999, "Hệ số thưởng tập thể": 999_999_999_999_999,
              "Khen thưởng kèm quyết định": "Có"}
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value in values:
            sheet.cell(row, 2).value = values[sheet.cell(row, 1).value]


def _repeated_header(book: openpyxl.Workbook) -> None:
    sheet = book["Mô hình"]
    sheet["Q1"] = "Tên mô hình"
    for row in range(2, KEEP_MODELS + 2):
        sheet.cell(row, 17).value = f"Tên cũ {row}"


def _repeated_setting(book: openpyxl.Workbook) -> None:
    sheet = book["Cấu hình"]
    sheet["A60"], sheet["B60"] = "Năm", 2030  # below every setting, after a few empty rows


def _second_models_sheet(folder: Path, base: Path) -> None:
    """A very hidden "Mô Hình" before "Mô hình", holding other data under the same headers (named
    in the XML: openpyxl, like Excel, refuses two names differing only in case)."""
    book = openpyxl.load_workbook(base)
    hidden = book.create_sheet("TAM", index=book.sheetnames.index("Mô hình"))
    hidden.sheet_state = "veryHidden"
    for source in book["Mô hình"].iter_rows(max_row=2, values_only=True):
        hidden.append(source)
    hidden["A2"] = "MH9999"
    book.save(folder / BOOK)
    with zipfile.ZipFile(folder / BOOK) as old:
        members = {item.filename: old.read(item) for item in old.infolist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(b'name="TAM"', 'name="Mô Hình"'.encode())
    (folder / BOOK).write_bytes(_zip_members(members))


def _hidden_old_settings(folder: Path, base: Path) -> None:
    """A hidden “Cau hinh” (an old copy of Cấu hình, the year changed) at the end of the book."""
    book = openpyxl.load_workbook(base)
    old = book.copy_worksheet(book["Cấu hình"])
    old.title, old.sheet_state = "Cau hinh", "hidden"
    for row in old.iter_rows(min_row=2):
        if row[0].value == "Năm":
            row[1].value = 2019
    book.save(folder / BOOK)


def _template_bomb(expression: str) -> Callable[[Path, Path], None]:
    """The clerk's templates, the decision printing ``expression`` before its first field."""
    return _template_folder(_replace_in_template("{{", expression + "{{ "))


def exact(message: str) -> str:
    """The regular expression matching exactly ``message``."""
    return f"^{re.escape(message)}$"


TCVN3_NAME = "M« h×nh d©n vËn khÐo"  #: "Mô hình dân vận khéo" typed with a TCVN3 (ABC) font
VNI_NAME = "Moâ hình daân vaän kheùo"  #: "Mô hình dân vận khéo" typed with a VNI font
XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
       b'uniqueCount="1"><si><t>&e;</t></si></sst>')

VALIDATE = ("validate", "{book}", "--json")
RENDER = ("render", "quyet-dinh-cong-nhan", "{book}", "--out", "{dir}/ket-qua")
BLANKS = ("render", "phoi-giay-chung-nhan", "{book}", "--out", "{dir}/ket-qua")
BLANK_SHEET = "Vị trí in phôi"
BLANK_FIELDS = ("Các trường: Người nhận, Đơn vị, Mô hình, Thành tích, Căn cứ, Số vào sổ, Địa danh, ngày tháng, "
                "Quyền hạn ký, Chức vụ người ký, Người ký.")
VOTES = "Bình chọn"
COUNT = ("MH0001", None, "Có mặt", None, 10, 0)  #: a count row of Bình chọn: 10 for, 0 against (11 members)
THRESHOLD_RANGE = "không dùng được: cần số phần trăm từ 1 đến 100, ví dụ 90 (nghĩa là từ 90% số phiếu trở lên)."
MEASURE_AGAIN = "Đo lại trên trang căn chỉnh (nút “Trang căn chỉnh phôi”, lệnh --mode can-chinh) rồi sửa ô này."
SCORE = ("score", "{book}")
CAP_SO = (*RENDER, "--cap-so")
NUMBER_HINT = "(ví dụ đúng: 7,5 hoặc 10). Sửa lại ô này."
TOO_BIG = "quá lớn, không thể đúng: số trong sổ phải nhỏ hơn 1.000.000.000.000.000 (một triệu tỷ). Sửa lại ô này."
YEAR_RANGE = "không dùng được: cần năm có bốn chữ số, từ 1900 đến 9999, ví dụ 2024. Sửa lại ô này."
COUNT_RANGE = "không dùng được: cần một số nguyên từ 0 đến 1.000.000. Sửa lại ô này."
EARLY_DATE = ("trước 01/03/1900: Excel tính sai các ngày này (có cả ngày 29/02/1900 không có thật), thường "
              "do ô ngày chứa số âm hay số quá nhỏ; nhập lại ngày đúng, cần dạng ngày/tháng/năm, ví dụ "
              "15/04/2024. Sửa lại ô này.")
NOT_A_PICTURE = ("không phải ảnh Word chèn được (PNG, JPEG, GIF, BMP, TIFF). Mở ảnh bằng Paint (hoặc "
                 "chương trình xem ảnh), chọn Lưu thành (Save As) kiểu PNG rồi ghi tên tệp mới vào ô.")
TEMPLATE_REFUSED = r"Không lập được 1 văn bản, chưa ghi tệp nào:\n- văn bản thứ 1 \(quyết định công nhận 09 mô hình\): "
DAMAGED_JOURNAL = ("Sổ đăng ký số văn bản “so-theo-doi.so-van-ban.jsonl”, dòng 2: thiếu mục “symbol”, nên "
                   "không biết số nào đã cấp.")
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + bytes(24)  #: the start of a WEBP picture


def _finding(case_id: str, build: Callable[[Path, Path], None], code: str, sheet: str,
             cell: str | None, message: str, *, severity: str = "error") -> Case:
    exit_code = 1 if severity == "error" else 0
    return Case(case_id, build, VALIDATE, exit_code, finding=Finding(code, sheet, cell, message, severity))


def _refused(case_id: str, build: Callable[[Path, Path], None], args: tuple[str, ...], sheet: str,
             cell: str, message: str) -> Case:
    """``args`` (render or score) refuses the book with exit 1, quoting the finding at ``cell``."""
    line = re.escape(f"- Sheet “{sheet}”, ô {cell}: {message}")
    refused = "tính điểm" if args[0] == "score" else "lập văn bản"
    return Case(case_id, build, args, 1, rf"Sổ theo dõi có 1 lỗi, chưa thể {refused}:\n{line}\n")


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
    # --- absurd values (issue 11): a finding naming the cell, and render/score refuse with it -----
    _finding("score-nan-text", _set("Chấm điểm", "C3", "NaN"), "cell-value", "Chấm điểm", "C3",
             exact(f"“NaN” không phải số {NUMBER_HINT}")),
    _finding("score-infinity-text", _set("Chấm điểm", "C3", "Infinity"), "cell-value", "Chấm điểm", "C3",
             exact(f"“Infinity” không phải số {NUMBER_HINT}")),
    _finding("score-infinity-number", _stored_number("Chấm điểm", "C3", b"1E+309"), "cell-value",
             "Chấm điểm", "C3", exact(f"“inf” không phải số {NUMBER_HINT}")),
    _finding("score-nan-number", _stored_number("Chấm điểm", "C3", b"NaN"), "cell-value", "Chấm điểm", "C3",
             exact(f"“nan” không phải số {NUMBER_HINT}")),
    _finding("score-1e308-text", _set("Chấm điểm", "C3", "1e308"), "cell-value", "Chấm điểm", "C3",
             exact(f"số “1e308” {TOO_BIG}")),
    _finding("score-1e308-number", _set("Chấm điểm", "C3", 1e308), "cell-value", "Chấm điểm", "C3",
             exact(f"số “1e+308” {TOO_BIG}")),
    _finding("score-1e26-number", _set("Chấm điểm", "C3", 1e26), "cell-value", "Chấm điểm", "C3",
             exact(f"số “1e+26” {TOO_BIG}")),
    _refused("score-nan-refused-by-score", _set("Chấm điểm", "C3", "NaN"), SCORE, "Chấm điểm", "C3",
             f"“NaN” không phải số {NUMBER_HINT}"),
    _refused("score-1e26-refused-by-render", _set("Chấm điểm", "C3", 1e26), RENDER, "Chấm điểm", "C3",
             f"số “1e+26” {TOO_BIG}"),
    _finding("pass-threshold-nan", _setting("Điểm đạt", "NaN"), "cell-value", "Cấu hình", "B15",
             exact(f"“NaN” không phải số {NUMBER_HINT}")),
    _finding("pass-threshold-1e26-text", _setting("Điểm đạt", "1e26"), "cell-value", "Cấu hình", "B15",
             exact(f"số “1e26” {TOO_BIG}")),
    _refused("pass-threshold-infinity-refused-by-score", _setting("Điểm đạt", "Infinity"), SCORE,
             "Cấu hình", "B15", f"“Infinity” không phải số {NUMBER_HINT}"),
    _finding("base-salary-infinity", _setting("Mức lương cơ sở", "-Infinity"), "cell-value", "Cấu hình",
             "B19", exact(f"“-Infinity” không phải số {NUMBER_HINT}")),
    _finding("base-salary-1e308", _setting("Mức lương cơ sở", 1e308), "cell-value", "Cấu hình", "B19",
             exact(f"số “1e+308” {TOO_BIG}")),
    _refused("base-salary-nan-refused-by-render", _setting("Mức lương cơ sở", "nan"), RENDER, "Cấu hình",
             "B19", f"“nan” không phải số {NUMBER_HINT}"),
    _finding("year-zero", _setting("Năm", 0), "cell-value", "Cấu hình", "B8", exact(f"năm “0” {YEAR_RANGE}")),
    _finding("year-99999", _setting("Năm", 99999), "cell-value", "Cấu hình", "B8",
             exact(f"năm “99999” {YEAR_RANGE}")),
    _refused("year-99999-refused-by-render", _setting("Năm", "99999"), RENDER, "Cấu hình", "B8",
             f"năm “99999” {YEAR_RANGE}"),
    _finding("count-negative", _set("Đơn vị", "D3", -5), "cell-value", "Đơn vị", "D3",
             exact(f"“-5” {COUNT_RANGE}")),
    _finding("count-1e308", _set("Đơn vị", "D3", 1e308), "cell-value", "Đơn vị", "D3",
             exact(f"số “1e+308” {TOO_BIG}")),
    _finding("quantity-negative", _set("Mô hình", "L4", "-5"), "cell-value", "Mô hình", "L4",
             exact(f"“-5” {COUNT_RANGE}")),
    _finding("date-serial-negative", _set("Mô hình", "K3", -1), "cell-value", "Mô hình", "K3",
             exact(f"ngày “29/12/1899” {EARLY_DATE}")),
    _finding("date-serial-60", _set("Mô hình", "K3", 60), "cell-value", "Mô hình", "K3",
             exact(f"ngày “28/02/1900” {EARLY_DATE}")),
    _finding("date-serial-beyond-9999", _set("Mô hình", "K3", 3_000_000), "cell-value", "Mô hình", "K3",
             exact("ô ngày chứa số 3000000, không phải một ngày Excel tính được (từ 01/03/1900 đến "
                   "31/12/9999); cần dạng ngày/tháng/năm, ví dụ 15/04/2024. Sửa lại ô này.")),
    # a registration date is not what scoring reads (issue 13: one verdict per fact): render refuses
    _refused("date-serial-60-refused-by-render", _set("Mô hình", "K3", 60), RENDER, "Mô hình", "K3",
             f"ngày “28/02/1900” {EARLY_DATE}"),
    Case("prize-product-too-large", _edit(_huge_prize), RENDER, 1,
         exact("Lỗi: Sheet “Cấu hình”, ô B20: tiền thưởng = “Hệ số thưởng tập thể” × “Mức lương cơ sở” = "
               "1.000E+30 đồng, quá lớn (phải nhỏ hơn 1.000.000.000.000.000 đồng).\nKiểm tra hai ô này trong "
               "sheet Cấu hình (hệ số thường là 0,3 hay 1; mức lương cơ sở tính bằng đồng).\n")),
    # --- pictures and the number register (issue 11) ------------------------------------------
    _finding("signature-is-a-text-file", _signer_picture("chữ ký của tôi\n".encode(), "chu-ky.png"),
             "not-an-image", "Người ký", "F3",
             exact(f"Ảnh “chu-ky.png” không dùng được: tệp “chu-ky.png” là tệp chữ (văn bản), {NOT_A_PICTURE}")),
    _finding("signature-is-webp-named-png", _signer_picture(WEBP, "chu-ky.png"), "not-an-image", "Người ký",
             "F3", exact(f"Ảnh “chu-ky.png” không dùng được: tệp “chu-ky.png” là ảnh WEBP (thường tải từ "
                         f"trang web), {NOT_A_PICTURE}")),
    _refused("signature-webp-refused-by-render", _signer_picture(WEBP, "chu-ky.png"), RENDER, "Người ký",
             "F3", f"Ảnh “chu-ky.png” không dùng được: tệp “chu-ky.png” là ảnh WEBP (thường tải từ trang "
             f"web), {NOT_A_PICTURE}"),
    _finding("logo-is-a-text-file", _logo_picture("biểu trưng\n".encode(), "bieu-trung.png"), "not-an-image",
             "Cấu hình", "B31", exact(f"Ảnh “bieu-trung.png” không dùng được: tệp “bieu-trung.png” là tệp chữ (văn "
                                      f"bản), {NOT_A_PICTURE}")),
    _refused("logo-webp-refused-by-render", _logo_picture(WEBP, "bieu-trung.png"),
             ("render", "giay-chung-nhan", "{book}", "--out", "{dir}/ket-qua"), "Cấu hình", "B31",
             f"Ảnh “bieu-trung.png” không dùng được: tệp “bieu-trung.png” là ảnh WEBP (thường tải từ trang web), "
             f"{NOT_A_PICTURE}"),
    _finding("logo-missing", _setting("Ảnh biểu trưng", "anh/khong-co.png"), "missing-image", "Cấu hình", "B31",
             "^" + re.escape("Không tìm thấy ảnh “anh/khong-co.png” (tìm trong thư mục ")),
    _finding("journal-line-missing-field", _journal_without("symbol"), "register-damaged", "Văn bản", None,
             "^" + re.escape(DAMAGED_JOURNAL + " Dòng này đã bị sửa tay.")),
    Case("journal-line-missing-field-cap-so", _journal_without("symbol"), CAP_SO, 1,
         re.escape(f"Lỗi: {DAMAGED_JOURNAL}\nDòng này đã bị sửa tay.")),
    # --- rows of Vị trí in phôi: validate reports what printing on blanks refuses ---------------
    _finding("blank-field-unknown", _rows(BLANK_SHEET, ("Tên lót", 40, 92)), "invalid-blank-field", BLANK_SHEET,
             "A2", exact(f"Không có trường “Tên lót” để in trên phôi. {BLANK_FIELDS}")),
    _refused("blank-field-unknown-refused-by-render", _rows(BLANK_SHEET, ("Tên lót", 40, 92)), BLANKS,
             BLANK_SHEET, "A2", f"Không có trường “Tên lót” để in trên phôi. {BLANK_FIELDS}"),
    _finding("blank-x-off-the-sheet", _rows(BLANK_SHEET, ("Người nhận", 400, 92)), "invalid-blank-field",
             BLANK_SHEET, "B2", exact(f"X = 400 mm nằm ngoài tờ phôi (khổ A4 ngang: X từ 0 đến 297 mm). "
                                      f"{MEASURE_AGAIN}")),
    _refused("blank-y-negative-refused-by-render", _rows(BLANK_SHEET, ("Số vào sổ", 30, -1.5)), BLANKS,
             BLANK_SHEET, "C2", f"Y = -1,5 mm nằm ngoài tờ phôi (khổ A4 ngang: Y từ 0 đến 210 mm). {MEASURE_AGAIN}"),
    _finding("blank-width-zero", _rows(BLANK_SHEET, ("Mô hình", 40, 120, 0)), "invalid-blank-field", BLANK_SHEET,
             "D2", exact("Bề rộng dòng chữ 0 mm phải lớn hơn 0. Sửa ô này, hoặc để trống để dùng bề rộng của thể "
                         "thức.")),
    _refused("blank-size-negative-refused-by-render", _rows(BLANK_SHEET, ("Người ký", 160, 170, 80, -5)), BLANKS,
             BLANK_SHEET, "E2", "Cỡ chữ -5 không dùng được: cần từ 1 đến 1638. Sửa ô này, hoặc để trống để dùng "
             "cỡ chữ của thể thức."),
    _finding("blank-x-missing", _rows(BLANK_SHEET, ("Quyền hạn ký", None, 150)), "missing-value", BLANK_SHEET,
             "B2", exact("Chưa nhập “X (mm)” ở dòng 2. Nhập giá trị vào ô này.")),
    # --- the council's vote: Bình chọn rows and the vote rule of Cấu hình ---------------------
    _finding("vote-for-unknown-model", _rows(VOTES, ("MH9999", None, "Có mặt", None, 10, 0)), "vote-unknown-model",
             VOTES, "A2", exact("Mã mô hình “MH9999” không có trong sheet “Mô hình”. Sửa mã cho đúng hoặc xóa dòng "
                                "này.")),
    _finding("vote-count-not-a-number", _rows(VOTES, ("MH0001", None, "Có mặt", None, "mười", 0)), "cell-value",
             VOTES, "E2", exact(f"“mười” không phải số {NUMBER_HINT}")),
    _finding("vote-count-negative", _rows(VOTES, ("MH0001", None, "Có mặt", None, 10, -1)), "cell-value", VOTES,
             "F2", exact(f"“-1” {COUNT_RANGE}")),
    _refused("vote-count-negative-refused-by-score", _rows(VOTES, ("MH0001", None, "Có mặt", None, -3, 0)), SCORE,
             VOTES, "E2", f"“-3” {COUNT_RANGE}"),
    _finding("vote-more-ballots-than-members", _rows(VOTES, ("MH0001", None, "Có mặt", None, 10, 5)),
             "vote-too-many", VOTES, "A2", exact("Mô hình “MH0001” có 15 phiếu nhưng hội đồng chỉ có 11 thành "
                                                 "viên. Kiểm tra các dòng trùng hoặc số phiếu.")),
    _refused("vote-more-ballots-than-present", _rows(VOTES, ("MH0001", None, "Có mặt", None, 8, 0), settings={
        "Số thành viên có mặt": 5, "Tính tỷ lệ trên": "Thành viên có mặt"}), SCORE, VOTES, "A2",
        "Mô hình “MH0001” có 8 phiếu tại cuộc họp nhưng chỉ có 5 thành viên có mặt. Kiểm tra các dòng trùng, số "
        "phiếu hoặc “Số thành viên có mặt”."),
    _finding("vote-present-above-members", _rows(VOTES, COUNT, settings={"Số thành viên có mặt": 12}),
             "vote-too-many", "Cấu hình", "B25", exact("Số thành viên có mặt (12) nhiều hơn số thành viên hội đồng "
                                                       "(11). Sửa lại một trong hai số.")),
    _finding("vote-members-missing", _rows(VOTES, COUNT, settings={"Số thành viên hội đồng": None}),
             "vote-no-members", "Cấu hình", "B24",
             exact("Sổ có phiếu bình chọn nhưng chưa có “Số thành viên hội đồng” (số dương) trong sheet “Cấu hình”: "
                   "không tính được tỷ lệ phiếu. Nhập tổng số thành viên.")),
    _refused("vote-members-not-a-number-refused-by-score",
             _rows(VOTES, COUNT, settings={"Số thành viên hội đồng": "mười một"}), SCORE, "Cấu hình", "B24",
             f"“mười một” không phải số {NUMBER_HINT}"),
    _finding("vote-present-unknown", _rows(VOTES, COUNT, settings={
        "Số thành viên có mặt": None, "Tính tỷ lệ trên": "Thành viên có mặt"}), "vote-no-present", "Cấu hình", "B25",
        exact("Tỷ lệ phiếu tính trên số thành viên có mặt nhưng chưa biết bao nhiêu thành viên có mặt. Nhập “Số thành "
              "viên có mặt” hoặc ghi tên từng thành viên trong sheet Bình chọn.")),
    _finding("vote-threshold-above-100", _rows(VOTES, COUNT, settings={"Tỷ lệ phiếu đồng ý": 150}), "vote-threshold",
             "Cấu hình", "B26", exact(f"Tỷ lệ phiếu đồng ý “150” {THRESHOLD_RANGE}")),
    _finding("vote-threshold-as-fraction", _rows(VOTES, COUNT, settings={"Tỷ lệ phiếu đồng ý": 0.9}),
             "vote-threshold", "Cấu hình", "B26",
             exact(f"Tỷ lệ phiếu đồng ý “0,9” {THRESHOLD_RANGE} Ô định dạng phần trăm lưu 90% thành 0,9: đổi ô sang "
                   "định dạng số (General) rồi ghi 90.")),
    _refused("vote-threshold-negative-refused-by-score", _rows(VOTES, COUNT, settings={"Tỷ lệ phiếu đồng ý": -5}),
             SCORE, "Cấu hình", "B26", f"Tỷ lệ phiếu đồng ý “-5” {THRESHOLD_RANGE}"),
    _refused("vote-threshold-not-a-number-refused-by-score",
             _rows(VOTES, COUNT, settings={"Tỷ lệ phiếu đồng ý": "90%"}), SCORE, "Cấu hình", "B26",
             f"“90%” không phải số {NUMBER_HINT}"),
    _refused("vote-base-unknown-refused-by-score", _rows(VOTES, COUNT, settings={"Tính tỷ lệ trên": "Số có mặt"}),
             SCORE, "Cấu hình", "B27", "Tính tỷ lệ trên “Số có mặt” không có trong danh sách (Tổng số thành viên; "
             "Thành viên có mặt). Chọn một giá trị trong danh sách thả xuống."),
    _finding("vote-date-does-not-exist", _rows(VOTES, COUNT, settings={"Ngày họp bình chọn": "31/02/2024"}),
             "cell-value", "Cấu hình", "B29", exact("ngày “31/02/2024” không có thật (cần dạng ngày/tháng/năm, ví dụ "
                                                    "15/04/2024). Sửa lại ô này.")),
    _finding("vote-opinion-unknown", _rows(VOTES, ("MH0001", "Nguyễn Văn An", "Có mặt", "Tán thành")),
             "unknown-choice", VOTES, "D2", exact("Ý kiến “Tán thành” không có trong danh sách (Đồng ý; Không đồng "
                                                  "ý). Chọn một giá trị trong danh sách thả xuống.")),
    _refused("vote-opinion-unknown-refused-by-score", _rows(VOTES, ("MH0001", "Nguyễn Văn An", "Có mặt", "Tán thành")),
             SCORE, VOTES, "D2", "Ý kiến “Tán thành” không có trong danh sách (Đồng ý; Không đồng ý). Chọn một giá "
             "trị trong danh sách thả xuống."),
    _finding("vote-attendance-unknown", _rows(VOTES, ("MH0001", "Nguyễn Văn An", "Vắng", "Đồng ý")),
             "unknown-choice", VOTES, "C2", exact("Hình thức “Vắng” không có trong danh sách (Có mặt; Vắng, gửi "
                                                  "phiếu). Có phải “Vắng, gửi phiếu” không? Sửa lại (gõ tên, mã hoặc "
                                                  "tên viết tắt đều được).")),
    _finding("vote-member-twice", _rows(VOTES, ("MH0001", "Nguyễn Văn An", "Có mặt", "Đồng ý"),
                                        ("MH0001", "nguyễn văn an", "Có mặt", "Không đồng ý")), "vote-twice", VOTES,
             "B3", exact("Thành viên “nguyễn văn an” đã bình chọn mô hình “MH0001” ở dòng 2; mỗi thành viên chỉ có "
                         "một phiếu cho mỗi mô hình. Xóa dòng thừa.")),
    _finding("vote-ballot-and-count-on-one-row", _rows(VOTES, ("MH0001", None, "Có mặt", "Đồng ý", 10, 0)),
             "vote-row", VOTES, "E2", exact("Dòng 2 vừa ghi phiếu của một người (thành viên, ý kiến) vừa ghi số "
                                            "phiếu. Mỗi dòng là một phiếu (ghi Ý kiến) hoặc số phiếu của mô hình (ghi "
                                            "Số phiếu), không cả hai.")),
    _finding("vote-row-without-opinion", _rows(VOTES, ("MH0001", "Nguyễn Văn An", "Có mặt")), "vote-row", VOTES,
             "D2", exact("Dòng 2 chưa ghi ý kiến (“Đồng ý” hoặc “Không đồng ý”) hay số phiếu đồng ý.")),
    # --- sheets, headers and codes that look alike (issue 11) ------------------------------------
    _finding("code-with-zero-width-space", _set("Mô hình", "B6", "001\u200b"), "invisible-characters", "Mô hình",
             "B6", exact("Mã “001” có ký tự ẩn không nhìn thấy (U+200B, thường do dán từ trang web hay tin nhắn) "
                         "— đã bỏ, chương trình dùng “001”. Gõ lại ô này cho sạch."), severity="warning"),
    _finding("code-with-bidi-controls", _set("Mô hình", "B7", "\u2066\u202e002\u2069"), "invisible-characters",
             "Mô hình", "B7", exact("Mã “002” có ký tự ẩn không nhìn thấy (U+2066, U+202E, U+2069, thường do "
                                    "dán từ trang web hay tin nhắn) — đã bỏ, chương trình dùng “002”. Gõ lại ô "
                                    "này cho sạch."), severity="warning"),
    _finding("header-typed-twice", _edit(_repeated_header), "duplicate-header", "Mô hình", "Q1",
             exact("Cột Q (“Tên mô hình”) trùng tiêu đề với cột C: chương trình đọc cột C, bỏ qua cột Q. Xóa "
                   "cột thừa hoặc đổi tiêu đề của nó."), severity="warning"),
    _finding("setting-typed-twice", _edit(_repeated_setting), "duplicate-header", "Cấu hình", "A60",
             exact("Mục “Năm” có hai dòng (dòng 8 và dòng 60): chương trình dùng dòng 8, bỏ qua dòng 60. Xóa "
                   "dòng thừa."), severity="warning"),
    _finding("two-sheets-match-models", _second_models_sheet, "duplicate-sheet", "Mô hình", None,
             exact("Sổ có 2 sheet cùng là sheet “Mô hình”: chương trình đọc sheet “Mô hình”, bỏ qua “Mô Hình”. "
                   "Xóa hoặc đổi tên sheet thừa. Sheet “Mô Hình” bị ẩn hẳn (very hidden), không có trong Bỏ "
                   "ẩn/Unhide: bấm Alt+F11 mở trình soạn VBA, chọn “Mô Hình” trong khung Project, bấm F4 rồi đặt "
                   "Visible là “-1 - xlSheetVisible”."), severity="warning"),
    _finding("hidden-old-settings-sheet", _hidden_old_settings, "duplicate-sheet", "Cấu hình", None,
             exact("Sổ có 2 sheet cùng là sheet “Cấu hình”: chương trình đọc sheet “Cấu hình”, bỏ qua “Cau hinh”. "
                   "Xóa hoặc đổi tên sheet thừa. Sheet “Cau hinh” đang bị ẩn: chuột phải vào tên một sheet > Bỏ "
                   "ẩn/Unhide để hiện lại."), severity="warning"),
    # --- bounded work in templates and file-name patterns (issue 11) -----------------------------
    Case("template-nested-range-loops",
         _template_bomb("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"),
         (*RENDER, "--templates", "{dir}/mau"), 1,
         TEMPLATE_REFUSED + re.escape("các vòng lặp {% for %} của mẫu chạy quá 200.000 lượt (vòng lặp lồng "
                                      "nhau quá lớn?), mẫu không được tính\n")),
    Case("template-format-width", _template_bomb("{{ '{:2000000000}'.format(1) }}"),
         (*RENDER, "--templates", "{dir}/mau"), 1,
         TEMPLATE_REFUSED + re.escape("“format” với độ rộng/số lượng 2.000.000.000 quá lớn (tối đa 100.000), "
                                      "mẫu không được tính\n")),
    Case("template-center-2e9", _template_bomb("{{ 'x'.center(2e9) }}"), (*RENDER, "--templates", "{dir}/mau"),
         1, TEMPLATE_REFUSED + re.escape("“center” với độ rộng/số lượng 2.000.000.000 quá lớn (tối đa 100.000), "
                                         "mẫu không được tính\n")),
    Case("template-join-bomb", _template_bomb("{{ ('x' * 100000)|join('y' * 100000) }}"),
         (*RENDER, "--templates", "{dir}/mau"), 1,
         TEMPLATE_REFUSED + re.escape("“join” sẽ tạo ra đoạn chữ dài 10.000.100.000 ký tự (tối đa 100.000), "
                                      "mẫu không được tính\n")),
    Case("filename-pattern-width", _setting("Mẫu tên tệp", "{stt:2000000000}"),
         ("render", "giay-chung-nhan", "{book}", "--out", "{dir}/ket-qua"), 1,
         exact("Lỗi: Mẫu tên tệp “{stt:2000000000}” có định dạng “{stt:2000000000}” dài quá: tên tệp chỉ "
               "dài tối đa 120 ký tự.\nDùng độ rộng nhỏ, ví dụ {stt:03d} (số thứ tự 3 chữ số: 001, 002…).\n")),
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
