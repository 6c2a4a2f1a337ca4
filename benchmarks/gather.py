"""Benchmark of ``dvk gom``: 200 unit files of 50 rows each gathered into one workbook (goal ≤ 20 s).

Run: ``python benchmarks/gather.py [--units 200] [--rows 50] [--keep DIR]``. Builds a workbook from
the bundled Party sample with as many units as asked, sends them their forms (``dvk init-forms``),
fills every form as a unit would, then times ``dvk gom`` (and a second, idempotent run).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import openpyxl

from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.workbook.schema import CHOICES
from dvk_docs.workbook.sources import FileSource
from dvk_docs.workbook.unit_forms import FORM_FIELDS, HEADER_ROW

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "dang-uy-khoi.xlsx"


def build_book(folder: Path, units: int) -> Path:
    """The sample workbook with ``units`` units in Đơn vị (extra ones are "Chi bộ cơ sở")."""
    book = folder / "so-theo-doi.xlsx"
    shutil.copy2(SAMPLE, book)
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Đơn vị"]
    have = sheet.max_row - 1
    for number in range(have + 1, units + 1):
        sheet.append([f"{number:03d}", f"Chi bộ đơn vị thử số {number}", "Chi bộ cơ sở", None])
    workbook.save(book)
    return book


def fill_forms(forms: Path, received: Path, rows: int) -> int:
    """Fill every form in ``forms`` with ``rows`` models and save it into ``received``."""
    received.mkdir(exist_ok=True)
    column = {name: index for index, name in enumerate(FORM_FIELDS, start=2)}
    fields, subjects, statuses = CHOICES["field"], CHOICES["subject"], CHOICES["status"]
    count = 0
    for path in sorted(forms.glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.active
        code = sheet["H4"].value
        for n in range(rows):
            row = HEADER_ROW + 1 + n
            sheet.cell(row, column["name"], f"Mô hình {n + 1} của đơn vị {code}")
            sheet.cell(row, column["subject"], subjects[n % 2])
            sheet.cell(row, column["performer"], f"Chi đoàn {n + 1}")
            sheet.cell(row, column["field"], fields[n % len(fields)])
            sheet.cell(row, column["place"], "thành phố Yên Bái")
            sheet.cell(row, column["status"], statuses[n % 2])
            sheet.cell(row, column["registered_on"], "02/04/2024")
            count += 1
        workbook.save(received / path.name)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dvk-gom-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        book = build_book(folder, args.units)
        session = Session(source=FileSource(book, keep_backups=0))
        find_command("init-forms").invoke(session, out=folder / "mau", force=True)
        rows = fill_forms(folder / "mau", folder / "don-vi-gui-ve", args.rows)
        gom = find_command("gom")
        start = time.perf_counter()
        outcome = gom.invoke(Session(source=FileSource(book, keep_backups=0)))
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = gom.invoke(Session(source=FileSource(book, keep_backups=0)))
        second = time.perf_counter() - start
        print(outcome.message)
        print(again.message)
        print(f"dvk gom: {args.units} tệp × {args.rows} dòng = {rows} dòng: {first:.1f} s "
              f"(lần hai, không thêm gì: {second:.1f} s); mục tiêu ≤ 20 s.")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
