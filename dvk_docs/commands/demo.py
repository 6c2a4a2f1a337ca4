"""``dvk demo``: the main job on the bundled sample — validate, score, every document, PDF.

The sample is copied into the output folder first, so the shipped file is never written to; every
step is an ordinary registry command run on that copy, exactly as a clerk would run them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..render.pdf import find_soffice
from ..resources import data_dir
from .folders import DEFAULT_OUTPUT_DIR
from .registry import Command, Option, Outcome, Session

DEMO_SAMPLE = "dang-uy-khoi.xlsx"  #: the bundled sample the demo runs on (Party body, like seed 003)
DEMO_PICTURES = "anh"  #: the sample's signature and seal pictures (Người ký names them relative to the book)


def run_demo(session: Session, out: Path | None = None, pdf: bool = True) -> Outcome:
    """Copy the sample into ``out`` and run validate, score and batch on the copy."""
    from ..workbook.sources import FileSource  # lazy: keeps ``dvk --help`` fast
    from . import find_command  # the registry imports this module

    out_dir = Path(out or DEFAULT_OUTPUT_DIR).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    book_path = out_dir / f"so-theo-doi-mau{Path(DEMO_SAMPLE).suffix}"
    shutil.copyfile(data_dir("samples") / DEMO_SAMPLE, book_path)
    shutil.copytree(data_dir("samples") / DEMO_PICTURES, out_dir / DEMO_PICTURES, dirs_exist_ok=True)
    work = Session(source=FileSource(book_path), out_dir=out_dir, progress=session.progress)

    outcome = Outcome(open_path=out_dir, details=[f"Sổ mẫu: {book_path}"])
    with_pdf, why_not = _pdf_choice(pdf)
    if why_not:
        outcome.details.append(why_not)
    steps = (
        ("validate", {}),
        ("score", {}),
        ("batch", {"out": out_dir / "van-ban", "pdf": with_pdf, "print_file": True}),
    )
    for name, options in steps:
        result = find_command(name).invoke(work, **options)
        work.forget_book()
        outcome.details.append(f"[{name}] {result.message}")
        outcome.details.extend(f"    {line}" for line in result.details)
        outcome.files.extend(result.files)
        if result.exit_code:
            outcome.exit_code = result.exit_code
            outcome.findings = result.findings
            outcome.message = f"Dừng ở bước “{name}”."
            return outcome
    outcome.message = f"Xong: {len(outcome.files)} tệp trong {out_dir}."
    return outcome


def _pdf_choice(wanted: bool) -> tuple[bool, str]:
    """Whether the demo makes PDFs, and the line saying why not when it does not."""
    if not wanted:
        return False, "Không xuất PDF (đã chọn --no-pdf)."
    if find_soffice() is None:
        return False, ("Bỏ qua PDF: không tìm thấy LibreOffice trên máy này. Cài LibreOffice "
                       "(https://www.libreoffice.org) rồi chạy lại để có cả PDF; “dvk doctor” kiểm tra máy.")
    return True, ""


COMMANDS = (
    Command(
        "demo",
        "Chạy toàn bộ trên sổ mẫu kèm theo: kiểm tra, chấm điểm, lập mọi văn bản, PDF "
        "(run everything on the bundled sample).",
        run_demo,
        options=(
            Option("out", "Thư mục kết quả (output folder)", flags=("--out", "-o"), type="path",
                   default=None),
            Option("pdf", "Xuất cả PDF khi có LibreOffice (also PDF when LibreOffice is present)",
                   flags=("--pdf/--no-pdf",), type="flag", default=True),
        ),
        needs_book=False,
    ),
)
