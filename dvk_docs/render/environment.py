"""The Jinja environment every template renders in: sandboxed, strict, XML-escaping, Vietnamese filters.

- ``SandboxedEnvironment``: a template edited by a clerk cannot reach Python internals.
- ``StrictUndefined``: a name the document does not provide is an error, never a silent blank.
- autoescape: values are XML-escaped, so "Phòng Kế hoạch & Tài chính" comes out intact; docxtpl
  turns a line break inside a value into a Word line break.
- finalize: characters a Word file cannot hold (control characters) are removed from every printed
  text, wherever the value came from (the workbook reader removes them too, with a warning), and
  CR LF / CR become one line break.
- arithmetic bombs (``999999999**999999999``, ``'x' * 10**10``) raise ``SecurityError`` at once:
  ``**`` and ``*`` are checked at run time instead of being folded while compiling.
- filters from :mod:`dvk_docs.vntext`: ``date_line``, ``date_words``, ``short_date``,
  ``amount_in_words``, ``number_in_words``, ``leading_zero``, ``format_number``, ``to_roman``,
  ``point_letter``, ``upper`` (Jinja's own filters stay available too).
"""

from __future__ import annotations

import math
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .. import vntext
from ..safety import strip_control_characters

FILTERS = {  #: our filters, by the name templates use
    name: getattr(vntext, name)
    for name in (
        "date_line", "date_words", "short_date", "amount_in_words", "number_in_words",
        "leading_zero", "format_number", "to_roman", "point_letter",
    )
}


MAX_POWER_BITS = 4096  #: largest result of ``**`` a template may compute, in bits
MAX_REPEAT = 100_000  #: longest string or list a template may build with ``*``


class TemplateSandbox(SandboxedEnvironment):
    """The sandbox, with ``**`` and ``*`` guarded against results too large to compute."""

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _power_too_big(left, right):
            raise SecurityError(f"phép lũy thừa {left}**{right} quá lớn, mẫu không được tính")
        if operator == "*" and _repeat_too_long(left, right):
            raise SecurityError("phép nhân chuỗi tạo ra văn bản quá dài, mẫu không được tính")
        return super().call_binop(context, operator, left, right)


def make_environment() -> TemplateSandbox:
    """A new environment for rendering Word templates (see the module docstring)."""
    env = TemplateSandbox(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True,
                          finalize=_printable)
    env.filters.update(FILTERS)
    return env


def _printable(value: Any) -> Any:
    """Plain text without control characters, line ends as "\\n" (one Word line break each);
    markup (already XML) and other values unchanged."""
    if type(value) is not str:
        return value
    return strip_control_characters(value)[0].replace("\r\n", "\n").replace("\r", "\n")


def _power_too_big(base: Any, exponent: Any) -> bool:
    if not isinstance(base, (int, float)) or not isinstance(exponent, (int, float)):
        return False
    if abs(base) <= 1 or exponent <= 0:
        return False
    return exponent * math.log2(abs(base)) > MAX_POWER_BITS


def _repeat_too_long(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count > MAX_REPEAT
    return False
