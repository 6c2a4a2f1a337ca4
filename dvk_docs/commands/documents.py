"""``dvk render``, ``dvk templates build|copy|check`` and ``dvk doctor``: documents, templates, machine check."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..documents import KINDS, DocumentKind, RenderOptions, get_kind
from ..documents.parts import profile_of
from ..errors import DocumentDataError, DvkError, OutputError
from ..formats.profiles import PROFILE_IDS
from ..model import CellUpdate, Workbook
from ..render.templates import build_templates, find_template, shipped_dir
from ..rules.validation import require_valid
from ..vntext.dates import parse_date
from .folders import kind_folder, output_folder, register_book, templates_folder
from .registry import OUT_OPTION, Command, Option, Outcome, Session

DEFAULT_TEMPLATES_COPY = "mau"  #: where ``dvk templates copy`` puts the copies (beside the workbook)

if TYPE_CHECKING:
    from ..numbering import Allocation
    from ..render.batch import BatchResult, StagedBatch


def run_render(session: Session, kind: str, out: Path | None = None, pdf: bool = False,
               print_file: bool = False, profile: str | None = None, templates: Path | None = None,
               unit: str | None = None, mode: str | None = None, blank: bool = False,
               cap_so: bool = False, ngay: str | None = None, ky_so: bool = False) -> Outcome:
    """Render every document of ``kind`` from the session's workbook into ``out`` (all or nothing).

    The workbook is validated first (errors refuse, warnings are counted in the details, not
    listed: the findings sheet stays ``dvk validate``'s); files are named with Cấu hình “Mẫu tên tệp”. ``cap_so``
    takes each document's number from the register (issue date ``ngay`` or today) and adds the
    numbers to the Văn bản sheet; without it the number is left blank for the văn thư.
    """
    from ..render.batch import render_kind  # lazy: keeps ``dvk --help`` fast

    document_kind = get_kind(kind)
    if ngay and not cap_so:
        raise DvkError("--ngay chỉ dùng cùng --cap-so (ngày ban hành của văn bản được cấp số).",
                       hint="Thêm --cap-so, hoặc ghi ngày vào Cấu hình nếu chưa cấp số.")
    book = session.book()
    warnings = require_valid(book)
    options = RenderOptions(profile_of(book, profile), unit=unit, mode=mode or "", blank=blank,
                            electronic=ky_so)
    out_dir = kind_folder(output_folder(session, book, out), document_kind)
    templates_dir = templates_folder(session, book, templates)

    def stage(chosen: RenderOptions) -> StagedBatch:
        return render_kind(document_kind, book, out_dir, chosen, templates_dir=templates_dir,
                           print_file=print_file, pdf=pdf, progress=session.progress)

    details = [f"Sổ theo dõi có {len(warnings)} cảnh báo (xem bằng “dvk validate”)."] if warnings else []
    if cap_so:
        result = _render_numbered(session, document_kind, book, options, stage, _issue_date(ngay),
                                  details)
    else:
        with stage(options) as staged:
            result = staged.commit()
    files = result.all_files
    template = find_template(document_kind, options.profile, templates_dir)
    return Outcome(
        message=f"Đã lập {len(result.files)} văn bản “{document_kind.title}” "
                f"(thể thức {options.profile.label}) từ mẫu {template}.",
        files=files, details=details,
        open_path=files[0] if len(files) == 1 else out_dir,
    )


def _render_numbered(session: Session, kind: DocumentKind, book: Workbook, options: RenderOptions,
                     stage: Callable[[RenderOptions], StagedBatch], issue_date: dt.date,
                     details: list[str]) -> BatchResult:
    """Number each document from the register, render, move into place, then record the numbers.

    A failure before the files are in place gives every number back; once they are, the numbers
    are issued and the Văn bản sheet gets their rows (a sheet that cannot be written now, e.g.
    open in Excel, gets them on the next numbered render). ``details`` receives one line per
    number.
    """
    from .. import numbering

    if not kind.numbered or options.blank:
        raise DocumentDataError(
            f"“{kind.title}”{' (biểu trống)' if options.blank else ''} không mang số văn bản riêng "
            "nên không cấp số được.",
            hint="Bỏ --cap-so; cấp số dùng cho kế hoạch, hướng dẫn và quyết định công nhận.",
        )
    register = register_book(session, book)
    rule = numbering.numbering_rule(book.settings, options.profile.id)
    taken: list[numbering.Allocation] = []
    try:
        for context in kind.build(book, options):
            taken.append(numbering.allocate(register, kind.type_code, issue_date, rule=rule,
                                            summary=context.trich_yeu, signer=context.nguoi_ky))
        numbered = replace(options, numbers=tuple(a.text for a in taken), issue_date=issue_date)
        with stage(numbered) as staged:
            targets = staged.record_files
            _refuse_issued_files(register, targets)
            taken = [numbering.assign(register, a, f.resolve()) for a, f in zip(taken, targets, strict=True)]
            result = staged.commit()
    except BaseException:
        for allocation in taken:
            numbering.release(register, allocation)
        raise
    issued = [numbering.confirm(register, allocation) for allocation in taken]
    details.extend(f"Đã cấp {a.line} ngày {a.date:%d/%m/%Y}: {Path(a.file).name}" for a in issued)
    try:
        with session.source.locked():  # rows placed after the Văn bản rows of the book as it is now
            session.forget_book()
            session.source.write([*numbering.register_updates(session.book(), register),
                                  *_issued_settings(kind, issued)])
        session.forget_book()
    except DvkError as error:
        details.append(f"Chưa ghi được các số vào sheet “Văn bản”: {error.message} "
                       "Số đã cấp vẫn giữ trong sổ đăng ký; lần cấp số sau sẽ ghi bù.")
    return result


def _refuse_issued_files(register: Path, targets: list[Path]) -> None:
    """Raise OutputError when a target file is the file of a number already issued."""
    from .. import numbering

    files = {a.file: a for a in numbering.issued(register)}
    for target in targets:
        earlier = files.get(str(target.resolve()))
        if earlier is not None and target.exists():
            raise OutputError(
                f"Tệp “{target.name}” là văn bản đã cấp {earlier.line} ngày {earlier.date:%d/%m/%Y}; "
                "không ghi đè văn bản đã cấp số. Chưa cấp số mới nào.",
                hint="Chọn thư mục kết quả khác (--out), hoặc đổi “Mẫu tên tệp” trong Cấu hình.",
            )


def _issued_settings(kind: DocumentKind, issued: list[Allocation]) -> list[CellUpdate]:
    """The Cấu hình number and date of a kind issued as ONE document (a decision for all models)."""
    if len(issued) != 1 or kind.number_settings is None:
        return []
    number_key, date_key = kind.number_settings
    return [CellUpdate("settings", None, number_key, issued[0].text),
            CellUpdate("settings", None, date_key, issued[0].date)]


def _issue_date(text: str | None) -> dt.date:
    """The issue date of numbered documents: ``--ngay dd/mm/yyyy``, or today."""
    if not text:
        return dt.date.today()
    try:
        return parse_date(text)
    except ValueError as error:
        raise DvkError(f"--ngay: {error}.", hint="Ghi ngày ban hành dạng dd/mm/yyyy, ví dụ 05/03/2025.") \
            from None


def run_templates_build(session: Session, out: Path | None = None) -> Outcome:
    """Write every kind's template in every profile (deterministic) into ``out``."""
    files = build_templates(KINDS.values(), Path(out) if out else shipped_dir())
    return Outcome(message=f"Đã tạo {len(files)} mẫu Word.", files=files)


def run_templates_copy(session: Session, kind: str, out: Path | None = None, profile: str | None = None,
                       force: bool = False) -> Outcome:
    """Copy the shipped template of ``kind`` (one profile, or all) into ``out/<profile>/`` to edit.

    Raises OutputError when a copy is already there (a clerk's edits) and not ``force``.
    """
    folder = Path(out or DEFAULT_TEMPLATES_COPY)
    document_kind = get_kind(kind)
    profiles = (profile,) if profile else PROFILE_IDS
    pairs = [(shipped_dir() / p / document_kind.template_name, folder / p / document_kind.template_name)
             for p in profiles]
    kept = [target for _, target in pairs if target.exists()]
    if kept and not force:
        raise OutputError(f"Đã có mẫu “{kept[0]}”, không ghi đè (có thể là mẫu bạn đã sửa).",
                          hint="Chọn thư mục khác bằng --out, hoặc thêm --force để chép lại mẫu gốc.")
    for source, target in pairs:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return Outcome(
        message=f"Đã chép mẫu “{document_kind.title}” vào “{folder}”: mở bằng Word, sửa tệp của thể thức "
                "sổ đang dùng, giữ nguyên các chỗ {{ … }} và {% … %}.",
        files=[target for _, target in pairs],
        details=[f"Để dùng mẫu đã sửa: ghi “{folder.resolve()}” (hoặc “{folder}” nếu thư mục này nằm "
                 "cạnh sổ) vào mục “Thư mục mẫu riêng” của sheet “Cấu hình”, hoặc thêm "
                 f"--templates {folder} khi chạy dvk render / dvk batch.",
                 f"Kiểm tra mẫu sau khi sửa: dvk templates check {folder / profiles[0]}"],
        open_path=folder,
    )


def run_templates_check(session: Session, folder: Path) -> Outcome:
    """Lint every template in ``folder``; exit code 1 when any has a problem."""
    from ..render.lint import check_folder

    checked, problems = check_folder(Path(folder))
    if not checked:
        return Outcome(message=f"Không có mẫu .docx nào trong “{folder}”.", exit_code=1)
    if problems:
        return Outcome(message=f"{len(problems)} lỗi trong {len(checked)} mẫu.",
                       details=[f"- {problem}" for problem in problems], exit_code=1)
    return Outcome(message=f"{len(checked)} mẫu không có lỗi.", files=checked)


def run_doctor(session: Session) -> Outcome:
    """Check LibreOffice, the Times New Roman font and a Vietnamese PDF round trip."""
    from ..render.doctor import run_checks

    checks = run_checks()
    failed = [c for c in checks if not c.ok]
    message = "Máy sẵn sàng lập văn bản và PDF." if not failed else \
        f"{len(failed)} mục cần sửa (xem “Cách sửa” ở trên)."
    return Outcome(message=message, details=[str(c) for c in checks], exit_code=1 if failed else 0)


def _render_help() -> str:
    """The help of ``dvk render``: what it does, then every kind and every kind's modes."""
    kinds = "\n".join(f"  {name:<22}{kind.title}" for name, kind in KINDS.items())
    modes = "\n".join(f"  {name:<22}{', '.join(kind.modes)}" for name, kind in KINDS.items() if kind.modes)
    return ("Lập một loại văn bản từ sổ theo dõi (render one document kind from the workbook).\n\n"
            f"\b\nLoại văn bản (KIND):\n{kinds}\n\n\b\nKiểu lập (--mode), theo loại:\n{modes}")


MODES = tuple(dict.fromkeys(mode for kind in KINDS.values() for mode in kind.modes))  #: every ``--mode``


COMMANDS = (
    Command(
        "render",
        _render_help(),
        run_render,
        options=(
            Option("kind", "Loại văn bản (document kind)", type="choice", choices=tuple(KINDS),
                   required=True),
            OUT_OPTION,
            Option("pdf", "Xuất cả PDF (also PDF, needs LibreOffice)", flags=("--pdf",), type="flag",
                   default=False),
            Option("print_file", "Thêm một tệp in chung (one print file with every document)",
                   flags=("--print-file",), type="flag", default=False),
            Option("profile", "Thể thức (format profile); mặc định theo Cấu hình",
                   flags=("--profile",), type="choice", choices=PROFILE_IDS),
            Option("templates", "Thư mục mẫu riêng (your templates folder)", flags=("--templates",),
                   type="path"),
            Option("unit", "Chỉ lập cho một đơn vị, theo mã (one unit only, by code)",
                   flags=("--unit",)),
            Option("mode", "Kiểu lập của loại văn bản (kind-specific mode), xem danh sách ở trên",
                   flags=("--mode",), type="choice", choices=MODES),
            Option("blank", "Biểu trống để điền tay (blank form)", flags=("--blank",), type="flag",
                   default=False),
            Option("cap_so", "Cấp số văn bản từ sổ đăng ký, ghi vào sheet “Văn bản” (take numbers "
                   "from the register); mặc định để trống số cho văn thư", flags=("--cap-so",),
                   type="flag", default=False),
            Option("ngay", "Ngày ban hành của văn bản được cấp số, dd/mm/yyyy; mặc định hôm nay "
                   "(issue date with --cap-so)", flags=("--ngay",)),
            Option("ky_so", "Bản để ký số: không in ảnh chữ ký, con dấu (dvk ky vẽ chúng lên PDF) "
                   "(copy for digital signing)", flags=("--ky-so",), type="flag", default=False),
        ),
        book_after=1,
    ),
    Command(
        "templates build",
        "Tạo lại các mẫu Word từ thể thức (rebuild the Word templates from the profiles).",
        run_templates_build,
        options=(Option("out", "Thư mục ghi mẫu (output folder); mặc định word_templates/",
                        flags=("--out", "-o"), type="path"),),
        needs_book=False,
    ),
    Command(
        "templates copy",
        "Chép mẫu Word của một loại văn bản ra thư mục để sửa (copy a template to edit), rồi chỉ "
        "Cấu hình “Thư mục mẫu riêng” tới thư mục đó.",
        run_templates_copy,
        options=(
            Option("kind", "Loại văn bản (document kind), xem dvk render --help", type="choice",
                   choices=tuple(KINDS), required=True),
            Option("out", f"Thư mục chép vào (folder); mặc định {DEFAULT_TEMPLATES_COPY}/", flags=("--out", "-o"),
                   type="path"),
            Option("profile", "Chỉ chép mẫu của một thể thức (one profile); mặc định cả ba",
                   flags=("--profile",), type="choice", choices=PROFILE_IDS),
            Option("force", "Chép đè lên mẫu đã có (overwrite)", flags=("--force",), type="flag",
                   default=False),
        ),
        needs_book=False,
    ),
    Command(
        "templates check",
        "Kiểm tra các mẫu Word đã sửa (check edited Word templates): cú pháp, thẻ bị cắt, biến, bộ lọc.",
        run_templates_check,
        options=(Option("folder", "Thư mục mẫu (templates folder)", type="path", required=True),),
        needs_book=False,
    ),
    Command(
        "doctor",
        "Kiểm tra máy: LibreOffice, phông Times New Roman, xuất PDF tiếng Việt (check this machine).",
        run_doctor,
        needs_book=False,
    ),
)
