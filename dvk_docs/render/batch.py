"""Render a batch all or nothing: every record first, every failure reported at once, then files.

1. Every record is rendered into a hidden staging folder beside the outputs; failures are
   collected, not raised one by one. From :data:`FORK_THRESHOLD` records on (Linux: ``fork``)
   worker processes (one per core; the main process renders the first share itself unless it
   builds the print file or PDFs) render chunks of records and write their files themselves,
   sending back only what the main process needs (a failure, a fallback reason; the rendered
   parts only for the print file and PDFs). A forked pool starts after the template is compiled,
   so workers inherit it: forking and feeding a worker costs the main process 10–15 ms of CPU
   (measured with a ~100 MB process), a record 0.8–1.6 ms (certificate, decision, file written),
   so on two quiet cores a pool pays from ~15–30 records; 40 leaves a margin for a loaded
   machine. Where a pool must ``spawn`` (Windows, macOS, or another thread is running: forking
   then is unsafe), every worker imports the package and compiles the template again (~0.5 s),
   so only batches of :data:`SPAWN_THRESHOLD` records use one.
2. Any failure: the staging folder is deleted and one :class:`~dvk_docs.errors.TemplateError`
   lists every failing record with the name the template asked for — no output file appears.
3. Otherwise the print file and PDFs are made in the staging folder, and each file is renamed
   into place (``os.replace``); if a rename fails (a file open in Word), the ones already moved
   are taken back and the old files restored.

Progress is reported as ``progress(done, total, what)`` for the CLI bar and Excel's status bar.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import UndefinedError

from ..documents import DocumentKind, RenderOptions
from ..documents.parts import Picture
from ..errors import OutputError, TemplateError
from ..model import Workbook
from ..safety import (
    TEMP_PREFIX,
    check_package,
    is_process_alive,
    is_temporary,
    remove_stale_temporaries,
)
from ..workbook.schema import SETTINGS
from .engine import RENDER_ERRORS, BatchImage, CompiledTemplate, RenderedDocument, TemplateSpec
from .environment import make_environment
from .filenames import file_names, safe_stem
from .pictures import PictureImage, batch_image
from .printfile import write_print_file
from .templates import find_template

if TYPE_CHECKING:
    from .pdf import Shards

ProgressCallback = Callable[[int, int, str], None]  #: (done, total, what) -> None
FORK_THRESHOLD = 40  #: records from which forked worker processes pay (when cores > 1)
SPAWN_THRESHOLD = 400  #: records from which spawned worker processes pay (each compiles again)
CHUNK_SIZE = 50  #: most records a worker renders per task
TASKS_PER_WORKER = 4  #: tasks per worker in a small batch (balance, progress)
TASKS_AHEAD = 2  #: tasks per worker submitted before their results are read
MAX_LISTED_FAILURES = 20  #: failures spelled out in the error message; the rest are counted
NUMBER_FIELD = "so_cap"  #: file-name field of a numbered document: "Số 01 ngày 05-03-2025"
DEFAULT_FILENAME_PATTERN = str(next(c.default for c in SETTINGS.columns if c.field == "filename_pattern"))  #: Cấu hình default
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


@dataclass(frozen=True)
class RecordFailure:
    """Why record ``index`` (0-based) could not be rendered: the name it lacked, Jinja's message."""

    index: int
    label: str
    variable: str | None
    message: str

    def __str__(self) -> str:
        what = f"văn bản thứ {self.index + 1}" + (f" ({self.label})" if self.label else "")
        if self.variable:
            return f"{what}: mẫu dùng biến “{self.variable}” nhưng dữ liệu không có"
        return f"{what}: {self.message}"


@dataclass
class BatchResult:
    """What a batch wrote: per-record .docx files, the print file, PDFs; records docxtpl rendered."""

    files: list[Path] = field(default_factory=list)
    print_file: Path | None = None
    pdfs: list[Path] = field(default_factory=list)
    fallbacks: list[tuple[int, str]] = field(default_factory=list)  #: (index, reason)

    @property
    def all_files(self) -> list[Path]:
        return [*self.files, *([self.print_file] if self.print_file else []), *self.pdfs]


