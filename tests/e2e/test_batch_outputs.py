"""``dvk batch`` on the sample, and the print file and PDFs checked through LibreOffice."""

from __future__ import annotations

import os
import re
import stat

import docx
import pdfplumber
import pytest
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.render.batch import render_batch
from dvk_docs.render.engine import CompiledTemplate
from dvk_docs.render.filenames import file_names
from dvk_docs.render.pdf import convert_many, find_soffice
from tests.unit.render.batch_samples import build_decision, decision_record, environment


def pages(path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def test_batch_command_writes_each_kind_and_its_print_file(copy_sample, tmp_path):
    book = copy_sample("dang-uy-khoi.xlsx")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(book), "--out", str(out), "--print-file",
                                      "--kinds", "quyet-dinh-cong-nhan,Giấy chứng nhận"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["Giấy chứng nhận", "Quyết định công nhận"]
    certificates = sorted((out / "Giấy chứng nhận").glob("[0-9]*.docx"))
    decision, decision_print = sorted(p.name for p in (out / "Quyết định công nhận").iterdir())
    assert decision_print == "Quyết định công nhận - tệp in chung.docx"
    recognised = re.fullmatch(r"001 - Quyết định công nhận (\d+) mô hình và (\d+) điển hình\.docx", decision)
    assert recognised, decision
    assert len(certificates) == int(recognised[1]) + int(recognised[2]) > 100  # one per recognised model
    assert f"Đã lập {len(certificates) + 3} tệp" in result.output
    assert certificates[0].name.startswith("001 - ")
    printed = docx.Document(out / "Giấy chứng nhận" / "Giấy chứng nhận - tệp in chung.docx")
    assert len(printed.sections) == len(certificates)
    first = docx.Document(certificates[0])
    assert [p.text for p in printed.paragraphs[: len(first.paragraphs)]] == [p.text for p in first.paragraphs]


def test_unknown_kind_is_a_vietnamese_error(copy_sample, tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(copy_sample("dang-uy-khoi.xlsx")), "--out",
                                      str(tmp_path), "--kinds", "khong-co"])
    assert result.exit_code == 1
    assert "Không có loại văn bản “khong-co”" in result.output


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_print_file_pages_equal_the_records_pages(tmp_path):
    spec = CompiledTemplate.load(build_decision(tmp_path / "t.docx", annex=True), environment).spec
    contexts = [decision_record(i, members=3 + 14 * i) for i in range(4)]
    result = render_batch(spec, contexts, tmp_path / "out", names=file_names("{stt}", contexts),
                          print_name="in chung.docx", pdf=True, workers=2)
    by_name = {p.name: pages(p) for p in result.pdfs}
    records = [by_name[f"{k}.pdf"] for k in range(1, 5)]
    assert records[0] < records[-1]  # the member lists differ in length
    assert by_name["in chung.pdf"] == sum(records)
    with pdfplumber.open(tmp_path / "out" / "in chung.pdf") as pdf:
        fonts = {c["fontname"] for page in pdf.pages[:2] for c in page.chars}
    assert fonts and all("+" in f for f in fonts)  # embedded subsets


@pytest.mark.soffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_a_hung_converter_is_killed_and_its_files_retried(tmp_path, monkeypatch):
    spec = CompiledTemplate.load(build_decision(tmp_path / "t.docx"), environment).spec
    docs = render_batch(spec, [decision_record(0)], tmp_path / "docx", names=["a.docx"]).files
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    marker = tmp_path / "hung-once"
    fake.write_text(f'#!/bin/sh\nif [ ! -e "{marker}" ]; then touch "{marker}"; sleep 60; fi\n'
                    f'exec "{find_soffice()}" "$@"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    assert find_soffice() == str(fake)
    [pdf] = convert_many(docs, tmp_path / "pdf", timeout=5)
    assert marker.exists() and pages(pdf) >= 1
