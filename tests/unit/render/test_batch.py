"""A batch is all or nothing: every failure listed at once, no file written; else every file."""

from __future__ import annotations

import multiprocessing
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document

from dvk_docs.errors import OutputError, TemplateError
from dvk_docs.render import batch as batch_module
from dvk_docs.render.batch import render_batch
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.filenames import file_names

from .batch_samples import build_decision, decision_record, environment


@pytest.fixture
def spec(tmp_path):
    return CompiledTemplate.load(build_decision(tmp_path / "t.docx"), environment).spec


def records(count):
    return [decision_record(i, members=2) for i in range(count)]


def test_every_record_gets_its_file_and_progress_is_reported(tmp_path, spec):
    contexts = records(5)
    names = file_names("{stt:02d} - {ten_don_vi}", contexts)
    seen = []
    result = render_batch(spec, contexts, tmp_path / "out", names=names, print_name="in chung.docx",
                          progress=lambda done, total, what: seen.append((done, total, what)))
    assert [p.name for p in result.files] == [f"{k:02d} - Chi bộ số {k}.docx" for k in range(1, 6)]
    assert result.print_file == tmp_path / "out" / "in chung.docx"
    assert sorted(os.listdir(tmp_path / "out")) == sorted([*names, "in chung.docx"])  # no staging left
    assert Document(result.files[2]).sections[0].header.paragraphs[1].text == "QĐ số 102"
    assert (5, 5, "Đang lập văn bản") in seen and seen[-1] == (6, 6, "Xong")
    assert result.fallbacks == []


def test_failures_are_listed_together_and_nothing_is_written(tmp_path, spec):
    contexts = records(6)
    del contexts[1]["nguoi_ky"]
    contexts[4]["members"] = [{"ho_ten": "A"}]  # no ghi_chu
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        render_batch(spec, contexts, out, names=file_names("{stt}", contexts), print_name="in.docx",
                     labels=[f"QĐ {c['so_qd']}" for c in contexts])
    assert caught.value.message == (
        "Không lập được 2 văn bản, chưa ghi tệp nào:\n"
        "- văn bản thứ 2 (QĐ 101): mẫu dùng biến “nguoi_ky” nhưng dữ liệu không có\n"
        "- văn bản thứ 5 (QĐ 104): mẫu dùng biến “ghi_chu” nhưng dữ liệu không có"
    )
    assert not out.exists()  # the output folder it would have created is not left behind


def test_a_file_that_cannot_be_replaced_leaves_the_old_outputs(tmp_path, spec, monkeypatch):
    """Word holding "3.docx" open on Windows: os.replace onto it fails (simulated here)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "1.docx").write_bytes(b"old 1")
    (out / "3.docx").write_bytes(b"old 3")
    real_replace = os.replace

    def refuse_third(source, target):
        if str(target).endswith(os.sep + "3.docx") and str(source).endswith("batch.tmp" + os.sep + "3.docx"):
            raise PermissionError(13, "file is open", str(target))
        real_replace(source, target)

    monkeypatch.setattr(batch_module.os, "replace", refuse_third)
    contexts = records(3)
    with pytest.raises(OutputError, match="“3.docx”.*Chưa tệp nào được thay"):
        render_batch(spec, contexts, out, names=["1.docx", "2.docx", "3.docx"])
    assert sorted(os.listdir(out)) == ["1.docx", "3.docx"]
    assert (out / "1.docx").read_bytes() == b"old 1"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_worker_processes_give_the_same_files(tmp_path, spec, monkeypatch, method):
    """Forked workers inherit the compiled template, spawned ones (Windows) compile it again; they
    write each record's file themselves (the main process renders the first share too unless it
    makes the print file, from the parts they send back). Failures of both are listed."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    monkeypatch.setattr(batch_module, "_start_method", lambda: method)
    monkeypatch.setattr(batch_module, f"{method.upper()}_THRESHOLD", 4)
    contexts = records(8)
    del contexts[1]["nguoi_ky"], contexts[6]["nguoi_ky"]
    with pytest.raises(TemplateError, match="2 văn bản.*\n- văn bản thứ 2: .*\n- văn bản thứ 7: mẫu dùng biến “nguoi_ky”"):
        render_batch(spec, contexts, tmp_path / "failed", names=file_names("{stt}", contexts), workers=2)
    assert not (tmp_path / "failed").exists()
    contexts = records(9)
    names = file_names("{stt}", contexts)
    serial = render_batch(spec, contexts, tmp_path / "serial", names=names, print_name="in.docx", workers=1)
    for print_name in (None, "in.docx"):
        parallel = render_batch(spec, contexts, tmp_path / f"{print_name}", names=names, print_name=print_name,
                                workers=2)
        assert [p.name for p in parallel.files] == names
        for one, other in zip(parallel.files, serial.files, strict=True):
            assert members(one) == members(other)
        if print_name:
            assert members(parallel.print_file) == members(serial.print_file)
        else:
            assert parallel.print_file is None


def members(package: Path) -> list[tuple[str, bytes]]:
    """Every zip member's name and content, in order (a package's timestamps are when it was made)."""
    with zipfile.ZipFile(package) as opened:
        return [(name, opened.read(name)) for name in opened.namelist()]


def test_ctrl_c_while_the_print_file_is_written_stops_the_workers_before_the_cleanup(tmp_path, spec,
                                                                                     monkeypatch):
    """Ctrl+C reaches the main process while it merges the print file: the worker processes,
    which write the records' files, are stopped before the staging folder is deleted."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(batch_module, "_start_method", lambda: "fork")
    monkeypatch.setattr(batch_module, "FORK_THRESHOLD", 4)

    def interrupted(template, documents, target, **options):
        next(iter(documents))
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_module, "write_print_file", interrupted)
    contexts = records(40)
    try:
        render_batch(spec, contexts, tmp_path / "out", names=file_names("{stt}", contexts),
                     print_name="in.docx", workers=2)
    except KeyboardInterrupt:  # checked while it is handled, as the CLI reports it
        assert multiprocessing.active_children() == []
    else:
        pytest.fail("the interruption was lost")
    assert not (tmp_path / "out").exists()
