"""PDF conversion through LibreOffice (``soffice --headless``), fonts embedded; Word on Windows.

Where the time goes (measured, docs/performance.md): starting LibreOffice costs 1.5–3 s, opening
and exporting each separate file about 0.2–0.8 s more, while a record laid out inside one merged
document costs about 0.04 s. So a batch's PDFs are made from merged shards
(:func:`convert_batch`): the records are split into one print file per core (each record starting
a page, numbered from 1, marked by a bookmark), each shard is converted by its own ``soffice`` in
one call, and its PDF is cut into one PDF per record at the pages the bookmarks point to (pypdf);
the print file's PDF is the shards' pages end to end. Each record's PDF carries the embedded fonts
its pages use. A template whose pages count the whole file (NUMPAGES, SECTIONPAGES) or records
that cannot be merged fall back to converting each file.

Files are converted in shards: one ``soffice`` process per core, each converting its share of the
files in one call with its own throw-away profile (two instances cannot share a profile, and a
clerk's open LibreOffice is never disturbed). A converter that hangs is killed after its timeout
and the files it did not finish are tried once more in a fresh process, with twice the time.

On Windows without LibreOffice, Word (through COM, installed with Excel) converts instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from ..errors import ConversionError, TemplateError
from .engine import CompiledTemplate, RenderedDocument
from .printfile import PrintFile, open_print_file

SOFFICE_NAMES = ("soffice", "libreoffice")  #: executables looked for on PATH
WINDOWS_SOFFICE = (  #: usual install places on Windows
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
PDF_FILTER = 'pdf:writer_pdf_Export:{"EmbedStandardFonts":{"type":"boolean","value":"true"}}'  #: fonts embedded
MARKED_PDF_FILTER = (  #: … and Writer bookmarks as PDF named destinations (where each record starts)
    'pdf:writer_pdf_Export:{"EmbedStandardFonts":{"type":"boolean","value":"true"},'
    '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
)
MARK_PREFIX = "dvkrecord"  #: record marks are this and a number (letters and digits: kept as is)
WHOLE_FILE_FIELDS = (b"NUMPAGES", b"SECTIONPAGES")  #: fields a merged shard would count wrongly
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
    pdf_filter: str = PDF_FILTER,
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
        return _convert_without_soffice(files, out_dir)
    count = max(1, min(workers or os.cpu_count() or 1, len(files)))
    pending = [files[i::count] for i in range(count)]
    converting = _Converting(soffice, out_dir, pdf_filter, timeout, progress, len(files))
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dvk-pdf-") as scratch:
        for attempt in range(ATTEMPTS):
            failures = converting.attempt(pending, Path(scratch), attempt)
            pending = [left for shard in pending
                       if (left := [f for f in shard if not (out_dir / f"{f.stem}.pdf").is_file()])]
            if not pending:
                return [out_dir / f"{f.stem}.pdf" for f in files]
    missing = ", ".join(f.name for shard in pending for f in shard)
    reason = next((f for f in failures if f), "")
    raise ConversionError(
        f"LibreOffice không xuất được PDF cho: {missing}{reason}.",
        hint="Đóng các cửa sổ LibreOffice đang mở rồi chạy lại; nếu vẫn lỗi, mở tệp .docx bằng Word để kiểm tra.",
    )


def _convert_without_soffice(files: list[Path], out_dir: Path) -> list[Path]:
    """Word converts on Windows; elsewhere there is nothing to convert with."""
    if sys.platform == "win32":
        return _convert_with_word(files, out_dir)
    raise ConversionError(
        "Không tìm thấy LibreOffice để xuất PDF.",
        hint="Cài LibreOffice (https://www.libreoffice.org) rồi chạy lại, hoặc chạy “dvk doctor”.",
    )


@dataclass
class _Converting:
    """One :func:`convert_many` call: where the PDFs go, how to convert, how many are done."""

    soffice: str
    out_dir: Path
    pdf_filter: str
    timeout: float | None
    progress: ProgressCallback | None
    total: int
    done: int = 0

    def attempt(self, shards: list[list[Path]], scratch: Path, attempt: int) -> list[str]:
        """Convert each of ``shards`` with its own converter and move the PDFs made to the output
        folder; returns why each converter failed, or "" for one that did not."""
        with contextlib.ExitStack() as running:  # Ctrl+C or an error: no converter outlives us or keeps its profile
            runs = [running.enter_context(_Run(self.soffice, shard, scratch / f"{attempt}-{i}", self.pdf_filter))
                    for i, shard in enumerate(shards)]
            return [self._finish(run, attempt) for run in runs]

    def _finish(self, run: _Run, attempt: int) -> str:
        allowance = self.timeout or START_SECONDS + SECONDS_PER_FILE * len(run.files)
        failure = run.finish(allowance * (attempt + 1))  # a retry gets longer
        for pdf in run.outputs():
            shutil.move(pdf, self.out_dir / pdf.name)
            self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, "Đang xuất PDF")
        return failure


class Shards:
    """The marked print files a batch's PDFs are cut from, one per core, filled as records come.

    Records go in order into contiguous shards, so one shard is open at a time and memory does not
    grow with the number of records. A template that cannot be merged (NUMPAGES, SECTIONPAGES),
    no LibreOffice, or a record a print file cannot hold leaves :attr:`merged` False: then each
    file is converted on its own. Use as a context manager (the shards live in a temporary folder).
    """

    def __init__(self, template: CompiledTemplate, count: int) -> None:
        self.template = template
        self.sizes = _shard_sizes(count)  #: records per shard
        self.paths: list[Path] = []  #: the shards begun so far
        self.merged = find_soffice() is not None and _mergeable(template)  #: False: convert each file
        self._files = contextlib.ExitStack()  #: the shard being written
        self._shard: PrintFile | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def add(self, document: RenderedDocument) -> None:
        """Add the batch's next record to its shard."""
        if not self.merged:
            return
        try:
            if self._shard is None:
                self._shard = self._begin()
            self._shard.add(document)
            if self._shard.count == self.sizes[len(self.paths) - 1]:
                self._shard.finish()
                self._end()
        except TemplateError:  # records a print file cannot hold: each file on its own
            self.merged = False
            self._end()

    def _begin(self) -> PrintFile:
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="dvk-pdf-")
        self.paths.append(Path(self._folder.name) / f"shard-{len(self.paths)}.docx")
        target = self._files.enter_context(self.paths[-1].open("wb"))
        return self._files.enter_context(open_print_file(self.template, target, mark_prefix=MARK_PREFIX))

    def _end(self) -> None:
        self._shard = None
        self._files.close()

    def __enter__(self) -> Shards:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._end()
        if self._folder is not None:
            self._folder.cleanup()


