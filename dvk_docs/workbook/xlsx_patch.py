"""Surgical changes to an .xlsx/.xlsm package: only the cells written and the sheets the program owns.

A :class:`BookPatch` opens the zip of a workbook, collects cell writes per sheet and new or
replaced program-owned sheets, and writes a new zip in which every other member is copied
unchanged (same content, same order, same compression method). A changed sheet is streamed row by
row: rows that are not written keep their exact bytes; a written row keeps every other cell's bytes
and gets only the written cells regenerated. Memory follows the data, not the used range (a sheet
of a million empty formatted rows streams through a few megabytes).

What changes besides the written cells, and why:

- text is written as inline strings (``t="inlineStr"``), so ``sharedStrings.xml`` is untouched;
- ``styles.xml`` gains cell formats only when needed: a date in a "General" cell (dd/mm/yyyy),
  formula-like text (Excel's quote prefix), the header look of a new column or sheet;
- a written row's ``spans`` hint and the sheet's ``<dimension>`` grow to cover new cells; a new
  column gets its width in ``<cols>`` (unless a range there already covers it);
- a formula cell that is overwritten loses its formula (that cell was written); other cells that
  shared its formula get their own copy of it, and ``calcChain.xml`` is dropped (Excel rebuilds it);
- an Excel Table that ends just above appended rows grows over them (``ref`` and its filter);
- ``workbook.xml`` asks for a full recalculation on load (``fullCalcOnLoad``): a formula reading a
  written cell shows its new result in Excel;
- a new sheet adds its part, its relationship, its content type and its ``<sheet>`` entry at the end
  of ``workbook.xml``; a replaced program-owned sheet keeps its part name and loses its own
  relationships (the old sheet's comments or drawing, if any).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from lxml import etree
from openpyxl.formula.translate import Translator
from openpyxl.utils.datetime import to_excel

from ..safety import Formula, is_formula_like
from .grid import column_index, column_letter, is_blank
from .sheet_xml import WORKBOOK_PART, read_book, read_sheet, resolve_target

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
WORKSHEET_REL = REL_NS + "/worksheet"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CHUNK = 1 << 20  #: bytes read from a sheet part at a time
SPOOL = 16 << 20  #: a rewritten sheet stays in memory up to this size, then goes to a temporary file

_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b[^>]*?(/?)>")
_ROW_NUMBER = re.compile(rb'\sr\s*=\s*["\'](\d+)["\']')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_DIMENSION = re.compile(rb'(<(?:\w+:)?dimension\s+ref=")([^"]*)(")')
_COLS_START = re.compile(rb"<(?:\w+:)?cols\b[^>]*>")
_COLS_END = re.compile(rb"</(?:\w+:)?cols>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*?)/?>")
_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BEFORE_CALC_PR = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                   "functionGroups", "externalReferences", "definedNames")
_XML = etree.XMLParser(resolve_entities=False, remove_blank_text=False, huge_tree=False)


class PackageError(Exception):
    """A part of the workbook package is missing or is not the XML it should be."""


class StrictPackageError(PackageError):
    """The workbook is saved as Strict Open XML: read, but not written into."""


@dataclass
class SheetScan:
    """The non-empty cell values of a sheet (``rows[r][c]``, 1-based), its merged ranges and width."""

    rows: dict[int, dict[int, object]] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def width(self) -> int:
        """The last column holding a value (0 for an empty sheet)."""
        return max((max(cells) for cells in self.rows.values()), default=0)


@dataclass(frozen=True)
class Written:
    """One value to write, with the look it asks for (``header``: bold header cell)."""

    value: object
    header: bool = False


class BookPatch:
    """The changes to one workbook package, applied by :meth:`write`."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.members = set(archive.namelist())
        if not {WORKBOOK_PART, "xl/_rels/workbook.xml.rels", "[Content_Types].xml"} <= self.members:
            raise PackageError("not a workbook package")
        self.workbook = _parse(archive.read(WORKBOOK_PART))
        self.rels = _parse(archive.read("xl/_rels/workbook.xml.rels"))
        self.styles = Styles(self._read_optional("xl/styles.xml"))
        self.sheets: dict[str, SheetPatch] = {}  #: part -> patch of sheets being changed
        self.removed: set[str] = set()
        self._content_types: etree._Element | None = None
        try:
            self.reader = read_book(archive)
        except (KeyError, ValueError, etree.XMLSyntaxError) as error:
            raise PackageError(str(error)) from error
        if self.reader.strict:
            raise StrictPackageError("Strict Open XML")
        self._workbook_changed = False
        self._rels_changed = False

    # -- sheets --------------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        """The names of the worksheets, in workbook order."""
        return [sheet.get("name", "") for sheet in self._sheet_elements()]

    def sheet(self, name: str) -> SheetPatch:
        """The patch of the existing worksheet ``name``."""
        part = self._part_of(name)
        if part not in self.sheets:
            self.sheets[part] = SheetPatch(self, part, lambda: self.archive.open(part))
        return self.sheets[part]

    def new_sheet(self, name: str, *, freeze_header: bool) -> SheetPatch:
        """A blank program-owned sheet ``name``: replaces the sheet of that name, or is added last."""
        blank = _blank_sheet(freeze_header)
        if name in self.sheet_names():
            part = self._part_of(name)
            self.removed.add(_rels_of(part))
        else:
            part = self._add_sheet_entry(name)
        self.sheets[part] = SheetPatch(self, part, lambda: io.BytesIO(blank))
        return self.sheets[part]

    # -- writing ---------------------------------------------------------------------------------
    def write(self, target: Path) -> None:
        """Write the changed package to ``target`` (a new file)."""
        with tempfile.TemporaryDirectory() as spool_dir:
            rendered = {part: patch.render(Path(spool_dir)) for part, patch in self.sheets.items()}
            if any(patch.dropped_formula for patch in self.sheets.values()):
                self._drop_calc_chain()
            changed = self._changed_parts()
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
                for info in self.archive.infolist():
                    name = info.filename
                    if name in self.removed:
                        continue
                    copy = _copy_info(info)
                    if name in rendered:
                        with rendered[name] as source, out.open(copy, "w") as sink:
                            source.seek(0)
                            shutil.copyfileobj(source, sink, CHUNK)
                    elif name in changed:
                        out.writestr(copy, changed[name])
                    else:
                        with self.archive.open(info) as source, \
                                out.open(copy, "w", force_zip64=info.file_size > 1 << 31) as sink:
                            shutil.copyfileobj(source, sink, CHUNK)
                for name in sorted(set(rendered) - self.members):
                    with rendered[name] as source:
                        source.seek(0)
                        out.writestr(_new_info(name), source.read())

    def _changed_parts(self) -> dict[str, bytes]:
        changed: dict[str, bytes] = {}
        for patch in self.sheets.values():
            changed.update(patch.changed_tables)
        if self.styles.changed:
            changed["xl/styles.xml"] = _serialize(self.styles.root)
        if any(patch.writes for patch in self.sheets.values()):
            self._recalculate_on_load()
        if self._workbook_changed:
            changed[WORKBOOK_PART] = _serialize(self.workbook)
        if self._rels_changed:
            changed["xl/_rels/workbook.xml.rels"] = _serialize(self.rels)
        if self._content_types is not None:
            changed["[Content_Types].xml"] = _serialize(self._content_types)
        return changed

    # -- package bookkeeping ---------------------------------------------------------------------
    def read(self, part: str) -> bytes:
        """The bytes of the member ``part`` as the package holds them."""
        return self.archive.read(part)

    def part_rels(self, part: str) -> etree._Element | None:
        """The parsed relationships of ``part`` (None when it has none)."""
        data = self._read_optional(_rels_of(part))
        return _parse(data) if data else None

    def _read_optional(self, part: str) -> bytes | None:
        return self.archive.read(part) if part in self.members else None

    def _sheet_elements(self) -> list[etree._Element]:
        return list(self.workbook.iter(f"{{{MAIN_NS}}}sheet"))

    def _part_of(self, name: str) -> str:
        sheet = next(s for s in self._sheet_elements() if s.get("name") == name)
        rel_id = sheet.get(f"{{{REL_NS}}}id")
        rel = next((r for r in self.rels if r.get("Id") == rel_id), None)
        part = resolve_target(WORKBOOK_PART, rel.get("Target", "")) if rel is not None else ""
        if part not in self.members:
            raise PackageError(f"sheet {name!r} has no part")
        return part

    def _target_of(self, rel_type: str) -> str | None:
        rel = next((r for r in self.rels if r.get("Type") == rel_type), None)
        return resolve_target(WORKBOOK_PART, rel.get("Target", "")) if rel is not None else None

    def _add_sheet_entry(self, name: str) -> str:
        taken = self.members | set(self.sheets)
        number = 1
        while f"xl/worksheets/sheet{number}.xml" in taken:
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        ids = {r.get("Id") for r in self.rels}
        rel_number = len(ids) + 1
        while f"rId{rel_number}" in ids:
            rel_number += 1
        rel_id = f"rId{rel_number}"
        etree.SubElement(self.rels, f"{{{PKG_REL_NS}}}Relationship",
                         {"Id": rel_id, "Type": WORKSHEET_REL, "Target": f"worksheets/sheet{number}.xml"})
        sheets = self.workbook.find(f"{{{MAIN_NS}}}sheets")
        sheet_id = max((int(s.get("sheetId", "0")) for s in self._sheet_elements()), default=0) + 1
        etree.SubElement(sheets, f"{{{MAIN_NS}}}sheet",
                         {"name": name, "sheetId": str(sheet_id), f"{{{REL_NS}}}id": rel_id})
        self._workbook_changed = self._rels_changed = True
        etree.SubElement(self.content_types(), f"{{{CT_NS}}}Override",
                         {"PartName": "/" + part, "ContentType": WORKSHEET_TYPE})
        return part

    def content_types(self) -> etree._Element:
        """``[Content_Types].xml``, parsed once when first needed; written back when parsed."""
        if self._content_types is None:
            self._content_types = _parse(self.archive.read("[Content_Types].xml"))
        return self._content_types

    def _recalculate_on_load(self) -> None:
        """Ask Excel to recompute formulas when it opens the book: cells they read may have changed."""
        calc = self.workbook.find(f"{{{MAIN_NS}}}calcPr")
        if calc is None:
            before = [c for c in self.workbook if etree.QName(c).localname in _BEFORE_CALC_PR]
            calc = etree.Element(f"{{{MAIN_NS}}}calcPr")
            self.workbook.insert(self.workbook.index(before[-1]) + 1 if before else 0, calc)
        if calc.get("fullCalcOnLoad") not in ("1", "true"):
            calc.set("fullCalcOnLoad", "1")
            self._workbook_changed = True

    def _drop_calc_chain(self) -> None:
        part = self._target_of(REL_NS + "/calcChain")
        if part is None or part not in self.members:
            return
        self.removed.add(part)
        for rel in [r for r in self.rels if r.get("Type") == REL_NS + "/calcChain"]:
            self.rels.remove(rel)
        self._rels_changed = True
        types = self.content_types()
        for override in [o for o in types if o.get("PartName") == "/" + part]:
            types.remove(override)


