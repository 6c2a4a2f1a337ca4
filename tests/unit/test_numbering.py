"""The document-number register: series per profile, no gaps, no duplicates, crash recovery."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from dvk_docs import numbering
from dvk_docs.errors import DvkError
from dvk_docs.model import RegisteredDocument, Settings, SheetLayout, Workbook
from dvk_docs.numbering import NumberingRule, allocate, confirm, issued, pending, release

STATE = NumberingRule("nha-nuoc", "UBND", per_kind=False)
PARTY = NumberingRule("dang", "ĐUK", per_kind=True, term_start=dt.date(2020, 10, 15))
DAY = dt.date(2025, 3, 2)


def test_state_numbers_start_at_01_each_year_and_are_shared_across_kinds(tmp_path: Path) -> None:
    book = tmp_path / "so.xlsx"
    first = allocate(book, "QĐ", DAY, rule=STATE)
    second = allocate(book, "KH", DAY, rule=STATE)
    next_year = allocate(book, "QĐ", dt.date(2026, 1, 1), rule=STATE)
    assert (first.number, first.line) == (1, "Số: 01/QĐ-UBND")
    assert (second.number, second.line) == (2, "Số: 02/KH-UBND")
    assert (next_year.number, next_year.text) == (1, "01")


def test_party_numbers_run_per_kind_through_the_term(tmp_path: Path) -> None:
    book = tmp_path / "so.xlsx"
    a = allocate(book, "KH", dt.date(2021, 5, 1), rule=PARTY)
    b = allocate(book, "KH", dt.date(2024, 5, 1), rule=PARTY)
    c = allocate(book, "QĐ", dt.date(2024, 5, 1), rule=PARTY)
    assert [a.line, b.line, c.line] == ["Số 01-KH/ĐUK", "Số 02-KH/ĐUK", "Số 01-QĐ/ĐUK"]


def test_party_without_term_start_is_refused_in_vietnamese(tmp_path: Path) -> None:
    rule = NumberingRule("dang", "ĐUK", per_kind=True)
    with pytest.raises(DvkError, match="Ngày bắt đầu nhiệm kỳ"):
        allocate(tmp_path / "so.xlsx", "KH", DAY, rule=rule)
    with pytest.raises(DvkError, match="trước ngày bắt đầu nhiệm kỳ"):
        allocate(tmp_path / "so.xlsx", "KH", dt.date(2019, 1, 1), rule=PARTY)


def test_rule_from_settings_follows_profile_and_scope() -> None:
    party = numbering.numbering_rule(Settings({"profile": "Đảng", "issuing_abbr": "ĐUK",
                                               "term_start": dt.date(2020, 10, 1)}))
    state = numbering.numbering_rule(Settings({"profile": "Nhà nước", "issuing_abbr": "UBND"}))
    state_per_kind = numbering.numbering_rule(
        Settings({"profile": "Nhà nước", "numbering_scope": "Riêng từng loại"}))
    assert (party.profile, party.per_kind, party.term_start) == ("dang", True, dt.date(2020, 10, 1))
    assert (state.profile, state.per_kind) == ("nha-nuoc", False)
    assert state_per_kind.per_kind


def test_released_number_is_reused_first(tmp_path: Path) -> None:
    book = tmp_path / "so.xlsx"
    one = allocate(book, "QĐ", DAY, rule=STATE)
    two = allocate(book, "QĐ", DAY, rule=STATE)
    confirm(book, one, tmp_path / "1.docx")
    release(book, two)
    again = allocate(book, "QĐ", DAY, rule=STATE)
    assert again.number == 2
    confirm(book, again, tmp_path / "2.docx")
    assert [a.number for a in issued(book)] == [1, 2]
    assert pending(book) == []


def test_live_reservation_is_not_given_to_anyone_else(tmp_path: Path) -> None:
    book = tmp_path / "so.xlsx"
    held = allocate(book, "QĐ", DAY, rule=STATE)
    other = allocate(book, "QĐ", DAY, rule=STATE)
    assert other.number == held.number + 1
    assert [a.number for a in pending(book)] == [1, 2]


def test_torn_last_line_is_ignored_and_sealed(tmp_path: Path) -> None:
    book = tmp_path / "so.xlsx"
    confirm(book, allocate(book, "QĐ", DAY, rule=STATE))
    with numbering.register_path(book).open("ab") as journal:
        journal.write(b'{"event": "reserved", "series": "2025/*", "numb')
    after = allocate(book, "QĐ", DAY, rule=STATE)
    confirm(book, after)
    assert [a.number for a in issued(book)] == [1, 2]


def test_register_updates_add_rows_for_issued_numbers_not_in_the_sheet(tmp_path: Path) -> None:
    book_path = tmp_path / "so.xlsx"
    for _ in range(3):
        confirm(book_path, allocate(book_path, "QĐ", DAY, rule=STATE, summary="Công nhận"), "x.docx")
    book = Workbook(
        settings=Settings(),
        documents=(RegisteredDocument("01", "QĐ-UBND", DAY, "QĐ", row=2),),
        layouts={"documents": SheetLayout("Văn bản", 1, {"number": "A"})},
    )
    updates = numbering.register_updates(book, book_path)
    rows = {(u.row, u.field): u.value for u in updates}
    assert sorted({u.row for u in updates}) == [3, 4]
    assert (rows[(3, "number")], rows[(3, "symbol")], rows[(4, "number")]) == ("02", "QĐ-UBND", "03")
    assert rows[(3, "date")] == DAY and rows[(3, "file")] == "x.docx"


def test_unwritable_register_gives_vietnamese_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(numbering.OutputError, match="Không tạo được tệp khóa"):
        allocate(blocker / "so.xlsx", "QĐ", DAY, rule=STATE)


# --- concurrency and crashes ---------------------------------------------------------------------


def _allocate_many(book: str, count: int, out: str, start: object) -> None:
    start.wait(30)  # type: ignore[attr-defined]
    began = time.time()
    numbers = []
    for _ in range(count):
        taken = allocate(Path(book), "QĐ", DAY, rule=STATE)
        confirm(Path(book), taken)
        numbers.append(taken.number)
    Path(out).write_text(f"{began} {time.time()}\n" + " ".join(map(str, numbers)))


@pytest.mark.slow
def test_two_processes_allocating_500_each_get_1_to_1000_once(tmp_path: Path) -> None:
    book = tmp_path / "so.xlsx"
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_allocate_many,
                        args=(str(book), 500, str(tmp_path / f"{i}.txt"), start))
        for i in range(2)
    ]
    for worker in workers:
        worker.start()
    time.sleep(0.5)  # both interpreters up before the race starts
    start.set()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    times, got = [], []
    for i in range(2):
        span, numbers = (tmp_path / f"{i}.txt").read_text().split("\n")
        times.append([float(t) for t in span.split()])
        got.extend(int(n) for n in numbers.split())
    assert sorted(got) == list(range(1, 1001))
    assert sorted(a.number for a in issued(book)) == list(range(1, 1001))
    assert max(t[0] for t in times) < min(t[1] for t in times), "the two runs did not overlap"


def _allocate_then_hang(book: str, target: str, ready: str) -> None:
    for _ in range(3):
        confirm(Path(book), allocate(Path(book), "QĐ", DAY, rule=STATE))
    allocate(Path(book), "QĐ", DAY, rule=STATE, file=target)
    Path(ready).write_text("ok")
    time.sleep(60)


def _crash_after_allocation(tmp_path: Path, write_document: bool) -> Path:
    book = tmp_path / "so.xlsx"
    target, ready = tmp_path / "04.docx", tmp_path / "ready"
    child = multiprocessing.get_context("spawn").Process(
        target=_allocate_then_hang, args=(str(book), str(target), str(ready)))
    child.start()
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    if write_document:
        target.write_bytes(b"document written before the crash")
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    return book


@pytest.mark.slow
def test_number_of_a_process_killed_before_writing_is_reused(tmp_path: Path) -> None:
    book = _crash_after_allocation(tmp_path, write_document=False)
    assert pending(book) == []
    again = allocate(book, "QĐ", DAY, rule=STATE)
    confirm(book, again)
    assert again.number == 4
    assert [a.number for a in issued(book)] == [1, 2, 3, 4]


@pytest.mark.slow
def test_number_of_a_process_killed_after_writing_counts_as_issued(tmp_path: Path) -> None:
    book = _crash_after_allocation(tmp_path, write_document=True)
    after = allocate(book, "QĐ", DAY, rule=STATE)
    confirm(book, after)
    assert after.number == 5
    assert [a.number for a in issued(book)] == [1, 2, 3, 4, 5]
    assert issued(book)[3].file.endswith("04.docx")
