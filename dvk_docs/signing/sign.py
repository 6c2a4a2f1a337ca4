"""Signing PDFs: PAdES signatures written as incremental updates into a signed copy beside the original.

Names: ``X.pdf`` (as rendered, never changed) → ``X - ký số.pdf`` (the signed copy). The signer
(``nguoi-ky``) makes the copy; the issuing body (``co-quan``) adds its signature to the same copy. Each
signature is appended after the bytes already there (ISO 32000 incremental update), so an earlier
signature stays valid and covers exactly what its signer saw.

Order (NĐ 30/2020 Điều 13, Phụ lục I): the issuing body signs a document that carries its number and
date (``dvk render --cap-so``) and already has the signer's signature — unless the body signs alone
(``alone``); a separate appendix is signed by the body only, with the information stamp at the top right.

:func:`sign_files` signs every file in memory first and writes only when all succeeded (all or nothing).
A batch of PKCS#12 signatures is shared out over one worker process per core, each opening the key
itself from the password it was handed in memory; a token keeps its one session in this process.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..safety.files import atomic_write
from .appearance import (
    Appearance,
    body_appearance,
    font_bytes,
    image_aspect,
    signer_appearance,
    stamp_appearance,
)
from .errors import SigningError
from .keys import CertificateInfo, KeyAccess, open_p12
from .placement import (
    MM,
    Box,
    PageText,
    appendix_stamp_box,
    check_no_printed_pictures,
    document_number,
    find_signature_block,
    is_numbered_and_dated,
    read_pages,
    seal_box,
)

ROLE_LABELS = {"nguoi-ky": "người có thẩm quyền", "co-quan": "cơ quan, tổ chức"}  #: who signs, as messages say
SIGNED_SUFFIX = " - ký số"  #: the signed copy of ``X.pdf`` is ``X - ký số.pdf``
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))  #: signing times are shown in Vietnam time (UTC+7)
INFO_RIGHT_MM = 50.0  #: the body's information text ends this far right of the signer image's centre
SIGNATURE_ROOM = 12_288  #: bytes kept for the signature (CMS with the chain: 3-6 KB); no size trial run
TIMESTAMP_ROOM = 12_288  #: more bytes for a timestamp token
TSA_TIMEOUT = 20  #: seconds to wait for the timestamp server
PAGE_RIGHT_MM = 15.0  #: … and never closer than this to the page's right edge
PROCESS_THRESHOLD = 16  #: files from which a PKCS#12 batch is signed in one process per core
CHUNK_SIZE = 4  #: files a worker signs per task (small: the progress bar moves, a failure stops early)


@dataclass(frozen=True)
class SignRequest:
    """What to sign with, and how it must look. Images are transparent PNGs."""

    role: str
    signer_name: str = ""  #: the name line of the signature block ("" = the certificate's name)
    signature_image: Path | None = None  #: the signer's handwritten signature, blue
    seal_image: Path | None = None  #: the seal, red
    body_name: str = ""  #: the issuing body in the co-quan information ("" = the certificate's)
    appendix: bool = False  #: a separate appendix file: the body's top-right stamp
    number: str = ""  #: số và ký hiệu for an appendix stamp ("" = read from its first page)
    alone: bool = False  #: the body signs without a signer's signature
    tsa_url: str | None = None  #: RFC 3161 timestamp server: PAdES B-T
    long_term: bool = False  #: embed validation data (certificates, revocation): PAdES B-LT
    trust_roots: tuple[Path, ...] = ()  #: CA certificates the validation data is built from


@dataclass(frozen=True)
class SignedFile:
    """One signature made: the file it was added to, by whom, when."""

    source: Path  #: the file the clerk named
    target: Path  #: the signed copy written
    role: str
    signer: CertificateInfo
    signed_at: dt.datetime
    data: bytes = field(default=b"", repr=False)


def signed_path(pdf: Path) -> Path:
    """The signed copy of ``pdf`` (itself when it already is one)."""
    if pdf.stem.endswith(SIGNED_SUFFIX):
        return pdf
    return pdf.with_name(f"{pdf.stem}{SIGNED_SUFFIX}{pdf.suffix}")


def is_signed_copy(pdf: Path) -> bool:
    """Whether ``pdf`` is a signed copy made by :func:`sign_file`."""
    return pdf.stem.endswith(SIGNED_SUFFIX)


def sign_file(pdf: Path, request: SignRequest, signer: object, *, timestamper: object = None,
              now: dt.datetime | None = None) -> SignedFile:
    """Sign ``pdf`` (or its existing signed copy) in memory; the bytes are in ``SignedFile.data``.

    Raises :class:`SigningError` (Vietnamese, naming the file) when the document cannot be signed.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    target = signed_path(pdf)
    source = target if target.is_file() else pdf
    if not source.is_file():
        raise SigningError(f"Không tìm thấy tệp “{pdf}”.", hint="Ghi đúng đường dẫn tệp PDF cần ký.")
    data = source.read_bytes()
    pages = read_pages(data)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
    except Exception as error:  # pyHanko raises several parser errors for a broken file
        raise SigningError(f"“{pdf.name}”: tệp PDF bị hỏng ({error}).",
                           hint="Xuất lại PDF bằng “dvk render --pdf” rồi ký lại.") from None
    existing = {sig.field_name for sig in reader.embedded_signatures}
    field_name = request.role
    if field_name in existing:
        raise SigningError(f"“{source.name}” đã có chữ ký số của {ROLE_LABELS[request.role]}.",
                           hint="Mỗi vai chỉ ký một lần; kiểm tra bằng “dvk kiem-tra-chu-ky”.")
    info = CertificateInfo.of(signer.signing_cert)
    signed_at = (now or dt.datetime.now(VIETNAM_TIME)).astimezone(VIETNAM_TIME).replace(microsecond=0)
    page, appearance = _appearance(pdf.name, pages, reader, request, info, signed_at, existing)
    out = _sign_bytes(data, request, signer, timestamper, field_name, page, appearance)
    return SignedFile(pdf, target, request.role, info, signed_at, out)


