"""Build dvk_docs.xlam on any OS from the pinned xlwings release's own ribbon add-in template.

The template (``quickstart_addin_ribbon.xlam``, BSD-licensed part of xlwings) already holds the
xlwings VBA (``RunPython``, config lookup). The build replaces its one-button module by the fixed
dispatcher (``vba.py``), renames module, project and config (``dvkdocs``), swaps its ribbon for the
one generated from the registry (``ribbon.py``), and writes a zip whose bytes depend only on these
inputs: same xlwings + same registry = same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import xlwings

from ..commands.registry import Button
from ..safety.files import atomic_write
from .ovba import VbaProject
from .ribbon import CUSTOMUI_PART, CUSTOMUI_RELATIONSHIP, ribbon_xml
from .vba import CONFIG_NAME, MODULE_NAME, PROJECT_NAME, dispatcher_source

ADDIN_FILE = "dvk_docs.xlam"  #: file name of the built add-in
TEMPLATE = Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"  #: xlwings' ribbon template
TEMPLATE_MODULE = "RibbonMyAddin"  #: the template's one-button module, replaced by the dispatcher
TEMPLATE_CONFIG = "myaddin"  #: the template's xlwings PROJECT_NAME
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  #: timestamp of every zip member (reproducible builds)

_CORE_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Dân vận khéo (dvk-docs)</dc:title>\
<dc:creator>dvk-docs</dc:creator><dc:description>Add-in Excel lập văn bản phong trào \
“Dân vận khéo”; dựng từ mẫu add-in của xlwings {version}.</dc:description></cp:coreProperties>
"""
_PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
<Relationship Id="rId4" Type="{customui_type}" Target="{customui_part}"/></Relationships>
"""


class AddinBuildError(RuntimeError):
    """The xlwings template does not have the shape this builder knows (another xlwings version?)."""


def build_addin(buttons: Sequence[Button], template: Path = TEMPLATE) -> bytes:
    """The bytes of dvk_docs.xlam for ``buttons``, built from ``template``.

    Raises AddinBuildError when the template lacks what the build edits.
    """
    with zipfile.ZipFile(template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    if "xl/vbaProject.bin" not in parts or "customUI/customUI.xml" not in parts:
        raise AddinBuildError(f"{template} is not an xlwings ribbon add-in template")
    del parts["customUI/customUI.xml"]
    parts["xl/vbaProject.bin"] = build_vba_project(parts["xl/vbaProject.bin"])
    parts[CUSTOMUI_PART] = ribbon_xml(buttons).encode("utf-8")
    parts["_rels/.rels"] = _PACKAGE_RELS.format(
        customui_type=CUSTOMUI_RELATIONSHIP, customui_part=CUSTOMUI_PART).encode("utf-8")
    parts["docProps/core.xml"] = _CORE_XML.format(version=xlwings.__version__).encode("utf-8")
    parts["xl/workbook.xml"] = _workbook_xml(parts["xl/workbook.xml"].decode("utf-8")).encode("utf-8")
    return _zip_bytes(parts)


def build_vba_project(data: bytes) -> bytes:
    """The template's vbaProject.bin with the dispatcher module and the dvk-docs names."""
    project = VbaProject.parse(data)
    if TEMPLATE_MODULE not in project.module_names() or "xlwings" not in project.module_names():
        raise AddinBuildError(f"the template has no {TEMPLATE_MODULE} or xlwings module")
    xlwings_source = project.source("xlwings")
    old = f'Public Const PROJECT_NAME As String = "{TEMPLATE_CONFIG}"'
    if old not in xlwings_source:
        raise AddinBuildError("the template's xlwings module has no PROJECT_NAME constant")
    project.set_source("xlwings", xlwings_source.replace(
        old, f'Public Const PROJECT_NAME As String = "{CONFIG_NAME}"'))
    project.rename_module(TEMPLATE_MODULE, MODULE_NAME)
    project.set_source(MODULE_NAME, dispatcher_source(xlwings.__version__))
    project.rename_project(PROJECT_NAME)
    return project.to_bytes()


def write_addin(out: Path, buttons: Sequence[Button]) -> list[Path]:
    """Write the add-in to ``out`` and, beside it, ``ribbon.xml`` and ``dvk_docs.bas`` (its sources).

    Each file is written whole or not at all. Returns the written paths. Raises OutputError when
    the folder is not writable.
    """
    files = {
        out: build_addin(buttons),
        out.parent / "ribbon.xml": ribbon_xml(buttons).encode("utf-8"),
        out.parent / "dvk_docs.bas": dispatcher_source(xlwings.__version__).encode("ascii"),
    }
    for path, data in files.items():
        atomic_write(path, data)
    return list(files)


def _workbook_xml(text: str) -> str:
    text = re.sub(r"<mc:AlternateContent\b.*?</mc:AlternateContent>", "", text)  # author's path
    renamed = text.replace(f'name="_{TEMPLATE_CONFIG}.conf"', f'name="_{CONFIG_NAME}.conf"')
    if renamed == text:
        raise AddinBuildError(f"the template has no _{TEMPLATE_CONFIG}.conf sheet")
    return renamed


def _zip_bytes(parts: dict[str, bytes]) -> bytes:
    first = ["[Content_Types].xml", "_rels/.rels"]
    names = first + sorted(name for name in parts if name not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=9)
    return buffer.getvalue()
