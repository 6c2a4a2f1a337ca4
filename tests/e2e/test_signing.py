"""Digital signatures on decisions LibreOffice rendered, in the three profiles: sign, look, verify, tamper.

One throwaway PKI per session (``tests/signing_pki.py``); one LibreOffice call renders a numbered
decision per profile, a decision without a number and a registration list (the separate appendix).
Every signed file is checked by pyHanko's validator (through ``dvk kiem-tra-chu-ky``) and by
poppler's ``pdfsig``; placement is measured on the page pdfium draws, with the annotations.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from cryptography import x509 as crypto_x509
from cryptography.hazmat.primitives import serialization
from PIL import Image, ImageChops, ImageDraw

from dvk_docs import cli
from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.documents import KINDS, RenderOptions
from dvk_docs.documents.parts import SEAL_WIDTH_MM, profile_of
from dvk_docs.errors import DvkError
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.pdf import convert_to_pdf, find_soffice
from dvk_docs.render.templates import shipped_dir
from tests.signing_pki import PASSWORD, SIGNER_NAME, make_pki, make_token, serve_tsa, softhsm_module
from tests.unit.formats.books import small_book

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]

MM = 72 / 25.4
LABELS = {"nha-nuoc": "Nhà nước", "dang": "Đảng", "cong-doan": "Công đoàn"}
BLUE, RED = (20, 40, 200), (220, 20, 30)  #: the test pictures' colours
ISSUED = dt.date(2025, 3, 5)


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def pictures(tmp_path_factory) -> dict[str, Path]:
    """A signature (blue ellipse filling a 2:1 picture) and a seal (red ring filling its square)."""
    folder = tmp_path_factory.mktemp("anh")
    signature = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    ImageDraw.Draw(signature).ellipse((0, 0, 399, 199), outline=BLUE + (255,), width=18)
    seal = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(seal).ellipse((0, 0, 399, 399), outline=RED + (255,), width=24)
    paths = {"signature": folder / "chu-ky.png", "seal": folder / "con-dau.png"}
    signature.save(paths["signature"])
    seal.save(paths["seal"])
    return paths


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """profile id -> numbered decision; "unnumbered", "appendix" -> the State decision without a number,
    the State registration list. One LibreOffice call; the signer is the PKI's person."""
    folder = tmp_path_factory.mktemp("rendered")
    sources = {}
    for profile_id, label in LABELS.items():
        book = small_book(label)
        book = replace(book, signers=(replace(book.signers[0], name=SIGNER_NAME),))
        kind = KINDS["quyet-dinh-cong-nhan"]
        numbered = RenderOptions(profile_of(book), numbers=("05",), issue_date=ISSUED)
        sources[profile_id] = (kind, book, numbered)
        if profile_id == "nha-nuoc":
            sources["unnumbered"] = (kind, book, RenderOptions(profile_of(book)))
            sources["appendix"] = (KINDS["danh-sach-dang-ky"], book, RenderOptions(profile_of(book)))
    docx_files = {}
    for name, (kind, book, options) in sources.items():
        context = kind.build(book, options)[0]
        path = folder / f"{name}.docx"
        path.write_bytes(render_docx(shipped_dir() / options.profile.id / f"{kind.name}.docx",
                                     context.values(), make_environment()))
        docx_files[name] = path
    return dict(zip(docx_files, convert_to_pdf(list(docx_files.values()), folder), strict=True))


@pytest.fixture(scope="session")
def blank(tmp_path_factory) -> Path:
    """A one-page PDF without any text: no signature block."""
    import pypdfium2

    path = tmp_path_factory.mktemp("blank") / "trang-trang.pdf"
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842).close()
    document.save(str(path))
    document.close()
    return path


