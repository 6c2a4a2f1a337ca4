"""Which unit sent a list: code label, name label, title line, file or folder name."""

from __future__ import annotations

from pathlib import PurePosixPath

from dvk_docs.gather.units import NO_CLUE, UnitClue, find_unit
from dvk_docs.model import Unit

UNITS = (Unit("004", "Đảng bộ Sở Y tế"), Unit("027", "Chi bộ Ban Dân tộc tỉnh"),
         Unit("028", "Chi bộ Báo Yên Bái"))


def clue(code: str = "", name: str = "", titles: tuple[str, ...] = (), path: str = "x.xlsx") -> UnitClue:
    return UnitClue(code, name, titles, PurePosixPath(path))


def test_clues_in_order_of_strength():
    assert find_unit(UNITS, clue(code="027", name="Đảng bộ Sở Y tế"))[0] == UNITS[1]
    assert find_unit(UNITS, clue(name="đảng bộ sở y tế"))[0] == UNITS[0]
    assert find_unit(UNITS, clue(titles=("ĐẢNG BỘ KHỐI", "CHI BỘ BÁO YÊN BÁI")))[0] == UNITS[2]
    assert find_unit(UNITS, clue(path="027 - danh sach.xlsx"))[0] == UNITS[1]
    assert find_unit(UNITS, clue(path="Chi bo/Chi bộ Báo Yên Bái/dang ky.xlsx"))[0] == UNITS[2]


def test_unknown_code_and_no_clue_say_what_to_do():
    unit, why = find_unit(UNITS, clue(code="099"))
    assert unit is None
    assert why.startswith("Mã đơn vị “099” ghi ở đầu danh sách không có trong sheet “Đơn vị”.")
    assert find_unit(UNITS, clue(path="danh sach.xlsx")) == (None, NO_CLUE)
