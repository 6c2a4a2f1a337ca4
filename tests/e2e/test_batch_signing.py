"""``dvk batch --pdf --ky-so`` end to end: the batch's PDFs are signed by both roles with a PKCS#12 key
of the throwaway test PKI and verified by pyHanko; the paper batch's PDFs are refused.

The command line is the real one (click's runner over ``dvk_docs.cli``); the workbook is a copy of the
State sample with the decision's number and date in Cấu hình (the issuing body signs only a
numbered document).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from dvk_docs.cli import cli
from dvk_docs.render.pdf import find_soffice
from tests.signing_pki import BODY_NAME, PASSWORD, SIGNER_NAME, make_pki

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.slow,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]

DECISION, PLAN = "Quyết định công nhận", "Kế hoạch"  #: the kinds' folders under the output folder


def dvk(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)
    return result.exit_code, result.output


def numbered(book: Path) -> Path:
    """``book`` with Cấu hình “Số quyết định công nhận” 15 and “Ngày quyết định công nhận” 05/03/2025."""
    workbook = openpyxl.load_workbook(book)
    values = {"Số quyết định công nhận": "15", "Ngày quyết định công nhận": "05/03/2025"}
    for label, value in workbook["Cấu hình"].iter_rows(min_row=2, max_col=2):
        if label.value in values:
            value.value = values[label.value]
    workbook.save(book)
    return book


def pyhanko_verdicts(pdf: Path, root: Path) -> list[tuple[str, bool, bool, bool]]:
    """(field, intact, valid, trusted) of every signature of ``pdf``, by pyHanko against ``root``."""
    context = ValidationContext(trust_roots=list(load_certs_from_pemder([str(root)])), allow_fetching=False,
                                revocation_mode="soft-fail")
    with pdf.open("rb") as stream:
        signatures = PdfFileReader(stream).embedded_signatures
        statuses = [(s.field_name, validate_pdf_signature(s, context)) for s in signatures]
    return [(name, status.intact, status.valid, status.trusted) for name, status in statuses]


def test_a_batch_for_digital_signing_is_signed_by_both_roles_and_verifies(copy_sample, tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_PIN", PASSWORD)
    pki = make_pki(tmp_path / "pki")
    book = numbered(copy_sample("ubnd-huyen.xlsx"))
    out, paper = tmp_path / "ky-so", tmp_path / "giay"

    code, output = dvk("batch", book, "--kinds", "quyet-dinh-cong-nhan,ke-hoach", "--pdf", "--ky-so", "--out", out)
    assert code == 0, output
    pdfs = {folder: sorted((out / folder).glob("*.pdf")) for folder in (DECISION, PLAN)}
    assert [len(files) for files in pdfs.values()] == [1, 1], output

    for folder in (DECISION, PLAN):
        code, output = dvk("ky", out / folder, "--vai", "nguoi-ky", "--p12", pki.person.p12, "--so", book)
        assert (code, f"Đã ký 1 tệp (vai nguoi-ky, {SIGNER_NAME})." in output) == (0, True), output
    code, output = dvk("ky", out / DECISION, "--vai", "co-quan", "--p12", pki.body.p12, "--so", book)
    assert (code, f"Đã ký 1 tệp (vai co-quan, {BODY_NAME})." in output) == (0, True), output

    signed = {folder: out / folder / f"{files[0].stem} - ký số.pdf" for folder, files in pdfs.items()}
    assert pyhanko_verdicts(signed[DECISION], pki.root) == [("nguoi-ky", True, True, True),
                                                            ("co-quan", True, True, True)]
    assert pyhanko_verdicts(signed[PLAN], pki.root) == [("nguoi-ky", True, True, True)]
    code, output = dvk("kiem-tra-chu-ky", out, "--tin-cay", pki.root, "--json")
    reports = {Path(report["file"]).name: report for report in json.loads(output)}
    assert code == 0 and sorted(reports) == sorted(path.name for path in signed.values()), output
    assert [s["signer"] for s in reports[signed[DECISION].name]["signatures"]] == [SIGNER_NAME, BODY_NAME]
    assert all(report["valid"] for report in reports.values()), output

    code, output = dvk("batch", book, "--kinds", "quyet-dinh-cong-nhan", "--pdf", "--out", paper)
    assert code == 0, output
    code, output = dvk("ky", paper / DECISION, "--vai", "nguoi-ky", "--p12", pki.person.p12, "--so", book)
    assert code == 1 and "khối chữ ký đã in sẵn ảnh chữ ký hoặc con dấu (bản để in)" in output, output
    assert not list((paper / DECISION).glob("*ký số*"))
