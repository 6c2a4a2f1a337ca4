"""One .docx print file for a whole batch: one section (or the template's sections) per record.

docxcompose keeps only the first document's header, lets page numbers run on and drops the section
properties of appended documents. Here the package is built directly from the rendered records:

- every record starts a new page, with its own copy of each rendered header and footer part
  (so "QĐ số …" in a header is the record's own), page numbering restarting at 1, and the
  template's section properties kept (first page unnumbered via ``titlePg``, landscape annexes);
- every list restarts in each record (its ``w:num`` is cloned with ``startOverride``);
- what Word wants unique in a file stays unique: drawing ids (``wp:docPr``, ``pic:cNvPr``) across
  body, headers and footers, bookmark ids and names (``_GoBack`` of a template saved by Word, a
  bookmark repeated by a loop), ``w14:paraId``/``w14:textId``; footnotes and endnotes the records
  refer to are copied under new numbers; a template with Word comments is refused;
- pictures and styles are shared (same template).
"""

from __future__ import annotations

import contextlib
import copy
import io
import posixpath
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from lxml import etree

from ..errors import TemplateError
from ..formats.ooxml import W, place
from .bodystream import BodyStream
from .engine import DOC_PR, DOCUMENT_PART, FOOTNOTES_TYPE, CompiledTemplate, RenderedDocument

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"  #: relationships (in parts)
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"  #: .rels files
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"  #: [Content_Types].xml
RELS_PART = "word/_rels/document.xml.rels"  #: relationships of the main document
TYPES_PART = "[Content_Types].xml"  #: content types of the package
NUMBERING_PART = "word/numbering.xml"  #: list definitions
STYLES_PART = "word/styles.xml"  #: styles (some carry list numbering)
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"  #: Word 2010 (paraId, textId)
PIC_NV = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"  #: a picture's own id
NOTES = {  #: content type -> (note element, reference element) of the parts whose notes are copied
    FOOTNOTES_TYPE: ("footnote", "footnoteReference"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": ("endnote", "endnoteReference"),
}
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"  #: Word comments
BOOKMARK_NAME_LENGTH = 40  #: the longest bookmark name Word keeps
_FIELD_REFERENCE = re.compile(r"\b(REF|PAGEREF|NOTEREF)(\s+)(\S+)")  #: fields that name a bookmark
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"  #: as python-docx writes
_PARSER = etree.XMLParser(huge_tree=True)
BODY_IN_MEMORY = 8 << 20  #: bytes of merged body held in memory before it goes to a temporary file


def build_print_file(template: CompiledTemplate, documents: Sequence[RenderedDocument]) -> bytes:
    """The .docx bytes of one print file holding ``documents`` in order (see
    :func:`write_print_file`)."""
    output = io.BytesIO()
    write_print_file(template, documents, output)
    return output.getvalue()


def write_print_file(template: CompiledTemplate, documents: Iterable[RenderedDocument], target: IO[bytes]) -> int:
    """Write one print file holding ``documents`` in order to ``target``; returns how many.

    ``documents`` may be a generator: each record is added as it comes (:func:`open_print_file`).
    """
    with open_print_file(template, target) as printing:
        for document in documents:
            printing.add(document)
        return printing.finish()


@contextlib.contextmanager
def open_print_file(template: CompiledTemplate, target: IO[bytes], *,
                    mark_prefix: str | None = None) -> Iterator[PrintFile]:
    """A print file written to ``target`` as records come (:class:`PrintFile`); the zip is closed
    on leaving.

    Only each record's serialised body is kept (in a temporary file beyond a few MB), so memory
    stays flat in the number of records. With ``mark_prefix``, record ``i`` (0-based) starts with
    the bookmark ``mark_prefix`` + ``i`` (a PDF of the file then names where each record begins,
    see :mod:`dvk_docs.render.pdf`).

    Raises :class:`~dvk_docs.errors.TemplateError` when the template's footnotes hold tags (their
    numbers would clash between records) or a record rendered by plain docxtpl added pictures to a
    header.
    """
    with (tempfile.SpooledTemporaryFile(BODY_IN_MEMORY) as bodies,
          zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package):
        yield PrintFile(_Builder(template, bodies, package), mark_prefix)


class PrintFile:
    """A print file being written: :meth:`add` each record in order, then :meth:`finish`."""

    def __init__(self, builder: _Builder, mark_prefix: str | None) -> None:
        self.count = 0  #: records added
        self._builder, self._mark_prefix = builder, mark_prefix
        self._waiting: RenderedDocument | None = None  #: one behind: the last goes in knowing it is

    def add(self, document: RenderedDocument) -> None:
        """Add the next record (written when the next one comes, or on :meth:`finish`)."""
        if self._waiting is not None:
            self._write(self._waiting, last=False)
        self._waiting = document
        self.count += 1

    def finish(self) -> int:
        """Write the last record and the rest of the file; returns how many records it holds.
        Raises ValueError when there is no record."""
        if self._waiting is None:
            raise ValueError("a print file needs at least one record")
        self._write(self._waiting, last=True)
        self._builder.finish()
        return self.count

    def _write(self, document: RenderedDocument, *, last: bool) -> None:
        """Write the waiting ``document``, the ``count``-th record."""
        index = self.count - 1
        mark = f"{self._mark_prefix}{index}" if self._mark_prefix is not None else None
        self._builder.add(index, document, last=last, mark=mark)
        self._waiting = None


@dataclass
class _Record:
    """What one record contributes: its document XML, rendered header/footer parts, relationships."""

    document: bytes
    parts: dict[str, bytes]
    rels: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  #: extra rId -> rel
    media: dict[str, bytes] = field(default_factory=dict)  #: zip name -> bytes of extra targets


class _Builder:
    """Accumulates the merged body, cloned parts, relationships and list definitions."""

    def __init__(self, template: CompiledTemplate, bodies: IO[bytes], package: zipfile.ZipFile) -> None:
        self.template = template
        with zipfile.ZipFile(io.BytesIO(template.static_members)) as static:
            self.static = {info.filename: static.read(info) for info in static.infolist()}
        self.types = etree.fromstring(self.static[TYPES_PART], _PARSER)
        if any(_part_type(self.types, name) == FOOTNOTES_TYPE for name in template.varying_members):
            raise TemplateError(
                "Mẫu có chú thích cuối trang chứa thẻ, không ghép được vào một tệp in chung.",
                hint="Bỏ thẻ khỏi chú thích cuối trang, hoặc in từng văn bản riêng.",
            )
        if any(b"<w:comment " in self.static[name] for name in self._parts_of_type(COMMENTS_TYPE)):
            raise TemplateError(
                "Mẫu có ghi chú (comment) của Word, không ghép được vào một tệp in chung.",
                hint="Xóa các ghi chú trong mẫu (Review › Delete All Comments) rồi chạy lại, hoặc in từng văn bản riêng.",
            )
        with zipfile.ZipFile(io.BytesIO(template.spec.source)) as source:  # notes every record shares
            self.static.update({name: source.read(name) for name in template.rendered_members
                                if _part_type(self.types, name) in NOTES and name not in template.varying_members})
        self.notes = {  #: zip name -> (notes root, note tag, reference tag, originals by id, ids used)
            name: (root, W + note, W + reference, {n.get(W + "id"): copy.deepcopy(n) for n in root}, set())
            for content_type, (note, reference) in NOTES.items()
            for name in self._parts_of_type(content_type)
            for root in [etree.fromstring(self.static[name], _PARSER)]
        }
        self.rels = etree.fromstring(self.static[RELS_PART], _PARSER)
        self.numbering = (
            etree.fromstring(self.static[NUMBERING_PART], _PARSER) if NUMBERING_PART in self.static else None
        )
        self.style_numbers = _style_numbering(self.static.get(STYLES_PART))
        self.rendered_rels = {
            rel.get("Id"): "word/" + rel.get("Target")
            for rel in self.rels
            if "word/" + rel.get("Target", "") in set(template.rendered_members) - self.static.keys()
        }
        self.head = self.tail = ""
        self.bodies = bodies  #: the records' bodies, serialised
        self.package = package  #: the print file being written: each record's parts go in at once
        self.written: set[str] = set()
        self.next_id = 1
        self.rel_ids = {rel.get("Id") for rel in self.rels}  #: every relationship id of the file
        shared = [etree.fromstring(data, _PARSER) for name, data in self.static.items()
                  if name.startswith("word/") and name.endswith(".xml")]
        self.next_drawing = 1 + max((int(d.get("id", 0)) for r in shared for d in r.iter(DOC_PR)), default=0)
        self.para_ids_taken = {e.get(W14 + "paraId") for r in shared for e in r.iter() if W14 + "paraId" in e.attrib}
        self.next_para_id = 1
        self.next_bookmark = 0
        self.bookmark_names: set[str] = set()
        self.next_num = 1 + max((int(n.get(W + "numId")) for n in self._nums()), default=0)

    def add(self, index: int, document: RenderedDocument, *, last: bool, mark: str | None = None) -> None:
        record = self._record(document)
        renames = self._clone_parts(index, record)
        renames.update(self._add_relationships(index, record))
        stream = BodyStream(record.document)  # a big record is read and written piece by piece
        edit = _BodyEdit(self, index, renames, mark)
        for piece in stream.pieces(edit, _as_is if last else _move_into_paragraph):
            self.bodies.write(piece)
        if index == 0:
            self.head, self.tail = _frame(stream.root)

    def finish(self) -> None:
        """Write what is left: the template's other parts, the merged document, the lists."""
        changed = {RELS_PART: _serialise(self.rels), TYPES_PART: _serialise(self.types)}
        if self.numbering is not None:
            changed[NUMBERING_PART] = _serialise(self.numbering)
        for name, (root, *_) in self.notes.items():
            changed[name] = _serialise(root)
        for name, data in self.static.items():
            if name not in changed and name not in self.written and name != DOCUMENT_PART:
                self.package.writestr(name, data)
        with self.package.open(DOCUMENT_PART, "w", force_zip64=True) as document:
            document.write(XML_DECLARATION + self.head.encode("utf-8"))
            self.bodies.seek(0)
            shutil.copyfileobj(self.bodies, document)
            document.write(self.tail.encode("utf-8"))
        for name, data in changed.items():
            self.package.writestr(name, data)

    def _put(self, name: str, data: bytes) -> None:
        """Write the part ``name`` of one record into the print file now."""
        self.package.writestr(name, data)
        self.written.add(name)

    def _record(self, document: RenderedDocument) -> _Record:
        if document.package is None:
            return _Record(document.parts[DOCUMENT_PART], dict(document.parts))
        with zipfile.ZipFile(io.BytesIO(document.package)) as package:
            parts = {n: package.read(n) for n in self.template.rendered_members}
            record = _Record(parts[DOCUMENT_PART], parts)
            ours = {rel.get("Id"): _rel_key(rel) for rel in self.rels}
            for rel in etree.fromstring(package.read(RELS_PART), _PARSER):
                if ours.get(rel.get("Id")) == _rel_key(rel):
                    continue
                record.rels[rel.get("Id")] = _rel_key(rel)
                if rel.get("TargetMode") != "External":
                    target = posixpath.normpath(posixpath.join("word", rel.get("Target")))
                    record.media[target] = package.read(target)
            for name in parts:
                rels_name = _rels_name(name)
                if rels_name in package.namelist() and package.read(rels_name) != self.static.get(rels_name):
                    raise TemplateError(
                        "Một văn bản trong lô có hình ảnh riêng ở đầu/chân trang, không ghép được vào tệp in chung.",
                        hint="Dùng ảnh chữ ký, con dấu chung cho cả lô, hoặc in từng văn bản riêng.",
                    )
        return record

    def _clone_parts(self, index: int, record: _Record) -> dict[str, str]:
        """Give record ``index`` its own copy of each rendered header/footer; return rId renames."""
        renames = {}
        for rel_id, name in self.rendered_rels.items():
            story = etree.fromstring(record.parts[name], _PARSER)
            self._make_unique(story)
            if index == 0:
                self._put(name, _serialise(story))
                continue
            stem, extension = posixpath.splitext(name)
            clone = f"{stem}r{index}{extension}"
            self._put(clone, _serialise(story))
            if _rels_name(name) in self.static:
                self._put(_rels_name(clone), self.static[_rels_name(name)])
            new_id = self._new_rel_id()
            original = self.rels.find(f"{PR}Relationship[@Id='{rel_id}']")
            etree.SubElement(self.rels, PR + "Relationship", Id=new_id, Type=original.get("Type"),
                             Target=posixpath.relpath(clone, "word"))
            etree.SubElement(self.types, CT + "Override", PartName="/" + clone,
                             ContentType=_part_type(self.types, name))
            renames[rel_id] = new_id
        return renames

    def _add_relationships(self, index: int, record: _Record) -> dict[str, str]:
        """Relationships a docxtpl-rendered record added (pictures, links), copied under new ids."""
        renames = {}
        for rel_id, (kind, target, mode) in record.rels.items():
            new_id = self._new_rel_id()
            attributes = {"Id": new_id, "Type": kind, "Target": target}
            if mode is None:
                source = posixpath.normpath(posixpath.join("word", target))
                stem, extension = posixpath.splitext(source)
                copied = f"{stem}r{index}{extension}"
                self._put(copied, record.media[source])
                attributes["Target"] = posixpath.relpath(copied, "word")
                self._ensure_default_type(extension.lstrip("."))
            else:
                attributes["TargetMode"] = mode
            etree.SubElement(self.rels, PR + "Relationship", **attributes)
            renames[rel_id] = new_id
        return renames

    def _ensure_default_type(self, extension: str) -> None:
        if self.types.find(f"{CT}Default[@Extension='{extension}']") is None:
            kind = "jpeg" if extension.lower() in ("jpg", "jpeg") else extension.lower()
            etree.SubElement(self.types, CT + "Default", Extension=extension, ContentType=f"image/{kind}")

    def _new_rel_id(self) -> str:
        """A relationship id the file does not use yet, taken now (the caller adds its relationship)."""
        while f"rIdP{self.next_id}" in self.rel_ids:
            self.next_id += 1
        self.rel_ids.add(f"rIdP{self.next_id}")
        return f"rIdP{self.next_id}"

    def _parts_of_type(self, content_type: str) -> list[str]:
        return [name for name in self.static if _part_type(self.types, name) == content_type]

    def _make_unique(self, story: etree._Element, bookmarks: _Bookmarks | None = None) -> None:
        """Give the drawings, bookmarks and paragraphs of one story (a record's body, header…)
        ids no other story of the file uses. ``bookmarks``: the renames of the story's pieces
        before this one (a body read piece by piece), kept for those after."""
        for drawing in story.iter(DOC_PR):
            number = str(self.next_drawing)
            self.next_drawing += 1
            drawing.set("id", number)
            for picture in drawing.getparent().iter(PIC_NV):
                picture.set("id", number)
        for element in story.iter(W + "p", W + "tr"):
            for attribute in (W14 + "paraId", W14 + "textId"):
                if attribute in element.attrib:
                    element.set(attribute, self._new_para_id())
        self._rename_bookmarks(story, bookmarks or _Bookmarks())

    def _new_para_id(self) -> str:
        """The next w14:paraId (8 hex digits below 0x80000000) no shared part uses."""
        while f"{self.next_para_id:08X}" in self.para_ids_taken:
            self.next_para_id += 1
        self.next_para_id += 1
        return f"{self.next_para_id - 1:08X}"

    def _rename_bookmarks(self, story: etree._Element, bookmarks: _Bookmarks) -> None:
        """Number the story's bookmarks on from the last one; rename a name the file already has
        (each record has Word's ``_GoBack``) and the links and fields that point to it."""
        ids, names = bookmarks.ids, bookmarks.names
        for start in story.iter(W + "bookmarkStart"):
            ids[start.get(W + "id")] = str(self.next_bookmark)
            start.set(W + "id", str(self.next_bookmark))
            self.next_bookmark += 1
            name = start.get(W + "name", "")
            unique, suffix = name, 1
            while unique in self.bookmark_names:
                unique = f"{name[:BOOKMARK_NAME_LENGTH - len(str(suffix)) - 1]}_{suffix}"
                suffix += 1
            self.bookmark_names.add(unique)
            if unique != name:
                start.set(W + "name", unique)
                names.setdefault(name, unique)
        for end in story.iter(W + "bookmarkEnd"):
            end.set(W + "id", ids.get(end.get(W + "id"), end.get(W + "id")))
        if names:
            _rename_bookmark_references(story, names)

    def _copy_notes(self, body: etree._Element) -> None:
        """A footnote or endnote referred to again (by a later record) is copied under a new number."""
        for root, note_tag, reference_tag, originals, used in self.notes.values():
            for reference in body.iter(reference_tag):
                number = reference.get(W + "id")
                if number not in used or number not in originals:
                    used.add(number)
                    continue
                clone = copy.deepcopy(originals[number])
                new_number = str(1 + max(int(n.get(W + "id")) for n in root.iter(note_tag)))
                clone.set(W + "id", new_number)
                self._make_unique(clone)
                root.append(clone)
                used.add(new_number)
                reference.set(W + "id", new_number)

    def _nums(self) -> Iterator[etree._Element]:
        return iter(()) if self.numbering is None else self.numbering.iter(W + "num")

    def _restart_lists(self, body: etree._Element, clones: dict[str, str]) -> None:
        """Point the record's list paragraphs at fresh copies of their lists, restarted
        (``clones``: list number -> its copy in this record)."""
        if self.numbering is None:
            return
        for paragraph in body.iter(W + "p"):
            properties = paragraph.find(W + "pPr")
            if properties is None:
                continue
            explicit = properties.find(f"{W}numPr/{W}numId")
            if explicit is not None:
                number = explicit.get(W + "val")
                if number != "0":
                    explicit.set(W + "val", self._restarted(number, clones))
                continue
            style = properties.find(W + "pStyle")
            numbered = self.style_numbers.get(style.get(W + "val")) if style is not None else None
            if numbered is not None:
                level, number = numbered
                numbering = etree.Element(W + "numPr")
                etree.SubElement(numbering, W + "ilvl").set(W + "val", level)
                etree.SubElement(numbering, W + "numId").set(W + "val", self._restarted(number, clones))
                place(properties, numbering)

    def _restarted(self, number: str, clones: dict[str, str]) -> str:
        if number in clones:
            return clones[number]
        original = next((n for n in self._nums() if n.get(W + "numId") == number), None)
        if original is None:
            return number
        abstract_id = original.find(W + "abstractNumId").get(W + "val")
        abstract = next(a for a in self.numbering.iter(W + "abstractNum") if a.get(W + "abstractNumId") == abstract_id)
        clone = copy.deepcopy(original)
        clone.set(W + "numId", str(self.next_num))
        for override in clone.findall(W + "lvlOverride"):
            clone.remove(override)
        for level in abstract.findall(W + "lvl"):
            start = level.find(W + "start")
            if start is not None:
                override = etree.SubElement(clone, W + "lvlOverride")
                override.set(W + "ilvl", level.get(W + "ilvl"))
                etree.SubElement(override, W + "startOverride").set(W + "val", start.get(W + "val"))
        cleanup = self.numbering.find(W + "numIdMacAtCleanup")
        if cleanup is not None:
            cleanup.addprevious(clone)
        else:
            self.numbering.append(clone)
        clones[number] = str(self.next_num)
        self.next_num += 1
        return clones[number]


@dataclass
class _Bookmarks:
    """A story's bookmark renames: old id -> new id, old name -> new name."""

    ids: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


class _BodyEdit:
    """What a record's body gets in the print file, piece by piece (:class:`BodyStream`): its
    relationship ids renamed, page numbers restarting in its first section, its lists restarted
    (but in the first record), the bookmark ``mark`` at its first paragraph, unique ids, its own
    notes."""

    def __init__(self, builder: _Builder, index: int, renames: dict[str, str], mark: str | None) -> None:
        self.builder, self.index, self.renames, self.mark = builder, index, renames, mark
        self.numbered = False  #: page numbering restarted (in the first section)
        self.lists: dict[str, str] = {}  #: list number -> its restarted copy
        self.bookmarks = _Bookmarks()

    def __call__(self, piece: etree._Element, table: etree._Element | None) -> None:
        _rename_references(piece, self.renames)
        section = None if self.numbered else next(piece.iter(W + "sectPr"), None)
        if section is not None:
            _restart_page_numbers(section)
            self.numbered = True
        if self.index > 0:
            self.builder._restart_lists(piece, self.lists)
        paragraph = None if self.mark is None else next(piece.iter(W + "p"), None)
        if paragraph is not None:
            _mark_start(paragraph, self.mark)
            self.mark = None
        self.builder._make_unique(piece, self.bookmarks)
        self.builder._copy_notes(piece)


def _as_is(body: etree._Element) -> None:
    """The last record keeps its last section as the file's own."""


def _frame(root: etree._Element) -> tuple[str, str]:
    """The main document before and after a body's content (``root``'s body is emptied)."""
    body = root.find(W + "body")
    del body[:]
    body.text = " "
    xml = etree.tostring(root, encoding="unicode")
    return xml[:xml.index(">", xml.index("<w:body")) + 1], xml[xml.rindex("</w:body>"):]


def _rename_references(element: etree._Element, renames: dict[str, str]) -> None:
    if not renames:
        return
    for node in element.iter():
        for attribute, value in node.attrib.items():
            if attribute.startswith(R) and value in renames:
                node.set(attribute, renames[value])


def _mark_start(paragraph: etree._Element, name: str) -> None:
    """Put an empty bookmark ``name`` at the start of ``paragraph``."""
    position = 1 if len(paragraph) and paragraph[0].tag == W + "pPr" else 0
    paragraph.insert(position, etree.Element(W + "bookmarkStart", {W + "id": "0", W + "name": name}))
    paragraph.insert(position + 1, etree.Element(W + "bookmarkEnd", {W + "id": "0"}))


def _rename_bookmark_references(story: etree._Element, names: dict[str, str]) -> None:
    """Point hyperlinks and REF/PAGEREF/NOTEREF fields of ``story`` at renamed bookmarks."""
    def renamed(match: re.Match[str]) -> str:
        return match.group(1) + match.group(2) + names.get(match.group(3), match.group(3))

    for link in story.iter(W + "hyperlink"):
        if link.get(W + "anchor") in names:
            link.set(W + "anchor", names[link.get(W + "anchor")])
    for instruction in story.iter(W + "instrText"):
        if instruction.text:
            instruction.text = _FIELD_REFERENCE.sub(renamed, instruction.text)
    for simple in story.iter(W + "fldSimple"):
        simple.set(W + "instr", _FIELD_REFERENCE.sub(renamed, simple.get(W + "instr", "")))


def _restart_page_numbers(section: etree._Element) -> None:
    """The record's first section starts a new page and restarts page numbering at 1."""
    kind = section.find(W + "type")
    if kind is not None and kind.get(W + "val") not in ("nextPage", "oddPage", "evenPage"):
        kind.set(W + "val", "nextPage")
    numbers = section.find(W + "pgNumType")
    if numbers is None:
        numbers = etree.Element(W + "pgNumType")
    numbers.set(W + "start", "1")
    place(section, numbers)  # also moves one a template holds out of place


def _move_into_paragraph(body: etree._Element) -> None:
    """Turn the record's closing body-level w:sectPr into a section break paragraph."""
    section = body[-1]
    previous = section.getprevious()
    if previous is not None and previous.tag == W + "p" and previous.find(f"{W}pPr/{W}sectPr") is None:
        paragraph = previous
    else:
        paragraph = etree.Element(W + "p")
        section.addprevious(paragraph)
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    place(properties, section)


def _style_numbering(styles: bytes | None) -> dict[str, tuple[str, str]]:
    """Paragraph style id -> (level, numId) for styles that number their paragraphs (basedOn followed)."""
    if styles is None:
        return {}
    root = etree.fromstring(styles, _PARSER)
    own, parents = {}, {}
    for style in root.iter(W + "style"):
        style_id = style.get(W + "styleId")
        number = style.find(f"{W}pPr/{W}numPr/{W}numId")
        if number is not None:
            level = style.find(f"{W}pPr/{W}numPr/{W}ilvl")
            own[style_id] = ("0" if level is None else level.get(W + "val"), number.get(W + "val"))
        based = style.find(W + "basedOn")
        if based is not None:
            parents[style_id] = based.get(W + "val")
    result = {}
    for style_id in {*own, *parents}:
        seen, current = set(), style_id
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current in own and own[current][1] != "0":
            result[style_id] = own[current]
    return result


def _part_type(types: etree._Element, name: str) -> str | None:
    override = types.find(f"{CT}Override[@PartName='/{name}']")
    return None if override is None else override.get("ContentType")


def _rel_key(rel: etree._Element) -> tuple[str, str, str | None]:
    return rel.get("Type"), rel.get("Target"), rel.get("TargetMode")


def _rels_name(name: str) -> str:
    folder, base = posixpath.split(name)
    return f"{folder}/_rels/{base}.rels"


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", standalone=True)
