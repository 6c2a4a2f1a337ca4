"""Document kinds: one module per kind, building its data from the workbook.

:data:`KINDS` is the registry: adding a kind is one module, one template per profile
(``dvk templates build`` writes them) and one line here.
"""

from __future__ import annotations

from ..errors import DvkError
from .danh_sach_dang_ky import KIND as _registration_list
from .kind import DocumentKind, RenderOptions
from .quyet_dinh_cong_nhan import KIND as _decision

KINDS: dict[str, DocumentKind] = {  #: slug -> kind, in the order of the yearly cycle
    kind.name: kind
    for kind in (
        _registration_list,
        _decision,
    )
}

__all__ = ["KINDS", "DocumentKind", "RenderOptions", "get_kind"]


def get_kind(name: str) -> DocumentKind:
    """The kind named ``name``; raises :class:`DvkError` listing the known kinds."""
    kind = KINDS.get(name)
    if kind is None:
        raise DvkError(f"Không có loại văn bản “{name}”. Các loại có: {', '.join(KINDS)}.",
                       hint="Xem danh sách bằng lệnh “dvk render --help”.")
    return kind
