"""Each third-party library is imported only in its own layer of the package."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dvk_docs"

ALLOWED = {  #: library -> the package paths that may import it
    "openpyxl": ("workbook/",),
    "xlwings": ("excel.py", "workbook/live_source.py", "addin/"),
    "click": ("cli.py",),
    "docxtpl": ("render/", "formats/"),
    "jinja2": ("render/", "formats/"),
    "rich": ("cli.py",),
    "pyhanko": ("signing/",),
    "pyhanko_certvalidator": ("signing/",),
    "pkcs11": ("signing/",),
    "pypdfium2": ("signing/",),
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_third_party_imports_stay_in_their_layer():
    offenders = [
        f"{rel} imports {root}"
        for path in PACKAGE.rglob("*.py")
        for rel in [path.relative_to(PACKAGE).as_posix()]
        for root in imported_roots(path) & ALLOWED.keys()
        if not rel.startswith(ALLOWED[root])
    ]
    assert offenders == []


def test_nothing_imports_the_front_doors():
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("cli.py", "excel.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] in ("cli", "excel")
    ]
    assert offenders == []
