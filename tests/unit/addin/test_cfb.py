"""The compound-file writer: what olefile reads back, deterministic bytes, the template round trip."""

from __future__ import annotations

import io
import zipfile

import olefile
import pytest

from dvk_docs.addin.build import TEMPLATE
from dvk_docs.addin.cfb import CompoundFileError, read_compound, write_compound


def template_vba() -> bytes:
    with zipfile.ZipFile(TEMPLATE) as archive:
        return archive.read("xl/vbaProject.bin")


def test_written_streams_read_back_with_olefile():
    streams = {("A",): b"x" * 5000, ("Storage", "empty"): b"", ("Storage", "small"): b"abc" * 10,
               ("LongerName",): bytes(range(256)) * 20, ("Storage", "Inner", "deep"): b"z" * 4096}
    data = write_compound(streams)
    ole = olefile.OleFileIO(io.BytesIO(data))
    assert sorted(ole.listdir()) == sorted([list(p) for p in streams])
    for path, payload in streams.items():
        assert ole.openstream("/".join(path)).read() == payload


def test_many_siblings_keep_a_valid_tree():
    streams = {(f"S{i:02d}",): bytes([i]) * (i * 37) for i in range(1, 40)}
    ole = olefile.OleFileIO(io.BytesIO(write_compound(streams)))
    assert len(ole.listdir()) == 39
    assert ole.openstream("S17").read() == bytes([17]) * (17 * 37)


def test_template_project_round_trips_and_is_deterministic():
    original = read_compound(template_vba())
    first = write_compound(original.streams, original.clsids)
    assert first == write_compound(original.streams, original.clsids)
    assert read_compound(first).streams == original.streams
    ole = olefile.OleFileIO(io.BytesIO(template_vba()))
    assert {tuple(p) for p in ole.listdir()} == set(original.streams)


def test_not_a_compound_file_is_refused():
    with pytest.raises(CompoundFileError):
        read_compound(b"PK\x03\x04 not ole")
