"""PDF conversion through LibreOffice (``soffice --headless``), fonts embedded; Word on Windows.

Starting LibreOffice costs about 1.5 s, converting a 2-page document in a running one about 0.2 s,
so files are converted in shards: one ``soffice`` process per core, each converting its share of
the files in one call with its own throw-away profile (two instances cannot share a profile, and
a clerk's open LibreOffice is never disturbed). A converter that hangs is killed after its
timeout and the files it did not finish are tried once more in a fresh process, with twice the
time.

On Windows without LibreOffice, Word (through COM, installed with Excel) converts instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import ConversionError

SOFFICE_NAMES = ("soffice", "libreoffice")  #: executables looked for on PATH
WINDOWS_SOFFICE = (  #: usual install places on Windows
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
PDF_FILTER = 'pdf:writer_pdf_Export:{"EmbedStandardFonts":{"type":"boolean","value":"true"}}'  #: fonts embedded
START_SECONDS = 60.0  #: timeout allowance for starting one converter
SECONDS_PER_FILE = 10.0  #: timeout allowance per file in a shard
ATTEMPTS = 2  #: a shard whose converter hung or crashed is tried once more
WORD_PDF_FORMAT = 17  #: wdExportFormatPDF

ProgressCallback = Callable[[int, int, str], None]  #: (done, total, what) -> None


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in WINDOWS_SOFFICE if os.path.isfile(p)), None)


def convert_to_pdf(docx_files: Sequence[Path], out_dir: Path, *, timeout: float | None = None) -> list[Path]:
    """Convert ``docx_files`` to PDF files in ``out_dir`` with one LibreOffice process.

    Returns the PDF paths in the order of ``docx_files``. ``timeout`` (seconds) overrides the
    allowance computed from the number of files. Raises :class:`ConversionError` when no
    converter is installed or a file could not be converted after a retry.
    """
    return convert_many(docx_files, out_dir, workers=1, timeout=timeout)


def convert_many(
    docx_files: Sequence[Path],
    out_dir: Path,
    *,
    workers: int | None = None,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
) -> list[Path]:
    """Convert ``docx_files`` to PDF in ``out_dir``, one LibreOffice process per core (``workers``).

    Returns the PDF paths in the order of ``docx_files``. A PDF appears in ``out_dir`` only once
    complete. Raises :class:`ConversionError` as :func:`convert_to_pdf`.
    """
    files = [Path(p) for p in docx_files]
    if not files:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = find_soffice()
    if soffice is None:
        if sys.platform == "win32":
            return _convert_with_word(files, out_dir)
        raise ConversionError(
            "Không tìm thấy LibreOffice để xuất PDF.",
            hint="Cài LibreOffice (https://www.libreoffice.org) rồi chạy lại, hoặc chạy “dvk doctor”.",
        )
    count = max(1, min(workers or os.cpu_count() or 1, len(files)))
    pending = [files[i::count] for i in range(count)]
    done, failures = 0, []
    with tempfile.TemporaryDirectory(prefix="dvk-pdf-") as scratch:
        for attempt in range(ATTEMPTS):
            runs: list[_Run] = []
            try:
                for i, shard in enumerate(pending):
                    runs.append(_Run(soffice, shard, Path(scratch) / f"{attempt}-{i}"))
                failures = []
                for run in runs:
                    allowance = timeout or START_SECONDS + SECONDS_PER_FILE * len(run.files)
                    failures.append(run.finish(allowance * (attempt + 1)))  # a retry gets longer
                    for pdf in run.outputs():
                        shutil.move(pdf, out_dir / pdf.name)
                        done += 1
                    if progress is not None:
                        progress(done, len(files), "Đang xuất PDF")
            except BaseException:  # Ctrl+C or an error: no converter outlives us or keeps its profile
                for run in runs:
                    run.stop()
                raise
            pending = [[f for f in run.files if not (out_dir / f"{f.stem}.pdf").is_file()] for run in runs]
            pending = [shard for shard in pending if shard]
            if not pending:
                return [out_dir / f"{f.stem}.pdf" for f in files]
    missing = ", ".join(f.name for shard in pending for f in shard)
    reason = next((f for f in failures if f), "")
    raise ConversionError(
        f"LibreOffice không xuất được PDF cho: {missing}{reason}.",
        hint="Đóng các cửa sổ LibreOffice đang mở rồi chạy lại; nếu vẫn lỗi, mở tệp .docx bằng Word để kiểm tra.",
    )


class _Run:
    """One ``soffice`` process converting a shard of files into its own folder, with its own profile."""

    def __init__(self, soffice: str, files: list[Path], folder: Path) -> None:
        self.files = files
        self.folder = folder
        profile = folder / "profile"
        profile.mkdir(parents=True)
        command = [
            soffice, f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
            "--convert-to", PDF_FILTER, "--outdir", str(folder), *[str(p) for p in files],
        ]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **_own_process_group()
        )

    def finish(self, timeout: float) -> str:
        """Wait for the converter; kill it (and its children) after ``timeout``. Returns "" or why."""
        try:
            _, errors = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(self.process)
            self.process.communicate()
            return f" (LibreOffice không phản hồi sau {timeout:.0f} giây)"
        if self.process.returncode != 0:
            return f" (LibreOffice dừng với mã {self.process.returncode}: {errors.decode(errors='replace').strip()[:200]})"
        return ""

    def stop(self) -> None:
        """End the converter and its children now if it is still running (they hold the profile)."""
        if self.process.poll() is None:
            _kill_tree(self.process)
            self.process.wait()

    def outputs(self) -> list[Path]:
        return [pdf for f in self.files if (pdf := self.folder / f"{f.stem}.pdf").is_file()]


def _own_process_group() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill_tree(process: subprocess.Popen) -> None:
    """Kill a converter and the processes it started (soffice runs soffice.bin)."""
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()


def _convert_with_word(files: list[Path], out_dir: Path) -> list[Path]:
    """Convert through Microsoft Word (Windows only; pywin32 comes with xlwings there)."""
    try:
        import pywintypes
        import win32com.client
    except ImportError as error:
        raise ConversionError(
            "Không tìm thấy LibreOffice hay Microsoft Word để xuất PDF.",
            hint="Cài LibreOffice (https://www.libreoffice.org) rồi chạy lại.",
        ) from error
    word = win32com.client.DispatchEx("Word.Application")
    word.Visible, word.DisplayAlerts = False, 0
    pdfs = []
    try:
        for path in files:
            document = word.Documents.Open(str(path.resolve()), ReadOnly=True, AddToRecentFiles=False)
            try:
                pdf = out_dir / f"{path.stem}.pdf"
                document.ExportAsFixedFormat(str(pdf.resolve()), WORD_PDF_FORMAT)
                pdfs.append(pdf)
            finally:
                document.Close(False)
    except pywintypes.com_error as error:
        raise ConversionError(f"Word không xuất được PDF: {error}.") from error
    finally:
        word.Quit()
    return pdfs
