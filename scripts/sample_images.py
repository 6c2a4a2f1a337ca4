"""The sample books' signature, seal and logo pictures, drawn as PNG with zlib and struct (no Pillow).

NĐ 30 Phụ lục I II.7.d and II.8.a: the signature image is blue on a transparent background; the
seal image is red, the seal's actual size, on a transparent background. The drawings are fixed
(no randomness): the same bytes on every run.

The logo is a neutral mark drawn here (a rosette in a ring), never a real body's emblem.

    python scripts/sample_images.py OUT_DIR     (writes chu-ky.png, con-dau.png, bieu-trung.png)
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

SIGNATURE_INK = (18, 52, 168)  #: blue ink
SEAL_INK = (206, 22, 36)  #: red seal ink
SIGNATURE_SIZE = (600, 300)  #: pixels (35 mm wide when printed: about 435 dpi)
SEAL_SIZE = 420  #: pixels across (36 mm when printed: about 300 dpi)
LOGO_INK = (156, 28, 28)  #: dark red, the certificate frame's colour
LOGO_SIZE = 300  #: pixels across (24 mm when printed: about 320 dpi)
Point = tuple[float, float]


class Canvas:
    """A transparent RGBA picture in one colour; strokes set the coverage (alpha) of pixels."""

    def __init__(self, width: int, height: int, colour: tuple[int, int, int]) -> None:
        self.width, self.height, self.colour = width, height, colour
        self.alpha = bytearray(width * height)

    def dot(self, x: float, y: float, radius: float) -> None:
        """A filled disc with a soft (anti-aliased) edge."""
        for row in range(max(int(y - radius - 1), 0), min(int(y + radius + 2), self.height)):
            for column in range(max(int(x - radius - 1), 0), min(int(x + radius + 2), self.width)):
                distance = math.hypot(column + 0.5 - x, row + 0.5 - y)
                coverage = min(max(radius + 0.5 - distance, 0.0), 1.0)
                index = row * self.width + column
                self.alpha[index] = max(self.alpha[index], int(coverage * 255))

    def stroke(self, points: Sequence[Point], width: float | Sequence[float]) -> None:
        """A line through ``points``, ``width`` pixels wide (one value, or one per point)."""
        widths = [width] * len(points) if isinstance(width, (int, float)) else list(width)
        for (x0, y0), (x1, y1), w0, w1 in zip(points, points[1:], widths, widths[1:], strict=False):
            steps = max(int(math.hypot(x1 - x0, y1 - y0) * 2), 1)
            for step in range(steps):
                f = step / steps
                self.dot(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, (w0 + (w1 - w0) * f) / 2)

    def ring(self, cx: float, cy: float, radius: float, width: float) -> None:
        """A circle line centred on (cx, cy)."""
        inner, outer = radius - width / 2, radius + width / 2
        for row in range(max(int(cy - outer - 1), 0), min(int(cy + outer + 2), self.height)):
            for column in range(max(int(cx - outer - 1), 0), min(int(cx + outer + 2), self.width)):
                distance = math.hypot(column + 0.5 - cx, row + 0.5 - cy)
                coverage = min(max(min(distance - inner, outer - distance) + 0.5, 0.0), 1.0)
                index = row * self.width + column
                self.alpha[index] = max(self.alpha[index], int(coverage * 255))

    def polygon(self, corners: Sequence[Point]) -> None:
        """A filled polygon (even-odd rule, 4 samples a pixel for the edge)."""
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        for row in range(max(int(min(ys)), 0), min(int(max(ys)) + 2, self.height)):
            for column in range(max(int(min(xs)), 0), min(int(max(xs)) + 2, self.width)):
                hits = sum(_inside(corners, column + dx, row + dy)
                           for dx, dy in ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)))
                if hits:
                    index = row * self.width + column
                    self.alpha[index] = max(self.alpha[index], hits * 255 // 4)

    def png(self) -> bytes:
        """The picture as PNG bytes (RGBA, 8 bits, no interlace)."""
        red, green, blue = self.colour
        rows = bytearray()
        for row in range(self.height):
            rows.append(0)  # filter: none
            for alpha in self.alpha[row * self.width:(row + 1) * self.width]:
                rows += bytes((red, green, blue, alpha)) if alpha else b"\0\0\0\0"
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 6, 0, 0, 0)
        return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header),
                         _chunk(b"IDAT", zlib.compress(bytes(rows), 9)), _chunk(b"IEND", b"")))


def signature_png() -> bytes:
    """A handwritten-looking signature: looped letters and an underline flourish, blue."""
    width, height = SIGNATURE_SIZE
    canvas = Canvas(width, height, SIGNATURE_INK)
    letters = [(60 + 380 * t + 34 * math.sin(2 * math.pi * 6 * t),
                150 - 70 * math.cos(2 * math.pi * 6 * t) * (1.5 - t) * (1 + 0.3 * math.sin(9 * t)) - 40 * t)
               for t in _steps(600)]
    canvas.stroke(letters, [9 + 3 * math.sin(7 * i / len(letters)) for i in range(len(letters))])
    flourish = [(520 - 470 * t, 228 - 40 * t + 26 * math.sin(math.pi * t)) for t in _steps(200)]
    canvas.stroke(flourish, [3 + 8 * math.sin(math.pi * i / len(flourish)) for i in range(len(flourish))])
    canvas.stroke([(470 + 30 * math.cos(a), 110 + 60 * math.sin(a)) for a in _angles(0.6, 5.4)], 8)
    return canvas.png()


def seal_png() -> bytes:
    """A round seal: two rings, a band of letter-like marks, a five-pointed star; red."""
    size = SEAL_SIZE
    centre = size / 2
    canvas = Canvas(size, size, SEAL_INK)
    canvas.ring(centre, centre, centre - 8, 12)
    canvas.ring(centre, centre, centre * 0.66, 4)
    for index in range(40):  # the seal's lettering: short strokes along the band
        angle = 2 * math.pi * index / 40
        if abs(math.cos(angle / 2)) < 0.12:  # a gap at the bottom, as between a seal's two texts
            continue
        inner, outer = centre * 0.74, centre * 0.86
        canvas.stroke([(centre + inner * math.sin(angle), centre - inner * math.cos(angle)),
                       (centre + outer * math.sin(angle + 0.05), centre - outer * math.cos(angle + 0.05))], 7)
    canvas.polygon(_star(centre, centre, centre * 0.42))
    return canvas.png()


def logo_png() -> bytes:
    """A neutral logo: a ring, twelve petals round a small disc; dark red."""
    size = LOGO_SIZE
    centre = size / 2
    canvas = Canvas(size, size, LOGO_INK)
    canvas.ring(centre, centre, centre - 8, 10)
    canvas.ring(centre, centre, centre - 26, 3)
    for index in range(12):
        angle = 2 * math.pi * index / 12
        tip, side = centre * 0.72, centre * 0.2
        canvas.polygon([
            (centre + side * math.sin(angle - 0.5), centre - side * math.cos(angle - 0.5)),
            (centre + tip * math.sin(angle), centre - tip * math.cos(angle)),
            (centre + side * math.sin(angle + 0.5), centre - side * math.cos(angle + 0.5)),
            (centre, centre),
        ])
    canvas.dot(centre, centre, centre * 0.12)
    return canvas.png()


def write_images(folder: Path) -> list[Path]:
    """Write ``chu-ky.png``, ``con-dau.png`` and ``bieu-trung.png`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (("chu-ky.png", signature_png()), ("con-dau.png", seal_png()),
                       ("bieu-trung.png", logo_png())):
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _steps(count: int) -> Iterable[float]:
    return (i / (count - 1) for i in range(count))


def _angles(start: float, end: float) -> list[float]:
    return [start + (end - start) * t for t in _steps(120)]


def _star(cx: float, cy: float, radius: float) -> list[Point]:
    corners = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.38
        angle = math.pi * index / 5
        corners.append((cx + r * math.sin(angle), cy - r * math.cos(angle)))
    return corners


def _inside(corners: Sequence[Point], x: float, y: float) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(corners, [*corners[1:], corners[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


if __name__ == "__main__":
    for path in write_images(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(f"  {path}")
