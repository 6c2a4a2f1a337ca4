"""Render one Word template with one document's values, with plain docxtpl: the reference renderer.

``dvk render`` and ``dvk batch`` use the compiled engine (:mod:`.batch`, :mod:`.engine`). This
module is what the engine is measured and compared against (same rendered parts), what
``dvk templates check`` loads templates with (:func:`open_template`), and a one-call renderer for
tests. Jinja and docxtpl errors become :class:`~dvk_docs.errors.TemplateError` messages that name the
template, the variable or the paragraph, and the record, so a clerk knows what to fix.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..documents.parts import Picture
from ..errors import TemplateError
from ..safety import check_package
from .pictures import PictureImage, batch_image

_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")


def render_docx(template: Path, values: Mapping[str, Any], env: SandboxedEnvironment, *,
                record: str = "") -> bytes:
    """The .docx bytes of ``template`` rendered with ``values`` in ``env``.

    ``values`` maps template names to values (see :func:`template_values` for pictures and
    None); ``record`` names the document in error messages ("bản ghi 3: …").
    Raises :class:`TemplateError` for a missing or broken template, a syntax error, or a name
    the document does not provide.
    """
    document = open_template(template)
    try:
        document.render(template_values(values, document), jinja_env=env)
    except UndefinedError as error:
        raise _undefined_error(template, error, values, record) from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"Mẫu “{template.name}” có lỗi cú pháp: {error.message} (đoạn: “{paragraph_text(error)}”).",
            hint="Sửa thẻ {{ … }} hoặc {% … %} ở đoạn đó, rồi chạy “dvk templates check”.",
        ) from None
    except JinjaError as error:
        raise TemplateError(
            f"Mẫu “{template.name}” không dựng được{_of(record)}: {error}.",
            hint="Kiểm tra mẫu bằng “dvk templates check”.",
        ) from error
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def open_template(template: Path) -> DocxTemplate:
    """The template as a :class:`DocxTemplate`; raises :class:`TemplateError` when unreadable."""
    if not template.is_file():
        raise TemplateError(f"Không tìm thấy mẫu “{template}”.",
                            hint="Chạy “dvk templates build” hoặc kiểm tra thư mục mẫu riêng.")
    check_package(template, error=TemplateError)  # zip bomb, DOCTYPE/ENTITY: refused before docxtpl
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise TemplateError(f"Tệp “{template.name}” không phải tệp Word .docx hợp lệ.",
                            hint="Mở tệp bằng Word và lưu lại dạng “Word Document (.docx)”.") from error
    return document


def template_values(values: Mapping[str, Any], document: DocxTemplate) -> dict[str, Any]:
    """``values`` ready for docxtpl: a :class:`Picture` becomes an InlineImage (a seal over a
    signature floats, :mod:`.pictures`), None becomes ""."""
    return {name: _prepare(value, document) for name, value in values.items()}


def paragraph_text(error: JinjaError) -> str:
    """The text of the template paragraph around a Jinja error, as docxtpl reports it."""
    lines = [line.strip() for line in getattr(error, "docx_context", None) or ()]
    return " … ".join(line for line in lines if line)[:300]


def _prepare(value: Any, document: DocxTemplate) -> Any:
    if value is None:
        return ""
    if isinstance(value, Picture):
        return PictureImage(document, batch_image(value))
    return value


def _undefined_error(template: Path, error: UndefinedError, values: Mapping[str, Any],
                     record: str) -> TemplateError:
    match = _UNDEFINED.search(error.message or "") or _NO_ATTRIBUTE.search(error.message or "")
    name = match.group(1) if match else str(error)
    return TemplateError(
        f"Mẫu “{template.name}” dùng biến “{name}” nhưng văn bản này không có biến đó"
        f"{_of(record)}. Các biến có: {', '.join(values)}.",
        hint="Sửa tên biến trong mẫu (xem docs/templates.md) rồi chạy “dvk templates check”.",
    )


def _of(record: str) -> str:
    return f" ({record})" if record else ""
