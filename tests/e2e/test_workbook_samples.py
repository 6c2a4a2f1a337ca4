"""The bundled sample workbooks: regenerated identically, shaped like the seeds, clean for validation."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.model import STATUS_CONTINUED, STATUS_NEW, SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL
from dvk_docs.rules.validation import validate
from dvk_docs.workbook.schema import CHOICES
from dvk_docs.workbook.sources import FileSource

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ("dang-uy-khoi.xlsx", "ldld-tinh.xlsx", "ubnd-huyen.xlsx")


def values(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def make_samples(out: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py"), str(out)], check=True,
                   capture_output=True)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    return make_samples(tmp_path_factory.mktemp("samples"))


@pytest.mark.parametrize("name", SAMPLES)
def test_generator_is_deterministic_and_matches_the_committed_sample(regenerated, name):
    assert values(regenerated / name) == values(ROOT / "samples" / name)
    assert not (regenerated / ".dvk-backup").exists()


def test_two_runs_write_the_same_bytes(regenerated, tmp_path):
    """openpyxl writes the time of the run into docProps/core.xml and the zip entries: the script
    puts its fixed time there, so a regenerated sample differs from the committed one only by content."""
    time.sleep(2)  # zip entry times count in 2-second steps
    again = files(make_samples(tmp_path))
    assert sorted(again) == ["anh/bieu-trung.png", "anh/chu-ky.png", "anh/con-dau.png", *SAMPLES]
    assert again == files(regenerated)
    for name in SAMPLES:
        properties = openpyxl.load_workbook(regenerated / name).properties
        assert (properties.created, properties.modified) == (dt.datetime(2024, 10, 15),) * 2


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_have_no_validation_errors(name):
    book = FileSource(ROOT / "samples" / name).load()
    findings = validate(book)
    assert [f for f in findings if f.is_error] == []
    assert {f.code for f in findings} <= {"late-registration", "below-target"}
    assert "late-registration" in {f.code for f in findings}


def test_party_sample_is_shaped_like_seed_003():
    book = FileSource(ROOT / "samples" / "dang-uy-khoi.xlsx").load()
    assert book.settings.get("profile") == "Đảng"
    assert book.settings.get("issuing_body") == "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    kinds = {u.kind for u in book.units}
    assert len(book.units) >= 40 and kinds == {"Đoàn thể", "Đảng bộ cơ sở", "Chi bộ cơ sở"}
    assert any("&" in u.name for u in book.units)
    assert len(book.models) >= 300
    assert {m.field for m in book.models} == set(CHOICES["field"])
    assert {m.subject for m in book.models} == {SUBJECT_COLLECTIVE, SUBJECT_INDIVIDUAL}
    assert {m.status for m in book.models} == {STATUS_NEW, STATUS_CONTINUED}
    assert {s.authority for s in book.signers} >= {"T/M", "K/T"}
    assert {r.kind for r in book.recipients} >= {"ke-hoach", "quyet-dinh-cong-nhan"}
    assert len({m.code for m in book.models}) == len(book.models)
    assert {s.model_code for s in book.scores} == {m.code for m in book.models}


def test_party_sample_scores_pass_fail_and_fail_only_on_must_be_max():
    book = FileSource(ROOT / "samples" / "dang-uy-khoi.xlsx").load()
    maxima = {c.number: c.maximum for c in book.criteria}
    must = {c.number for c in book.criteria if c.must_be_max}
    sheets = defaultdict(list)
    for sheet in book.scores:
        sheets[sheet.model_code].append(sheet)
    outcomes = defaultdict(int)
    for rows in sheets.values():
        points = {n: sum(r.points[n] for r in rows) / len(rows) for n in maxima}
        at_max = all(points[n] == maxima[n] for n in must)
        high = sum(points.values()) >= Decimal(75)
        outcomes["pass" if high and at_max else "must-max only" if high else "low"] += 1
    assert min(outcomes.values()) >= 20, outcomes
    assert sum(len(rows) > 1 for rows in sheets.values()) >= 5  # several scorers for some models


def test_union_and_state_samples():
    union = FileSource(ROOT / "samples" / "ldld-tinh.xlsx").load()
    assert union.settings.get("profile") == "Công đoàn"
    assert {u.kind for u in union.units} == {"LĐLĐ huyện", "Công đoàn ngành"}
    state = FileSource(ROOT / "samples" / "ubnd-huyen.xlsx").load()
    assert state.settings.get("profile") == "Nhà nước"
    assert state.settings.get("issuing_body") == "ỦY BAN NHÂN DÂN HUYỆN YÊN BÌNH"
    assert {u.kind for u in state.units} == {"Xã, phường", "Phòng, ban"}
