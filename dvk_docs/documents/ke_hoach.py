"""Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” (seeds 003 and 004) with its blank forms.

The plan states the targets computed from Đơn vị (per unit kind: the target, how many units of the
kind, the models they owe; the grand total) and the deadlines of Cấu hình ("Hạn đăng ký", "Hạn báo
cáo"), the fields and the scoring rule. Three blank forms follow as appendices, each headed
"(Kèm theo Kế hoạch số …)": Phụ lục I the registration summary (landscape), Phụ lục II the
scoring sheet, Phụ lục III the results summary (landscape). Number and date come from Cấu hình
"Số kế hoạch" / "Ngày kế hoạch" (blank for the văn thư when empty).

A body with its own wording edits a copy of the template (docs/templates.md): the names below
(``chi_tieu``, ``chi_tieu_loai.doan_the``, ``han_dang_ky``…) keep the numbers from the workbook.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..formats.blocks import letterhead, signature, title
from ..formats.builder import TemplateWriter
from ..model import Workbook
from ..rules.targets import kind_targets, unit_targets
from ..vntext import date_words, fold_key, leading_zero, plain_key
from .kind import DocumentKind, RenderOptions
from .parts import CommonContext, attaches_form, common_context, configured_fields, extend
from .phieu_cham_diem import ScoreForm, blank_form, write_score_table
from .tong_hop_dang_ky import (
    SummaryTable,
    form_heading,
    registration_table,
    write_registration_table,
)
from .tong_hop_ket_qua import results_table, write_results_table

KIND_NAME = "ke-hoach"  #: slug, template file stem, Nơi nhận kind
TYPE_CODE = "KH"  #: type code in the symbol (NĐ 30 Phụ lục III; HD 36)
NO_DATE = "…/…"  #: a deadline Cấu hình leaves empty


@dataclass(frozen=True)
class TargetLine:
    """The target of one unit kind: "Đoàn thể": at least 05 models; 3 units; 15 models in all."""

    loai: str  #: unit kind as written in Đơn vị ("Đảng bộ cơ sở")
    so: str  #: models each unit of the kind registers at least ("05")
    so_don_vi: str  #: units of that kind in Đơn vị ("03")
    tong: str  #: models they owe together ("15")


@dataclass(frozen=True)
class PlanContext(CommonContext):
    """Names of the plan template, beyond the shared ones."""

    nam_truoc: int  #: the year before (models continued from it)
    thuc_hien: str  #: the cited documents, "Đề án số 13-ĐA/TU …, Hướng dẫn số 02-HD/BDVTU …"
    chi_tieu: tuple[TargetLine, ...]  #: per unit kind present in Đơn vị
    chi_tieu_loai: dict[str, str]  #: every kind of Cấu hình: "doan_the" -> "05", "ldld_huyen" -> "03"
    so_don_vi: str  #: units in Đơn vị ("45")
    tong_chi_tieu: str  #: models all units owe together ("98")
    linh_vuc: str  #: the fields of Cấu hình, "Kinh tế; Văn hóa - xã hội; …"
    han_dang_ky: str  #: "15/4/2024" (day with a leading zero, month as in dates: "05/02/2024")
    han_dang_ky_ngay: str  #: "ngày 15 tháng 4 năm 2024"
    han_bao_cao: str
    han_bao_cao_ngay: str
    kem_theo: str  #: "Kèm theo Kế hoạch số 29-KH/ĐUK ngày 12/3/2024" (without brackets)
    bieu_dang_ky: SummaryTable  #: Phụ lục I, blank
    bieu_cham_diem: ScoreForm  #: Phụ lục II, blank
    bieu_ket_qua: SummaryTable  #: Phụ lục III, blank
    kem_bieu_mau: bool  #: Cấu hình “Kèm biểu mẫu”: the appendices are printed


def build(book: Workbook, options: RenderOptions) -> list[PlanContext]:
    """The plan of the issuing body. Raises :class:`DocumentDataError` (year, signer, criteria) or
    :class:`CellValueError` (targets per kind that cannot be read)."""
    settings = book.settings
    number, date = options.issue(0, settings.text("plan_number"), settings.get("plan_date"))
    common = common_context(book, options.profile, kind=KIND_NAME, type_code=TYPE_CODE,
                            summary=f"Thực hiện phong trào thi đua “Dân vận khéo” năm "
                                    f"{settings.get('year') or (date.year if date else '')}",
                            number=number, date=date)
    year = common.nam
    blank = RenderOptions(options.profile, blank=True)
    lines = target_lines(book)
    registration, report = settings.get("registration_deadline"), settings.get("report_deadline")
    return [extend(
        common, PlanContext,
        nam_truoc=year - 1,
        thuc_hien=", ".join(_cited(book)),
        chi_tieu=lines,
        chi_tieu_loai={kind_key(t.kind): leading_zero(t.count) for t in kind_targets(book).values()},
        so_don_vi=leading_zero(len(book.units)),
        tong_chi_tieu=leading_zero(sum(t.target or 0 for t in unit_targets(book))),
        linh_vuc="; ".join(configured_fields(book)),
        han_dang_ky=citation_date(registration, year),
        han_dang_ky_ngay=date_words(registration) if registration else f"ngày … tháng … năm {year}",
        han_bao_cao=citation_date(report, year),
        han_bao_cao_ngay=date_words(report) if report else f"ngày … tháng … năm {year}",
        kem_theo=_attached_note(common, date),
        bieu_dang_ky=registration_table(book, blank, "", year),
        bieu_cham_diem=blank_form(book),
        bieu_ket_qua=results_table(book, blank, "", year),
        kem_bieu_mau=attaches_form(book, KIND_NAME),
    )]


def citation_date(date: dt.date | None, year: int) -> str:
    """A date as plans cite it, "15/4/2024", "05/02/2024" (months 1–2 with a zero, as in date
    lines); "…/…/2024" when not set."""
    if date is None:
        return f"{NO_DATE}/{year}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{date.day:02d}/{month}/{date.year}"


def write_body(doc: TemplateWriter) -> None:
    """The plan (I–IV), signature, then Phụ lục I–III on their own pages."""
    letterhead(doc)
    title(doc, "KẾ HOẠCH")
    doc.body("{% if thuc_hien %}Thực hiện {{ thuc_hien }}, {% endif %}ban hành Kế hoạch thực hiện "
             "phong trào thi đua “Dân vận khéo” năm {{ nam }} như sau:")
    _heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    _heading(doc, "1. Mục đích", element="article_label")
    doc.body("Nâng cao nhận thức, trách nhiệm của cấp ủy, tổ chức và cán bộ, đảng viên, đoàn viên, "
             "hội viên, người lao động về công tác dân vận; phát hiện, xây dựng, nhân rộng các mô hình, "
             "điển hình “Dân vận khéo” trên các lĩnh vực.")
    _heading(doc, "2. Yêu cầu", element="article_label")
    doc.body("Việc xây dựng mô hình phải bám sát nhiệm vụ chính trị của cơ quan, đơn vị; việc đánh "
             "giá, công nhận mô hình phải bảo đảm khách quan, đúng tiêu chí.")
    _heading(doc, "II. CHỈ TIÊU NĂM {{ nam }}")
    doc.body("Các đơn vị đăng ký xây dựng, duy trì mô hình, điển hình “Dân vận khéo” năm {{ nam }} "
             "bảo đảm chỉ tiêu:")
    doc.tag("{%p for t in chi_tieu %}")
    doc.body("- Mỗi {{ t.loai|lower }} đăng ký xây dựng, duy trì ít nhất {{ t.so }} mô hình, điển "
             "hình “Dân vận khéo” ({{ t.so_don_vi }} đơn vị, {{ t.tong }} mô hình).")
    doc.tag("{%p endfor %}")
    doc.body("Toàn bộ {{ so_don_vi }} đơn vị đăng ký ít nhất {{ tong_chi_tieu }} mô hình, điển hình.")
    _heading(doc, "III. NỘI DUNG")
    doc.body("Xây dựng mô hình, điển hình “Dân vận khéo” trên các lĩnh vực: {{ linh_vuc }}. Các mô "
             "hình tiếp tục duy trì từ năm {{ nam_truoc }} được đăng ký lại và đánh giá như mô hình mới.")
    doc.body("Mô hình được chấm theo Biểu chấm điểm (Phụ lục II). {{ bieu_cham_diem.quy_tac }}")
    _heading(doc, "IV. TỔ CHỨC THỰC HIỆN")
    doc.body("- Các đơn vị đăng ký xây dựng mô hình, điển hình “Dân vận khéo” năm {{ nam }} (theo "
             "Phụ lục I) trước ngày {{ han_dang_ky }}.")
    doc.body("- Đánh giá, chấm điểm mô hình theo Phụ lục II; báo cáo kết quả xây dựng, duy trì mô hình "
             "(theo Phụ lục III) trước ngày {{ han_bao_cao }}.")
    doc.tag("{%p if kem_bieu_mau %}")
    doc.body("(Có các biểu mẫu gửi kèm theo)")
    doc.tag("{%p endif %}")
    signature(doc)
    note = "{{ kem_theo }}"
    doc.new_section(landscape=True)
    doc.tag("{%p if kem_bieu_mau %}")  # left out: the empty section goes too (render/sections.py)
    form_heading(doc, "bieu_dang_ky", "Phụ lục I", "BIỂU TỔNG HỢP ĐĂNG KÝ XÂY DỰNG MỚI MÔ HÌNH "
                 "“DÂN VẬN KHÉO” NĂM {{ bieu_dang_ky.nam }}", note)
    write_registration_table(doc, "bieu_dang_ky")
    doc.new_section()
    form_heading(doc, "bieu_dang_ky", "Phụ lục II", "BIỂU CHẤM ĐIỂM MÔ HÌNH", note)
    write_score_table(doc, "bieu_cham_diem")
    doc.new_section(landscape=True)
    form_heading(doc, "bieu_ket_qua", "Phụ lục III", "BIỂU TỔNG HỢP BÁO CÁO KẾT QUẢ XÂY DỰNG, DUY TRÌ "
                 "MÔ HÌNH “DÂN VẬN KHÉO” NĂM {{ bieu_ket_qua.nam }}", note)
    write_results_table(doc, "bieu_ket_qua")
    doc.tag("{%p endif %}")


def describe(context: PlanContext) -> str:
    """The record as clerks name it."""
    return f"kế hoạch năm {context.nam}"


KIND = DocumentKind(KIND_NAME, "Kế hoạch", PlanContext, build, write_body, describe,
                    type_code=TYPE_CODE,
                    number_settings=("plan_number", "plan_date"))


def _heading(doc: TemplateWriter, text: str, element: str = "heading") -> None:
    doc.paragraph(text, element=element, align="justify", first_indent=True, keep_next=True,
                  space_before=doc.profile.section("body")["space_before_pt"])


def target_lines(book: Workbook) -> tuple[TargetLine, ...]:
    """Per unit kind present in Đơn vị (first-seen order): its target, units and models owed."""
    groups: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for target in unit_targets(book):
        if target.target is None or not target.unit.kind:
            continue
        key = fold_key(target.unit.kind)
        names.setdefault(key, target.unit.kind)
        groups.setdefault(key, []).append(target.target)
    by_kind = kind_targets(book)
    lines = []
    for key, targets in groups.items():
        usual = by_kind[key].count if key in by_kind else min(targets)
        lines.append(TargetLine(names[key], leading_zero(usual), leading_zero(len(targets)),
                                leading_zero(sum(targets))))
    return tuple(lines)


def kind_key(kind: str) -> str:
    """Template key of a unit kind: "Đảng bộ cơ sở" -> "dang_bo_co_so", "LĐLĐ huyện" -> "ldld_huyen"."""
    return re.sub(r"[^a-z0-9]+", "_", plain_key(kind)).strip("_")


def _cited(book: Workbook) -> list[str]:
    lines = [line.strip().rstrip(" ;,.") for line in book.settings.text("legal_bases").splitlines()]
    return [re.sub(r"^(-\s*)?Căn cứ\s+", "", line) for line in lines if line]


def _attached_note(common: CommonContext, date: dt.date | None) -> str:
    cited = common.so_ky_hieu.split(" ", 1)[1]
    return f"Kèm theo Kế hoạch số {cited} ngày {citation_date(date, common.nam)}"