class SheetPatch:
    """The cell writes into one worksheet part, and the sheet's values as read before writing."""

    def __init__(self, book: BookPatch, part: str, open_part: Callable[[], IO[bytes]]) -> None:
        self.book = book
        self.part = part
        self.open_part = open_part
        self.writes: dict[int, dict[int, Written]] = {}
        self.widths: dict[int, float] = {}
        self.dropped_formula = False
        self.changed_tables: dict[str, bytes] = {}

    def set(self, row: int, column: int, value: object, *, header: bool = False) -> None:
        """Write ``value`` into the cell (``row``, ``column``); None empties it (its look is kept)."""
        self.writes.setdefault(row, {})[column] = Written(value, header)

    def set_width(self, column: int, width: float) -> None:
        """Give a new column its width (kept when a ``<col>`` range already covers it)."""
        self.widths[column] = width

    def scan(self) -> SheetScan:
        """Read the sheet's non-empty values and merged ranges (streamed by the workbook reader)."""
        name = next(n for n, part in self.book.reader.sheets if part == self.part)
        with self.open_part() as stream:
            grid = read_sheet(stream, name, self.book.reader)
        rows = {number: {c: v for c, v in enumerate(values, start=1) if not is_blank(v)}
                for number, values in grid.rows}
        return SheetScan({n: cells for n, cells in rows.items() if cells}, list(grid.merged))

    def render(self, spool_dir: Path) -> IO[bytes]:
        """The rewritten sheet XML, in a spooled temporary file."""
        sink = tempfile.SpooledTemporaryFile(max_size=SPOOL, dir=spool_dir)  # noqa: SIM115 (returned)
        writer = _RowWriter(self)
        with self.open_part() as stream:
            for kind, number, data in _pieces(stream):
                sink.write(writer.piece(kind, number, data))
        self._grow_tables(set(self.writes))
        return sink

    def _grow_tables(self, rows: set[int]) -> None:
        """Grow each Excel Table of the sheet that ends just above written ``rows``."""
        rels = self.book.part_rels(self.part)
        if rels is None or not rows:
            return
        for rel in rels:
            if not rel.get("Type", "").endswith("/table"):
                continue
            part = resolve_target(self.part, rel.get("Target", ""))
            table = _parse(self.book.read(part))
            grown = _grown_ref(table.get("ref", ""), rows, table.get("totalsRowCount", "0"))
            if grown:
                table.set("ref", grown)
                auto_filter = table.find(f"{{{MAIN_NS}}}autoFilter")
                if auto_filter is not None:
                    auto_filter.set("ref", grown)
                self.changed_tables[part] = _serialize(table)


