"""Ctrl+C while LibreOffice converts: "Đã dừng theo yêu cầu", exit 130, and nothing left behind.

``dvk render --pdf`` runs in a subprocess with its own TMPDIR; once a converter has started (its
``dvk-pdf-*`` profile folder exists) the test sends SIGINT to dvk alone, as a terminal does (the
converters run in their own session, so only dvk can end them). Afterwards no converter started
from that TMPDIR is alive, the profile folders and the staging folder are gone, and no output file
appeared.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dvk_docs.render.pdf import find_soffice
from dvk_docs.safety import is_temporary

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="SIGINT and /proc"),
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]

DVK = [sys.executable, "-c", "from dvk_docs.cli import main; main()"]


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes that mention ``text`` (a folder only this test uses)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in command and state != "Z":
            found.append(command)
    return found


def test_ctrl_c_during_pdf_stops_cleanly_with_exit_130(tmp_path: Path, copy_sample) -> None:
    book = copy_sample("dang-uy-khoi.xlsx")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "ket-qua"
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen([*DVK, "render", "ke-hoach", str(book), "--pdf", "-o", str(out)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(scratch.glob("dvk-pdf-*/*/profile")) or not _processes_mentioning(str(scratch)):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "LibreOffice never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)

    assert process.returncode == 130
    assert stderr.endswith("Đã dừng theo yêu cầu (interrupted).\n")
    assert "Traceback" not in stderr
    assert _processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []
    leftovers = [p.name for p in out.rglob("*")] if out.exists() else []
    assert [name for name in leftovers if is_temporary(Path(name))] == []
    assert not [name for name in leftovers if name.endswith((".docx", ".pdf"))]
