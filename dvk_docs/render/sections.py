"""A rendered document never ends in an empty section.

A template may leave out its last sections (``{%p if kem_bieu_mau %}`` around an attached form that
starts on a landscape page): what is left is an empty paragraph holding the section break and, after
it, a last section with nothing in it — Word would print one blank landscape page. Here that last,
empty section is removed: the section before it becomes the last one (its properties move to the
body's own ``w:sectPr``, its break paragraph goes), so the document ends where its text ends, in
the page layout of its text.
"""

from __future__ import annotations

from lxml import etree

from ..formats.ooxml import W


def drop_empty_last_section(body: etree._Element) -> bool:
    """Fold an empty last section of ``body`` (a ``w:body``) into the one before; True if it did."""
    final = body.find(f"{W}sectPr")
    if final is None:
        return False
    content = [child for child in body if child is not final]
    if not content or content[-1].tag != f"{W}p":
        return False
    breaker = content[-1]
    inner = breaker.find(f"{W}pPr/{W}sectPr")
    if inner is None or _has_text(breaker):
        return False
    inner.getparent().remove(inner)
    body.replace(final, inner)
    if not any(_visible(child) for child in breaker if child.tag != f"{W}pPr"):
        body.remove(breaker)
    return True


def _has_text(paragraph: etree._Element) -> bool:
    return any(text.strip() for text in paragraph.itertext())


def _visible(element: etree._Element) -> bool:
    """A run or other content that shows something (not an empty run)."""
    return element.tag != f"{W}r" or any(child.tag != f"{W}rPr" for child in element)
