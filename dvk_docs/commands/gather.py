"""``dvk init-forms`` and ``dvk gom``: send registration forms to the units, gather what they send back.

``init-forms BOOK [--out DIR] [--don-vi CODE]`` writes one form per unit of Đơn vị (or one unit's).
``gom BOOK [--from FOLDER] [--dry-run]`` reads every workbook under FOLDER (default: the folder
"don-vi-gui-ve" beside the workbook), merges the rows into Mô hình with their "Nguồn", and writes
the report sheet "Tổng hợp đơn vị". The workbook is the positional argument (not ``--into``) so that
the ribbon buttons run both commands on the calling workbook without arguments.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentDataError
from ..gather.collect import gather_folder, model_updates
from ..gather.report import (
    BELOW_TARGET,
    CONFLICT,
    DUPLICATE,
    LATE,
    NOT_SENT,
    REPORT_SHEET,
    SKIPPED,
    count,
    report_rows,
)
from ..render.filenames import file_names
from ..workbook.unit_forms import write_unit_forms
from .registry import Command, Option, Outcome, Session

FORMS_DIR = "mau-dang-ky-don-vi"  #: default folder of the forms, beside the workbook
GATHER_DIR = "don-vi-gui-ve"  #: default folder of the files units sent back, beside the workbook
FORM_NAME_PATTERN = "{ma} - {ten} - Đăng ký mô hình"  #: file name of a unit's form (+ ".xlsx")


def run_init_forms(session: Session, out: Path | None = None, don_vi: str | None = None,
                   force: bool = False) -> Outcome:
    """Write the registration form of unit ``don_vi`` (every unit when None) into ``out``.

    Raises DocumentDataError when the unit is unknown or Đơn vị is empty; OutputError when a form
    exists and not ``force``.
    """
    folder = Path(out) if out else session.source.folder / FORMS_DIR  # type: ignore[union-attr]
    return write_forms(session, folder, don_vi, force=force)


def write_forms(session: Session, folder: Path, don_vi: str | None, *, force: bool,
                file_name: str | None = None) -> Outcome:
    """The forms of unit ``don_vi`` (every unit when None) in ``folder``; ``file_name`` names the
    single form of ``dvk init --don-vi CODE --from BOOK OUT`` (else the unit's code and name)."""
    book = session.book()
    units = [u for u in book.units if u.code and (don_vi is None or u.code == don_vi.strip())]
    if not units:
        if don_vi is None:
            raise DocumentDataError("Sheet “Đơn vị” chưa có đơn vị nào nên chưa có mẫu nào để phát.",
                                    hint="Nhập mã, tên các đơn vị vào sheet “Đơn vị” rồi chạy lại.")
        known = ", ".join(u.code for u in book.units[:10])
        raise DocumentDataError(f"Không có đơn vị mã “{don_vi}” trong sheet “Đơn vị”.",
                                hint=f"Các mã có: {known}{' …' if len(book.units) > 10 else ''}.")
    names = [file_name] if file_name else file_names(
        FORM_NAME_PATTERN, [{"ma": u.code, "ten": u.name} for u in units], extension=".xlsx",
        folder=folder)
    files = write_unit_forms(book, units, names, folder, force=force)
    what = f"mẫu đăng ký cho đơn vị “{units[0].name}”" if len(units) == 1 else f"{len(files)} mẫu đăng ký"
    return Outcome(
        message=f"Đã tạo {what} trong thư mục “{folder}”. Gửi cho các đơn vị; tệp đơn vị gửi lại đặt "
        f"vào thư mục “{GATHER_DIR}” cạnh sổ rồi bấm “Tổng hợp từ các đơn vị” (dvk gom).",
        files=files, open_path=files[0] if len(files) == 1 else folder,
    )


def run_gom(session: Session, from_folder: Path | None = None, dry_run: bool = False) -> Outcome:
    """Gather the units' lists under ``from_folder`` into Mô hình and write the report sheet.

    ``dry_run``: report only, write nothing. Exit code 1 when something was refused, conflicting
    or unreadable (the rest is merged all the same). Raises DocumentDataError when the folder does
    not exist; WorkbookLockedError when the workbook is open in Excel (file source).
    """
    source = session.source
    folder = Path(from_folder) if from_folder else source.folder / GATHER_DIR  # type: ignore[union-attr]
    if not folder.is_dir():
        raise DocumentDataError(f"Không có thư mục “{folder}” chứa tệp các đơn vị gửi về.",
                                hint=f"Tạo thư mục “{GATHER_DIR}” cạnh sổ, chép tệp của các đơn vị vào "
                                "đó rồi chạy lại (hoặc chỉ thư mục khác bằng --from).")
    book = session.book()
    own = getattr(source, "path", None)
    gathering = gather_folder(book, folder, skip=own, progress=session.progress)
    entries = gathering.entries
    if not dry_run:
        if gathering.added:
            source.write(model_updates(gathering.added))  # type: ignore[union-attr]
        source.replace_sheet(REPORT_SHEET, report_rows(entries))  # type: ignore[union-attr]
        session.forget_book()
    refused, conflicts = gathering.refused, count(entries, CONFLICT)
    problems = refused + conflicts + count(entries, SKIPPED)
    message = (
        f"Đã đọc {gathering.files} tệp, {gathering.lists} danh sách, {gathering.rows} dòng: "
        f"{'sẽ gộp' if dry_run else 'đã gộp'} {len(gathering.added)} mô hình mới vào sheet “Mô hình”; "
        f"từ chối {refused} dòng; trùng {count(entries, DUPLICATE)}; mâu thuẫn {conflicts}; "
        f"bỏ qua {count(entries, SKIPPED)} tệp; gửi muộn {count(entries, LATE)}; "
        f"{count(entries, NOT_SENT)} đơn vị chưa gửi; {count(entries, BELOW_TARGET)} đơn vị chưa đủ chỉ tiêu."
        + (" (Chưa ghi gì vì dùng --dry-run.)" if dry_run else f" Xem chi tiết ở sheet “{REPORT_SHEET}”.")
    )
    return Outcome(message=message, details=[e.line() for e in entries], exit_code=1 if problems else 0)

COMMANDS = (
    Command(
        "init-forms",
        "Phát mẫu đăng ký mô hình cho từng đơn vị: mỗi đơn vị một tệp Excel có sẵn tên, mã đơn vị "
        "(send each unit its registration form).",
        run_init_forms,
        options=(
            Option("out", "Thư mục ghi mẫu (output folder); mặc định “mau-dang-ky-don-vi” cạnh sổ",
                   flags=("--out", "-o"), type="path"),
            Option("don_vi", "Chỉ tạo mẫu cho đơn vị có mã này (one unit's code)", flags=("--don-vi",)),
            Option("force", "Ghi đè mẫu đã có (overwrite)", flags=("--force",), type="flag",
                   default=False),
        ),
    ),
    Command(
        "gom",
        "Tổng hợp danh sách đăng ký các đơn vị gửi về vào sheet Mô hình, kèm báo cáo "
        "(gather the units' registration files into the workbook).",
        run_gom,
        options=(
            Option("from_folder", "Thư mục tệp các đơn vị gửi về (folder); mặc định “don-vi-gui-ve” "
                   "cạnh sổ", flags=("--from",), type="path"),
            Option("dry_run", "Chỉ báo cáo, không ghi vào sổ (report only)", flags=("--dry-run",),
                   type="flag", default=False),
        ),
    ),
)