class _RowWriter:
    """Streams one sheet's pieces, regenerating only the written cells."""

    def __init__(self, patch: SheetPatch) -> None:
        self.patch = patch
        self.pending = dict(sorted(patch.writes.items()))  #: rows still to write
        self.prefix = b""
        self.col_styles: list[tuple[int, int, int]] = []
        self.orphans: dict[str, tuple[str, str]] = {}  #: shared formula id -> (formula, origin cell)

    def piece(self, kind: str, number: int, data: bytes) -> bytes:
        if kind == "head":
            return self._head(data)
        if kind == "open":
            self.prefix = _SHEET_DATA.match(data).group(1) or b""  # type: ignore[union-attr]
            if data.endswith(b"/>"):
                rows = self._rows_before(None)
                return data if not rows else data[:-2].rstrip() + b">" + rows + b"</" + self.prefix + b"sheetData>"
            return data
        if kind == "row":
            before = self._rows_before(number)
            writes = self.pending.pop(number, None)
            if writes:
                data = self._edit_row(data, number, writes)
            if self.orphans and b"shared" in data:
                data = self._own_formulas(data)
            return before + data
        rows = self._rows_before(None)
        return rows + data if rows else data

    def _head(self, data: bytes) -> bytes:
        for attrs in _COL.findall(data):
            values = _attributes(attrs)
            if "min" in values and "max" in values:
                self.col_styles.append((int(values["min"]), int(values["max"]), int(values.get("style", 0))))
        writes = self.patch.writes
        if writes:
            max_row = max(writes)
            max_col = max(max(cells) for cells in writes.values())
            data = _DIMENSION.sub(lambda m: m.group(1) + _grown_dimension(m.group(2), max_row, max_col)
                                  + m.group(3), data, count=1)
        widths = {c: w for c, w in self.patch.widths.items() if not self._covered(c)}
        prefix = _prefix_of(data)
        for column, width in sorted(widths.items()):
            col = b'<%scol min="%d" max="%d" width="%s" customWidth="1"/>' % (prefix, column, column,
                                                                            _number(width).encode())
            data = _insert_col(data, column, col, prefix)
        return data

    def _covered(self, column: int) -> bool:
        return any(low <= column <= high for low, high, _ in self.col_styles)

    def _column_style(self, column: int) -> int:
        return next((style for low, high, style in self.col_styles if low <= column <= high), 0)

    def _rows_before(self, number: int | None) -> bytes:
        out = []
        while self.pending:
            row = next(iter(self.pending))
            if number is not None and row >= number:
                break
            writes = self.pending.pop(row)
            cells = b"".join(self._cell(row, col, w, None, 0) for col, w in sorted(writes.items()))
            out.append(b'<%srow r="%d">%s</%srow>' % (self.prefix, row, cells, self.prefix))
        return b"".join(out)

    def _edit_row(self, data: bytes, number: int, writes: dict[int, Written]) -> bytes:
        start = data.index(b"<")
        tag_end = data.index(b">", start) + 1
        tag = data[start:tag_end]
        if tag.endswith(b"/>"):
            tag, body, close = tag[:-2].rstrip() + b">", b"", b"</" + self.prefix + b"row>"
        else:
            close_at = data.rindex(b"</")
            body, close = data[tag_end:close_at], data[close_at:]
        row_attrs = _attributes(tag)
        row_style = int(row_attrs.get("s", 0)) if row_attrs.get("customFormat") in ("1", "true") else None
        out, position = [], 0
        remaining = dict(sorted(writes.items()))
        for column, match in _cells(body):
            out.append(body[position:match.start()])
            for col in [c for c in remaining if c < column]:
                out.append(self._cell(number, col, remaining.pop(col), None, row_style))
            written = remaining.pop(column, None)
            out.append(match.group(0) if written is None
                       else self._cell(number, column, written, match.group(0), row_style))
            position = match.end()
        tail = body[position:]
        new = b"".join(self._cell(number, col, w, None, row_style) for col, w in remaining.items())
        tag = _grown_spans(tag, writes)
        return data[:start] + tag + b"".join(out) + new + tail + close

    def _cell(self, row: int, column: int, written: Written, old: bytes | None, row_style: int | None) -> bytes:
        attrs = _attributes(_CELL.match(old).group(1)) if old else {}  # type: ignore[union-attr]
        formula = _FORMULA.search(old) if old is not None and b"<" in old else None
        if formula is not None:
            self._drop_formula(formula, attrs)
        style = int(attrs["s"]) if "s" in attrs else (row_style if row_style is not None
                                                      else self._column_style(column))
        ref = f"{column_letter(column)}{row}"
        return _cell_xml(self.prefix, ref, written, style, self.patch.book)

    def _drop_formula(self, formula: re.Match[bytes], attrs: dict[str, str]) -> None:
        """Note an overwritten formula; a shared one's text goes to the cells that shared it."""
        self.patch.dropped_formula = True
        f_attrs = _attributes(formula.group(1))
        if f_attrs.get("t") == "shared" and "ref" in f_attrs and formula.group(2):
            text = html.unescape(formula.group(2).decode())
            self.orphans[f_attrs["si"]] = (text, attrs.get("r", ""))

    def _own_formulas(self, data: bytes) -> bytes:
        """Give each cell that shared an overwritten cell's formula its own copy of it."""

        def own(match: re.Match[bytes]) -> bytes:
            cell = match.group(0)
            formula = _FORMULA.search(cell)
            if formula is None:
                return cell
            f_attrs = _attributes(formula.group(1))
            orphan = self.orphans.get(f_attrs.get("si", ""))
            if f_attrs.get("t") != "shared" or orphan is None:
                return cell
            ref = _attributes(match.group(1)).get("r", "")
            text = Translator("=" + orphan[0], origin=orphan[1]).translate_formula(ref)[1:]
            mine = b"<%sf>%s</%sf>" % (self.prefix, _escape(text).encode(), self.prefix)
            return cell[:formula.start()] + mine + cell[formula.end():]

        return _CELL.sub(own, data)


