"""Signature and seal pictures (NĐ 30 Phụ lục I II.7.d, II.8.a): the seal floats over the
signature's left third; both engines write the same bytes; the print file keeps drawings unique."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from docx.shared import Mm, Pt
from lxml import etree

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.formats.blocks import PICTURE_ROOM_PT
from dvk_docs.render.batch import docxtpl_contexts
from dvk_docs.render.docx import render_docx
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.environment import make_environment
from dvk_docs.render.pictures import seal_placement
from dvk_docs.render.printfile import build_print_file
from dvk_docs.render.templates import shipped_dir
from tests.unit.formats.books import small_book

ROOT = Path(__file__).resolve().parents[3]
PICTURES = ROOT / "samples" / "anh"
SIGNATURE, SEAL = PICTURES / "chu-ky.png", PICTURES / "con-dau.png"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DECISION = "quyet-dinh-cong-nhan"


def book_with(signature: bool = True, seal: bool = True, label: str = "Nhà nước"):
    """A small workbook whose signer has the sample pictures (absolute paths)."""
    book = small_book(label)
    signer = replace(book.signers[0], signature_image=str(SIGNATURE) if signature else "",
                     seal_image=str(SEAL) if seal else "")
    return replace(book, signers=(signer,))


def decision_xml(book, kind: str = DECISION) -> tuple[etree._Element, zipfile.ZipFile]:
    context = KINDS[kind].build(book, RenderOptions(profile_of(book)))[0]
    profile = profile_of(book).id
    data = render_docx(shipped_dir() / profile / f"{kind}.docx", context.values(), make_environment())
    package = zipfile.ZipFile(io.BytesIO(data))
    return etree.fromstring(package.read("word/document.xml")), package


def media_of(package: zipfile.ZipFile, blip: etree._Element) -> bytes:
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == blip.get(R + "embed"))
    return package.read(f"word/{target}")


def test_the_seal_covers_the_left_third_and_is_centred_on_the_signature():
    seal, signature = (Mm(36), Mm(36)), (Mm(35), Mm(17.5))
    place = seal_placement(seal, signature, Pt(PICTURE_ROOM_PT))
    # anchored just before the signature: x and y are from the signature's left edge and top
    assert place.x + seal[0] == pytest.approx(signature[0] / 3, abs=1)  # right edge at one third
    assert place.x < 0
    assert place.y + seal[1] / 2 == pytest.approx(signature[1] / 2, abs=1)  # same centre line
    assert place.y + seal[1] <= signature[1] + Pt(PICTURE_ROOM_PT)  # clear of the name


def test_a_short_signature_moves_the_seal_up_rather_than_onto_the_name():
    seal, signature = (Mm(36), Mm(36)), (Mm(35), Mm(8))
    place = seal_placement(seal, signature, Pt(PICTURE_ROOM_PT))
    assert place.y + seal[1] == signature[1] + Pt(PICTURE_ROOM_PT)
    assert place.y + seal[1] / 2 < signature[1] / 2


def test_the_seal_is_an_anchored_drawing_over_the_flush_signature():
    body, package = decision_xml(book_with())
    anchor, = body.iter(WP + "anchor")
    inline, = body.iter(WP + "inline")
    paragraph = anchor.getparent().getparent().getparent()
    assert paragraph is inline.getparent().getparent().getparent()  # same paragraph, seal first
    assert [etree.QName(c).localname for c in anchor] == [
        "simplePos", "positionH", "positionV", "extent", "effectExtent", "wrapNone", "docPr",
        "cNvGraphicFramePr", "graphic"]
    assert (anchor.get("behindDoc"), anchor.get("allowOverlap"), anchor.get("layoutInCell")) == ("0", "1", "1")
    horizontal, vertical = anchor.find(WP + "positionH"), anchor.find(WP + "positionV")
    assert (horizontal.get("relativeFrom"), vertical.get("relativeFrom")) == ("character", "paragraph")
    seal_size = [int(anchor.find(WP + "extent").get(k)) for k in ("cx", "cy")]
    signature_size = [int(inline.find(WP + "extent").get(k)) for k in ("cx", "cy")]
    assert seal_size[0] == Mm(36) and signature_size[0] == Mm(35)
    expected = seal_placement(tuple(seal_size), tuple(signature_size), Pt(PICTURE_ROOM_PT))
    assert int(horizontal.findtext(WP + "posOffset")) == expected.x
    assert int(vertical.findtext(WP + "posOffset")) == expected.y
    assert [inline.get(k) for k in ("distT", "distB", "distL", "distR")] == ["0"] * 4
    seal_blip, signature_blip = body.iter(A + "blip")
    assert media_of(package, seal_blip) == SEAL.read_bytes()
    assert media_of(package, signature_blip) == SIGNATURE.read_bytes()
    assert len({d.get("id") for d in body.iter(WP + "docPr")}) == 2


@pytest.mark.parametrize("signature,seal", [(False, True), (True, False)])
def test_one_picture_alone_stays_in_line(signature, seal):
    body, _ = decision_xml(book_with(signature, seal))
    assert list(body.iter(WP + "anchor")) == []
    inline, = body.iter(WP + "inline")
    assert int(inline.find(WP + "extent").get("cx")) == (Mm(35) if signature else Mm(36))


def test_without_pictures_the_block_keeps_its_blank_lines_to_sign_on():
    body, _ = decision_xml(book_with(False, False))
    assert list(body.iter(W + "drawing")) == []
    cell = next(c for c in body.iter(W + "tc") if "Nguyễn Văn An" in "".join(c.itertext()))
    texts = ["".join(p.itertext()) for p in cell.iter(W + "p")]
    name = texts.index("Nguyễn Văn An")
    assert texts[name - 4:name] == [""] * 4 and texts[name - 5] != ""


def test_the_print_file_shares_the_pictures_and_numbers_every_drawing_once():
    book = book_with(label="Công đoàn")
    kind = KINDS["giay-chung-nhan"]
    contexts = kind.build(book, RenderOptions(profile_of(book)))
    assert len(contexts) >= 3
    images, values = docxtpl_contexts([c.values() for c in contexts])
    engine = CompiledTemplate.load(shipped_dir() / "cong-doan" / "giay-chung-nhan.docx", make_environment, images)
    package = zipfile.ZipFile(io.BytesIO(build_print_file(engine, [engine.render(v) for v in values])))
    body = etree.fromstring(package.read("word/document.xml"))
    assert sorted(n for n in package.namelist() if n.startswith("word/media/")) == [
        "word/media/image1.png", "word/media/image2.png"]
    assert len(list(body.iter(WP + "anchor"))) == len(list(body.iter(WP + "inline"))) == len(contexts)
    ids = [d.get("id") for d in body.iter(WP + "docPr")]
    assert ids == [str(i) for i in range(1, 2 * len(contexts) + 1)]
    blips = list(body.iter(A + "blip"))
    assert [media_of(package, b) for b in blips] == [SEAL.read_bytes(), SIGNATURE.read_bytes()] * len(contexts)


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGBA bytes of a PNG as scripts/sample_images.py writes it (filter 0)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        length, = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        chunks[kind] = chunks.get(kind, b"") + data[position + 8:position + 8 + length]
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 6)  # 8-bit RGBA
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 4 * width + 1
    assert all(raw[row * stride] == 0 for row in range(height))
    return width, height, b"".join(raw[row * stride + 1:(row + 1) * stride] for row in range(height))


@pytest.mark.parametrize("path,ink", [(SIGNATURE, "blue"), (SEAL, "red")])
def test_sample_pictures_are_coloured_ink_on_a_transparent_background(path, ink):
    width, height, pixels = png_pixels(path.read_bytes())
    alphas = pixels[3::4]
    assert alphas[0] == alphas[width - 1] == alphas[-1] == 0  # transparent corners
    inked = [pixels[i:i + 3] for i in range(0, len(pixels), 4) if pixels[i + 3] == 255]
    assert len(inked) > width * height // 50
    for red, green, blue in inked:
        assert (blue > 2 * max(red, green)) if ink == "blue" else (red > 2 * max(green, blue))
    if ink == "red":
        assert width == height  # a round seal


def test_sample_pictures_are_regenerated_identically(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "sample_images.py"), str(tmp_path)], check=True,
                   capture_output=True)
    assert (tmp_path / "chu-ky.png").read_bytes() == SIGNATURE.read_bytes()
    assert (tmp_path / "con-dau.png").read_bytes() == SEAL.read_bytes()
