"""Where the shipped data lives: templates, samples and the Excel add-in, in a checkout or installed."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent  #: the installed (or checked-out) dvk_docs package
REPO_ROOT = PACKAGE_DIR.parent  #: the repository, when running from a checkout


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``word_templates``, ``samples`` or ``excel_addin``).

    In a checkout this is the top-level folder of the repository; in an installed package it is
    the copy shipped as ``dvk_docs.<name>``.
    """
    in_checkout = REPO_ROOT / name
    if (REPO_ROOT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    return PACKAGE_DIR / name