class Styles:
    """``xl/styles.xml``, extended with the cell formats the writer needs (each added once)."""

    def __init__(self, data: bytes | None) -> None:
        self.root = _parse(data) if data else None
        self.changed = False
        self._made: dict[tuple[int, str, bool], int] = {}
        self._header: int | None = None

    def is_general(self, xf: int) -> bool:
        """True when the cell format ``xf`` shows numbers as "General"."""
        cell_xfs = self._cell_xfs()
        return cell_xfs is None or xf >= len(cell_xfs) or cell_xfs[xf].get("numFmtId", "0") == "0"

    def derived(self, xf: int, *, number_format: str = "", quote_prefix: bool = False) -> int:
        """The index of format ``xf`` with ``number_format`` and/or the quote prefix."""
        cell_xfs = self._cell_xfs()
        if cell_xfs is None or not len(cell_xfs):
            return xf
        key = (xf, number_format, quote_prefix)
        if key not in self._made:
            base = cell_xfs[xf] if xf < len(cell_xfs) else cell_xfs[0]
            new = deepcopy(base)
            if number_format:
                new.set("numFmtId", str(self._number_format(number_format)))
                new.set("applyNumberFormat", "1")
            if quote_prefix:
                new.set("quotePrefix", "1")
            self._made[key] = self._append(cell_xfs, new)
        return self._made[key]

    def header(self) -> int:
        """The header look of :func:`~dvk_docs.workbook.create.style_header`: bold, light blue,
        centred, wrapped, thin border."""
        from .create import HEADER_BORDER, HEADER_FILL

        cell_xfs = self._cell_xfs()
        if cell_xfs is None:
            return 0
        if self._header is None:
            fonts = self.root.find(f"{{{MAIN_NS}}}fonts")  # type: ignore[union-attr]
            font = deepcopy(fonts[0]) if fonts is not None and len(fonts) else etree.Element(f"{{{MAIN_NS}}}font")
            for bold in font.findall(f"{{{MAIN_NS}}}b"):
                font.remove(bold)
            font.insert(0, etree.Element(f"{{{MAIN_NS}}}b"))
            fill = etree.fromstring(
                f'<fill xmlns="{MAIN_NS}"><patternFill patternType="solid"><fgColor rgb="FF{HEADER_FILL}"/>'
                '<bgColor indexed="64"/></patternFill></fill>')
            sides = "".join(f'<{s} style="thin"><color rgb="FF{HEADER_BORDER}"/></{s}>'
                            for s in ("left", "right", "top", "bottom"))
            border = etree.fromstring(f'<border xmlns="{MAIN_NS}">{sides}<diagonal/></border>')
            xf = etree.fromstring(
                f'<xf xmlns="{MAIN_NS}" numFmtId="0" fontId="{self._add("fonts", font)}" '
                f'fillId="{self._add("fills", fill)}" borderId="{self._add("borders", border)}" xfId="0" '
                'applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">'
                '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>')
            self._header = self._append(cell_xfs, xf)
        return self._header

    def _cell_xfs(self) -> etree._Element | None:
        return None if self.root is None else self.root.find(f"{{{MAIN_NS}}}cellXfs")

    def _add(self, collection: str, element: etree._Element) -> int:
        parent = self.root.find(f"{{{MAIN_NS}}}{collection}")  # type: ignore[union-attr]
        if parent is None:
            return 0
        return self._append(parent, element)

    def _append(self, parent: etree._Element, element: etree._Element) -> int:
        parent.append(element)
        parent.set("count", str(len(parent)))
        self.changed = True
        return len(parent) - 1

    def _number_format(self, code: str) -> int:
        formats = self.root.find(f"{{{MAIN_NS}}}numFmts")  # type: ignore[union-attr]
        if formats is None:
            formats = etree.Element(f"{{{MAIN_NS}}}numFmts", count="0")
            self.root.insert(0, formats)  # type: ignore[union-attr]
        for existing in formats:
            if existing.get("formatCode") == code:
                return int(existing.get("numFmtId", "0"))
        number = max([163, *(int(f.get("numFmtId", "0")) for f in formats)]) + 1
        self._append(formats, etree.Element(f"{{{MAIN_NS}}}numFmt", numFmtId=str(number), formatCode=code))
        return number


