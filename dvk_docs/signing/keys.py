"""The signing key: a PKCS#12 file (.p12/.pfx) or a PKCS#11 token (the USB tokens Vietnamese CAs issue).

:func:`open_key` checks what a clerk can get wrong before anything is signed — a missing file or
module, a wrong PIN or password, a certificate that expired or is not valid yet, a token without a
key — and says so in Vietnamese. The PIN is only passed on to the key store: never kept, never logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509
from pyhanko.sign.signers import Signer

from .errors import SigningError, WrongPinError

TOKEN_HINT = "Kiểm tra token đã cắm vào máy và đường dẫn thư viện PKCS#11 do nhà cung cấp chữ ký số cài đặt."


@dataclass(frozen=True)
class KeySource:
    """Where the key is: exactly one of ``p12`` (a PKCS#12 file) or ``pkcs11`` (a module path)."""

    p12: Path | None = None
    pkcs11: Path | None = None
    key_label: str | None = None  #: the key's label on the token; None = the token's only key

    def describe(self) -> str:
        """The key store in a message: "tệp khóa “ky.p12”" or "token (thư viện “…”)"."""
        if self.p12 is not None:
            return f"tệp khóa “{self.p12.name}”"
        return f"token (thư viện “{self.pkcs11}”)"


@dataclass(frozen=True)
class KeyAccess:
    """A PKCS#12 key file and its password, for worker processes that each open the key themselves.

    Handed to them in memory (the process pool's initializer arguments); the password is left out of
    ``repr`` so no log or traceback shows it, and it is never written anywhere.
    """

    source: KeySource
    pin: str = field(repr=False)


@dataclass(frozen=True)
class CertificateInfo:
    """Who a certificate names: the common name (person or body) and the organisation."""

    name: str
    organisation: str
    not_after: dt.datetime

    @classmethod
    def of(cls, cert: x509.Certificate) -> CertificateInfo:
        subject = cert.subject.native
        return cls(str(subject.get("common_name", "")), str(subject.get("organization_name", "")),
                   cert.not_valid_after)


def check_source(source: KeySource) -> None:
    """Refuse a source that names no key store, both, or a file that is not there."""
    if (source.p12 is None) == (source.pkcs11 is None):
        raise SigningError("Cần chọn đúng một nơi giữ khóa ký: --p12 TỆP.p12 hoặc --pkcs11 THƯ_VIỆN.",
                           hint="Tệp .p12/.pfx cho chứng thư số dạng tệp; --pkcs11 cho USB token.")
    if source.p12 is not None and not source.p12.is_file():
        raise SigningError(f"Không tìm thấy tệp khóa “{source.p12}”.",
                           hint="Ghi đúng đường dẫn tệp .p12/.pfx của chứng thư số.")
    if source.pkcs11 is not None and not source.pkcs11.is_file():
        raise SigningError(f"Không tìm thấy thư viện PKCS#11 “{source.pkcs11}”.", hint=TOKEN_HINT)


@contextmanager
def open_key(source: KeySource, pin: str, *, now: dt.datetime | None = None) -> Iterator[Signer]:
    """A pyHanko signer for ``source`` unlocked with ``pin``, closed afterwards (token session).

    Raises :class:`WrongPinError` for a wrong PIN/password and :class:`SigningError` for anything
    else a clerk must fix (missing file/module, no key, certificate expired or not valid yet).
    """
    check_source(source)
    if source.p12 is not None:
        yield open_p12(source.p12, pin, now=now)
        return
    with _token_signer(source, pin) as signer:
        check_validity(signer.signing_cert, now or dt.datetime.now(dt.timezone.utc))
        yield signer


def open_p12(path: Path, pin: str, *, now: dt.datetime | None = None) -> Signer:
    """The signer of the PKCS#12 file ``path``, checked like :func:`open_key` (nothing to close)."""
    signer = _p12_signer(path, pin)
    check_validity(signer.signing_cert, now or dt.datetime.now(dt.timezone.utc))
    return signer


def check_validity(cert: x509.Certificate, now: dt.datetime) -> None:
    """Refuse a certificate outside its validity period (dates shown dd/mm/yyyy)."""
    info = CertificateInfo.of(cert)
    if now > cert.not_valid_after:
        raise SigningError(
            f"Chứng thư số của “{info.name}” đã hết hạn ngày {cert.not_valid_after:%d/%m/%Y}; "
            "chữ ký bằng chứng thư này không có giá trị.",
            hint="Gia hạn chứng thư số với nhà cung cấp dịch vụ chứng thực rồi ký lại.")
    if now < cert.not_valid_before:
        raise SigningError(
            f"Chứng thư số của “{info.name}” chỉ có hiệu lực từ ngày {cert.not_valid_before:%d/%m/%Y}.",
            hint="Kiểm tra ngày giờ của máy tính, hoặc chờ đến ngày chứng thư có hiệu lực.")


def _p12_signer(path: Path, pin: str) -> Signer:
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    data = path.read_bytes()
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, pin.encode("utf-8") if pin else None)
    except ValueError as error:
        if _is_pkcs12(data):
            raise WrongPinError(f"Sai mật khẩu của {KeySource(p12=path).describe()}.",
                                hint="Nhập lại mật khẩu (phân biệt chữ hoa, chữ thường).") from None
        raise SigningError(f"Tệp “{path.name}” không phải tệp khóa PKCS#12 (.p12/.pfx).",
                           hint="Xuất lại chứng thư số kèm khóa riêng ra tệp .p12.") from error
    if key is None or cert is None:
        raise SigningError(f"Tệp “{path.name}” không có khóa riêng kèm chứng thư số.",
                           hint="Xuất lại chứng thư số kèm khóa riêng (private key) ra tệp .p12.")
    signer = SimpleSigner.load_pkcs12(path, passphrase=pin.encode("utf-8") if pin else None)
    if signer is None:  # pyHanko logs and returns None on a format it cannot use
        raise SigningError(f"Không dùng được tệp khóa “{path.name}”.",
                           hint="Xuất lại chứng thư số kèm khóa riêng ra tệp .p12 (RSA hoặc ECDSA).")
    return _loaded_key_signer(signer, key)


