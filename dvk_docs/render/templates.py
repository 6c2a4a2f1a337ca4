"""Where templates come from (a clerk's folder first, then the shipped ones) and how they are built.

A clerk's folder overrides the shipped templates kind by kind: ``<folder>/<profile>/<kind>.docx``
or ``<folder>/<kind>.docx`` (same file name as the shipped one) wins over
``word_templates/<profile>/<kind>.docx``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..documents import DocumentKind
from ..formats.builder import TemplateWriter
from ..formats.profiles import PROFILE_IDS, Profile, load_profile
from ..resources import data_dir


def shipped_dir() -> Path:
    """The shipped templates folder (``word_templates/``)."""
    return data_dir("word_templates")


def find_template(kind: DocumentKind, profile: Profile, override_dir: Path | None = None) -> Path:
    """The template file for ``kind`` in ``profile``: the clerk's copy when there is one."""
    if override_dir is not None:
        for candidate in (override_dir / profile.id / kind.template_name,
                          override_dir / kind.template_name):
            if candidate.is_file():
                return candidate
    return shipped_dir() / profile.id / kind.template_name


def template_bytes(kind: DocumentKind, profile: Profile) -> bytes:
    """The generated template of ``kind`` in ``profile`` (same bytes on every build)."""
    doc = TemplateWriter(profile)
    kind.write_body(doc)
    return doc.to_bytes()


def build_templates(kinds: Iterable[DocumentKind], out_dir: Path) -> list[Path]:
    """Write ``out_dir/<profile>/<kind>.docx`` for every profile and kind; returns the paths."""
    written = []
    kinds = list(kinds)
    for profile_id in PROFILE_IDS:
        profile = load_profile(profile_id)
        folder = out_dir / profile_id
        folder.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            path = folder / kind.template_name
            path.write_bytes(template_bytes(kind, profile))
            written.append(path)
    return written
