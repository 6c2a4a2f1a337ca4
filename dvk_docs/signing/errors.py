"""The signing errors a clerk reads (Vietnamese), all exit code 1 unless a file cannot be written."""

from __future__ import annotations

from ..errors import DvkError


class SigningError(DvkError):
    """A document cannot be signed: key, PIN, certificate, token, or the PDF itself."""


class WrongPinError(SigningError):
    """The PIN of the token or the password of the PKCS#12 file is wrong."""
