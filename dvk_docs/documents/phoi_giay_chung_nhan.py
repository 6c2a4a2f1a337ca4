"""In trên phôi: only the variable text of each certificate, for bought, pre-printed blanks.

Every text of the certificate (recipient, unit, model, achievement, grounds, register number,
place and date, signer) is printed at a position in millimetres from the sheet's top-left corner:
the profile's defaults (``blank.fields``), changed per printer in the sheet “Vị trí in phôi”
(Trường, X, Y, Rộng, Cỡ chữ, Căn lề) and moved as a whole by Cấu hình “Dịch phôi sang phải /
xuống dưới (mm)”. X, Y are the top-left corner of the text's line box; a centred or right-aligned
text is centred or right-aligned in its width. The texts are the certificate's own
(:mod:`.giay_chung_nhan`), so both print from the same workbook data.

``--mode can-chinh`` prints the calibration page instead: a 10 mm ruler grid and a crosshair at
every field's position (offset applied) with the field's name, to print on plain paper and hold
against a blank.

Each text is a paragraph in a frame anchored to the page (``w:framePr``): its position is data, so
the template holds ``{{p f.khung }}`` (and ``{{p f.tam }}`` for the crosshair) and each record
carries the framed paragraph (:func:`dvk_docs.formats.frames.framed_paragraph`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Mm
from markupsafe import Markup

from ..errors import DocumentDataError
from ..formats.builder import TemplateWriter
from ..formats.frames import framed_paragraph
from ..formats.ooxml import W, place
from ..formats.profiles import Profile
from ..model import BlankField, Workbook
from ..rules.locations import cell
from ..workbook.blank_fields import FIELDS, field_key, format_mm, row_problems
from . import giay_chung_nhan
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, extend

KIND_NAME = "phoi-giay-chung-nhan"  #: slug, template file stem
MODES = ("", "can-chinh")  #: the texts on blanks; the calibration page
ALIGNMENTS = {"Trái": "left", "Giữa": "center", "Phải": "right"}  #: Căn lề -> w:jc
TWIPS_PER_MM = Decimal(1440) / Decimal("25.4")
CROSSHAIR = "+"  #: the crosshair's glyph on the calibration page, centred on the field's corner
CROSSHAIR_BOX_MM = 10  #: width of the crosshair's frame
CROSSHAIR_CENTRE = Decimal("0.302")  #: the glyph box centre below the top of its exact-height line, in em (measured)


@dataclass(frozen=True)
class Placement:
    """One text at its place: the attributes of its frame (twips, half-points, w:jc)."""

    truong: str  #: field name (``dong_chinh``)
    nhan: str  #: the clerks' label (“Người nhận”)
    chu: str  #: the text printed
    x: int  #: frame's left edge from the sheet's left edge, twips
    y: int  #: frame's top edge from the sheet's top edge, twips
    rong: int  #: frame width, twips
    co_chu: int  #: font size, half-points
    can_le: str  #: left / center / right
    x_mm: str  #: the corner's position as printed on the calibration page (“40”)
    y_mm: str
    khung: Markup  #: the text in its frame (the paragraph the template places)
    tam: Markup  #: calibration: the crosshair in its frame, centred on the corner; else empty


@dataclass(frozen=True)
class BlankContext(CommonContext):
    """Names of the blank-printing template, beyond the shared ones."""

    truong: tuple[Placement, ...]
    can_chinh: bool  #: the calibration page
    ten_mo_hinh: str  #: the model (names the file)


def build(book: Workbook, options: RenderOptions) -> list[BlankContext]:
    """One page of text per certificate, or the calibration page (``--mode can-chinh``).

    Raises :class:`DocumentDataError` for an unknown mode or a bad Vị trí in phôi row.
    """
    if options.mode not in MODES:
        raise DocumentDataError(f"Không có kiểu “{options.mode}” cho in trên phôi.",
                                hint="Dùng --mode can-chinh để in trang căn chỉnh, hoặc bỏ --mode.")
    layout = field_layout(book, options)
    calibrate = options.mode == "can-chinh"
    certificates = giay_chung_nhan.build(book, RenderOptions(options.profile, unit=options.unit))
    if calibrate:
        certificates = certificates[:1]
    return [
        extend(_common_part(context), BlankContext,
               truong=tuple(_placement(field, context, calibrate, options.profile) for field in layout),
               can_chinh=calibrate, ten_mo_hinh=context.ten_mo_hinh)
        for context in certificates
    ]


def field_layout(book: Workbook, options: RenderOptions) -> list[BlankField]:
    """Every printed field at its position, offsets applied: the profile's defaults with the rows
    of Vị trí in phôi over them (a blank cell keeps the default), in the profile's order.

    Raises :class:`DocumentDataError` naming the cell of a row :func:`row_problems` refuses (an
    unknown field, X or Y off the sheet, a width or font size that is not positive) or of a new
    field without X, Y.
    """
    fields = {f["field"]: BlankField(f["field"], Decimal(str(f["x"])), Decimal(str(f["y"])),
                                     Decimal(str(f["width"])), Decimal(str(f["size"])),
                                     f["align"])
              for f in options.profile.section("blank")["fields"]}
    for row in book.blank_layout:
        if problem := next(row_problems(row), None):
            raise DocumentDataError(f"{cell(book, 'blank_layout', problem.column, row.row)}: {problem.message}",
                                    hint=problem.hint)
        name = field_key(row.field)
        if name is None:  # an empty “Trường”: validation reports the missing value
            continue
        default = fields.get(name, BlankField(name, width=Decimal(100), size=Decimal(14), align="left"))
        chosen = BlankField(name, _pick(row.x, default.x), _pick(row.y, default.y),
                            _pick(row.width, default.width), _pick(row.size, default.size),
                            ALIGNMENTS.get(row.align, default.align), row.row)
        if chosen.x is None or chosen.y is None:
            raise DocumentDataError(f"{cell(book, 'blank_layout', 'x', row.row)}: trường “{row.field}” "
                                    "chưa có X, Y.", hint="Ghi vị trí (mm) của trường vào cột X, Y.")
        fields[name] = chosen
    dx = Decimal(str(book.settings.get("blank_offset_x", 0)))
    dy = Decimal(str(book.settings.get("blank_offset_y", 0)))
    return [BlankField(f.field, f.x + dx, f.y + dy, f.width, f.size, f.align, f.row)  # type: ignore[operator]
            for f in fields.values()]


def write_body(doc: TemplateWriter) -> None:
    """The calibration grid (calibration page only), then every field as a frame on the page."""
    doc.landscape()
    section = doc.document.sections[-1]
    grid = doc.profile.section("blank")["grid_mm"]
    section.top_margin = section.left_margin = Mm(grid)
    section.bottom_margin = section.right_margin = Mm(grid / 2)
    section.header_distance = section.footer_distance = Mm(grid / 4)
    doc.tag("{%p if can_chinh %}")
    _grid(doc, grid)
    doc.tag("{%p endif %}")
    doc.tag("{%p for f in truong %}")
    doc.paragraph("{{p f.khung }}", element="body", align="left")
    doc.paragraph("{{p f.tam }}", element="body", align="left")
    doc.tag("{%p endfor %}")
    doc.blank()


def describe(context: BlankContext) -> str:
    """The record as clerks name it."""
    if context.can_chinh:
        return "trang căn chỉnh in phôi"
    return f"in phôi “{context.ten_mo_hinh}”"


KIND = DocumentKind(KIND_NAME, "In trên phôi giấy chứng nhận", BlankContext, build, write_body,
                    describe, type_code=giay_chung_nhan.TYPE_CODE, modes=MODES[1:])


def _grid(doc: TemplateWriter, grid: float) -> None:
    """A ruler grid of ``grid`` mm squares from the margins (top-left = (grid, grid) mm), each
    line of squares labelled with its distance from the sheet's edge in mm."""
    columns, rows = int((297 - 1.5 * grid) // grid), int((210 - 3 * grid) // grid)  # room below for the frames
    table = doc.layout_table([grid / 10] * columns, rows=rows)
    borders = place(table._tbl.tblPr, table._tbl.tblPr.makeelement(W + "tblBorders", {}))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(W + side, {W + "val": "single", W + "sz": "2",
                                                      W + "space": "0", W + "color": "7F7F7F"}))
    for index, row in enumerate(table.rows):
        row.height, row.height_rule = Mm(grid), WD_ROW_HEIGHT_RULE.EXACTLY
        for column, box in enumerate(row.cells):
            label = str(round(grid * (column + 1))) if index == 0 else \
                str(round(grid * (index + 1))) if column == 0 else ""
            doc.paragraph(label, element="grid_label", align="left", into=box)


