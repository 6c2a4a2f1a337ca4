"""The sheet “Vị trí in phôi”: the texts a certificate prints on a pre-printed blank, and what a row
may hold.

One source for the sentence about a bad row: ``dvk validate`` reports it
(:func:`dvk_docs.rules.record_checks.check_blank_layout`) and printing on blanks refuses with it
(:func:`dvk_docs.documents.phoi_giay_chung_nhan.field_layout`), naming the same cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..model import BlankField
from ..vntext import fold_key

FIELDS = {  #: field name -> the label clerks use in “Vị trí in phôi”
    "dong_chinh": "Người nhận",
    "dong_phu": "Đơn vị",
    "mo_hinh": "Mô hình",
    "thanh_tich": "Thành tích",
    "can_cu_khen": "Căn cứ",
    "so_vao_so": "Số vào sổ",
    "ngay_thang": "Địa danh, ngày tháng",
    "quyen_han": "Quyền hạn ký",
    "chuc_vu": "Chức vụ người ký",
    "nguoi_ky": "Người ký",
}
SHEET_MM = {"x": Decimal(297), "y": Decimal(210)}  #: the blank's sheet, A4 landscape: X and Y stay on it
MAX_SIZE = Decimal(1638)  #: the largest font size Word accepts, in points
MEASURE_HINT = "Đo lại trên trang căn chỉnh (nút “Trang căn chỉnh phôi”, lệnh --mode can-chinh) rồi sửa ô này."


@dataclass(frozen=True)
class RowProblem:
    """Why a row of Vị trí in phôi cannot be printed: the column (field) of the cell to fix, the
    sentence and what to do."""

    column: str
    message: str
    hint: str

    @property
    def text(self) -> str:
        """The sentence and what to do, as one finding's message."""
        return f"{self.message} {self.hint}"


def field_key(name: str) -> str | None:
    """The field a row names (its label “Người nhận” or its name ``dong_chinh``, any case or
    accents), or None."""
    wanted = fold_key(name)
    return next((key for key, label in FIELDS.items() if wanted in (fold_key(key), fold_key(label))), None)


def row_problems(row: BlankField) -> Iterator[RowProblem]:
    """Every reason ``row`` cannot be printed: a field that does not exist, X or Y off the sheet, a
    width or a font size that is not positive (an empty cell keeps the default and is no problem)."""
    if row.field and field_key(row.field) is None:
        yield RowProblem("field", f"Không có trường “{row.field}” để in trên phôi.",
                         f"Các trường: {', '.join(FIELDS.values())}.")
    for axis, edge in SHEET_MM.items():
        value = getattr(row, axis)
        if value is not None and not 0 <= value <= edge:
            yield RowProblem(axis, f"{axis.upper()} = {format_mm(value)} mm nằm ngoài tờ phôi (khổ A4 ngang: "
                             f"{axis.upper()} từ 0 đến {format_mm(edge)} mm).", MEASURE_HINT)
    if row.width is not None and row.width <= 0:
        yield RowProblem("width", f"Bề rộng dòng chữ {format_mm(row.width)} mm phải lớn hơn 0.",
                         "Sửa ô này, hoặc để trống để dùng bề rộng của thể thức.")
    if row.size is not None and not 1 <= row.size <= MAX_SIZE:
        yield RowProblem("size", f"Cỡ chữ {format_mm(row.size)} không dùng được: cần từ 1 đến "
                         f"{format_mm(MAX_SIZE)}.", "Sửa ô này, hoặc để trống để dùng cỡ chữ của thể thức.")


def format_mm(value: Decimal) -> str:
    """"40", "180,5": a number of the sheet as clerks write it."""
    return f"{value.normalize():f}".replace(".", ",")