def sign_files(pdfs: Sequence[Path], request: SignRequest, signer: object, *, key: KeyAccess | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> list[SignedFile]:
    """Sign every file, then write every signed copy: a failure anywhere writes nothing.

    With ``key`` (a PKCS#12 file and its password) a batch of at least :data:`PROCESS_THRESHOLD`
    files is signed by one worker process per core; otherwise ``signer`` signs them here, in order.
    The timestamp server is ``request.tsa_url``. A write that fails part-way (disk full, file open)
    puts back the copies already written.
    """
    if request.role == "co-quan":
        font_bytes()  # prepared before any clock is read: the time shown is the time signed
    workers = worker_count(len(pdfs), key)
    if workers > 1:
        results = _signed_in_workers(pdfs, request, key, workers)
    else:
        timestamper = _timestamper(request)
        results = (sign_file(pdf, request, signer, timestamper=timestamper) for pdf in pdfs)
    signed = []
    if progress:
        progress(0, len(pdfs), "Ký số")
    for item in results:
        signed.append(item)
        if progress:
            progress(len(signed), len(pdfs), "Ký số")
    _write_all(signed)
    return signed


def http_timestamper(url: str) -> object:
    """An RFC 3161 timestamp client for ``url`` (PAdES B-T)."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=TSA_TIMEOUT)


def _timestamper(request: SignRequest) -> object:
    return http_timestamper(request.tsa_url) if request.tsa_url else None


def worker_count(files: int, key: KeyAccess | None) -> int:
    """Worker processes for ``files`` signatures: one per core for a PKCS#12 batch big enough to pay
    for starting them, else 1 (signed here; a PKCS#11 token session cannot be shared out)."""
    if key is None or key.source.p12 is None or files < PROCESS_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, files // CHUNK_SIZE))


def _signed_in_workers(pdfs: Sequence[Path], request: SignRequest, key: KeyAccess,
                       workers: int) -> Iterator[SignedFile]:
    """Each file signed (in memory) by a worker process, in the order of ``pdfs``; the first failure
    is raised and the files not yet started are dropped."""
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(key, request))
    try:
        yield from pool.map(_sign_in_worker, pdfs, chunksize=CHUNK_SIZE)
    finally:
        pool.shutdown(cancel_futures=True)


_WORKER: tuple[object, SignRequest, object] | None = None  #: a worker's signer, request and timestamper


def _start_worker(key: KeyAccess, request: SignRequest) -> None:
    global _WORKER
    if request.role == "co-quan":
        font_bytes()
    _WORKER = (open_p12(key.source.p12, key.pin), request, _timestamper(request))


def _sign_in_worker(pdf: Path) -> SignedFile:
    signer, request, timestamper = _WORKER
    return sign_file(pdf, request, signer, timestamper=timestamper)


def iso_time(moment: dt.datetime) -> str:
    """``2024-01-05T09:30:15+07:00``: the signing time as NĐ 30 shows it (ISO 8601, Vietnam time)."""
    return moment.astimezone(VIETNAM_TIME).replace(microsecond=0).isoformat()


def _appearance(name: str, pages: list[PageText], reader: object, request: SignRequest,
                info: CertificateInfo, signed_at: dt.datetime, existing: set[str]) -> tuple[int, Appearance]:
    """The page and the appearance of the new signature."""
    when = iso_time(signed_at)
    if request.appendix:
        if request.role != "co-quan":
            raise SigningError(f"“{name}”: phụ lục tách riêng chỉ do cơ quan, tổ chức ký (--vai co-quan).",
                               hint="Người có thẩm quyền ký văn bản chính; văn thư ký phụ lục.")
        number = request.number or document_number(pages[0])
        if not number:
            raise SigningError(f"“{name}”: không thấy số và ký hiệu văn bản trên trang đầu của phụ lục.",
                               hint="Ghi số và ký hiệu bằng --so-ky-hieu, ví dụ --so-ky-hieu 05/QĐ-UBND.")
        return 0, stamp_appearance(number, when, appendix_stamp_box(pages[0]))
    if request.role == "nguoi-ky":
        image = _required(request.signature_image, name, "ảnh chữ ký", "Ảnh chữ ký", "--anh-chu-ky")
        block = find_signature_block(pages, request.signer_name or info.name, f"“{name}”")
        box = block.signer_image_box(image_aspect(image))
        check_no_printed_pictures(pages[block.page], box, f"“{name}”")
        return block.page, signer_appearance(image, box)
    if not is_numbered_and_dated(pages[0]):
        raise SigningError(f"“{name}”: văn bản chưa có số và ngày ban hành, cơ quan chưa ký được.",
                           hint="Cấp số bằng “dvk render … --cap-so --pdf” rồi ký lại từ bước người ký.")
    seal = _required(request.seal_image, name, "ảnh con dấu", "Ảnh con dấu", "--anh-dau")
    if "nguoi-ky" in existing:
        page, signer_box = _field_box(reader, "nguoi-ky")
    elif request.alone:
        if not request.signer_name:
            raise SigningError(f"“{name}”: cơ quan ký một mình cần biết tên người ký trên văn bản.",
                               hint="Chỉ rõ sổ theo dõi (--so) hoặc người ký (--nguoi-ky).")
        block = find_signature_block(pages, request.signer_name, f"“{name}”")
        page = block.page
        signer_box = block.signer_image_box(0.5)
        check_no_printed_pictures(pages[page], signer_box, f"“{name}”")
    else:
        raise SigningError(f"“{name}”: chưa có chữ ký số của người có thẩm quyền; cơ quan ký sau người ký.",
                           hint="Ký trước bằng “dvk ky … --vai nguoi-ky”, hoặc thêm --co-quan-ky-rieng "
                                "khi văn bản chỉ có chữ ký số của cơ quan.")
    right = min(signer_box.centre_x + INFO_RIGHT_MM * MM, pages[page].width - PAGE_RIGHT_MM * MM)
    return page, body_appearance(seal, seal_box(signer_box), request.body_name or info.organisation
                                 or info.name, when, right)


def _required(path: Path | None, name: str, what: str, column: str, flag: str) -> Path:
    if path is None:
        raise SigningError(f"“{name}”: thiếu {what} để hiện trên chữ ký số.",
                           hint=f"Ghi tệp ảnh vào cột “{column}” của sheet “Người ký”, hoặc dùng {flag} TỆP.png.")
    if not Path(path).is_file():
        raise SigningError(f"Không tìm thấy {what} “{path}”.",
                           hint=f"Kiểm tra cột “{column}” của sheet “Người ký”, hoặc dùng {flag} TỆP.png.")
    return Path(path)


def _field_box(reader: object, field_name: str) -> tuple[int, Box]:
    """The page (0-based) and widget rectangle of the signature field ``field_name``."""
    count = int(reader.root["/Pages"]["/Count"])
    for index in range(count):
        page_ref, _ = reader.find_page_for_modification(index)
        for annot in page_ref.get_object().get("/Annots", []):
            widget = annot.get_object()
            if widget.get("/T") == field_name or widget.get("/Parent", {}).get("/T") == field_name:
                return index, Box(*(float(v) for v in widget["/Rect"]))
    raise SigningError(f"Không thấy vị trí chữ ký “{field_name}” trên trang nào.",
                       hint="Ký lại từ bản PDF chưa ký.")


def _sign_bytes(data: bytes, request: SignRequest, signer: object, timestamper: object, field_name: str,
                page: int, appearance: Appearance) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    spec = fields.SigFieldSpec(field_name, on_page=page, box=appearance.box.rounded())
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"Chữ ký số của {ROLE_LABELS[request.role]}",
        embed_validation_info=request.long_term,
        validation_context=_validation_context(request) if request.long_term else None,
    )
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=timestamper, stamp_style=appearance.style,
                                   new_field_spec=spec)
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out, appearance_text_params={"info": appearance.info},
                            bytes_reserved=None if request.long_term else
                            SIGNATURE_ROOM + (TIMESTAMP_ROOM if timestamper else 0))
    except Exception as error:  # pyHanko and the key store raise many kinds; the clerk needs one sentence
        raise SigningError(f"Không ký được: {error}.",
                           hint="Kiểm tra token/tệp khóa và máy chủ dấu thời gian rồi ký lại.") from error
    return out.getvalue()


def _validation_context(request: SignRequest) -> object:
    from pyhanko.keys import load_certs_from_pemder
    from pyhanko_certvalidator import ValidationContext

    roots = list(load_certs_from_pemder([str(path) for path in request.trust_roots]))
    return ValidationContext(trust_roots=roots or None, allow_fetching=True, revocation_mode="soft-fail")


def _write_all(signed: list[SignedFile]) -> None:
    """Write every signed copy; on a failure put back what was there before and re-raise."""
    written: list[tuple[Path, bytes | None]] = []
    try:
        for item in signed:
            before = item.target.read_bytes() if item.target.is_file() else None
            atomic_write(item.target, item.data)
            written.append((item.target, before))
    except BaseException:
        for path, before in reversed(written):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        raise
