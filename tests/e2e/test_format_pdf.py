"""Proof from the rendered page: decisions and registration lists in the three profiles, measured
in the PDFs LibreOffice makes (sizes, weights, margins, header positions, rules, page numbers).

Every rule checked here is listed with its source in docs/format.md.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.formats.profiles import load_profile
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.pdf import convert_to_pdf, find_soffice
from dvk_docs.render.templates import shipped_dir
from tests.unit.formats.books import small_book

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]

MM = 72 / 25.4  #: PDF points per millimetre
LABELS = {"nha-nuoc": "Nhà nước", "dang": "Đảng", "cong-doan": "Công đoàn"}  #: id -> Cấu hình label
KIND_NAMES = ("quyet-dinh-cong-nhan", "danh-sach-dang-ky")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(profile id, kind) -> PDF; all six documents converted in one LibreOffice call."""
    folder = tmp_path_factory.mktemp("format-pdf")
    docx_files = {}
    for profile_id, label in LABELS.items():
        book = small_book(label, extra_models=30)  # long enough for a page 2 in every list
        for kind in KIND_NAMES:
            context = KINDS[kind].build(book, RenderOptions(profile_of(book)))[0]
            data = render_docx(shipped_dir() / profile_id / f"{kind}.docx", context.values(),
                               make_environment())
            path = folder / f"{profile_id}-{kind}.docx"
            path.write_bytes(data)
            docx_files[(profile_id, kind)] = path
    converted = convert_to_pdf(list(docx_files.values()), folder)
    return dict(zip(docx_files, converted, strict=True))


@dataclass
class Found:
    """Characters of one phrase on the page."""

    chars: list[dict]

    @property
    def size(self) -> float:
        return round(self.chars[0]["size"], 1)

    @property
    def bold(self) -> bool:
        return all("Bold" in c["fontname"] for c in self.chars)

    @property
    def italic(self) -> bool:
        return all("Italic" in c["fontname"] for c in self.chars)

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def find(page, text: str) -> Found:
    """The first occurrence of ``text`` (spaces ignored) among the page's characters, in drawing order."""
    chars = [c for c in page.chars if not c["text"].isspace()]
    wanted = text.replace(" ", "")
    joined = "".join(c["text"] for c in chars)
    at = joined.find(wanted)
    assert at >= 0, f"“{text}” not on the page"
    return Found(chars[at:at + len(wanted)])


def rules(page) -> list[Found]:
    """Runs of underscores (the rule lines), top to bottom."""
    runs: dict[float, list[dict]] = {}
    for c in page.chars:
        if c["text"] == "_":
            runs.setdefault(round(c["top"]), []).append(c)
    found = []
    for chars in runs.values():  # split runs on the same line (left and right header cells)
        chars.sort(key=lambda c: c["x0"])
        group = [chars[0]]
        for c in chars[1:]:
            if c["x0"] - group[-1]["x1"] > 2:
                found.append(Found(group))
                group = []
            group.append(c)
        found.append(Found(group))
    return found


def _page(pdfs, profile_id: str, kind: str = "quyet-dinh-cong-nhan", number: int = 0):
    """One page, its characters and drawn lines read before the PDF is closed."""
    with pdfplumber.open(pdfs[(profile_id, kind)]) as pdf:
        page = pdf.pages[number]
        page.objects  # noqa: B018 -- read now (chars, rects, lines), the file closes here
    return page


