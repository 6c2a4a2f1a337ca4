"""Performance benchmarks: one JSON line per figure, each with the machine's load average.

    python benchmarks/run.py            # the full run recorded in docs/performance.md
    python benchmarks/run.py --quick    # the same figures on smaller batches

Each figure runs the engine and its baseline alternately (``rounds`` times) so that both see the
same load; ratios are given per round and as their median. Figures (issues 5 and 16):
(1) one .docx per record at 100 records, plain docxtpl loop (load + render + save) vs the engine;
(2) the print file of 1,000 decisions (separate process: time and peak memory) and ``dvk batch
--print-file`` on a generated 3,000-model workbook; (3) PDF of ~100 decisions: the engine's
merged shards vs one plain ``soffice`` call over the same files and vs one ``soffice`` per file;
(4) reading and validating a generated 10,000-model workbook vs openpyxl's read-only reader
alone; (5) the workbook with 1,048,000 empty formatted rows: validate, and ``dvk score``
(peak memory); (6) growth of the engine from 100 to 10,000 records; (7) signing throughput of 200 decisions,
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
from dvk_docs.render.pdf import find_soffice  # noqa: E402
from dvk_docs.render.templates import find_template  # noqa: E402
from dvk_docs.workbook.sources import FileSource  # noqa: E402

SAMPLE = ROOT / "samples" / "dang-uy-khoi.xlsx"  #: the main demo sample (Party body)
CACHE = ROOT / "benchmarks" / ".cache"  #: generated workbooks, kept between runs
FULL = {"docx": 100, "print": 1000, "batch_models": 3000, "pdf": 102, "pdf_baseline": 10,
        "models": 10_000, "growth": (100, 1000, 10_000), "rounds": 2,
        "signing": 200}  #: sizes of the full run
QUICK = {"docx": 100, "print": 200, "batch_models": 300, "pdf": 20, "pdf_baseline": 2,
         "models": 10_000, "growth": (100, 1000), "rounds": 1,
         "signing": 20}  #: sizes of --quick


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches, under a minute")
    sizes = QUICK if parser.parse_args().quick else FULL
    emit({"figure": "machine", "cpus": os.cpu_count(), "python": platform.python_version(),
          "platform": platform.platform(), "processor": platform.processor() or platform.machine()})
    rounds = sizes["rounds"]
    with tempfile.TemporaryDirectory(prefix="dvk-bench-") as scratch:
        work = Path(scratch)
        read_and_validate(sizes["models"], rounds)
        bloated_book(work)
        for kind in ("quyet-dinh-cong-nhan", "giay-chung-nhan"):
            docx_per_record(work, kind, sizes["docx"], rounds)
        print_file(work, sizes["print"])
        batch_print_file(work, sizes["batch_models"])
        if find_soffice():
            pdf(work, sizes["pdf"], sizes["pdf_baseline"], rounds)
        growth(work, sizes["growth"])
    if find_soffice():
        signing_figures(sizes["signing"])


def emit(figure: dict) -> None:
    """Print ``figure`` as one JSON line, with the 1-minute load average at its end."""
    print(json.dumps({**figure, "load_average": round(os.getloadavg()[0], 2)}, ensure_ascii=False),
          flush=True)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def in_process(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh Python (clean peak memory); it prints one JSON object."""
    result = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{code}",
                             *args], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


