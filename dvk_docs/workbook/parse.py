"""Grids -> data model: find each sheet and its header row by name, convert every cell, collect
the problems.

This module knows the schema but not where the cells came from: :func:`parse_book` takes the
``{sheet name: SheetGrid}`` of :mod:`dvk_docs.workbook.grid` from a file or from Excel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CellRef, CellValueError, Finding, WorkbookReadError
from ..model import (
    BlankField,
    Criterion,
    Model,
    Recipient,
    RegisteredDocument,
    ScoreSheet,
    Settings,
    SheetLayout,
    Signer,
    Unit,
    Vote,
    Workbook,
    file_name_of,
)
from ..safety.cells import CONTROL_CHARACTERS, strip_invisible_characters
from ..safety.pictures import picture_cell_problem
from ..vntext import is_plain_unicode
from .cells import convert, to_text
from .choices import canonical_choices
from .grid import CellValue, SheetGrid, Uncomputed, column_letter, is_blank, top_cells
from .schema import (
    BLANK_LAYOUT,
    CRITERIA,
    DOCUMENTS,
    MODELS,
    RECIPIENTS,
    REQUIRED_SHEETS,
    SCORES,
    SETTINGS,
    SETTINGS_TABLE,
    SHEETS,
    SIGNERS,
    UNITS,
    VOTES,
    Column,
    SheetSpec,
    criterion_number,
    header_key,
    score_field,
    sheet_spec,
)

HEADER_SCAN_ROWS = 10  #: the header row is looked for in this many rows at the top of a sheet
PROBLEM_CODE = "cell-value"  #: Finding code of a cell the reader could not convert
IMAGE_FIELDS = ("signature_image", "seal_image")  #: Người ký columns holding an image path
LOGO_KEY = "logo_image"  #: Cấu hình “Ảnh biểu trưng”, the certificate's logo


def parse_book(grids: Mapping[str, SheetGrid], source: str = "", folder: Path | None = None) -> Workbook:
    """The data model of the workbook whose sheets are ``grids`` (sheet name -> grid).

    Cells that cannot be converted become ``Workbook.problems`` (errors for validation to report);
    their field is left empty. So do the cells validation cannot see in the model: text with
    control characters (removed, a warning), merged cells in data rows (an error), hidden data rows
    (a warning) and, when ``folder`` (the workbook's folder) is given, Người ký images and the Cấu hình
    logo whose file is not there or is no picture (errors). Coded values typed as a code or short label become the entry's value
    (:func:`~.choices.canonical_choices`). Raises WorkbookReadError when a required sheet or a required header is
    missing, and CellValueError for a formula that has no computed value.
    """
    reader = _BookReader(grids, source)
    settings = reader.read_settings()
    units, models = reader.read(UNITS, _unit), reader.read(MODELS, _model)
    criteria, scores = reader.read(CRITERIA, _criterion), reader.read(SCORES, _score)
    signers = reader.read(SIGNERS, _signer)
    if folder is not None:
        reader.check_images(signers, settings, folder)
    return canonical_choices(Workbook(
        settings=settings,
        units=units,
        models=models,
        criteria=criteria,
        scores=scores,
        votes=reader.read(VOTES, _vote),
        signers=signers,
        recipients=reader.read(RECIPIENTS, _recipient),
        documents=reader.read(DOCUMENTS, _document),
        blank_layout=reader.read(BLANK_LAYOUT, _blank_field),
        layouts=reader.layouts,
        source=source,
        folder="" if folder is None else str(folder),
        texts=tuple(reader.texts),
        problems=tuple(reader.problems),
    ))


def find_grid(grids: Mapping[str, SheetGrid], spec: SheetSpec) -> SheetGrid | None:
    """The grid of the sheet ``spec`` (see :func:`find_sheet_name`), or None."""
    name = find_sheet_name(grids, spec)
    return None if name is None else grids[name]


def find_sheet_name(names: Iterable[str], spec: SheetSpec) -> str | None:
    """The sheet ``spec`` among ``names``: the one named exactly ``spec.name`` if there is one,
    else the first that is it by an alias or tolerant of case and accents; None when none is."""
    matches = matching_sheets(names, spec)
    return spec.name if spec.name in matches else next(iter(matches), None)


def matching_sheets(names: Iterable[str], spec: SheetSpec) -> list[str]:
    """Every one of ``names`` that is the sheet ``spec`` (its name or an alias, tolerant of case
    and accents), in workbook order."""
    keys = {header_key(name) for name in (spec.name, *spec.aliases)}
    return [name for name in names if header_key(name) in keys]


def _hidden_sheets_hint(grids: Sequence[SheetGrid]) -> str:
    """The end of a sentence about the sheets ``grids``: "." when none is hidden, else which are
    hidden and how to show them (Bỏ ẩn/Unhide; the VBA editor for a very hidden one); a general
    hint when the provider cannot tell (:attr:`~.grid.SheetGrid.state` None)."""
    if any(grid.state is None for grid in grids):
        return " (sheet thừa có thể đang bị ẩn: chuột phải vào tên một sheet > Bỏ ẩn/Unhide)."
    hidden = ", ".join(f"“{grid.name}”" for grid in grids if grid.state == "hidden")
    very_hidden = [grid.name for grid in grids if grid.state == "veryHidden"]
    hint = "."
    if hidden:
        hint += f" Sheet {hidden} đang bị ẩn: chuột phải vào tên một sheet > Bỏ ẩn/Unhide để hiện lại."
    for name in very_hidden:
        hint += (f" Sheet “{name}” bị ẩn hẳn (very hidden), không có trong Bỏ ẩn/Unhide: bấm Alt+F11 mở "
                 f"trình soạn VBA, chọn “{name}” trong khung Project, bấm F4 rồi đặt Visible là "
                 "“-1 - xlSheetVisible”.")
    return hint


def header_keys(columns: Sequence[Column]) -> dict[str, str]:
    """:func:`~.schema.header_key` of every header and alias of ``columns`` -> the column's field
    (the first column wins a name two of them share)."""
    keys: dict[str, str] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            keys.setdefault(header_key(name), column.field)
    return keys


@dataclass(frozen=True)
class HeaderMatch:
    """Where a sheet's table starts: header row, first data row and the columns found (1-based)."""

    header_row: int
    data_row: int
    fields: Mapping[str, int]  #: field -> column index
    extra: Mapping[str, int]  #: header text of an unknown column -> column index
    criteria: Mapping[int, int] = field(default_factory=dict)  #: criterion number -> column index
    repeated: tuple[tuple[str, int, int], ...] = ()  #: (header, column read, column ignored)

    @cached_property
    def criterion_fields(self) -> tuple[tuple[int, str], ...]:
        """(number, field name) of every criterion column, by number."""
        return tuple((n, score_field(n)) for n in sorted(self.criteria))

    @cached_property
    def criterion_letters(self) -> Mapping[int, str]:
        """Criterion number -> column letter, by number (one mapping, which every row shares)."""
        return {n: column_letter(self.criteria[n]) for n, _ in self.criterion_fields}

    def layout(self, name: str) -> SheetLayout:
        columns = {f: column_letter(c) for f, c in self.fields.items()}
        columns.update({score_field(n): column_letter(c) for n, c in self.criteria.items()})
        extra = {h: column_letter(c) for h, c in self.extra.items()}
        return SheetLayout(name, self.header_row, columns, extra)


def find_header(grid: SheetGrid, columns: Sequence[Column], *, numbered: bool = False) -> HeaderMatch:
    """Locate the header row of ``grid`` among its first rows: the row matching most headers.

    Merged header cells count for every column they cover; a header cell merged down several
    rows moves the first data row below it. ``numbered``: also take "TC1"-style criterion columns.
    Raises WorkbookReadError naming the sheet and the first required header that is missing.
    """
    keys = header_keys(columns)
    top = top_cells(grid, HEADER_SCAN_ROWS)
    row, count = _best_header_row(top, keys, numbered)
    bottom = max([r2 for r1, _, r2, _ in grid.merged if r1 == row] + [row])
    fields, extra, criteria, repeated = _header_columns(_band_texts(top, row, bottom), keys, numbered)
    missing = [c for c in columns if c.required and c.field not in fields]
    if missing or count == 0:
        header = (missing or list(columns))[0].header
        raise WorkbookReadError(
            f"Sheet “{grid.name}” thiếu cột “{header}”.",
            hint=f"Thêm cột có tiêu đề “{header}” vào dòng tiêu đề (trong {HEADER_SCAN_ROWS} dòng "
            "đầu của sheet). Sổ tạo bằng “dvk init” có đủ các cột.",
        )
    return HeaderMatch(row, bottom + 1, fields, extra, criteria, tuple(repeated))


def _best_header_row(top: Mapping[tuple[int, int], CellValue], keys: Mapping[str, str],
                     numbered: bool) -> tuple[int, int]:
    """The row among the first rows that matches most headers, and how many ((0, 0): none)."""
    best_row, best_count = 0, 0
    for row in sorted({r for r, _ in top if r <= HEADER_SCAN_ROWS}):
        count = sum(1 for (r, _), v in top.items() if r == row and _matches(v, keys, numbered))
        if count > best_count:
            best_row, best_count = row, count
    return best_row, best_count


def _band_texts(top: Mapping[tuple[int, int], CellValue], first: int, last: int) -> dict[int, list[str]]:
    """Column -> the texts of its header cells in rows ``first`` to ``last``, top down, blanks left out."""
    return {
        col: [to_text(v) for v in (top.get((r, col)) for r in range(first, last + 1))
              if isinstance(v, str) and v.strip()]
        for col in sorted({c for (r, c) in top if first <= r <= last})
    }


def _header_columns(band: Mapping[int, list[str]], keys: Mapping[str, str], numbered: bool
                    ) -> tuple[dict[str, int], dict[str, int], dict[int, int], list[tuple[str, int, int]]]:
    """The columns of ``band`` sorted out: fields, extra columns (their lowest text), criteria
    (``numbered``) and repeated headers (text, first column, this column)."""
    fields: dict[str, int] = {}
    extra: dict[str, int] = {}
    criteria: dict[int, int] = {}
    repeated: list[tuple[str, int, int]] = []
    for col, texts in band.items():
        field = next((keys[key] for t in texts if (key := header_key(t)) in keys), None)
        number = next((n for t in texts if (n := criterion_number(t))), None) if numbered else None
        if field is not None:
            _claim(fields, field, col, texts[0], repeated)
        elif number is not None:
            _claim(criteria, number, col, texts[0], repeated)
        elif texts:
            extra.setdefault(texts[-1], col)
    return fields, extra, criteria, repeated


_Key = TypeVar("_Key", str, int)


def _claim(found: dict[_Key, int], key: _Key, col: int, text: str, repeated: list[tuple[str, int, int]]) -> None:
    """``found[key] = col``, or ``col`` repeats the header found before: noted in ``repeated``."""
    if key in found:
        repeated.append((text, found[key], col))
    else:
        found[key] = col


@dataclass
class _Row:
    """One data row: its number and the raw value of each field found in the sheet."""

    number: int
    raw: dict[str, CellValue]
    sheet: str
    key: str  #: schema key of the sheet
    layout: HeaderMatch
    reader: _BookReader

    def get(self, spec_column: Column) -> Any:
        return self.reader.convert_cell(self, spec_column.field, spec_column.kind)

    def values(self, columns: Sequence[Column]) -> dict[str, Any]:
        """Field -> converted value, for each of ``columns`` the sheet has."""
        convert_cell = self.reader.convert_cell
        return {c.field: convert_cell(self, c.field, c.kind) for c in columns if c.field in self.raw}


class _BookReader:
    """Reads the sheets of one book, collecting layouts, text cells and problems on the way."""

    def __init__(self, grids: Mapping[str, SheetGrid], source: str) -> None:
        self.grids = grids
        self.source = source
        self.layouts: dict[str, SheetLayout] = {}
        self.texts: list[tuple[CellRef, str]] = []
        self.problems: list[Finding] = []
        # a book repeats its values (subjects, points, dates): each distinct one is worked on once
        self._convert = lru_cache(maxsize=None, typed=True)(convert)
        self._is_plain = lru_cache(maxsize=None)(is_plain_unicode)
        for key in REQUIRED_SHEETS:
            self._grid(sheet_spec(key))
        for spec in SHEETS:
            self._check_sheet_names(spec)

    def read_settings(self) -> Settings:
        values: dict[str, object] = {}
        rows: dict[str, int] = {}
        by_label = header_keys(SETTINGS.columns)
        specs = {c.field: c for c in SETTINGS.columns}
        for row in self._rows(SETTINGS, SETTINGS_TABLE):
            label = to_text(row.raw.get("label"))
            if not label:
                continue
            key = by_label.get(header_key(label), label)
            if key in rows:
                column = self.layouts[SETTINGS.key].columns["label"]
                self.problems.append(Finding(
                    "warning", "duplicate-header",
                    f"Mục “{label}” có hai dòng (dòng {rows[key]} và dòng {row.number}): chương trình dùng "
                    f"dòng {rows[key]}, bỏ qua dòng {row.number}. Xóa dòng thừa.",
                    row.sheet, f"{column}{row.number}",
                ))
                continue
            kind = specs[key].kind if key in specs else "text"
            values[key] = self.convert_cell(row, "value", kind)
            rows[key] = row.number
        return Settings(values, rows)

    def read(self, spec: SheetSpec, build: Callable[[SheetSpec, _Row], Any]) -> tuple[Any, ...]:
        records = (build(spec, row) for row in self._rows(spec, spec.columns))
        return tuple(record for record in records if record is not None)

    def convert_cell(self, row: _Row, field_name: str, kind: str) -> Any:
        raw = row.raw.get(field_name)
        if kind == "id" and isinstance(raw, str):
            raw = self._visible_code(raw, row, field_name)
        try:
            return self._convert(kind, raw)  # type: ignore[arg-type]
        except ValueError as error:
            self.problems.append(Finding("error", PROBLEM_CODE, f"{error}. Sửa lại ô này.", row.sheet,
                                         self._cell(row, field_name)))
            return None if kind not in ("text", "id", "list") else ""

    def _cell(self, row: _Row, field_name: str) -> str:
        """The reference of ``field_name``'s cell in ``row`` (made only for a problem, not per cell)."""
        return f"{self.layouts[row.key].columns.get(field_name, 'A')}{row.number}"  # raw is None without the column

    def _visible_code(self, raw: str, row: _Row, field_name: str) -> str:
        """invisible-characters: a code holding zero-width or text-direction characters is read
        without them (“001\u200b” is 001), with a warning naming them and the cell."""
        code, removed = strip_invisible_characters(raw)
        if removed:
            self.problems.append(Finding(
                "warning", "invisible-characters",
                f"Mã “{to_text(code)}” có ký tự ẩn không nhìn thấy ({removed}, thường do dán từ trang web "
                f"hay tin nhắn) — đã bỏ, chương trình dùng “{to_text(code)}”. Gõ lại ô này cho sạch.",
                row.sheet, self._cell(row, field_name),
            ))
        return code

    def check_images(self, signers: Sequence[Signer], settings: Settings, folder: Path) -> None:
        """missing-image: a picture the book names (Người ký signature or seal, Cấu hình “Ảnh biểu
        trưng”) whose file is not in ``folder``; not-an-image: one whose file is no picture a document
        can hold (a text file, a WEBP…)."""
        layout = self.layouts.get(SIGNERS.key)
        for signer in signers:
            for field_name in IMAGE_FIELDS:
                column = layout.columns.get(field_name, "A") if layout else "A"
                self._check_image(getattr(signer, field_name), folder, layout.name if layout else SIGNERS.name,
                                  f"{column}{signer.row}")
        logo, row = settings.values.get(LOGO_KEY), settings.rows.get(LOGO_KEY)
        if isinstance(logo, str) and row is not None:
            self._check_image(logo, folder, self.layouts[SETTINGS.key].name,
                              f"{self.layouts[SETTINGS.key].columns['value']}{row}")

    def _check_image(self, path: str, folder: Path, sheet: str, cell: str) -> None:
        if path and (problem := picture_cell_problem(path, folder)):
            self.problems.append(Finding("error", problem.code, problem.message, sheet, cell))

    def _grid(self, spec: SheetSpec) -> SheetGrid | None:
        grid = find_grid(self.grids, spec)
        if grid is None and spec.key in REQUIRED_SHEETS:
            found = ", ".join(f"“{name}”" for name in self.grids) or "không có sheet nào"
            book = f"Sổ “{file_name_of(self.source)}”" if self.source else "Sổ"
            raise WorkbookReadError(
                f"{book} không có sheet “{spec.name}” (các sheet có: {found}).",
                hint="Đổi tên sheet cho đúng, hoặc tạo một sổ mới (nút “Tạo sổ mới” hay lệnh “dvk init”) "
                "để xem đủ các sheet.",
            )
        return grid

    def _check_sheet_names(self, spec: SheetSpec) -> None:
        """duplicate-sheet: two sheets are the sheet ``spec`` ("Mô hình" and a hidden "Mô Hình")."""
        names = matching_sheets(self.grids, spec)
        used = find_sheet_name(names, spec)
        if len(names) < 2 or used is None:
            return
        others = ", ".join(f"“{name}”" for name in names if name != used)
        self.problems.append(Finding(
            "warning", "duplicate-sheet",
            f"Sổ có {len(names)} sheet cùng là sheet “{spec.name}”: chương trình đọc sheet “{used}”, bỏ qua "
            f"{others}. Xóa hoặc đổi tên sheet thừa{_hidden_sheets_hint([self.grids[n] for n in names])}", used,
        ))

    def _rows(self, spec: SheetSpec, columns: Sequence[Column]) -> Iterator[_Row]:
        grid = self._grid(spec)
        if grid is None:
            return
        match = find_header(grid, columns, numbered=spec.key == SCORES.key)
        self.layouts[spec.key] = match.layout(grid.name)
        for header, used, ignored in match.repeated:
            read, skipped = column_letter(used), column_letter(ignored)
            self.problems.append(Finding(
                "warning", "duplicate-header",
                f"Cột {skipped} (“{header}”) trùng tiêu đề với cột {read}: chương trình đọc cột {read}, bỏ "
                f"qua cột {skipped}. Xóa cột thừa hoặc đổi tiêu đề của nó.",
                grid.name, f"{skipped}{match.header_row}",
            ))
        wanted = {**match.fields, **{score_field(n): c for n, c in match.criteria.items()}}
        read: list[int] = []
        for number, values in grid.rows:
            if number < match.data_row:
                continue
            raw = {f: values[c - 1] if c <= len(values) else None for f, c in wanted.items()}
            if all(is_blank(v) for v in raw.values()):
                continue
            self._check_row(grid, number, values)
            read.append(number)
            yield _Row(number, raw, grid.name, spec.key, match, self)
        self._check_merged(grid, set(read), set(wanted.values()))

    def _check_row(self, grid: SheetGrid, number: int, values: Sequence[CellValue]) -> None:
        sheet = grid.name
        if number in grid.hidden_rows:
            self.problems.append(Finding(
                "warning", "hidden-row",
                f"Dữ liệu ở dòng {number} đang bị ẩn — vẫn được tính; bỏ ẩn để kiểm tra (chọn các dòng "
                "hai bên, bấm chuột phải > Bỏ ẩn/Unhide).", sheet, f"A{number}",
            ))
        for index, value in enumerate(values, start=1):
            if isinstance(value, str):
                if not self._is_plain(value):  # the cells an encoding check may be about
                    self.texts.append((CellRef(sheet, f"{column_letter(index)}{number}"), value))
                if CONTROL_CHARACTERS.search(value):
                    self.problems.append(Finding(
                        "warning", "control-characters",
                        "Ô có ký tự điều khiển (không in được) — đã bỏ khi lập văn bản. Nếu chữ trong ô "
                        "thiếu hay lạ (thường do dán từ chương trình khác), gõ lại ô này.",
                        sheet, f"{column_letter(index)}{number}",
                    ))
            elif isinstance(value, Uncomputed):
                raise CellValueError(
                    f"ô có công thức “={value.formula}” nhưng chưa có giá trị đã tính.",
                    CellRef(sheet, f"{column_letter(index)}{number}"),
                    hint="Sổ này được ghi bởi một chương trình khác nên Excel chưa tính công thức. "
                    "Hãy mở sổ bằng Excel, bấm Lưu (Ctrl+S) rồi chạy lại.",
                )

    def _check_merged(self, grid: SheetGrid, rows: set[int], columns: set[int]) -> None:
        """merged-cells: a merged range over a data row read and a column the program reads."""
        for r1, c1, r2, c2 in grid.merged:
            if rows.isdisjoint(range(r1, r2 + 1)) or columns.isdisjoint(range(c1, c2 + 1)):
                continue
            first, last = f"{column_letter(c1)}{r1}", f"{column_letter(c2)}{r2}"
            self.problems.append(Finding(
                "error", "merged-cells",
                f"Các ô {first}:{last} đang được gộp nên chỉ ô {first} có giá trị, các ô còn lại bị "
                "coi là trống. Bỏ gộp ô (Merge & Center) và ghi giá trị vào từng ô.",
                grid.name, first,
            ))


def _unit(spec: SheetSpec, row: _Row) -> Unit:
    c = spec.column
    return Unit(row.get(c("code")), row.get(c("name")), row.get(c("kind")), row.get(c("target")),
                row.number)


def _model(spec: SheetSpec, row: _Row) -> Model:
    values = row.values(spec.columns)
    return Model(**values, row=row.number)


def _criterion(spec: SheetSpec, row: _Row) -> Criterion | None:
    values = row.values(spec.columns)
    if values.get("number") is None or values.get("maximum") is None:
        return None  # the problem was recorded, or validation reports the empty required cell
    return Criterion(values["number"], values["group"], values["text"], values["maximum"],
                     bool(values.get("must_be_max")), row.number)


def _score(spec: SheetSpec, row: _Row) -> ScoreSheet:
    points: dict[int, Decimal | None] = {
        n: row.reader.convert_cell(row, field_name, "decimal") for n, field_name in row.layout.criterion_fields
    }
    return ScoreSheet(row.get(spec.column("model_code")), points,
                      row.get(spec.column("scorer")) if "scorer" in row.raw else "", row.number,
                      row.layout.criterion_letters)


def _vote(spec: SheetSpec, row: _Row) -> Vote:
    values = row.values(spec.columns)
    values.pop("share", None)  # written by ``dvk score``, never read back
    values.pop("result", None)
    return Vote(**values, row=row.number)


def _blank_field(spec: SheetSpec, row: _Row) -> BlankField:
    values = row.values(spec.columns)
    return BlankField(**values, row=row.number)


def _signer(spec: SheetSpec, row: _Row) -> Signer:
    values = row.values(spec.columns)
    return Signer(**values, row=row.number)


def _recipient(spec: SheetSpec, row: _Row) -> Recipient:
    values = row.values(spec.columns)
    order = values.pop("order", None)
    return Recipient(**values, order=order if order is not None else row.number, row=row.number)


def _document(spec: SheetSpec, row: _Row) -> RegisteredDocument:
    values = {c.field: row.get(c) for c in spec.columns}
    return RegisteredDocument(**values, row=row.number)


def _matches(value: CellValue, keys: Mapping[str, str], numbered: bool) -> bool:
    if not isinstance(value, str):
        return False
    return header_key(value) in keys or (numbered and criterion_number(value) is not None)
