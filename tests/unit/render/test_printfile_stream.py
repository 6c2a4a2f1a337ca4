"""The print file is written as records come: memory does not grow with the number of records,
and the file streamed from a generator is the file built from a list."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

from dvk_docs.render import printfile
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.printfile import build_print_file, write_print_file

from .batch_samples import build_decision, decision_record, environment


def streamed_peak(engine: CompiledTemplate, count: int, target) -> int:
    """Peak Python memory (bytes) while ``count`` records are rendered lazily into ``target``."""
    records = (engine.render(decision_record(i, members=20)) for i in range(count))
    tracemalloc.start()
    try:
        write_print_file(engine, records, target)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_in_the_number_of_records(tmp_path, monkeypatch):
    monkeypatch.setattr(printfile, "BODY_IN_MEMORY", 1)  # bodies go to a temporary file at once
    engine = CompiledTemplate.load(build_decision(tmp_path / "t.docx"), environment)
    one_body = len(engine.render(decision_record(0, members=20)).parts["word/document.xml"])
    with (tmp_path / "few.docx").open("wb") as few, (tmp_path / "many.docx").open("wb") as many:
        small, large = streamed_peak(engine, 20, few), streamed_peak(engine, 320, many)
    assert large - small < 300 * one_body / 4, (small, large, one_body)  # kept: far less than 300 bodies
    with zipfile.ZipFile(tmp_path / "many.docx") as package:
        assert package.read("word/document.xml").count(b"<w:sectPr") == 320


def test_a_generator_gives_the_same_file_as_a_list(tmp_path):
    engine = CompiledTemplate.load(build_decision(tmp_path / "t.docx", annex=True), environment)
    documents = [engine.render(decision_record(i, members=2 + i)) for i in range(4)]
    streamed = io.BytesIO()
    assert write_print_file(engine, iter(documents), streamed) == 4
    with zipfile.ZipFile(streamed) as a, zipfile.ZipFile(io.BytesIO(build_print_file(engine, documents))) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}
