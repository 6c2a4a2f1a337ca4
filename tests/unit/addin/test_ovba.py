"""MS-OVBA compression (checked against oletools' decompressor) and the dir-stream edits."""

from __future__ import annotations

import random
import zipfile

import pytest
from oletools.olevba import decompress_stream

from dvk_docs.addin.build import TEMPLATE
from dvk_docs.addin.ovba import VbaProject, compress, decompress


@pytest.mark.parametrize("size", [0, 1, 2, 3, 17, 4095, 4096, 4097, 12_000])
def test_compression_round_trips_through_oletools(size):
    rng = random.Random(size)
    text = bytes(rng.choice(b"Dim x As String\r\n ") for _ in range(size))
    packed = compress(text)
    assert bytes(decompress_stream(bytearray(packed))) == text
    assert decompress(packed) == text


def test_incompressible_full_chunks_are_stored_raw():
    data = random.Random(7).randbytes(8192)
    assert bytes(decompress_stream(bytearray(compress(data)))) == data


def test_real_vba_source_compresses():
    source = (TEMPLATE.parent / "xlwings_custom_addin.bas").read_bytes()
    packed = compress(source)
    assert len(packed) < len(source) / 2
    assert bytes(decompress_stream(bytearray(packed))) == source


def test_renaming_a_module_updates_every_place_office_reads():
    with zipfile.ZipFile(TEMPLATE) as archive:
        project = VbaProject.parse(archive.read("xl/vbaProject.bin"))
    project.rename_module("RibbonMyAddin", "DvkDocsRibbon")
    project.set_source("DvkDocsRibbon", 'Attribute VB_Name = "DvkDocsRibbon"\r\n')
    project.rename_project("DvkDocs")
    reread = VbaProject.parse(project.to_bytes())
    assert reread.module_names() == ["ThisWorkbook", "Dictionary", "DvkDocsRibbon", "Sheet2", "xlwings"]
    assert reread.project_name == "DvkDocs"
    assert reread.source("DvkDocsRibbon") == 'Attribute VB_Name = "DvkDocsRibbon"\r\n'
    text = reread.streams[("PROJECT",)].decode("cp1252")
    assert "Module=DvkDocsRibbon\r\n" in text and 'Name="DvkDocs"' in text
    assert "RibbonMyAddin" not in text
    assert b"D\x00v\x00k\x00D\x00o\x00c\x00s\x00R\x00i\x00b\x00b\x00o\x00n\x00" in reread.streams[("PROJECTwm",)]
    assert reread.source("Dictionary") == project.source("Dictionary")  # untouched, p-code kept
