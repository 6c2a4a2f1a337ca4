"""Printing on pre-printed blanks, measured in the PDF: every text starts where Vị trí in phôi (or
the profile's default) puts it, the global offset of Cấu hình applied, within 1 mm; the
calibration page has a crosshair at every field's position."""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pdfplumber
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.render.pdf import find_soffice
from dvk_docs.workbook.sources import FileSource
from tests.conftest import SAMPLES

pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")]

MM = 72 / 25.4  #: PDF points per millimetre
TOLERANCE_MM = 1.0
OFFSET = (Decimal(3), Decimal(-2))  #: Cấu hình “Dịch phôi sang phải / xuống dưới (mm)”
CHANGED = {  #: Vị trí in phôi rows the test writes: label -> x, y, width, size, alignment
    "Người nhận": (50, 95, 197, 20, "Giữa"),
    "Số vào sổ": (30, 182, 60, 12, "Trái"),
    "Người ký": (150, 186, 120, 14, "Phải"),
}
ALIGN = {"Trái": "left", "Giữa": "center", "Phải": "right"}


@pytest.fixture(scope="module")
def book_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phoi")
    path = folder / "so.xlsx"
    shutil.copy2(SAMPLES / "dang-uy-khoi.xlsx", path)
    shutil.copytree(SAMPLES / "anh", folder / "anh")
    book = openpyxl.load_workbook(path)
    settings = book["Cấu hình"]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "Dịch phôi sang phải (mm)":
            row[1].value = float(OFFSET[0])
        elif row[0].value == "Dịch phôi xuống dưới (mm)":
            row[1].value = float(OFFSET[1])
    layout = book["Vị trí in phôi"]
    for label, values in CHANGED.items():
        layout.append([label, *values])
    book.save(path)
    return path


def expected_positions(profile) -> dict[str, tuple[float, float, float, str]]:
    """field -> (x, y, width, alignment) in mm, offsets applied, worked out from the profile's
    defaults and :data:`CHANGED` (not from the code under test)."""
    labels = {"Người nhận": "dong_chinh", "Số vào sổ": "so_vao_so", "Người ký": "nguoi_ky"}
    positions = {f["field"]: (f["x"], f["y"], f["width"], f["align"])
                 for f in profile.section("blank")["fields"]}
    for label, (x, y, width, _, align) in CHANGED.items():
        positions[labels[label]] = (x, y, width, ALIGN[align])
    return {name: (x + float(OFFSET[0]), y + float(OFFSET[1]), w, a) for name, (x, y, w, a) in positions.items()}


def render(book_path, out, *extra: str):
    result = CliRunner().invoke(cli, ["render", "phoi-giay-chung-nhan", str(book_path), "--out", str(out),
                                      "--pdf", *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return sorted(out.rglob("*.pdf"))


def test_every_text_starts_at_its_position_with_the_offset(book_path, tmp_path):
    book = FileSource(book_path).load()
    unit = book.models[0].unit_code
    profile = profile_of(book)
    context = KINDS["giay-chung-nhan"].build(book, RenderOptions(profile, unit=unit))[0]
    first = render(book_path, tmp_path, "--unit", unit)[0]
    with pdfplumber.open(first) as pdf:
        (page,) = pdf.pages
        found = page.extract_text_lines(return_chars=True)
    checked = 0
    for name, (x, y, width, align) in expected_positions(profile).items():
        text = str(getattr(context, name))
        if not text:
            continue
        (line,) = [line for line in found if text.startswith(line["text"].strip()[:20])
                   and abs(line["top"] / MM - y) < 5]
        start = {"left": line["x0"], "center": (line["x0"] + line["x1"]) / 2, "right": line["x1"]}[align]
        wanted = {"left": x, "center": x + width / 2, "right": x + width}[align]
        assert abs(start / MM - wanted) <= TOLERANCE_MM, (name, start / MM, wanted)
        assert abs(line["top"] / MM - y) <= TOLERANCE_MM, (name, line["top"] / MM, y)
        checked += 1
    assert checked == 9


def test_the_calibration_page_has_a_crosshair_at_every_field(book_path, tmp_path):
    book = FileSource(book_path).load()
    (calibration,) = render(book_path, tmp_path, "--mode", "can-chinh")
    with pdfplumber.open(calibration) as pdf:
        (page,) = pdf.pages
        crosses = sorted(((c["x0"] + c["x1"]) / 2 / MM, (c["top"] + c["bottom"]) / 2 / MM)
                         for c in page.chars if c["text"] == "+")
        lines = [line["text"] for line in page.extract_text_lines()]
    wanted = sorted((x, y) for x, y, _, _ in expected_positions(profile_of(book)).values())
    assert len(crosses) == len(wanted) == 9
    for (cx, cy), (x, y) in zip(crosses, wanted, strict=True):
        assert abs(cx - x) <= TOLERANCE_MM and abs(cy - y) <= TOLERANCE_MM, ((cx, cy), (x, y))
    assert any("Người nhận (x 53, y 93)" in line for line in lines)
    assert any(line.startswith("10 ") or line == "10" for line in lines)  # the ruler's first mark
