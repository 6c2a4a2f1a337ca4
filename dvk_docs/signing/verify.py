"""Checking the signatures of a PDF with pyHanko's validator: one report per signature.

A signature is valid when the signed bytes are unchanged (``intact``), the cryptography checks out,
the certificate chains to a trusted root (``trust_roots`` — the Vietnamese root CA a clerk is given,
or the system's store when none is named) and what was added after it is only further signatures or
validation data (form filling at most: no page, no text, no drawing).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import SigningError
from .keys import CertificateInfo
from .sign import iso_time

ALLOWED_AFTER = ("NONE", "LTA_UPDATES", "FORM_FILLING")  #: modification levels a signature survives


@dataclass(frozen=True)
class SignatureReport:
    """One signature of a file, as the clerk reads it."""

    field: str  #: the signature field: nguoi-ky, co-quan (or another program's name)
    valid: bool
    signer: str  #: common name in the certificate
    organisation: str  #: organisation in the certificate
    signed_at: str  #: signing time the signer's computer claims (ISO 8601, Vietnam time), "" = none
    timestamp: str  #: time certified by a timestamp server, "" = none
    intact: bool  #: the signed bytes are unchanged
    trusted: bool  #: the certificate chains to a trusted root
    covers_whole_file: bool  #: nothing at all was added after the signature
    added_after: str  #: "" nothing; "chữ ký khác" (signatures, validation data); "thay đổi khác"
    problems: tuple[str, ...] = ()  #: Vietnamese sentences saying why it is not valid


@dataclass(frozen=True)
class FileReport:
    """Every signature of one file; valid when it has at least one and all are valid."""

    path: Path
    signatures: tuple[SignatureReport, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return bool(self.signatures) and not self.problems and all(s.valid for s in self.signatures)

    def to_dict(self) -> dict[str, object]:
        return {"file": str(self.path), "valid": self.valid, "problems": list(self.problems),
                "signatures": [asdict(s) for s in self.signatures]}


def verify_file(path: Path, trust_roots: tuple[Path, ...] = ()) -> FileReport:
    """Check every signature of ``path`` against ``trust_roots`` (CA certificates, PEM or DER)."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False)
        signatures = reader.embedded_signatures
    except (OSError, PdfReadError, ValueError) as error:
        return FileReport(path, problems=(f"Không đọc được tệp PDF: {error}.",))
    if not signatures:
        return FileReport(path, problems=("Tệp không có chữ ký số nào.",))
    context = validation_context(trust_roots)
    return FileReport(path, tuple(_report(sig, context) for sig in signatures))


def validation_context(trust_roots: tuple[Path, ...]) -> object:
    """The roots a signature must chain to; no network look-ups (revocation data: embedded only)."""
    from pyhanko.keys import load_certs_from_pemder
    from pyhanko_certvalidator import ValidationContext

    missing = [str(path) for path in trust_roots if not Path(path).is_file()]
    if missing:
        raise SigningError(f"Không tìm thấy chứng thư gốc tin cậy “{', '.join(missing)}”.",
                           hint="Ghi đúng đường dẫn tệp chứng thư gốc (.pem/.cer/.crt) sau --tin-cay.")
    roots = list(load_certs_from_pemder([str(path) for path in trust_roots])) if trust_roots else None
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def _report(sig: object, context: object) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError

    try:
        status = validate_pdf_signature(sig, signer_validation_context=context,
                                        ts_validation_context=context)
    except (SignatureValidationError, ValueError) as error:
        return SignatureReport(str(sig.field_name), False, "", "", "", "", False, False, False, "",
                               (f"Không kiểm tra được chữ ký: {error}.",))
    info = CertificateInfo.of(status.signing_cert)
    level = status.modification_level.name if status.modification_level is not None else "OTHER"
    covers = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    added = "" if covers else ("chữ ký khác" if level in ALLOWED_AFTER else "thay đổi khác")
    problems = _problems(status, level)
    stamp = status.timestamp_validity
    return SignatureReport(
        field=str(sig.field_name), valid=not problems, signer=info.name, organisation=info.organisation,
        signed_at=_time(status.signer_reported_dt), timestamp=_time(stamp.timestamp if stamp else None),
        intact=bool(status.intact), trusted=bool(status.trusted), covers_whole_file=covers,
        added_after=added, problems=problems)


def _problems(status: object, level: str) -> tuple[str, ...]:
    problems = []
    if not status.intact:
        problems.append("Nội dung đã bị sửa sau khi ký (dữ liệu được ký không còn nguyên vẹn).")
    elif not status.valid:
        problems.append("Chữ ký không khớp với chứng thư số.")
    if status.intact and not status.trusted:
        problems.append("Chứng thư số không do tổ chức chứng thực tin cậy cấp, hoặc đã hết hạn, bị thu hồi.")
    if level not in ALLOWED_AFTER or status.docmdp_ok is False:
        problems.append("Sau khi ký, tệp bị thêm nội dung khác ngoài chữ ký (trang, chữ, hình vẽ).")
    stamp = status.timestamp_validity
    if stamp is not None and not (stamp.intact and stamp.valid and stamp.trusted):
        problems.append("Dấu thời gian không hợp lệ hoặc không do máy chủ tin cậy cấp.")
    return tuple(problems)


def _time(moment: dt.datetime | None) -> str:
    return iso_time(moment) if moment is not None else ""
