"""Children at their schema position: the one way the builder and the print file add WordprocessingML.

Word reads a document strictly: the children of ``w:tblPr``, ``w:sectPr``, ``w:pPr``, ``w:rPr`` must
come in the order of the ECMA-376 schema, each at most once. python-docx's oxml layer keeps that
order for the elements it knows (``ZeroOrOne(..., successors=...)``, ``insert_element_before``);
:func:`place` does the same for any element of the parents listed in :data:`SCHEMA_ORDER`, on python-docx
elements and on plain lxml elements alike (the print file parses with lxml).
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  #: WordprocessingML namespace
CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"  #: docProps/core.xml

SCHEMA_ORDER: dict[str, tuple[str, ...]] = {  #: parent local name -> its children in schema order
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
              "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange"),
    "sectPr": ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
               "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
               "printerSettings", "sectPrChange"),
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
            "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
            "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
            "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
            "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
            "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
            "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
            "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
            "specVanish", "oMath", "rPrChange"),
}
REPEATABLE = frozenset({"headerReference", "footerReference"})  #: children a parent may hold several of


def place(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Put ``child`` into ``parent`` at its schema position and return it.

    A child the schema allows once replaces the one already there (no duplicates).
    """
    order = SCHEMA_ORDER[etree.QName(parent).localname]
    name = etree.QName(child).localname
    if name not in REPEATABLE:
        for old in parent.findall(child.tag):
            if old is not child:
                parent.remove(old)
    successors = {W + tag for tag in order[order.index(name) + 1:]}
    for existing in parent:
        if existing.tag in successors and existing is not child:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: etree._Element, name: str) -> etree._Element:
    """The ``w:{name}`` child of ``parent``, added at its schema position when missing."""
    existing = parent.find(W + name)
    if existing is not None:
        return existing
    return place(parent, parent.makeelement(W + name, {}))


def get_or_add_core(properties: etree._Element, name: str) -> etree._Element:
    """The ``cp:{name}`` child of ``cp:coreProperties`` (its children come in any order), added when missing."""
    existing = properties.find(CORE + name)
    if existing is not None:
        return existing
    return etree.SubElement(properties, CORE + name)
