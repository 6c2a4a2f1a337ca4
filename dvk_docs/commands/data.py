"""``dvk init`` and ``dvk fix-text``: create an empty workbook, repair the text encoding of cells."""

from __future__ import annotations

from pathlib import Path

from ..errors import DvkError
from ..workbook.create import create_workbook
from ..workbook.text_repair import find_text_fixes
from .registry import Command, Option, Outcome, Session


def run_init(session: Session, book: Path, force: bool = False, don_vi: str | None = None,
             from_book: Path | None = None, all_units: bool = False) -> Outcome:
    """Create the empty workbook ``book``; with ``from_book``, the units' registration forms.

    ``dvk init --don-vi CODE --from BOOK OUT`` writes unit CODE's form to the file OUT;
    ``dvk init --all --from BOOK DIR`` every unit's form into the folder DIR (as ``dvk init-forms``).
    Raises OutputError when the file exists and not ``force``.
    """
    if from_book is not None:
        return _unit_forms(Path(from_book), Path(book), don_vi, all_units, force)
    if don_vi or all_units:
        raise DvkError("“--don-vi” và “--all” cần “--from SỔ_CẤP_TRÊN.xlsx” (sổ có sheet Đơn vị).",
                       hint="Ví dụ: dvk init --don-vi DV01 --from so-theo-doi.xlsx mau-DV01.xlsx")
    saved = create_workbook(Path(book), force=force)
    return Outcome(
        message=f"Đã tạo sổ theo dõi “{Path(book).name}”. Điền sheet Cấu hình, Đơn vị, Mô hình rồi "
        "chạy “dvk validate”.",
        files=[Path(book)],
        open_path=Path(book),
        details=[f"Sổ cũ đã được sao lưu vào “{saved}” trước khi thay bằng sổ trống."] if saved else [],
    )


def _unit_forms(from_book: Path, out: Path, don_vi: str | None, all_units: bool,
                force: bool) -> Outcome:
    from ..workbook.sources import FileSource
    from .gather import write_forms

    if bool(don_vi) == all_units:
        raise DvkError("Với “--from”, chọn một trong hai: “--don-vi MÃ” (một đơn vị, OUT là tệp) hoặc "
                       "“--all” (mọi đơn vị, OUT là thư mục).")
    session = Session(source=FileSource(from_book))
    if all_units:
        return write_forms(session, out, None, force=force)
    name = out.name if out.suffix.lower() == ".xlsx" else f"{out.name}.xlsx"
    return write_forms(session, out.parent, don_vi, force=force, file_name=name)


def run_fix_text(session: Session, dry_run: bool = False) -> Outcome:
    """Convert TCVN3/ABC, VNI and decomposed text cells to NFC Unicode, listing every change.

    ``dry_run``: list the changes without writing. Raises WorkbookLockedError when the workbook is
    open in Excel.
    """
    fixes = find_text_fixes(session.book())
    details = [f"{fix.where}: “{fix.before}” → “{fix.after}”" for fix in fixes]
    if not fixes:
        return Outcome(message="Không có ô nào cần sửa mã chữ: mọi chữ đã là Unicode dựng sẵn.")
    if dry_run:
        return Outcome(message=f"Có {len(fixes)} ô cần sửa mã chữ (chưa ghi vì dùng --dry-run).",
                       details=details)
    session.source.write([fix.update for fix in fixes])  # type: ignore[union-attr]
    session.forget_book()
    return Outcome(message=f"Đã sửa mã chữ {len(fixes)} ô sang Unicode dựng sẵn (NFC).",
                   details=details)


COMMANDS = (
    Command(
        "init",
        "Tạo sổ theo dõi trống đủ các sheet, tiêu đề, danh sách chọn, tiêu chí mặc định "
        "(create an empty workbook).",
        run_init,
        options=(
            Option("book", "Tệp sổ mới .xlsx (new workbook file)", type="path", required=True),
            Option("force", "Thay tệp đã có bằng sổ trống, sao lưu tệp cũ vào .dvk-backup/ trước "
                   "(overwrite, after a backup)", flags=("--force",), type="flag",
                   default=False),
            Option("don_vi", "Mẫu đăng ký của một đơn vị, theo mã (one unit's form; needs --from)",
                   flags=("--don-vi",)),
            Option("from_book", "Sổ cấp trên có sheet Đơn vị (the upper level's workbook)",
                   flags=("--from",), type="path"),
            Option("all_units", "Mẫu cho mọi đơn vị; BOOK là thư mục (every unit; BOOK is a folder)",
                   flags=("--all",), type="flag", default=False),
        ),
        needs_book=False,
    ),
    Command(
        "fix-text",
        "Chuyển chữ mã TCVN3/ABC, VNI, tổ hợp sang Unicode dựng sẵn, liệt kê ô đã sửa "
        "(convert legacy-encoded text to Unicode).",
        run_fix_text,
        options=(
            Option("dry_run", "Chỉ liệt kê, không ghi (list only)", flags=("--dry-run",),
                   type="flag", default=False),
        ),
    ),
)
