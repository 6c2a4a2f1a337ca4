"""One .docx print file for a whole batch: one section (or the template's sections) per record.

docxcompose keeps only the first document's header, lets page numbers run on and drops the section
properties of appended documents. Here the package is built directly from the rendered records:

- every record starts a new page, with its own copy of each rendered header and footer part
  (so "QĐ số …" in a header is the record's own), page numbering restarting at 1, and the
  template's section properties kept (first page unnumbered via ``titlePg``, landscape annexes);
- every list restarts in each record (its ``w:num`` is cloned with ``startOverride``);
- drawing ids are renumbered across the file; pictures and styles are shared (same template).
"""

from __future__ import annotations

import copy
import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree

from ..errors import TemplateError
from .engine import DOC_PR, DOCUMENT_PART, FOOTNOTES_TYPE, CompiledTemplate, RenderedDocument, W

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"  #: relationships (in parts)
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"  #: .rels files
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"  #: [Content_Types].xml
RELS_PART = "word/_rels/document.xml.rels"  #: relationships of the main document
TYPES_PART = "[Content_Types].xml"  #: content types of the package
NUMBERING_PART = "word/numbering.xml"  #: list definitions
STYLES_PART = "word/styles.xml"  #: styles (some carry list numbering)
SECTPR_AFTER_TYPE = ("pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
                     "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                     "rtlGutter", "docGrid", "printerSettings", "sectPrChange")  #: schema order
SECTPR_AFTER_PGNUMTYPE = SECTPR_AFTER_TYPE[6:]  #: what must follow w:pgNumType in w:sectPr
PPR_BEFORE_NUMPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"  #: as python-docx writes
_PARSER = etree.XMLParser(huge_tree=True)


def build_print_file(template: CompiledTemplate, documents: Sequence[RenderedDocument]) -> bytes:
    """The .docx bytes of one print file holding ``documents`` in order.

    Raises :class:`~dvk_docs.errors.TemplateError` when the template renders its footnotes (their
    numbers would clash between records) or a record rendered by plain docxtpl added pictures to a
    header.
    """
    if not documents:
        raise ValueError("a print file needs at least one record")
    builder = _Builder(template)
    for index, document in enumerate(documents):
        builder.add(index, document, last=index == len(documents) - 1)
    return builder.package()


@dataclass
class _Record:
    """What one record contributes: its document XML, rendered header/footer parts, relationships."""

    document: bytes
    parts: dict[str, bytes]
    rels: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  #: extra rId -> rel
    media: dict[str, bytes] = field(default_factory=dict)  #: zip name -> bytes of extra targets


class _Builder:
    """Accumulates the merged body, cloned parts, relationships and list definitions."""

    def __init__(self, template: CompiledTemplate) -> None:
        self.template = template
        with zipfile.ZipFile(io.BytesIO(template.static_members)) as static:
            self.static = {info.filename: static.read(info) for info in static.infolist()}
        self.types = etree.fromstring(self.static[TYPES_PART], _PARSER)
        if any(_part_type(self.types, name) == FOOTNOTES_TYPE for name in template.rendered_members):
            raise TemplateError(
                "Mẫu có chú thích cuối trang chứa thẻ, không ghép được vào một tệp in chung.",
                hint="Bỏ thẻ khỏi chú thích cuối trang, hoặc in từng văn bản riêng.",
            )
        self.rels = etree.fromstring(self.static[RELS_PART], _PARSER)
        self.numbering = (
            etree.fromstring(self.static[NUMBERING_PART], _PARSER) if NUMBERING_PART in self.static else None
        )
        self.style_numbers = _style_numbering(self.static.get(STYLES_PART))
        self.rendered_rels = {
            rel.get("Id"): "word/" + rel.get("Target")
            for rel in self.rels
            if "word/" + rel.get("Target", "") in template.rendered_members
        }
        self.head = self.tail = ""
        self.bodies: list[str] = []  #: each record's body content, serialised
        self.parts: dict[str, bytes] = {}
        self.next_id = 1
        self.next_drawing = 1
        self.next_num = 1 + max((int(n.get(W + "numId")) for n in self._nums()), default=0)

    def add(self, index: int, document: RenderedDocument, *, last: bool) -> None:
        record = self._record(document)
        root = etree.fromstring(record.document, _PARSER)
        body = root.find(W + "body")
        renames = self._clone_parts(index, record)
        renames.update(self._add_relationships(index, record))
        _rename_references(body, renames)
        _restart_page_numbers(next(body.iter(W + "sectPr")))
        if index > 0:
            self._restart_lists(body)
        if not last:
            _move_into_paragraph(body)
        for drawing in body.iter(DOC_PR):
            drawing.set("id", str(self.next_drawing))
            self.next_drawing += 1
        xml = etree.tostring(root, encoding="unicode")
        start, end = xml.index(">", xml.index("<w:body")) + 1, xml.rindex("</w:body>")
        if not self.bodies:
            self.head, self.tail = xml[:start], xml[end:]
        self.bodies.append(xml[start:end])

    def package(self) -> bytes:
        document = "".join((self.head, *self.bodies, self.tail))
        changed = {
            DOCUMENT_PART: XML_DECLARATION + document.encode("utf-8"),
            RELS_PART: _serialise(self.rels),
            TYPES_PART: _serialise(self.types),
            **self.parts,
        }
        if self.numbering is not None:
            changed[NUMBERING_PART] = _serialise(self.numbering)
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self.static.items():
                if name not in changed:
                    package.writestr(name, data)
            for name, data in changed.items():
                package.writestr(name, data)
        return output.getvalue()

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
            if index == 0:
                self.parts[name] = record.parts[name]
                continue
            stem, extension = posixpath.splitext(name)
            clone = f"{stem}r{index}{extension}"
            self.parts[clone] = record.parts[name]
            if _rels_name(name) in self.static:
                self.parts[_rels_name(clone)] = self.static[_rels_name(name)]
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
                self.parts[copied] = record.media[source]
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
        taken = {rel.get("Id") for rel in self.rels}
        while f"rIdP{self.next_id}" in taken:
            self.next_id += 1
        return f"rIdP{self.next_id}"

    def _nums(self) -> Iterator[etree._Element]:
        return iter(()) if self.numbering is None else self.numbering.iter(W + "num")

    def _restart_lists(self, body: etree._Element) -> None:
        """Point the record's list paragraphs at fresh copies of their lists, restarted."""
        if self.numbering is None:
            return
        clones: dict[str, str] = {}
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
                _insert_after(properties, numbering, PPR_BEFORE_NUMPR)

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


def _rename_references(element: etree._Element, renames: dict[str, str]) -> None:
    if not renames:
        return
    for node in element.iter():
        for attribute, value in node.attrib.items():
            if attribute.startswith(R) and value in renames:
                node.set(attribute, renames[value])


def _restart_page_numbers(section: etree._Element) -> None:
    """The record's first section starts a new page and restarts page numbering at 1."""
    kind = section.find(W + "type")
    if kind is not None and kind.get(W + "val") not in ("nextPage", "oddPage", "evenPage"):
        kind.set(W + "val", "nextPage")
    numbers = section.find(W + "pgNumType")
    if numbers is None:
        numbers = etree.Element(W + "pgNumType")
        _insert_before(section, numbers, SECTPR_AFTER_PGNUMTYPE)
    numbers.set(W + "start", "1")


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
    change = properties.find(W + "pPrChange")
    if change is not None:
        change.addprevious(section)
    else:
        properties.append(section)


def _insert_before(parent: etree._Element, child: etree._Element, followers: Sequence[str]) -> None:
    for existing in parent:
        if etree.QName(existing).localname in followers:
            existing.addprevious(child)
            return
    parent.append(child)


def _insert_after(parent: etree._Element, child: etree._Element, leaders: Sequence[str]) -> None:
    position = 0
    for offset, existing in enumerate(parent):
        if etree.QName(existing).localname in leaders:
            position = offset + 1
    parent.insert(position, child)


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
