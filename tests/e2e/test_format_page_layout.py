"""Proof from the rendered pages that the signature block stays whole and that header lines break
at phrase boundaries (docs/format.md, “Chữ ký không tách trang”, “Xuống dòng ở tiêu đề”).

Every decision here is converted in one LibreOffice call; the pages are read with pdfplumber.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.formats.profiles import load_profile
from dvk_docs.model import Recipient
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.pdf import convert_to_pdf, find_soffice
from dvk_docs.render.templates import shipped_dir
from tests.e2e.test_format_pdf import LABELS, MM
from tests.unit.formats.books import small_book

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]

#: (profile, Nơi nhận lines, căn cứ lines): the State profile with 3, 9 and 15 recipients and a
#: body one or two lines longer each time, so that its end falls at every height of a page;
#: the Party and union profiles with 9 recipients, every third length.
LAYOUTS = [("nha-nuoc", n, k) for n in (3, 9, 15) for k in range(1, 37, 2)] + [
    (profile, 9, k) for profile in ("dang", "cong-doan") for k in range(1, 37, 3)]
#: Names of bodies with compounds a naive wrap cuts (the samples' and seeds' longest).
LONG_BODIES = (
    ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH BÌNH"),
    ("ĐẢNG BỘ TỈNH YÊN BÁI", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"),
    ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH BÀ RỊA - VŨNG TÀU",
     "ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH TỈNH YÊN BÁI"),
    ("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HỒ CHÍ MINH"),
)
#: The compounds the issue names: no header line may end inside one of them (the test's own
#: list, independent of the builder's).
COMPOUNDS = ("LAO ĐỘNG", "NHÂN DÂN", "VIỆT NAM", "CHÍNH TRỊ", "CỘNG SẢN", "HỒ CHÍ MINH",
             "MẶT TRẬN", "TỔ QUỐC", "ĐOÀN THỂ", "LIÊN ĐOÀN", "ĐẢNG ỦY", "CƠ QUAN", "DOANH NGHIỆP",
             "THÀNH PHỐ", "YÊN BÁI", "NINH BÌNH", "THANH NIÊN", "ỦY BAN")


def _decision(folder: Path, name: str, label: str, recipients: int = 3, bases: int = 2,
              bodies: tuple[str, str] | None = None):
    settings = {"legal_bases": ";\n".join(
        f"Căn cứ văn bản số {i:02d} về công tác dân vận của cơ quan" for i in range(bases))}
    if bodies:
        settings.update(parent_body=bodies[0], issuing_body=bodies[1])
    book = small_book(label, **settings)
    book = dataclasses.replace(book, recipients=tuple(
        Recipient("*", f"Đơn vị nhận số {i:02d};", i) for i in range(1, recipients)))
    context = KINDS["quyet-dinh-cong-nhan"].build(book, RenderOptions(profile_of(book)))[0]
    path = folder / f"{name}.docx"
    path.write_bytes(render_docx(shipped_dir() / context.the_thuc / "quyet-dinh-cong-nhan.docx",
                                 context.values(), make_environment()))
    return path, context


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple, tuple[Path, object]]:
    """Key -> (PDF, context) for every layout and every long-body header, in one conversion."""
    folder = tmp_path_factory.mktemp("page-layout")
    docs = {}
    for profile_id, recipients, bases in LAYOUTS:
        docs[(profile_id, recipients, bases)] = _decision(
            folder, f"{profile_id}-{recipients}-{bases}", LABELS[profile_id], recipients, bases)
    for profile_id, label in LABELS.items():
        for n, bodies in enumerate(LONG_BODIES):
            docs[("header", profile_id, n)] = _decision(folder, f"header-{profile_id}-{n}", label,
                                                        bodies=bodies)
    pdfs = convert_to_pdf([path for path, _ in docs.values()], folder)
    return {key: (pdf, context) for (key, (_, context)), pdf in zip(docs.items(), pdfs, strict=True)}


def _decision_pages_holding(pdf: Path, *texts: str) -> list[set[int]]:
    """For each text (spaces ignored), the numbers of the decision's pages that hold it (the
    attached list, from its own page headed “DANH SÁCH”, is left out)."""
    with pdfplumber.open(pdf) as document:
        pages = ["".join((page.extract_text() or "").split()) for page in document.pages]
    pages = pages[:next(i for i, page in enumerate(pages) if i and "DANHSÁCH" in page)]
    return [{i for i, page in enumerate(pages) if "".join(text.split()) in page} for text in texts]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: "-".join(map(str, layout)))
def test_signature_block_and_end_of_body_share_one_page(rendered, layout):
    pdf, context = rendered[layout]
    block = ("Nơi nhận:", *context.noi_nhan, context.chuc_vu, context.nguoi_ky)
    found = _decision_pages_holding(pdf, "./.", *block)
    assert all(found), f"not found: {[t for t, pages in zip(('./.', *block), found, strict=True) if not pages]}"
    last = [max(pages) for pages in found]  # the title is also in the decider's line on page 1
    assert len(set(last)) == 1, dict(zip(("./.", *block), last, strict=True))


def _left_header_lines(pdf: Path, profile_id: str) -> list[str]:
    """The lines of the left header block of page 1 (above the number line), top to bottom."""
    profile = load_profile(profile_id)
    header = profile.section("header")
    column_end = (profile.section("page")["margins_mm"]["left"] + header["indent_cm"] * 10
                  + header["left_cm"] * 10) * MM
    with pdfplumber.open(pdf) as document:
        words = document.pages[0].extract_words(use_text_flow=True)
    number = min(w["top"] for w in words if w["text"].startswith("Số"))
    left = [w for w in words if w["x1"] <= column_end and w["top"] < number - 2
            and set(w["text"]) != {"_"} and w["text"] != "*"]
    lines: dict[int, list[dict]] = {}
    for word in left:
        lines.setdefault(round(word["top"]), []).append(word)
    return [" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"]))
            for _, ws in sorted(lines.items())]


@pytest.mark.parametrize("profile_id", LABELS)
@pytest.mark.parametrize("bodies", range(len(LONG_BODIES)))
def test_header_lines_never_end_inside_a_compound(rendered, profile_id, bodies):
    pdf, _ = rendered[("header", profile_id, bodies)]
    lines = _left_header_lines(pdf, profile_id)
    assert " ".join(lines).split() == " ".join(LONG_BODIES[bodies]).split()  # nothing lost
    for upper, lower in pairwise(lines):
        for compound in COMPOUNDS:
            words = compound.split()
            for cut in range(1, len(words)):
                assert not (upper.split()[-cut:] == words[:cut]
                            and lower.split()[:len(words) - cut] == words[cut:]), (upper, lower)
