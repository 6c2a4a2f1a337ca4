"""``dvk init`` and ``dvk fix-text``: create an empty workbook, repair the text encoding of cells."""

from __future__ import annotations

from pathlib import Path

from ..workbook.create import create_workbook
from ..workbook.text_repair import find_text_fixes
from .registry import Command, Option, Outcome, Session


def run_init(session: Session, book: Path, force: bool = False) -> Outcome:
    """Create the empty workbook ``book``. Raises OutputError when it exists and not ``force``."""
    create_workbook(Path(book), force=force)
    return Outcome(
        message=f"Đã tạo sổ theo dõi “{Path(book).name}”. Điền sheet Cấu hình, Đơn vị, Mô hình rồi "
        "chạy “dvk validate”.",
        files=[Path(book)],
        open_path=Path(book),
    )


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
            Option("force", "Ghi đè nếu tệp đã có (overwrite)", flags=("--force",), type="flag",
                   default=False),
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
        writes_book=True,
    ),
)
