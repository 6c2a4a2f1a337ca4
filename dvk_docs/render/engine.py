"""Compile a docxtpl template once, render many records, write each package by copying.

docxtpl reloads the .docx, re-runs its regex preprocessing and compiles new Jinja templates on every
``render()`` (about 40 ms per document). :class:`CompiledTemplate` runs docxtpl's own preprocessing
(``patch_xml``) once per part, compiles each part once, and per record only renders, applies
docxtpl's own post-processing (``resolve_listing``, ``fix_tables``, drawing ids) and serialises the
parts exactly as python-docx would. Each package is the template's unchanged members (compressed
once) plus the rendered parts, so the output is byte-identical to docxtpl's for every rendered part.

Pictures used by the whole batch (signature, seal) are :class:`BatchImage` values: their media part
and relationships are added once, when the template is prepared, in the order docxtpl would add
them; their markup (a seal floating over the signature) comes from :mod:`.pictures`, as docxtpl's. Records whose context holds
something only docxtpl can render (a sub-document, a per-record ``InlineImage``, rich text with a
hyperlink) and templates with tags in their document properties are rendered by plain docxtpl;
:attr:`RenderedDocument.fallback` says why. A sub-document or a link made with ``build_url_id`` lives
in the caller's own ``DocxTemplate`` (its parts, media, relationships): such a record is rendered with
that object (the sub-document's, or the one given to :meth:`CompiledTemplate.load`), or refused
with the reason, never written without the parts it points to.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import datetime as dt
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import docxtpl
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate, InlineImage, Listing, RichText, RichTextParagraph
from jinja2 import Environment, Template, nodes
from jinja2 import TemplateError as JinjaTemplateError
from lxml import etree
from markupsafe import Markup

from ..errors import DvkError, TemplateError
from ..formats.ooxml import W
from ..safety import check_package
from .bodystream import BodyStream
from .pictures import BatchImage, PictureImage
from .sections import drop_empty_last_section

DOCUMENT_PART = "word/document.xml"  #: zip member of the main document
FOOTNOTES_TYPE = (  #: content type of the footnotes part, which docxtpl also renders
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
ENDNOTES_TYPE = (  #: content type of the endnotes part, which nothing renders (its tags print as typed)
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
)
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  #: rendered by docxtpl
RENDER_ERRORS = (  #: what rendering one record may raise because of its data or the template
    JinjaTemplateError, etree.XMLSyntaxError, DvkError, TypeError, ValueError, ArithmeticError,
)
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"  #: drawing id
FIRST_DRAWING_ID = 1001  #: docxtpl numbers the body's drawings from here
TAG_MARKERS = ("{{", "{%", "{#")  #: a part holding one of these is a template
LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")  #: characters docxtpl's resolve_listing rewrites
LISTING_CACHE = 256  #: paragraphs whose resolve_listing result a template keeps
_PARAGRAPH_START = re.compile(r"<w:p(?: [^>]*)?>")  #: where resolve_listing's paragraphs start
PARAGRAPH_END = "</w:p>"  #: where they end
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")  #: a run's text in well-formed XML
_LISTING_TEXT = re.compile(  #: what resolve_listing takes for a run's text (``<w:t…>.*?</w:t>``); group 1
    r"<w:t(?:(?: [^>\t\a\n\f]*)?>[^\t\a\n\f]*?</w:t>|((?: [^>]*)?>.*?</w:t>))", re.DOTALL)  # when it holds a listing character
_DECLARATION = re.compile(rb' xmlns(:[^=]+)?="([^"]*)"')  #: a namespace declaration in serialised XML
_RELATIONSHIP_ID = re.compile(r'r:id="([^"]+)"')  #: relationship ids in rich text markup
BODY_END = b"</w:body>"  #: closing tag of the document body
PART_COMPRESSION = 1  #: zlib level of each record's rendered parts: 2-4x faster than the default 6, file <1% bigger
ESCAPED_MARKERS = ("{_{", "}_}", "{_%", "%_}")  #: docxtpl's way of writing literal tags

#: what a DocxTemplate's replace_* calls queue for its save(), which the engine never calls
REPLACEMENTS = ("crc_to_new_media", "crc_to_new_embedded", "zipname_to_replace", "pics_to_replace")
SUBDOC = getattr(docxtpl, "Subdoc", ())  #: docxtpl's sub-document (only with its docxcompose extra)
PLAIN_TYPES = frozenset({str, int, float, bool, type(None), Decimal, dt.date, dt.datetime})  #: never markup
EnvironmentFactory = Callable[[], Environment]  #: builds the Jinja environment (in every process)


@dataclass(frozen=True)
class TemplateSpec:
    """Everything needed to prepare a template again in a worker process (picklable)."""

    source: bytes
    name: str
    env_factory: EnvironmentFactory
    images: Mapping[str, BatchImage] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedDocument:
    """One record rendered in memory.

    On the fast path ``parts`` maps zip member names to their rendered bytes and ``package`` is
    None; a record rendered by plain docxtpl has its whole .docx in ``package`` and the reason in
    ``fallback``.
    """

    parts: Mapping[str, bytes]
    package: bytes | None = None
    fallback: str | None = None


@dataclass
class _Part:
    """One compiled template part: its zip name, how it is finished, and its batch pictures."""

    name: str
    kind: str  #: "body", "story" (header/footer) or "raw" (footnotes)
    template: Template
    images: dict[str, Markup]


class CompiledTemplate:
    """A docxtpl template prepared once: render records, write packages.

    Raises :class:`~dvk_docs.errors.TemplateError` when the file is not a .docx or a tag is
    malformed (the message names the template and the text near the error).
    """

    def __init__(self, spec: TemplateSpec, owner: DocxTemplate | None = None) -> None:
        self.spec = spec
        self.owner = owner  #: the caller's DocxTemplate, for links made with its build_url_id
        self.env = spec.env_factory()
        try:
            self._docxtpl = DocxTemplate(io.BytesIO(spec.source))
            self._docxtpl.init_docx()
        except (zipfile.BadZipFile, KeyError, ValueError) as error:
            raise TemplateError(
                f"Tệp mẫu “{spec.name}” không phải tệp Word .docx hợp lệ.",
                hint="Mở mẫu bằng Word, lưu lại dạng .docx rồi chạy lại.",
            ) from error
        document = self._docxtpl.docx
        self.fallback = _core_properties_reason(document)
        if self.fallback is None:  # docxtpl rewrites core.xml (render_properties): the same here
            for name in CORE_PROPERTIES:
                value = getattr(document.core_properties, name)
                setattr(document.core_properties, name, self.env.from_string(value).render())
        sources = _template_sources(self._docxtpl)
        self._parts = [self._compile(name, kind, part, src) for name, kind, part, src in sources]
        self._varying = tuple(name for name, _, _, src in sources if _varies(src))
        base = io.BytesIO()
        document.save(base)
        self._static_zip = _static_zip(base.getvalue(), {p.name for p in self._parts})
        with zipfile.ZipFile(io.BytesIO(self._static_zip)) as static:
            self._static_infos = static.infolist()
            self._static_entries = self._static_zip[: static.start_dir]
        self._document = copy.deepcopy(document.element)
        self._document.find(W + "body").clear()
        self._head, self._tail = _document_frame(document.element)
        declarations = [re.escape(f' xmlns:{prefix}="{uri}"'.encode())
                        for prefix, uri in document.element.nsmap.items() if prefix]
        self._root_declarations = re.compile(  #: what lxml drops from nested elements of the body
            b"|".join(declarations) or rb"(?!)")
        self._root_uris = frozenset(uri.encode() for uri in document.element.nsmap.values())
        self._parser = etree.XMLParser(huge_tree=True)
        # docxtpl's resolve_listing depends on the paragraph alone, and the same paragraphs come back
        # record after record (an agency's name on two lines)
        self._resolve_paragraph = functools.lru_cache(maxsize=LISTING_CACHE)(self._docxtpl.resolve_listing)

    @classmethod
    def load(
        cls,
        template: Path | bytes | DocxTemplate,
        env_factory: EnvironmentFactory,
        images: Mapping[str, BatchImage] | None = None,
    ) -> CompiledTemplate:
        """Prepare ``template`` (a path, the .docx bytes, or a ``DocxTemplate``) with the environment
        ``env_factory``.

        A ``DocxTemplate`` is the caller's own object: records whose rich text links to ids its
        ``build_url_id`` made are rendered with it (docxtpl renders an object once).
        """
        if isinstance(template, DocxTemplate):
            if any(getattr(template, name, None) for name in REPLACEMENTS):
                raise TemplateError(
                    "Mẫu có ảnh/tệp nhúng cần thay (replace_pic, replace_media, replace_embedded, "
                    "replace_zipname): bộ lập nhanh không làm việc này.",
                    hint="Thay ảnh ngay trong tệp mẫu rồi nạp lại, hoặc lập bằng docxtpl.",
                )
            source = _template_bytes(template)
            check_package(source, error=TemplateError, name="mẫu")
            return cls(TemplateSpec(source, "mẫu", env_factory, dict(images or {})), owner=template)
        if isinstance(template, bytes):
            source, name = template, "mẫu"
        else:
            try:
                source, name = Path(template).read_bytes(), Path(template).name
            except OSError as error:
                raise TemplateError(f"Không đọc được tệp mẫu “{template}”: {error.strerror}.") from error
        check_package(source, error=TemplateError, name=name)  # before lxml (huge_tree) parses it
        return cls(TemplateSpec(source, name, env_factory, dict(images or {})))

    def render(self, context: Any) -> RenderedDocument:
        """Render one record (a mapping or a dataclass) into memory.

        Raises one of :data:`RENDER_ERRORS` when the record cannot be rendered (a missing name,
        a value a filter refuses, output that is not well-formed XML).
        """
        values = to_mapping(context)
        reason = self.fallback or docxtpl_reason(values)
        if reason is not None:
            return RenderedDocument({}, self._render_with_docxtpl(values), reason)
        return RenderedDocument({part.name: self._render_part(part, values) for part in self._parts})

    def package(self, document: RenderedDocument) -> bytes:
        """The .docx bytes of a rendered record: unchanged members copied, rendered ones added."""
        if document.package is not None:
            return document.package
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=PART_COMPRESSION) as package:
            # the unchanged members, already compressed, are copied as they are
            buffer.write(self._static_entries)
            package.filelist = list(self._static_infos)
            package.NameToInfo = {info.filename: info for info in self._static_infos}
            package.start_dir = len(self._static_entries)
            for name, data in document.parts.items():
                package.writestr(name, data)
        return buffer.getvalue()

    def render_package(self, context: Any) -> bytes:
        """Render one record and return its .docx bytes."""
        return self.package(self.render(context))

    @property
    def static_members(self) -> bytes:
        """The zip of every member the fast path does not render (what each package starts from)."""
        return self._static_zip

    @property
    def rendered_members(self) -> tuple[str, ...]:
        """Zip names of the parts the fast path renders, the main document first."""
        return tuple(part.name for part in self._parts)

    @property
    def varying_members(self) -> tuple[str, ...]:
        """The rendered parts whose content depends on the record (they hold tags)."""
        return self._varying

    def _compile(self, name: str, kind: str, part: Any, source: str) -> _Part:
        # docxtpl's render_xml_part puts each paragraph on its own line (for error line numbers)
        source = source.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")
        try:
            tree = self.env.parse(source)
            names = _picture_order(tree, self.spec.images)  # before compiling, which may rewrite the tree
            template = self.env.from_string(tree)
        except JinjaTemplateError as error:
            raise _syntax_error(self.spec.name, name, source, error) from error
        images = {n: _image_markup(part, self.spec.images[n]) for n in names} if part else {}
        return _Part(name, kind, template, images)

    def _render_part(self, part: _Part, values: Mapping[str, Any]) -> bytes:
        xml = part.template.render({**values, **part.images})
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for escaped in ESCAPED_MARKERS:
            if escaped in xml:
                xml = xml.replace(escaped, escaped.replace("_", ""))
        xml = self._resolve_listing(xml)
        if part.kind == "raw":
            return xml.encode("utf-8")
        if part.kind == "story":
            return serialize_part_xml(parse_xml(xml.encode("utf-8")))
        return self._finish_body(xml)

    def _resolve_listing(self, xml: str) -> str:
        """docxtpl's ``resolve_listing``, run only on the paragraphs it may rewrite: those overlapping
        a text that holds a listing character (same output; far fewer regex passes)."""
        texts = _listing_texts(xml)
        if not texts:
            return xml
        starts = [start for start, _ in texts]
        pieces, done = [], 0
        for start, end in _paragraph_spans(xml):
            if start >= texts[-1][1]:
                break
            last = bisect.bisect_left(starts, end) - 1  # the last such text starting before the end
            if last >= 0 and texts[last][1] > start:
                pieces += [xml[done:start], self._resolve_paragraph(xml[start:end])]
                done = end
        return "".join(pieces) + xml[done:]

    def _finish_body(self, xml: str) -> bytes:
        """The main document part from the rendered body ``xml``, read and written piece by piece
        (:mod:`.bodystream`: a big list never has its whole tree in memory); strict: docxtpl would
        silently drop text. A table docxtpl's ``fix_tables`` widens, or a namespace lxml moves,
        takes the whole tree (:meth:`_finish_tree`)."""
        edit = _BodyEdit()
        content = b"".join(BodyStream(xml.encode("utf-8")).pieces(edit, drop_empty_last_section))
        if edit.tables_need_fixing:
            return self._finish_tree(self._docxtpl.fix_tables(xml))
        content = self._without_root_declarations(content)
        if b" xmlns" in content and self._rebinds(content):
            return self._in_document(_finished_tree(etree.fromstring(xml, self._parser)))
        return b"".join((self._head, content, self._tail))

    def _finish_tree(self, body: etree._Element) -> bytes:
        _finished_tree(body)
        # the body's own namespace declarations are the document's: only its content is kept
        xml = etree.tostring(body, encoding="UTF-8")
        content = self._without_root_declarations(xml[xml.index(b">") + 1: -len(BODY_END)])
        if b" xmlns" not in content or not self._rebinds(content):
            return b"".join((self._head, content, self._tail))
        return self._in_document(body)

    def _in_document(self, body: etree._Element) -> bytes:
        """The main document part holding ``body`` as lxml moves it there: for a default namespace,
        or a prefix bound to a namespace the document element declares under another prefix (Word's
        xmlns:wp14=".../wordml"), which lxml moves and renames; let it, to stay byte-identical with
        docxtpl."""
        shell = copy.deepcopy(self._document)
        shell.replace(shell.find(W + "body"), body)
        return serialize_part_xml(shell)

    def _without_root_declarations(self, content: bytes) -> bytes:
        """Nested declarations (pictures): lxml drops those the document element already makes
        when the body moves into the document, as in docxtpl; dropped here the same way."""
        return self._root_declarations.sub(b"", content)

    def _rebinds(self, content: bytes) -> bool:
        return any(prefix is None or uri in self._root_uris for prefix, uri in _DECLARATION.findall(content))

    def _render_with_docxtpl(self, values: Mapping[str, Any]) -> bytes:
        template = self._owner_for(values) or DocxTemplate(io.BytesIO(self.spec.source))
        for _, value in _markup_values(values, ""):
            if isinstance(value, InlineImage):
                value.tpl = template  # a per-record picture is made before its template exists
        pictures = {name: PictureImage(template, image) for name, image in self.spec.images.items()}
        template.render({**values, **pictures}, jinja_env=self.env)
        drop_empty_last_section(template.docx.element.body)
        output = io.BytesIO()
        template.save(output)
        return output.getvalue()

    def _owner_for(self, values: Mapping[str, Any]) -> DocxTemplate | None:
        """The caller's DocxTemplate a record must be rendered with, or None (a fresh one will do).

        A sub-document's parts and a ``build_url_id`` link live in the object that made them.
        Raises :class:`~dvk_docs.errors.TemplateError` when no object holds them or it cannot render.
        """
        owners: dict[int, tuple[str, DocxTemplate]] = {}
        own_links = self._docxtpl.docx.part.rels
        for path, value in _markup_values(values, ""):
            if isinstance(value, SUBDOC):
                owners.setdefault(id(value.tpl), (path, value.tpl))
            elif isinstance(value, (RichText, RichTextParagraph)):
                for rel_id in _RELATIONSHIP_ID.findall(value.xml):
                    owner = self.owner.docx.part.rels if self.owner is not None else own_links
                    if rel_id not in owner:
                        raise TemplateError(
                            f"{path}: liên kết {rel_id} không có trong mẫu “{self.spec.name}”.",
                            hint="Tạo liên kết bằng build_url_id của chính đối tượng DocxTemplate "
                                 "rồi đưa đối tượng đó cho CompiledTemplate.load.",
                        )
                    if self.owner is not None and rel_id not in own_links:
                        owners.setdefault(id(self.owner), (path, self.owner))
        if not owners:
            return None
        if len(owners) > 1:
            raise TemplateError(
                "Các tài liệu con, liên kết trong một văn bản thuộc nhiều đối tượng mẫu khác nhau: "
                + ", ".join(path for path, _ in owners.values()) + ".",
                hint="Tạo mọi tài liệu con và liên kết từ cùng một đối tượng DocxTemplate.",
            )
        path, owner = next(iter(owners.values()))
        if owner.is_rendered:
            raise TemplateError(
                f"{path}: đối tượng mẫu tạo ra nó đã lập một văn bản; docxtpl chỉ lập một lần.",
                hint="Mỗi văn bản có tài liệu con/liên kết riêng cần một đối tượng DocxTemplate mới.",
            )
        if _template_bytes(owner) != self.spec.source:
            raise TemplateError(
                f"{path}: được tạo từ một mẫu khác với mẫu “{self.spec.name}”.",
                hint="Tạo tài liệu con/liên kết từ DocxTemplate của chính mẫu này.",
            )
        return owner


def to_mapping(context: Any) -> dict[str, Any]:
    """The names a template sees for ``context``: a mapping's items or a dataclass's fields.

    Nested dataclasses stay objects (templates read them with ``a.b``).
    """
    if isinstance(context, Mapping):
        return dict(context)
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    raise TypeError(f"a template context must be a mapping or a dataclass, not {type(context).__name__}")


def docxtpl_reason(context: Mapping[str, Any]) -> str | None:
    """Why ``context`` needs plain docxtpl, or None; values are searched recursively.

    Markup objects other than docxtpl's ``Listing`` and link-free ``RichText`` change the package
    while they render (new relationships, parts): sub-documents, per-record ``InlineImage``...
    """
    for path, value in _markup_values(context, ""):
        if isinstance(value, (RichText, RichTextParagraph)):
            if "r:id=" in value.xml:
                return f"{path}: rich text with a hyperlink"
        elif not isinstance(value, (Markup, Listing)):
            return f"{path}: {type(value).__name__} changes the package while it renders"
    return None


def _markup_values(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every object with ``__html__`` inside mappings, sequences, dataclasses."""
    if type(value) in PLAIN_TYPES:
        return
    if hasattr(value, "__html__"):
        yield path, value
        return
    if isinstance(value, Mapping):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = enumerate(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
    else:
        return
    for key, item in items:
        if type(item) not in PLAIN_TYPES:
            yield from _markup_values(item, f"{path}.{key}" if path else str(key))


class _PartRendering:
    """Stands in for a DocxTemplate inside ``InlineImage``: only the part being rendered is read."""

    def __init__(self, part: Any) -> None:
        self.current_rendering_part = part


def _image_markup(part: Any, image: BatchImage) -> Markup:
    """docxtpl's own drawing markup for ``image`` in ``part`` (media and relationship added now)."""
    return Markup(PictureImage(_PartRendering(part), image).__html__())


def _finished_tree(body: etree._Element) -> etree._Element:
    """``body`` with no empty last section (a form left out leaves no blank landscape page) and
    its drawings numbered from :data:`FIRST_DRAWING_ID`, as docxtpl numbers them."""
    drop_empty_last_section(body)
    for number, drawing in enumerate(body.iter(DOC_PR), start=FIRST_DRAWING_ID):
        drawing.set("id", str(number))
    return body


def _picture_order(tree: nodes.Template, images: Mapping[str, BatchImage]) -> list[str]:
    """The batch pictures ``tree`` uses, in the order docxtpl meets them: printed ones first."""
    printed = [n.name for out in tree.find_all(nodes.Output) for n in out.find_all(nodes.Name)]
    used = [*printed, *(n.name for n in tree.find_all(nodes.Name))]
    return [n for n in dict.fromkeys(used) if n in images]


def _template_sources(template: DocxTemplate) -> list[tuple[str, str, Any, str]]:
    """(zip name, kind, python-docx part, patched source) of every part docxtpl renders.

    The body always; a header, footer or the footnotes only when rendering can change them.
    """
    document = template.docx
    sources = [(DOCUMENT_PART, "body", document.part, template.patch_xml(template.get_xml()))]
    for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            xml = template.get_part_xml(part)
            patched = template.patch_xml(xml)
            if _needs_rendering(xml, patched):
                sources.append((part.partname.lstrip("/"), "story", part, patched))
    for part in document.part.package.parts:
        if part.content_type == FOOTNOTES_TYPE:
            xml = part.blob.decode("utf-8")
            patched = template.patch_xml(xml)
            if _needs_rendering(xml, patched):
                sources.append((part.partname.lstrip("/"), "raw", None, patched))
    return sources


def _needs_rendering(xml: str, patched: str) -> bool:
    markers = TAG_MARKERS + ESCAPED_MARKERS + LISTING_CHARACTERS
    return patched != xml or any(marker in xml for marker in markers)


def _paragraph_spans(xml: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph as resolve_listing's pattern ``<w:p(?: [^>]*)?>.*?</w:p>``
    matches them (non-overlapping, each to the first end tag after its start), found with
    ``str.find``: the lazy ``.*?`` costs about 0.5 ms on a decision's body."""
    position = 0
    while (start := _PARAGRAPH_START.search(xml, position)) is not None:
        end = xml.find(PARAGRAPH_END, start.end())
        if end < 0:
            return
        position = end + len(PARAGRAPH_END)
        yield start.start(), position


def _listing_texts(xml: str) -> list[tuple[int, int]]:
    """(start, end) of the texts docxtpl's ``resolve_listing`` may rewrite, in order: it only
    rewrites listing characters inside what its pattern takes for a run's text (:data:`_LISTING_TEXT`;
    any text it rewrites inside a paragraph lies in one of these). Listing characters in the markup
    between elements (a picture's indented drawing) are left alone."""
    if not any(character in xml for character in LISTING_CHARACTERS):
        return []
    return [match.span() for match in _LISTING_TEXT.finditer(xml) if match.start(1) >= 0]


def _varies(source: str) -> bool:
    """True when a part's rendering depends on the record: a tag, or a listing character in its
    text. (A part Word saved has line breaks between elements too: docxtpl re-renders it, Jinja
    normalising them, but every record gets the same bytes.)"""
    if any(marker in source for marker in TAG_MARKERS + ESCAPED_MARKERS):
        return True
    return any(c in text for text in _TEXT.findall(source) for c in LISTING_CHARACTERS)


def _document_frame(document: etree._Element) -> tuple[bytes, bytes]:
    """The serialised main document before and after its body's content (as python-docx writes it)."""
    xml = serialize_part_xml(document)
    start = xml.index(b">", xml.index(b"<w:body")) + 1
    return xml[:start], xml[xml.rindex(BODY_END):]


def _template_bytes(template: DocxTemplate) -> bytes:
    """The .docx bytes a DocxTemplate was opened from (a path or a file object)."""
    source = template.template_file
    if hasattr(source, "read"):
        source.seek(0)
        return source.read()
    return Path(source).read_bytes()


def _core_properties_reason(document: Any) -> str | None:
    properties = document.core_properties
    for name in CORE_PROPERTIES:
        if any(marker in (getattr(properties, name) or "") for marker in TAG_MARKERS):
            return f"document property “{name}” holds template tags"
    return None


def _static_zip(package: bytes, rendered: set[str]) -> bytes:
    """The package without the rendered members, whose entries are copied as they are (compressed
    once, when python-docx saved the package)."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(output, "w") as target:
        infos = sorted(source.infolist(), key=lambda info: info.header_offset)
        ends = [info.header_offset for info in infos[1:]] + [source.start_dir]
        for info, end in zip(infos, ends, strict=True):
            if info.filename not in rendered:
                entry = copy.copy(info)
                entry.header_offset = output.tell()
                output.write(package[info.header_offset:end])  # local header, data, descriptor
                target.filelist.append(entry)
                target.NameToInfo[entry.filename] = entry
        target.start_dir = output.tell()
    return output.getvalue()


class _BodyEdit:
    """What the engine changes in the pieces of a rendered body (:class:`BodyStream`): drawing ids
    numbered from 1001 in document order, as docxtpl does; and whether a table needs docxtpl's
    ``fix_tables``."""

    def __init__(self) -> None:
        self.numbers = itertools.count(FIRST_DRAWING_ID)
        self.split: dict[etree._Element, _Grid] = {}  #: tables written row by row
        self.fixing_found = False  #: a table whose grid docxtpl's fix_tables changes

    def __call__(self, pieces: etree._Element, table: etree._Element | None) -> None:
        for drawing in pieces.iter(DOC_PR):
            drawing.set("id", str(next(self.numbers)))
        if table is None:
            self.fixing_found = self.fixing_found or _tables_need_fixing(pieces)
            return
        grid = self.split.setdefault(table, _Grid())  # rows (and the grid) of a table written row by row
        columns = pieces.find(W + "tblGrid")
        if columns is not None and grid.columns is None:
            grid.columns = len(columns.findall(W + "gridCol"))
        grid.add_rows(pieces)
        self.fixing_found = self.fixing_found or any(_tables_need_fixing(row) for row in pieces)

    @property
    def tables_need_fixing(self) -> bool:
        return self.fixing_found or any(grid.needs_fixing for grid in self.split.values())


@dataclass
class _Grid:
    """docxtpl's ``fix_tables`` test for one table: a row (nested ones too, as docxtpl counts them)
    with more cells than grid columns, or no row as wide as the grid."""

    columns: int | None = None  #: None: no w:tblGrid, never fixed
    most: int = 0
    widest: int = 0

    def add_rows(self, element: etree._Element) -> None:
        for row in element.iter(W + "tr"):
            cells = row.findall(W + "tc")
            self.most = max(self.most, len(cells))
            self.widest = max(self.widest, sum(_grid_span(cell) for cell in cells))

    @property
    def needs_fixing(self) -> bool:
        return self.columns is not None and (self.most > self.columns or self.widest < self.columns)


def _tables_need_fixing(element: etree._Element) -> bool:
    """True when docxtpl's ``fix_tables`` would change the grid of a table in ``element`` (e.g.
    after a ``{%tc%}`` loop)."""
    for table in element.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        check = _Grid(None if grid is None else len(grid.findall(W + "gridCol")))
        check.add_rows(table)
        if check.needs_fixing:
            return True
    return False


def _grid_span(cell: etree._Element) -> int:
    span = cell.find(f"{W}tcPr/{W}gridSpan")
    return 1 if span is None else int(span.get(W + "val"))


def _syntax_error(template: str, part: str, source: str, error: JinjaTemplateError) -> TemplateError:
    """A clerk-readable error for a malformed tag, quoting the text near it."""
    line = getattr(error, "lineno", None) or 1
    lines = source.splitlines()[max(line - 2, 0): line + 1]
    near = " ".join(t for t in (re.sub(r"<[^>]+>", "", x).strip() for x in lines) if t)
    where = "phần đầu/chân trang" if part != DOCUMENT_PART else "nội dung"
    return TemplateError(
        f"Mẫu “{template}” có lỗi cú pháp (thẻ sai) ở {where}: {error.message}"
        + (f" (gần đoạn “{near[:120]}”)" if near else "") + ".",
        hint="Mở mẫu bằng Word, sửa thẻ {{ … }} hoặc {% … %} cho đúng rồi chạy lại.",
    )
