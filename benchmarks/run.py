"""Batch engine benchmarks: both sides run in this process, one JSON line per figure.

    python benchmarks/run.py            # the full run recorded in docs/performance.md
    python benchmarks/run.py --quick    # the same figures on smaller batches, under a minute

Figures (issue 5): (1) one .docx per record, plain docxtpl loop (load + render + save) vs the
engine, on the shipped decision and certificate templates; (2) the print file of 1,000 decisions;
(3) PDF of 200 decisions, one ``soffice`` call per document vs the engine (per-core shards);
(4) reading and validating a generated 10,000-model workbook (separate process, peak memory);
(5) growth of the engine from 100 to 1,000 to 10,000 records; (6) signing throughput of 200 decisions,
PKCS#12 and SoftHSM2 (issue 14, ``benchmarks/signing.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402
from signing import run as signing_figures  # noqa: E402  -- benchmarks/signing.py, beside this file

from dvk_docs.documents import KINDS, RenderOptions  # noqa: E402
from dvk_docs.documents.parts import profile_of  # noqa: E402
from dvk_docs.render.batch import docxtpl_contexts, render_batch  # noqa: E402
from dvk_docs.render.docx import template_values  # noqa: E402
from dvk_docs.render.engine import TemplateSpec  # noqa: E402
from dvk_docs.render.environment import make_environment  # noqa: E402
from dvk_docs.render.filenames import file_names  # noqa: E402
from dvk_docs.render.pdf import convert_many, find_soffice  # noqa: E402
from dvk_docs.render.templates import find_template  # noqa: E402
from dvk_docs.workbook.sources import FileSource  # noqa: E402

SAMPLE = ROOT / "samples" / "dang-uy-khoi.xlsx"  #: the main demo sample (Party body)
CACHE = ROOT / "benchmarks" / ".cache"  #: generated workbooks, kept between runs
FULL = {"docx": 500, "print": 1000, "pdf": 200, "pdf_baseline": 10, "models": 10_000,
        "growth": (100, 1000, 10_000), "signing": 200}  #: batch sizes of the full run
QUICK = {"docx": 100, "print": 200, "pdf": 20, "pdf_baseline": 2, "models": 10_000,
         "growth": (100, 1000), "signing": 20}  #: batch sizes of --quick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches, under a minute")
    sizes = QUICK if parser.parse_args().quick else FULL
    emit({"figure": "machine", "cpus": os.cpu_count(), "python": platform.python_version(),
          "platform": platform.platform(), "processor": platform.processor() or platform.machine()})
    with tempfile.TemporaryDirectory(prefix="dvk-bench-") as scratch:
        work = Path(scratch)
        for kind in ("quyet-dinh-cong-nhan", "giay-chung-nhan"):
            docx_per_record(work, kind, sizes["docx"])
        print_file(work, sizes["print"])
        if find_soffice():
            pdf(work, sizes["pdf"], sizes["pdf_baseline"])
        read_and_validate(sizes["models"])
        growth(work, sizes["growth"])
    if find_soffice():
        signing_figures(sizes["signing"])


def emit(figure: dict) -> None:
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def records(kind_name: str, count: int) -> tuple[Path, list]:
    """``count`` contexts of ``kind_name`` built from the sample (repeated, numbered apart)."""
    book = FileSource(SAMPLE).load()
    kind = KINDS[kind_name]
    options = RenderOptions(profile_of(book), mode="theo-mo-hinh" if kind_name == "quyet-dinh-cong-nhan" else "")
    built = kind.build(book, options)
    contexts = [built[i % len(built)].values() for i in range(count)]
    return find_template(kind, options.profile), contexts


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def docxtpl_loop(template: Path, contexts: list, out: Path) -> None:
    """The naive loop the engine replaces: load, render, save for each record."""
    out.mkdir()
    env = make_environment()
    for index, values in enumerate(contexts):
        document = DocxTemplate(str(template))
        document.render(template_values(values, document), jinja_env=env)
        document.save(out / f"{index:05d}.docx")


def engine(template: Path, contexts: list, out: Path, **options) -> object:
    images, values = docxtpl_contexts(contexts)
    spec = TemplateSpec(template.read_bytes(), template.name, make_environment, images)
    names = options.pop("names", file_names("{stt:05d}", [{}] * len(values)))
    return render_batch(spec, values, out, names=names, **options)


def docx_per_record(work: Path, kind: str, count: int) -> None:
    template, contexts = records(kind, count)
    plain = timed(lambda: docxtpl_loop(template, contexts, work / f"plain-{kind}"))
    single = timed(lambda: engine(template, contexts, work / f"engine1-{kind}", workers=1))
    multi = timed(lambda: engine(template, contexts, work / f"engine-{kind}"))
    emit({"figure": "docx_per_record", "kind": kind, "records": count,
          "docxtpl_ms_per_doc": round(plain * 1000 / count, 2),
          "engine_1_process_ms_per_doc": round(single * 1000 / count, 2),
          "engine_all_cores_ms_per_doc": round(multi * 1000 / count, 2),
          "speedup_1_process": round(plain / single, 1), "speedup_all_cores": round(plain / multi, 1),
          "goal_speedup": 20})


def print_file(work: Path, count: int) -> None:
    template, contexts = records("quyet-dinh-cong-nhan", count)
    seconds = timed(lambda: engine(template, contexts, work / "print", names=None, print_name="in.docx"))
    size = (work / "print" / "in.docx").stat().st_size
    emit({"figure": "print_file", "records": count, "seconds": round(seconds, 2),
          "ms_per_record": round(seconds * 1000 / count, 2), "megabytes": round(size / 2**20, 1),
          "goal_seconds_for_1000": 10})


def pdf(work: Path, count: int, baseline_count: int) -> None:
    template, contexts = records("quyet-dinh-cong-nhan", count)
    batch = engine(template, contexts, work / "pdf-docx")
    files = sorted((work / "pdf-docx").glob("*.docx"))
    soffice = find_soffice()

    def one_call_per_document() -> None:
        for path in files[:baseline_count]:
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                                "--convert-to", "pdf", "--outdir", str(work / "pdf-plain"), str(path)],
                               capture_output=True, check=True)

    per_document = timed(one_call_per_document) / baseline_count
    seconds = timed(lambda: convert_many(files, work / "pdf-engine"))
    pages = sum(_pages(p) for p in (work / "pdf-engine").glob("*.pdf"))
    emit({"figure": "pdf", "records": count, "pages": pages, "cores": os.cpu_count(),
          "one_soffice_per_document_s_per_doc": round(per_document, 2),
          "baseline_measured_on": baseline_count,
          "engine_seconds": round(seconds, 2), "engine_ms_per_page": round(seconds * 1000 / pages, 1),
          "speedup": round(per_document * count / seconds, 1), "goal_speedup": 10,
          "goal_ms_per_page": 80, "docx_files": len(batch.files)})


def _pages(path: Path) -> int:
    return path.read_bytes().count(b"/Type/Page") - path.read_bytes().count(b"/Type/Pages")


def read_and_validate(models: int) -> None:
    """Read and validate a generated workbook in a fresh process (clean peak memory)."""
    book = generated_workbook(models)
    code = (
        "import json, resource, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from dvk_docs.workbook.sources import FileSource\n"
        "from dvk_docs.rules.validation import validate\n"
        "start = time.perf_counter()\n"
        f"book = FileSource(__import__('pathlib').Path({str(book)!r})).load()\n"
        "read = time.perf_counter() - start\n"
        "findings = validate(book)\n"
        "total = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'models': len(book.models), 'read_s': round(read, 2), 'total_s': round(total, 2),"
        " 'findings': len(findings), 'peak_mb': round(peak)}))\n"
    )
    result = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout)
    emit({"figure": "read_and_validate", **result, "goal_seconds": 5, "goal_peak_mb": 400})


def generated_workbook(models: int) -> Path:
    """The sample with its Mô hình and Chấm điểm rows repeated up to ``models`` models (cached)."""
    import openpyxl

    path = CACHE / f"generated-{models}.xlsx"
    if path.is_file() and path.stat().st_mtime > SAMPLE.stat().st_mtime:
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.load_workbook(SAMPLE)
    sheet_models, sheet_scores = workbook["Mô hình"], workbook["Chấm điểm"]
    originals = [list(r) for r in sheet_models.iter_rows(min_row=2, values_only=True) if r[0]]
    scores = {}
    for row in sheet_scores.iter_rows(min_row=2, values_only=True):
        if row[0]:
            scores.setdefault(row[0], []).append(list(row))
    for number in range(len(originals), models):
        source = originals[number % len(originals)]
        code = f"MH{number + 1:05d}"
        sheet_models.append([code, source[1], f"{source[2]} (bản {number // len(originals) + 1})", *source[3:]])
        for score in scores.get(source[0], []):
            sheet_scores.append([code, *score[1:]])
    workbook.save(path)
    return path


def growth(work: Path, counts: tuple[int, ...]) -> None:
    template, contexts = records("giay-chung-nhan", max(counts))
    for count in counts:
        seconds = timed(lambda c=count: engine(template, contexts[:c], work / f"growth-{c}"))
        emit({"figure": "growth", "kind": "giay-chung-nhan", "records": count, "seconds": round(seconds, 2),
              "ms_per_record": round(seconds * 1000 / count, 2)})
        shutil.rmtree(work / f"growth-{count}")


if __name__ == "__main__":
    main()