@pytest.fixture(scope="session")
def token(pki, tmp_path_factory) -> Path:
    """The SoftHSM2 module, with a token holding the person's and the body's keys (see make_token)."""
    module = softhsm_module()
    if module is None:
        pytest.fail("SoftHSM2 is missing: ./scripts/test.sh installs the Debian package softhsm2")
    previous = os.environ.get("SOFTHSM2_CONF")
    make_token(tmp_path_factory.mktemp("softhsm"), module, pki)
    yield module
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def pin(monkeypatch):
    monkeypatch.setenv("DVK_PIN", PASSWORD)


def copy(source: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    shutil.copy(source, target)
    return target


def sign(target: Path, role: str, key: Path | None, pictures: dict[str, Path], **options):
    return find_command("ky").invoke(Session(), target=target, vai=role, p12=key,
                                     anh_chu_ky=pictures["signature"], anh_dau=pictures["seal"], **options)


def check(target: Path, pki) -> dict:
    """``dvk kiem-tra-chu-ky --json`` on ``target``: (exit code, report of the first file)."""
    outcome = find_command("kiem-tra-chu-ky").invoke(Session(), target=target, tin_cay=pki.root,
                                                     as_json=True)
    return outcome.exit_code, outcome.data[0]


@pytest.fixture(scope="session")
def nss(pki, tmp_path_factory) -> str:
    """An NSS certificate database trusting the test root CA, for pdfsig (certutil: libnss3-tools)."""
    certutil = shutil.which("certutil")
    if certutil is None:
        pytest.fail("certutil is missing: ./scripts/test.sh installs the Debian package libnss3-tools")
    database = f"sql:{tmp_path_factory.mktemp('nss')}"
    subprocess.run([certutil, "-N", "-d", database, "--empty-password"], check=True, capture_output=True)
    subprocess.run([certutil, "-A", "-d", database, "-n", "dvk-test-root", "-t", "CT,C,C",
                    "-i", str(pki.root)], check=True, capture_output=True)
    return database


def pdfsig(path: Path, nss: str) -> str:
    """poppler's report on every signature of ``path``, with the test root CA trusted."""
    return subprocess.run(["pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True,
                          check=False).stdout


@pytest.mark.parametrize("profile_id", LABELS)
def test_signer_then_body_sign_a_numbered_decision(profile_id, rendered, pki, nss, pictures, pin, tmp_path):
    original = copy(rendered[profile_id], tmp_path)
    before = original.read_bytes()
    first = sign(original, "nguoi-ky", pki.person.p12, pictures)
    signed = first.files[0]
    assert signed.name == f"{profile_id} - ký số.pdf"
    after_signer = signed.read_bytes()
    sign(original, "co-quan", pki.body.p12, pictures)

    assert original.read_bytes() == before  # the rendered PDF is never changed
    assert signed.read_bytes().startswith(after_signer)  # incremental: earlier bytes kept
    code, report = check(signed, pki)
    assert code == 0 and report["valid"], report
    person, body = report["signatures"]
    assert (person["field"], person["signer"], person["organisation"]) == (
        "nguoi-ky", SIGNER_NAME, "Ủy ban nhân dân huyện Yên Bình")
    assert (body["field"], body["signer"]) == ("co-quan", "Ủy ban nhân dân huyện Yên Bình")
    assert person["added_after"] == "chữ ký khác" and not person["covers_whole_file"]
    assert body["covers_whole_file"] and body["added_after"] == ""
    assert body["signed_at"].endswith("+07:00") and dt.datetime.fromisoformat(body["signed_at"])
    independent = pdfsig(signed, nss)
    assert independent.count("Signature Validation: Signature is Valid.") == 2, independent
    assert independent.count("Certificate Validation: Certificate is Trusted.") == 2, independent
    assert independent.rstrip().count("Total document signed") == 1  # the last signature
    assert "Signer Certificate Common Name: Ủy ban nhân dân huyện Yên Bình" in independent


@pytest.mark.parametrize("profile_id", LABELS)
def test_both_roles_sign_with_a_token(profile_id, rendered, token, pki, nss, pictures, pin, tmp_path):
    original = copy(rendered[profile_id], tmp_path)
    sign(original, "nguoi-ky", None, pictures, pkcs11=token, key_label="nguoi-ky")
    sign(original, "co-quan", None, pictures, pkcs11=token, key_label="co-quan")
    signed = tmp_path / f"{profile_id} - ký số.pdf"
    code, report = check(signed, pki)
    assert code == 0, report
    assert [(s["field"], s["signer"]) for s in report["signatures"]] == [
        ("nguoi-ky", SIGNER_NAME), ("co-quan", "Ủy ban nhân dân huyện Yên Bình")]
    independent = pdfsig(signed, nss)
    assert independent.count("Signature Validation: Signature is Valid.") == 2
    assert independent.count("Certificate Validation: Certificate is Trusted.") == 2


def test_a_wrong_token_pin_and_an_ambiguous_key_are_refused(rendered, token, pictures, tmp_path,
                                                             monkeypatch):
    original = copy(rendered["nha-nuoc"], tmp_path)
    monkeypatch.setenv("DVK_PIN", "0000")
    with pytest.raises(DvkError, match="^Sai mã PIN của token.\n"):
        sign(original, "nguoi-ky", None, pictures, pkcs11=token, key_label="nguoi-ky")
    monkeypatch.setenv("DVK_PIN", PASSWORD)
    with pytest.raises(DvkError, match="Token có 2 khóa: (nguoi-ky, co-quan|co-quan, nguoi-ky)."):
        sign(original, "nguoi-ky", None, pictures, pkcs11=token)
    assert [p.name for p in tmp_path.iterdir()] == ["nha-nuoc.pdf"]


def test_a_timestamp_server_adds_its_time(rendered, pki, pictures, pin, tmp_path):
    original = copy(rendered["nha-nuoc"], tmp_path)
    with serve_tsa(pki.tsa, pki.root) as url:
        before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        sign(original, "nguoi-ky", pki.person.p12, pictures, tsa=url)
        after = dt.datetime.now(dt.timezone.utc)
    code, report = check(tmp_path / "nha-nuoc - ký số.pdf", pki)
    stamp = report["signatures"][0]["timestamp"]
    assert code == 0, report
    assert stamp.endswith("+07:00") and before <= dt.datetime.fromisoformat(stamp) <= after


def test_a_separate_appendix_gets_the_body_stamp_top_right(rendered, pki, pictures, pin, tmp_path):
    appendix = copy(rendered["appendix"], tmp_path)
    sign(appendix, "co-quan", pki.body.p12, pictures, phu_luc=True, so_ky_hieu="05/QĐ-UBND")
    signed = tmp_path / "appendix - ký số.pdf"
    code, report = check(signed, pki)
    assert code == 0 and report["signatures"][0]["field"] == "co-quan"
    rect, text, fonts = appearance(signed, "co-quan")
    width, height, top_text = first_page_geometry(signed)
    assert width - 20 * MM - 1 <= rect[2] <= width - 15 * MM  # inside the right margin
    assert rect[3] <= height - 5 * MM and rect[1] >= top_text  # in the top margin, above the text
    assert text.startswith("05/QĐ-UBND\n20") and text.endswith("+07:00")
    assert fonts == {("Liberation Serif", 10.0)} or fonts == {("Times New Roman", 10.0)}


def test_the_body_info_text_is_10_pt_times(rendered, pki, pictures, pin, tmp_path):
    original = copy(rendered["nha-nuoc"], tmp_path)
    sign(original, "nguoi-ky", pki.person.p12, pictures)
    sign(original, "co-quan", pki.body.p12, pictures)
    _, text, fonts = appearance(tmp_path / "nha-nuoc - ký số.pdf", "co-quan")
    name, when = text.rsplit("\n", 1)
    assert " ".join(name.split()) == "Ủy ban nhân dân huyện Yên Bình"
    assert dt.datetime.fromisoformat(when).utcoffset() == dt.timedelta(hours=7)
    assert fonts <= {("Liberation Serif", 10.0), ("Times New Roman", 10.0)} and fonts


def test_placement_measured_on_the_drawn_page(rendered, pki, pictures, pin, tmp_path):
    original = copy(rendered["nha-nuoc"], tmp_path)
    sign(original, "nguoi-ky", pki.person.p12, pictures)
    sign(original, "co-quan", pki.body.p12, pictures)
    signed = tmp_path / "nha-nuoc - ký số.pdf"
    with pdfplumber.open(original) as pdf:
        name = pdf.pages[0].search(SIGNER_NAME)[-1]
        title = [m for m in pdf.pages[0].search("CHỦ TỊCH") if m["bottom"] < name["top"]][-1]
    blue, red = coloured_boxes(signed)
    midway = (title["bottom"] + name["top"]) / 2
    assert abs((blue[1] + blue[3]) / 2 - midway) <= 2 * MM
    assert abs((blue[0] + blue[2]) / 2 - (name["x0"] + name["x1"]) / 2) <= 2 * MM
    assert abs(red[2] - (blue[0] + (blue[2] - blue[0]) / 3)) <= 2 * MM  # seal's right edge at 1/3
    assert abs((red[2] - red[0]) - SEAL_WIDTH_MM * MM) <= 2 * MM  # actual size
    assert abs((red[1] + red[3]) / 2 - (blue[1] + blue[3]) / 2) <= 2 * MM


def test_tampering_is_reported(rendered, pki, pictures, pin, tmp_path):
    original = copy(rendered["nha-nuoc"], tmp_path)
    sign(original, "nguoi-ky", pki.person.p12, pictures)
    sign(original, "co-quan", pki.body.p12, pictures)
    signed = (tmp_path / "nha-nuoc - ký số.pdf").read_bytes()

    changed = bytearray(signed)
    at = changed.index(b"/Producer")
    changed[at + 12] ^= 0x01  # one byte inside the signed range
    byte_changed = tmp_path / "doi-1-byte.pdf"
    byte_changed.write_bytes(bytes(changed))
    code, report = check(byte_changed, pki)
    assert code == 1 and not any(s["intact"] for s in report["signatures"])

    appended = tmp_path / "them-trang.pdf"
    appended.write_bytes(with_page_appended(signed))
    code, report = check(appended, pki)
    assert code == 1
    assert [s["added_after"] for s in report["signatures"]] == ["thay đổi khác", "thay đổi khác"]
    assert all(s["intact"] for s in report["signatures"])

    resigned = copy(appended, tmp_path / "ky-lai", "gia-mao - ký số.pdf")
    resign_as_stranger(resigned, pki)
    code, report = check(resigned, pki)
    assert code == 1
    first, second, forged = report["signatures"]
    assert first["added_after"] == second["added_after"] == "thay đổi khác"
    assert forged["intact"] and not forged["trusted"] and forged["covers_whole_file"]


def test_mistakes_give_vietnamese_messages_and_write_nothing(rendered, blank, pki, pictures, pin,
                                                            tmp_path, monkeypatch, capsys):
    original = copy(rendered["nha-nuoc"], tmp_path)
    unnumbered = copy(rendered["unnumbered"], tmp_path)
    no_block = copy(blank, tmp_path)

    def run(*args: str) -> tuple[int, str]:
        with pytest.raises(SystemExit) as caught:
            cli.main(["ky", *args, "--anh-chu-ky", str(pictures["signature"]),
                      "--anh-dau", str(pictures["seal"])])
        return caught.value.code, capsys.readouterr().err

    monkeypatch.setenv("DVK_PIN", "sai-mat-khau")
    assert run(str(original), "--vai", "nguoi-ky", "--p12", str(pki.person.p12)) == (
        1, f"Lỗi: Sai mật khẩu của tệp khóa “{pki.person.p12.name}”.\n"
           "Nhập lại mật khẩu (phân biệt chữ hoa, chữ thường).\n")
    monkeypatch.setenv("DVK_PIN", PASSWORD)
    code, err = run(str(original), "--vai", "nguoi-ky", "--p12", str(pki.expired.p12))
    assert code == 1 and f"Chứng thư số của “{SIGNER_NAME}” đã hết hạn ngày" in err
    code, err = run(str(original), "--vai", "nguoi-ky", "--pkcs11", str(tmp_path / "khong-co.so"))
    assert code == 1 and "Không tìm thấy thư viện PKCS#11" in err
    code, err = run(str(no_block), "--vai", "nguoi-ky", "--p12", str(pki.person.p12))
    assert code == 1 and f"không tìm thấy khối chữ ký có tên người ký “{SIGNER_NAME}”" in err
    code, err = run(str(unnumbered), "--vai", "co-quan", "--p12", str(pki.body.p12))
    assert code == 1 and "chưa có số và ngày ban hành" in err
    code, err = run(str(original), "--vai", "co-quan", "--p12", str(pki.body.p12))
    assert code == 1 and "chưa có chữ ký số của người có thẩm quyền" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nha-nuoc.pdf", "trang-trang.pdf", "unnumbered.pdf"]


def test_a_folder_is_signed_all_or_nothing(rendered, blank, pki, pictures, pin, tmp_path):
    folder = tmp_path / "ket-qua" / "Quyết định công nhận"
    for profile_id in LABELS:
        copy(rendered[profile_id], folder)
    steps = []
    session = Session(progress=lambda done, total, what: steps.append((done, total)))
    outcome = find_command("ky").invoke(session, target=tmp_path / "ket-qua", vai="nguoi-ky",
                                        p12=pki.person.p12, anh_chu_ky=pictures["signature"])
    assert len(outcome.files) == 3 and steps[-1] == (3, 3)
    assert find_command("kiem-tra-chu-ky").invoke(Session(), target=tmp_path, tin_cay=pki.root).exit_code == 0

    copy(blank, folder, "zz - không có khối chữ ký.pdf")
    with pytest.raises(DvkError, match="“zz - không có khối chữ ký.pdf”: văn bản chưa có số"):
        find_command("ky").invoke(Session(), target=tmp_path / "ket-qua", vai="co-quan",
                                  p12=pki.body.p12, anh_dau=pictures["seal"])
    assert sum(1 for p in folder.iterdir() if p.stem.endswith("ký số")) == 3
    assert check(folder / "dang - ký số.pdf", pki)[1]["signatures"][-1]["field"] == "nguoi-ky"



def test_a_folder_signed_by_worker_processes_is_valid_and_all_or_nothing(rendered, blank, pki, pictures, pin,
                                                                          tmp_path, monkeypatch):
    """A PKCS#12 batch shared out over two worker processes (thresholds lowered so 6 files are a batch):
    every file validly signed, in order, with the progress bar; one file that cannot be signed → none."""
    from concurrent.futures import ProcessPoolExecutor

    from dvk_docs.signing import sign as sign_module

    pools = []

    class RecordingPool(ProcessPoolExecutor):
        def __init__(self, workers, **options):
            pools.append((workers, repr(options["initargs"])))
            super().__init__(workers, **options)

    monkeypatch.setattr(sign_module, "ProcessPoolExecutor", RecordingPool)
    monkeypatch.setattr(sign_module, "PROCESS_THRESHOLD", 4)
    monkeypatch.setattr(sign_module, "CHUNK_SIZE", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    folder = tmp_path / "ket-qua" / "Quyết định công nhận"
    originals = [copy(rendered[profile_id], folder, f"{n} {profile_id}.pdf")
                 for n in (1, 2) for profile_id in LABELS]
    before = {path: path.read_bytes() for path in originals}
    copy(blank, folder, "3 - không có khối chữ ký.pdf")

    with pytest.raises(DvkError, match="“3 - không có khối chữ ký.pdf”: không tìm thấy khối chữ ký"):
        sign(tmp_path / "ket-qua", "nguoi-ky", pki.person.p12, pictures)
    assert pools and pools[-1][0] == 2
    assert not [p.name for p in folder.iterdir() if p.stem.endswith("ký số")]
    assert all(path.read_bytes() == data for path, data in before.items())

    (folder / "3 - không có khối chữ ký.pdf").unlink()
    steps = []
    outcome = find_command("ky").invoke(Session(progress=lambda done, total, what: steps.append((done, total))),
                                        target=tmp_path / "ket-qua", vai="nguoi-ky", p12=pki.person.p12,
                                        anh_chu_ky=pictures["signature"])
    assert len(pools) == 2 and pools[-1][0] == 2 and PASSWORD not in pools[-1][1]
    assert [p.name for p in outcome.files] == [f"{p.stem} - ký số.pdf" for p in sorted(originals)]
    assert steps == [(done, 6) for done in range(7)]
    report = find_command("kiem-tra-chu-ky").invoke(Session(), target=folder, tin_cay=pki.root, as_json=True)
    assert report.exit_code == 0 and len(report.data) == 6
    assert all(r["valid"] and [s["field"] for s in r["signatures"]] == ["nguoi-ky"] for r in report.data)
    assert {s["signer"] for r in report.data for s in r["signatures"]} == {SIGNER_NAME}
    assert all(path.read_bytes() == data for path, data in before.items())

# --- helpers ---------------------------------------------------------------------------------------


def appearance(path: Path, field: str) -> tuple[list[float], str, set[tuple[str, float]]]:
    """The widget rectangle, the text and the (font family, size) pairs of a signature's appearance."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as handle:
        reader = PdfFileReader(handle)
        sig = next(s for s in reader.embedded_signatures if s.field_name == field)
        rect = [float(v) for v in sig.sig_field["/Rect"]]
        stream = sig.sig_field["/AP"]["/N"]
        fonts = {name: str(font.get_object()["/BaseFont"])
                 for name, font in stream["/Resources"]["/Font"].items()}
        data = stream.data.decode("latin-1")
    actual = re.findall(r"/ActualText \((.*?)\)\n>> BDC", data, re.S)
    texts = [_pdf_string(raw) for raw in actual]
    used = {(_family(fonts[name]), float(size)) for name, size in re.findall(r"(/F\d+) ([\d.]+) Tf", data)}
    return rect, "\n".join(texts), used


def _pdf_string(raw: str) -> str:
    data = raw.encode("latin-1").decode("unicode_escape").encode("latin-1")
    return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


def _family(base_font: str) -> str:
    name = base_font.split("+")[-1].removesuffix("-Identity-H")
    return {"LiberationSerif": "Liberation Serif", "TimesNewRomanPSMT": "Times New Roman"}.get(name, name)


def first_page_geometry(path: Path) -> tuple[float, float, float]:
    """Width, height and the top of the highest text line (PDF units, from the bottom)."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return float(page.width), float(page.height), float(page.height) - min(c["top"] for c in page.chars)


def coloured_boxes(path: Path) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Boxes (x0, top, x1, bottom in points from the top-left) of the blue and of the red pixels of
    page 1 as pdfium draws it with its annotations."""
    import pypdfium2

    scale = 4
    document = pypdfium2.PdfDocument(str(path))
    document.init_forms()
    try:
        image = document[0].render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    finally:
        document.close()
    boxes = []
    for colour in (BLUE, RED):
        channels = [band.point(lambda v, c=c: 255 if abs(v - c) < 20 else 0)
                    for band, c in zip(image.split(), colour, strict=True)]
        mask = ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2])
        boxes.append(tuple(v / scale for v in mask.getbbox()))
    return boxes[0], boxes[1]


def with_page_appended(data: bytes) -> bytes:
    """``data`` with a blank page added in an incremental update (what a forger would do)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    writer.insert_page(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
        generic.pdf_name("/Resources"): generic.DictionaryObject(),
    }))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def resign_as_stranger(path: Path, pki) -> None:
    """Sign the tampered file again with a self-signed certificate in the same person's name."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(pki.stranger.p12, passphrase=PASSWORD.encode())
    writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="ky-lai",
                                                   subfilter=fields.SigSeedSubFilter.PADES),
                      signer).sign_pdf(writer, output=out)
    path.write_bytes(out.getvalue())


def test_json_report_is_json(rendered, pki, pictures, pin, tmp_path, capsys):
    original = copy(rendered["dang"], tmp_path)
    sign(original, "nguoi-ky", pki.person.p12, pictures)
    with pytest.raises(SystemExit) as caught:
        cli.main(["kiem-tra-chu-ky", str(tmp_path), "--json", "--tin-cay", str(pki.root)])
    assert caught.value.code == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["valid"] for r in report] == [True]
    assert report[0]["signatures"][0]["signer"] == SIGNER_NAME


# --- the ribbon button --------------------------------------------------------------------------


@pytest.fixture
def display(tmp_path):
    """A virtual X display (Xvfb) for the PIN window; yields a function typing into it (xdotool)."""
    xvfb, xdotool = shutil.which("Xvfb"), shutil.which("xdotool")
    if xvfb is None or xdotool is None:
        pytest.fail("Xvfb/xdotool are missing: ./scripts/test.sh installs the Debian packages xvfb, xdotool")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1024x768x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,), stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as announced:  # Xvfb picks a free display and writes its number
        name = f":{announced.readline().strip()}"
    env = {**os.environ, "DISPLAY": name}
    typed: list[subprocess.Popen] = []

    def type_when_shown(text: str) -> None:
        """Wait for a window to show, type ``text`` and Enter into it (in the background)."""
        script = (f"timeout 60 {xdotool} search --sync --onlyvisible --name . windowfocus --sync "
                  f"&& sleep 0.3 && {xdotool} type --delay 20 '{text}' && {xdotool} key Return")
        typed.append(subprocess.Popen(["sh", "-c", script], env=env))

    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = name
    try:
        yield type_when_shown
    finally:
        for process in typed:
            process.wait(timeout=30)
        server.terminate()
        server.wait(timeout=10)
        if old is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = old


def test_the_ribbon_button_asks_the_pin_in_a_masked_window_and_signs(rendered, pki, copy_sample, display,
                                                                     monkeypatch):
    """“Người ký ký số” on the sample workbook: the key from Cấu hình, the PIN typed into the window,
    the images from Người ký, the PDFs of the output folder; Văn bản records the signature."""
    from dvk_docs.excel import PIN_MASK, TITLE
    from dvk_docs.model import CellUpdate
    from dvk_docs.workbook.sources import FileSource
    from tests.e2e.test_excel_buttons import click
    from tests.fake_xlwings import FakeBook

    sample = copy_sample("ubnd-huyen.xlsx")
    FileSource(sample).write([CellUpdate("settings", None, "signing_p12", str(pki.person.p12))])
    decision = copy(rendered["nha-nuoc"], sample.parent / "dvk-output" / "Quyết định công nhận",
                    "001 - Quyết định công nhận.pdf")
    monkeypatch.delenv("DVK_PIN", raising=False)
    shown: list[str] = []
    real_askstring = __import__("tkinter.simpledialog").simpledialog.askstring

    def watched(title, prompt, **options):  # the real dialog; the test only notes its title and mask
        shown.append((title, options.get("show")))
        return real_askstring(title, prompt, **options)

    monkeypatch.setattr("tkinter.simpledialog.askstring", watched)
    display(PASSWORD)
    book = FakeBook.from_xlsx(sample)
    click(book, "sign_signer", monkeypatch)

    assert [a["prompt"] for a in book.app.alerts if a["mode"] == "critical"] == []
    assert shown == [(TITLE, PIN_MASK)]
    signed = decision.with_name("001 - Quyết định công nhận - ký số.pdf")
    code, report = check(signed, pki)
    assert code == 0 and report["signatures"][0]["signer"] == SIGNER_NAME
    register = book.sheet("Văn bản")
    header = {value: column for (row, column), value in register.values.items() if row == 1}
    entries = [value for (row, column), value in register.values.items()
               if column == header["Ký số"] and row > 1]
    assert len(entries) == 1 and entries[0].startswith(f"Người có thẩm quyền: {SIGNER_NAME}, 20")


def test_long_term_validation_data_is_embedded(rendered, pki, pictures, pin, tmp_path):
    """--lt (PAdES B-LT): the certificates to check the signature later travel in the file's DSS."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    original = copy(rendered["cong-doan"], tmp_path)
    with serve_tsa(pki.tsa, pki.root) as url:
        sign(original, "nguoi-ky", pki.person.p12, pictures, tsa=url, lt=True, tin_cay=pki.root)
    signed = tmp_path / "cong-doan - ký số.pdf"
    code, report = check(signed, pki)
    assert code == 0 and report["signatures"][0]["timestamp"], report
    with signed.open("rb") as handle:
        dss = PdfFileReader(handle).root["/DSS"]
        embedded = {bytes(cert.get_object().data) for cert in dss["/Certs"]}
    root_der = crypto_x509.load_pem_x509_certificate(pki.root.read_bytes()).public_bytes(
        serialization.Encoding.DER)
    assert root_der in embedded


@pytest.mark.slow
def test_the_clerks_flow_from_the_workbook(copy_sample, pki, pin, tmp_path):
    """render --cap-so --pdf --ky-so, then both roles with --so: names and pictures from Người ký, the
    Văn bản row of the numbered decision gets both signatures. A PDF rendered for paper (pictures
    printed in the signature block) is refused."""
    from dvk_docs.workbook.sources import FileSource

    book = copy_sample("ubnd-huyen.xlsx")
    render = find_command("render")
    paper = render.invoke(Session(source=FileSource(book)), kind="quyet-dinh-cong-nhan", pdf=True,
                          out=tmp_path / "giay")
    electronic = render.invoke(Session(source=FileSource(book)), kind="quyet-dinh-cong-nhan", pdf=True,
                               cap_so=True, ngay="05/03/2025", ky_so=True, out=tmp_path / "ky-so")
    paper_pdf = next(f for f in paper.files if f.suffix == ".pdf")
    with pytest.raises(DvkError, match="đã in sẵn ảnh chữ ký hoặc con dấu"):
        find_command("ky").invoke(Session(source=FileSource(book)), target=paper_pdf, vai="nguoi-ky",
                                  p12=pki.person.p12)
    assert [p.name for p in paper_pdf.parent.iterdir() if "ký số" in p.name] == []

    pdf = next(f for f in electronic.files if f.suffix == ".pdf")
    for role, key in (("nguoi-ky", pki.person.p12), ("co-quan", pki.body.p12)):
        find_command("ky").invoke(Session(source=FileSource(book)), target=pdf, vai=role, p12=key)
    code, report = check(pdf.with_name(f"{pdf.stem} - ký số.pdf"), pki)
    assert code == 0, report
    documents = FileSource(book).load().documents
    row = next(d for d in documents if Path(d.file).stem == pdf.stem)
    person, body = row.signatures.split("\n")
    assert person.startswith(f"Người có thẩm quyền: {SIGNER_NAME}, 20")
    assert body.startswith("Cơ quan, tổ chức: Ủy ban nhân dân huyện Yên Bình, 20")


def test_the_role_is_required(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["ky", "Quyết định.pdf"])
    assert caught.value.code == 64
    assert "Lỗi: Thiếu tùy chọn --vai (missing option)." in capsys.readouterr().err
