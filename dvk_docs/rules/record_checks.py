"""Checks of registrations and settings: units, models, deadline, targets, signers, text encoding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..errors import CellValueError, Finding
from ..model import Model, Unit, Workbook
from ..vntext import content_key, detect_encoding
from ..workbook.blank_fields import row_problems
from ..workbook.choices import parse_labels
from ..workbook.kind_settings import FORMS_KEY, SUMMARIES_KEY, attached_forms, kind_summaries
from .findings import error, warning
from .locations import cell, setting_cell, sheet_name
from .targets import unit_targets

FIX_TEXT_HINT = (  #: what to do about badly encoded text
    "Bấm “Sửa mã chữ” trên thẻ Dân vận khéo (hoặc chạy “dvk fix-text”) để chuyển sang Unicode dựng sẵn."
)

LABELS_KEY = "field_labels"  #: Cấu hình “Tên cột lĩnh vực”
_ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def check_unit_codes(book: Workbook) -> Iterable[Finding]:
    """duplicate-unit: two rows of Đơn vị with the same code."""
    return _duplicate_codes(book, "units", book.units, "duplicate-unit", "đơn vị")


def check_model_codes(book: Workbook) -> Iterable[Finding]:
    """duplicate-model: two rows of Mô hình with the same code."""
    return _duplicate_codes(book, "models", book.models, "duplicate-model", "mô hình")


def _duplicate_codes(book: Workbook, sheet_key: str, records: Iterable[Unit | Model], code: str,
                     noun: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for record in records:
        if record.code in first:
            yield error(
                code, cell(book, sheet_key, "code", record.row),
                f"Mã {noun} “{record.code}” trùng với dòng {first[record.code]}. "
                f"Mỗi {noun} cần một mã riêng: sửa mã hoặc xóa dòng trùng.",
            )
        elif record.code:
            first[record.code] = record.row


def check_model_units(book: Workbook) -> Iterable[Finding]:
    """unknown-unit: a model's unit code is not in Đơn vị."""
    codes = {unit.code for unit in book.units}
    units = sheet_name(book, "units")
    for model in book.models:
        if model.unit_code and model.unit_code not in codes:
            yield error(
                "unknown-unit", cell(book, "models", "unit_code", model.row),
                f"Mã đơn vị “{model.unit_code}” không có trong sheet “{units}”. "
                f"Thêm đơn vị này vào sheet “{units}” hoặc sửa mã.",
            )


def check_registrations(book: Workbook) -> Iterable[Finding]:
    """duplicate-registration (error): the same unit registered the same model name for the same
    performer twice; similar-registration (warning): same unit and name, different performers.
    Names are compared by content (:func:`~dvk_docs.vntext.content_key`): a copy typed in TCVN3
    or VNI, or differing in case and spacing, is the same registration."""
    first: dict[tuple[str, str], list] = {}
    for model in book.models:
        if not model.name:
            continue
        key = (model.unit_code, content_key(model.name))
        earlier = first.setdefault(key, [])
        same = next((m for m in earlier if content_key(m.performer) == content_key(model.performer)), None)
        if same is not None:
            yield error(
                "duplicate-registration", cell(book, "models", "name", model.row),
                f"Mô hình “{model.name}” của đơn vị “{model.unit_code}” đã đăng ký ở dòng {same.row} "
                f"(mã {same.code}). Xóa dòng đăng ký trùng.",
            )
        elif earlier:
            yield warning(
                "similar-registration", cell(book, "models", "name", model.row),
                f"Đơn vị “{model.unit_code}” có hai mô hình cùng tên “{model.name}” "
                f"(dòng {earlier[0].row} và dòng {model.row}). Nếu là hai mô hình khác nhau, "
                "đặt tên phân biệt; nếu trùng, xóa một dòng.",
            )
        earlier.append(model)


def check_deadline(book: Workbook) -> Iterable[Finding]:
    """late-registration (warning): a model registered after Cấu hình "Hạn đăng ký"."""
    deadline = _as_date(book.settings.get("registration_deadline"))
    if deadline is None:
        return
    for model in book.models:
        registered = _as_date(model.registered_on)
        if registered is not None and registered > deadline:
            yield warning(
                "late-registration", cell(book, "models", "registered_on", model.row),
                f"Mô hình “{model.code}” đăng ký ngày {registered:%d/%m/%Y}, sau hạn đăng ký "
                f"{deadline:%d/%m/%Y} (sheet “{sheet_name(book, 'settings')}”). "
                "Kiểm tra lại ngày đăng ký hoặc ghi rõ lý do đăng ký muộn ở cột “Ghi chú”.",
            )


