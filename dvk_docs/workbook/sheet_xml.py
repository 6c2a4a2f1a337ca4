"""Cells of an .xlsx/.xlsm package read straight from its XML parts, streamed with lxml.

Cost follows the data: rows that hold no value (``<row r="9" s="1"/>``, or only empty formatted
cells — whole-column formatting writes a million of them) are cut out of the byte stream by one
regular expression, so they never cost a Python step or any memory. The rows left are read in
one of two ways. Cells written the plain way Excel, LibreOffice and openpyxl write them (``<c
r="B7" s="3" t="s"><v>12</v></c>``, an inline ``<is><t>…</t></is>``, or empty) are taken by one
regular expression over the ``sheetData`` bytes (:func:`_plain_rows`), after lxml has checked that
the part is well-formed XML (a parser that builds nothing); a sheet with any other form (a formula,
rich text, a namespace prefix, attributes in another order, whitespace between cells…) is parsed
element by element with lxml, every row dropped once read. Both give the same grid: the regular
expression only accepts what it decodes as an XML parser would (character and entity references,
line ends).

Elements are matched by their local names, so XML written with a namespace prefix
(``<x:worksheet xmlns:x="…/main">``) and Strict Open XML (``http://purl.oclc.org/ooxml/…``) are
read like the transitional form Excel writes by default. Values follow openpyxl's reading
(``data_only``): the cached value of a formula, numbers in a date format as dates; a formula
without a cached value is :class:`~dvk_docs.workbook.grid.Uncomputed`.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

from .grid import CellValue, SheetGrid, SheetState, Uncomputed, column_index, sheet_state

STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/spreadsheetml/main"  #: Strict Open XML's main namespace
WORKBOOK_PART = "xl/workbook.xml"

_RELS_PART = "xl/_rels/workbook.xml.rels"
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False}
_TRUE = frozenset({"1", "true"})
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATES = re.compile("[\ud800-\udfff]")
_FIRST_ROW = re.compile(rb"<([\w.-]+:)?row[\s>/][^>]*>")
_DIGITS = "0123456789"
_COLUMNS: dict[str, int] = {}  #: column letters -> index, filled as met
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d+)")
_SHEET_DATA, _SHEET_DATA_END = b"<sheetData>", b"</sheetData>"
_PLAIN_TOKEN = re.compile(  # one token of sheetData written the plain way, after optional whitespace
    rb'\s*(?:<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?'  # a cell: column, style, type…
    rb'(?:/>|><v>([^<]*)</v></c>|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'  # …value, inline text
    rb'|<row r="(\d+)"((?:\s+[A-Za-z_][\w:.-]*="[^"<&]*")*)\s*(/?)>'  # a row: number, attributes, "/"
    rb"|(</row>))"
)
_HIDDEN = re.compile(rb'\shidden="(?:1|true)"')
_REFERENCE = re.compile(r"&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ENCODING = re.compile(rb"""encoding=["']([\w.-]+)["']""")


@dataclass(frozen=True)
class Book:
    """What every sheet's cells need from the rest of the package."""

    sheets: tuple[tuple[str, str], ...]  #: (sheet name, zip member of its XML), in workbook order
    strings: tuple[str, ...]  #: the shared strings, escapes decoded
    date_styles: frozenset[str]  #: cell style indexes (the ``s`` attribute) of date formats
    duration_styles: frozenset[str]  #: … of elapsed-time formats ([h]:mm)
    epoch: dt.datetime  #: 1900 or 1904 date system
    strict: bool  #: saved as Strict Open XML
    states: Mapping[str, SheetState]  #: sheet name -> its visibility (``state`` of ``<sheet>``)


def read_book(archive: zipfile.ZipFile) -> Book:
    """The worksheets, shared strings and date styles of the package ``archive``.

    Raises KeyError (a part is missing), ValueError or ``etree.XMLSyntaxError`` (a part is damaged).
    """
    workbook = _parse(archive.read(WORKBOOK_PART))
    targets = _relationships(archive)
    members = set(archive.namelist())
    sheets = []
    states: dict[str, SheetState] = {}
    for sheet in workbook.iter("{*}sheet"):
        rel_id = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), "")
        kind, part = targets.get(rel_id, ("", ""))
        if kind != "worksheet":
            continue  # a chart sheet or a dangling entry holds no cells
        if part not in members:
            raise KeyError(part)
        name = sheet.get("name", "")
        sheets.append((name, part))
        state = sheet_state(sheet.get("state", "visible"))
        if state is not None:
            states[name] = state
    parts = {kind: part for kind, part in targets.values() if part in members}
    strings = _shared_strings(archive, parts["sharedStrings"]) if "sharedStrings" in parts else ()
    dates, durations = _date_styles(archive.read(parts["styles"])) if "styles" in parts else ((), ())
    properties = workbook.find("{*}workbookPr")
    mac = properties is not None and properties.get("date1904") in _TRUE
    return Book(tuple(sheets), strings, frozenset(dates), frozenset(durations),
                CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900,
                etree.QName(workbook).namespace == STRICT_NAMESPACE, states)


