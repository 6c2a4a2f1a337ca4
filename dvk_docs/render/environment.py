"""The Jinja environment every template renders in: sandboxed, strict, XML-escaping, Vietnamese filters.

- ``SandboxedEnvironment``: a template edited by a clerk cannot reach Python internals.
- ``StrictUndefined``: a name the document does not provide is an error, never a silent blank.
- autoescape: values are XML-escaped, so "Phòng Kế hoạch & Tài chính" comes out intact; docxtpl
  turns a line break inside a value into a Word line break.
- filters from :mod:`dvk_docs.vntext`: ``date_line``, ``date_words``, ``short_date``,
  ``amount_in_words``, ``number_in_words``, ``leading_zero``, ``format_number``, ``to_roman``,
  ``point_letter``, ``upper`` (Jinja's own filters stay available too).
"""

from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .. import vntext

FILTERS = {  #: our filters, by the name templates use
    name: getattr(vntext, name)
    for name in (
        "date_line", "date_words", "short_date", "amount_in_words", "number_in_words",
        "leading_zero", "format_number", "to_roman", "point_letter",
    )
}


def make_environment() -> SandboxedEnvironment:
    """A new environment for rendering Word templates (see the module docstring)."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True,
                               keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env