# -- cells --------------------------------------------------------------------------------------


def _cell_xml(prefix: bytes, ref: str, written: Written, style: int, book: BookPatch) -> bytes:
    value = written.value
    styles = book.styles
    if written.header:
        style = styles.header()
    kind, inner = "", ""
    if value is None:
        pass
    elif isinstance(value, Formula):
        inner = f"<{{p}}f>{_escape(value[1:] if value.startswith('=') else value)}</{{p}}f>"
        if isinstance(value.cached, str):
            kind, inner = "str", inner + f"<{{p}}v>{_escape_text(value.cached)}</{{p}}v>"
        elif isinstance(value.cached, (int, float)):
            inner += f"<{{p}}v>{_number(value.cached)}</{{p}}v>"
    elif isinstance(value, str):
        if is_formula_like(value):
            style = styles.derived(style, quote_prefix=True)
        kind, inner = "inlineStr", f'<{{p}}is><{{p}}t xml:space="preserve">{_escape_text(value)}</{{p}}t></{{p}}is>'
    elif isinstance(value, bool):
        kind, inner = "b", f"<{{p}}v>{int(value)}</{{p}}v>"
    elif isinstance(value, (dt.date, dt.datetime)):
        if styles.is_general(style):
            from .create import DATE_FORMAT

            style = styles.derived(style, number_format=DATE_FORMAT)
        inner = f"<{{p}}v>{_number(_serial(value, book.reader.epoch))}</{{p}}v>"
    elif isinstance(value, (int, float)) and math.isfinite(value):
        inner = f"<{{p}}v>{_number(value)}</{{p}}v>"
    else:
        kind, inner = "inlineStr", f"<{{p}}is><{{p}}t>{_escape_text(str(value))}</{{p}}t></{{p}}is>"
    p = prefix.decode()
    attrs = f' r="{ref}"' + (f' s="{style}"' if style else "") + (f' t="{kind}"' if kind else "")
    body = inner.replace("{p}", p)
    return (f"<{p}c{attrs}/>" if not body else f"<{p}c{attrs}>{body}</{p}c>").encode()


