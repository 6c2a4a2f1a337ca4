"""A long list (the registration list of a big book is one table of thousands of rows) is rendered
and merged into its print file without its whole lxml tree in memory: the peak of a fresh process
grows far less with the list than the tree would (about 21 MB per MB of document.xml when the
tree was built whole; about 9.5 MB now, most of it the rendered text itself)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .memory import PEAK_MB

ROOT = Path(__file__).resolve().parents[2]
MB_PER_DOCUMENT_MB = 14  #: peak growth allowed per MB of document.xml (whole tree: about 21)

RENDER_LIST = (
    "import json, sys\n"
    "from pathlib import Path\n"
    "from dvk_docs.render.batch import render_batch\n"
    "from dvk_docs.render.engine import CompiledTemplate\n"
    "from tests.unit.render.batch_samples import build_decision, decision_record, environment\n"
    "folder, members = Path(sys.argv[1]), int(sys.argv[2])\n"
    "spec = CompiledTemplate.load(build_decision(folder / 't.docx'), environment).spec\n"
    "render_batch(spec, [decision_record(0, members=members)], folder / 'out', names=['qd.docx'],\n"
    "             print_name='in chung.docx', workers=1)\n"
    f"print(json.dumps({{'mb': {PEAK_MB}}}))\n"
)


def peak_mb(folder: Path, members: int) -> float:
    """Peak MB of a fresh process rendering one decision listing ``members`` members, with its print file."""
    folder.mkdir()
    result = subprocess.run([sys.executable, "-c", RENDER_LIST, str(folder), str(members)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["mb"]


def document_mb(package: Path) -> float:
    with zipfile.ZipFile(package) as archive:
        return archive.getinfo("word/document.xml").file_size / 2**20


@pytest.mark.slow
def test_a_long_list_is_never_one_tree_in_memory(tmp_path):
    short, long = tmp_path / "4000", tmp_path / "16000"
    growth = peak_mb(long, 16_000) - peak_mb(short, 4_000)
    sizes = [document_mb(folder / "out" / "qd.docx") for folder in (short, long)]
    assert sizes[1] - sizes[0] > 4  # a list of several MB: read piece by piece
    assert growth < MB_PER_DOCUMENT_MB * (sizes[1] - sizes[0]), (growth, sizes)
    with zipfile.ZipFile(long / "out" / "in chung.docx") as archive:
        assert archive.read("word/document.xml").count(b"Tr\xe1\xba\xa7n Th\xe1\xbb\x8b H\xc6\xb0\xc6\xa1ng 16000<") == 1
