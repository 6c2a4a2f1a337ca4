"""Killed at any moment: no partial output, no half-updated register, and a re-run gives the same files.

``dvk batch`` is run in a subprocess and SIGKILLed at random moments; after every kill each
output file in place must be a complete document. A "numbering writer" (allocate a number, write
the numbered document atomically, confirm) is killed the same way; the register must end with the
numbers 1…n issued once each, every one with its document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from dvk_docs import numbering
from dvk_docs.numbering import NumberingRule
from dvk_docs.safety import is_temporary, remove_stale_temporaries

from .bad_inputs import make_base

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

BATCH_KILLS = 22  #: kills of ``dvk batch`` the test lands (it tries up to three times as often)
WRITER_KILLS = 20  #: kills of the numbering writer
DVK = [sys.executable, "-c", "from dvk_docs.cli import main; main()"]


def _outputs(folder: Path) -> dict[str, bytes]:
    """Relative name -> main XML of every output document below ``folder`` (temporaries excluded)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or any(is_temporary(part) for part in path.relative_to(folder).parents
                                if part != Path(".")) or is_temporary(path):
            continue
        with zipfile.ZipFile(path) as archive:  # a partial file is not a valid zip
            assert archive.testzip() is None, path
            found[str(path.relative_to(folder))] = archive.read("word/document.xml")
    return found


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if is_temporary(p)]


def test_killed_batch_leaves_complete_files_and_a_rerun_matches_a_clean_run(tmp_path: Path) -> None:
    book = make_base(tmp_path / "so.xlsx")
    digest = hashlib.sha256(book.read_bytes()).hexdigest()
    out = tmp_path / "ket-qua"
    started = time.monotonic()
    clean = subprocess.run([*DVK, "batch", str(book), "-o", str(tmp_path / "sach")], capture_output=True,
                           text=True)
    duration = time.monotonic() - started  # kills land inside a run on a fast or a slow machine
    assert clean.returncode == 0, clean.stderr
    rng = random.Random(2024)
    kills = attempts = 0
    while kills < BATCH_KILLS and attempts < 3 * BATCH_KILLS:
        attempts += 1
        begun = time.monotonic()
        run = subprocess.Popen([*DVK, "batch", str(book), "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.05, 0.95) * duration)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)  # the batch and any worker it started
            kills += 1
        else:  # the run finished first (warm caches): aim inside the faster runs from now on
            duration = min(duration, time.monotonic() - begun)
        run.wait(30)
        _outputs(out)  # every file in place is complete
    assert kills >= BATCH_KILLS
    finished = subprocess.run([*DVK, "batch", str(book), "-o", str(out)], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _temporaries(out) == [], "stale temporaries were not cleaned by the next run"
    assert _outputs(out) == _outputs(tmp_path / "sach")
    assert hashlib.sha256(book.read_bytes()).hexdigest() == digest


_WRITER = """
import datetime as dt, secrets, sys
from pathlib import Path
from dvk_docs import numbering
from dvk_docs.numbering import NumberingRule
from dvk_docs.safety import atomic_write
book, folder = Path(sys.argv[1]), Path(sys.argv[2])
rule = NumberingRule("nha-nuoc", "UBND", per_kind=False)
print("ready", flush=True)
while True:
    target = folder / f"{secrets.token_hex(6)}.txt"
    taken = numbering.allocate(book, "QĐ", dt.date(2025, 5, 19), rule=rule, file=target)
    atomic_write(target, taken.line.encode() * 2000)
    numbering.confirm(book, taken)
"""


def test_killed_numbering_writer_leaves_numbers_without_gaps_or_duplicates(tmp_path: Path) -> None:
    book, folder = tmp_path / "so.xlsx", tmp_path / "van-ban"
    folder.mkdir()
    rng = random.Random(19)
    for _ in range(WRITER_KILLS):
        writer = subprocess.Popen([*DVK[:1], "-c", _WRITER, str(book), str(folder)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.2))
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        writer.stdout.close()
    remove_stale_temporaries(folder)
    rule = NumberingRule("nha-nuoc", "UBND", per_kind=False)
    last = numbering.allocate(book, "QĐ", dt.date(2025, 5, 19), rule=rule)
    numbering.release(book, last)
    issued = numbering.issued(book)
    numbers = sorted(a.number for a in issued)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > WRITER_KILLS
    assert last.number == len(numbers) + 1, "the next number follows the issued ones"
    files = sorted(str(p) for p in folder.iterdir())
    assert files == sorted(a.file for a in issued), "one document per issued number, no extra"
    for allocation in issued:
        assert Path(allocation.file).read_bytes() == allocation.line.encode() * 2000
    assert numbering.pending(book) == []
