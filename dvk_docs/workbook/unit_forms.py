"""The registration form sent to one unit (``dvk init-forms``): one sheet, ready to fill and send back.

Top rows: title, the body to send it to and the deadline, the unit's name and code (locked),
instructions. Below: the header row of the registration list (the Mô hình fields a unit fills, with
their schema headers so that ``dvk gom`` reads the form back) and unlocked columns with drop-down lists.
The sheet is protected without a password: only the data cells can be edited, rows can be added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import OutputError
from ..model import Unit, Workbook
from ..safety import store_text
from .create import DATE_FORMAT, inline_list, style_header
from .grid import column_letter
from .registration_lists import ORDER_HEADERS, UNIT_CODE_LABEL, UNIT_NAME_LABELS
from .safe_save import check_unlocked, save_atomically
from .schema import CHOICES, MODELS

FORM_SHEET = "Đăng ký mô hình"  #: the name of the form's only sheet
FORM_FIELDS = (  #: the Mô hình fields a unit fills, in the form's column order (after "STT")
    "code", "name", "subject", "performer", "field", "place", "lead", "scale", "status",
    "registered_on", "note",
)
HEADER_ROW = 8  #: the form's header row; data starts below it
FORM_ROWS = 500  #: rows with drop-down lists under the header (every row below is unlocked)
LOCKED_FILL = "EDEDED"  #: grey background of the locked unit name and code
REQUIRED_COLOR = "C00000"  #: dark red header text of the columns a unit must fill
_LIST_COLUMN = 40  # hidden column (AN) holding a drop-down list too long to be typed inline


def write_unit_forms(book: Workbook, units: Sequence[Unit], names: Sequence[str], folder: Path,
                     *, force: bool = False) -> list[Path]:
    """Write one form per unit into ``folder`` under ``names`` (same order); return the paths.

    Nothing is written when a file already exists and ``force`` is false (OutputError naming
    them), or when one is open in Excel (WorkbookLockedError).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in names]
    existing = [p.name for p in paths if p.exists()]
    if existing and not force:
        shown = ", ".join(f"“{n}”" for n in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise OutputError(
            f"Thư mục “{folder}” đã có {len(existing)} mẫu đăng ký cùng tên: {shown}. Không ghi đè.",
            hint="Chọn thư mục khác (--out), hoặc thêm --force để tạo lại các mẫu này.",
        )
    for path in paths:
        if path.exists():
            check_unlocked(path)
    for unit, path in zip(units, paths, strict=True):
        save_atomically(build_unit_form(book, unit), path)
    return paths


def build_unit_form(book: Workbook, unit: Unit) -> openpyxl.Workbook:
    """The form of ``unit`` as an openpyxl workbook (not yet written anywhere)."""
    form = openpyxl.Workbook()
    sheet = form.active
    sheet.title = FORM_SHEET
    form.properties.title = f"Đăng ký mô hình “Dân vận khéo” – {unit.name}"
    form.properties.subject = unit.code
    _write_top(sheet, book, unit)
    _write_table(sheet, book)
    sheet.protection.sheet = True
    for permission in ("formatColumns", "formatRows", "insertRows", "deleteRows"):
        setattr(sheet.protection, permission, False)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    return form


def deadline_text(book: Workbook) -> str:
    """"trước ngày 15/04/2024" from Cấu hình "Hạn đăng ký", or a request to send it soon."""
    deadline = book.settings.get("registration_deadline")
    if isinstance(deadline, dt.date):
        return f"trước ngày {deadline:%d/%m/%Y}"
    return "sớm nhất có thể (cấp trên chưa ghi hạn)"


def _write_top(sheet: Worksheet, book: Workbook, unit: Unit) -> None:
    last = column_letter(len(FORM_FIELDS) + 1)
    year = book.settings.get("year")
    title = "DANH SÁCH ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”" + (f" NĂM {year}" if year else "")
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A1:{last}1")
    receiver = book.settings.text("issuing_body") or "cấp trên"
    _label_row(sheet, 2, "Gửi về:", receiver)
    _label_row(sheet, 3, "Hạn gửi:", deadline_text(book))
    sheet["B3"].font = Font(bold=True, color=REQUIRED_COLOR)
    _label_row(sheet, 4, f"{UNIT_NAME_LABELS[0]}:", unit.name, merge_to="F")
    sheet["G4"] = f"{UNIT_CODE_LABEL}:"
    sheet["G4"].font = Font(bold=True)
    sheet["G4"].alignment = Alignment(horizontal="right")
    store_text(sheet["H4"], unit.code)
    sheet["H4"].number_format = "@"
    for ref in ("B4", "H4"):
        sheet[ref].fill = PatternFill("solid", fgColor=LOCKED_FILL)
        sheet[ref].font = Font(bold=True)
    abbr = book.settings.text("issuing_abbr") or "cấp trên"
    instructions = (
        "Mỗi dòng một mô hình. Chủ thể, Lĩnh vực, Mới/Duy trì: chọn trong danh sách thả xuống. "
        "Cột có tiêu đề chữ đỏ phải điền.",
        "Mã mô hình: chỉ ghi với mô hình duy trì đã có mã; mô hình mới để trống, cấp trên sẽ cấp mã. "
        "Ngày đăng ký ghi dạng dd/mm/yyyy.",
        f"Không sửa dòng tiêu đề, tên và mã đơn vị. Lưu tệp (giữ đuôi .xlsx) rồi gửi lại {abbr} "
        f"{deadline_text(book)}.",
    )
    _label_row(sheet, 5, "Hướng dẫn:", instructions[0])
    for row, text in enumerate(instructions[1:], start=6):
        _label_row(sheet, row, "", text)


def _label_row(sheet: Worksheet, row: int, label: str, value: str, *, merge_to: str | None = None) -> None:
    if label:
        sheet.cell(row, 1, label).font = Font(bold=True)
    store_text(sheet.cell(row, 2), value)
    sheet.cell(row, 2).alignment = Alignment(vertical="top")
    end = merge_to or column_letter(len(FORM_FIELDS) + 1)
    sheet.merge_cells(f"B{row}:{end}{row}")


def _write_table(sheet: Worksheet, book: Workbook) -> None:
    columns = [MODELS.column(f) for f in FORM_FIELDS]
    style_header(sheet.cell(HEADER_ROW, 1, ORDER_HEADERS[0]))
    sheet.column_dimensions["A"].width = 11
    for index, column in enumerate(columns, start=2):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        style_header(cell)
        if column.required and column.field != "code":
            cell.font = Font(bold=True, color=REQUIRED_COLOR)
        sheet.column_dimensions[column_letter(index)].width = column.width + 2
    sheet.row_dimensions[HEADER_ROW].height = 33
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for index, column in enumerate([None, *columns], start=1):
        dimension = sheet.column_dimensions[column_letter(index)]
        dimension.protection = Protection(locked=False)  # whole columns: rows added later too
        if column is not None and column.kind == "date":
            dimension.number_format = DATE_FORMAT
        elif column is not None and column.kind in ("id", "text"):
            dimension.number_format = "@"
    for row in sheet.iter_rows(min_row=1, max_row=HEADER_ROW, max_col=len(columns) + 1):
        for cell in row:
            if not isinstance(cell, MergedCell):
                cell.protection = Protection(locked=True)  # the top rows stay locked
    first, last = HEADER_ROW + 1, HEADER_ROW + FORM_ROWS
    for index, column in enumerate(columns, start=2):
        letter = column_letter(index)
        cells = f"{letter}{first}:{letter}{last}"
        if column.choices:
            _add_list(sheet, _choices(book, column.choices), cells)
        elif column.kind == "date":
            _add_date_check(sheet, cells)


def _choices(book: Workbook, choices: str) -> tuple[str, ...]:
    if choices == "field" and book.settings.items("fields"):
        return book.settings.items("fields")
    return CHOICES[choices]


def _add_list(sheet: Worksheet, items: Sequence[str], cells: str) -> None:
    formula = inline_list(items)
    if formula is None:
        letter = column_letter(_LIST_COLUMN + len(sheet.data_validations.dataValidation))
        for row, item in enumerate(items, start=1):
            store_text(sheet[f"{letter}{row}"], item)
        sheet.column_dimensions[letter].hidden = True
        formula = f"${letter}$1:${letter}${len(items)}"
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                errorTitle="Giá trị ngoài danh sách",
                                error="Hãy chọn một giá trị trong danh sách thả xuống.")
    validation.add(cells)
    sheet.add_data_validation(validation)


def _add_date_check(sheet: Worksheet, cells: str) -> None:
    validation = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)",
                                allow_blank=True, showErrorMessage=True, errorTitle="Ngày không đúng",
                                error="Nhập ngày dạng dd/mm/yyyy, ví dụ 02/04/2024.")
    validation.add(cells)
    sheet.add_data_validation(validation)