def _placement(field: BlankField, context: giay_chung_nhan.CertificateContext, calibrate: bool,
               profile: Profile) -> Placement:
    x, y = field.x or Decimal(0), field.y or Decimal(0)
    label = FIELDS.get(field.field, field.field)
    text = f"{label} (x {format_mm(x)}, y {format_mm(y)})" if calibrate else str(getattr(context, field.field) or "")
    size = int((field.size or Decimal(14)) * 2)
    align = field.align or "left"
    cross = int(profile.section("blank")["crosshair_size"])
    centre = CROSSHAIR_CENTRE * cross * Decimal("25.4") / 72
    khung = framed_paragraph(text, x=_twips(x), y=_twips(y), width=_twips(field.width or Decimal(100)),
                             half_points=size, align=align, font=profile.font)
    tam = framed_paragraph(CROSSHAIR, x=_twips(x - Decimal(CROSSHAIR_BOX_MM) / 2), y=_twips(y - centre),
                           width=_twips(Decimal(CROSSHAIR_BOX_MM)), half_points=cross * 2, align="center",
                           font=profile.font, exact_pt=cross) if calibrate else Markup("")
    return Placement(truong=field.field, nhan=label, chu=text, x=_twips(x), y=_twips(y),
                     rong=_twips(field.width or Decimal(100)), co_chu=size, can_le=align,
                     x_mm=format_mm(x), y_mm=format_mm(y), khung=khung, tam=tam)


def _common_part(context: CommonContext) -> CommonContext:
    """The shared names of a kind's context, without the kind's own."""
    return CommonContext(**{f.name: getattr(context, f.name) for f in fields(CommonContext)})


def _pick(value: Decimal | None, default: Decimal | None) -> Decimal | None:
    return default if value is None else value


def _twips(mm: Decimal | float) -> int:
    return int((Decimal(str(mm)) * TWIPS_PER_MM).to_integral_value())
