"""The VBA project inside vbaProject.bin (MS-OVBA): compression, the ``dir`` stream, module edits.

The add-in is built by editing xlwings' own template project: replace the source of some modules,
rename a module and the project. Edited modules are written source-only (``MODULEOFFSET`` 0, no
compiled p-code); the template's ``_VBA_PROJECT`` stream says "version 0xFFFF", which makes Office
compile every module from source when it opens the file - exactly how xlwings ships its templates.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

from .cfb import CompoundFile, Path, read_compound, write_compound

CHUNK = 4096  #: uncompressed bytes per compressed chunk
SOURCE_ONLY_VBA_PROJECT = bytes.fromhex("cc61ffff000100")  #: _VBA_PROJECT of a source-only project
_PROJECTNAME, _PROJECTVERSION, _MODULENAME, _MODULENAMEUNICODE = 0x0004, 0x0009, 0x0019, 0x0047
_MODULESTREAMNAME, _STREAMNAMEUNICODE, _MODULEOFFSET, _MODULETERMINATOR = 0x001A, 0x0032, 0x0031, 0x002B


class VbaProjectError(ValueError):
    """The VBA project does not have the shape the builder expects."""


def decompress(data: bytes) -> bytes:
    """Decompress an MS-OVBA compressed container (signature byte 0x01, then chunks)."""
    if not data or data[0] != 1:
        raise VbaProjectError("not an MS-OVBA compressed container")
    out = bytearray()
    pos = 1
    while pos < len(data) - 1:
        (header,) = struct.unpack_from("<H", data, pos)
        end = pos + (header & 0x0FFF) + 3
        pos += 2
        if not header & 0x8000:
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        start = len(out)
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                (token,) = struct.unpack_from("<H", data, pos)
                pos += 2
                bits = _offset_bits(len(out) - start)
                offset = (token >> (16 - bits)) + 1
                for _ in range((token & (0xFFFF >> bits)) + 3):
                    out.append(out[-offset])
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into an MS-OVBA container (deterministic greedy matching)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        body = _compress_chunk(chunk)
        if len(body) > CHUNK:  # incompressible: a raw chunk holds exactly 4096 bytes
            out += struct.pack("<H", 0x3FFF) + chunk.ljust(CHUNK, b"\0")
        else:
            out += struct.pack("<H", 0xB000 | (len(body) - 1)) + body
    return bytes(out)


@dataclass
class VbaProject:
    """An editable view of vbaProject.bin: streams, ``dir`` records, module sources."""

    streams: dict[Path, bytes]
    clsids: Mapping[Path, bytes]
    records: list[tuple[int, bytes]] = field(default_factory=list)

    @classmethod
    def parse(cls, data: bytes) -> VbaProject:
        """Read a vbaProject.bin. Raises VbaProjectError when it is not source-only compatible."""
        compound: CompoundFile = read_compound(data)
        streams = dict(compound.streams)
        if streams.get(("VBA", "_VBA_PROJECT")) != SOURCE_ONLY_VBA_PROJECT:
            raise VbaProjectError("the template's _VBA_PROJECT is not the source-only version 0xFFFF")
        return cls(streams, compound.clsids, _parse_records(decompress(streams[("VBA", "dir")])))

    @property
    def project_name(self) -> str:
        """The VBA project's name (``dir`` PROJECTNAME record)."""
        return next(data.decode("cp1252") for rid, data in self.records if rid == _PROJECTNAME)

    def module_names(self) -> list[str]:
        """The module names in ``dir`` order."""
        return [data.decode("cp1252") for rid, data in self.records if rid == _MODULENAME]

    def source(self, module: str) -> str:
        """The VBA source text of ``module`` (CRLF line ends)."""
        offset = self._module_field(module, _MODULEOFFSET)
        stream = self.streams[("VBA", module)]
        return decompress(stream[struct.unpack("<I", offset)[0]:]).decode("cp1252")

    def set_source(self, module: str, text: str) -> None:
        """Replace the source of ``module``; it is stored source-only. Raises on non-cp1252 text."""
        self.streams[("VBA", module)] = compress(text.encode("cp1252"))
        self._set_module_field(module, _MODULEOFFSET, struct.pack("<I", 0))

    def rename_module(self, old: str, new: str) -> None:
        """Rename a module: its ``dir`` records, its stream, and the PROJECT/PROJECTwm streams."""
        self._set_module_field(old, _MODULESTREAMNAME, new.encode("cp1252"))
        self._set_module_field(old, _STREAMNAMEUNICODE, new.encode("utf-16-le"))
        self._set_module_field(old, _MODULENAMEUNICODE, new.encode("utf-16-le"))
        self._set_module_field(old, _MODULENAME, new.encode("cp1252"))
        self.streams[("VBA", new)] = self.streams.pop(("VBA", old))
        project = self.streams[("PROJECT",)].decode("cp1252")
        for prefix in ("Module=", "Document=", "Class=", "\r\n"):
            project = project.replace(f"{prefix}{old}\r\n", f"{prefix}{new}\r\n")
            project = project.replace(f"{prefix}{old}/", f"{prefix}{new}/")
        project = project.replace(f"\r\n{old}=", f"\r\n{new}=")
        self.streams[("PROJECT",)] = project.encode("cp1252")
        self._write_projectwm()

    def rename_project(self, new: str) -> None:
        """Set the project name (``dir`` PROJECTNAME and ``Name=`` in the PROJECT stream)."""
        old = self.project_name
        self.records = [(rid, new.encode("cp1252") if rid == _PROJECTNAME else data)
                        for rid, data in self.records]
        project = self.streams[("PROJECT",)].decode("cp1252")
        self.streams[("PROJECT",)] = project.replace(f'Name="{old}"', f'Name="{new}"').encode("cp1252")

    def to_bytes(self) -> bytes:
        """The edited vbaProject.bin."""
        streams = dict(self.streams)
        streams[("VBA", "dir")] = compress(_pack_records(self.records))
        return write_compound(streams, self.clsids)

    def _module_span(self, module: str) -> tuple[int, int]:
        encoded = module.encode("cp1252")
        for i, (rid, data) in enumerate(self.records):
            if rid == _MODULENAME and data == encoded:
                end = next(j for j in range(i, len(self.records))
                           if self.records[j][0] == _MODULETERMINATOR)
                return i, end
        raise VbaProjectError(f"no module named {module!r}")

    def _module_field(self, module: str, record_id: int) -> bytes:
        first, last = self._module_span(module)
        return next(data for rid, data in self.records[first:last] if rid == record_id)

    def _set_module_field(self, module: str, record_id: int, value: bytes) -> None:
        first, last = self._module_span(module)
        for i in range(first, last):
            if self.records[i][0] == record_id:
                self.records[i] = (record_id, value)

    def _write_projectwm(self) -> None:
        names = self.module_names()
        self.streams[("PROJECTwm",)] = b"".join(
            name.encode("cp1252") + b"\0" + name.encode("utf-16-le") + b"\0\0" for name in names
        ) + b"\0\0"


