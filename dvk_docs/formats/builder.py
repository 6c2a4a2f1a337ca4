"""The template builder: writes docxtpl templates with python-docx, styled by a format profile.

A document kind describes its template with a few calls on :class:`TemplateWriter` (paragraphs,
loop tags, tables, sections) and the shared blocks of :mod:`dvk_docs.formats.blocks`; the writer
applies the profile's fonts, sizes, margins and page numbers, and saves the same bytes every time.
Template text may hold docxtpl tags (``{{ ten_mo_hinh }}``, ``{%p for d in dong %}``); each tag is
written inside one run, so Word never splits it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Literal

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .ooxml import get_or_add, get_or_add_core, place
from .profiles import Profile, Style

Align = Literal["left", "center", "right", "justify"]
Run = str | tuple[str, str]  #: text in the paragraph's element style, or (text, element)

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"  #: Word 2010 part
FIXED_TIME = dt.datetime(2024, 1, 1)  #: core-property dates of every template (deterministic builds)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  #: zip entry time of every template part
LAYOUT_CELL_MARGIN_CM = 0.1  #: left and right padding of the cells of layout tables (header, signature)
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


class TemplateWriter:
    """A docx template under construction, in the typography of ``profile``.

    The first section is A4 portrait with the profile's margins and a centred page number at the
    top from page 2 on (no number on page 1).
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.document = Document()
        self._set_defaults()
        self._setup_section(self.document.sections[0], landscape=False)
        self._page_number_header()

    # ----------------------------------------------------------------------------- paragraphs

    def paragraph(
        self,
        *runs: Run,
        element: str = "body",
        align: Align = "justify",
        first_indent: bool = False,
        space_before: float | None = None,
        keep_next: bool = False,
        into: TemplateWriter | _Cell | None = None,
    ) -> Paragraph:
        """Append a paragraph of ``runs`` styled as profile ``element`` (see :data:`Run`).

        ``first_indent`` applies the profile's first-line indent; ``space_before`` is in points.
        """
        paragraph = self._new_paragraph(into)
        paragraph.alignment = _ALIGN[align]
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(space_before or 0)
        fmt.space_after = Pt(0)
        fmt.line_spacing = self.profile.section("body")["line_spacing"]
        fmt.keep_with_next = keep_next or None
        if first_indent:
            fmt.first_line_indent = Cm(self.profile.section("body")["first_line_indent_cm"])
        for run in runs:
            text, run_element = (run, element) if isinstance(run, str) else run
            self._add_run(paragraph, text, self.profile.style(run_element))
        return paragraph

    def body(self, *runs: Run, into: TemplateWriter | _Cell | None = None) -> Paragraph:
        """A body paragraph: justified, first-line indent, the profile's space before."""
        return self.paragraph(*runs, element="body", first_indent=True,
                              space_before=self.profile.section("body")["space_before_pt"], into=into)

    def centered(self, *runs: Run, element: str, space_before: float | None = None,
                 into: TemplateWriter | _Cell | None = None) -> Paragraph:
        """A centred paragraph in the style of ``element`` (titles, headings, header lines)."""
        return self.paragraph(*runs, element=element, align="center", space_before=space_before,
                              keep_next=True, into=into)

    def tag(self, tag: str, into: TemplateWriter | _Cell | None = None) -> Paragraph:
        """A paragraph holding only a docxtpl paragraph tag such as ``{%p for x in can_cu %}``.

        docxtpl removes the whole paragraph when it renders, so the tag leaves no blank line.
        """
        return self.paragraph(tag, element="body", align="left", into=into)

    def blank(self, element: str = "body", into: TemplateWriter | _Cell | None = None) -> Paragraph:
        """An empty line in the size of ``element``."""
        return self.paragraph("", element=element, into=into)

    def keep_end_with_next(self) -> None:
        """Keep the last paragraph of the body so far with the block that follows (the signature).

        When the body ends in ``{%p if %} … {%p else %} … {%p endif %}``, the last paragraph of
        each branch is kept, since either may be the one printed. A body that ends in a loop is
        left alone: every copy of the loop's paragraph would be chained to the next.
        """
        pending, depth = True, 0
        for element in reversed(self.document.element.body):
            if element.tag != qn("w:p"):
                if element.tag == qn("w:tbl"):
                    return
                continue
            paragraph = Paragraph(element, self.document)
            text = paragraph.text.strip()
            if text.startswith(("{%p endfor", "{%p for")):
                return
            if text.startswith(("{%p endif", "{%p else", "{%p elif")):
                depth += text.startswith("{%p endif")
                pending = True
            elif text.startswith("{%p if"):
                depth -= 1
                if depth <= 0 and not pending:
                    return
            elif pending:
                paragraph.paragraph_format.keep_with_next = True
                pending = False
                if depth == 0:
                    return

    # ---------------------------------------------------------------------------------- tables

    def layout_table(self, widths_cm: Sequence[float], indent_cm: float = 0.0, rows: int = 1,
                     *, unbreakable: bool = False) -> Table:
        """A borderless table for layout (header, signature): fixed column widths in cm.

        ``unbreakable`` rows are never split across pages (the signature block moves whole).
        """
        table = self.document.add_table(rows=rows, cols=len(widths_cm))
        self._fix_table(table, widths_cm, indent_cm, cell_margin_cm=LAYOUT_CELL_MARGIN_CM)
        if unbreakable:
            for row in table.rows:
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        return table

    def data_table(
        self,
        widths_cm: Sequence[float],
        header: Sequence[Sequence[str]],
        row: Sequence[str],
        loop: str,
        *,
        center_columns: Sequence[int] = (),
    ) -> Table:
        """A bordered table: ``header`` rows (repeated on every page), then one row per item.

        ``loop`` is the Jinja loop of the data row, e.g. ``"for d in dong"``; ``row`` holds one
        template text per column (e.g. ``"{{ d.stt }}"``). Rows are never split across pages.
        ``center_columns`` are the indexes of columns whose cells are centred.
        """
        table = self.document.add_table(rows=0, cols=len(widths_cm))
        self._fix_table(table, widths_cm, 0.0, cell_margin_cm=0.1)
        _set_borders(table)
        for texts in header:
            cells = self._row(table, header=True)
            for cell, text in zip(cells, texts, strict=True):
                self.paragraph(text, element="table_header", align="center", into=cell)
        for text in (f"{{%tr {loop} %}}", None, "{%tr endfor %}"):
            cells = self._row(table, header=False)
            if text is not None:
                self.paragraph(text, element="table", align="left", into=cells[0])
                continue
            for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
                align: Align = "center" if index in center_columns else "left"
                self.paragraph(value, element="table", align=align, into=cell)
        _merge_row_tags(table)
        return table

    # -------------------------------------------------------------------------------- sections

    def new_section(self, *, landscape: bool = False, restart_numbering: bool = True) -> None:
        """Start a new page in a new section (portrait or landscape).

        ``restart_numbering`` starts page numbers at 1 again (appendices are numbered separately);
        the first page of the section shows no number either way.
        """
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        self._setup_section(section, landscape=landscape)
        if restart_numbering:
            get_or_add(section._sectPr, "pgNumType").set(qn("w:start"), "1")

    def landscape(self) -> None:
        """Turn the current section to A4 landscape (wide tables), with the landscape margins."""
        self._setup_section(self.document.sections[-1], landscape=True)

    @property
    def text_width_cm(self) -> float:
        """Width between the margins of the current section, in cm."""
        section = self.document.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    # ------------------------------------------------------------------------------------ save

    def to_bytes(self) -> bytes:
        """The .docx bytes; the same profile and calls always give the same bytes."""
        core = self.document.core_properties
        core.author = "dvk-docs"
        core.created = core.modified = FIXED_TIME
        core.title = ""
        # cp: properties by their full name: docxcompose (docxtpl's sub-document extra), once
        # imported, rebinds python-docx's global "cp" prefix to the custom-properties namespace
        for name, text in (("lastModifiedBy", "dvk-docs"), ("revision", "1")):
            get_or_add_core(core._element, name).text = text
        raw = io.BytesIO()
        self.document.save(raw)
        return _normalise_zip(raw.getvalue())

    # -------------------------------------------------------------------------------- internals

    def _set_defaults(self) -> None:
        body = self.profile.style("body")
        normal = self.document.styles["Normal"]
        normal.font.name = self.profile.font
        normal.font.size = Pt(body.size)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), self.profile.font)
        get_or_add(normal.element.get_or_add_rPr(), "lang").set(qn("w:val"), "vi-VN")
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        # python-docx's stock settings.xml has <w:zoom w:val="bestFit"/>; the schema requires w:percent
        self.document.settings.element.find(qn("w:zoom")).set(qn("w:percent"), "100")
        # its stock package also holds Word 2010's stylesWithEffects.xml, which Word checks against
        # styles.xml (they would differ now); Word 2013 and later do without it
        relationships = self.document.part.rels
        for rel_id in [key for key, rel in relationships.items() if rel.reltype == STYLES_WITH_EFFECTS]:
            del relationships[rel_id]

    def _setup_section(self, section, *, landscape: bool) -> None:
        page = self.profile.section("page")
        margins = page["margins_mm"]  # NĐ 30 gives no other values for landscape pages
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.top_margin = Mm(margins["top"])
        section.bottom_margin = Mm(margins["bottom"])
        section.left_margin = Mm(margins["left"])
        section.right_margin = Mm(margins["right"])
        section.header_distance = Mm(page["header_distance_mm"])
        section.footer_distance = Mm(page["header_distance_mm"])
        section.different_first_page_header_footer = True

    def _page_number_header(self) -> None:
        header = self.document.sections[0].header
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style = self.profile.style("page_number")
        for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
            run = paragraph.add_run()
            _apply(run, style, self.profile.font)
            if kind is not None:
                field = OxmlElement("w:fldChar")
                field.set(qn("w:fldCharType"), kind)
                run._r.append(field)
            elif text == "PAGE":
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = " PAGE "
                run._r.append(instruction)
            else:
                run.text = text

    def _new_paragraph(self, into: TemplateWriter | _Cell | None) -> Paragraph:
        if into is None or into is self:
            return self.document.add_paragraph()
        paragraphs = into.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs:  # the empty paragraph of a new cell
            return paragraphs[0]
        return into.add_paragraph()

    def _add_run(self, paragraph: Paragraph, text: str, style: Style) -> None:
        run = paragraph.add_run(text)
        _apply(run, style, self.profile.font)

    def _fix_table(self, table: Table, widths_cm: Sequence[float], indent_cm: float,
                   cell_margin_cm: float) -> None:
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        properties = table._tbl.tblPr  # autofit = False wrote its w:tblLayout type="fixed"
        place(properties, _measure("w:tblW", _twips(sum(widths_cm))))
        place(properties, _measure("w:tblInd", _twips(indent_cm)))
        margins = place(properties, OxmlElement("w:tblCellMar"))
        for side in ("left", "right"):  # CT_TblCellMar: top, left, bottom, right
            margins.append(_measure(f"w:{side}", _twips(cell_margin_cm)))
        for column, width_cm in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
            column.set(qn("w:w"), str(_twips(width_cm)))
        for row in table.rows:
            for cell, width_cm in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width_cm)
        table._dvk_widths = list(widths_cm)

    def _row(self, table: Table, *, header: bool) -> list[_Cell]:
        row = table.add_row()
        properties = row._tr.get_or_add_trPr()
        mark = OxmlElement("w:tblHeader" if header else "w:cantSplit")
        properties.append(mark)
        for cell, width_cm in zip(row.cells, table._dvk_widths, strict=True):
            cell.width = Cm(width_cm)
        return list(row.cells)


def _apply(run, style: Style, font: str) -> None:
    run.font.name = font
    run.font.size = Pt(style.size)
    run.font.bold = style.bold or None
    run.font.italic = style.italic or None
    run.font.underline = style.underline or None
    if style.color:
        run.font.color.rgb = RGBColor.from_string(style.color)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def _measure(tag: str, twips: int) -> BaseOxmlElement:
    """A width element (``w:tblW``, ``w:left`` …) of ``twips`` twentieths of a point."""
    measure = OxmlElement(tag)
    measure.set(qn("w:w"), str(twips))
    measure.set(qn("w:type"), "dxa")
    return measure


def _set_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    place(table._tbl.tblPr, borders)


def _merge_row_tags(table: Table) -> None:
    """Merge the cells of each ``{%tr %}`` row so Word shows the tag on one line."""
    for row in table.rows:
        text = row.cells[0].text
        if text.startswith("{%tr") and len(row.cells) > 1:
            row.cells[0].merge(row.cells[-1])
            for paragraph in row.cells[0].paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)


def _normalise_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