def _loaded_key_signer(signer: Signer, key: object) -> Signer:
    """``signer`` signing with ``key`` as loaded once.

    pyHanko's ``SimpleSigner`` parses and re-checks the private key for every signature, twice (the
    size estimate signs too): 0.45 s of the 0.5 s a signature took with a 2048-bit RSA key. RSA
    PKCS#1 v1.5 and ECDSA — what Vietnamese CAs issue — sign with the loaded key; a size estimate
    with RSA needs only the signature's length; anything else goes to pyHanko as before.
    """
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.general import get_pyca_cryptography_hash
    from pyhanko.sign.signers import SimpleSigner

    class LoadedKeySigner(SimpleSigner):
        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
                return bytes(key.key_size // 8) if dry_run else key.sign(data, PKCS1v15(), hash_algorithm)
            if mechanism == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
                return key.sign(data, ECDSA(hash_algorithm))
            return self.sign_raw(data, digest_algorithm)

    return LoadedKeySigner(signing_cert=signer.signing_cert, signing_key=signer.signing_key,
                           cert_registry=signer.cert_registry)


def _is_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 -- parses the whole structure
    except (ValueError, TypeError):
        return False
    return True


@contextmanager
def _token_signer(source: KeySource, pin: str) -> Iterator[Signer]:
    try:
        import pkcs11
        from pyhanko.sign import pkcs11 as hanko_pkcs11
    except ImportError:
        raise SigningError("Máy này chưa cài phần ký bằng USB token (python-pkcs11).",
                           hint="Cài bằng lệnh: pip install \"dvk-docs[token]\"") from None
    try:
        session = _only_token(pkcs11, source).open(user_pin=pin)
    except (pkcs11.PinIncorrect, pkcs11.PinInvalid, pkcs11.PinLenRange):
        raise WrongPinError("Sai mã PIN của token.",
                            hint="Nhập lại mã PIN; nhập sai nhiều lần liên tiếp token sẽ bị khóa.") from None
    except pkcs11.PinLocked:
        raise SigningError("Token đã bị khóa do nhập sai mã PIN nhiều lần.",
                           hint="Liên hệ nhà cung cấp chữ ký số để mở khóa token.") from None
    except (pkcs11.PKCS11Error, hanko_pkcs11.PKCS11Error, RuntimeError, OSError) as error:
        raise SigningError(f"Không mở được {source.describe()}: {error}.", hint=TOKEN_HINT) from None
    try:
        label = source.key_label or _only_key_label(session, pkcs11)
        try:
            signer = hanko_pkcs11.PKCS11Signer(session, key_label=label, cert_label=label)
            signer.signing_cert  # noqa: B018 -- fetched now so a missing certificate fails here
        except (pkcs11.PKCS11Error, hanko_pkcs11.PKCS11Error) as error:
            raise SigningError(f"Token không có khóa và chứng thư số nhãn “{label}” ({error}).",
                               hint="Bỏ --key-label để dùng khóa duy nhất trên token, hoặc ghi đúng nhãn.") \
                from None
        yield signer
    finally:
        session.close()


def _only_token(pkcs11: object, source: KeySource) -> object:
    """The one initialised token the module shows (SoftHSM and card readers add empty slots)."""
    library = pkcs11.lib(str(source.pkcs11))
    tokens = [slot.get_token() for slot in library.get_slots(token_present=True)]
    tokens = [t for t in tokens if t.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED]
    if len(tokens) == 1:
        return tokens[0]
    if not tokens:
        raise SigningError(f"Không thấy token nào qua {source.describe()}.", hint=TOKEN_HINT)
    raise SigningError(f"Đang cắm {len(tokens)} token: {', '.join(t.label for t in tokens)}.",
                       hint="Chỉ cắm token của người (cơ quan) đang ký rồi ký lại.")


def _only_key_label(session: object, pkcs11: object) -> str:
    """The label of the token's single private key; an error listing them when there are several."""
    keys = list(session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY}))
    labels = [key.label for key in keys]
    if len(labels) == 1:
        return labels[0]
    if not labels:
        raise SigningError("Token không có khóa ký nào.", hint=TOKEN_HINT)
    raise SigningError(f"Token có {len(labels)} khóa: {', '.join(labels)}.",
                       hint="Chọn khóa bằng --key-label NHÃN.")
