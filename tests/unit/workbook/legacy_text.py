"""Test helper: type Unicode Vietnamese as TCVN3 (ABC) or VNI would, from the shared code table."""

from __future__ import annotations

import json
import unicodedata

from dvk_docs.resources import REPO_ROOT

_ROWS = json.loads((REPO_ROOT / "dvk_docs" / "data" / "legacy_encodings_tcvn3_vni.json").read_text("utf-8"))
_TCVN3 = {row[0]: row[2] for row in _ROWS}
_VNI = {row[0]: row[4] for row in _ROWS}


def to_tcvn3(text: str) -> str:
    """``text`` as a TCVN3 font would store it (ASCII unchanged)."""
    return "".join(_TCVN3.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    """``text`` as a VNI font would store it (ASCII unchanged)."""
    return "".join(_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
