"""A new, empty workbook with every sheet of the schema: what ``dvk init`` writes.

Headers are Vietnamese, bold on a coloured, wrapped row that stays frozen; coded columns get
drop-down lists (lists that do not fit in a cell's own list go to the hidden sheet "Danh mục");
Cấu hình lists every setting with its default and a note; Tiêu chí holds the criteria of seed 003.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import OutputError
from .default_criteria import DEFAULT_CRITERIA
from .grid import column_letter
from .reference import column_reference, header_note
from .safe_save import backup, book_lock, check_unlocked, save_atomically
from .schema import (
    CHOICES,
    CHOICES_SHEET,
    CRITERIA,
    SETTINGS,
    SETTINGS_TABLE,
    SHEETS,
    Column,
    SheetSpec,
    sheet_columns,
)

VALIDATED_ROWS = 20000  #: drop-down lists cover the data rows up to this row
OPEN_LISTS = frozenset({"field", "unit_kind", "authority", "document_kind"})  #: a clerk may go beyond (warning)
HEADER_FILL = "DDEBF7"  #: light blue background of header cells
HEADER_BORDER = "8EA9DB"  #: colour of the thin border around header cells
DATE_FORMAT = "dd/mm/yyyy"  #: number format of date cells
_INLINE_LIMIT = 255  # Excel's limit for a list typed into the validation itself


def create_workbook(path: Path, *, force: bool = False) -> Path | None:
    """Write a new empty workbook to ``path`` (.xlsx); returns the backup of the file it replaced.

    With ``force`` an existing file is first copied to ``.dvk-backup/`` beside it (as every write
    does), so a filled book replaced by mistake can be taken back. Raises OutputError when ``path``
    exists and ``force`` is false, is not an .xlsx name, or cannot be backed up;
    WorkbookLockedError when the existing file is open in Excel.
    """
    if path.suffix.lower() != ".xlsx":
        raise OutputError(f"Tên sổ mới phải có đuôi .xlsx (đã cho: “{path.name}”).",
                          hint="Ví dụ: dvk init so-theo-doi-2025.xlsx")
    if path.exists():
        if not force:
            raise OutputError(f"Tệp “{path.name}” đã có, không ghi đè.",
                              hint="Chọn tên khác, hoặc thêm --force để thay bằng sổ trống.")
        check_unlocked(path)
    if not path.exists():
        save_atomically(build_workbook(), path)
        return None
    target = path.resolve()  # a symlink stays a link to the new book
    with book_lock(target):  # no other dvk is writing the book being replaced
        saved = backup(target)
        save_atomically(build_workbook(), target)
    return saved


def build_workbook() -> openpyxl.Workbook:
    """The openpyxl workbook ``dvk init`` saves (not yet written anywhere)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    lists = _ChoiceLists(book)
    for spec in SHEETS:
        sheet = book.create_sheet(spec.name)
        if spec.key == SETTINGS.key:
            _write_settings(sheet, lists)
        else:
            write_table_header(sheet, sheet_columns(spec), lists, spec)
        if spec.key == CRITERIA.key:
            _write_criteria(sheet)
    lists.finish()
    return book