def read_sheet(stream: IO[bytes], name: str, book: Book) -> SheetGrid:
    """The grid of the sheet ``name`` whose XML is ``stream`` (see :mod:`dvk_docs.workbook.grid`).

    Only rows holding a value (or an uncomputed formula) are listed; ``hidden_rows`` are those of
    them that are hidden.
    """
    data = b"".join(iter(_WithoutEmptyRows(stream).read, b""))
    try:
        rows, hidden, rest = _plain_rows(data, book)
    except _NotPlain:
        return _read_elements(io.BytesIO(data), name, book)
    _check_well_formed(data)  # what the elements' reader refuses, this one does too
    merged = (_range(element.get("ref", "")) for element in _stream(io.BytesIO(rest), ("{*}mergeCell",)))
    return SheetGrid(name, rows, tuple(m for m in merged if m), frozenset(hidden), book.states.get(name))


def _read_elements(stream: IO[bytes], name: str, book: Book) -> SheetGrid:
    """:func:`read_sheet` element by element: any XML a sheet may be written in."""
    rows: list[tuple[int, tuple[CellValue, ...]]] = []
    merged = []
    hidden = set()
    number = 0
    for element in _stream(stream, ("{*}row", "{*}mergeCell")):
        if element.tag.endswith("mergeCell"):
            merged.append(_range(element.get("ref", "")))
            continue
        ref = element.get("r")
        number = int(ref) if ref else number + 1
        values = _row_values(element, book) if len(element) else ()
        if values:
            rows.append((number, values))
            if element.get("hidden") in _TRUE:
                hidden.add(number)
    return SheetGrid(name, rows, tuple(m for m in merged if m), frozenset(hidden), book.states.get(name))


def _row_values(row: etree._Element, book: Book) -> tuple[CellValue, ...]:
    """The values of ``row`` from column A, or () when it holds none."""
    tags = _tags(row.tag[:-3])
    found: dict[int, CellValue] = {}
    column = 0
    for cell in row.iterchildren(tags.cell):
        ref = cell.get("r")
        column = _column_of(ref) if ref else column + 1
        count = len(cell)
        if not count:
            continue  # a formatted empty cell
        only = cell[0]
        if count == 1 and only.tag == tags.value:  # the common cases: a plain value…
            value = _value(cell.get("t", "n"), only.text, cell.get("s"), book)
        elif count == 1 and only.tag == tags.inline:  # … or an inline string
            value = _rich_text(only, tags)
        else:
            value = _composite(cell, tags, book)
        if value is not None:
            found[column] = value
    return _from_column_a(found)


