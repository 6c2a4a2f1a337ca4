"""Registration lists sent back by units, read from any sheet of a workbook by their headers.

Two shapes are recognised, both by the column headers of :data:`~dvk_docs.workbook.schema.MODELS`
(names and aliases) found in the first :data:`LIST_SCAN_ROWS` rows of a sheet:

* the forms written by ``dvk init-forms`` (one column per field, unit code in the top rows);
* hand-made lists shaped like seed 000's "Danh sách đăng ký": headers on one or two rows (merged
  cells allowed), a row of column numbers "(1) (2) …" under them allowed, and *mark columns* where
  an "X" means a value: "Tập thể"/"Cá nhân" (subject), "Tiếp tục đăng ký"/"Đăng ký xây dựng mới"
  (status), "VH-XH"/"ANQP"/"Xây dựng HTCT" (field), see :data:`MARKS`. Section rows such as
  "II | Mô hình đăng ký mới" give the status of the rows below them.

Text typed in TCVN3 (ABC) or VNI is converted to Unicode on the way in, each column judged as a
whole (:func:`~dvk_docs.vntext.repair_column`); ``repairs`` keeps every original. Total rows
("Tổng", "Tổng cộng", "Cộng", "Tổng số" in the STT, performer or name cell) and blank rows are skipped.

The unit a list belongs to is not decided here (that needs the Đơn vị sheet): the reader returns
what the sheet says about it (a "Mã đơn vị" column, "Mã đơn vị: …"/"Đơn vị: …" labels, title lines).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CellRef, Finding
from ..model import SheetLayout
from ..vntext import from_roman, repair_column
from .cells import FALSE_WORDS, convert, to_text
from .choices import ALIASES
from .file_grid import read_grids
from .grid import CellValue, SheetGrid, Uncomputed, column_letter, is_blank, top_cells
from .parse import PROBLEM_CODE, header_keys
from .schema import CHOICES, MODELS, header_key

LIST_SCAN_ROWS = 20  #: the header row of a list is looked for in this many rows at the top
UNIT_CODE_LABEL = MODELS.column("unit_code").header  #: label of the unit-code cell above a list
UNIT_NAME_LABELS = ("Đơn vị", "Tên đơn vị", "Đơn vị đăng ký")  #: labels of the unit-name cell
ORDER_HEADERS = ("STT", "TT", "Số TT", "Số thứ tự")  #: the row-number column (section rows: I, II)
MARK_CODE = "double-mark"  #: Finding code of a row with two marks for one field


@dataclass(frozen=True)
class MarkColumn:
    """A column whose mark ("X", "x", "✓", 1) gives ``field`` the value ``value``."""

    header: str
    field: str
    value: str


MARKS: tuple[MarkColumn, ...] = (  #: mark columns of hand-made lists (seeds 000 and 003)
    *(MarkColumn(name, "subject", name) for name in CHOICES["subject"]),
    *(MarkColumn(label, "status", status) for status, labels in ALIASES["status"].items()
      for label in (status, *labels)),
    *(MarkColumn(label, "field", field) for field in CHOICES["field"]
      for label in (*ALIASES["field"].get(field, ()), field)),
)


@dataclass(frozen=True)
class ListRow:
    """One data row of a list: its sheet row and the typed value of each field found."""

    number: int
    values: Mapping[str, object]  #: MODELS field -> typed value ("" / None when empty)


@dataclass(frozen=True)
class RegistrationList:
    """One registration list found in one sheet of a workbook.

    ``layout.columns`` maps each field to the column it was read from (for a field given by mark
    columns, the first of them). ``unit_code``/``unit_name`` are what the top rows say ("" when
    absent); ``titles`` are every text above the header row.
    """

    sheet: str
    layout: SheetLayout
    rows: tuple[ListRow, ...]
    unit_code: str = ""
    unit_name: str = ""
    titles: tuple[str, ...] = ()
    texts: tuple[tuple[CellRef, str], ...] = ()  #: every text cell read, for encoding checks
    problems: tuple[Finding, ...] = ()  #: cells that could not be converted, double marks
    repairs: tuple[TextRepair, ...] = ()  #: cells typed in TCVN3/VNI, converted on the way in


@dataclass(frozen=True)
class TextRepair:
    """A cell whose legacy-encoded text was converted: where, as typed, as read."""

    where: CellRef
    before: str
    after: str


def read_lists(path: Path) -> list[RegistrationList]:
    """Every registration list in the workbook file ``path``, in sheet order (maybe none).

    Raises WorkbookReadError when the file cannot be read as a workbook.
    """
    return find_lists(read_grids(path).values())


def find_lists(grids: Iterable[SheetGrid]) -> list[RegistrationList]:
    """Every registration list among the sheets ``grids`` (see :mod:`dvk_docs.workbook.grid`)."""
    found = []
    for grid in grids:
        header = _find_header(grid)
        if header is not None:
            found.append(_ListReader(grid, header).read())
    return found


def is_marked(value: CellValue) -> bool:
    """True when a mark cell holds a mark ("X", "x", "✓", 1, "Có"), not blank, "0" or "Không"."""
    text = to_text(value).casefold()
    return bool(text) and text not in FALSE_WORDS


@dataclass(frozen=True)
class _Header:
    row: int  #: first header row
    data_row: int  #: first row below the header band
    fields: Mapping[str, int]  #: field -> column
    marks: Mapping[int, MarkColumn]  #: column -> mark
    order: int | None  #: the STT column
    extra: Mapping[str, int]


class _ListReader:
    """Reads the data rows under one header: typed values, marks, sections, problems."""

    def __init__(self, grid: SheetGrid, header: _Header) -> None:
        self.grid = grid
        self.header = header
        self.texts: list[tuple[CellRef, str]] = []
        self.problems: list[Finding] = []
        self.kinds = {c.field: c.kind for c in MODELS.columns}
        self.repaired = self._repair_texts()

    def read(self) -> RegistrationList:
        header = self.header
        columns = {f: column_letter(c) for f, c in header.fields.items()}
        for column, mark in sorted(header.marks.items()):
            columns.setdefault(mark.field, column_letter(column))
        layout = SheetLayout(self.grid.name, header.row, columns,
                             {h: column_letter(c) for h, c in header.extra.items()})
        rows = []
        section_status = ""
        for number, values in self.grid.rows:
            if number < header.data_row:
                continue
            values = self._repaired(number, values)
            status = self._section_status(values)
            if status is not None:
                section_status = status
                continue
            row = self._row(number, values, section_status)
            if row is not None:
                rows.append(row)
        code, name, titles = self._labels()
        repairs = tuple(
            TextRepair(CellRef(self.grid.name, f"{column_letter(column)}{number}"), before, after)
            for number, cells in sorted(self.repaired.items())
            for column, (before, after) in sorted(cells.items())
            if after != unicodedata.normalize("NFC", before)
        )
        return RegistrationList(self.grid.name, layout, tuple(rows), code, name, titles,
                                tuple(self.texts), tuple(self.problems), repairs)

    def _repair_texts(self) -> dict[int, dict[int, tuple[str, str]]]:
        """row -> column -> (text as typed, Unicode text), for the field cells that change."""
        cells: dict[int, list[tuple[int, str]]] = {}
        for number, values in self.grid.rows:
            if number >= self.header.data_row:
                for column in self.header.fields.values():
                    value = _at(values, column)
                    if isinstance(value, str) and not value.isascii():
                        cells.setdefault(column, []).append((number, value))
        repaired: dict[int, dict[int, tuple[str, str]]] = {}
        for column, texts in cells.items():
            after = repair_column([text for _, text in texts])
            for (number, text), new in zip(texts, after, strict=True):
                if new != text:
                    repaired.setdefault(number, {})[column] = (text, new)
        return repaired

    def _repaired(self, number: int, values: Sequence[CellValue]) -> Sequence[CellValue]:
        if number not in self.repaired:
            return values
        patched = list(values)
        for column, (_, after) in self.repaired[number].items():
            patched[column - 1] = after
        return patched

    def _row(self, number: int, values: Sequence[CellValue], section_status: str) -> ListRow | None:
        raw = {f: _at(values, c) for f, c in self.header.fields.items()}
        marked = {c: m for c, m in self.header.marks.items() if is_marked(_at(values, c))}
        if all(is_blank(v) for v in raw.values()) and not marked:
            return None
        if _is_footer(raw, marked) or _is_total(values, self.header):
            return None
        typed: dict[str, object] = {}
        for field_name, value in raw.items():
            if isinstance(value, str) and value.strip():
                self.texts.append((self._ref(field_name, number), value))
            if isinstance(value, Uncomputed):
                self._problem(field_name, number, f"ô có công thức “={value.formula}” nhưng chưa có "
                              "giá trị đã tính: mở tệp bằng Excel, bấm Lưu rồi gửi lại")
                value = None
            typed[field_name] = self._convert(field_name, value, number)
        for field_name, column_marks in _by_field(marked).items():
            if not is_blank(raw.get(field_name)):
                continue
            if len(column_marks) > 1:
                self.problems.append(self._double_mark(number, field_name, column_marks))
            typed[field_name] = column_marks[0][1].value
        if section_status and is_blank(typed.get("status")):
            typed["status"] = section_status
        return ListRow(number, typed)

    def _convert(self, field_name: str, value: CellValue, number: int) -> object:
        kind = self.kinds[field_name]
        try:
            return convert(kind, value)  # type: ignore[arg-type]
        except ValueError as error:
            self._problem(field_name, number, str(error))
            return None if kind not in ("text", "id", "list") else ""

    def _problem(self, field_name: str, number: int, message: str) -> None:
        ref = self._ref(field_name, number)
        self.problems.append(Finding("error", PROBLEM_CODE, f"{message}. Sửa lại ô này.",
                                     ref.sheet, ref.cell))

    def _double_mark(self, number: int, field_name: str,
                     column_marks: list[tuple[int, MarkColumn]]) -> Finding:
        names = " và ".join(f"“{m.header}”" for _, m in column_marks)
        header = MODELS.column(field_name).header
        return Finding(
            "error", MARK_CODE,
            f"Dòng {number} đánh dấu cả {names}; cột “{header}” chỉ được chọn một. "
            "Xóa dấu thừa.",
            self.grid.name, f"{column_letter(column_marks[1][0])}{number}",
        )

    def _section_status(self, values: Sequence[CellValue]) -> str | None:
        """The status a section row ("I | Mô hình tiếp tục duy trì") sets; None for other rows."""
        order = self.header.order
        if order is None:
            return None
        mark = to_text(_at(values, order)).rstrip(".")
        if not mark or mark.isdigit():
            return None
        try:
            from_roman(mark)
        except ValueError:
            return None
        text = _key(" ".join(to_text(v) for v in values if isinstance(v, str)))
        if _key("duy trì") in text or _key("tiếp tục") in text:
            return "Duy trì"
        return "Mới" if _key("mới") in text else ""

    def _labels(self) -> tuple[str, str, tuple[str, ...]]:
        code = name = ""
        titles = []
        code_key = _key(UNIT_CODE_LABEL)
        name_keys = {_key(label) for label in UNIT_NAME_LABELS}
        for number, values in self.grid.rows:
            if number >= self.header.row:
                break
            cells = [to_text(v) for v in values]
            for index, text in enumerate(cells):
                if not text:
                    continue
                titles.append(text)
                label, _, after = text.partition(":")
                value = after.strip(" .…") or next((t for t in cells[index + 1:] if t), "")
                if _key(label) == code_key and not code:
                    code = value
                elif _key(label) in name_keys and not name:
                    name = value.strip(" .…")
        return code, name, tuple(titles)

    def _ref(self, field_name: str, number: int) -> CellRef:
        return CellRef(self.grid.name, f"{column_letter(self.header.fields[field_name])}{number}")


def _find_header(grid: SheetGrid) -> _Header | None:
    """The header band of a registration list in ``grid``, or None when the sheet has none."""
    cells = top_cells(grid, LIST_SCAN_ROWS)
    best_row, best_count = 0, 1
    for row in sorted({r for r, _ in cells if r <= LIST_SCAN_ROWS}):
        count = sum(1 for (r, _), v in cells.items() if r == row and _known(v))
        if count > best_count:
            best_row, best_count = row, count
    if not best_row:
        return None
    bottom = max([r2 for r1, _, r2, _ in grid.merged if r1 == best_row] + [best_row])
    while _is_header_like([v for (r, _), v in cells.items() if r == bottom + 1]):
        bottom += 1
    fields: dict[str, int] = {}
    marks: dict[int, MarkColumn] = {}
    extra: dict[str, int] = {}
    order = None
    for col in sorted({c for (r, c) in cells if best_row <= r <= bottom}):
        texts = list(dict.fromkeys(
            to_text(cells[(r, col)]) for r in range(best_row, bottom + 1)
            if isinstance(cells.get((r, col)), str) and str(cells[(r, col)]).strip()
            and not _COLUMN_NUMBER.fullmatch(str(cells[(r, col)]).strip())
        ))
        if not texts:
            continue
        known = [_FIELD_KEYS[_key(t)] for t in texts if _key(t) in _FIELD_KEYS]
        if _key(texts[-1]) in _MARK_KEYS:
            marks[col] = _MARK_KEYS[_key(texts[-1])]
        elif known and known[0] not in fields:
            fields[known[0]] = col
        elif order is None and any(_key(t) in _ORDER_KEYS for t in texts):
            order = col
        elif not known:
            extra.setdefault(texts[-1], col)
    if "name" not in fields:
        return None
    return _Header(best_row, bottom + 1, fields, marks, order, extra)


def _known(value: CellValue) -> bool:
    if not isinstance(value, str):
        return False
    key = _key(value)
    return key in _FIELD_KEYS or key in _MARK_KEYS


def _is_header_like(values: list[CellValue]) -> bool:
    """A row under the header that still belongs to it: sub-headers or column numbers "(1) (2)"."""
    if not values:
        return False
    numbers = sum(bool(_COLUMN_NUMBER.fullmatch(to_text(v))) for v in values)
    if numbers == len(values) and numbers >= 3:
        return True
    return all(_known(v) for v in values)


def _by_field(marked: Mapping[int, MarkColumn]) -> dict[str, list[tuple[int, MarkColumn]]]:
    result: dict[str, list[tuple[int, MarkColumn]]] = {}
    for column, mark in sorted(marked.items()):
        result.setdefault(mark.field, []).append((column, mark))
    return result


def _is_footer(raw: Mapping[str, CellValue], marked: Mapping[int, MarkColumn]) -> bool:
    """A row holding only a signature line, total or template filler, not a model."""
    filled = [v for v in raw.values() if not is_blank(v)]
    if marked or len(filled) != 1 or is_blank(raw.get("name")):
        return False
    text = to_text(raw["name"]).strip(" .…")
    return (not text or text.isupper() or text.startswith("(")
            or _key(text) in _FILLER_KEYS or _key(text).startswith(_TOTAL_KEYS))


def _is_total(values: Sequence[CellValue], header: _Header) -> bool:
    """A total row: "Tổng cộng", "Cộng: 4", "Tổng số 4 mô hình" … as the first text of the row, or
    any text starting with "Tổng"/"Cộng" in the STT column."""
    if header.order and _key(to_text(_at(values, header.order))).startswith(_TOTAL_KEYS):
        return True
    first = next((to_text(v) for v in values if isinstance(v, str) and v.strip()), "")
    return _TOTAL_LINE.fullmatch(first.strip()) is not None


def _at(values: Sequence[CellValue], column: int) -> CellValue:
    return values[column - 1] if column <= len(values) else None


_key = functools.lru_cache(maxsize=8192)(header_key)  # headers repeat in every file
_FIELD_KEYS = header_keys(MODELS.columns)
_MARK_KEYS = {_key(m.header): m for m in reversed(MARKS)}
_ORDER_KEYS = frozenset(_key(h) for h in ORDER_HEADERS)
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
_FILLER_KEYS = frozenset(_key(t) for t in ("Mô hình", "Tên mô hình"))
_TOTAL_KEYS = (_key("Tổng"), _key("Cộng"))
_TOTAL_LINE = re.compile(r"(tổng cộng|tổng số|tổng|cộng)\b[\s:.\-–]*(\d.*)?", re.IGNORECASE)
