"""The rendering environment: escaping, line breaks, strict names, sandbox, Vietnamese filters."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from jinja2.exceptions import SecurityError

from dvk_docs.errors import TemplateError
from dvk_docs.render.docx import render_docx
from dvk_docs.render.environment import make_environment


def _template(tmp_path: Path, *paragraphs: str, name: str = "mau.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(path)
    return path


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_values_are_escaped_and_come_out_intact(tmp_path):
    path = _template(tmp_path, "Đơn vị: {{ don_vi }}")
    data = render_docx(path, {"don_vi": "Phòng Kế hoạch & Tài chính <KH&TC>"}, make_environment())
    assert _paragraphs(data) == ["Đơn vị: Phòng Kế hoạch & Tài chính <KH&TC>"]


def test_line_break_in_a_value_is_a_line_break(tmp_path):
    path = _template(tmp_path, "{{ co_quan }}")
    data = render_docx(path, {"co_quan": "ỦY BAN NHÂN DÂN\nHUYỆN YÊN BÌNH"}, make_environment())
    paragraph = docx.Document(io.BytesIO(data)).paragraphs[0]
    assert paragraph.text == "ỦY BAN NHÂN DÂN\nHUYỆN YÊN BÌNH"
    assert b"<w:br/>" in paragraph._p.xml.encode()


def test_undefined_name_names_variable_template_and_record(tmp_path):
    path = _template(tmp_path, "{{ ten_don_vi }}", name="quyet-dinh-cong-nhan.docx")
    with pytest.raises(TemplateError) as caught:
        render_docx(path, {"don_vi": "A", "nam": 2025}, make_environment(),
                    record="bản ghi 3: quyết định công nhận 05 mô hình")
    assert str(caught.value).startswith(
        "Mẫu “quyet-dinh-cong-nhan.docx” dùng biến “ten_don_vi” nhưng văn bản này không có biến đó "
        "(bản ghi 3: quyết định công nhận 05 mô hình). Các biến có: don_vi, nam.")


def test_syntax_error_quotes_the_paragraph(tmp_path):
    path = _template(tmp_path, "Trước", "Công nhận {% if %} mô hình", "Sau")
    with pytest.raises(TemplateError, match="lỗi cú pháp.*Công nhận"):
        render_docx(path, {}, make_environment())


def test_sandbox_refuses_python_internals():
    env = make_environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


def test_vietnamese_filters():
    env = make_environment()
    rendered = env.from_string(
        "{{ 5|leading_zero }} {{ 1410000|format_number }} {{ 4|to_roman }} {{ 1050000|amount_in_words }}"
    ).render()
    assert rendered == "05 1.410.000 IV Một triệu không trăm năm mươi nghìn đồng"


def test_missing_or_broken_template(tmp_path):
    with pytest.raises(TemplateError, match="Không tìm thấy mẫu"):
        render_docx(tmp_path / "khong-co.docx", {}, make_environment())
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="không phải tệp Word"):
        render_docx(broken, {}, make_environment())
