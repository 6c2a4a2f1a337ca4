"""A picture the workbook names (signature, seal, logo) that is missing or no picture: ``dvk
validate`` (the reader's finding) and ``dvk render`` (the document data) say the same sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import DocumentDataError
from dvk_docs.model import Workbook
from dvk_docs.workbook.sources import FileSource

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """The Party sample with its pictures beside it: “anh/chu-ky.png” in Người ký F3 (the default
    signer), “anh/bieu-trung.png” as Cấu hình's logo."""
    shutil.copytree(SAMPLES / "anh", tmp_path / "anh")
    return Path(shutil.copy(SAMPLES / "dang-uy-khoi.xlsx", tmp_path / "so.xlsx"))


def _render_error(book: Workbook, kind: str) -> str:
    with pytest.raises(DocumentDataError) as caught:
        KINDS[kind].build(book, RenderOptions(profile_of(book)))
    return str(caught.value)


def _validate_error(path: Path) -> str:
    [finding] = [f for f in FileSource(path).load().problems if f.severity == "error"]
    return f"Sheet “{finding.sheet}”, ô {finding.cell}: {finding.message}"


def test_render_and_validate_say_the_same_about_a_picture_gone_after_reading(book_path):
    book = FileSource(book_path).load()  # read while every picture is there
    assert not [f for f in book.problems if f.severity == "error"]
    (book_path.parent / "anh" / "chu-ky.png").unlink()
    said = (f"Sheet “Người ký”, ô F3: Không tìm thấy ảnh “anh/chu-ky.png” (tìm trong thư mục {book_path.parent}). "
            "Chép tệp ảnh (PNG) vào thư mục của sổ rồi ghi đường dẫn tính từ thư mục đó (ví dụ chu-ky/ten.png), "
            "hoặc xóa ô này nếu văn bản không cần ảnh.")
    assert _render_error(book, "quyet-dinh-cong-nhan") == said == _validate_error(book_path)


def test_render_and_validate_say_the_same_about_a_logo_that_is_no_picture(book_path):
    book = FileSource(book_path).load()
    (book_path.parent / "anh" / "bieu-trung.png").write_bytes(WEBP)
    said = _validate_error(book_path)
    assert said.startswith("Sheet “Cấu hình”, ô B") and ": Ảnh “anh/bieu-trung.png” không dùng được: tệp " \
        "“bieu-trung.png” là ảnh WEBP (thường tải từ trang web), không phải ảnh Word chèn được" in said
    assert _render_error(book, "giay-chung-nhan") == said


def test_a_missing_picture_named_by_absolute_path_names_no_folder(book_path, tmp_path):
    gone = tmp_path / "khong-co" / "chu-ky.png"
    workbook = openpyxl.load_workbook(book_path)
    workbook["Người ký"]["F3"] = str(gone)
    workbook.save(book_path)
    said = _validate_error(book_path)
    assert said == (f"Sheet “Người ký”, ô F3: Không tìm thấy ảnh “{gone}”. Chép tệp ảnh (PNG) vào thư mục của "
                    "sổ rồi ghi đường dẫn tính từ thư mục đó (ví dụ chu-ky/ten.png), hoặc xóa ô này nếu văn bản "
                    "không cần ảnh.")
    assert _render_error(FileSource(book_path).load(), "quyet-dinh-cong-nhan") == said
