"""Every shipped template, rendered from every sample, comes out of the engine as docxtpl writes it."""

from __future__ import annotations

import io
import zipfile

import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import DocumentDataError
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