@pytest.mark.parametrize("profile_id", LABELS)
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_paper_margins_and_fonts(pdfs, profile_id, kind):
    profile = load_profile(profile_id)
    ranges = profile.section("page")["margin_ranges_mm"]
    with pdfplumber.open(pdfs[(profile_id, kind)]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert sorted((round(page.width), round(page.height))) == [595, 842]  # A4
            body = [c for c in page.chars if c["bottom"] > 20 * MM]  # below the page number
            left = min(c["x0"] for c in body) / MM
            right = (page.width - max(c["x1"] for c in body)) / MM
            top = min(c["top"] for c in body) / MM
            bottom = (page.height - max(c["bottom"] for c in body)) / MM
            # nothing is printed in the margins ...
            assert left >= ranges["left"][0] - 0.5, left
            assert right >= ranges["right"][0] - 0.5, right
            assert top >= ranges["top"][0] - 0.5, top
            assert bottom >= ranges["bottom"][0] - 0.5, bottom
            if number == 1 and kind == "quyet-dinh-cong-nhan":
                # ... and justified body lines reach the margins, which are inside the range
                assert left <= ranges["left"][1] + 0.5, left
                assert right <= ranges["right"][1] + 0.5, right
            assert {c["fontname"].split("+")[-1].split("-")[0] for c in page.chars} <= {
                "LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman"}
    fonts = subprocess.run(["pdffonts", str(pdfs[(profile_id, kind)])], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # "emb" column


@pytest.mark.parametrize("profile_id", ["nha-nuoc", "cong-doan"])
def test_state_typography(pdfs, profile_id):
    page = _page(pdfs, profile_id)
    motto = find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (motto.size, motto.bold) == (13, True)
    slogan = find(page, "Độc lập - Tự do - Hạnh phúc")
    assert (slogan.size, slogan.bold) == (14, True)
    parent = find(page, small_book(LABELS[profile_id]).settings.text("parent_body"))
    assert (parent.size, parent.bold) == (13, False)
    number = find(page, "Số: /QĐ-")
    assert (number.size, number.bold, number.italic) == (13, False, False)
    date = find(page, "ngày tháng năm 2025")
    assert (date.size, date.italic) == (14, True)
    assert abs(number.top - date.top) < 3  # same row
    title = find(page, "QUYẾT ĐỊNH")
    assert (title.size, title.bold) == (14, True)
    summary = find(page, "Về việc công nhận")
    assert (summary.size, summary.bold) == (14, True)
    basis = find(page, "Căn cứ Luật Thi đua")
    assert (basis.size, basis.italic) == (14, True)
    article = find(page, "Điều 2.")
    text = find(page, "Quyết định này có hiệu lực")
    assert (article.bold, text.size, text.bold) == (True, 14, False)
    label = find(page, "Nơi nhận:")
    assert (label.size, label.bold, label.italic) == (12, True, True)
    line = find(page, "- Như Điều 3;")
    assert (line.size, line.bold) == (11, False)
    assert find(page, "- Lưu: VT.").size == 11
    authority = find(page, "TM. BAN THƯỜNG VỤ") if profile_id == "cong-doan" else find(page, "CHỦ TỊCH")
    assert (authority.size, authority.bold) == (14, True)
    name = find(page, small_book(LABELS[profile_id]).signers[0].name)
    assert (name.size, name.bold) == (14, True)


def test_party_typography(pdfs):
    page = _page(pdfs, "dang")
    title = find(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert (title.size, title.bold) == (15, True)
    assert (find(page, "ĐẢNG BỘ TỈNH YÊN BÁI").size, find(page, "ĐẢNG BỘ TỈNH YÊN BÁI").bold) == (14, False)
    issuing = find(page, "ĐẢNG ỦY KHỐI CƠ QUAN")
    assert (issuing.size, issuing.bold) == (14, True)
    star = find(page, "*")
    assert abs(star.centre - issuing.centre) < 30
    number = find(page, "Số -QĐ/ĐUK")
    assert (number.size, number.bold) == (14, False)
    assert not any(c["text"] == ":" for c in number.chars)
    date = find(page, "Yên Bái, ngày tháng năm 2025")
    assert (date.size, date.italic) == (14, True)
    kind_title = find(page, "QUYẾT ĐỊNH")
    assert (kind_title.size, kind_title.bold) == (16, True)
    summary = find(page, "công nhận mô hình, điển hình")
    assert (summary.size, summary.bold) == (14, True)
    assert find(page, "-----").size == 14
    basis = find(page, "- Căn cứ Luật Thi đua")
    assert (basis.size, basis.italic) == (14, False)
    decider = find(page, "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI QUYẾT ĐỊNH")
    assert (decider.size, decider.bold) == (14, True)
    body = find(page, "Quyết định này có hiệu lực")
    assert (body.size, body.bold) == (14, False)
    label = find(page, "Nơi nhận:")
    assert (label.size, label.bold, label.italic) == (14, False, False)
    underline = [r for r in page.rects + page.lines
                 if abs(r["top"] - label.top - 14) < 6 and r["x0"] <= label.x0 + 2 and r["x1"] >= label.x1 - 8]
    assert underline, "Nơi nhận: is underlined"
    assert find(page, "- Như Điều 3,").size == 12
    assert find(page, "- Lưu Văn phòng.").size == 12
    authority = find(page, "T/M BAN THƯỜNG VỤ")
    assert (authority.size, authority.bold) == (14, True)
    signer_title = find(page, "PHÓ BÍ THƯ")
    assert (signer_title.size, signer_title.bold) == (14, False)
    name = find(page, "Cao Xuân Chiểu")
    assert (name.size, name.bold) == (14, True)


@pytest.mark.parametrize("profile_id", LABELS)
def test_header_blocks_and_rules(pdfs, profile_id):
    page = _page(pdfs, profile_id)
    profile = load_profile(profile_id)
    book = small_book(LABELS[profile_id])
    issuing_lines = book.settings.text("issuing_body").splitlines()
    issuing = find(page, issuing_lines[0])
    right_text = profile.section("header")["right_lines"][-1]
    right = find(page, right_text)
    assert issuing.centre < page.width / 2 < right.x0 + 10  # left block | right block
    header_left = (profile.section("page")["margins_mm"]["left"]
                   + profile.section("header")["indent_cm"] * 10) * MM
    left_column = profile.section("header")["left_cm"] * 10 * MM
    assert abs(issuing.centre - (header_left + left_column / 2)) < 3  # centred in its column
    found = rules(page)
    right_rule = next(r for r in found if r.x0 > page.width / 2 and r.top > right.top)
    assert 0.93 <= right_rule.width / right.width <= 1.07  # line = motto (or Party title) length
    assert abs(right_rule.centre - right.centre) < 3
    if profile.is_party:
        return
    longest = max((find(page, line) for line in issuing_lines), key=lambda f: f.width)
    issuing_rule = next(r for r in found if r.x1 < page.width / 2)
    assert 1 / 3 <= issuing_rule.width / longest.width <= 1 / 2
    assert abs(issuing_rule.centre - issuing.centre) < 3
    summary = find(page, "Về việc công nhận mô hình, điển hình “Dân vận khéo” năm 2025")
    summary_rule = next(r for r in found if r.top > summary.top)
    assert 1 / 3 <= summary_rule.width / summary.width <= 1 / 2


@pytest.mark.parametrize("profile_id", LABELS)
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_page_numbers_from_page_two(pdfs, profile_id, kind):
    profile = load_profile(profile_id)
    margins = profile.section("page")["margins_mm"]
    with pdfplumber.open(pdfs[(profile_id, kind)]) as pdf:
        numbers = [[c for c in page.chars if c["bottom"] < 20 * MM] for page in pdf.pages]
        assert numbers[0] == []  # never on page 1
        shown = [(page, Found(chars)) for page, chars in zip(pdf.pages, numbers, strict=True) if chars]
        assert shown, "a page with a number"
        for page, number in shown:
            assert "".join(c["text"] for c in number.chars).isdigit()
            assert (number.size, number.bold) == (profile.style("page_number").size, False)
            text_centre = (margins["left"] * MM + page.width - margins["right"] * MM) / 2
            assert abs(number.centre - text_centre) < 2 * MM  # centred over the text


def test_registration_list_repeats_its_header_on_page_two(pdfs):
    with pdfplumber.open(pdfs[("nha-nuoc", "danh-sach-dang-ky")]) as pdf:
        assert len(pdf.pages) >= 2
        second = pdf.pages[1]
        assert second.width > second.height  # landscape
        header = find(second, "Tên mô hình hoặc điển hình")
        assert header.bold and header.size == 13
