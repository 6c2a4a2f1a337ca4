"""Word compatibility: what Microsoft Word, the strict reader, would refuse or repair in a .docx.

Two independent checks, both run by ``dvk templates check`` and by the test suite on every
template, document and print file the product writes:

- the ECMA-376 / ISO/IEC 29500-4 Transitional schemas (``dvk_docs/data/ooxml_xsd``), after the
  markup-compatibility processing Word applies first (namespaces a part marks ``mc:Ignorable``,
  such as Word 2010's ``w14:paraId``, are dropped; ``mc:AlternateContent`` keeps its fallback);
- ``openxml-audit`` at ``microsoft365`` level, a port of the Open XML SDK validator (schema and
  semantic rules, e.g. duplicate drawing ids, parts Word would repair).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from ..resources import PACKAGE_DIR

SCHEMA_DIR = PACKAGE_DIR / "data" / "ooxml_xsd"  #: the Transitional schemas (see its README.md)
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"  #: markup compatibility
SCHEMAS = {  #: namespace of a part's root element -> its schema file
    "http://www.w3.org/XML/1998/namespace": "xml.xsd",  # first: wml.xsd uses xml:space
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":
        "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
}
AUDIT_FORMAT = "microsoft365"  #: the openxml-audit level: what current Word accepts
_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)


@dataclass(frozen=True)
class WordFinding:
    """One thing Word would refuse or repair: the part, the checker, and what it says."""

    part: str
    checker: str  #: "ECMA-376" or "openxml-audit"
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.message} ({self.checker})"


def word_findings(package: bytes) -> list[WordFinding]:
    """Everything both checks find in the .docx bytes ``package`` (empty: Word opens it clean)."""
    return schema_findings(package) + audit_findings(package)


def schema_findings(package: bytes) -> list[WordFinding]:
    """Schema violations of every XML part whose root namespace the Transitional schemas define."""
    findings = []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(name), _PARSER)
            if etree.QName(root).namespace not in SCHEMAS:
                continue  # e.g. docProps/core.xml (Dublin Core): left to openxml-audit
            _process_compatibility(root)
            schema = _schema()
            if not schema.validate(root):
                findings += [WordFinding(name, "ECMA-376", f"dòng {e.line}: {e.message}")
                             for e in schema.error_log]
    return findings


def audit_findings(package: bytes) -> list[WordFinding]:
    """What openxml-audit (``-f microsoft365``) reports as errors."""
    from openxml_audit import FileFormat, OpenXmlValidator  # lazy: a large package, only for checks

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiem-tra.docx"
        path.write_bytes(package)
        result = OpenXmlValidator(file_format=FileFormat(AUDIT_FORMAT), max_errors=0).validate(path)
    return [WordFinding(error.part_uri or "", "openxml-audit", error.description)
            for error in result.errors]


@cache
def _schema() -> etree.XMLSchema:
    imports = "".join(f'<xsd:import namespace="{namespace}" schemaLocation="{file}"/>'
                      for namespace, file in SCHEMAS.items())
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(driver, base_url=(SCHEMA_DIR / "driver.xsd").as_uri()))


def _process_compatibility(root: etree._Element) -> None:
    """Markup compatibility as Word applies it before reading (ECMA-376 Part 3), in place.

    Elements and attributes of the namespaces a part declares ignorable are dropped, and each
    ``mc:AlternateContent`` is replaced by its ``mc:Fallback`` (the markup the schemas define).
    """
    ignorable = {
        element.nsmap[prefix]
        for element in root.iter() if isinstance(element.tag, str) and MC + "Ignorable" in element.attrib
        for prefix in element.get(MC + "Ignorable").split() if prefix in element.nsmap
    }
    for alternate in list(root.iter(MC + "AlternateContent")):
        fallback = alternate.find(MC + "Fallback")
        for child in [] if fallback is None else list(fallback):
            alternate.addprevious(child)
        alternate.getparent().remove(alternate)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable and element is not root:
            element.getparent().remove(element)
            continue
        for attribute in [a for a in element.attrib if a.startswith("{")]:
            if attribute.startswith(MC) or etree.QName(attribute).namespace in ignorable:
                del element.attrib[attribute]