def _from_column_a(found: dict[int, CellValue]) -> tuple[CellValue, ...]:
    """The values ``found`` (column -> value) as a row from column A, or () when there are none."""
    if not found:
        return ()
    values: list[CellValue] = [None] * max(found)
    for column, value in found.items():
        values[column - 1] = value
    return tuple(values)


class _NotPlain(Exception):
    """The sheet's XML has a form :func:`_plain_rows` does not take."""


def _plain_rows(data: bytes, book: Book) -> tuple[list[tuple[int, tuple[CellValue, ...]]], set[int], bytes]:
    """The rows and hidden rows of the well-formed sheet XML ``data`` written the plain way (see
    the module docstring), and ``data`` without them (for the merged cells); raises _NotPlain when
    any of it is written otherwise."""
    start, end = data.find(_SHEET_DATA), data.rfind(_SHEET_DATA_END)
    if start < 0 or end < start or not _is_utf8(data):
        raise _NotPlain
    body = data[start + len(_SHEET_DATA):end]
    rows: list[tuple[int, tuple[CellValue, ...]]] = []
    hidden: set[int] = set()
    found: dict[int, CellValue] = {}
    number: int | None = None  #: the row being read
    position = 0
    value_of = functools.cache(functools.partial(_plain_value, book=book))  # a sheet repeats its values
    column_of = functools.cache(_letters_column)
    for token in _PLAIN_TOKEN.finditer(body):
        begin, finish = token.span()
        if begin != position:
            raise _NotPlain
        position = finish
        letters, style, kind, text, inline, row, attributes, closed, end_row = token.groups()
        if letters is not None and number is not None:
            value = value_of(kind, style, text, inline)
            if value is not None:
                found[column_of(letters)] = value
        elif row is not None and number is None:
            number = None if closed else int(row)
            if b"hidden" in attributes and _HIDDEN.search(attributes):
                hidden.add(int(row))
        elif end_row is not None and number is not None:
            if found:
                rows.append((number, _from_column_a(found)))
            found, number = {}, None
        else:
            raise _NotPlain
    if number is not None or body[position:].strip():
        raise _NotPlain
    listed = {n for n, _ in rows}
    return rows, hidden & listed, data[:start] + data[end + len(_SHEET_DATA_END):]


def _letters_column(letters: bytes) -> int:
    return _column_of(letters.decode())


def _plain_value(kind: bytes | None, style: bytes | None, text: bytes | None, inline: bytes | None,
                 book: Book) -> CellValue:
    """The value of a plain cell: its ``<v>`` ``text`` or ``inline`` string (both None: empty)."""
    if text is not None:
        return _value(kind.decode() if kind else "n", _xml_text(text), style and style.decode(), book)
    return None if inline is None else _unescape(_xml_text(inline))


def _xml_text(raw: bytes) -> str:
    """The text an XML parser reads from the character data ``raw`` (UTF-8): line ends as LF,
    character and the five entity references decoded."""
    text = raw.decode()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" not in text:
        return text
    decoded, references = _REFERENCE.subn(_referenced, text)
    if references != text.count("&"):
        raise _NotPlain  # an entity no parser of a sheet should expand
    return decoded


def _referenced(reference: re.Match[str]) -> str:
    decimal, hexadecimal, name = reference.groups()
    if name:
        return _ENTITIES[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))


def _is_utf8(data: bytes) -> bool:
    """True when ``data`` is XML in UTF-8 (declared so, or with no declaration and no byte order mark)."""
    if not data.startswith(b"<?xml"):
        return data.startswith(b"<")
    encoding = _ENCODING.search(data, 0, data.find(b"?>"))
    return encoding is None or encoding.group(1).lower() in (b"utf-8", b"utf8")


def _check_well_formed(data: bytes) -> None:
    """Raise ``etree.XMLSyntaxError`` when ``data`` is not well-formed XML (nothing is built)."""
    parser = etree.XMLParser(target=_Nothing(), **_PARSER_OPTIONS)
    for offset in range(0, len(data), _WithoutEmptyRows.CHUNK):
        parser.feed(data[offset:offset + _WithoutEmptyRows.CHUNK])
    parser.close()