def render_batch(
    spec: TemplateSpec,
    contexts: Sequence[Mapping[str, Any]],
    out_dir: Path,
    *,
    names: Sequence[str] | None = None,
    print_name: str | None = None,
    pdf: bool = False,
    labels: Sequence[str] | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> BatchResult:
    """Render ``contexts`` with the template of ``spec`` into ``out_dir``, all or nothing.

    ``names`` are the per-record file names (None = no per-record files); ``print_name`` the
    print file's name (None = no print file); ``pdf`` adds a PDF of each .docx written.
    ``labels`` name records in messages; ``workers`` caps worker processes (1 = none).
    Raises :class:`TemplateError` listing every record that failed, :class:`OutputError` when a
    file cannot be written or replaced, :class:`~dvk_docs.errors.ConversionError` for PDF.
    """
    with stage_batch(spec, contexts, out_dir, names=names, print_name=print_name, pdf=pdf,
                     labels=labels, progress=progress, workers=workers) as staged:
        return staged.commit()


class StagedBatch:
    """A batch rendered into a hidden folder beside its outputs, not yet in place.

    Use as a context manager: leaving it without :meth:`commit` deletes the staged files, so
    several batches (one per document kind) can be rendered first and committed together.
    """

    def __init__(self, staging: Path, out_dir: Path, result: BatchResult, staged: list[str],
                 print_name: str | None, progress: ProgressCallback, new_folder: Path | None) -> None:
        self.staging, self.out_dir, self.result = staging, out_dir, result
        self.staged, self.print_name, self.progress = staged, print_name, progress
        self.new_folder = new_folder  #: the outermost output folder this batch created, if any

    @property
    def record_files(self) -> list[Path]:
        """Where each record's .docx goes on :meth:`commit`, in record order."""
        return [self.out_dir / name for name in self.staged
                if name.endswith(".docx") and name != self.print_name]

    def commit(self) -> BatchResult:
        """Move every staged file into place (all or nothing); returns what was written."""
        self.progress(0, len(self.staged), "Đang ghi tệp")
        written = _commit(self.staging, self.out_dir, self.staged)
        self.result.files = [p for p in written if p.suffix == ".docx" and p.name != self.print_name]
        self.result.print_file = self.out_dir / self.print_name if self.print_name else None
        self.result.pdfs = [p for p in written if p.suffix == ".pdf"]
        self.progress(len(written), len(written), "Xong")
        return self.result

    def __enter__(self) -> StagedBatch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        _discard(self.staging, self.out_dir, self.new_folder)


def stage_batch(
    spec: TemplateSpec,
    contexts: Sequence[Mapping[str, Any]],
    out_dir: Path,
    *,
    names: Sequence[str] | None = None,
    print_name: str | None = None,
    pdf: bool = False,
    labels: Sequence[str] | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> StagedBatch:
    """Render everything of :func:`render_batch` into a staging folder; nothing is in place yet."""
    report = progress or (lambda done, total, what: None)
    if names is not None and len(names) != len(contexts):
        raise ValueError("one file name per record")
    template = CompiledTemplate(spec)
    new_folder = _first_missing(out_dir)
    staging = _staging_folder(out_dir)
    try:
        with _shards(template, len(contexts), pdf) as shards:
            result, staged = _render_all(template, contexts, staging, names, print_name, labels, report,
                                         workers, shards)
            if shards is not None:
                from .pdf import convert_batch

                report(0, len(staged), "Đang xuất PDF")
                pdfs = convert_batch(shards, [staging / n for n in names or []],
                                     staging / print_name if print_name else None, progress=report)
                staged += [p.name for p in pdfs]
    except BaseException:
        _discard(staging, out_dir, new_folder)
        raise
    return StagedBatch(staging, out_dir, result, staged, print_name, report, new_folder)


def _shards(template: CompiledTemplate, count: int, pdf: bool) -> contextlib.AbstractContextManager[Shards | None]:
    """The PDF shards of a batch, None without ``pdf`` (pypdf is loaded only for PDFs)."""
    if not pdf:
        return contextlib.nullcontext()
    from .pdf import Shards

    return Shards(template, count)


def render_kind(
    kind: DocumentKind,
    book: Workbook,
    out_dir: Path,
    options: RenderOptions,
    *,
    templates_dir: Path | None = None,
    per_record: bool = True,
    print_file: bool = False,
    pdf: bool = False,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> StagedBatch:
    """Stage every document of ``kind`` from ``book`` (commit it, or use it as a context manager).

    Files are named with Cấu hình ``filename_pattern``: its fields are ``stt``, ``ten`` (the
    record as clerks name it), ``don_vi``, ``loai`` (the kind's title) and every text or number
    the template reads; numbered documents (``options.numbers``) start with ``so_cap``
    ("Số 01 ngày 05-03-2025 - …") so that no issued document's file is replaced. Pictures that are the same in every record (signature, seal) go in once.
    Raises :class:`~dvk_docs.errors.DocumentDataError` from the kind, :class:`TemplateError`
    for a missing template or failing records.
    """
    contexts = kind.build(book, options)
    if options.electronic:  # dvk ky draws them on the PDF, as NĐ 30 Phụ lục I shows a digital signature
        contexts = [dataclasses.replace(c, anh_chu_ky=None, anh_dau=None) for c in contexts]
    template = find_template(kind, options.profile, templates_dir)
    if not template.is_file():
        raise TemplateError(f"Không tìm thấy mẫu “{template}”.",
                            hint="Chạy “dvk templates build” hoặc kiểm tra thư mục mẫu riêng.")
    images, values = docxtpl_contexts([c.values() for c in contexts])
    labels = [kind.describe(c) for c in contexts]
    print_name = f"{safe_stem(kind.title)} - tệp in chung.docx" if print_file else None
    fields = [
        {**{k: v for k, v in value.items() if isinstance(v, (str, int, float))},
         "ten": _capitalised(label or kind.title), "loai": kind.title, "don_vi": value.get("don_vi", "")}
        for value, label in zip(values, labels, strict=True)
    ]
    pattern = book.settings.text("filename_pattern", DEFAULT_FILENAME_PATTERN)
    if options.numbers:  # an issued document's file never takes another number's name
        pattern = f"{{{NUMBER_FIELD}}} - {pattern}"
        for index, record in enumerate(fields):
            number, date = options.issue(index, "", None)
            record[NUMBER_FIELD] = f"Số {number}" + (f" ngày {date:%d-%m-%Y}" if date else "")
    names = file_names(pattern, fields, folder=out_dir, taken=[print_name or ""]) if per_record else None
    source = template.read_bytes()
    check_package(source, error=TemplateError, name=template.name)  # before lxml (huge_tree) parses it
    spec = TemplateSpec(source, template.name, make_environment, images)
    return stage_batch(spec, values, out_dir, names=names, print_name=print_name, pdf=pdf,
                       labels=labels, progress=progress, workers=workers)


def docxtpl_contexts(
    values: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, BatchImage], list[dict[str, Any]]]:
    """The batch pictures and each record's values as docxtpl reads them.

    A :class:`Picture` that is the same in every record (signature, seal) becomes a batch
    picture, added once; one that differs becomes a per-record ``InlineImage`` (docxtpl renders
    that record); None becomes "" (as :func:`dvk_docs.render.docx.template_values` does).
    """
    images = _batch_pictures(values)
    return images, [_docxtpl_values(v, images) for v in values]


def _batch_pictures(values: Sequence[Mapping[str, Any]]) -> dict[str, BatchImage]:
    names = {n for v in values for n, x in v.items() if isinstance(x, Picture)}
    images = {}
    for name in names:
        pictures = {v.get(name) for v in values}
        if len(pictures) == 1:
            images[name] = batch_image(pictures.pop())
    return images


def _docxtpl_values(values: Mapping[str, Any], images: Mapping[str, BatchImage]) -> dict[str, Any]:
    """What docxtpl reads: None is "", a per-record picture an InlineImage (rendered by docxtpl)."""
    prepared = {}
    for name, value in values.items():
        if name in images:
            continue
        if value is None:
            value = ""
        elif isinstance(value, Picture):
            value = PictureImage(None, batch_image(value))
        prepared[name] = value
    return prepared


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render_all(
    template: CompiledTemplate,
    contexts: Sequence[Mapping[str, Any]],
    staging: Path,
    names: Sequence[str] | None,
    print_name: str | None,
    labels: Sequence[str] | None,
    report: ProgressCallback,
    workers: int | None,
    shards: Shards | None,
) -> tuple[BatchResult, list[str]]:
    """Render every record into ``staging``; raise one TemplateError listing every failure.

    The print file and the PDF ``shards`` are written as records come: memory stays flat in
    their number."""
    total = len(contexts)
    result, failures = BatchResult(), []

    def rendered() -> Iterator[RenderedDocument]:
        targets = [staging / name for name in names] if names is not None else [None] * total
        whole = shards is not None or print_name is not None  # documents the main process merges
        with contextlib.closing(_outcomes(template, contexts, targets, workers, whole)) as outcomes:
            for index, outcome in enumerate(outcomes):
                if isinstance(outcome, RecordFailure):
                    label = labels[index] if labels else ""
                    failures.append(RecordFailure(index, label, outcome.variable, outcome.message))
                elif not failures:
                    if outcome.fallback:
                        result.fallbacks.append((index, outcome.fallback))
                    if shards is not None:
                        shards.add(outcome)
                    yield outcome
                if (index + 1) % max(1, total // 100) == 0 or index + 1 == total:
                    report(index + 1, total, "Đang lập văn bản")

    staged = list(names or [])
    # closed on the way out (Ctrl+C): worker processes stop writing before the staging folder goes
    with contextlib.closing(rendered()) as records:
        if print_name is None:
            for _ in records:
                pass
        else:
            try:
                with (staging / print_name).open("wb") as target:
                    write_print_file(template, records, target)
            except ValueError:  # no record rendered: the failures say why
                if not failures:
                    raise
            staged.append(print_name)
    if failures:
        raise _failures_error(failures)
    return result, staged


def _outcomes(
    template: CompiledTemplate,
    contexts: Sequence[Mapping[str, Any]],
    targets: Sequence[Path | None],
    workers: int | None,
    keep: bool,
) -> Iterator[RenderedDocument | RecordFailure]:
    """Each record rendered (its package written to its target, if any) or its failure, in order.

    The rendered document comes back whole with ``keep``, else only its fallback reason. With
    worker processes, the main process renders the first share itself unless it keeps documents
    (it then builds the print file or PDFs as they come): one process fewer to start."""
    method = _start_method()
    count = _worker_count(len(contexts), workers, method)
    own = len(contexts) if count < 2 else 0 if keep else len(contexts) // count
    helpers = count - (own > 0)
    chunks = _chunks(contexts[own:], targets[own:], helpers)
    pool = _pool(template, helpers, method) if chunks else None
    try:
        # kept documents would pile up while the main process merges them; fallback reasons do not,
        # and a worker must not wait idle while the main process renders its own share
        ahead = TASKS_AHEAD * helpers if keep else len(chunks)
        results = _in_order(pool, functools.partial(_render_chunk, keep=keep), chunks, ahead) if pool else ()
        for context, target in zip(contexts[:own], targets[:own], strict=True):
            yield _render_one(template, context, target, keep)
        for outcomes in results:
            yield from outcomes
    finally:  # Ctrl+C or a failure: the chunks not started are dropped
        if pool:
            pool.shutdown(cancel_futures=True)


def _in_order(pool: ProcessPoolExecutor, task: Callable[[Any], Any], chunks: Sequence[Any],
              ahead: int) -> Iterator[Any]:
    """``task`` of each chunk in ``pool``, in order, with at most ``ahead`` tasks submitted ahead
    of the one read: the documents of a slow reader (the print file) do not pile up in memory. The
    first tasks are submitted at once."""
    submitted = collections.deque(pool.submit(task, chunk) for chunk in chunks[:ahead])
    return _results(pool, task, submitted, chunks[len(submitted):])


def _results(pool: ProcessPoolExecutor, task: Callable[[Any], Any], ahead: collections.deque[Future],
             rest: Sequence[Any]) -> Iterator[Any]:
    for chunk in rest:
        result = ahead.popleft().result()
        ahead.append(pool.submit(task, chunk))
        yield result
    while ahead:
        yield ahead.popleft().result()


def _chunks(contexts: Sequence[Mapping[str, Any]], targets: Sequence[Path | None],
            workers: int) -> list[list[tuple[Mapping[str, Any], Path | None]]]:
    """The records as worker tasks: :data:`TASKS_PER_WORKER` per worker, at most :data:`CHUNK_SIZE`."""
    size = max(1, min(CHUNK_SIZE, -(-len(contexts) // (max(workers, 1) * TASKS_PER_WORKER))))
    return [list(zip(contexts[i:i + size], targets[i:i + size], strict=True))
            for i in range(0, len(contexts), size)]


def _pool(template: CompiledTemplate, workers: int, method: str) -> ProcessPoolExecutor:
    """Worker processes started by ``method``: forked ones inherit the compiled template, spawned
    ones compile it again."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_start_worker,
                               initargs=(template if method == "fork" else template.spec,))


def _worker_count(records: int, workers: int | None, method: str) -> int:
    """Worker processes for ``records``: all cores (at most ``workers``) once a pool started by
    ``method`` pays, else 1."""
    cores = os.cpu_count() or 1
    threshold = FORK_THRESHOLD if method == "fork" else SPAWN_THRESHOLD
    return min(workers or cores, cores) if records >= threshold else 1


def _start_method() -> str:
    """"fork" where it is safe (not macOS, whose system libraries are not fork-safe; no other
    thread running), else "spawn"."""
    forks = sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forks and _single_threaded() else "spawn"


def _single_threaded() -> bool:
    """True when this process runs one thread (the system's count: C libraries start threads too)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _render_one(template: CompiledTemplate, context: Mapping[str, Any], target: Path | None,
                keep: bool) -> RenderedDocument | RecordFailure:
    """One record rendered and its package written to ``target``; with ``keep`` the document, else
    only its fallback reason (what a worker sends back stays small)."""
    try:
        document = template.render(context)
    except RENDER_ERRORS as error:
        return _failure(error)
    if target is not None:
        target.write_bytes(template.package(document))
    return document if keep else RenderedDocument({}, fallback=document.fallback)


_WORKER_TEMPLATE: CompiledTemplate | None = None  #: the template a worker process renders with


def _start_worker(template: CompiledTemplate | TemplateSpec) -> None:
    """Keep ``template`` (compiled first when spawned); Ctrl+C is the main process's to handle."""
    global _WORKER_TEMPLATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_TEMPLATE = template if isinstance(template, CompiledTemplate) else CompiledTemplate(template)


def _render_chunk(records: Sequence[tuple[Mapping[str, Any], Path | None]], *,
                  keep: bool) -> list[RenderedDocument | RecordFailure]:
    assert _WORKER_TEMPLATE is not None
    return [_render_one(_WORKER_TEMPLATE, context, target, keep) for context, target in records]


def _failure(error: BaseException) -> RecordFailure:
    message = getattr(error, "message", None) or str(error)
    match = _UNDEFINED.search(message) if isinstance(error, UndefinedError) else None
    variable = next((g for g in match.groups() if g), None) if match else None
    return RecordFailure(-1, "", variable, message)


def _failures_error(failures: list[RecordFailure]) -> TemplateError:
    lines = "\n".join(f"- {f}" for f in failures[:MAX_LISTED_FAILURES])
    more = len(failures) - MAX_LISTED_FAILURES
    return TemplateError(
        f"Không lập được {len(failures)} văn bản, chưa ghi tệp nào:\n{lines}"
        + (f"\n… và {more} văn bản khác." if more > 0 else ""),
        hint="Sửa dữ liệu trong sổ (hoặc tên biến trong mẫu) rồi chạy lại.",
    )


def _first_missing(out_dir: Path) -> Path | None:
    """The outermost folder of ``out_dir`` that does not exist yet (None: it all exists)."""
    missing = None
    for folder in (out_dir, *out_dir.parents):
        if folder.exists():
            break
        missing = folder
    return missing


def _discard(staging: Path, out_dir: Path, new_folder: Path | None) -> None:
    """Delete the staging folder and the output folders this batch created, if left empty."""
    shutil.rmtree(staging, ignore_errors=True)
    if new_folder is None:
        return
    for folder in (out_dir, *out_dir.parents):
        try:
            folder.rmdir()  # only an empty folder goes
        except OSError:
            return
        if folder == new_folder:
            return


def _staging_folder(out_dir: Path) -> Path:
    """A fresh hidden folder beside the outputs (same disk, so renames are atomic)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(out_dir)
        for stale in out_dir.iterdir():
            if stale.is_dir() and is_temporary(stale) and not is_process_alive(_owner(stale)):
                shutil.rmtree(stale, ignore_errors=True)
        staging = out_dir / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-batch.tmp"
        staging.mkdir()
    except OSError as error:
        raise OutputError(
            f"Không ghi được vào thư mục “{out_dir}”: {error.strerror or error}.",
            hint="Chọn thư mục kết quả khác (--out hoặc “Thư mục kết quả” trong Cấu hình).",
        ) from error
    return staging


def _owner(path: Path) -> int:
    head = path.name[len(TEMP_PREFIX):].split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def _commit(staging: Path, out_dir: Path, names: Sequence[str]) -> list[Path]:
    """Move every staged file into ``out_dir``; on any failure put everything back as it was."""
    backups = staging / "cũ"
    backups.mkdir()
    moved: list[tuple[Path, Path | None]] = []
    name = ""
    try:
        for name in names:
            target, backup = out_dir / name, None
            if target.exists():
                backup = backups / name
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(staging / name, target)
    except BaseException as error:  # OSError, or Ctrl+C between two moves
        for target, backup in reversed(moved):
            if backup is not None and backup.exists():
                os.replace(backup, target)
            elif backup is None:
                target.unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        raise OutputError(
            f"Không ghi được “{name}” vào “{out_dir}”: tệp đang mở trong chương trình khác (Word…) "
            "hoặc chỉ cho đọc. Chưa tệp nào được thay.",
            hint="Đóng các tệp kết quả đang mở rồi chạy lại.",
        ) from error
    return [target for target, _ in moved]
