"""``dvk templates check``: find what would break in an edited template before anyone relies on it.

Checks, per template, in the form docxtpl renders (after it merged tags Word split across runs):
Jinja syntax errors (with the paragraph's text), tags still cut by Word formatting, names the
kind does not provide (with the names it does), unknown filters, tags in endnotes (nothing fills
them in), and what Microsoft Word would refuse or repair in the file (:mod:`.wordcheck`: the
ECMA-376 schemas and openxml-audit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, meta, nodes

from ..documents import KINDS, DocumentKind
from ..errors import TemplateError
from .docx import open_template
from .engine import ENDNOTES_TYPE
from .environment import FILTERS, make_environment
from .wordcheck import word_findings

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_XML = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class TemplateProblem:
    """One problem of one template: the file, and a Vietnamese sentence."""

    template: Path
    message: str

    def __str__(self) -> str:
        return f"{self.template.name}: {self.message}"


def check_folder(folder: Path) -> tuple[list[Path], list[TemplateProblem]]:
    """Check every ``.docx`` under ``folder`` whose name is a kind's; returns (checked, problems).

    A ``.docx`` named after no kind is a problem too (it would never be used).
    """
    checked, problems = [], []
    for path in sorted(folder.rglob("*.docx")):
        if path.name.startswith("~$"):
            continue
        kind = KINDS.get(path.stem)
        checked.append(path)
        if kind is None:
            problems.append(TemplateProblem(
                path, f"tên tệp không trùng loại văn bản nào nên sẽ không được dùng "
                      f"(các tên dùng được: {', '.join(k.template_name for k in KINDS.values())})."))
            continue
        problems += check_template(path, kind)
    return checked, problems


def check_template(path: Path, kind: DocumentKind) -> list[TemplateProblem]:
    """The problems of the template ``path`` of ``kind`` (empty when it is fine)."""
    try:
        template = open_template(path)
    except TemplateError as error:
        return [TemplateProblem(path, error.message)]
    sources = [template.get_xml()] + [template.get_part_xml(part) for _, part in
                                      template.get_headers_footers(template.HEADER_URI)]
    problems = _endnote_tags(path, template)
    for xml in sources:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(xml))
        problems += _split_tags(path, source)
        problems += _parse_problems(path, kind, source)
    return problems + [
        TemplateProblem(path, f"Word sẽ báo lỗi hoặc tự sửa tệp (kiểm tra {finding.checker}), "
                              f"phần {finding.part}: {finding.message}")
        for finding in word_findings(path.read_bytes())
    ]


def _endnote_tags(path: Path, template: DocxTemplate) -> list[TemplateProblem]:
    """Tags in the endnotes part: docxtpl does not render it, so they would be printed as typed."""
    texts = [_XML.sub("", part.blob.decode("utf-8")) for part in template.docx.part.package.parts
             if part.content_type == ENDNOTES_TYPE]
    return [
        TemplateProblem(path, f"chú thích cuối văn bản có thẻ “{tag}”: thẻ ở chú thích cuối văn bản không "
                              "được điền mà in ra nguyên văn. Đưa thẻ vào nội dung văn bản (hoặc chú thích "
                              "cuối trang), hoặc xóa thẻ.")
        for text in texts for tag in _TAG.findall(text)
    ]


def _split_tags(path: Path, source: str) -> list[TemplateProblem]:
    return [
        TemplateProblem(path, f"thẻ “{_XML.sub('', tag)}” bị Word cắt rời bởi định dạng khác nhau "
                              f"(đoạn: “{_paragraph(source, tag)}”); gõ lại cả thẻ một lần, cùng một định dạng.")
        for tag in _TAG.findall(source) if "<w:" in tag
    ]


def _parse_problems(path: Path, kind: DocumentKind, source: str) -> list[TemplateProblem]:
    env = make_environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as error:
        line = source.splitlines()[error.lineno - 1] if error.lineno else ""
        return [TemplateProblem(path, f"lỗi cú pháp: {error.message} (đoạn: “{_XML.sub('', line).strip()}”).")]
    unknown_filters = sorted({f.name for f in tree.find_all(nodes.Filter)} - set(env.filters))
    env.filters.update({name: _unknown_filter for name in unknown_filters})  # let names be listed
    problems = [
        TemplateProblem(path, f"dùng biến “{name}” nhưng “{kind.title}” không có biến đó. "
                              f"Các biến có: {', '.join(kind.names())}.")
        for name in sorted(meta.find_undeclared_variables(tree) - set(kind.names()))
    ]
    problems += [
        TemplateProblem(path, f"dùng bộ lọc “{name}” không có (các bộ lọc thêm: {', '.join(FILTERS)}).")
        for name in unknown_filters
    ]
    return problems


def _unknown_filter(value: object, *args: object, **kwargs: object) -> object:
    return value


def _paragraph(source: str, fragment: str) -> str:
    line = next((line for line in source.splitlines() if fragment in line), "")
    return _XML.sub("", line).strip()[:200]