class _Nothing:
    """A parser target that builds nothing: lxml then only checks the XML."""

    def close(self) -> None:
        return None


def _composite(cell: etree._Element, tags: _Tags, book: Book) -> CellValue:
    """The value of a cell holding an inline string or a formula (:class:`Uncomputed` when the
    formula has no cached value)."""
    kind = cell.get("t", "n")
    parts = {child.tag: child for child in cell}
    if kind == "inlineStr":
        inline = parts.get(tags.inline)
        return _rich_text(inline, tags) if inline is not None else None
    value, formula = parts.get(tags.value), parts.get(tags.formula)
    text = value.text if value is not None else None
    if formula is not None and (value is None or (not text and kind != "str")):
        return Uncomputed(formula.text or "")
    return _value(kind, text, cell.get("s"), book)


def _value(kind: str, text: str | None, style: str | None, book: Book) -> CellValue:
    """The value written ``text`` in a cell of type ``kind`` and style index ``style``."""
    if not text:
        return None
    if kind == "n":
        return _number(text, style, book)
    if kind == "s":
        return book.strings[int(text)]
    if kind == "b":
        return text.strip() in _TRUE
    if kind == "d":
        try:
            return from_ISO8601(text)
        except ValueError:
            return text
    return _unescape(text) if kind == "str" else text  # "e": an error value such as #N/A


def _number(text: str, style: str | None, book: Book) -> CellValue:
    """A number cell: int or float as written; a date, time or duration in a date format."""
    try:
        number: int | float = float(text) if "." in text or "e" in text.lower() else int(text)
    except ValueError:
        number = float(text)  # "NaN", "INF": a finite-number check will name the cell
    if style is None or style not in book.date_styles:
        return number
    try:
        return from_excel(number, book.epoch, timedelta=style in book.duration_styles)
    except (OverflowError, ValueError):
        return number  # outside Excel's dates: the number, for the date check to report


def _shared_strings(archive: zipfile.ZipFile, part: str) -> tuple[str, ...]:
    with archive.open(part) as stream:
        return tuple(_rich_text(item, _tags(item.tag[:-2])) for item in _stream(stream, ("{*}si",)))


def _rich_text(item: etree._Element, tags: _Tags) -> str:
    """The plain text of a string item (``<si>`` or ``<is>``): its ``t`` and runs, not phonetics."""
    if len(item) == 1 and item[0].tag == tags.text:  # the common case: plain text
        return _unescape(item[0].text or "")
    pieces = []
    for child in item:
        if child.tag == tags.text:
            pieces.append(child.text or "")
        elif child.tag == tags.run:
            pieces.extend(t.text or "" for t in child if t.tag == tags.text)
    return _unescape("".join(pieces))


def _unescape(text: str) -> str:
    """``text`` with Excel's ``_xHHHH_`` escapes decoded (``_x000D_`` is a carriage return,
    ``_x005F_`` a literal underscore, so ``_x005F_x000D_`` stays ``_x000D_``)."""
    if "_x" not in text:
        return text
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _SURROGATES.search(decoded):  # a character outside the BMP escaped as two halves
        decoded = decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return decoded


def _date_styles(data: bytes) -> tuple[set[str], set[str]]:
    """Indexes of the cell styles whose number format is a date/time, and an elapsed time."""
    root = _parse(data)
    custom = {fmt.get("numFmtId"): fmt.get("formatCode", "") for fmt in root.iter("{*}numFmt")}
    dates, durations = set(), set()
    cell_formats = root.find("{*}cellXfs")
    for index, xf in enumerate(cell_formats.iterfind("{*}xf") if cell_formats is not None else ()):
        number_format = xf.get("numFmtId", "0")
        code = custom.get(number_format) or BUILTIN_FORMATS.get(int(number_format))
        if code and is_date_format(code):
            dates.add(str(index))
        if code and is_timedelta_format(code):
            durations.add(str(index))
    return dates, durations


