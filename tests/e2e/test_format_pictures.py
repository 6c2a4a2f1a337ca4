"""Proof from the rendered page: the seal covers the left third of the signature, both sit between
the signer's title and name (NĐ 30 Phụ lục I II.7.d, II.8.a); without pictures the block keeps its
blank lines to sign on. Decisions of the three samples, rendered by the batch engine (as
``dvk render`` does), converted by LibreOffice and measured with pdfplumber."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.render.batch import docxtpl_contexts
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.environment import make_environment
from dvk_docs.render.pdf import convert_to_pdf, find_soffice
from dvk_docs.render.templates import find_template
from dvk_docs.workbook.sources import FileSource

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]
MM = 72 / 25.4  #: PDF points per millimetre
SAMPLES = {"nha-nuoc": "ubnd-huyen.xlsx", "dang": "dang-uy-khoi.xlsx", "cong-doan": "ldld-tinh.xlsx"}
KIND = KINDS["quyet-dinh-cong-nhan"]


@dataclass(frozen=True)
class Box:
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Block:
    """The measured signature block: title and name lines, and the pictures on that page."""

    title: Box
    name: Box
    images: list[Box]


@pytest.fixture(scope="module")
def blocks(tmp_path_factory) -> dict[str, Block]:
    """Profile id (and "khong-anh": the State sample without pictures) -> its measured block."""
    folder = tmp_path_factory.mktemp("pictures-pdf")
    books = {profile: FileSource(ROOT / "samples" / name).load() for profile, name in SAMPLES.items()}
    state = books["nha-nuoc"]
    books["khong-anh"] = replace(state, signers=tuple(
        replace(s, signature_image="", seal_image="") for s in state.signers))
    lines, files = {}, []
    for key, book in books.items():
        options = RenderOptions(profile_of(book))
        context = KIND.build(book, options)[0]
        images, values = docxtpl_contexts([context.values()])
        engine = CompiledTemplate.load(find_template(KIND, options.profile), make_environment, images)
        rendered = engine.render(values[0])
        assert rendered.fallback is None
        path = folder / f"{key}.docx"
        path.write_bytes(engine.package(rendered))
        files.append(path)
        lines[key] = (context.chuc_vu, context.nguoi_ky)
    measured = {}
    for (key, (title, name)), pdf in zip(lines.items(), convert_to_pdf(files, folder), strict=True):
        with pdfplumber.open(pdf) as document:
            page = next(p for p in document.pages if find_line(p, name))
            measured[key] = Block(find_line(page, title), find_line(page, name),
                                  [Box(i["x0"], i["x1"], i["top"], i["bottom"]) for i in page.images])
    return measured


def find_line(page, text: str) -> Box | None:
    """The last run of words on ``page`` reading ``text``, as one box."""
    words, wanted = page.extract_words(), text.split()
    found = None
    for start in range(len(words) - len(wanted) + 1):
        run = words[start:start + len(wanted)]
        if [w["text"] for w in run] == wanted and len({round(w["top"]) for w in run}) == 1:
            found = Box(run[0]["x0"], run[-1]["x1"], run[0]["top"], run[0]["bottom"])
    return found


def seal_and_signature(block: Block) -> tuple[Box, Box]:
    """The round seal is the square picture; the signature is the other one."""
    assert len(block.images) == 2
    seal = next(b for b in block.images if abs(b.width - (b.bottom - b.top)) < 1)
    signature = next(b for b in block.images if b is not seal)
    return seal, signature


@pytest.mark.parametrize("profile", sorted(SAMPLES))
def test_pictures_have_their_printed_sizes(blocks, profile):
    seal, signature = seal_and_signature(blocks[profile])
    assert signature.width == pytest.approx(35 * MM, abs=0.5)
    assert seal.width == pytest.approx(36 * MM, abs=0.5)  # the seal's actual size (36 mm)


@pytest.mark.parametrize("profile", sorted(SAMPLES))
def test_seal_covers_the_left_third_of_the_signature(blocks, profile):
    seal, signature = seal_and_signature(blocks[profile])
    assert seal.x0 < signature.x0 < seal.x1 < signature.x1  # overlaps it from the left
    assert seal.top < signature.bottom and signature.top < seal.bottom
    covered = (seal.x1 - signature.x0) / signature.width
    assert covered == pytest.approx(1 / 3, abs=0.02)
    assert seal.middle[1] == pytest.approx(signature.middle[1], abs=1)  # centred on it vertically


@pytest.mark.parametrize("profile", sorted(SAMPLES))
def test_pictures_sit_between_the_title_and_the_name(blocks, profile):
    block = blocks[profile]
    seal, signature = seal_and_signature(block)
    assert signature.middle[0] == pytest.approx(block.title.middle[0], abs=2)  # centred under the title
    assert block.title.bottom <= min(seal.top, signature.top)
    assert block.name.top >= max(seal.bottom, signature.bottom)


def test_without_pictures_the_block_keeps_four_blank_lines_to_sign_on(blocks):
    block = blocks["khong-anh"]
    assert block.images == []
    line = block.title.bottom - block.title.top  # 14 pt text on single-spaced lines
    gap = block.name.top - block.title.bottom
    assert 4 * line <= gap <= 5 * line + 2
