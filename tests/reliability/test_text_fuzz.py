"""Any text in a text column renders into a valid document that says exactly that text, or is refused.

Property-based (hypothesis): a model's name and performer, and its unit's name, are
replaced by arbitrary Unicode (control characters, "&<>", quotes, ``{{ }}`` and ``{% %}``,
right-to-left marks, emoji, 5,000-character strings, text starting with = + - @, docxtpl's escaped
tags ``{_{ }_}``). The registration
list (danh-sach-dang-ky) is rendered from the in-memory workbook — the same model the Excel add-in
builds from a live workbook, where control characters can occur — and opened again with python-docx.
The document must hold the text exactly, except control characters, which are removed; or the
program must refuse with a DvkError whose message is a Vietnamese sentence.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dvk_docs.documents import RenderOptions, get_kind
from dvk_docs.documents.parts import profile_of
from dvk_docs.errors import DvkError
from dvk_docs.model import Workbook
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment
from dvk_docs.render.templates import find_template
from dvk_docs.workbook.sources import FileSource

from .bad_inputs import make_base

EXAMPLES = 60  #: hypothesis examples per property (kept modest so the suite stays fast)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")  #: not in XML text
TRICKY = [  #: pieces the generated text is built from, besides any Unicode character
    "&", "<", ">", "\"", "'", "“", "”", "{{", "}}", "{%", "%}", "{#", "{_{", "}_}", "{_%", "%_}", "_",
    "\u200f", "\u202e", "\u200b",
    "🎉", "👨‍👩‍👧", "=", "+", "-", "@", "\t", "\n", "\x01", "\x0b", "\x1f", "Đảng bộ", "ệ", "a\u0301",
]
texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)), max_size=12).map("".join),
    st.text(min_size=1, max_size=40).map(lambda s: s * (5000 // len(s) + 1)).map(lambda s: s[:5000]),
)
FIELDS = ("name", "performer")  #: Model text fields the registration list shows


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return FileSource(make_base(tmp_path_factory.mktemp("fuzz") / "so.xlsx")).load()


def _document_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _expected(value: str) -> str:
    """The text a document can hold: control characters removed, XML line ends (CR LF, CR → LF)."""
    return CONTROL.sub("", value).replace("\r\n", "\n").replace("\r", "\n")


def _with_text(book: Workbook, field: str, value: str) -> Workbook:
    model = dataclasses.replace(book.models[0], **{field: value})
    unit = book.unit(model.unit_code)
    return dataclasses.replace(book, models=(model,), units=(unit,))


def _render(book: Workbook) -> bytes:
    kind = get_kind("danh-sach-dang-ky")
    profile = profile_of(book, None)
    context = kind.build(book, RenderOptions(profile, unit=book.models[0].unit_code))[0]
    return render_docx(find_template(kind, profile), context.values(), make_environment())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=texts)
@example(field="name", value="\x01&")  # lost the "&" before control characters were removed
@example(field="name", value="0\r\n0\r\n0\r")  # CR LF printed as two line breaks
@example(field="name", value="{_{ ten }_} {_% if %_} {_{_{")  # docxtpl's escaped tags lost their "_"
def test_model_text_renders_exactly_or_is_refused(book: Workbook, field: str, value: str) -> None:
    try:
        data = _render(_with_text(book, field, value))
    except DvkError as refused:
        assert refused.format_message().strip() and "Traceback" not in refused.format_message()
        return
    assert _expected(value) in _document_text(data)


@settings(max_examples=EXAMPLES // 2, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=texts.filter(lambda s: s.strip()))
def test_unit_name_renders_exactly_or_is_refused(book: Workbook, value: str) -> None:
    changed = _with_text(book, "name", "Mô hình")
    unit = dataclasses.replace(changed.units[0], name=value)
    try:
        data = _render(dataclasses.replace(changed, units=(unit,)))
    except DvkError as refused:
        assert refused.format_message().strip()
        return
    assert _expected(value) in _document_text(data)


def test_examples_count_is_recorded() -> None:
    """docs/reliability.md quotes EXAMPLES; keep them in step."""
    doc = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
    assert f"`EXAMPLES = {EXAMPLES}` ví dụ" in doc.read_text(encoding="utf-8")
