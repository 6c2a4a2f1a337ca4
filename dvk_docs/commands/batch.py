"""``dvk batch``: every document kind of Cấu hình “Văn bản cần lập”, all or nothing, fast.

Each kind goes into its own folder under the output folder (named after the kind), one file per
record named with Cấu hình “Mẫu tên tệp”; ``--print-file`` adds one .docx holding the whole
kind for printing, ``--pdf`` a PDF of every file. Every kind is rendered before any file is moved
into place, so a failure leaves the output folder as it was.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from ..documents import KINDS, DocumentKind, RenderOptions, get_kind
from ..documents.parts import profile_of
from ..errors import DocumentDataError
from ..formats.profiles import PROFILE_IDS
from ..rules.validation import require_valid
from ..workbook.choices import choice_list
from .folders import kind_folder, output_folder, templates_folder
from .registry import OUT_OPTION, Command, Option, Outcome, Session


def run_batch(session: Session, out: Path | None = None, pdf: bool = False, print_file: bool = False,
              kinds: str | None = None, profile: str | None = None,
              templates: Path | None = None, ky_so: bool = False) -> Outcome:
    """Render every chosen kind from the session's workbook into ``out`` (all or nothing)."""
    from ..render.batch import render_kind  # lazy: keeps ``dvk --help`` fast

    book = session.book()
    warnings = require_valid(book)
    names = kinds.split(",") if kinds else book.settings.get("batch_kinds", ())
    chosen = _chosen_kinds([str(name) for name in names])
    options = RenderOptions(profile_of(book, profile), electronic=ky_so)
    out_dir = output_folder(session, book, out)
    templates_dir = templates_folder(session, book, templates)
    outcome = Outcome(findings=warnings, open_path=out_dir)
    with ExitStack() as stack:
        staged = []
        for kind in chosen:
            try:
                staged.append((kind, stack.enter_context(render_kind(
                    kind, book, kind_folder(out_dir, kind), options, templates_dir=templates_dir,
                    print_file=print_file, pdf=pdf, progress=session.progress))))
            except DocumentDataError as error:
                outcome.details.append(f"{kind.title}: bỏ qua — {error.message}")
        for kind, batch in staged:
            result = batch.commit()
            outcome.files.extend(result.all_files)
            outcome.details.append(f"{kind.title}: {len(result.all_files)} tệp")
    outcome.message = f"Đã lập {len(outcome.files)} tệp vào “{out_dir}”."
    return outcome


def _chosen_kinds(names: list[str]) -> list[DocumentKind]:
    """Kinds named by code, printed name or short label (any case); all kinds when none is named."""
    wanted = [name.strip() for name in names if name.strip()]
    if not wanted:
        return list(KINDS.values())
    known = choice_list("document_kind")
    return [get_kind(known.resolve(name) or name) for name in wanted]


COMMANDS = (
    Command(
        "batch",
        "Lập mọi văn bản trong Cấu hình “Văn bản cần lập”, tất cả hoặc không "
        "(render every listed document kind, all or nothing).",
        run_batch,
        options=(
            OUT_OPTION,
            Option("pdf", "Xuất cả PDF (also PDF, needs LibreOffice)", flags=("--pdf",), type="flag",
                   default=False),
            Option("print_file", "Thêm một tệp in chung cho mỗi loại (one print file per kind)",
                   flags=("--print-file",), type="flag", default=False),
            Option("kinds", "Các loại văn bản, cách nhau bởi dấu phẩy (kinds, comma-separated)",
                   flags=("--kinds",)),
            Option("profile", "Thể thức (format profile); mặc định theo Cấu hình", flags=("--profile",),
                   type="choice", choices=PROFILE_IDS),
            Option("templates", "Thư mục mẫu riêng (your templates folder); mặc định theo Cấu hình",
                   flags=("--templates",), type="path"),
            Option("ky_so", "Bản để ký số: không in ảnh chữ ký, con dấu (dvk ky vẽ chúng lên PDF) "
                   "(copy for digital signing)", flags=("--ky-so",), type="flag", default=False),
        ),
    ),
)
