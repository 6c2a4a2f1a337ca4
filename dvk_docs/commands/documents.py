"""``dvk render``, ``dvk templates build|check`` and ``dvk doctor``: documents, templates, machine check."""

from __future__ import annotations

import re
from pathlib import Path

from ..documents import KINDS, RenderOptions, get_kind
from ..documents.parts import profile_of
from ..errors import OutputError
from ..formats.profiles import PROFILE_IDS
from ..render.docx import render_docx
from ..render.environment import make_environment
from ..render.templates import build_templates, find_template, shipped_dir
from .registry import OUT_OPTION, Command, Option, Outcome, Session

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  #: characters Windows refuses in file names


def run_render(session: Session, kind: str, out: Path | None = None, pdf: bool = False,
               profile: str | None = None, templates: Path | None = None,
               unit: str | None = None, mode: str | None = None, blank: bool = False) -> Outcome:
    """Render every document of ``kind`` from the session's workbook into ``out``."""
    document_kind = get_kind(kind)
    book = session.book()
    chosen = profile_of(book, profile)
    contexts = document_kind.build(book, RenderOptions(chosen, unit=unit, mode=mode or "", blank=blank))
    override = templates or _settings_templates(session)
    template = find_template(document_kind, chosen, override)
    env = make_environment()
    out_dir = Path(out) if out else session.source.folder / book.settings.text("output_dir", "dvk-output")
    rendered = []
    for index, context in enumerate(contexts, start=1):
        session.progress(index - 1, len(contexts), document_kind.title)
        record = f"bản ghi {index}: {document_kind.describe(context)}"
        rendered.append(render_docx(template, context.values(), env, record=record))
    files = _write(out_dir, document_kind.name, unit, rendered)
    if pdf:
        from ..render.pdf import convert_to_pdf

        files += convert_to_pdf(files, out_dir)
    return Outcome(
        message=f"Đã lập {len(rendered)} văn bản “{document_kind.title}” (thể thức {chosen.label}) "
                f"từ mẫu {template}.",
        files=files, open_path=files[0] if len(files) == 1 else out_dir,
    )


def run_templates_build(session: Session, out: Path | None = None) -> Outcome:
    """Write every kind's template in every profile (deterministic) into ``out``."""
    files = build_templates(KINDS.values(), Path(out) if out else shipped_dir())
    return Outcome(message=f"Đã tạo {len(files)} mẫu Word.", files=files)


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


def _settings_templates(session: Session) -> Path | None:
    folder = session.book().settings.text("templates_dir")
    if not folder:
        return None
    path = Path(folder)
    return path if path.is_absolute() else session.source.folder / path


def _write(out_dir: Path, kind: str, unit: str | None, documents: list[bytes]) -> list[Path]:
    stem = _UNSAFE.sub("-", f"{kind} - {unit}" if unit else kind).strip(" .")
    names = [f"{stem}.docx"] if len(documents) == 1 else \
        [f"{stem} - {index:03d}.docx" for index in range(1, len(documents) + 1)]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, data in zip(names, documents, strict=True):
            path = out_dir / name
            path.write_bytes(data)
            paths.append(path)
    except OSError as error:
        raise OutputError(f"Không ghi được vào thư mục “{out_dir}”: {error.strerror}.",
                          hint="Đóng tệp đang mở trong Word hoặc chọn thư mục khác (--out).") from error
    return paths


COMMANDS = (
    Command(
        "render",
        "Lập một loại văn bản từ sổ theo dõi (render one document kind from the workbook).",
        run_render,
        options=(
            Option("kind", "Loại văn bản (document kind)", type="choice", choices=tuple(KINDS),
                   required=True),
            OUT_OPTION,
            Option("pdf", "Xuất cả PDF (also PDF, needs LibreOffice)", flags=("--pdf",), type="flag",
                   default=False),
            Option("profile", "Thể thức (format profile); mặc định theo Cấu hình",
                   flags=("--profile",), type="choice", choices=PROFILE_IDS),
            Option("templates", "Thư mục mẫu riêng (your templates folder)", flags=("--templates",),
                   type="path"),
            Option("unit", "Chỉ lập cho một đơn vị, theo mã (one unit only, by code)",
                   flags=("--unit",)),
            Option("mode", "Kiểu lập của loại văn bản, ví dụ theo-don-vi (kind-specific mode)",
                   flags=("--mode",)),
            Option("blank", "Biểu trống để điền tay (blank form)", flags=("--blank",), type="flag",
                   default=False),
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