def convert_batch(
    shards: Shards,
    docx_files: Sequence[Path],
    print_file: Path | None,
    *,
    progress: ProgressCallback | None = None,
) -> list[Path]:
    """PDFs beside the .docx of a rendered batch: one per record of ``docx_files`` (empty when there
    are no per-record files) and one of ``print_file`` (None: none), cut from ``shards`` (every
    record of the batch added) where they are merged, else converted file by file.

    Returns the PDF paths, records first. Raises :class:`ConversionError`.
    """
    wanted = [*docx_files, *([print_file] if print_file else [])]
    if not wanted:
        return []
    if not shards.merged:
        return convert_many(wanted, wanted[0].parent, progress=progress)
    with tempfile.TemporaryDirectory(prefix="dvk-pdf-") as scratch:
        shard_pdfs = convert_many(shards.paths, Path(scratch), progress=progress, pdf_filter=MARKED_PDF_FILTER)
        try:
            pdfs = _split_shards(shard_pdfs, shards.sizes, [f.with_suffix(".pdf") for f in docx_files])
        except ConversionError:  # a mark LibreOffice did not keep: convert each file instead
            return convert_many(wanted, wanted[0].parent, progress=progress)
        if print_file is not None:
            pdfs.append(_join(shard_pdfs, print_file.with_suffix(".pdf")))
    return pdfs


def _mergeable(template: CompiledTemplate) -> bool:
    """False when the template holds a field that counts the pages of the whole file."""
    with zipfile.ZipFile(io.BytesIO(template.spec.source)) as package:
        return not any(
            field in package.read(name)
            for name in package.namelist() if name.startswith("word/") and name.endswith(".xml")
            for field in WHOLE_FILE_FIELDS
        )


def _shard_sizes(count: int) -> list[int]:
    """Records per shard of ``count`` contiguous records, one shard per core (fewer for few records)."""
    shards = max(1, min(os.cpu_count() or 1, count))
    bounds = [count * i // shards for i in range(shards + 1)]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _split_shards(shard_pdfs: Sequence[Path], sizes: Sequence[int], targets: Sequence[Path]) -> list[Path]:
    """Cut each shard's PDF into its records' PDFs ``targets`` (in record order)."""
    if not targets:
        return []
    written: list[Path] = []
    for pdf, size in zip(shard_pdfs, sizes, strict=True):
        reader = PdfReader(pdf)
        starts = _record_starts(reader, size)
        for first, end in zip(starts, [*starts[1:], len(reader.pages)], strict=True):
            writer = PdfWriter()
            if reader.metadata:
                writer.add_metadata(reader.metadata)  # LibreOffice as producer, as a file converted alone
            for number in range(first, end):
                writer.add_page(reader.pages[number])
            target = targets[len(written)]
            with target.open("wb") as stream:
                writer.write(stream)
            written.append(target)
    return written


def _record_starts(reader: PdfReader, size: int) -> list[int]:
    """The first page (0-based) of each of the ``size`` records of a marked shard's PDF."""
    starts: dict[int, int] = {}
    for name, destination in reader.named_destinations.items():
        key = name.lstrip("/")
        if key.startswith(MARK_PREFIX) and key[len(MARK_PREFIX):].isdigit():
            starts[int(key[len(MARK_PREFIX):])] = reader.get_destination_page_number(destination)
    pages = [starts.get(i) for i in range(size)]
    if None in pages or pages[0] != 0 or any(b <= a for a, b in zip(pages, pages[1:], strict=False)):
        raise ConversionError("LibreOffice không giữ dấu đầu văn bản trong tệp PDF ghép.")
    return pages  # type: ignore[return-value]


def _join(pdfs: Sequence[Path], target: Path) -> Path:
    """``target``: the pages of ``pdfs`` end to end."""
    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(pdf).pages:
            writer.add_page(page)
    with target.open("wb") as stream:
        writer.write(stream)
    return target


class _Run:
    """One ``soffice`` process converting a shard of files into its own folder, with its own profile."""

    def __init__(self, soffice: str, files: list[Path], folder: Path, pdf_filter: str) -> None:
        self.files = files
        self.folder = folder
        profile = folder / "profile"
        profile.mkdir(parents=True)
        command = [
            soffice, f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
            "--convert-to", pdf_filter, "--outdir", str(folder), *[str(p) for p in files],
        ]
        temporary = folder / "tmp"  # LibreOffice's own temporary files: removed with the folder,
        temporary.mkdir()  # even when a converter is killed
        environment = {**os.environ, "TMPDIR": str(temporary), "TMP": str(temporary), "TEMP": str(temporary)}
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment,
            **_own_process_group(),
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

    def __enter__(self) -> _Run:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()  # a finished converter: nothing to do

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
