"""Forms sent to 30 units of the Party sample, filled as units fill them (mistakes, a late file, a
hand-made seed-000 list, a duplicate, a conflict, files that are not lists), gathered by ``dvk gom``."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.workbook.sources import FileSource

from ..unit.gather.lists import fill_form, set_saved, sheet_rows, write_seed000_list

GOOD_DAY = dt.date(2024, 4, 2)


def model(n: int, code: str, **changes: object) -> dict[str, object]:
    """A correct registration row as a unit types it in its form."""
    values: dict[str, object] = {
        "name": f"Mô hình {n} của đơn vị {code}", "subject": "Tập thể", "performer": f"Chi đoàn {n}",
        "field": "Kinh tế", "place": "thành phố Yên Bái", "status": "Mới", "registered_on": GOOD_DAY,
    }
    values.update(changes)
    return values


@pytest.fixture(scope="module")
def gathered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Run the whole scenario once: forms out, files back, gom twice."""
    folder = tmp_path_factory.mktemp("gom")
    book = folder / "dang-uy-khoi.xlsx"
    book.write_bytes((Path(__file__).parents[2] / "samples" / "dang-uy-khoi.xlsx").read_bytes())
    workbook = openpyxl.load_workbook(book)
    workbook["Mô hình"].delete_rows(2, workbook["Mô hình"].max_row)  # registrations start empty
    workbook.save(book)
    units = FileSource(book).load().units
    codes = [u.code for u in units[:30]]
    outcome = CliRunner().invoke(cli, ["init-forms", str(book)])
    assert outcome.exit_code == 0, outcome.output
    forms = {f.name[:3]: f for f in (folder / "mau-dang-ky-don-vi").glob("*.xlsx")}
    received = folder / "don-vi-gui-ve"
    for code in codes[:26]:
        fill_form(forms[code], received / forms[code].name, [model(1, code), model(2, code)])
    fill_form(forms["027"], received / forms["027"].name, [
        model(1, "027"), model(2, "027", subject=None), model(3, "027", field="Thể thao"),
        model(4, "027", registered_on="31/02/2024")])
    fill_form(forms["028"], received / forms["028"].name,
              [model(1, "028"), model(2, "028", registered_on=dt.date(2024, 4, 18))],
              saved=dt.datetime(2024, 4, 20, 8, 0))
    fill_form(forms["030"], received / forms["030"].name, [model(1, "030"), model(2, "030")])
    fill_form(forms["030"], received / "lan-2" / "030 - bo sung.xlsx",
              [model(1, "030"), model(2, "030", field="Văn hóa - xã hội"), model(3, "030")])
    unit_029 = units[28].name
    write_seed000_list(received / "dang-bo-029" / "danh sach.xlsx", [
        unit_029.upper(), "DANH SÁCH", "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024"], [
        [1, "Phòng Thời sự", "Tiếng nói đồng bào vùng cao", "x", None, None, "x", "x", None, None],
        [2, "Nguyễn Thị Hoa", "Gương sáng phát thanh viên", None, "X", "X", None, None, None, "X"],
        [3, "Phòng Kỹ thuật", "Số hóa kho tư liệu", "x", "x", None, "x", None, "x", None],
        [None, None, "NGƯỜI LẬP BIỂU"],
    ])
    (received / "ghi-chu.txt").write_text("Các đơn vị gửi muộn sẽ bổ sung sau.", encoding="utf-8")
    (received / "hong.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(200)))
    other = openpyxl.Workbook()
    other.active.append(["Họ tên", "Số điện thoại"])
    other.save(received / "khac.xlsx")
    lock = received / f"~${forms['030'].name}"
    lock.write_bytes(b"\x00" * 165)
    for path in (received / "ghi-chu.txt", received / "hong.xlsx", received / "khac.xlsx", lock):
        set_saved(path, dt.datetime(2024, 4, 12))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in received.rglob("*") if p.is_file()}
    first = CliRunner().invoke(cli, ["gom", str(book)])
    merged = sheet_rows(book, "Mô hình")
    report = sheet_rows(book, "Tổng hợp đơn vị")
    again = find_command("gom").invoke(Session(source=FileSource(book)))
    return {"book": book, "first": first, "merged": merged, "report": report, "again": again,
            "before": before, "received": received, "units": units, "unit_029": unit_029,
            "forms": forms}


def test_the_cli_summarises_and_exits_1_because_rows_were_refused(gathered):
    result = gathered["first"]
    assert result.exit_code == 1, result.output
    last = result.output.strip().splitlines()[-1]
    assert last == (
        "Đã đọc 35 tệp, 31 danh sách, 66 dòng: đã gộp 61 mô hình mới vào sheet “Mô hình”; từ chối 3 "
        "dòng; trùng 1; mâu thuẫn 1; bỏ qua 4 tệp; gửi muộn 2; 14 đơn vị chưa gửi; "
        "17 đơn vị chưa đủ chỉ tiêu. Xem chi tiết ở sheet “Tổng hợp đơn vị”."
    )


