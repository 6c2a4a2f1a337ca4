"""docxtpl's own kinds of templates through the engine and through docxtpl: every part the same.

Each case builds a docxtpl-style template (sub-document, merged .docx, rich text links, a per-record
picture, paragraphs that rebind the ``wp14`` prefix as Word 2016 writes them, tags in the document
properties, a plain one); the engine renders it (fast path or fallback) and plain docxtpl renders
it from an identical start, and the two packages must hold the same members, byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText

from dvk_docs.errors import TemplateError
from dvk_docs.render.engine import CompiledTemplate

from .batch_samples import PNG_1PX, environment

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


@dataclass(frozen=True)
class Case:
    """A template, the context made on a DocxTemplate of it, and whether the engine gets that object."""

    build: Callable[[Path], Path]
    context: Callable[[DocxTemplate, Path], dict[str, Any]]
    owner: bool = False
    fallback: bool = True


def simple(*texts: str, title: str = "") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        document = Document()
        for text in texts:
            document.add_paragraph(text)
        document.core_properties.title = title
        document.save(folder / "tpl.docx")
        return folder / "tpl.docx"

    return build


def merged_docx(folder: Path) -> Path:
    """The .docx a clerk merges: a heading, a numbered list, a table and a picture."""
    document = Document()
    document.add_heading("Phụ lục kèm theo", level=1)
    for text in ("Mô hình thứ nhất", "Mô hình thứ hai"):
        document.add_paragraph(text, style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Đơn vị"
    document.add_picture(io.BytesIO(PNG_1PX), width=Mm(15))
    document.save(folder / "phu-luc.docx")
    return folder / "phu-luc.docx"


def subdoc_context(tpl: DocxTemplate, folder: Path) -> dict[str, Any]:
    subdoc = tpl.new_subdoc()
    subdoc.add_paragraph("Tài liệu con: danh sách mô hình")
    subdoc.add_picture(io.BytesIO(PNG_1PX), width=Mm(10))
    return {"ten": "Chi bộ số 1", "phan": subdoc}


def merged_context(tpl: DocxTemplate, folder: Path) -> dict[str, Any]:
    return {"ten": "Chi bộ số 1", "phan": tpl.new_subdoc(str(merged_docx(folder)))}


def link_context(tpl: DocxTemplate, folder: Path) -> dict[str, Any]:
    link = RichText("Xem văn bản gốc ")
    link.add("tại đây", url_id=tpl.build_url_id("https://dankhoi.example.vn/van-ban?so=12&nam=2025"))
    return {"ten": "Chi bộ số 1", "phan": link}


def image_context(tpl: DocxTemplate, folder: Path) -> dict[str, Any]:
    return {"ten": "Chi bộ số 1", "phan": InlineImage(tpl, io.BytesIO(PNG_1PX), width=Mm(20))}


def plain_context(tpl: DocxTemplate, folder: Path) -> dict[str, Any]:
    return {"ten": "Chi bộ số 1 & 2 <Khối>", "phan": "Nội dung"}


def word2016_rebinding(folder: Path) -> Path:
    """Paragraphs and rows that rebind ``wp14`` to Word 2010's wordml namespace, as some tools write."""
    path = simple("Kính gửi: {{ ten }}", "{{ phan }}", "Hết.")(folder)
    document = Document(path)
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "{{ ten }}"
    document.save(path)
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    rebinding = f' xmlns:wp14="{W14}" w14:paraId="1A2B3C4D" wp14:textId="77777777"'.encode()
    xml = members["word/document.xml"]
    xml = xml.replace(b"<w:p>", b"<w:p" + rebinding + b">").replace(b"<w:tr>", b"<w:tr" + rebinding + b">")
    assert xml.count(b'xmlns:wp14="' + W14.encode()) >= 5
    members["word/document.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


CASES = {
    "subdoc": Case(simple("Kính gửi: {{ ten }}", "{{p phan }}", "Hết."), subdoc_context),
    "merged-docx": Case(simple("Kính gửi: {{ ten }}", "{{p phan }}", "Hết."), merged_context),
    "richtext-link": Case(simple("Kính gửi: {{ ten }}", "{{r phan }}"), link_context, owner=True),
    "inline-image": Case(simple("Kính gửi: {{ ten }}", "{{ phan }}"), image_context),
    "prefix-rebinding": Case(word2016_rebinding, plain_context, fallback=False),
    "core-properties": Case(simple("Kính gửi: {{ ten }}", "{{ phan }}", title="Quyết định {{ ten }}"),
                            plain_context),
    "plain": Case(simple("Kính gửi: {{ ten }}", "{{ phan }}", title="Quyết định công nhận"), plain_context,
                  fallback=False),
}


def docxtpl_output(path: Path, case: Case, folder: Path) -> bytes:
    tpl = DocxTemplate(path)
    tpl.render(case.context(tpl, folder), jinja_env=environment())
    output = io.BytesIO()
    tpl.save(output)
    return output.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_engine_writes_every_part_docxtpl_writes(tmp_path, name):
    case = CASES[name]
    ours_folder, theirs_folder = tmp_path / "ours", tmp_path / "theirs"
    ours_folder.mkdir()
    theirs_folder.mkdir()
    theirs = zipfile.ZipFile(io.BytesIO(docxtpl_output(case.build(theirs_folder), case, theirs_folder)))
    path = case.build(ours_folder)
    tpl = DocxTemplate(path)
    context = case.context(tpl, ours_folder)
    engine = CompiledTemplate.load(tpl if case.owner else path, environment)
    rendered = engine.render(context)
    ours = zipfile.ZipFile(io.BytesIO(engine.package(rendered)))

    assert (rendered.fallback is not None) == case.fallback
    assert sorted(ours.namelist()) == sorted(theirs.namelist())
    for member in theirs.namelist():
        assert ours.read(member) == theirs.read(member), member
    text = [p.text for p in Document(io.BytesIO(engine.package(rendered))).paragraphs]
    assert text[0].startswith("Kính gửi: Chi bộ số 1")


def test_a_subdoc_used_again_after_its_template_rendered_is_refused(tmp_path):
    path = simple("Kính gửi: {{ ten }}", "{{p phan }}")(tmp_path)
    engine = CompiledTemplate.load(path, environment)
    context = subdoc_context(DocxTemplate(path), tmp_path)
    engine.render(context)  # docxtpl reloads a rendered template: the sub-document's parts would be lost
    with pytest.raises(TemplateError, match="phan: đối tượng mẫu tạo ra nó đã lập một văn bản"):
        engine.render(context)


def test_each_record_may_bring_a_new_subdoc_of_the_same_template_object(tmp_path):
    path = simple("Kính gửi: {{ ten }}", "{{p phan }}")(tmp_path)
    engine, tpl = CompiledTemplate.load(path, environment), DocxTemplate(path)
    for _ in range(2):
        document = Document(io.BytesIO(engine.render_package(subdoc_context(tpl, tmp_path))))
        assert len(document.inline_shapes) == 1
        assert "Tài liệu con: danh sách mô hình" in [p.text for p in document.paragraphs]


def test_a_subdoc_of_another_template_is_refused(tmp_path):
    path = simple("Kính gửi: {{ ten }}", "{{p phan }}")(tmp_path)
    (tmp_path / "other").mkdir()
    other = simple("Mẫu khác {{ ten }}")(tmp_path / "other")
    engine = CompiledTemplate.load(path, environment)
    with pytest.raises(TemplateError, match="phan: được tạo từ một mẫu khác"):
        engine.render(subdoc_context(DocxTemplate(other), tmp_path))


def test_a_template_object_with_queued_replacements_is_refused(tmp_path):
    path = simple("Kính gửi: {{ ten }}")(tmp_path)
    tpl = DocxTemplate(path)
    tpl.replace_media(io.BytesIO(PNG_1PX), io.BytesIO(PNG_1PX))
    with pytest.raises(TemplateError, match="replace_pic, replace_media"):
        CompiledTemplate.load(tpl, environment)
