"""Coded values: every name a clerk may type for an entry of a drop-down list, and the nearest
entries for a value that is none of them.

Each entry of a list (:data:`~.schema.CHOICES`) is accepted under its printed name, its code and its
short labels (:data:`ALIASES`; Lĩnh vực also under Cấu hình "Tên cột lĩnh vực" and the automatic
abbreviation "VH-XH"), compared with :func:`~dvk_docs.vntext.fold_key` (case, spacing, punctuation
and tone placement aside). :func:`canonical_choices` rewrites every accepted spelling of a workbook
to the entry's value as the reader's last step, so the rest of the program sees one spelling.
Anything else stays as typed and ``dvk validate`` reports it with "Có phải … không?" from
:meth:`ChoiceList.nearest` (diacritics aside: "Kinh te" → "Kinh tế").
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

from ..model import Settings, Workbook
from ..vntext import fold_key, plain_key
from .schema import CHOICES, PROFILE_CHOICES, SETTINGS, SHEETS, Column

ALIASES: Mapping[str, Mapping[str, tuple[str, ...]]] = {  #: list -> entry -> codes and short labels
    "subject": {"Tập thể": ("TT",), "Cá nhân": ("CN",)},
    "status": {
        "Mới": ("Đăng ký mới", "Xây dựng mới", "Đăng ký xây dựng mới"),
        "Duy trì": ("Tiếp tục đăng ký", "Tiếp tục duy trì", "Tiếp tục"),
    },
    "category": {"Mô hình": ("MH",), "Điển hình": ("ĐH",)},
    "authority": {"TM.": ("Thay mặt",), "KT.": ("Ký thay",), "Q.": ("Quyền",), "TL.": ("Thừa lệnh",),
                  "TUQ.": ("Thừa ủy quyền",)},
    "profile": {label: (code,) for label, code in PROFILE_CHOICES.items()},
    "field": {  #: the column labels of seed 000's and seed 003's lists
        "Kinh tế": ("KT",),
        "Văn hóa - xã hội": ("VH-XH", "VHXH"),
        "Quốc phòng - an ninh": ("ANQP", "QP-AN", "QPAN", "An ninh - quốc phòng"),
        "Xây dựng Đảng và hệ thống chính trị": ("Xây dựng HTCT", "XD HTCT", "Xây dựng hệ thống chính trị"),
    },
    "document_kind": {  #: printed name -> code (``dvk render KIND``); tests keep it equal to KINDS
        "Kế hoạch": ("ke-hoach",),
        "Hướng dẫn": ("huong-dan",),
        "Danh sách đăng ký": ("danh-sach-dang-ky",),
        "Biểu tổng hợp đăng ký": ("tong-hop-dang-ky", "Tổng hợp đăng ký"),
        "Biểu chấm điểm": ("phieu-cham-diem", "Phiếu chấm điểm"),
        "Biểu tổng hợp kết quả": ("tong-hop-ket-qua", "Tổng hợp kết quả"),
        "Phiếu bình chọn": ("phieu-binh-chon",),
        "Biên bản kiểm phiếu": ("bien-ban-kiem-phieu",),
        "Quyết định công nhận": ("quyet-dinh-cong-nhan", "Quyết định"),
        "Giấy chứng nhận": ("giay-chung-nhan",),
        "In trên phôi giấy chứng nhận": ("phoi-giay-chung-nhan", "In trên phôi"),
        "Giấy mời": ("giay-moi",),
        "Danh sách tuyên dương": ("danh-sach-tuyen-duong",),
        "Danh sách nhận thưởng": ("danh-sach-nhan-thuong",),
    },
}
CODED = frozenset({"document_kind"})  #: lists whose value is the code (first alias), not the name
ALL_KINDS = "*"  #: Nơi nhận › Loại văn bản of lines shared by every document
SUGGESTIONS = 3  #: at most this many entries in "Có phải … không?"

_PART = re.compile(r"\s+-\s+|\s*[–/]\s*")  #: "Văn hóa - xã hội": parts of a field name
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ChoiceList:
    """One drop-down list: its entries (value and printed name) and every accepted spelling."""

    entries: tuple[tuple[str, str], ...]  #: (value, printed name) in order
    spellings: Mapping[str, str]  #: fold_key(name, code or label) -> value

    @property
    def names(self) -> tuple[str, ...]:
        """The printed names, in order (what the drop-down offers)."""
        return tuple(name for _, name in self.entries)

    def resolve(self, text: str) -> str | None:
        """The value ``text`` stands for, or None when it is no spelling of an entry. An entry typed
        exactly is itself, even when another folds the same ("T/M" and "TM.")."""
        exact = next((value for value, name in self.entries if name == text.strip()), None)
        return exact or self.spellings.get(_key(text))

    def nearest(self, text: str) -> tuple[str, ...]:
        """The printed names of the entries closest to ``text`` (accents, case and spacing aside):
        those it spells or is part of ("An ninh" → "Quốc phòng - an ninh"), else the most similar
        (:func:`difflib.get_close_matches`); empty when none is close."""
        names = dict(self.entries)
        plain = {plain_key(spelling): value for spelling, value in self.spellings.items()}
        wanted = plain_key(fold_key(text))
        close = [value for spelling, value in plain.items()
                 if spelling == wanted or (len(wanted) >= 4 and wanted in spelling)]
        if not close:
            close = [plain[p] for p in difflib.get_close_matches(wanted, list(plain), SUGGESTIONS, 0.6)]
        return tuple(dict.fromkeys(names[value] for value in close))[:SUGGESTIONS]


def choice_list(key: str, settings: Settings | None = None) -> ChoiceList:
    """The list ``key`` of :data:`~.schema.CHOICES` (Lĩnh vực: Cấu hình "Danh mục lĩnh vực" when
    given, with its "Tên cột lĩnh vực" labels; Nơi nhận › Loại văn bản: also "*")."""
    if key != "field" or settings is None:
        return _choice_list(key, CHOICES[key], ())
    labels = settings.get("field_labels") or ()
    return _choice_list(key, settings.items("fields") or CHOICES[key],
                        labels if isinstance(labels, str) else tuple(labels))  # type: ignore[arg-type]


@functools.lru_cache(maxsize=64)  # one list serves every cell of a column
def _choice_list(key: str, names: tuple[str, ...], given_labels: str | tuple[str, ...]) -> ChoiceList:
    labels = {field: (label,) for field, label in _labels(given_labels).items()}
    aliases = ALIASES.get(key, {})
    entries, spellings = [], {}
    for name in names:
        own = (*aliases.get(name, ()), *labels.get(fold_key(name), ()))
        if key == "field":
            own += (abbreviate(name),)
        value = own[0] if key in CODED and own else name
        entries.append((value, name))
        for spelling in (name, *own):
            spellings.setdefault(_key(spelling), value)
    return ChoiceList(tuple(entries), spellings)


def did_you_mean(names: Sequence[str]) -> str:
    """"Có phải “Kinh tế” không?" / "Có phải “A” hoặc “B” không?"; "" for no names."""
    if not names:
        return ""
    return "Có phải " + " hoặc ".join(f"“{name}”" for name in names) + " không?"


def canonical_choices(book: Workbook) -> Workbook:
    """``book`` with every coded value typed as a name, code or label replaced by the entry's
    value (settings and data sheets); values that are no spelling of an entry are left as typed."""
    settings_values = dict(book.settings.values)
    for column in SETTINGS.columns:
        value = settings_values.get(column.field)
        if column.choices and isinstance(value, str):
            settings_values[column.field] = _canonical(column, value, book.settings)
    batch = book.settings.values.get("batch_kinds")
    if isinstance(batch, tuple):
        kinds = choice_list("document_kind")
        settings_values["batch_kinds"] = tuple(kinds.resolve(item) or item for item in batch)
    changes: dict[str, object] = {"settings": replace(book.settings, values=settings_values)}
    for spec in SHEETS:
        records = getattr(book, spec.key, None) if spec.key != "settings" else None
        if records:
            names = {f.name for f in fields(records[0])}  # a sheet's records are of one class; values repeat
            canonical = {c.field: functools.cache(functools.partial(_canonical, c, settings=book.settings))
                         for c in spec.columns if c.choices and c.field in names}
            if canonical:
                changes[spec.key] = tuple(_record(record, canonical) for record in records)
    return replace(book, **changes)  # type: ignore[arg-type]


def parse_labels(entries: Sequence[str] | str) -> Mapping[str, str]:
    """``"Quốc phòng - an ninh=ANQP"`` entries as fold_key(field) -> label.

    Raises ValueError (Vietnamese message) for an entry without "=" or with an empty side.
    """
    if isinstance(entries, str):
        entries = entries.split(";")
    labels = {}
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        field, _, label = entry.partition("=")
        if not field.strip() or not label.strip():
            raise ValueError(f"mục “{entry}” không đúng dạng “Lĩnh vực=tên cột” "
                             "(ví dụ: Quốc phòng - an ninh=ANQP)")
        labels[fold_key(field)] = label.strip()
    return labels


def abbreviate(field: str) -> str:
    """A short column label: the initials of each part, parts joined by "-", "và" written "&".

    "Kinh tế" -> "KT", "Văn hóa - xã hội" -> "VH-XH", "Xây dựng Đảng và hệ thống chính trị" ->
    "XDĐ&HTCT"; a one-word part stays whole ("Khác").
    """
    parts = []
    for part in _PART.split(field.strip()):
        words = _WORD.findall(part)
        if len(words) == 1:
            parts.append(words[0])
        elif words:
            parts.append("".join("&" if w.lower() == "và" else w[0].upper() for w in words))
    return "-".join(parts) or field


def _labels(given: str | tuple[str, ...]) -> Mapping[str, str]:
    try:
        return parse_labels(given)
    except ValueError:
        return {}  # reported where the labels are printed (the registration list)


def _canonical(column: Column, value: str, settings: Settings) -> str:
    assert column.choices is not None
    return choice_list(column.choices, settings).resolve(value) or value


def _record(record: object, canonical: Mapping[str, Callable[[str], str]]) -> object:
    """``record`` with each coded field (``canonical``: field -> its spelling to value) as the value."""
    changed = {}
    for name, value_of in canonical.items():
        value = getattr(record, name)
        if isinstance(value, str) and value and (new := value_of(value)) != value:
            changed[name] = new
    return replace(record, **changed) if changed else record  # type: ignore[type-var]


def _key(text: str) -> str:
    """:func:`fold_key`, or the text itself when it has no letter or digit ("*")."""
    return fold_key(text) or text.strip()