def test_merged_rows_have_codes_values_and_provenance_row_by_row(gathered):
    header, *rows = gathered["merged"]
    column = {name: index for index, name in enumerate(header)}
    assert header[-1] == "Nguồn"
    assert len(rows) == 61
    assert [r[column["Mã mô hình"]] for r in rows] == [f"MH{n:04d}" for n in range(1, 62)]
    forms = gathered["forms"]
    expected = []
    for code in [f"{n:03d}" for n in range(1, 27)]:
        expected += [(code, f"Mô hình {n} của đơn vị {code}", forms[code].name, 8 + n) for n in (1, 2)]
    expected += [("027", f"Mô hình {n} của đơn vị 027", forms["027"].name, 8 + n) for n in (1, 2)]
    expected += [("028", f"Mô hình {n} của đơn vị 028", forms["028"].name, 8 + n) for n in (1, 2)]
    expected += [("030", f"Mô hình {n} của đơn vị 030", forms["030"].name, 8 + n) for n in (1, 2)]
    expected += [("029", "Tiếng nói đồng bào vùng cao", "dang-bo-029/danh sach.xlsx", 8),
                 ("029", "Gương sáng phát thanh viên", "dang-bo-029/danh sach.xlsx", 9),
                 ("030", "Mô hình 3 của đơn vị 030", "lan-2/030 - bo sung.xlsx", 11)]
    sheet = {"dang-bo-029/danh sach.xlsx": "Sheet1"}
    inferred = {"Mô hình 2 của đơn vị 027": "; Chủ thể “Tập thể” suy ra từ “Chi đoàn 2”"}
    assert [(r[column["Mã đơn vị"]], r[column["Tên mô hình"]], r[column["Nguồn"]]) for r in rows] == [
        (unit, name, f"{file}, sheet “{sheet.get(file, 'Đăng ký mô hình')}”, dòng {row}{inferred.get(name, '')}")
        for unit, name, file, row in expected
    ]
    first = rows[0]
    assert (first[column["Chủ thể"]], first[column["Tập thể/cá nhân thực hiện"]], first[column["Lĩnh vực"]],
            first[column["Mới/Duy trì"]], first[column["Ngày đăng ký"]].date()) == (
        "Tập thể", "Chi đoàn 1", "Kinh tế", "Mới", GOOD_DAY)
    hand_made = {r[column["Tên mô hình"]]: r for r in rows if r[column["Mã đơn vị"]] == "029"}
    marks = [(r[column["Tập thể/cá nhân thực hiện"]], r[column["Chủ thể"]], r[column["Mới/Duy trì"]],
              r[column["Lĩnh vực"]]) for r in hand_made.values()]
    assert marks == [("Phòng Thời sự", "Tập thể", "Mới", "Văn hóa - xã hội"),
                     ("Nguyễn Thị Hoa", "Cá nhân", "Duy trì", "Xây dựng Đảng và hệ thống chính trị")]


