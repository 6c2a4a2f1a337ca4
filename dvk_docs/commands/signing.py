"""``dvk ky`` and ``dvk kiem-tra-chu-ky``: sign the rendered PDFs, and check their signatures.

The PIN is read from ``DVK_PIN`` (unattended runs) or asked once per run through the session
(masked in the terminal, a masked window in Excel); it is never stored. With a workbook (``--so``,
or the workbook the ribbon button runs on) the signer's name and images come from Người ký, the key
and timestamp server from Cấu hình, the default folder is the output folder, and the Văn bản sheet
records each signature.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DvkError
from ..model import CellUpdate, Signer, Workbook
from .folders import output_folder
from .registry import Command, Option, Outcome, Session

PIN_VARIABLE = "DVK_PIN"  #: environment variable holding the PIN for unattended runs
SIGNED_KINDS = ("Quyết định công nhận", "Giấy chứng nhận")  #: folders of a batch output that are signed


def run_sign(session: Session, target: Path | None = None, vai: str = "nguoi-ky", p12: Path | None = None,
             pkcs11: Path | None = None, key_label: str | None = None, nguoi_ky: str | None = None,
             anh_chu_ky: Path | None = None, anh_dau: Path | None = None, phu_luc: bool = False,
             so_ky_hieu: str | None = None, co_quan_ky_rieng: bool = False, tsa: str | None = None,
             lt: bool = False, tin_cay: Path | None = None) -> Outcome:
    """Sign one PDF, or every document PDF of a folder, all or nothing."""
    from ..signing.keys import KeyAccess, KeySource, check_source, open_key
    from ..signing.sign import SignRequest, sign_files

    book = session.book() if session.source is not None else None
    pdfs = _targets(session, book, target)
    signer_row = _signer(book, nguoi_ky)
    source = KeySource(p12=_setting_path(session, book, p12, "signing_p12"),
                       pkcs11=_setting_path(session, book, pkcs11, "signing_pkcs11"),
                       key_label=key_label or _setting(book, "signing_key_label") or None)
    check_source(source)  # a missing key file or module is said before the PIN is asked
    request = SignRequest(
        role=vai, signer_name=signer_row.name if signer_row else "",
        signature_image=anh_chu_ky or _image(book, signer_row, "signature_image"),
        seal_image=anh_dau or _image(book, signer_row, "seal_image"),
        body_name=_setting(book, "issuer_name"), appendix=phu_luc, number=so_ky_hieu or "",
        alone=co_quan_ky_rieng, tsa_url=tsa or _setting(book, "signing_tsa") or None, long_term=lt,
        trust_roots=(tin_cay,) if tin_cay else ())
    pin = _pin(session, source)
    with open_key(source, pin) as signer:
        signed = sign_files(pdfs, request, signer, key=KeyAccess(source, pin) if source.p12 else None,
                            progress=session.progress)
    who = signed[0].signer.name
    details = [f"{item.target.name}: {who}, {item.signed_at.isoformat()}" for item in signed]
    if book is not None:
        details.extend(_record(session, book, signed))
    return Outcome(message=f"Đã ký {len(signed)} tệp (vai {vai}, {who}).",
                   files=[item.target for item in signed], details=details,
                   open_path=signed[0].target if len(signed) == 1 else signed[0].target.parent)


def run_verify(session: Session, target: Path | None = None, as_json: bool = False,
               tin_cay: Path | None = None) -> Outcome:
    """Check every signed PDF named (a file, or the signed copies in a folder); exit 1 when any is not valid."""
    from ..signing.sign import is_signed_copy
    from ..signing.verify import verify_file

    if target is None:
        if session.source is None:
            raise DvkError("Chưa chỉ rõ tệp PDF hay thư mục cần kiểm tra.",
                           hint="Ví dụ: dvk kiem-tra-chu-ky \"Quyết định - ký số.pdf\"")
        target = output_folder(session, session.book(), None)
    target = Path(target)
    files = [target] if target.is_file() else sorted(p for p in target.rglob("*.pdf") if is_signed_copy(p))
    if not files:
        raise DvkError(f"Không có tệp PDF nào ở “{target}”.", hint="Chỉ rõ tệp PDF hoặc thư mục chứa PDF đã ký.")
    reports = []
    for done, path in enumerate(files):
        session.progress(done, len(files), "Kiểm tra chữ ký")
        reports.append(verify_file(path, (tin_cay,) if tin_cay else ()))
    bad = [r for r in reports if not r.valid]
    outcome = Outcome(message=f"{len(reports) - len(bad)}/{len(reports)} tệp có chữ ký số hợp lệ.",
                      exit_code=1 if bad else 0, data=[r.to_dict() for r in reports])
    for report in reports:
        outcome.details.extend(_report_lines(report))
    return outcome


def _report_lines(report: object) -> list[str]:
    lines = [f"{'HỢP LỆ' if report.valid else 'KHÔNG HỢP LỆ'}: {report.path.name}"]
    lines.extend(f"  - {problem}" for problem in report.problems)
    for sig in report.signatures:
        state = "hợp lệ" if sig.valid else "không hợp lệ"
        lines.append(f"  Chữ ký “{sig.field}” {state}: {sig.signer}"
                     f"{f' ({sig.organisation})' if sig.organisation else ''}, ký lúc {sig.signed_at or '?'}"
                     f"{f', dấu thời gian {sig.timestamp}' if sig.timestamp else ', không có dấu thời gian'}; "
                     + ("phủ toàn bộ tệp" if sig.covers_whole_file else f"sau đó có thêm: {sig.added_after}"))
        lines.extend(f"    - {problem}" for problem in sig.problems)
    return lines


def _targets(session: Session, book: Workbook | None, target: Path | None) -> list[Path]:
    """The PDFs to sign: the file named, or the unsigned PDFs of the document folders of a folder."""
    from ..signing.sign import is_signed_copy

    if target is None:
        if book is None:
            raise DvkError("Chưa chỉ rõ tệp PDF hay thư mục cần ký.", hint="Ví dụ: dvk ky \"Quyết định.pdf\" --vai nguoi-ky --p12 ky.p12")
        target = output_folder(session, book, None)
    target = Path(target)
    if target.is_file():
        return [target]
    if not target.is_dir():
        raise DvkError(f"Không tìm thấy “{target}”.", hint="Ghi đúng đường dẫn tệp PDF hoặc thư mục kết quả.")
    folders = [target / kind for kind in SIGNED_KINDS if (target / kind).is_dir()] or [target]
    pdfs = sorted(p for folder in folders for p in folder.glob("*.pdf") if not is_signed_copy(p))
    if not pdfs:
        raise DvkError(f"Thư mục “{target}” không có văn bản PDF nào để ký.",
                       hint="Lập PDF trước: dvk batch SỔ.xlsx --pdf (hoặc nút “Xuất PDF”).")
    return pdfs


def _signer(book: Workbook | None, code: str | None) -> Signer | None:
    if book is None:
        return None
    code = code or str(book.settings.get("default_signer", ""))
    chosen = next((s for s in book.signers if s.code == code), None) if code else None
    if code and chosen is None:
        raise DvkError(f"Không có người ký mã “{code}” trong sheet “Người ký”.",
                       hint="Ghi đúng mã người ký (--nguoi-ky) hoặc Cấu hình “Người ký mặc định”.")
    return chosen or (book.signers[0] if book.signers else None)


def _image(book: Workbook | None, signer: Signer | None, field: str) -> Path | None:
    if book is None or signer is None or not getattr(signer, field):
        return None
    path = Path(getattr(signer, field))
    return path if path.is_absolute() or not book.folder else Path(book.folder) / path


def _setting(book: Workbook | None, key: str) -> str:
    return book.settings.text(key) if book is not None else ""


def _setting_path(session: Session, book: Workbook | None, given: Path | None, key: str) -> Path | None:
    if given is not None:
        return Path(given)
    value = _setting(book, key)
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else session.source.folder / path


def _pin(session: Session, source: object) -> str:
    pin = os.environ.get(PIN_VARIABLE)
    if pin is not None:
        return pin
    if session.ask_secret is None:
        raise DvkError(f"Cần mã PIN/mật khẩu của {source.describe()}.",
                       hint=f"Đặt biến môi trường {PIN_VARIABLE} khi chạy không có người nhập.")
    return session.ask_secret(f"Mã PIN / mật khẩu của {source.describe()}")


def _record(session: Session, book: Workbook, signed: list) -> list[str]:
    """Write who signed what and when into Văn bản “Ký số”; a sheet that cannot be written is reported."""
    from ..signing.sign import ROLE_LABELS, SIGNED_SUFFIX

    layout = book.layouts.get("documents")
    last_row = max([d.row for d in book.documents] + [layout.header_row if layout else 1])
    updates = []
    for item in signed:
        stem = item.source.stem.removesuffix(SIGNED_SUFFIX)
        row = next((d for d in book.documents if d.file and Path(d.file).stem == stem), None)
        entry = f"{ROLE_LABELS[item.role].capitalize()}: {item.signer.name}, {item.signed_at.isoformat()}"
        if row is None:
            last_row += 1
            updates += [CellUpdate("documents", last_row, "file", item.target.name),
                        CellUpdate("documents", last_row, "signatures", entry)]
        else:
            before = row.signatures
            updates += [CellUpdate("documents", row.row, "signatures", f"{before}\n{entry}" if before else entry)]
    try:
        session.source.write(updates)
        session.forget_book()
    except DvkError as error:
        return [f"Chưa ghi được vào sheet “Văn bản”: {error.message}"]
    return [f"Đã ghi {len(signed)} chữ ký vào sheet “Văn bản” (cột “Ký số”)."]


KEY_OPTIONS = (
    Option("p12", "Tệp khóa PKCS#12 (.p12/.pfx); mặc định Cấu hình “Tệp khóa ký số”", flags=("--p12",),
           type="path"),
    Option("pkcs11", "Thư viện PKCS#11 của USB token (.dll/.so); mặc định Cấu hình “Thư viện token ký số”",
           flags=("--pkcs11",), type="path"),
    Option("key_label", "Nhãn khóa trên token (key label); mặc định khóa duy nhất", flags=("--key-label",)),
)
TRUST_OPTION = Option("tin_cay", "Chứng thư gốc tin cậy .pem/.cer (trusted root CA)", flags=("--tin-cay",),
                      type="path")

COMMANDS = (
    Command(
        "ky",
        "Ký số PDF: người ký hoặc cơ quan, một tệp hoặc cả thư mục, tất cả hoặc không "
        "(sign PDFs, PAdES).",
        run_sign,
        options=(
            Option("target", "Tệp PDF hoặc thư mục (PDF or folder); mặc định thư mục kết quả của sổ",
                   type="path"),
            Option("vai", "Vai ký: nguoi-ky (người có thẩm quyền) hoặc co-quan (văn thư, cơ quan)",
                   flags=("--vai",), type="choice", choices=("nguoi-ky", "co-quan"), required=True),
            *KEY_OPTIONS,
            Option("nguoi_ky", "Mã người ký trong sheet Người ký (signer code)", flags=("--nguoi-ky",)),
            Option("anh_chu_ky", "Ảnh chữ ký PNG (signature image)", flags=("--anh-chu-ky",), type="path"),
            Option("anh_dau", "Ảnh con dấu PNG (seal image)", flags=("--anh-dau",), type="path"),
            Option("phu_luc", "Tệp là phụ lục tách riêng: cơ quan ký góc trên bên phải (separate appendix)",
                   flags=("--phu-luc",), type="flag", default=False),
            Option("so_ky_hieu", "Số và ký hiệu ghi trên phụ lục, ví dụ 05/QĐ-UBND", flags=("--so-ky-hieu",)),
            Option("co_quan_ky_rieng", "Cơ quan ký khi văn bản không có chữ ký số của người ký (body signs alone)",
                   flags=("--co-quan-ky-rieng",), type="flag", default=False),
            Option("tsa", "Máy chủ dấu thời gian (TSA URL); mặc định Cấu hình “Máy chủ dấu thời gian”",
                   flags=("--tsa",)),
            Option("lt", "Nhúng dữ liệu kiểm tra dài hạn (PAdES B-LT)", flags=("--lt",), type="flag",
                   default=False),
            TRUST_OPTION,
        ),
        needs_book=False,
        book_flag="--so",
    ),
    Command(
        "kiem-tra-chu-ky",
        "Kiểm tra chữ ký số của PDF hoặc cả thư mục; mã thoát 1 khi có tệp không hợp lệ "
        "(verify signatures).",
        run_verify,
        options=(
            Option("target", "Tệp PDF hoặc thư mục: mọi bản “… - ký số.pdf” trong đó (PDF or folder)",
                   type="path"),
            Option("as_json", "In kết quả dạng JSON (JSON report)", flags=("--json",), type="flag", default=False),
            TRUST_OPTION,
        ),
        needs_book=False,
        book_flag="--so",
    ),
)
