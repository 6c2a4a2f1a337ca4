"""Output file names from a clerk's pattern (Cấu hình ``filename_pattern``), safe on Windows.

``file_names("{stt:03d} - {don_vi} - {ten}", records)`` formats each record (``stt`` is its 1-based
position), then makes the name safe: NFC, no ``\\ / : * ? " < > |``, control characters or invisible
zero-width/text-direction characters (U+202E, the right-to-left override, can disguise a name), no
trailing dot or space, no reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9), at most
``max_length`` characters and within the Windows path budget of the output folder, and unique in
the batch without regard to case (" (2)", " (3)"…). A name can never leave the folder. A name that
is too long is cut at a word boundary, and a quote or bracket it opened is closed
(``Biểu chấm điểm mô hình “Đối thoại trực tiếp”``, not ``… “Đối thoại trực ti``).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import OutputError, TemplateError
from ..safety import strip_invisible_characters

MAX_NAME_LENGTH = 120  #: characters of one file name, extension included
PATH_BUDGET = 250  #: characters of the whole path (Windows MAX_PATH is 260, keep room for "~$")
MIN_STEM_LENGTH = 12  #: a shorter budget than this means the folder itself is too deep
RESERVED_NAMES = frozenset(  #: device names Windows refuses as file names, with any extension
    {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
)
REPLACEMENTS = str.maketrans(  #: characters Windows forbids in names, and what they become
    {"/": "-", "\\": "-", "|": "-", ":": "-", '"': "'", "*": "", "?": "", "<": "(", ">": ")"}
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")
_EMPTY_FIELD = re.compile(r"(?:\s+-)+\s+")  #: " -  - " left by an empty field between separators
_LEADERS = re.compile(r"…+|\.{3,}|_{3,}")  #: dot leaders of a blank form ("TÊN ĐƠN VỊ………"): not a name
PAIRS = {"“": "”", "‘": "’", "«": "»", "(": ")", "[": "]"}  #: openers closed when a name is cut
_CUT_TAIL = " -–,;.“‘«(["  #: what may not end a cut name: separators, dangling openers


def file_names(
    pattern: str,
    records: Sequence[Mapping[str, Any]],
    *,
    extension: str = ".docx",
    folder: Path | None = None,
    taken: Collection[str] = (),
    max_length: int = MAX_NAME_LENGTH,
) -> list[str]:
    """One safe, unique file name per record, in order.

    ``records`` give the pattern's fields; ``stt`` is added (1, 2, …) unless a record has one.
    ``folder`` (optional) tightens the length so that ``folder / name`` fits the path budget;
    ``taken`` are names already used in the folder by this batch (e.g. the print file).
    Raises :class:`~dvk_docs.errors.TemplateError` when the pattern is malformed or names a field
    the records do not have.
    """
    _check_pattern(pattern)
    limit = _stem_limit(extension, folder, max_length)
    used = {name.casefold() for name in taken}
    names = []
    for index, record in enumerate(records, start=1):
        values = {"stt": index, **record}
        text = _EMPTY_FIELD.sub(" - ", " " + _LEADERS.sub("", _format(pattern, values)) + " ").strip(" -")
        stem = safe_stem(text, limit) or f"{index:03d}"
        names.append(_unique(stem, extension, used, limit))
    return names


def safe_stem(text: str, limit: int = MAX_NAME_LENGTH) -> str:
    """``text`` made into a Windows-safe name without extension, at most ``limit`` characters.

    Returns "" when nothing usable is left (e.g. only dots or forbidden characters).
    """
    text = unicodedata.normalize("NFC", strip_invisible_characters(text)[0]).translate(REPLACEMENTS)
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    text = cut_at_word(text, limit).rstrip(". ")
    if text.split(".")[0].upper().rstrip() in RESERVED_NAMES:
        text = f"_{text}"[:limit].rstrip(". ")
    return text


def cut_at_word(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: cut at a word boundary, its open quotes closed."""
    if len(text) <= limit:
        return text
    closers = ""
    for _ in range(len(PAIRS) + 1):  # closing quotes take room, which may move the cut
        head = _word_cut(text, limit - len(closers))
        closers = _closers(head)
        if len(head) + len(closers) <= limit:
            return head + closers
    return text[:limit]


