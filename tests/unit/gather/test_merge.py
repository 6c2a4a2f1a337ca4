"""Merging rows: same model = unit + name + performer; duplicates, conflicts, codes, reruns."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dvk_docs.gather.checks import Candidate, Origin
from dvk_docs.gather.merge import CodeAllocator, merge_rows
from dvk_docs.model import Model

from ..workbook.legacy_text import to_tcvn3


def row(name: str, file: str = "a.xlsx", number: int = 9, **values: object) -> Candidate:
    model = Model(values.pop("code", ""), values.pop("unit_code", "001"), name, "Tập thể", "Chi đoàn",
                  field=str(values.pop("field", "Kinh tế")), status="Mới",
                  registered_on=dt.date(2024, 4, 2), row=number)
    return Candidate(model, Origin(file, "Đăng ký mô hình", number), f"C{number}", "")


def test_new_rows_get_the_next_codes_of_the_workbook_style_and_their_source():
    existing = [Model("DV-07", "001", "Cũ", "Tập thể", row=2), Model("DV-12", "002", "Cũ 2", "Tập thể", row=3)]
    merge = merge_rows(existing, [row("Một"), row("Hai", number=10)])
    assert [(m.code, m.source) for m in merge.added] == [
        ("DV-13", "a.xlsx, sheet “Đăng ký mô hình”, dòng 9"),
        ("DV-14", "a.xlsx, sheet “Đăng ký mô hình”, dòng 10"),
    ]
    assert merge.entries == []


def test_a_unit_code_already_taken_is_replaced_and_reported():
    existing = [Model("MH0001", "002", "Khác", "Tập thể", row=2)]
    merge = merge_rows(existing, [row("Một", code="MH0001"), row("Hai", code="MH0100", number=10)])
    assert [m.code for m in merge.added] == ["MH0002", "MH0100"]
    [entry] = merge.entries
    assert (entry.kind, entry.model) == ("Cảnh báo", "MH0002")
    assert entry.message == "Mã mô hình “MH0001” đã dùng cho mô hình khác nên mô hình “Một” được cấp mã mới “MH0002”."


def test_duplicates_conflicts_and_rows_gathered_before():
    earlier = Model("MH0001", "001", "Một", "Tập thể", "Chi đoàn", field="Kinh tế", status="Mới",
                    registered_on=dt.date(2024, 4, 2), source="a.xlsx, sheet “Đăng ký mô hình”, dòng 9", row=2)
    merge = merge_rows([earlier], [
        row("MỘT  ", file="a.xlsx"),  # same file, same data (case and spaces aside): gathered before
        row("Một", file="b.xlsx"),  # another file, same data: duplicate
        row("Một", file="c.xlsx", field="Văn hóa - xã hội"),  # same model, other data: conflict
    ])
    assert merge.added == []
    assert merge.known_per_file["a.xlsx"] == 1
    assert [(e.kind, e.file, e.model) for e in merge.entries] == [("Trùng", "b.xlsx", "MH0001"),
                                                                  ("Mâu thuẫn", "c.xlsx", "MH0001")]
    assert "Lĩnh vực: “Kinh tế” → “Văn hóa - xã hội”" in merge.entries[1].message
    assert "sheet “Mô hình” dòng 2 (nguồn: a.xlsx" in merge.entries[1].message


def test_code_allocator_defaults_and_skips_used_codes():
    codes = CodeAllocator(["MH0002"])
    assert [codes.new(), codes.new()] == ["MH0003", "MH0004"]
    assert CodeAllocator([]).new() == "MH0001"


def test_a_model_stored_in_tcvn3_is_the_same_model_as_its_unicode_row():
    earlier = Model("MH0001", "001", to_tcvn3("Giữ gìn vệ sinh môi trường"), "Tập thể", to_tcvn3("Chi đoàn"),
                    field="Kinh tế", status="Mới", registered_on=dt.date(2024, 4, 2),
                    source="a.xlsx, sheet “Đăng ký mô hình”, dòng 9", row=2)
    merge = merge_rows([earlier], [row("Giữ gìn  vệ sinh môi trường", file="a.xlsx"),
                                   row("GIỮ GÌN VỆ SINH MÔI TRƯỜNG", file="b.xlsx")])
    assert merge.added == []
    assert merge.known_per_file["a.xlsx"] == 1
    assert [(e.kind, e.file, e.model) for e in merge.entries] == [("Trùng", "b.xlsx", "MH0001")]


def test_values_the_row_leaves_empty_or_an_inferred_subject_are_no_conflict():
    earlier = Model("MH0001", "001", "Một", "Cá nhân", "Chi đoàn", field="Kinh tế", status="Mới",
                    registered_on=dt.date(2024, 4, 2), source="a.xlsx, sheet “Đăng ký mô hình”, dòng 9", row=2)
    inferred = replace(row("Một", field=""), inferred="Chủ thể “Tập thể” suy ra từ “Chi đoàn”")
    merge = merge_rows([earlier], [inferred])
    assert (merge.added, merge.entries, merge.known_per_file["a.xlsx"]) == ([], [], 1)
    merge = merge_rows([], [inferred])
    assert merge.added[0].source == ("a.xlsx, sheet “Đăng ký mô hình”, dòng 9; Chủ thể “Tập thể” suy ra từ "
                                     "“Chi đoàn”")