def write_table_header(sheet: Worksheet, columns: tuple[Column, ...],
                       lists: _ChoiceLists | None = None, spec: SheetSpec | None = None) -> None:
    """Row 1 of a data sheet: styled headers, widths, frozen row, drop-downs below coded headers;
    with the sheet's ``spec``, a comment on each header saying what goes below (see reference.py)."""
    for index, column in enumerate(columns, start=1):
        header = sheet.cell(1, index, column.header)
        style_header(header)
        if spec is not None:
            header.comment = _note(header_note(column_reference(spec, column.field)))
        sheet.column_dimensions[column_letter(index)].width = column.width + 2
        if lists is not None and column.choices:
            letter = column_letter(index)
            lists.add(sheet, column.choices, f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.row_dimensions[1].height = 33
    sheet.freeze_panes = "A2"


def style_header(cell: Any) -> None:
    """Give ``cell`` the header look: bold, light blue, centred, wrapped, thin border."""
    thin = Side(style="thin", color=HEADER_BORDER)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def inline_list(items: Sequence[str]) -> str | None:
    """The drop-down formula listing ``items`` in the validation itself (``"a,b,c"``), or None
    when they do not fit Excel's 255 characters or an item holds a comma (then they go to cells)."""
    inline = ",".join(items)
    if len(inline) + 2 <= _INLINE_LIMIT and not any("," in item for item in items):
        return f'"{inline}"'
    return None


def _write_settings(sheet: Worksheet, lists: _ChoiceLists) -> None:
    write_table_header(sheet, SETTINGS_TABLE)
    for row, column in enumerate(SETTINGS.columns, start=2):
        label = sheet.cell(row, 1, column.header)
        label.font = Font(bold=column.required)
        label.comment = _note(header_note(column_reference(SETTINGS, column.field)))
        value = sheet.cell(row, 2, column.default if column.default != "" else None)
        if column.kind == "date":
            value.number_format = DATE_FORMAT
        elif column.kind in ("id", "text", "list"):
            value.number_format = "@"
        sheet.cell(row, 3, column.note).alignment = Alignment(wrap_text=True, vertical="top")
        if column.choices:
            lists.add(sheet, column.choices, f"B{row}")


def _write_criteria(sheet: Worksheet) -> None:
    fields = [c.field for c in sheet_columns(CRITERIA)]
    for row, criterion in enumerate(DEFAULT_CRITERIA, start=2):
        values = {"number": criterion.number, "group": criterion.group, "text": criterion.text,
                  "maximum": int(criterion.maximum),
                  "must_be_max": "Có" if criterion.must_be_max else "Không"}
        for index, name in enumerate(fields, start=1):
            cell = sheet.cell(row, index, values[name])
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _note(text: str) -> Comment:
    """A header comment sized to show its text without resizing."""
    note = Comment(text, "dvk")
    note.width, note.height = 320, 40 + 18 * (len(text) // 45 + text.count("\n"))
    return note


class _ChoiceLists:
    """Adds drop-down validations; long lists are written once to the hidden sheet "Danh mục"."""

    def __init__(self, book: openpyxl.Workbook) -> None:
        self.book = book
        self.sheet: Worksheet | None = None
        self.ranges: dict[str, str] = {}

    def add(self, sheet: Worksheet, choices: str, cells: str) -> None:
        is_open = choices in OPEN_LISTS
        validation = DataValidation(
            type="list", formula1=self._formula(choices), allow_blank=True,
            showErrorMessage=True, errorStyle="warning" if is_open else "stop",
            errorTitle="Giá trị ngoài danh sách",
            error="Hãy chọn một giá trị trong danh sách."
            + (" Bấm Yes để giữ giá trị khác." if is_open else ""),
        )
        validation.add(cells)
        sheet.add_data_validation(validation)

    def finish(self) -> None:
        if self.sheet is not None:
            self.sheet.sheet_state = "hidden"
            position = self.book.sheetnames.index(self.sheet.title)
            self.book.move_sheet(self.sheet, len(self.book.sheetnames) - 1 - position)

    def _formula(self, choices: str) -> str:
        items = CHOICES[choices]
        inline = inline_list(items)
        if inline is not None:
            return inline
        if choices not in self.ranges:
            self.ranges[choices] = self._write_list(items)
        return self.ranges[choices]

    def _write_list(self, items: tuple[str, ...]) -> str:
        if self.sheet is None:
            self.sheet = self.book.create_sheet(CHOICES_SHEET)
        letter = column_letter(len(self.ranges) + 1)
        for row, item in enumerate(items, start=1):
            self.sheet[f"{letter}{row}"] = item
        return f"'{CHOICES_SHEET}'!${letter}$1:${letter}${len(items)}"

