"""The compound-file writer: what olefile reads back, deterministic bytes, the template round trip."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from pathlib import Path

import compoundfiles
import olefile
import pytest

from dvk_docs.addin.build import TEMPLATE
from dvk_docs.addin.cfb import CompoundFileError, read_compound, write_compound

ADDIN = Path(__file__).resolve().parents[3] / "excel_addin" / "dvk_docs.xlam"  #: the shipped add-in


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


def strict_read(data: bytes) -> dict[tuple[str, ...], bytes]:
    """Every stream of ``data`` read by compoundfiles, whose warnings (errors here) flag any breach of MS-CFB."""
    streams = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", compoundfiles.CompoundFileEmulationWarning)  # BytesIO, no mmap
        with compoundfiles.CompoundFileReader(io.BytesIO(data)) as reader:
            def walk(storage, path):
                for entry in storage:
                    if entry.isdir:
                        walk(entry, (*path, entry.name))
                    elif entry.size == 0:  # compoundfiles looks for a mini FAT even for no data
                        streams[(*path, entry.name)] = b""
                    else:
                        with reader.open(entry) as stream:
                            streams[(*path, entry.name)] = stream.read()
            walk(reader.root, ())
    return streams


def directory_entries(data: bytes) -> list[bytes]:
    """The raw directory entries, found from the header and the FAT as MS-CFB lays them out."""
    first_directory = struct.unpack_from("<I", data, 0x30)[0]
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s != 0xFFFFFFFF]
    fat = [v for s in fat_sectors for v in struct.unpack_from("<128I", data, (s + 1) * 512)]
    raw, sector = b"", first_directory
    while sector != 0xFFFFFFFE:
        raw += data[(sector + 1) * 512:(sector + 2) * 512]
        sector = fat[sector]
    return [raw[i:i + 128] for i in range(0, len(raw), 128)]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 9])
def test_directory_is_128_byte_entries_and_free_ones_are_nostream(count):
    streams = {(f"S{i}",): bytes([i]) * (100 * i) for i in range(count)}
    data = write_compound(streams)
    assert strict_read(data) == streams
    entries = directory_entries(data)
    assert len(entries) % 4 == 0 and len(entries) >= count + 1
    for entry in entries[count + 1:]:  # unused: zero, but NOSTREAM siblings and child (MS-CFB 2.6.3)
        assert entry[:66] == bytes(66) and entry[66:68] == b"\0\0"
        assert struct.unpack_from("<3I", entry, 68) == (0xFFFFFFFF,) * 3
        assert entry[80:] == bytes(48)


def test_the_shipped_add_in_project_passes_a_strict_reader():
    with zipfile.ZipFile(ADDIN) as archive:
        data = archive.read("xl/vbaProject.bin")
    assert strict_read(data) == dict(read_compound(data).streams)
    assert len(directory_entries(data)) % 4 == 0
