"""``dvk doctor``: is this machine able to make correct documents? Each check says how to fix it.

1. LibreOffice (``soffice``) is found (PDF export).
2. "Times New Roman" resolves to itself or its metric twin Liberation Serif, not to another font
   (DejaVu Serif is wider: lines would wrap differently and the header would break).
3. A Vietnamese sentence in Times New Roman survives the round trip docx → PDF: same text, and the
   PDF's font is Times New Roman or Liberation Serif, embedded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.shared import Pt

from ..errors import ConversionError
from .pdf import convert_to_pdf, find_soffice

SENTENCE = "Quyết định công nhận mô hình “Dân vận khéo” năm 2025: Ủy ban nhân dân xã Tân Hương."  #: probe
GOOD_FONTS = ("Times New Roman", "Liberation Serif")  #: what "Times New Roman" may resolve to
WINDOWS_TIMES = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" / "times.ttf"  #: Windows font
FONT_FIX = ("Cài phông Times New Roman hoặc Liberation Serif — trên Debian/Ubuntu: "  #: how to fix the font
            "sudo apt install fonts-liberation2 (hoặc ttf-mscorefonts-installer).")


@dataclass(frozen=True)
class Check:
    """One check: what was checked, whether it passed, what was found, how to fix it."""

    name: str
    ok: bool
    found: str
    fix: str = ""

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.name}: {self.found}" + ("" if self.ok else f"\n    Cách sửa: {self.fix}")


def run_checks() -> list[Check]:
    """Every check, in order; the round trip is skipped (failed) when LibreOffice is missing."""
    soffice = find_soffice()
    checks = [
        Check("LibreOffice", soffice is not None, soffice or "không tìm thấy",
              "Cài LibreOffice (https://www.libreoffice.org/download) — trên Debian/Ubuntu: "
              "sudo apt install libreoffice-writer-nogui."),
        _font_check(),
    ]
    checks.append(_round_trip() if soffice else Check(
        "Xuất PDF tiếng Việt", False, "chưa kiểm tra được vì thiếu LibreOffice", "Cài LibreOffice trước."))
    return checks


def _font_check() -> Check:
    name = "Phông Times New Roman"
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        found = WINDOWS_TIMES.is_file()
        return Check(name, found, str(WINDOWS_TIMES) if found else "không tìm thấy", FONT_FIX)
    family = subprocess.run([fc_match, "-f", "%{family}", "Times New Roman"], capture_output=True,
                            text=True, check=False).stdout.strip()
    ok = any(good in family for good in GOOD_FONTS)
    return Check(name, ok, f"hệ thống dùng “{family or 'không rõ'}”", FONT_FIX)


def _round_trip() -> Check:
    name = "Xuất PDF tiếng Việt"
    with tempfile.TemporaryDirectory(prefix="dvk-doctor-") as folder:
        source = Path(folder) / "kiem-tra.docx"
        document = Document()
        run = document.add_paragraph().add_run(SENTENCE)
        run.font.name = "Times New Roman"
        run.font.size = Pt(14)
        document.save(source)
        try:
            pdf = convert_to_pdf([source], Path(folder))[0]
        except ConversionError as error:
            return Check(name, False, error.message, error.hint or "Chạy lại sau khi đóng LibreOffice.")
        text, fonts = _pdf_text_and_fonts(pdf)
    if text is None:
        return Check(name, True, "đã xuất PDF (không có công cụ đọc chữ để so: cài pdfplumber)")
    if " ".join(text.split()) != " ".join(SENTENCE.split()):
        return Check(name, False, f"chữ trong PDF bị sai: “{text.strip()[:90]}”",
                     "Cài phông Times New Roman/Liberation Serif có đủ dấu tiếng Việt.")
    bad = [f for f in fonts if not any(good.replace(" ", "") in f for good in GOOD_FONTS)]
    if bad:
        return Check(name, False, f"PDF dùng phông {', '.join(bad)}", FONT_FIX)
    if not all("+" in f for f in fonts):  # embedded subsets are named "ABCDEF+Font"
        return Check(name, False, f"phông {', '.join(fonts)} không được nhúng vào PDF",
                     "Cập nhật LibreOffice (bản 7 trở lên nhúng phông khi xuất PDF).")
    names = sorted({f.split("+")[-1] for f in fonts})
    return Check(name, True, f"chữ giữ nguyên, phông {', '.join(names)} được nhúng")


def _pdf_text_and_fonts(pdf: Path) -> tuple[str | None, list[str]]:
    try:
        import pdfplumber
    except ImportError:
        return None, []
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        fonts = sorted({c["fontname"] for c in page.chars})
        return page.extract_text(), fonts
