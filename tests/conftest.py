"""Shared test fixtures: the bundled samples and the shipped templates, copied before any write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def copy_sample(tmp_path: Path):
    """copy_sample("dang-uy-khoi.xlsx") -> a copy in tmp_path that a test may modify (with the
    samples' pictures folder ``anh/``, which Người ký names relative to the book)."""

    def copy(name: str) -> Path:
        target = tmp_path / Path(name).name
        shutil.copy2(SAMPLES / name, target)
        shutil.copytree(SAMPLES / "anh", tmp_path / "anh", dirs_exist_ok=True)
        return target

    return copy
