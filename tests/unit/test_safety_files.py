"""Atomic outputs: a write is all or nothing, even when the process is killed in the middle."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dvk_docs.errors import OutputError
from dvk_docs.safety import atomic_path, atomic_write, is_temporary, remove_stale_temporaries


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "QĐ 01.docx"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["QĐ 01.docx"]


def test_failure_inside_the_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(ValueError), atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise ValueError("renderer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["tong-hop.xlsx"]


def test_output_under_a_file_is_a_vietnamese_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "ket-qua"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="Không ghi được vào thư mục") as caught:
        atomic_write(blocker / "a.docx", b"x")
    assert caught.value.exit_code == 4


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".~dvk-{dead}-abcd-01.docx.tmp"
    live = tmp_path / f".~dvk-{os.getpid()}-abcd-02.docx.tmp"
    other = tmp_path / "01.docx"
    for path in (stale, live, other):
        path.write_bytes(b"x")
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])


_WRITER = """
import sys
from pathlib import Path
from dvk_docs.safety import atomic_write
folder = Path(sys.argv[1])
print("ready", flush=True)
for i in range(100000):
    for n in range(5):
        atomic_write(folder / f"{n:02d}.docx", bytes([i % 251]) * 400000)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_writer_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """25 kills at random moments: every output is complete (one byte value, full length)."""
    rng = random.Random(7)
    for _ in range(25):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        writer.stdout.close()
        remove_stale_temporaries(tmp_path)
        for path in tmp_path.iterdir():
            assert not is_temporary(path), path
            data = path.read_bytes()
            assert len(data) == 400000 and data == data[:1] * 400000, path
