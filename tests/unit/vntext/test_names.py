"""Vietnamese alphabetical order and name sorting, checked against ICU's ``vi`` collator."""

from __future__ import annotations

import random
import unicodedata

import pytest

from dvk_docs.vntext import collation_key, name_sort_key, sort_names

from .names_data import generated_names


def test_the_research_example_order() -> None:
    expected = [
        "Trần Bình An",
        "Nguyễn Thị An",
        "Lê Văn An",
        "Vũ Đức Anh",
        "Nguyễn Ngọc Anh",
        "Hoàng Thị Hồng Anh",
        "Phạm Thị Ánh",
        "Đỗ Văn Ân",
        "Đặng Thị Bích",
        "Nguyễn Văn Bình",
    ]
    assert sort_names(reversed(expected)) == expected


@pytest.mark.parametrize(
    "ordered",
    [
        ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hàm"],
        ["An", "Anh", "Ánh", "Ăn", "Ân", "Ấn"],
        ["Ca", "Chi", "Cúc", "Cường"],
        ["Nga", "Ngọc", "Nhung", "Nụ"],
        ["Da", "Dz", "Đa", "Ea"],
        ["u", "ủ", "ú", "ư", "ừ", "v"],
        ["Thi", "Thị", "Thi Hà", "Thị Hồng", "Thịnh"],
        ["hoà", "hòa"],
        ["an", "An", "àn"],
    ],
)
def test_collation_order(ordered: list[str]) -> None:
    assert sorted(reversed(ordered), key=collation_key) == ordered


def test_nfc_and_nfd_sort_the_same_and_lookalikes_count_as_dd() -> None:
    name = "Nguyễn Thị Thuỷ"
    assert name_sort_key(unicodedata.normalize("NFD", name)) == name_sort_key(name)
    assert name_sort_key("\u00d0ỗ  Văn\u00a0An ") == name_sort_key("Đỗ Văn An")


def test_case_only_breaks_ties() -> None:
    assert sort_names(["NGUYỄN VĂN BÌNH", "lê văn an"]) == ["lê văn an", "NGUYỄN VĂN BÌNH"]


def test_sort_names_with_a_key_keeps_equal_names_in_their_order() -> None:
    people = [("Lê Văn An", 1990), ("Trần Bình Anh", 1980), ("Lê Văn An", 1985)]
    assert sort_names(people, key=lambda person: person[0]) == [people[0], people[2], people[1]]


def test_one_word_and_empty_names() -> None:
    assert sort_names(["Páo", "Lò Văn Páo", "", "An"]) == ["", "An", "Páo", "Lò Văn Páo"]


def test_name_order_matches_icu_on_generated_names() -> None:
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale("vi"))
    names = generated_names(random.Random(20250105), 3000, nfd_share=0.1)

    def icu_key(name: str) -> tuple[bytes, bytes, bytes]:
        words = name.split()
        family = words[0] if len(words) > 1 else ""
        return tuple(
            collator.getSortKey(part) for part in (words[-1], " ".join(words[1:-1]), family)
        )

    assert sort_names(names) == sorted(names, key=icu_key)


def test_collation_key_matches_icu_on_random_letter_strings() -> None:
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale("vi"))
    rng = random.Random(7)
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    vowels = "aăâeêioôơuưy"
    words = []
    for _ in range(3000):
        word = ""
        for _ in range(rng.randint(1, 4)):
            char = rng.choice(letters + letters.upper() + " ")
            if char.lower() in vowels:
                char += rng.choice(["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"])
            word += char
        words.append(unicodedata.normalize(rng.choice(["NFC", "NFD"]), word))
    assert sorted(words, key=collation_key) == sorted(words, key=collator.getSortKey)
