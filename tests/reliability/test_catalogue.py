"""Every bad input of the catalogue gets its exact Vietnamese answer, exit code, and no side effect.

For each case of :data:`tests.reliability.bad_inputs.CASES`: run the ``dvk`` command line on it
(click's CliRunner), then check the exit code, the message (or the finding with its sheet and
cell for ``validate --json``), that no Python traceback was shown, that no file was created, and
that the input files are byte-for-byte unchanged (sha256).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli

from .bad_inputs import BOOK, CASES, Case, make_base


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_base(tmp_path_factory.mktemp("base") / "base.xlsx")


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below ``folder`` ("dir" for folders)."""
    return {
        str(path.relative_to(folder)): "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
    }


def run_case(case: Case, folder: Path, base: Path):
    case.build(folder, base)
    before = snapshot(folder)
    args = [a.format(book=folder / BOOK, dir=folder) for a in case.args]
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    return result, before, snapshot(folder)


def test_catalogue_has_at_least_40_cases_with_unique_ids() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_gets_a_clear_answer_and_changes_nothing(case: Case, tmp_path: Path, base: Path) -> None:
    result, before, after = run_case(case, tmp_path, base)
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"unexpected {result.exception!r}\n{output}")
    assert "Traceback" not in output and "Lỗi ngoài dự kiến" not in output, output
    assert (result.exit_code, case.id) == (case.exit_code, case.id), output
    if case.message:
        assert re.search(case.message, output), output
    if case.finding:
        expected = case.finding
        findings = json.loads(output[output.index("["):])
        hits = [f for f in findings if f["code"] == expected.code and f["sheet"] == expected.sheet
                and (expected.cell is None or f["cell"] == expected.cell)
                and f["severity"] == expected.severity and re.search(expected.message, f["message"])]
        assert hits, json.dumps(findings, ensure_ascii=False, indent=1)
        assert all(f["message"].strip() for f in findings)
    assert after == before, "files were created, changed or removed"
