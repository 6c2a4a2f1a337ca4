"""``dvk addin build|install|uninstall`` and the small ribbon commands ``open-output`` and ``guide``."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DvkError
from ..resources import REPO_ROOT, data_dir
from ..safety.files import atomic_write
from .registry import OUT_OPTION, Command, Option, Outcome, Session

GUIDE_NAME = "huong-dan-su-dung.md"  #: the user guide shipped in excel_addin/ (copy of docs/excel.md)
DEFAULT_OUTPUT = "dvk-output"  #: output folder beside the workbook when Cấu hình names none

_TRUST_HELP = (
    "Nếu tab “Dân vận khéo” không hiện hoặc Excel báo macro bị chặn: Tệp > Tùy chọn > Trung tâm "
    "Tin cậy > Cài đặt Trung tâm Tin cậy > Vị trí Tin cậy: thư mục XLSTART phải có trong danh sách; "
    "Bổ trợ: bỏ chọn “Yêu cầu bổ trợ ứng dụng phải được ký”. Nếu phần mềm diệt virus xoá hoặc "
    "cách ly tệp dvk_docs.xlam, hãy khôi phục và thêm thư mục XLSTART vào danh sách ngoại lệ "
    "(xem docs/excel.md, mục Khắc phục sự cố)."
)


def run_build(session: Session, out: Path | None = None) -> Outcome:
    """Build the add-in (.xlam) from the pinned xlwings template and the button registry.

    Beside it: ``ribbon.xml``, ``dvk_docs.bas`` and, in a checkout, the user guide copy.
    """
    from ..addin.build import ADDIN_FILE, write_addin
    from . import BUTTONS

    target = Path(out) if out else data_dir("excel_addin") / ADDIN_FILE
    files = write_addin(target, BUTTONS)
    guide = REPO_ROOT / "docs" / "excel.md"
    if guide.is_file():
        atomic_write(target.parent / GUIDE_NAME, guide.read_bytes())
        files.append(target.parent / GUIDE_NAME)
    return Outcome(message=f"Đã tạo add-in {target} ({len(BUTTONS)} nút).", files=files)


def run_install(session: Session) -> Outcome:
    """Install the shipped add-in for this Windows user (no admin rights needed)."""
    from ..addin.build import ADDIN_FILE
    from ..addin.install import InstallPlaces, install_addin

    places = InstallPlaces.from_environ(os.environ)
    files = install_addin(data_dir("excel_addin") / ADDIN_FILE, places, os.environ)
    return Outcome(
        message="Đã cài add-in “Dân vận khéo”. Đóng hết cửa sổ Excel rồi mở lại: tab "
                "“Dân vận khéo” sẽ hiện trên thanh ribbon.",
        files=files, details=[_TRUST_HELP],
    )


def run_uninstall(session: Session) -> Outcome:
    """Remove the add-in and its settings for this Windows user."""
    from ..addin.install import InstallPlaces, uninstall_addin

    removed = uninstall_addin(InstallPlaces.from_environ(os.environ))
    if not removed:
        return Outcome(message="Add-in “Dân vận khéo” chưa được cài cho người dùng này.")
    return Outcome(message="Đã gỡ add-in “Dân vận khéo”. Mở lại Excel để tab biến mất.", files=removed)


def run_open_output(session: Session, out: Path | None = None) -> Outcome:
    """The output folder of the workbook (``out``, else “Thư mục kết quả” of Cấu hình), created
    when missing, to be opened by the Excel add-in."""
    folder = Path(out) if out else _configured_output(session)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DvkError(f"Không tạo được thư mục kết quả “{folder}”: {error.strerror or error}.",
                       hint="Sửa mục “Thư mục kết quả” trong sheet Cấu hình.") from error
    return Outcome(message=f"Thư mục kết quả: {folder}", open_path=folder)


def run_guide(session: Session) -> Outcome:
    """The user guide of the Excel add-in (Vietnamese), to be opened by the add-in."""
    guide = data_dir("excel_addin") / GUIDE_NAME
    if not guide.is_file():
        guide = REPO_ROOT / "docs" / "excel.md"
    return Outcome(message=f"Hướng dẫn sử dụng: {guide}", open_path=guide)


def _configured_output(session: Session) -> Path:
    if session.source is None:
        raise RuntimeError("open-output needs a workbook")
    configured = Path(session.book().settings.text("output_dir", DEFAULT_OUTPUT))
    return configured if configured.is_absolute() else session.source.folder / configured


COMMANDS = (
    Command("addin build",
            "Tạo add-in Excel dvk_docs.xlam từ danh sách nút (build the Excel add-in).",
            run_build, options=(Option("out", "Tệp .xlam cần tạo (output file)", flags=("--out", "-o"),
                                       type="path"),),
            needs_book=False),
    Command("addin install",
            "Cài add-in vào Excel cho người dùng này, không cần quyền quản trị (install for this "
            "Windows user).",
            run_install, needs_book=False),
    Command("addin uninstall", "Gỡ add-in khỏi Excel (uninstall the add-in).", run_uninstall,
            needs_book=False),
    Command("open-output", "Mở thư mục kết quả của sổ (open the output folder).", run_open_output,
            options=(OUT_OPTION,)),
    Command("guide", "Mở hướng dẫn sử dụng add-in Excel (open the user guide).", run_guide,
            needs_book=False),
)