def _offset_bits(position: int) -> int:
    """Bits of a copy token's offset at ``position`` bytes into the chunk (at least 4)."""
    return max((position - 1).bit_length(), 4)


def _compress_chunk(chunk: bytes) -> bytes:
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    pos = 0
    while pos < len(chunk):
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= len(chunk):
                break
            length, offset = _longest_match(chunk, pos, seen)
            step = length if length >= 3 else 1
            if length >= 3:
                bits = _offset_bits(pos)
                out += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
                flags |= 1 << bit
            else:
                out.append(chunk[pos])
            for p in range(pos, pos + step):
                seen.setdefault(chunk[p:p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def _longest_match(chunk: bytes, pos: int, seen: dict[bytes, list[int]]) -> tuple[int, int]:
    """(length, offset) of the longest earlier match at ``pos`` (length 0 when none)."""
    best_length, best_offset = 0, 0
    limit = min((0xFFFF >> _offset_bits(pos)) + 3, len(chunk) - pos)
    for candidate in reversed(seen.get(chunk[pos:pos + 3], [])[-64:]):
        length = 0
        while length < limit and chunk[candidate + length] == chunk[pos + length]:
            length += 1
        if length > best_length:
            best_length, best_offset = length, pos - candidate
            if length == limit:
                break
    return best_length, best_offset


def _parse_records(data: bytes) -> list[tuple[int, bytes]]:
    """The ``dir`` stream as (id, payload) records, in order."""
    records = []
    pos = 0
    while pos < len(data):
        record_id, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if record_id == _PROJECTVERSION:  # its Size field says 4 but 6 bytes follow
            size = 6
        records.append((record_id, data[pos:pos + size]))
        pos += size
    return records


def _pack_records(records: list[tuple[int, bytes]]) -> bytes:
    return b"".join(
        struct.pack("<HI", rid, 4 if rid == _PROJECTVERSION else len(data)) + data
        for rid, data in records
    )