PEAK = ("import resource, time\n"
        "def peak():\n"
        "    with open('/proc/self/status') as status:\n"
        "        own = next(int(line.split()[1]) for line in status if line.startswith('VmHWM'))\n"
        "    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "    return {'peak_mb': round(own / 1024), 'worker_peak_mb': round(workers / 1024),\n"
        "            'cpu_s': round(time.process_time(), 2)}\n")  #: peak resident MB (VmHWM: this process, not the one it forked from), largest worker, CPU seconds


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


def docx_per_record(work: Path, kind: str, count: int, rounds: int) -> None:
    """docxtpl loop and engine (all cores, as ``dvk render`` runs it), alternately."""
    template, contexts = records(kind, count)
    plain, ours = [], []
    for round_ in range(rounds):
        plain.append(timed(lambda r=round_: docxtpl_loop(template, contexts, work / f"plain-{kind}-{r}")))
        ours.append(timed(lambda r=round_: engine(template, contexts, work / f"engine-{kind}-{r}")))
    ratios = [p / e for p, e in zip(plain, ours, strict=True)]
    emit({"figure": "docx_per_record", "kind": kind, "records": count,
          "docxtpl_ms_per_doc": [round(p * 1000 / count, 1) for p in plain],
          "engine_ms_per_doc": [round(e * 1000 / count, 2) for e in ours],
          "speedup_per_round": [round(r, 1) for r in ratios], "speedup": round(median(ratios), 1),
          "goal_speedup": 20})


def print_file(work: Path, count: int) -> None:
    """The print file of ``count`` decisions, alone (no per-record files), in a fresh process."""
    code = (PEAK + "import time\nfrom pathlib import Path\nsys.path.insert(0, str(Path(sys.argv[1]) / 'benchmarks'))\n"
            "import run\n"
            "template, contexts = run.records('quyet-dinh-cong-nhan', int(sys.argv[2]))\n"
            "start = time.perf_counter()\n"
            "run.engine(template, contexts, Path(sys.argv[3]), names=None, print_name='in.docx')\n"
            "print(json.dumps({'seconds': round(time.perf_counter() - start, 2), **peak()}))\n")
    result = in_process("import json\n" + code, str(ROOT), str(count), str(work / "print"))
    emit({"figure": "print_file", "records": count, **result,
          "megabytes": round((work / "print" / "in.docx").stat().st_size / 2**20, 1),
          "goal_seconds": 3, "goal_peak_mb": 400})


def batch_print_file(work: Path, models: int) -> None:
    """``dvk batch --print-file`` on a generated workbook of ``models`` models (fresh process)."""
    book = work / "batch" / "so.xlsx"
    book.parent.mkdir()
    shutil.copy2(generated_workbook(models), book)
    shutil.copytree(SAMPLE.parent / "anh", book.parent / "anh")  # the signature and seal pictures
    code = (PEAK + "import json, time\nfrom dvk_docs.cli import cli\n"
            "start = time.perf_counter()\n"
            "try:\n    cli(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(json.dumps({'seconds': round(time.perf_counter() - start, 2), **peak()}))\n")
    result = in_process(code, "batch", str(book), "--print-file", "-o", str(work / "batch" / "out"))
    files = sum(1 for p in (work / "batch" / "out").rglob("*.docx"))
    emit({"figure": "batch_print_file", "models": models, "docx_files": files, **result,
          "goal_peak_mb": 400})


def pdf(work: Path, count: int, baseline_count: int, rounds: int) -> None:
    """The engine's PDF stage (merged shards) vs one plain ``soffice`` call over the same files,
    alternately; and one ``soffice`` per file on ``baseline_count`` files."""
    from dvk_docs.render.engine import CompiledTemplate
    from dvk_docs.render.pdf import Shards, convert_batch

    template, contexts = records("quyet-dinh-cong-nhan", count)
    batch = engine(template, contexts, work / "pdf-docx")
    files = batch.files
    images, values = docxtpl_contexts(contexts)
    compiled = CompiledTemplate(TemplateSpec(template.read_bytes(), template.name, make_environment, images))
    documents = [compiled.render(v) for v in values]
    soffice = find_soffice()

    def plain(paths: list[Path], out: Path) -> None:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)],
                           capture_output=True, check=True)

    def ours(round_: int) -> None:
        folder = work / f"pdf-engine-{round_}"
        folder.mkdir()
        copies = [Path(shutil.copy2(f, folder / f.name)) for f in files]
        with Shards(compiled, len(documents)) as shards:  # as a batch fills them, record by record
            for document in documents:
                shards.add(document)
            convert_batch(shards, copies, None)

    one_call, engine_times = [], []
    for round_ in range(rounds):
        one_call.append(timed(lambda r=round_: plain(files, work / f"pdf-plain-{r}")))
        engine_times.append(timed(lambda r=round_: ours(r)))
    per_file = timed(lambda: [plain([f], work / "pdf-per-file") for f in files[:baseline_count]])
    per_file /= baseline_count
    pages = sum(_pages(p) for p in (work / "pdf-engine-0").glob("*.pdf"))
    emit({"figure": "pdf", "records": count, "pages": pages, "cores": os.cpu_count(),
          "engine_seconds": [round(t, 2) for t in engine_times],
          "engine_ms_per_page": round(median(engine_times) * 1000 / pages, 1),
          "one_soffice_call_seconds": [round(t, 2) for t in one_call],
          "speedup_vs_one_call_per_round": [round(o / e, 1) for o, e in zip(one_call, engine_times, strict=True)],
          "speedup_vs_one_call": round(median([o / e for o, e in zip(one_call, engine_times, strict=True)]), 1),
          "soffice_per_file_s_per_doc": round(per_file, 2), "per_file_measured_on": baseline_count,
          "speedup_vs_per_file": round(per_file * count / median(engine_times), 1),
          "goal_ms_per_page": 40, "goal_speedup_vs_one_call": 3, "goal_speedup_vs_per_file": 15})


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def read_and_validate(models: int, rounds: int) -> None:
    """Read and validate a generated workbook in a fresh process (clean peak memory), alternately
    with openpyxl's read-only reader going over the same cells (the reader this one replaced)."""
    book = generated_workbook(models)
    ours = (PEAK + "import json, time\nfrom pathlib import Path\n"
            "from dvk_docs.workbook.sources import FileSource\n"
            "from dvk_docs.rules.validation import validate\n"
            "start = time.perf_counter()\n"
            "book = FileSource(Path(sys.argv[1])).load()\n"
            "read = time.perf_counter() - start\n"
            "findings = validate(book)\n"
            "print(json.dumps({'models': len(book.models), 'read_s': round(read, 2),"
            " 'total_s': round(time.perf_counter() - start, 2), 'findings': len(findings), **peak()}))\n")
    baseline = (PEAK + "import json, time, openpyxl\n"
                "start = time.perf_counter()\n"
                "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
                "cells = sum(len(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))\n"
                "print(json.dumps({'seconds': round(time.perf_counter() - start, 2), **peak()}))\n")
    results, openpyxl_runs = [], []
    for _ in range(rounds):
        openpyxl_runs.append(in_process(baseline, str(book)))
        results.append(in_process(ours, str(book)))
    best = min(results, key=lambda r: r["total_s"])
    emit({"figure": "read_and_validate", **best, "total_s_per_round": [r["total_s"] for r in results],
          "openpyxl_read_only_s_per_round": [r["seconds"] for r in openpyxl_runs],
          "goal_seconds": 3, "goal_peak_mb": 250})


