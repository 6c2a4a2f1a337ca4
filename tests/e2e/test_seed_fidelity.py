"""The seeds' documents, produced by ``dvk batch`` from samples/seed-NNN, say what the seeds say.

Each seed text (samples/seed-NNN/van-ban-goc.txt, a copy of shared/seeds/) is split into its
documents and forms; the produced .docx is split at its section breaks (the plan, then one section
per attached form). Text is read in reading order (paragraphs, then table cells row by row, each
cell once), NFC, and cut into words (runs of letters and digits: punctuation, dot leaders and
spacing are not words). difflib's SequenceMatcher ratio on the two word lists must reach 0.95.

Lines excluded on purpose (docs/seeds.md): the seed texts lack parts the official format requires
(the letterhead, number and date lines, the "(Kèm theo …)" line of appendices), and seed 003 has a
copy mark "(Đã ký)". Those lines are listed below and removed before comparing.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
THRESHOLD = 0.95

SEEDS = {  #: seed -> (markers starting each part of the seed text, part names)
    "000": (("LIÊN ĐOÀN LAO ĐỘNG HUYỆN (TP), CÔNG ĐOÀN NGÀNH.....",),
            ("Hướng dẫn", "Danh sách đăng ký (mẫu)")),
    "003": (("TÊN ĐƠN VỊ……………………………", "BIỂU CHẤM ĐIỂM MÔ HÌNH", "TÊN ĐƠN VỊ………………………………"),
            ("Kế hoạch", "Phụ lục 1", "Biểu chấm điểm", "Phụ lục 4")),
    "004": ((), ("Kế hoạch",)),
}
LETTERHEADS = {  #: produced lines the seed text does not have (header of the official format)
    "000": (r"TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", r"LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH BÌNH",
            r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", r"Độc lập - Tự do - Hạnh phúc"),
    "003": (r"ĐẢNG BỘ TỈNH YÊN BÁI", r"ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
            r"ĐẢNG CỘNG SẢN VIỆT NAM", r"Số\s+-KH/ĐUK", r"Yên Bái, ngày\s+tháng\s+năm 2024"),
    "004": (r"LĐLĐ THÀNH PHỐ HỒ CHÍ MINH", r"LIÊN ĐOÀN LAO ĐỘNG QUẬN 1",
            r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", r"Độc lập - Tự do - Hạnh phúc", r"Số:\s+/KH-LĐLĐ",
            r"Quận 1, ngày\s+tháng\s+năm 2018"),
}
PRODUCED_EXCLUDED = {  #: further produced lines per part: the appendix note, the form's unit line
    ("000", 1): (r"\(Kèm theo Hướng dẫn số .*\)",),
    ("003", 1): (r"\(Kèm theo Kế hoạch số .*\)",),
    ("003", 2): (r"\(Kèm theo Kế hoạch số .*\)", r"TÊN ĐƠN VỊ…+"),
    ("003", 3): (r"\(Kèm theo Kế hoạch số .*\)",),
}
SEED_EXCLUDED = {"003": ("(Đã ký)",)}  #: seed lines that are not part of the document


def words(lines: list[str]) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", " ".join(lines)))


def seed_parts(seed: str) -> list[list[str]]:
    """The seed text as lines, cut before each marker; markdown emphasis removed."""
    markers, _ = SEEDS[seed]
    text = (ROOT / "samples" / f"seed-{seed}" / "van-ban-goc.txt").read_text(encoding="utf-8")
    lines = [re.sub(r"\*+", "", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line and line not in SEED_EXCLUDED.get(seed, ())]
    parts, current = [], []
    pending = list(markers)
    for line in lines:
        if pending and line == pending[0]:
            parts.append(current)
            current = []
            pending.pop(0)
        current.append(line)
    return [*parts, current]


def docx_parts(path: Path) -> list[list[str]]:
    """The document's lines in reading order, one list per section."""
    parts: list[list[str]] = [[]]
    for element in docx.Document(str(path)).element.body.iterchildren():
        if element.tag == qn("w:p"):
            parts[-1].append(_text(element))
            if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                parts.append([])
        elif element.tag == qn("w:tbl"):
            parts[-1] += _table_lines(element)
    return [part for part in parts if any(line.strip() for line in part)]


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.iterchildren(qn("w:tr")):
        for cell in row.iterchildren(qn("w:tc")):
            for child in cell.iterchildren():
                if child.tag == qn("w:p"):
                    lines.append(_text(child))
                elif child.tag == qn("w:tbl"):
                    lines += _table_lines(child)
    return lines


def _text(paragraph) -> str:
    pieces = []
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        pieces.append(node.text or "" if node.tag == qn("w:t") else " ")
    return "".join(pieces).strip()


def _without(lines: list[str], patterns: tuple[str, ...]) -> list[str]:
    return [line for line in lines if not any(re.fullmatch(p, line) for p in patterns)]


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, Path]:
    """Run ``dvk batch`` on a copy of each seed folder; the produced .docx of each seed."""
    out = tmp_path_factory.mktemp("seeds")
    files = {}
    for seed in SEEDS:
        folder = out / f"seed-{seed}"
        shutil.copytree(ROOT / "samples" / f"seed-{seed}", folder)
        subprocess.run([str(Path(sys.executable).parent / "dvk"), "batch", str(folder / "so-theo-doi.xlsx"),
                        "--out", str(folder / "out")], check=True, capture_output=True)
        (files[seed],) = (folder / "out").rglob("*.docx")
    return files


@pytest.mark.parametrize("seed", list(SEEDS))
def test_produced_documents_say_what_the_seed_says(seed, produced):
    expected = seed_parts(seed)
    actual = docx_parts(produced[seed])
    names = SEEDS[seed][1]
    assert len(actual) == len(expected) == len(names)
    failures = []
    for index, (name, want, got) in enumerate(zip(names, expected, actual, strict=True)):
        got = _without(got, LETTERHEADS[seed] + PRODUCED_EXCLUDED.get((seed, index), ()))
        seed_words, our_words = words(want), words(got)
        ratio = difflib.SequenceMatcher(None, seed_words, our_words, autojunk=False).ratio()
        print(f"seed {seed} – {name}: {ratio:.3f} ({len(seed_words)} words in the seed, "
              f"{len(our_words)} produced)")
        if ratio < THRESHOLD:
            failures.append(f"{name}: {ratio:.3f}")
    assert not failures
