"""Every exception a clerk may read, the cell references they point at, and validation findings.

All messages are Vietnamese sentences that say what was found, what was expected and what to do.
Exceptions never carry tracebacks to the user: the CLI and the Excel adapter show
``format_message()`` and map ``exit_code``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class CellRef:
    """A place in the workbook a clerk can click on: a sheet and, optionally, a cell like ``E12``."""

    sheet: str
    cell: str | None = None

    def __str__(self) -> str:
        if self.cell is None:
            return f"Sheet “{self.sheet}”"
        return f"Sheet “{self.sheet}”, ô {self.cell}"


@dataclass(frozen=True)
class Finding:
    """One validation result: data, not an exception. ``asdict`` gives the ``--json`` row.

    ``blocks`` names the commands that refuse to run while this finding stands (``score``,
    ``render``, ``batch``); ``dvk validate`` fills it in, and an error always blocks one.
    """

    severity: Severity
    code: str
    message: str
    sheet: str
    cell: str | None = None
    blocks: tuple[str, ...] = ()

    @property
    def where(self) -> CellRef:
        return CellRef(self.sheet, self.cell)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "blocks": list(self.blocks)}

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DvkError(Exception):
    """Root of every error whose message a clerk reads.

    ``hint`` is an optional second sentence telling the clerk what to do next.
    """

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format_message(self) -> str:
        return self.message if self.hint is None else f"{self.message}\n{self.hint}"

    def __str__(self) -> str:
        return self.format_message()

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), (self.message,), {"hint": self.hint})


class WorkbookReadError(DvkError):
    """The workbook cannot be opened or read at all (missing, corrupt, wrong format, locked)."""

    exit_code: ClassVar[int] = 2


class CellValueError(DvkError):
    """One bad value at a known place in the workbook."""

    def __init__(self, message: str, where: CellRef, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.where = where

    def format_message(self) -> str:
        return f"{self.where}: {super().format_message()}"

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), (self.message, self.where), {"hint": self.hint})


class ValidationFailedError(DvkError):
    """Validation found errors; documents are not produced (or scores computed) until they are fixed.

    ``refused`` says what cannot be done yet: "lập văn bản" (render, batch) or "tính điểm" (score).
    """

    def __init__(self, findings: list[Finding], refused: str = "lập văn bản") -> None:
        errors = [f for f in findings if f.is_error]
        lines = "\n".join(f"- {f}" for f in errors[:20])
        more = f"\n… và {len(errors) - 20} lỗi khác." if len(errors) > 20 else ""
        super().__init__(
            f"Sổ theo dõi có {len(errors)} lỗi, chưa thể {refused}:\n{lines}{more}",
            hint="Sửa các ô được nêu rồi chạy lại (hoặc bấm “Kiểm tra dữ liệu” để xem đủ danh sách).",
        )
        self.findings = findings
        self.refused = refused

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), (self.findings, self.refused), {})


class WorkbookLockedError(DvkError):
    """The workbook is open in Excel (its ``~$`` lock file exists), so it must not be rewritten."""

    exit_code: ClassVar[int] = 3


class DocumentDataError(DvkError):
    """A document cannot be built from the workbook's data (e.g. no recognised model)."""


class TemplateError(DvkError):
    """A Word template is missing, broken, or uses a name the document does not provide."""


class OutputError(DvkError):
    """Outputs cannot be written (folder not writable, file in use)."""

    exit_code: ClassVar[int] = 4


class ConversionError(DvkError):
    """PDF conversion failed or no converter (LibreOffice / Word) is available."""

    exit_code: ClassVar[int] = 5


def _rebuild(cls: type[DvkError], args: tuple[Any, ...], kwargs: dict[str, Any]) -> DvkError:
    return cls(*args, **kwargs)
