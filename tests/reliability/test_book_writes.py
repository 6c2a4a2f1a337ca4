"""Writing into a clerk's workbook is safe: one lock for every writer, file facts kept, read-only
refused, a failing disk leaves the book and its backups valid, leftovers of killed runs removed,
and an issued number's document is never replaced by another number's."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dvk_docs import numbering
from dvk_docs.cli import cli
from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.safety import is_temporary
from dvk_docs.workbook import safe_save
from dvk_docs.workbook.safe_save import BACKUP_DIR, book_lock, list_backups
from dvk_docs.workbook.sources import FileSource

from ..unit.gather.lists import fill_form
from .memory import PEAK_MB

SAMPLE = "ubnd-huyen.xlsx"
ROUNDS = 20  #: rounds of score ‖ render --cap-so ‖ gom
DECISION = "quyet-dinh-cong-nhan"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(copy_sample) -> Path:
    return copy_sample(SAMPLE)


# -- one lock: score ‖ render --cap-so ‖ gom ---------------------------------------------------------


def _unit_returns(book: Path, rounds: int) -> list[str]:
    """One unit's filled form per round in ``gui-ve/<round>``; the model names they send."""
    units = [u.code for u in FileSource(book).load().units][:rounds]
    forms = book.parent / "mau"
    find_command("init-forms").invoke(Session(source=FileSource(book)), out=forms)
    names = []
    for number, code in enumerate(units, start=1):
        form = next(p for p in forms.iterdir() if p.name.startswith(f"{code} - "))
        name = f"Mô hình gửi về vòng {number:02d}"
        fill_form(form, book.parent / "gui-ve" / str(number) / form.name,
                  [{"name": name, "subject": "Tập thể", "field": "Kinh tế", "status": "Mới"}])
        names.append(name)
    return names


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="three processes on one POSIX lock")
def test_score_cap_so_and_gom_at_once_lose_nothing(book):
    names = _unit_returns(book, ROUNDS)
    writers = [subprocess.Popen([sys.executable, "-m", "tests.reliability.concurrent_writer", command,
                                 str(book), str(ROUNDS)], stderr=subprocess.PIPE, text=True)
               for command in ("score", "cap-so", "gom")]
    errors = [w.communicate(timeout=600)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0], errors

    issued = numbering.issued(book)
    assert [a.number for a in issued] == list(range(1, ROUNDS + 1))
    files = [Path(a.file) for a in issued]
    assert len(set(files)) == ROUNDS and all(f.is_file() for f in files)
    sheets = openpyxl.load_workbook(book)
    rows = [r for r in sheets["Văn bản"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[0] for r in rows] == [f"{n:02d}" for n in range(1, ROUNDS + 1)]  # every number, once
    assert [book.parent / r[6] for r in rows] == files  # each row names its own file on disk
    models = [r[2] for r in sheets["Mô hình"].iter_rows(min_row=2, values_only=True)]
    assert [n for n in names if n in models] == names  # every gathered model, once
    assert len(models) == len(set(models))
    total = [c.value for c in sheets["Chấm điểm"][1]].index("Tổng điểm")
    totals = [r[total] for r in sheets["Chấm điểm"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert all(t is not None for t in totals)  # score's results, not lost to a later writer
    assert run("validate", book).exit_code == 0
    backups = list_backups(book)
    assert len(backups) == safe_save.KEEP_BACKUPS and all(safe_save.is_valid_zip(b, full=True) for b in backups)


def test_a_second_writer_waits_then_gets_a_clear_message(book, monkeypatch):
    monkeypatch.setattr(safe_save, "LOCK_TIMEOUT", 0.3)
    before = digest(book)
    held, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with book_lock(book.resolve()):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=other_writer)
    thread.start()
    held.wait(5)
    try:
        result = run("score", book)
    finally:
        release.set()
        thread.join()
    assert result.exit_code == 3
    assert result.output == (
        f"Lỗi: Sổ “{book.name}” đang được một lệnh dvk khác ghi vào (tệp khóa “ubnd-huyen.dvk.lock”).\n"
        "Đợi lệnh kia chạy xong rồi chạy lại.\n")
    assert digest(book) == before
    assert run("score", book).exit_code == 0  # the lock is free again


# -- file facts -----------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and symlinks")
def test_symlinked_book_is_written_through_and_keeps_its_mode_and_owner(book, tmp_path):
    target = tmp_path / "chung" / "so-that.xlsx"
    target.parent.mkdir()
    shutil.move(book, target)
    book.symlink_to(target)
    os.chmod(target, 0o664)
    os.chown(target, 1234, 5678)
    result = run("score", book)
    assert result.exit_code == 0, result.output
    assert book.is_symlink() and book.resolve() == target  # the link is still a link
    facts = target.stat()
    assert (stat.S_IMODE(facts.st_mode), facts.st_uid, facts.st_gid) == (0o664, 1234, 5678)
    scores = openpyxl.load_workbook(target)["Chấm điểm"]
    result = [c.value for c in scores[1]].index("Kết quả")
    assert scores.cell(2, result + 1).value in ("Đạt", "Không đạt")
    assert list_backups(target)  # the backup sits beside the real file


def test_read_only_book_is_refused_not_overwritten(book):
    os.chmod(book, 0o444)
    before = digest(book)
    result = run("score", book)
    assert result.exit_code == 4
    assert result.output == (
        f"Lỗi: Sổ “{book.name}” chỉ cho đọc (read-only) nên không ghi vào.\n"
        "Bỏ thuộc tính chỉ đọc của tệp (Thuộc tính > Chỉ đọc) hoặc chép sổ ra tệp khác rồi chạy lại.\n")
    assert digest(book) == before and stat.S_IMODE(book.stat().st_mode) == 0o444
    assert not (book.parent / BACKUP_DIR).exists()


# -- a failing disk -------------------------------------------------------------------------------

FOLDER_MESSAGES = {
    "ENOSPC": "ổ đĩa đã đầy",
    "EROFS": "ổ đĩa chỉ cho đọc",
}


@pytest.mark.parametrize(("code", "when"), [("ENOSPC", "backup"), ("ENOSPC", "book"),
                                            ("EROFS", "backup"), ("EACCES", "book")])
def test_a_failing_disk_leaves_book_and_backups_valid(book, code, when):
    assert run("score", book).exit_code == 0  # one good backup to keep
    before, backups = digest(book), list_backups(book)
    budget = 0 if when == "backup" else book.stat().st_size + 10_000  # fails inside the new book
    result = subprocess.run([sys.executable, "-m", "tests.reliability.full_disk", code, str(budget),
                             "score", str(book)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 4, result.stderr
    folder = book.parent / BACKUP_DIR if when == "backup" else book.parent
    if code == "EACCES":
        reason = f"Không ghi được “{book.name}”: tệp đang mở trong chương trình khác (Word, Excel…) hoặc chỉ cho đọc."
    else:
        reason = f"Không ghi được vào thư mục “{folder}”: {FOLDER_MESSAGES[code]}."
    assert result.stderr.startswith(f"Lỗi: {reason} Sổ “{book.name}” vẫn giữ nguyên như trước.\n"), result.stderr
    assert "Traceback" not in result.stderr
    assert digest(book) == before
    assert list_backups(book)[:len(backups)] == backups
    assert all(safe_save.is_valid_zip(b, full=True) for b in list_backups(book))
    assert not [p for p in book.parent.rglob("*") if is_temporary(p)]
    assert run("validate", book).exit_code in (0, 1) and run("score", book).exit_code == 0


def test_leftovers_of_killed_runs_are_removed_and_a_broken_backup_never_counts(book):
    old_style = book.parent / ".ubnd-huyen.k3j9x_2a.xlsx"  # what the openpyxl-era writer left
    dead = book.parent / ".~dvk-999999999-0a1b2c3d-ubnd-huyen.xlsx.tmp"
    folder = book.parent / BACKUP_DIR
    folder.mkdir()
    dead_backup = folder / ".~dvk-999999999-0a1b2c3d-ubnd-huyen.bak-20250101-000000.xlsx.tmp"
    truncated = folder / "ubnd-huyen.bak-20250101-000000.xlsx"
    for path in (old_style, dead, dead_backup):
        path.write_bytes(b"PK\x03\x04 cut")
    truncated.write_bytes(book.read_bytes()[:5000])
    an_hour_ago = time.time() - 3600
    os.utime(old_style, (an_hour_ago, an_hour_ago))

    assert run("score", book).exit_code == 0
    assert not any(p.exists() for p in (old_style, dead, dead_backup, truncated))
    [kept] = list_backups(book)
    assert safe_save.is_valid_zip(kept, full=True)


def test_backups_are_kept_ten_and_each_is_a_valid_copy(book):
    for _ in range(safe_save.KEEP_BACKUPS + 2):
        assert run("score", book).exit_code == 0
    backups = list_backups(book)
    assert len(backups) == safe_save.KEEP_BACKUPS
    assert all(safe_save.is_valid_zip(b, full=True) for b in backups)


# -- numbers never overwrite ----------------------------------------------------------------------


def test_cap_so_twice_into_one_folder_keeps_both_documents(book, tmp_path):
    out = tmp_path / "ket-qua"
    first = run("render", DECISION, book, "--out", out, "--cap-so", "--ngay", "05/03/2025")
    second = run("render", DECISION, book, "--out", out, "--cap-so", "--ngay", "05/03/2025")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    files = sorted(out.rglob("*.docx"))
    assert [f.name[:22] for f in files] == ["Số 01 ngày 05-03-2025 ", "Số 02 ngày 05-03-2025 "]
    issued = numbering.issued(book)
    assert [Path(a.file) for a in issued] == files
    rows = [r for r in openpyxl.load_workbook(book)["Văn bản"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [(r[0], book.parent / r[6]) for r in rows] == [("01", files[0]), ("02", files[1])]


# -- a book of a million empty formatted rows ---------------------------------------------------------

_MEASURED = (
    "import json, sys, time\n"
    "from dvk_docs.cli import main\n"
    "start = time.perf_counter()\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit as end:\n"
    "    code = end.code\n"
    "print(json.dumps({'seconds': time.perf_counter() - start, 'code': code,\n"
    f"                  'mb': {PEAK_MB}}}))\n"
)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/status")
def test_bloated_book_is_scored_and_gathered_in_little_memory(tmp_path):
    import json

    from .bad_inputs import make_base
    from .test_reader_xml import MODELS_PART, bloated

    base = make_base(tmp_path / "base.xlsx")
    book = bloated(base, tmp_path / "so.xlsx")
    forms = tmp_path / "mau"
    code = FileSource(base).load().units[0].code
    find_command("init-forms").invoke(Session(source=FileSource(base)), out=forms, don_vi=code)
    [form] = forms.iterdir()
    fill_form(form, tmp_path / "don-vi-gui-ve" / form.name,
              [{"name": "Mô hình gửi về sau cùng", "subject": "Tập thể", "field": "Kinh tế", "status": "Mới"}])
    measured = {}
    for command in ("score", "gom"):
        result = subprocess.run([sys.executable, "-c", _MEASURED, command, str(book)], capture_output=True,
                                text=True, timeout=600)
        measured[command] = json.loads(result.stdout.splitlines()[-1])
        assert measured[command]["code"] == 0, result.stderr
    assert all(m["mb"] < 400 for m in measured.values()), measured  # MemoryError after 6½ min before
    assert all(m["seconds"] < 120 for m in measured.values()), measured  # ≈ 6 s and 20 s on a quiet machine
    with zipfile.ZipFile(book) as archive:
        assert archive.getinfo(MODELS_PART).file_size > 30_000_000  # the formatting is kept
    models = [m.name for m in FileSource(book).load().models]
    assert models[-1] == "Mô hình gửi về sau cùng"


def test_a_number_that_restarts_never_replaces_the_issued_document(book, tmp_path):
    """The clerk switches Cấu hình “Đánh số văn bản” to one series per kind mid-year: the decision
    series starts again at 01, whose file (same date) is already an issued document: refused."""
    from dvk_docs.model import CellUpdate

    out = tmp_path / "ket-qua"
    assert run("render", DECISION, book, "--out", out, "--cap-so", "--ngay", "05/03/2025").exit_code == 0
    [issued_file] = out.rglob("*.docx")
    before = digest(issued_file)
    FileSource(book).write([CellUpdate("settings", None, "numbering_scope", "Riêng từng loại")])

    again = run("render", DECISION, book, "--out", out, "--cap-so", "--ngay", "05/03/2025")
    assert again.exit_code == 4
    assert again.output.startswith(
        f"Lỗi: Tệp “{issued_file.name}” là văn bản đã cấp Số: 01/QĐ-UBND ngày 05/03/2025; không ghi đè "
        "văn bản đã cấp số. Chưa cấp số mới nào.\n"), again.output
    assert digest(issued_file) == before and list(out.rglob("*.docx")) == [issued_file]
    assert [a.number for a in numbering.issued(book)] == [1] and numbering.pending(book) == []
