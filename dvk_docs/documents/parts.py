"""The shared parts of every document's context: letterhead, number, date, căn cứ, Nơi nhận, signer.

:class:`CommonContext` lists the template names the shared template blocks
(:mod:`dvk_docs.formats.blocks`) read; a kind's context class extends it and :func:`common_context`
fills it from the workbook in the issuing body's format profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CellRef, CellValueError, DocumentDataError
from ..formats.builder import LAYOUT_CELL_MARGIN_CM
from ..formats.linebreak import break_header_lines
from ..formats.metrics import longest_line_cm, rule_text
from ..formats.profiles import Profile, load_profile
from ..model import Signer, Unit, Workbook
from ..rules.locations import setting_cell
from ..safety.pictures import picture_cell_problem
from ..vntext import date_line, fold_key
from ..workbook.kind_settings import FORMS_KEY, SUMMARIES_KEY, attached_forms, summary_for
from ..workbook.schema import CHOICES, PROFILE_CHOICES

SIGNATURE_WIDTH_MM = 35.0  #: printed width of a signature image (blue, transparent PNG)
SEAL_WIDTH_MM = 36.0  #: printed width of a seal image: the usual diameter of a round seal
_TRAILING = " ;,."  #: punctuation clerks type at the end of căn cứ / Nơi nhận lines

C = TypeVar("C", bound="CommonContext")


@dataclass(frozen=True)
class Picture:
    """An image placed in the document: a file, its printed width in mm, and for a seal the
    signature it covers (NĐ 30 Phụ lục I II.8.a: the seal covers the signature's left third)."""

    path: str
    width_mm: float
    covers: Picture | None = None  #: the signature this seal floats over; None: drawn in line


@dataclass(frozen=True)
class CommonContext:
    """The names every template may use (docs/templates.md describes each one)."""

    the_thuc: str  #: profile id: nha-nuoc, dang, cong-doan
    co_quan_cap_tren: str  #: parent body, capitals ("" = none), broken into header lines
    co_quan_ban_hanh: str  #: issuing body, capitals, broken into header lines (a line break
    #: typed in the cell is kept; others are chosen at phrase boundaries, see formats.linebreak)
    gach_co_quan: str  #: rule under the issuing body, as underscores (State, union)
    ky_hieu: str  #: symbol: "QĐ-UBND" or "QĐ/ĐUK"
    so_ky_hieu: str  #: number line: "Số: 05/QĐ-UBND", "Số 29-KH/ĐUK" or the blank form
    ngay_thang: str  #: place and date line
    nam: int  #: the year of the cycle
    trich_yeu: str  #: summary under the document title
    gach_trich_yeu: str  #: rule under the summary, as underscores (State, union)
    can_cu: tuple[str, ...]  #: căn cứ lines, punctuation applied
    noi_nhan: tuple[str, ...]  #: Nơi nhận lines, punctuation applied, archive line last
    quyen_han: str  #: "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH" or ""
    chuc_vu: str  #: signer's title, capitals
    nguoi_ky: str  #: signer's name
    anh_chu_ky: Picture | None  #: signature image, or None
    anh_dau: Picture | None  #: seal image, or None

    def values(self) -> dict[str, Any]:
        """Field name -> value (top level only; nested rows stay objects)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def profile_of(book: Workbook, override: str | None = None) -> Profile:
    """The format profile: ``override`` (``--profile``) or Cấu hình "Thể thức văn bản"."""
    if override:
        return load_profile(override)
    label = book.settings.text("profile", "Nhà nước")
    return load_profile(PROFILE_CHOICES.get(label, label))


def common_context(
    book: Workbook,
    profile: Profile,
    *,
    kind: str,
    type_code: str,
    summary: str,
    number: str = "",
    date: dt.date | None = None,
) -> CommonContext:
    """The shared part of a context for a document of ``kind`` (slug) with type code ``type_code``.

    ``number`` "" and ``date`` None leave them blank for the văn thư. ``summary`` is written as the
    State form; a Party profile starts it lower-case. Raises :class:`DocumentDataError` when
    Cấu hình lacks the year or the workbook has no signer.
    """
    settings = book.settings
    year = _year(book, date)
    symbol = profile.symbol(type_code, settings.text("issuing_abbr"))
    summary = _summary_case(profile, _own_summary(book, kind, year) or summary)
    header = profile.section("header")
    column = header["left_cm"] - 2 * LAYOUT_CELL_MARGIN_CM
    parent = break_header_lines(settings.text("parent_body"), profile.style("parent_body"), column)
    issuing_style = profile.style("issuing_body")
    issuing = break_header_lines(settings.text("issuing_body"), issuing_style, column)
    signer = _signer(book)
    signature = _picture(book, signer.signature_image, SIGNATURE_WIDTH_MM, signer, "signature_image")
    issuing_rule = header["issuing_rule_fraction"] * longest_line_cm(issuing, issuing_style, column)
    summary_style = profile.style("summary")
    summary_rule = profile.section("summary")["rule_fraction"] * longest_line_cm(
        summary, summary_style, 15.5)
    return CommonContext(
        the_thuc=profile.id,
        co_quan_cap_tren=parent,
        co_quan_ban_hanh=issuing,
        gach_co_quan=rule_text(issuing_rule, issuing_style) if issuing_rule else "",
        ky_hieu=symbol,
        so_ky_hieu=profile.number_line(number, symbol),
        ngay_thang=date_line(settings.text("place"), date, year=None if date else year),
        nam=year,
        trich_yeu=summary,
        gach_trich_yeu=rule_text(summary_rule, summary_style) if summary_rule else "",
        can_cu=_bases(book, profile),
        noi_nhan=_recipients(book, profile, kind),
        quyen_han=_authority(profile, signer),
        chuc_vu=signer.title.upper(),
        nguoi_ky=signer.name,
        anh_chu_ky=signature,
        anh_dau=_picture(book, signer.seal_image, SEAL_WIDTH_MM, signer, "seal_image", covers=signature),
    )


def chosen_unit(book: Workbook, code: str) -> Unit:
    """The unit of ``--unit CODE``; raises :class:`DocumentDataError` when Đơn vị has no such code."""
    unit = book.unit(code)
    if unit is None:
        raise DocumentDataError(f"Không có đơn vị mã “{code}” trong sheet “Đơn vị”.",
                                hint="Kiểm tra lại mã đơn vị ghi sau --unit.")
    return unit


def unit_name(book: Workbook, code: str) -> str:
    """The name of the unit ``code`` in Đơn vị, else the code itself."""
    unit = book.unit(code)
    return unit.name if unit else code


def configured_fields(book: Workbook) -> tuple[str, ...]:
    """Cấu hình “Danh mục lĩnh vực” in order; the default list of fields when it is empty."""
    configured = book.settings.get("fields") or CHOICES["field"]
    if isinstance(configured, str):
        configured = [part.strip() for part in configured.split(";") if part.strip()]
    return tuple(configured)


def extend(common: CommonContext, context_class: type[C], **kind_fields: Any) -> C:
    """A kind's context: the shared values of ``common`` plus the kind's own ``kind_fields``."""
    return context_class(**common.values(), **kind_fields)


def attaches_form(book: Workbook, kind: str) -> bool:
    """Whether ``kind`` prints its forms (Cấu hình “Kèm biểu mẫu”); CellValueError for a bad entry."""
    try:
        return kind in attached_forms(book.settings)
    except ValueError as error:
        raise CellValueError(f"Kèm biểu mẫu: {error}", setting_cell(book, FORMS_KEY),
                             hint="Sửa ô này rồi chạy lại.") from None


def _own_summary(book: Workbook, kind: str, year: int) -> str | None:
    """Cấu hình “Trích yếu theo loại văn bản” for ``kind``; CellValueError for a bad entry."""
    try:
        return summary_for(book.settings, kind, year)
    except ValueError as error:
        raise CellValueError(f"Trích yếu theo loại văn bản: {error}", setting_cell(book, SUMMARIES_KEY),
                             hint="Sửa ô này rồi chạy lại.") from None


def _year(book: Workbook, date: dt.date | None) -> int:
    year = book.settings.get("year")
    if year is None and date is None:
        raise DocumentDataError(
            f"{setting_cell(book, 'year')}: chưa có năm.",
            hint="Ghi năm của phong trào (ví dụ 2025) vào mục “Năm” trong sheet “Cấu hình”.",
        )
    return int(year) if year is not None else date.year


def _summary_case(profile: Profile, summary: str) -> str:
    if profile.section("summary")["lower_first"] and summary:
        return summary[0].lower() + summary[1:]
    return summary


def _bases(book: Workbook, profile: Profile) -> tuple[str, ...]:
    convention = profile.section("bases")
    lines = [line.strip().rstrip(_TRAILING) for line in book.settings.text("legal_bases").splitlines()]
    lines = [line for line in lines if line]
    advisory = book.settings.text("advisory_body").strip().rstrip(_TRAILING)
    if advisory:
        lines.append(convention["proposal"].format(advisory=advisory))
    return _punctuate(lines, convention)


def _recipients(book: Workbook, profile: Profile, kind: str) -> tuple[str, ...]:
    """Nơi nhận: the kind's own lines, else the shared ones (kind “*”); each line once, and one
    archive line (“Lưu …”, the profile's default when none is given) last."""
    convention = profile.section("recipients")
    own = [r for r in book.recipients if fold_key(r.kind) == fold_key(kind)]
    chosen = own or [r for r in book.recipients if r.kind.strip() == "*"]
    lines: dict[str, str] = {}
    for recipient in sorted(chosen, key=lambda r: (r.order, r.row)):
        line = recipient.text.strip().lstrip("-– ").rstrip(_TRAILING)
        if line:
            lines.setdefault(fold_key(line), line)
    archive = [line for key, line in lines.items() if key.startswith(fold_key("Lưu"))]
    body = [line for line in lines.values() if line not in archive]
    return _punctuate([*body, archive[-1] if archive else convention["archive"]], convention)


def _punctuate(lines: list[str], convention: dict[str, str]) -> tuple[str, ...]:
    prefix = convention["prefix"]
    return tuple(
        f"{prefix}{line}{convention['last'] if index == len(lines) - 1 else convention['separator']}"
        for index, line in enumerate(lines)
    )


def _signer(book: Workbook) -> Signer:
    code = book.settings.text("default_signer")
    signer = next((s for s in book.signers if s.code == code), None) if code else None
    if signer is None and code:
        raise DocumentDataError(
            f"{setting_cell(book, 'default_signer')}: "
            f"không có người ký mã “{code}” trong sheet “Người ký”.",
            hint="Sửa mã người ký mặc định hoặc thêm người đó vào sheet “Người ký”.",
        )
    if signer is None and not book.signers:
        raise DocumentDataError(
            "Sheet “Người ký” chưa có ai, không thể lập khối chữ ký.",
            hint="Thêm họ tên, chức vụ, quyền hạn ký của người ký vào sheet “Người ký”.",
        )
    return signer or book.signers[0]


def _authority(profile: Profile, signer: Signer) -> str:
    prefix = profile.authority(signer.authority)
    return " ".join(part for part in (prefix, signer.on_behalf_of.upper()) if part)


def image_file(book: Workbook, path: str, cell: CellRef) -> Path:
    """The picture file a workbook ``cell`` names, taken from the workbook's folder when relative.

    Raises :class:`DocumentDataError` naming ``cell`` when the file is not there or is no picture a
    document can hold, with the reader's sentence (``missing-image`` / ``not-an-image``).
    """
    folder = Path(book.folder)
    if problem := picture_cell_problem(path, folder):
        raise DocumentDataError(f"{cell}: {problem.message}")
    return folder / path


def _picture(book: Workbook, path: str, width_mm: float, signer: Signer, field: str,
             covers: Picture | None = None) -> Picture | None:
    if not path:
        return None
    return Picture(str(image_file(book, path, book.cell("signers", field, signer.row))), width_mm, covers)