def check_targets(book: Workbook) -> Iterable[Finding]:
    """below-target (warning): a unit registered fewer models than its target;
    invalid-setting (error): Cấu hình "Chỉ tiêu theo loại đơn vị" cannot be read."""
    try:
        targets = unit_targets(book)
    except CellValueError as bad:
        yield error("invalid-setting", bad.where, f"{bad.message} {bad.hint}")
        return
    for item in targets:
        if item.shortfall == 0:
            continue
        unit = item.unit
        source = ""
        if item.kind_target is not None:
            source = f" (chỉ tiêu của loại “{item.kind_target.kind}” trong sheet “{sheet_name(book, 'settings')}”)"
        field_name = "kind" if item.kind_target is not None else "target"
        yield warning(
            "below-target", cell(book, "units", field_name, unit.row),
            f"Đơn vị “{unit.name}” ({unit.code}) mới đăng ký {item.registered} mô hình, chưa đạt "
            f"chỉ tiêu {item.target} mô hình{source}. Đôn đốc đơn vị đăng ký thêm "
            f"{item.shortfall} mô hình hoặc sửa chỉ tiêu.",
        )


def check_signers(book: Workbook) -> Iterable[Finding]:
    """unknown-signer (error): the default signer is not in Người ký;
    missing-signer (error): Người ký is empty, so no document can have its signature block."""
    signers = sheet_name(book, "signers")
    code = book.settings.text("default_signer")
    if code and all(s.code != code for s in book.signers):
        yield error(
            "unknown-signer", setting_cell(book, "default_signer"),
            f"Người ký mặc định “{code}” không có trong sheet “{signers}”. "
            f"Sửa mã cho đúng cột “Mã” của sheet “{signers}” hoặc thêm người ký đó.",
        )
    if not book.signers:
        yield error(
            "missing-signer", cell(book, "signers", None, None),
            "Chưa có người ký nào nên chưa lập được văn bản (văn bản nào cũng có khối chữ ký). "
            "Nhập họ tên, chức vụ, quyền hạn ký của người ký vào sheet này.",
        )


def check_kind_settings(book: Workbook) -> Iterable[Finding]:
    """invalid-setting (error): Cấu hình “Trích yếu theo loại văn bản”, “Kèm biểu mẫu” or “Tên cột
    lĩnh vực” has an entry render cannot use (render refuses the same entry)."""
    try:
        kind_summaries(book.settings)
    except ValueError as bad:
        yield error("invalid-setting", setting_cell(book, SUMMARIES_KEY),
                    f"Trích yếu theo loại văn bản: {bad} Sửa ô này theo dạng “Loại văn bản=trích yếu”.")
    try:
        attached_forms(book.settings)
    except ValueError as bad:
        yield error("invalid-setting", setting_cell(book, FORMS_KEY), f"Kèm biểu mẫu: {bad} Sửa ô này.")
    try:
        parse_labels(book.settings.get(LABELS_KEY) or ())
    except ValueError as bad:
        yield error("invalid-setting", setting_cell(book, LABELS_KEY), f"Tên cột lĩnh vực: {bad}. Sửa ô này.")


def check_blank_layout(book: Workbook) -> Iterable[Finding]:
    """invalid-blank-field: a row of Vị trí in phôi that printing on blanks refuses (an unknown
    field, X or Y off the sheet, a width or font size that is not positive), with render's sentence."""
    for row in book.blank_layout:
        for problem in row_problems(row):
            yield error("invalid-blank-field", cell(book, "blank_layout", problem.column, row.row), problem.text)


def check_texts(book: Workbook) -> Iterable[Finding]:
    """legacy-encoding: text typed in TCVN3 (ABC) or VNI; nfd-text: decomposed Unicode."""
    for ref, text in book.texts:
        encoding = detect_encoding(text)
        if encoding in _ENCODING_NAMES:
            yield warning(
                "legacy-encoding", ref,
                f"Chữ trong ô này gõ bằng bảng mã {_ENCODING_NAMES[encoding]}: “{_excerpt(text)}”. "
                + FIX_TEXT_HINT,
            )
        elif encoding == "nfd":
            yield warning(
                "nfd-text", ref,
                f"Chữ trong ô này là Unicode tổ hợp, dễ sai khi tìm kiếm, sắp xếp: “{_excerpt(text)}”. "
                + FIX_TEXT_HINT,
            )


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