def _relationships(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Relationship id -> (kind such as "worksheet" or "styles", zip member)."""
    rels = _parse(archive.read(_RELS_PART))
    found = {}
    for rel in rels.iter("{*}Relationship"):
        part = resolve_target(WORKBOOK_PART, rel.get("Target", ""))
        found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], part)
    return found


def resolve_target(source_part: str, target: str) -> str:
    """The zip member a relationship ``target`` of ``source_part`` points to."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in (*PurePosixPath(source_part).parent.parts, *PurePosixPath(target).parts):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _stream(stream: IO[bytes], tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """The complete elements named ``tags`` in ``stream``, each freed once the caller moves on."""
    for _, element in etree.iterparse(stream, events=("end",), tag=tags, **_PARSER_OPTIONS):
        yield element
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]


class _WithoutEmptyRows:
    """A sheet's XML stream (file-like, ``read`` only) without its empty rows: rows holding
    nothing or only self-closed (valueless) cells. Left whole when its rows carry no ``r``
    attribute (their numbers are counted). A row across a chunk's end is passed on unchanged,
    which is only slower."""

    CHUNK = 1 << 20

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.pending = b""
        self.pattern: re.Pattern[bytes] | None = None
        self.checked = False

    def read(self, size: int = -1) -> bytes:
        while True:
            chunk = self.stream.read(self.CHUNK)
            data = self.pending + chunk
            if not chunk:
                self.pending = b""
                return self._filter(data)
            cut = data.rfind(b"<")
            self.pending = data[cut:]
            filtered = self._filter(data[:cut])
            if filtered:
                return filtered

    def _filter(self, data: bytes) -> bytes:
        if not self.checked:
            row = _FIRST_ROW.search(data)
            if row is None:
                return data
            self.checked = True
            if b' r="' in row.group(0) or b"\tr=" in row.group(0):
                self.pattern = _empty_rows(row.group(1) or b"")
        return self.pattern.sub(b"", data) if self.pattern else data


@functools.lru_cache(maxsize=8)
def _empty_rows(prefix: bytes) -> re.Pattern[bytes]:
    """The empty rows of a sheet whose elements are written with ``prefix`` (b"" or b"x:")."""
    row, cell = re.escape(prefix + b"row"), re.escape(prefix + b"c")
    return re.compile(rb"<%s\s[^>]*/>|<%s\s[^>]*>(?:\s*<%s\s[^>]*/>)*\s*</%s>" % (row, row, cell, row))


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))


def _range(ref: str) -> tuple[int, int, int, int] | tuple[()]:
    """A merged range "B2:C3" as (2, 2, 3, 3); () when ``ref`` is not a range."""
    corners = _CELL_REF.findall(ref)
    if not corners:
        return ()
    (c1, r1), (c2, r2) = corners[0], corners[-1]
    return int(r1), _column_of(c1), int(r2), _column_of(c2)


def _column_of(ref: str) -> int:
    """The column of a cell reference "AB12" (or a bare column "AB"): 28."""
    letters = ref.rstrip(_DIGITS)
    column = _COLUMNS.get(letters)
    if column is None:
        column = _COLUMNS[letters] = column_index(letters)
    return column


@dataclass(frozen=True)
class _Tags:
    """Clark names ("{namespace}c") of the elements read, in one namespace."""

    cell: str
    value: str
    formula: str
    inline: str
    text: str
    run: str


@functools.lru_cache(maxsize=8)
def _tags(namespace: str) -> _Tags:
    """The tags in ``namespace`` written as "{…}" (empty for XML without a namespace)."""
    return _Tags(*(namespace + local for local in ("c", "v", "f", "is", "t", "r")))