def test_report_lists_each_file_refusal_duplicate_conflict_and_late_file(gathered):
    header, *rows = gathered["report"]
    assert header == ["STT", "Loại", "Tệp", "Sheet", "Ô", "Mã đơn vị", "Mã mô hình", "Nội dung"]
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    entries = [tuple(r[1:7]) for r in rows]
    text = {tuple(r[1:7]): r[7] for r in rows}
    forms = gathered["forms"]
    f027, f028, f030 = forms["027"].name, forms["028"].name, forms["030"].name
    sheet = "Đăng ký mô hình"
    assert entries[:2] == [("Tệp", forms["001"].name, sheet, None, "001", None),
                           ("Tệp", forms["002"].name, sheet, None, "002", None)]
    assert text[("Tệp", forms["001"].name, sheet, None, "001", None)] == (
        "Đơn vị “Công đoàn Viên chức tỉnh” (001): 2 dòng; nhận mới 2; từ chối 0; trùng 0; mâu thuẫn 0.")
    start = entries.index(("Tệp", f027, sheet, None, "027", None))
    assert entries[start:start + 4] == [
        ("Tệp", f027, sheet, None, "027", None),
        ("Suy ra", f027, sheet, "D10", "027", "MH0054"),
        ("Từ chối", f027, sheet, "F11", "027", None),
        ("Từ chối", f027, sheet, "K12", "027", None),
    ]
    assert text[entries[start]] == ("Đơn vị “Chi bộ Ban Dân tộc tỉnh” (027): 4 dòng; nhận mới 2; "
                                    "từ chối 2; trùng 0; mâu thuẫn 0.")
    assert text[entries[start + 1]] == (
        "Ô “Chủ thể” để trống: mô hình “Mô hình 2 của đơn vị 027” được ghi “Tập thể” vì người thực hiện "
        "“Chi đoàn 2” bắt đầu bằng “Chi đoàn”. Kiểm tra lại cột “Chủ thể” trong sheet “Mô hình”.")
    assert text[entries[start + 2]].startswith("Lĩnh vực “Thể thao” không có trong danh sách (Kinh tế; ")
    assert "31/02/2024" in text[entries[start + 3]]
    start = entries.index(("Tệp", f028, sheet, None, "028", None))
    assert entries[start + 1:start + 3] == [("Gửi muộn", f028, None, None, None, None),
                                            ("Gửi muộn", f028, sheet, "K10", "028", "MH0056")]
    assert text[entries[start + 1]] == ("Tệp được lưu lần cuối ngày 20/04/2024, sau hạn đăng ký 15/04/2024. "
                                        "Các dòng vẫn được gộp; xem lại ngày đơn vị gửi.")
    assert text[entries[start + 2]].startswith("Mô hình “Mô hình 2 của đơn vị 028” đăng ký ngày 18/04/2024, "
                                               "sau hạn đăng ký 15/04/2024.")
    hand = "dang-bo-029/danh sach.xlsx"
    start = entries.index(("Tệp", hand, "Sheet1", None, "029", None))
    assert entries[start + 1] == ("Từ chối", hand, "Sheet1", "E10", "029", None)
    assert text[entries[start + 1]] == ("Dòng 10 đánh dấu cả “Tập thể” và “Cá nhân”; cột “Chủ thể” chỉ "
                                        "được chọn một. Xóa dấu thừa.")
    assert text[entries[start]].startswith(f"Đơn vị “{gathered['unit_029']}” (029): 3 dòng; nhận mới 2; từ chối 1;")
    second = "lan-2/030 - bo sung.xlsx"
    start = entries.index(("Tệp", second, sheet, None, "030", None))
    assert entries[start + 1:start + 3] == [("Trùng", second, sheet, "C9", "030", "MH0057"),
                                            ("Mâu thuẫn", second, sheet, "C10", "030", "MH0058")]
    assert text[entries[start + 1]] == (f"Mô hình “Mô hình 1 của đơn vị 030” trùng với {f030}, sheet "
                                        "“Đăng ký mô hình”, dòng 9; không thêm lần nữa.")
    assert text[entries[start + 2]] == (
        f"Mô hình “Mô hình 2 của đơn vị 030” đã có ở {f030}, sheet “Đăng ký mô hình”, dòng 10 với dữ "
        "liệu khác: Lĩnh vực: “Kinh tế” → “Văn hóa - xã hội”. Không ghi đè: sửa tay trong sheet Mô "
        "hình hoặc trong tệp của đơn vị.")
    skipped = {r[2]: r[7] for r in rows if r[1] == "Bỏ qua tệp"}
    assert list(skipped) == ["ghi-chu.txt", "hong.xlsx", "khac.xlsx", f"~${f030}"]
    assert skipped["ghi-chu.txt"].startswith("Tệp “ghi-chu.txt” không phải sổ Excel")
    assert skipped["hong.xlsx"].startswith("Sổ “hong.xlsx” bị hỏng, không đọc được.")
    assert skipped["khac.xlsx"] == (
        "Không có danh sách đăng ký: không sheet nào có dòng tiêu đề với cột “Tên mô hình” (trong 20 "
        "dòng đầu). Nếu đây là danh sách của đơn vị, dùng mẫu “Phát mẫu cho đơn vị”.")
    assert skipped[f"~${f030}"].startswith(f"Tệp khóa của Excel: sổ “{f030}” đang được mở.")


def test_report_lists_units_that_sent_nothing_and_units_below_target(gathered):
    _, *rows = gathered["report"]
    not_sent = [r[5] for r in rows if r[1] == "Chưa gửi"]
    assert not_sent == [f"{n:03d}" for n in range(31, 45)]
    below = {r[5]: r[7] for r in rows if r[1] == "Chưa đủ chỉ tiêu"}
    assert below["001"] == "Đơn vị “Công đoàn Viên chức tỉnh” có 2 mô hình, chỉ tiêu 5: còn thiếu 3."
    assert below["002"].endswith("có 2 mô hình, chỉ tiêu 8: còn thiếu 6.")
    assert "004" not in below  # Đảng bộ cơ sở: 2 of 2
    assert below["031"].endswith("có 0 mô hình, chỉ tiêu 1: còn thiếu 1.")
    assert [r[1] for r in rows[-len(not_sent) - len(below):]] == ["Chưa gửi"] * 14 + ["Chưa đủ chỉ tiêu"] * len(below)


def test_sources_are_untouched_and_a_second_run_adds_nothing(gathered):
    before = gathered["before"]
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before} == before
    again = gathered["again"]
    assert "đã gộp 0 mô hình mới" in again.message
    assert "trùng 1; mâu thuẫn 1" in again.message
    merged = sheet_rows(gathered["book"], "Mô hình")
    assert merged == gathered["merged"]
    first_file = next(line for line in again.details if line.startswith("[Tệp] 001"))
    assert first_file.endswith("2 dòng; nhận mới 0; từ chối 0; trùng 0; mâu thuẫn 0; đã gộp lần trước 2.")
