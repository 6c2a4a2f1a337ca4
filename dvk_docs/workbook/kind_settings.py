"""Cấu hình settings given per document kind: “Trích yếu theo loại văn bản” and “Kèm biểu mẫu”.

“Trích yếu theo loại văn bản”: each entry is ``Loại văn bản=trích yếu`` (the kind by its printed name or its code, entries
separated by ``;`` or a line break); ``{nam}`` in the text becomes the year. A kind without an
entry keeps the trích yếu the program writes. “Kèm biểu mẫu”: the kinds that print their forms
(Kế hoạch: three appendices; Hướng dẫn: the registration list); a kind left out ends with its
signature, in one portrait section. Both are read by the document kinds (through
:func:`~dvk_docs.documents.parts.common_context`) and checked by ``dvk validate`` with the same
functions, so a bad entry is an error there before ``render`` meets it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Settings
from .choices import choice_list, did_you_mean

SUMMARIES_KEY = "summaries"  #: the Cấu hình key of the trích yếu
FORMS_KEY = "attached_forms"  #: the Cấu hình key of “Kèm biểu mẫu”
DEFAULT_FORMS = ("Kế hoạch", "Hướng dẫn")  #: kinds with forms; a book without the key keeps them
YEAR_MARK = "{nam}"  #: replaced by the year (text, never a format string)


def kind_summaries(settings: Settings) -> Mapping[str, str]:
    """Kind code -> the clerk's trích yếu (``{nam}`` not yet replaced).

    Raises ValueError (Vietnamese sentences, ending in "." or "?") for an entry without "=", with an empty side, or
    naming no document kind.
    """
    summaries: dict[str, str] = {}
    for entry in settings.items(SUMMARIES_KEY):
        name, _, text = entry.partition("=")
        if not name.strip() or not text.strip():
            raise ValueError(f"mục “{entry}” không đúng dạng “Loại văn bản=trích yếu” (ví dụ: Quyết "
                             "định công nhận=Về việc công nhận mô hình “Dân vận khéo” năm {nam}).")
        summaries[_kind_code(name)] = text.strip()
    return summaries


def summary_for(settings: Settings, kind: str, year: int) -> str | None:
    """The clerk's trích yếu of ``kind`` with the year in it, or None (the program's own)."""
    text = kind_summaries(settings).get(kind)
    return text.replace(YEAR_MARK, str(year)) if text else None


def attached_forms(settings: Settings) -> frozenset[str]:
    """The codes of the kinds that print their attached forms (:data:`DEFAULT_FORMS` when the book
    has no “Kèm biểu mẫu” row). Raises ValueError (Vietnamese) for a name that is no kind."""
    names = settings.items(FORMS_KEY) if FORMS_KEY in settings.rows else DEFAULT_FORMS
    return frozenset(_kind_code(name) for name in names)


def _kind_code(name: str) -> str:
    kinds = choice_list("document_kind")
    code = kinds.resolve(name)
    if code is None or code == "*":
        hint = did_you_mean(kinds.nearest(name))
        raise ValueError(f"không có loại văn bản “{name.strip()}”." + (f" {hint}" if hint else ""))
    return code
