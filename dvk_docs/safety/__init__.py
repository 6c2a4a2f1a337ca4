"""Reliability and security guards shared by every layer (no third-party imports here).

- :mod:`.packages`: zip/XML guards for input .xlsx/.xlsm/.docx (:func:`check_package`).
- :mod:`.cells`: formula-like text stays text in written .xlsx files (:func:`store_text`,
  :func:`excel_input`); characters a file cannot hold (:func:`strip_control_characters`);
  invisible zero-width/direction characters in codes and file names (:func:`strip_invisible_characters`).
- :mod:`.files`: outputs written to a temporary name and renamed into place (:func:`atomic_write`).
"""

from __future__ import annotations

from .cells import (
    FORMULA_STARTS,
    Formula,
    excel_input,
    is_formula_like,
    store_text,
    strip_control_characters,
    strip_invisible_characters,
)
from .files import (
    TEMP_PREFIX,
    atomic_path,
    atomic_write,
    is_process_alive,
    is_temporary,
    remove_stale_temporaries,
)
from .packages import MAX_MEMBERS, MAX_RATIO, MAX_UNPACKED_BYTES, check_package

__all__ = [
    "FORMULA_STARTS", "Formula", "MAX_MEMBERS", "MAX_RATIO", "MAX_UNPACKED_BYTES", "TEMP_PREFIX", "atomic_path",
    "atomic_write", "check_package", "excel_input", "is_formula_like", "is_process_alive", "is_temporary",
    "remove_stale_temporaries", "store_text", "strip_control_characters", "strip_invisible_characters",
]
