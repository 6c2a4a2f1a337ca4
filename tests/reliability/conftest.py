"""Fixtures of the reliability tests: the corpus of workbooks saved by a real client (built once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .client_books import build_corpus


@pytest.fixture(scope="session")
def client_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> workbook saved by LibreOffice with pictures, chart, text box, comments, validations,
    table, defined names, formulas (and a VBA project for "xlsm", "xlsm-as-xlsx"); never modify
    these: copy them (see ``client_book``)."""
    return build_corpus(tmp_path_factory.mktemp("client-corpus"))
