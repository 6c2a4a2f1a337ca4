"""Rewrite the column reference of docs/workbook.md from the schema (dvk_docs/workbook/reference.py).

Run after changing a sheet, a column, a drop-down list or a Cấu hình default:
``python scripts/make_workbook_reference.py``. tests/unit/workbook/test_reference.py fails while the
docs and the schema differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_docs.workbook.reference import BEGIN_MARK, END_MARK, markdown  # noqa: E402

DOC = ROOT / "docs" / "workbook.md"


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN_MARK), text.index(END_MARK) + len(END_MARK)
    DOC.write_text(text[:start] + markdown() + text[end:], encoding="utf-8")
    print(f"  {DOC}")


if __name__ == "__main__":
    main()