def _word_cut(text: str, limit: int) -> str:
    head = text[:limit]
    if len(text) > limit and not text[limit].isspace():
        space = head.rfind(" ")
        if space > limit // 2:  # a word longer than half the name is cut inside
            head = head[:space]
    return head.rstrip(_CUT_TAIL)


def _closers(text: str) -> str:
    """The closing marks of the quotes and brackets ``text`` opens and does not close, innermost first."""
    open_marks: list[str] = []
    for char in text:
        if char in PAIRS:
            open_marks.append(PAIRS[char])
        elif open_marks and char == open_marks[-1]:
            open_marks.pop()
    return "".join(reversed(open_marks))


def _check_pattern(pattern: str) -> None:
    """TemplateError for a malformed pattern, a field that is not a plain name, or a format whose
    width or precision is longer than a file name can be (``{stt:2000000000}`` would build a
    2-gigabyte text before the name is cut)."""
    try:
        parsed = [(field, spec) for _, field, spec, _ in string.Formatter().parse(pattern) if field is not None]
    except ValueError as error:
        raise TemplateError(
            f"Mẫu tên tệp “{pattern}” không đúng dạng ({error}).",
            hint="Sửa khóa “filename_pattern” ở sheet “Cấu hình”, ví dụ “{stt:03d} - {ten}”.",
        ) from error
    for field, spec in parsed:
        if not field or any(part.startswith("_") for part in re.split(r"[.\[\]]", field) if part):
            raise TemplateError(
                f"Mẫu tên tệp “{pattern}” có trường không dùng được: “{{{field}}}”.",
                hint="Mỗi trường là một tên trong ngoặc nhọn, ví dụ {ten} hoặc {stt:03d}.",
            )
        if "{" in (spec or ""):
            raise TemplateError(
                f"Mẫu tên tệp “{pattern}” có định dạng lồng nhau “{{{field}:{spec}}}”, không dùng được.",
                hint="Ghi độ rộng bằng số, ví dụ {stt:03d} (số thứ tự 3 chữ số: 001, 002…).",
            )
        if max((int(number) for number in re.findall(r"\d+", spec or "")), default=0) > MAX_NAME_LENGTH:
            raise TemplateError(
                f"Mẫu tên tệp “{pattern}” có định dạng “{{{field}:{spec}}}” dài quá: tên tệp chỉ dài tối đa "
                f"{MAX_NAME_LENGTH} ký tự.",
                hint="Dùng độ rộng nhỏ, ví dụ {stt:03d} (số thứ tự 3 chữ số: 001, 002…).",
            )


def _format(pattern: str, values: Mapping[str, Any]) -> str:
    try:
        return pattern.format_map(values)
    except (KeyError, AttributeError, IndexError) as error:
        known = ", ".join(sorted(k for k in values if isinstance(k, str)))
        raise TemplateError(
            f"Mẫu tên tệp “{pattern}” dùng trường {error} mà văn bản không có.",
            hint=f"Các trường dùng được: {known}.",
        ) from error
    except ValueError as error:
        raise TemplateError(
            f"Mẫu tên tệp “{pattern}” không định dạng được văn bản thứ {values['stt']}: {error}.",
            hint="Kiểm tra phần định dạng sau dấu “:” (ví dụ {stt:03d} chỉ dùng cho số).",
        ) from error


def _stem_limit(extension: str, folder: Path | None, max_length: int) -> int:
    limit = max_length - len(extension)
    if folder is not None:
        # the separator, and room for a " (99)" suffix
        limit = min(limit, PATH_BUDGET - len(str(folder)) - 1 - len(extension))
    if limit < MIN_STEM_LENGTH:
        raise OutputError(
            f"Thư mục kết quả “{folder}” quá sâu, tên tệp sẽ vượt giới hạn đường dẫn của Windows.",
            hint="Chọn thư mục kết quả ngắn hơn (ví dụ D:\\VanBan) rồi chạy lại.",
        )
    return limit


def _unique(stem: str, extension: str, used: set[str], limit: int) -> str:
    name, number = stem + extension, 1
    while name.casefold() in used:
        number += 1
        suffix = f" ({number})"
        name = cut_at_word(stem, limit - len(suffix)).rstrip(". ") + suffix + extension
    used.add(name.casefold())
    return name