def bloated_book(work: Path) -> None:
    """The workbook with 1,048,000 empty formatted rows: ``dvk validate`` and ``dvk score``."""
    from tests.reliability.bad_inputs import make_base
    from tests.reliability.test_reader_xml import BLOATED_ROWS, bloated

    folder = work / "bloated"
    folder.mkdir()
    book = bloated(make_base(folder / "base.xlsx"), folder / "so.xlsx")
    code = (PEAK + "import json, time\nfrom dvk_docs.cli import cli\n"
            "start = time.perf_counter()\n"
            "try:\n    cli(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(json.dumps({'seconds': round(time.perf_counter() - start, 2), **peak()}))\n")
    validate = in_process(code, "validate", str(book))
    score = in_process(code, "score", str(book))
    emit({"figure": "bloated_book", "rows": BLOATED_ROWS, "file_mb": round(book.stat().st_size / 2**20, 1),
          "validate_s": validate["seconds"], "validate_cpu_s": validate["cpu_s"],
          "validate_peak_mb": validate["peak_mb"],
          "score_s": score["seconds"], "score_cpu_s": score["cpu_s"], "score_peak_mb": score["peak_mb"],
          "goal_validate_s": 5, "goal_score_peak_mb": 400})


def generated_workbook(models: int) -> Path:
    """The sample with its models repeated up to ``models`` models (cached): each copy gets its
    source's Mô hình row (name numbered apart), Chấm điểm rows and Bình chọn rows (the sample's
    per-model vote counts), so the big book has what the sample has, a council vote included."""
    import openpyxl

    path = CACHE / f"generated-{models}.xlsx"
    if path.is_file() and path.stat().st_mtime > max(SAMPLE.stat().st_mtime, Path(__file__).stat().st_mtime):
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.load_workbook(SAMPLE)
    sheet_models = workbook["Mô hình"]
    originals = [list(r) for r in sheet_models.iter_rows(min_row=2, values_only=True) if r[0]]
    copied = [(workbook[name], _rows_by_model(workbook[name])) for name in ("Chấm điểm", "Bình chọn")]
    for number in range(len(originals), models):
        source = originals[number % len(originals)]
        code = f"MH{number + 1:05d}"
        sheet_models.append([code, source[1], f"{source[2]} (bản {number // len(originals) + 1})", *source[3:]])
        for sheet, rows in copied:
            for row in rows.get(source[0], []):
                sheet.append([code, *row[1:]])
    workbook.save(path)
    return path


def _rows_by_model(sheet) -> dict[str, list[tuple]]:
    """The data rows of a sheet whose column A is the model code, by code."""
    rows: dict[str, list[tuple]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0]:
            rows.setdefault(row[0], []).append(row)
    return rows


def growth(work: Path, counts: tuple[int, ...]) -> None:
    template, contexts = records("giay-chung-nhan", max(counts))
    for count in counts:
        seconds = timed(lambda c=count: engine(template, contexts[:c], work / f"growth-{c}"))
        emit({"figure": "growth", "kind": "giay-chung-nhan", "records": count, "seconds": round(seconds, 2),
              "ms_per_record": round(seconds * 1000 / count, 2)})
        shutil.rmtree(work / f"growth-{count}")


if __name__ == "__main__":
    main()
