"""Every shipped template, rendered from every sample (their signers sign with a signature and a seal
picture), comes out of the engine as docxtpl writes it."""

from __future__ import annotations

import io
import zipfile

import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import DocumentDataError
from dvk_docs.model import CellUpdate
from dvk_docs.render.batch import docxtpl_contexts
from dvk_docs.render.docx import render_docx
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.environment import make_environment
from dvk_docs.render.templates import find_template
from dvk_docs.workbook.sources import FileSource

SAMPLES = ("dang-uy-khoi.xlsx", "ldld-tinh.xlsx", "ubnd-huyen.xlsx")  #: one per format profile
RECORDS = 3  #: records compared per kind and sample


@pytest.mark.parametrize("sample", SAMPLES)
def test_engine_output_is_docxtpl_output_for_every_kind(copy_sample, sample):
    book = FileSource(copy_sample(sample)).load()
    options = RenderOptions(profile_of(book))
    compared = 0
    for kind in KINDS.values():
        try:
            contexts = kind.build(book, options)[:RECORDS]
        except DocumentDataError:
            continue
        template = find_template(kind, options.profile)
        images, values = docxtpl_contexts([c.values() for c in contexts])
        engine = CompiledTemplate.load(template, make_environment, images)
        for context, value in zip(contexts, values, strict=True):
            rendered = engine.render(value)
            assert rendered.fallback is None, (kind.name, rendered.fallback)
            ours = zipfile.ZipFile(io.BytesIO(engine.package(rendered)))
            theirs = zipfile.ZipFile(io.BytesIO(render_docx(template, context.values(), make_environment())))
            for name in engine.rendered_members:
                assert ours.read(name) == theirs.read(name), (kind.name, name)
            compared += 1
    assert compared >= len(KINDS) - 1


@pytest.mark.parametrize("pictures", [("signature_image", "seal_image"), ("seal_image",), ("signature_image",)])
def test_signature_and_seal_pictures_come_out_byte_identical(copy_sample, pictures):
    """The decision and the certificates with a floating seal, a seal alone, a signature alone."""
    path = copy_sample("ubnd-huyen.xlsx")
    source = FileSource(path)
    signer = next(s for s in source.load().signers if s.signature_image)
    source.write([CellUpdate("signers", signer.row, name, None)
                  for name in ("signature_image", "seal_image") if name not in pictures])
    book = FileSource(path).load()
    options = RenderOptions(profile_of(book))
    for name in ("quyet-dinh-cong-nhan", "giay-chung-nhan"):
        contexts = KINDS[name].build(book, options)[:RECORDS]
        template = find_template(KINDS[name], options.profile)
        images, values = docxtpl_contexts([c.values() for c in contexts])
        assert set(images) == {"anh_chu_ky" if p == "signature_image" else "anh_dau" for p in pictures}
        engine = CompiledTemplate.load(template, make_environment, images)
        for context, value in zip(contexts, values, strict=True):
            ours = zipfile.ZipFile(io.BytesIO(engine.render_package(value)))
            theirs = zipfile.ZipFile(io.BytesIO(render_docx(template, context.values(), make_environment())))
            document = ours.read("word/document.xml")
            assert document == theirs.read("word/document.xml"), name
            assert (b"<wp:anchor" in document) == (len(pictures) == 2), name
            assert ours.read("word/_rels/document.xml.rels") == theirs.read("word/_rels/document.xml.rels")
