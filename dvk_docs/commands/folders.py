"""The folders ``dvk render`` and ``dvk batch`` work with, chosen the same way for both.

- Output: ``--out`` as given, else Cấu hình “Thư mục kết quả” (relative to the workbook's folder);
  each kind's documents go in a sub-folder named after the kind (“Quyết định công nhận/”), whether
  ``render`` makes one kind or ``batch`` makes them all, so the two never leave two copies.
- Clerk's templates: ``--templates`` as given, else Cấu hình “Thư mục mẫu riêng” (relative to the
  workbook's folder); a folder that is named but does not exist is an error, not a silent fallback
  to the shipped templates.
"""

from __future__ import annotations

from pathlib import Path

from ..documents import DocumentKind
from ..errors import TemplateError
from ..model import Workbook
from ..rules.locations import setting_cell
from .registry import Session

DEFAULT_OUTPUT_DIR = "dvk-output"  #: Cấu hình “Thư mục kết quả” when empty


def output_folder(session: Session, book: Workbook, out: Path | None) -> Path:
    """Where the documents go: ``out`` (``--out``), else Cấu hình ``output_dir`` beside the workbook."""
    if out:
        return Path(out)
    return session.source.folder / book.settings.text("output_dir", DEFAULT_OUTPUT_DIR)


def kind_folder(out_dir: Path, kind: DocumentKind) -> Path:
    """Where one kind's documents go under the output folder (the same for render and batch)."""
    return out_dir / kind.title


def templates_folder(session: Session, book: Workbook, templates: Path | None) -> Path | None:
    """The clerk's templates folder: ``templates`` (``--templates``), else Cấu hình ``templates_dir``.

    None when neither names one (shipped templates only). Raises :class:`TemplateError` naming
    the folder (and the Cấu hình cell) when it does not exist.
    """
    if templates:
        folder, where = Path(templates), "Thư mục mẫu riêng (--templates)"
    else:
        setting = book.settings.text("templates_dir")
        if not setting:
            return None
        folder = session.source.folder / setting
        where = str(setting_cell(book, "templates_dir"))
    if not folder.is_dir():
        raise TemplateError(
            f"{where}: không có thư mục “{folder}”.",
            hint="Ghi đúng đường dẫn thư mục chứa các mẫu Word đã sửa, hoặc để trống để dùng mẫu có sẵn.",
        )
    return folder


def register_book(session: Session, book: Workbook) -> Path:
    """The workbook's path as the number register knows it (its journal sits beside it)."""
    return session.source.folder / book.file_name
