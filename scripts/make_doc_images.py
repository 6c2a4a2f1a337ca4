"""Redraw the page-1 pictures in docs/img/ from the bundled samples (LibreOffice + pdftoppm).

    python scripts/make_doc_images.py

Each kind is rendered from the Party sample; the decision also from the State and trade-union
samples (one picture per profile); Giấy khen and the receipt list with prize money from the State
sample (its decision awards them), the blank-printing calibration page with its mode. Only page 1
of the first document of each kind is drawn.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_docs.commands import find_command  # noqa: E402
from dvk_docs.commands.registry import Session  # noqa: E402
from dvk_docs.documents import KINDS  # noqa: E402
from dvk_docs.render.pdf import convert_to_pdf  # noqa: E402
from dvk_docs.workbook.sources import FileSource  # noqa: E402

IMAGES = ROOT / "docs" / "img"  #: where the pictures go
PARTY, STATE, UNION = "dang-uy-khoi.xlsx", "ubnd-huyen.xlsx", "ldld-tinh.xlsx"  #: the samples
PICTURES = {  #: picture name -> (sample, kind, render options)
    **{kind: (PARTY, kind, {}) for kind in KINDS},
    "quyet-dinh-dang": (PARTY, "quyet-dinh-cong-nhan", {}),
    "quyet-dinh-nha-nuoc": (STATE, "quyet-dinh-cong-nhan", {}),
    "quyet-dinh-cong-doan": (UNION, "quyet-dinh-cong-nhan", {}),
    "giay-khen": (STATE, "giay-chung-nhan", {"mode": "giay-khen"}),
    "phoi-can-chinh": (PARTY, "phoi-giay-chung-nhan", {"mode": "can-chinh"}),
    "danh-sach-nhan-thuong": (STATE, "danh-sach-nhan-thuong", {}),  # awards prize money
}



def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dvk-img-") as scratch:
        work = Path(scratch)
        shutil.copytree(ROOT / "samples" / "anh", work / "anh")
        firsts = {name: _first_document(work, name, sample, kind, options)
                  for name, (sample, kind, options) in PICTURES.items()}
        pdfs = convert_to_pdf(list(firsts.values()), work / "pdf")
        for name, pdf in zip(firsts, pdfs, strict=True):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            str(pdf), str(IMAGES / name)], check=True)
            print(IMAGES / f"{name}.png")


def _first_document(work: Path, name: str, sample: str, kind: str, options: dict) -> Path:
    book = work / name / sample
    book.parent.mkdir()
    shutil.copyfile(ROOT / "samples" / sample, book)
    shutil.copytree(work / "anh", book.parent / "anh")
    session = Session(source=FileSource(book))
    outcome = find_command("render").invoke(session, kind=kind, out=book.parent / "out", **options)
    first = sorted(p for p in outcome.files if p.suffix == ".docx")[0]
    return first.rename(work / f"{name}.docx")


if __name__ == "__main__":
    main()
