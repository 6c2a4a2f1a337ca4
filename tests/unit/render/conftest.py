"""Fixtures of the render tests."""

from __future__ import annotations

import pytest

from dvk_docs.render import bodystream


@pytest.fixture(params=["whole", "piece-by-piece"])
def body_reading(request, monkeypatch):
    """A rendered body read whole, or as a big list is read: every paragraph and row written out
    as soon as the next one is read (:mod:`dvk_docs.render.bodystream`)."""
    if request.param == "piece-by-piece":
        monkeypatch.setattr(bodystream, "STREAM_BYTES", 0)
        monkeypatch.setattr(bodystream, "PIECE_BLOCKS", 1)
