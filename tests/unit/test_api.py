"""The Python API of ``import dvk_docs``: read, validate, score, build, render — as the docstring shows."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import dvk_docs

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "ubnd-huyen.xlsx"


def test_the_documented_flow_produces_the_decision(tmp_path):
    book = dvk_docs.read_workbook(SAMPLE)
    assert not [f for f in dvk_docs.validate(book) if f.is_error]
    results = dvk_docs.score(book)
    passed = [r for r in results if r.result == "Đạt"]
    assert len(dvk_docs.recognised_models(book)) == len(passed) == 56

    kind = dvk_docs.KINDS["quyet-dinh-cong-nhan"]
    options = dvk_docs.RenderOptions(dvk_docs.profile_of(book))
    (context,) = kind.build(book, options)
    with dvk_docs.render_kind(kind, book, tmp_path / "ket-qua", options) as staged:
        (decision,) = staged.commit().files
    text = "\n".join(p.text for p in docx.Document(str(decision)).paragraphs)
    assert "QUYẾT ĐỊNH" in text and context.trich_yeu in text


def test_every_exported_name_resolves_and_unknown_names_do_not():
    assert all(getattr(dvk_docs, name) is not None for name in dvk_docs.__all__)
    with pytest.raises(AttributeError):
        dvk_docs.no_such_thing  # noqa: B018
