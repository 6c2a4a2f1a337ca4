"""A document's body rewritten piece by piece, so that a big document's tree is never whole in memory.

A registration list of 3,000 models is one 12 MB table whose lxml tree takes about 150 MB. Here
the part is read with ``iterparse`` and written out as it is read, each time
:data:`PIECE_BLOCKS` paragraphs and rows have been read: each top-level block of the body
(paragraph, table) before the one just read, and inside a top-level table each row before the
one just read (the table's start tag first). The bytes are those ``etree.tostring`` writes for
the whole body. A smaller body is edited and written in one go, as a whole.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator

from lxml import etree

from ..formats.ooxml import W

STREAM_BYTES = 1 << 20  #: a body this big or bigger is read piece by piece (its tree: about 12 times more)
PIECE_BLOCKS = 1_000  #: paragraphs and rows read before the pieces waiting are written out (a few MB of tree)
BODY, TABLE, ROW = W + "body", W + "tbl", W + "tr"
BLOCKS = (W + "p", TABLE, ROW)  #: where a piece may end (never at the body's w:sectPr: its block before stays)

_PARSER = etree.XMLParser(huge_tree=True)
#: changes pieces before they are written: ``edit(container, table)``, the container holding them
#: (the body, or a copy of the body's or a split table's element); ``table``: the split table they
#: are rows of, else None
Edit = Callable[[etree._Element, etree._Element | None], None]
Finish = Callable[[etree._Element], None]  #: changes the body's last blocks before they are edited


class BodyStream:
    """The body of the part ``xml`` (a ``w:document`` or a ``w:body``), rewritten as it is read.

    :meth:`pieces` calls ``edit`` once on every piece in document order, just before it is
    written (pieces written together are edited together, in a container): top-level children
    of the body, children (rows) of a top-level table that was split, or the whole body when it
    is small. At the end, ``finish`` gets the body holding what is left (at least the body's
    ``w:sectPr`` and the block before it), before those are edited and written. After
    :meth:`pieces`, :attr:`root` is the part's root.
    """

    def __init__(self, xml: bytes) -> None:
        self.xml = xml
        self.root: etree._Element | None = None
        self._opened: set[etree._Element] = set()  #: split tables whose start tag is written

    def pieces(self, edit: Edit, finish: Finish) -> Iterator[bytes]:
        """The body's content (between ``<w:body>`` and ``</w:body>``), piece by piece."""
        written = False
        if len(self.xml) < STREAM_BYTES:
            self.root = etree.fromstring(self.xml, _PARSER)
        else:
            events = etree.iterparse(io.BytesIO(self.xml), events=("end",), tag=BLOCKS, huge_tree=True)
            waiting = 0
            for _, element in events:
                waiting += 1
                place = _place(element) if waiting >= PIECE_BLOCKS else None
                if place is not None:
                    if not written:
                        yield _text(place[0].text)  # before the body's first block
                    yield from self._flush(*place, edit)
                    waiting, written = 0, True
            self.root = events.root
        body = self.root if self.root.tag == BODY else self.root.find(BODY)
        finish(body)
        if not written:  # a small body: in one go
            edit(body, None)
            yield _content(body)
            return
        yield from self._flush(body, None, None, edit)

    def _flush(self, body: etree._Element, block: etree._Element | None, row: etree._Element | None,
               edit: Edit) -> Iterator[bytes]:
        """Write what is complete before ``block`` (just read; None: the end of the body; the
        parser may have read beyond it, as events come in batches): the blocks before it and,
        when its ``row`` was just read, its start tag and its rows before ``row``. The tails
        written are complete: the next sibling has begun."""
        if len(body) and body[0] in self._opened and body[0] is not block:  # a split table, now complete
            table = body[0]
            yield self._run(table, None, edit) + _end_tag(table)
            body.remove(table)
        yield self._run(body, block, edit)
        if row is None:
            return
        if block not in self._opened:
            self._opened.add(block)
            yield self._alone(_start_tag(block), body)
        yield self._run(block, row, edit)

    def _run(self, parent: etree._Element, stop: etree._Element | None, edit: Edit) -> bytes:
        """The children of ``parent`` before ``stop`` (None: all), taken out of the tree into a
        copy of ``parent``'s element, edited there and written in one go."""
        children = list(itertools.takewhile(lambda child: child is not stop, parent))
        if not children:
            return b""
        shell = parent.makeelement(parent.tag, nsmap=parent.nsmap)
        shell.extend(children)  # moved, tails and all
        edit(shell, parent if parent.tag == TABLE else None)
        return _content(shell)

    def _alone(self, data: bytes, parent: etree._Element) -> bytes:
        """``data`` without the namespace declarations lxml copies from ``parent``'s scope onto the
        first tag of an element serialised alone."""
        declarations = [f' xmlns:{p}="{uri}"' if p else f' xmlns="{uri}"' for p, uri in parent.nsmap.items()]
        end = data.index(b">")
        tag = data[:end]
        for declaration in declarations:
            tag = tag.replace(declaration.encode(), b"", 1)
        return tag + data[end:]


def _place(element: etree._Element) -> tuple[etree._Element, etree._Element, etree._Element | None] | None:
    """(body, block, row) when ``element`` is a block of the body (row None) or a row of a
    top-level table (block: the table); else None."""
    parent = element.getparent()
    if parent.tag == BODY:
        return parent, element, None
    if element.tag == ROW and parent.tag == TABLE and parent.getparent().tag == BODY:
        return parent.getparent(), parent, element
    return None


def _content(body: etree._Element) -> bytes:
    """What lies between the start and end tags of ``body``, as lxml writes it."""
    if len(body) == 0 and not body.text:
        return b""
    data = etree.tostring(body, encoding="UTF-8", with_tail=False)
    return data[data.index(b">") + 1: data.rindex(b"</")]


def _start_tag(element: etree._Element) -> bytes:
    """The start tag of ``element`` and the text before its first child."""
    shell = element.makeelement(element.tag, element.attrib, element.nsmap)
    shell.text = element.text
    data = etree.tostring(shell, encoding="UTF-8")
    return data[:-2] + b">" if data.endswith(b"/>") else data[:data.rindex(b"</")]


def _end_tag(element: etree._Element) -> bytes:
    """The end tag of ``element`` and its tail."""
    local = etree.QName(element).localname
    name = f"{element.prefix}:{local}" if element.prefix else local
    return f"</{name}>".encode() + _text(element.tail)


def _text(text: str | None) -> bytes:
    """``text`` escaped as lxml writes character data."""
    if not text:
        return b""
    shell = etree.Element("t")
    shell.text = text
    return etree.tostring(shell, encoding="UTF-8")[len(b"<t>"):-len(b"</t>")]
