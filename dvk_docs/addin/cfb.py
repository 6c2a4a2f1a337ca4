"""A small reader and writer for Compound File Binary files (MS-CFB), the container of vbaProject.bin.

Only what the add-in builder needs: read every storage and stream of a version-3 file (512-byte
sectors), and write such a file back deterministically (zero timestamps, fixed sector layout).
Neither olefile (reader only, same-size writes) nor a young writer package is needed at run time.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  #: the first eight bytes of every compound file
SECTOR = 512  #: sector size of a version-3 file
MINI_SECTOR = 64  #: mini stream sector size
MINI_CUTOFF = 4096  #: streams smaller than this live in the mini stream
FREE, END, FAT_MARK = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD  #: special FAT values
NO_ENTRY = 0xFFFFFFFF  #: "no sibling / no child" in a directory entry (NOSTREAM)
ENTRY_SIZE = 128  #: bytes of one directory entry (MS-CFB 2.6.1)
_STORAGE, _STREAM, _ROOT = 1, 2, 5

Path = tuple[str, ...]  #: storage/stream names from the root, e.g. ("VBA", "dir")


class CompoundFileError(ValueError):
    """The bytes are not a compound file this reader understands."""


@dataclass(frozen=True)
class CompoundFile:
    """The content of a compound file: streams by path, and the CLSIDs of storages (root = ())."""

    streams: Mapping[Path, bytes]
    clsids: Mapping[Path, bytes]


def read_compound(data: bytes) -> CompoundFile:
    """Read every stream of ``data``.

    Raises CompoundFileError for a wrong signature or an unsupported sector size.
    """
    if data[:8] != SIGNATURE:
        raise CompoundFileError("not a compound file (wrong signature)")
    (sector_shift,) = struct.unpack_from("<H", data, 0x1E)
    if 1 << sector_shift != SECTOR:
        raise CompoundFileError(f"unsupported sector size {1 << sector_shift}")
    first_dir, _, cutoff, first_minifat, _, first_difat = struct.unpack_from("<6I", data, 0x30)[:6]
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    sector = _sector_reader(data)
    while first_difat not in (END, FREE):
        values = struct.unpack("<128I", sector(first_difat))
        fat_sectors.extend(values[:127])
        first_difat = values[127]
    fat = [v for s in fat_sectors if s != FREE for v in struct.unpack("<128I", sector(s))]

    def chain(start: int) -> bytes:
        parts = []
        while start not in (END, FREE):
            parts.append(sector(start))
            start = fat[start]
        return b"".join(parts)

    directory = chain(first_dir)
    entries = [_parse_entry(directory, i) for i in range(len(directory) // ENTRY_SIZE)]
    minifat = struct.unpack(f"<{len(raw) // 4}I", raw) if (raw := chain(first_minifat)) else ()
    ministream = chain(entries[0]["start"])

    def mini_chain(start: int, size: int) -> bytes:
        parts = []
        while start not in (END, FREE):
            parts.append(ministream[start * MINI_SECTOR:(start + 1) * MINI_SECTOR])
            start = minifat[start]
        return b"".join(parts)[:size]

    streams: dict[Path, bytes] = {}
    clsids: dict[Path, bytes] = {(): entries[0]["clsid"]}

    def walk(index: int, parent: Path) -> None:
        if index == NO_ENTRY:
            return
        entry = entries[index]
        walk(entry["left"], parent)
        path = (*parent, entry["name"])
        if entry["type"] == _STREAM:
            size = entry["size"]
            read = mini_chain if size < cutoff else (lambda start, n: chain(start)[:n])
            streams[path] = read(entry["start"], size)
        elif entry["type"] == _STORAGE:
            clsids[path] = entry["clsid"]
            walk(entry["child"], path)
        walk(entry["right"], parent)

    walk(entries[0]["child"], ())
    return CompoundFile(streams, clsids)


def write_compound(streams: Mapping[Path, bytes], clsids: Mapping[Path, bytes] | None = None) -> bytes:
    """A version-3 compound file holding ``streams``; storages are implied by the paths.

    The output depends only on the arguments (no timestamps), so the same input gives the same
    bytes. ``clsids`` optionally gives the 16-byte CLSID of the root (``()``) or of a storage.
    """
    clsids = clsids or {}
    storages = sorted({path[:i] for path in streams for i in range(1, len(path))}, key=len)
    nodes: list[Path] = [(), *storages, *streams]
    children: dict[Path, list[Path]] = {node: [] for node in nodes if node not in streams}
    for node in nodes[1:]:
        children[node[:-1]].append(node)
    order = [()]  # directory order: root, then each storage's children in tree-key order
    for node in order:
        if node in children:
            order.extend(sorted(children[node], key=lambda p: _tree_key(p[-1])))
    index = {node: i for i, node in enumerate(order)}

    small = {p: d for p, d in streams.items() if len(d) < MINI_CUTOFF}
    ministream, mini_start, minifat = _mini_layout(order, small)
    sectors: list[bytes] = []
    fat: list[int] = []
    starts: dict[Path, int] = {}
    for path in order:
        if path in streams and path not in small and streams[path]:
            starts[path] = _append_chain(sectors, fat, streams[path])
    root_start = _append_chain(sectors, fat, ministream) if ministream else END
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    first_minifat = _append_chain(sectors, fat, minifat_bytes) if minifat else END
    minifat_count = -(-len(minifat_bytes) // SECTOR)

    links = _tree_links(order, children, index)
    directory = b"".join(
        _pack_entry(path, path in streams, links[path], clsids.get(path, bytes(16)),
                    root_start if path == () else starts.get(path, mini_start.get(path, END)),
                    len(ministream) if path == () else len(streams.get(path, b"")))
        for path in order
    )
    directory += _EMPTY_ENTRY * (-len(order) % (SECTOR // ENTRY_SIZE))
    first_dir = _append_chain(sectors, fat, directory)

    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    if fat_count > 109:
        raise CompoundFileError("file too large for this writer (more than 109 FAT sectors)")
    fat_positions = list(range(len(sectors), len(sectors) + fat_count))
    fat = fat + [FAT_MARK] * fat_count
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(fat_bytes[i:i + SECTOR] for i in range(0, len(fat_bytes), SECTOR))

    header = SIGNATURE + bytes(16) + struct.pack(
        "<HHHHH6xIIIIIIIII", 0x003E, 3, 0xFFFE, 9, 6, 0, fat_count, first_dir, 0, MINI_CUTOFF,
        first_minifat, minifat_count, END, 0,
    )
    header += struct.pack("<109I", *(fat_positions + [FREE] * (109 - fat_count)))
    return header + b"".join(sectors)


#: an unused directory entry (MS-CFB 2.6.3): all zero but its sibling and child ids, NOSTREAM
_EMPTY_ENTRY = bytes(64) + struct.pack("<HBB3I", 0, 0, 0, NO_ENTRY, NO_ENTRY, NO_ENTRY) + bytes(48)


def _sector_reader(data: bytes):
    def sector(number: int) -> bytes:
        offset = (number + 1) * SECTOR
        return data[offset:offset + SECTOR]

    return sector


def _parse_entry(directory: bytes, i: int) -> dict:
    raw = directory[i * ENTRY_SIZE:(i + 1) * ENTRY_SIZE]
    name_len, kind, _color, left, right, child = struct.unpack_from("<HBB3I", raw, 64)
    start, size = struct.unpack_from("<IQ", raw, 116)
    name = raw[:max(name_len - 2, 0)].decode("utf-16-le")
    return {"name": name, "type": kind, "left": left, "right": right, "child": child,
            "clsid": raw[80:96], "start": start, "size": size & 0xFFFFFFFF}


def _tree_key(name: str) -> tuple[int, str]:
    """MS-CFB sibling order: shorter names first, then by upper-cased characters."""
    return len(name), name.upper()


def _tree_links(order: list[Path], children: dict[Path, list[Path]],
                index: dict[Path, int]) -> dict[Path, tuple[int, int, int, int]]:
    """(left, right, child, colour) per entry: a balanced red-black tree of each storage's children.

    Built from the sorted children by taking the middle as the root; every level except the last
    is full, so colouring the last level red (when it is not full) keeps the red-black rules.
    """
    siblings: dict[Path, tuple[int, int, int]] = {(): (NO_ENTRY, NO_ENTRY, 1)}
    child: dict[Path, int] = {}
    for parent in order:
        kids = sorted(children.get(parent, []), key=lambda p: _tree_key(p[-1]))
        depth_of: dict[Path, int] = {}
        sides: dict[Path, tuple[int, int]] = {}
        child[parent] = _balanced(kids, 0, index, depth_of, sides)
        deepest = max(depth_of.values(), default=0)
        full = len(kids) == (1 << (deepest + 1)) - 1
        for node in kids:
            red = depth_of[node] == deepest and not full
            siblings[node] = (*sides[node], 0 if red else 1)
    return {node: (left, right, child.get(node, NO_ENTRY), colour)
            for node, (left, right, colour) in siblings.items()}


def _balanced(items: list[Path], depth: int, index: dict[Path, int], depth_of: dict[Path, int],
              sides: dict[Path, tuple[int, int]]) -> int:
    """Root of a balanced binary tree over sorted ``items``, filling ``depth_of`` and ``sides``."""
    if not items:
        return NO_ENTRY
    middle = len(items) // 2
    depth_of[items[middle]] = depth
    sides[items[middle]] = (_balanced(items[:middle], depth + 1, index, depth_of, sides),
                            _balanced(items[middle + 1:], depth + 1, index, depth_of, sides))
    return index[items[middle]]


def _pack_entry(path: Path, is_stream: bool, link: tuple[int, int, int, int], clsid: bytes,
                start: int, size: int) -> bytes:
    name = "Root Entry" if path == () else path[-1]
    encoded = name.encode("utf-16-le")
    kind = _ROOT if path == () else (_STREAM if is_stream else _STORAGE)
    left, right, child, colour = link
    if is_stream and size == 0:
        start = END
    elif not is_stream and path != ():
        start = 0
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded) + 2, kind, colour, left,
            right, child) + (bytes(16) if is_stream else clsid) + bytes(20) + struct.pack("<IQ", start, size))


def _append_chain(sectors: list[bytes], fat: list[int], payload: bytes) -> int:
    """Append ``payload`` as a FAT chain of sectors; return its first sector number."""
    first = len(sectors)
    count = -(-len(payload) // SECTOR)
    for i in range(count):
        sectors.append(payload[i * SECTOR:(i + 1) * SECTOR].ljust(SECTOR, b"\0"))
        fat.append(first + i + 1 if i < count - 1 else END)
    return first


def _mini_layout(order: list[Path], small: Mapping[Path, bytes]) -> tuple[bytes, dict[Path, int], list[int]]:
    """Pack the small streams into the mini stream: (ministream, first mini sector, mini FAT)."""
    ministream = bytearray()
    starts: dict[Path, int] = {}
    minifat: list[int] = []
    for path in order:
        data = small.get(path)
        if not data:
            continue
        first = len(minifat)
        count = -(-len(data) // MINI_SECTOR)
        minifat.extend(first + i + 1 if i < count - 1 else END for i in range(count))
        ministream += data.ljust(count * MINI_SECTOR, b"\0")
        starts[path] = first
    minifat += [FREE] * (-len(minifat) % (SECTOR // 4))
    return bytes(ministream), starts, minifat
