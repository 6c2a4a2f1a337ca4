"""Document kinds: one module per kind, building its data from the workbook.

:data:`KINDS` is the registry: adding a kind is one module, one template per profile
(``dvk templates build`` writes them) and one line here.
"""

from __future__ import annotations

from ..errors import DvkError
from .bien_ban_kiem_phieu import KIND as _tally_minutes
from .danh_sach_dang_ky import KIND as _registration_list
from .danh_sach_nhan_thuong import KIND as _receipt_list
from .danh_sach_tuyen_duong import KIND as _ceremony_list
from .giay_chung_nhan import KIND as _certificate
from .giay_moi import KIND as _invitation
from .huong_dan import KIND as _guidance
from .ke_hoach import KIND as _plan
from .kind import DocumentKind, RenderOptions
from .phieu_binh_chon import KIND as _ballot
from .phieu_cham_diem import KIND as _score_sheet
from .phoi_giay_chung_nhan import KIND as _blank_certificate
from .quyet_dinh_cong_nhan import KIND as _decision
from .tong_hop_dang_ky import KIND as _registration_summary
from .tong_hop_ket_qua import KIND as _results_summary

KINDS: dict[str, DocumentKind] = {  #: slug -> kind, in the order of the yearly cycle
    kind.name: kind
    for kind in (
        _plan,
        _guidance,
        _registration_list,
        _registration_summary,
        _score_sheet,
        _results_summary,
        _ballot,
        _tally_minutes,
        _decision,
        _certificate,
        _blank_certificate,
        _invitation,
        _ceremony_list,
        _receipt_list,
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
