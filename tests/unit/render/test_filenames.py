"""File names from the clerk's pattern: readable Vietnamese, safe on Windows, unique, inside the folder."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvk_docs.errors import OutputError, TemplateError
from dvk_docs.render.filenames import RESERVED_NAMES, file_names, safe_stem

PATTERN = "{stt:03d} - {don_vi} - {ten}"


def test_pattern_with_number_unit_and_name():
    records = [{"don_vi": "Chi bộ 1", "ten": "Dân vận khéo"}, {"don_vi": "Đoàn TN", "ten": "Thắp sáng"}]
    assert file_names(PATTERN, records) == [
        "001 - Chi bộ 1 - Dân vận khéo.docx",
        "002 - Đoàn TN - Thắp sáng.docx",
    ]


def test_an_empty_field_leaves_no_dangling_separator():
    assert file_names(PATTERN, [{"don_vi": "", "ten": "Kế hoạch"}]) == ["001 - Kế hoạch.docx"]


def test_forbidden_characters_become_readable():
    records = [{"don_vi": "Phòng KH/TC", "ten": 'Mô hình "Sạch: đẹp" <2025>?*|'}]
    assert file_names(PATTERN, records) == ["001 - Phòng KH-TC - Mô hình 'Sạch- đẹp' (2025)-.docx"]


def test_duplicates_get_numbered_without_regard_to_case():
    records = [{"ten": "Mô hình A"}, {"ten": "MÔ HÌNH A"}, {"ten": "Mô hình A"}]
    assert file_names("{ten}", records, taken=["mô hình a.docx"]) == [
        "Mô hình A (2).docx", "MÔ HÌNH A (3).docx", "Mô hình A (4).docx",
    ]


@pytest.mark.parametrize("name", ["CON", "con.txt", "Lpt1", "NUL ", "COM9.tar"])
def test_reserved_device_names_are_avoided(name):
    stem = safe_stem(name)
    assert stem.split(".")[0].upper().strip() not in RESERVED_NAMES


def test_dots_slashes_and_empty_values_cannot_leave_the_folder():
    records = [{"ten": ".."}, {"ten": "../../Windows/system32"}, {"ten": "   "}]
    assert file_names("{ten}", records) == ["001.docx", "..-..-Windows-system32.docx", "003.docx"]


def test_decomposed_text_comes_out_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hương")
    assert file_names("{ten}", [{"ten": decomposed}]) == ["Nguyễn Thị Hương.docx"]


def test_long_names_are_cut_to_the_limit_and_the_folder_budget(tmp_path):
    records = [{"ten": "Mô hình " * 40}] * 2
    names = file_names("{ten}", records)
    assert all(len(n) <= 120 for n in names) and names[1].endswith(" (2).docx")
    deep = Path("C:/") / ("thư mục rất sâu " * 13)
    for name in file_names("{ten}", records, folder=deep):
        assert len(str(deep / name)) <= 250


def test_too_deep_a_folder_is_an_output_error():
    with pytest.raises(OutputError, match="quá sâu"):
        file_names("{ten}", [{"ten": "a"}], folder=Path("/" + "x" * 240))


def test_unknown_field_names_the_fields_available():
    with pytest.raises(TemplateError, match=r"dùng trường 'ten_mo_hinh'.*\n.*don_vi, stt"):
        file_names("{ten_mo_hinh}", [{"don_vi": "A"}])


@pytest.mark.parametrize("pattern", ["{ten", "{ten.__class__}", "{}"])
def test_malformed_or_unsafe_patterns_are_refused(pattern):
    with pytest.raises(TemplateError, match="Mẫu tên tệp"):
        file_names(pattern, [{"ten": "a"}])


def test_a_format_that_does_not_fit_the_value_is_explained():
    with pytest.raises(TemplateError, match="văn bản thứ 1"):
        file_names("{ten:03d}", [{"ten": "abc"}])


@given(st.lists(st.text(min_size=0, max_size=200), min_size=1, max_size=5))
def test_any_text_gives_safe_unique_names_inside_the_folder(texts):
    folder = Path("/kết quả")
    names = file_names("{ten}", [{"ten": t} for t in texts], folder=folder)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert not set(name) & set('\\/:*?"<>|') and all(ord(c) >= 32 and c != "\x7f" for c in name)
        assert name == unicodedata.normalize("NFC", name) and len(name) <= 120
        stem = name[: -len(".docx")]
        assert stem and stem == stem.rstrip(". ") and stem.split(".")[0].upper().strip() not in RESERVED_NAMES
        assert (folder / name).parent == folder


def test_a_long_name_is_cut_at_a_word_and_keeps_its_quotes_balanced():
    title = ("Biểu chấm điểm mô hình “Đối thoại trực tiếp giữa người đứng đầu và người lao động tại "
             "xã Mồ Dề, huyện Mù Cang Chải”")
    [name] = file_names("{stt:03d} - {ten}", [{"ten": title}], max_length=100)
    assert name == ("001 - Biểu chấm điểm mô hình “Đối thoại trực tiếp giữa người đứng đầu và người "
                    "lao động tại xã”.docx")
    assert len(name) <= 100


def test_a_cut_never_ends_on_a_separator_or_a_dangling_opener():
    [name] = file_names("{ten}", [{"ten": "Tuyên truyền - “" + "loa " * 40}], max_length=20)
    assert name == "Tuyên truyền.docx"
    [name] = file_names("{ten}", [{"ten": "Mô hình (Dân vận khéo) năm 2025 " * 5}], max_length=35)
    assert name == "Mô hình (Dân vận khéo) năm.docx"
    [name] = file_names("{ten}", [{"ten": "Mô hình (Dân vận khéo tại cơ sở) năm"}], max_length=30)
    assert name == "Mô hình (Dân vận khéo).docx"


def test_dot_leaders_of_a_blank_form_are_not_part_of_a_name():
    records = [{"don_vi": "TÊN ĐƠN VỊ……………………………", "ten": "Mẫu biểu để đơn vị điền"},
               {"don_vi": "……………", "ten": "Danh sách ......"}]
    assert file_names("{stt:03d} - {don_vi} - {ten}", records) == [
        "001 - TÊN ĐƠN VỊ - Mẫu biểu để đơn vị điền.docx", "002 - Danh sách.docx"]
