"""PDF conversion through LibreOffice (``soffice --headless``), fonts embedded.

Each conversion runs with its own throw-away LibreOffice profile, so several can run at once and a
clerk's open LibreOffice is never disturbed; a converter that hangs is killed after ``timeout``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConversionError

SOFFICE_NAMES = ("soffice", "libreoffice")  #: executables looked for on PATH
WINDOWS_SOFFICE = (  #: usual install places on Windows
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in WINDOWS_SOFFICE if os.path.isfile(p)), None)


def convert_to_pdf(docx_files: Sequence[Path], out_dir: Path, *, timeout: float = 180) -> list[Path]:
    """Convert ``docx_files`` to PDF files in ``out_dir`` with one LibreOffice call.

    Returns the PDF paths in the order of ``docx_files``. Raises :class:`ConversionError` when
    LibreOffice is missing, times out, or does not produce a file.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(
            "Không tìm thấy LibreOffice để xuất PDF.",
            hint="Cài LibreOffice (https://www.libreoffice.org) rồi chạy lại, hoặc chạy “dvk doctor”.",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dvk-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export:{\"EmbedStandardFonts\":{\"type\":\"boolean\",\"value\":\"true\"}}",
            "--outdir", str(out_dir),
            *[str(p) for p in docx_files],
        ]
        try:
            subprocess.run(command, check=False, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise ConversionError(
                f"LibreOffice không phản hồi sau {timeout:.0f} giây khi xuất PDF.",
                hint="Đóng các cửa sổ LibreOffice đang mở rồi chạy lại.",
            ) from error
    pdfs = [out_dir / (Path(p).stem + ".pdf") for p in docx_files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if missing:
        raise ConversionError(f"LibreOffice không tạo được tệp PDF: {', '.join(missing)}.")
    return pdfs