def _cells(body: bytes) -> Iterator[tuple[int, re.Match[bytes]]]:
    """(column, match) of each cell of a row; a cell without ``r`` follows the one before it."""
    column = 0
    for match in _CELL.finditer(body):
        ref = _CELL_REF.match(_attributes(match.group(1)).get("r", ""))
        column = column_index(ref.group(1)) if ref else column + 1
        yield column, match


def _attributes(tag: bytes) -> dict[str, str]:
    return {m.group(1).decode(): html.unescape((m.group(2) if m.group(2) is not None else m.group(3)).decode())
            for m in _ATTR.finditer(tag)}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_text(text: str) -> str:
    """Text as a ``<t>`` holds it: XML-escaped, Excel's ``_xHHHH_`` kept literal, CR kept."""
    text = _NOT_XML.sub("", text)
    text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _escape(text).replace("\r", "&#13;")


def _number(value: float) -> str:
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    return repr(float(value))


def _serial(value: dt.date, epoch: dt.datetime) -> float:
    """The Excel serial of ``value`` in the book's date system (a time zone is dropped)."""
    return to_excel(value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value, epoch)


# -- rows and sheets ----------------------------------------------------------------------------


def _pieces(stream: IO[bytes]) -> Iterator[tuple[str, int, bytes]]:
    """Split a worksheet part into ("head", 0, …), ("open", 0, <sheetData>), ("row", r, …)… and
    ("tail", 0, …), reading ``CHUNK`` bytes at a time; a row piece includes the blank before it."""
    buffer = b""
    while (opening := _SHEET_DATA.search(buffer)) is None:
        chunk = stream.read(CHUNK)
        if not chunk:
            raise PackageError("worksheet without sheetData")
        buffer += chunk
    yield "head", 0, buffer[:opening.start()]
    yield "open", 0, opening.group(0)
    prefix = opening.group(1) or b""
    if opening.group(2):
        yield "tail", 0, buffer[opening.end():] + stream.read()
        return
    buffer, position, number = buffer[opening.end():], 0, 0
    row_close = b"</" + prefix + b"row>"
    while True:
        start = buffer.find(b"<", position)
        if start < 0 or start + 2 > len(buffer):
            buffer, position = buffer[position:] + _next_chunk(stream), 0
            continue
        if buffer[start + 1:start + 2] == b"/":
            yield "tail", 0, buffer[position:] + stream.read()
            return
        tag_end = buffer.find(b">", start)
        end = -1
        if tag_end >= 0:
            end = tag_end + 1 if buffer[tag_end - 1:tag_end] == b"/" else buffer.find(row_close, tag_end)
            if end >= 0 and buffer[tag_end - 1:tag_end] != b"/":
                end += len(row_close)
        if end < 0:
            buffer, position = buffer[position:] + _next_chunk(stream), 0
            continue
        found = _ROW_NUMBER.search(buffer, start, tag_end)
        number = int(found.group(1)) if found else number + 1
        yield "row", number, buffer[position:end]
        position = end


