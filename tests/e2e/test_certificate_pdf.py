"""The certificate worth framing, measured in the PDF LibreOffice makes from the print file: A4
landscape, a frame inside the printable area, the title red, large and once, the recipient's
name large, one page per recipient; and the 300-certificate print file in under 5 s."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace

import pdfplumber
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.render.batch import render_kind
from dvk_docs.render.pdf import find_soffice
from dvk_docs.rules.voting import recognised_models
from dvk_docs.workbook.sources import FileSource
from tests.conftest import SAMPLES

MM = 72 / 25.4  #: PDF points per millimetre
PRINTABLE_MM = 5  #: office printers cannot print closer to the edge than this


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("certificates")
    shutil.copy2(SAMPLES / "dang-uy-khoi.xlsx", folder / "so.xlsx")
    shutil.copytree(SAMPLES / "anh", folder / "anh")
    return folder / "so.xlsx"


def a_small_unit(book) -> tuple[str, int]:
    """A unit with two or three recognised models: (code, count)."""
    counts: dict[str, int] = {}
    for model in recognised_models(book):
        counts[model.unit_code] = counts.get(model.unit_code, 0) + 1
    return next((code, n) for code, n in counts.items() if 2 <= n <= 3)


def lines(page) -> list[tuple[str, list[dict]]]:
    return [(line["text"].strip(), line["chars"]) for line in page.extract_text_lines(return_chars=True)]


def is_red(colour) -> bool:
    red, green, blue = (tuple(colour) + (0, 0, 0))[:3] if colour else (0, 0, 0)
    return red > 0.6 and green < 0.2 and blue < 0.2


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize(("profile", "mode", "title"), [("dang", "giay-chung-nhan", "GIẤY CHỨNG NHẬN"),
                                                        ("nha-nuoc", "giay-khen", "GIẤY KHEN")])
def test_the_print_file_is_one_framed_landscape_page_per_recipient(sample, tmp_path, profile, mode, title):
    book = FileSource(sample).load()
    unit, count = a_small_unit(book)
    contexts = KINDS["giay-chung-nhan"].build(book, RenderOptions(profile_of(book, profile), unit=unit,
                                                                  mode=mode))
    result = CliRunner().invoke(cli, ["render", "giay-chung-nhan", str(sample), "--out", str(tmp_path),
                                      "--unit", unit, "--mode", mode, "--profile", profile,
                                      "--print-file", "--pdf"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (print_pdf,) = tmp_path.rglob("*tệp in chung.pdf")
    with pdfplumber.open(print_pdf) as pdf:
        assert len(pdf.pages) == count == len(contexts)
        for page, context in zip(pdf.pages, contexts, strict=True):
            assert (round(page.width / MM), round(page.height / MM)) == (297, 210)
            found = lines(page)
            titles = [chars for text, chars in found if title in text]
            assert len(titles) == 1 and [t for t, _ in found].count(title) == 1
            assert all(c["size"] >= 24 and is_red(c["non_stroking_color"]) for c in titles[0] if c["text"].strip())
            assert not any(t.replace(title, "").strip() == "CHỨNG NHẬN" for t, _ in found)
            (name,) = [chars for text, chars in found if text == context.dong_chinh]
            assert min(c["size"] for c in name) >= 18
            assert any(text.startswith("(Theo Quyết định số") for text, _ in found)
            assert any(text == context.so_vao_so for text, _ in found)
            drawings = page.rects + page.lines + page.curves
            frame = [d for d in drawings if d["x1"] - d["x0"] > page.width * 0.9
                     or d["bottom"] - d["top"] > page.height * 0.9]
            assert frame, "no frame round the page"
            for item in drawings + page.images + page.chars:
                edge = min(item["x0"], item["top"], page.width - item["x1"], page.height - item["bottom"])
                assert edge >= PRINTABLE_MM * MM, item


@pytest.mark.slow
def test_a_300_certificate_print_file_takes_under_5_seconds(sample, tmp_path):
    book = FileSource(sample).load()
    copies = [replace(m, code=f"{m.code}-{n}") for n in range(2) for m in book.models]
    scores = [replace(s, model_code=f"{s.model_code}-{n}") for n in range(2) for s in book.scores]
    big = replace(book, models=tuple(copies), scores=tuple(scores), votes=())
    options = RenderOptions(profile_of(big))
    kind = KINDS["giay-chung-nhan"]
    assert len(kind.build(big, options)) >= 300
    keep = {m.code for m in recognised_models(big)[:300]}
    big = replace(big, models=tuple(m for m in big.models if m.code in keep))
    started = time.perf_counter()
    with render_kind(kind, big, tmp_path, options, per_record=False, print_file=True) as staged:
        files = staged.commit().all_files
    elapsed = time.perf_counter() - started
    assert len(files) == 1 and len(kind.build(big, options)) == 300
    assert elapsed <= 5.0, f"{elapsed:.1f} s"
