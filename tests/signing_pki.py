"""A throwaway test PKI made with ``cryptography``: a root CA, people, an issuing body, a TSA.

Used by the signing tests and the signing benchmark. :func:`make_pki` writes PEM and PKCS#12 files
into a folder; :func:`make_token` puts two of its keys on a SoftHSM2 token; :func:`serve_tsa` runs an RFC 3161 timestamp server on 127.0.0.1 (pyHanko's
in-process ``DummyTimeStamper`` answers the requests, behind a real HTTP server).
"""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SOFTHSM_MODULES = (Path("/usr/lib/softhsm/libsofthsm2.so"),
                   Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"))  #: Debian's softhsm2
PASSWORD = "12345678"  #: the password of every PKCS#12 file (and the SoftHSM2 user PIN)
SIGNER_NAME = "Đinh Thị Thu Trang"  #: the person of the sample workbooks' Người ký
BODY_NAME = "Ủy ban nhân dân huyện Yên Bình"  #: the issuing body's certificate


@dataclass(frozen=True)
class Identity:
    """A key and its certificate, written as ``<name>.p12``, ``<name>.key.pem``, ``<name>.pem``."""

    p12: Path
    key_pem: Path
    cert_pem: Path
    key: rsa.RSAPrivateKey
    cert: x509.Certificate


@dataclass(frozen=True)
class Pki:
    root: Path  #: the root CA certificate (PEM): what verifiers trust
    person: Identity  #: SIGNER_NAME, organisation BODY_NAME
    body: Identity  #: BODY_NAME
    expired: Identity  #: SIGNER_NAME, expired a year ago
    tsa: Identity  #: a timestamp authority
    stranger: Identity  #: SIGNER_NAME, self-signed (a re-signed forgery)


def make_pki(folder: Path) -> Pki:
    """Generate the whole PKI into ``folder`` (RSA 2048, about a second)."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc)
    root_key = _key()
    root_name = _name("DVK Test Root CA", "DVK Test")
    root = _cert(root_name, root_name, root_key, root_key.public_key(), now - dt.timedelta(days=30),
                 now + dt.timedelta(days=3650), ca=True)
    root_path = folder / "root.pem"
    root_path.write_bytes(root.public_bytes(serialization.Encoding.PEM))

    def issue(stem: str, name: x509.Name, start: dt.datetime, end: dt.datetime, *, tsa: bool = False,
              self_signed: bool = False) -> Identity:
        key = _key()
        issuer_key, issuer = (key, name) if self_signed else (root_key, root_name)
        cert = _cert(name, issuer, issuer_key, key.public_key(), start, end, tsa=tsa)
        chain = None if self_signed else [root]
        p12 = folder / f"{stem}.p12"
        p12.write_bytes(pkcs12.serialize_key_and_certificates(
            stem.encode(), key, cert, chain,
            serialization.BestAvailableEncryption(PASSWORD.encode())))
        key_pem = folder / f"{stem}.key.pem"
        key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
        cert_pem = folder / f"{stem}.pem"
        cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return Identity(p12, key_pem, cert_pem, key, cert)

    valid = (now - dt.timedelta(days=1), now + dt.timedelta(days=365))
    return Pki(
        root=root_path,
        person=issue("nguoi-ky", _name(SIGNER_NAME, BODY_NAME), *valid),
        body=issue("co-quan", _name(BODY_NAME, BODY_NAME), *valid),
        expired=issue("het-han", _name(SIGNER_NAME, BODY_NAME), now - dt.timedelta(days=730),
                      now - dt.timedelta(days=365)),
        tsa=issue("tsa", _name("DVK Test TSA", "DVK Test"), *valid, tsa=True),
        stranger=issue("gia-mao", _name(SIGNER_NAME, BODY_NAME), *valid, self_signed=True),
    )


def softhsm_module() -> Path | None:
    """The SoftHSM2 PKCS#11 module when softhsm2 is installed, else None."""
    if shutil.which("softhsm2-util") is None:
        return None
    return next((module for module in SOFTHSM_MODULES if module.is_file()), None)


def make_token(folder: Path, module: Path, pki: Pki) -> None:
    """A SoftHSM2 token "dvk" (PIN = PASSWORD) in ``folder`` with the person's and the body's keys and
    certificates, labelled nguoi-ky and co-quan. Sets ``SOFTHSM2_CONF`` for this process."""
    import pkcs11

    (folder / "tokens").mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", encoding="utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = shutil.which("softhsm2-util")
    subprocess.run([util, "--init-token", "--free", "--label", "dvk", "--pin", PASSWORD,
                    "--so-pin", "87654321"], check=True, capture_output=True)
    for number, (label, identity) in enumerate((("nguoi-ky", pki.person), ("co-quan", pki.body)), 1):
        subprocess.run([util, "--import", str(identity.key_pem), "--token", "dvk", "--label", label,
                        "--id", f"{number:02x}", "--pin", PASSWORD], check=True, capture_output=True)
        with pkcs11.lib(str(module)).get_token(token_label="dvk").open(rw=True, user_pin=PASSWORD) as session:
            session.create_object({
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True, pkcs11.Attribute.LABEL: label,
                pkcs11.Attribute.ID: bytes([number]),
                pkcs11.Attribute.SUBJECT: identity.cert.subject.public_bytes(),
                pkcs11.Attribute.VALUE: identity.cert.public_bytes(serialization.Encoding.DER),
            })


@contextmanager
def serve_tsa(tsa: Identity, root: Path) -> Iterator[str]:
    """An RFC 3161 timestamp server on 127.0.0.1; yields its URL. Stops when the block ends."""
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    stamper = DummyTimeStamper(
        tsa_cert=load_cert_from_pemder(str(tsa.cert_pem)),
        tsa_key=load_private_key_from_pemder(str(tsa.key_pem), passphrase=None),
        certs_to_embed=[asn1_x509.Certificate.load(load_cert_from_pemder(str(root)).dump())])

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 -- http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsa"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _cert(subject: x509.Name, issuer: x509.Name, issuer_key: rsa.RSAPrivateKey, public_key: object,
          start: dt.datetime, end: dt.datetime, *, ca: bool = False, tsa: bool = False) -> x509.Certificate:
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            issuer_key.public_key()), critical=False)
    if tsa:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                                        critical=True)
    return builder.sign(issuer_key, hashes.SHA256())