def _next_chunk(stream: IO[bytes]) -> bytes:
    """The next ``CHUNK`` bytes of a sheet whose row is not complete yet."""
    chunk = stream.read(CHUNK)
    if not chunk:
        raise PackageError("worksheet cut short")
    return chunk


def _insert_col(head: bytes, column: int, col: bytes, prefix: bytes) -> bytes:
    """``head`` with ``col`` among its ``<cols>`` in column order (a ``<cols>`` is made if missing)."""
    end = _COLS_END.search(head)
    if end is None:
        return head + b"<%scols>%s</%scols>" % (prefix, col, prefix)
    opening = _COLS_START.search(head)
    for match in _COL.finditer(head, opening.end() if opening else 0, end.start()):
        if int(_attributes(match.group(1)).get("min", "0")) > column:
            return head[:match.start()] + col + head[match.start():]
    return head[:end.start()] + col + head[end.start():]


def _grown_spans(tag: bytes, writes: dict[int, Written]) -> bytes:
    match = re.search(rb'\sspans="(\d+):(\d+)"', tag)
    if match is None:
        return tag
    low = min(int(match.group(1)), *writes)
    high = max(int(match.group(2)), *writes)
    return tag[:match.start()] + b' spans="%d:%d"' % (low, high) + tag[match.end():]


def _grown_dimension(ref: bytes, max_row: int, max_col: int) -> bytes:
    text = ref.decode()
    first, _, last = text.partition(":")
    end = _CELL_REF.fullmatch(last or first)
    start = _CELL_REF.fullmatch(first)
    if not end or not start:
        return ref
    col = max(column_index(end.group(1)), max_col)
    row = max(int(end.group(2)), max_row)
    return f"{first}:{column_letter(col)}{row}".encode()


def _grown_ref(ref: str, rows: set[int], totals: str) -> str | None:
    """The ``ref`` of a table that ends just above the appended ``rows``, grown over them."""
    first, _, last = ref.partition(":")
    end = _CELL_REF.fullmatch(last)
    if not end or totals not in ("", "0"):
        return None
    bottom = int(end.group(2))
    grown = bottom
    while grown + 1 in rows:
        grown += 1
    return f"{first}:{end.group(1)}{grown}" if grown > bottom else None


def _prefix_of(head: bytes) -> bytes:
    match = re.search(rb"<(\w+:)?worksheet\b", head)
    return (match.group(1) or b"") if match else b""


def _blank_sheet(freeze_header: bool) -> bytes:
    pane = ('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>') if freeze_header else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0">{pane}'
            '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            "</worksheet>").encode()


# -- package helpers ----------------------------------------------------------------------------


def _rels_of(part: str) -> str:
    path = PurePosixPath(part)
    return str(path.parent / "_rels" / (path.name + ".rels"))


def _parse(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as error:
        raise PackageError(str(error)) from error


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) \
        else zipfile.ZIP_DEFLATED
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.comment = info.comment
    copy.file_size = info.file_size
    return copy


def _new_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, dt.datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
