"""Word opens every file the product writes without a repair: templates, documents, print files.

Each file passes both checks of :mod:`dvk_docs.render.wordcheck` (the ECMA-376 Transitional schemas
after markup-compatibility processing, and ``openxml-audit -f microsoft365``): every shipped
template, one document of every kind in every profile and mode, every print file of the three
samples (the demo's and the other two), and a print file made from a template a clerk edited in
Word (a logo and a tag in a header, a list, a footnote and an endnote). A print file is checked
with its first records and its last one in the body (all its parts, every record's headers and
footers included), which keeps the run short.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from dvk_docs.cli import cli
from dvk_docs.commands.demo import DEMO_SAMPLE
from dvk_docs.documents import KINDS
from dvk_docs.render.wordcheck import word_findings
from dvk_docs.resources import data_dir
from tests.unit.render.batch_samples import PNG_1PX
from tests.word_edited import ENDNOTE_TEXT, word_edited

pytestmark = pytest.mark.slow

SAMPLES = {"dang-uy-khoi.xlsx": "dang", "ubnd-huyen.xlsx": "nha-nuoc", "ldld-tinh.xlsx": "cong-doan"}
MODES = {"quyet-dinh-cong-nhan": "theo-mo-hinh", "giay-chung-nhan": "giay-khen"}  #: the non-default ones
PRINT_FILE = " - tệp in chung.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = [*sorted(data_dir("word_templates").glob("*/*.docx")),  #: the shipped ones, and the seeds'
             *sorted(data_dir("samples").glob("*/mau/*.docx"))]


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """sample -> a folder with ``out/`` (every kind and its print file: ``dvk demo`` for the demo's
    sample, ``dvk batch`` for the others) and one folder per other mode."""
    folders = {}
    for sample in SAMPLES:
        folder = tmp_path_factory.mktemp(Path(sample).stem)
        if sample == DEMO_SAMPLE:
            run("demo", "--no-pdf", "--out", folder)
            (folder / "van-ban").rename(folder / "out")
            book = next(folder.glob("*.xlsx"))
        else:
            book = folder / sample
            shutil.copy2(data_dir("samples") / sample, book)
            shutil.copytree(data_dir("samples") / "anh", folder / "anh")
            run("batch", book, "--out", folder / "out", "--print-file")
        for kind, mode in MODES.items():
            run("render", kind, book, "--out", folder / mode, "--mode", mode, "--print-file")
        folders[sample] = folder
    return folders


def representative(path: Path, records: int = 3) -> bytes:
    """The print file's bytes with only its first ``records`` sections and its last one in the body."""
    with zipfile.ZipFile(path) as package:
        members = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    body = root.find(W + "body")
    breaks = [i for i, child in enumerate(body) if child.find(f"{W}pPr/{W}sectPr") is not None]
    if len(breaks) > records:
        for child in list(body)[breaks[records - 1] + 1: breaks[-1] + 1]:
            body.remove(child)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return output.getvalue()


def documents(folder: Path) -> Iterator[Path]:
    """One document of each kind in ``folder`` (the first) and every print file."""
    for kind_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
        files = sorted(kind_folder.glob("*.docx"))
        singles = [f for f in files if not f.name.endswith(PRINT_FILE)]
        assert singles, kind_folder
        yield singles[0]
        yield from (f for f in files if f.name.endswith(PRINT_FILE))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.stem}")
def test_every_shipped_template_opens_clean(template):
    assert [str(f) for f in word_findings(template.read_bytes())] == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_kind_mode_and_print_file_of_the_samples_opens_clean(outputs, sample):
    folder = outputs[sample]
    checked = {}
    for output in [folder / "out", *(folder / mode for mode in MODES.values())]:
        for path in documents(output):
            data = representative(path) if path.name.endswith(PRINT_FILE) else path.read_bytes()
            checked[path.relative_to(folder).as_posix()] = [str(f) for f in word_findings(data)]
    kinds = {Path(name).parent.as_posix() for name in checked}
    expected = len(KINDS) - (0 if sample == DEMO_SAMPLE else 1)  # only the demo's (Party) sample votes
    assert len([k for k in kinds if k.startswith("out/")]) == expected  # every kind of the profile
    assert {f"{mode}/" for mode in MODES.values()} <= {k.split("/")[0] + "/" for k in kinds}
    assert sum(name.endswith(PRINT_FILE) for name in checked) == expected + 2  # + 2 other modes
    assert {name: findings for name, findings in checked.items() if findings} == {}


def test_print_file_from_a_template_edited_in_word_opens_clean(tmp_path):
    templates = tmp_path / "mau"
    templates.mkdir()
    word_edited(data_dir("word_templates") / "nha-nuoc" / "quyet-dinh-cong-nhan.docx",
                templates / "quyet-dinh-cong-nhan.docx", header_tag="Số: {{ so_ky_hieu }}", logo=PNG_1PX)
    shutil.copy2(data_dir("samples") / "ubnd-huyen.xlsx", tmp_path / "ubnd-huyen.xlsx")
    shutil.copytree(data_dir("samples") / "anh", tmp_path / "anh")
    run("render", "quyet-dinh-cong-nhan", tmp_path / "ubnd-huyen.xlsx", "--templates", templates,
        "--out", tmp_path / "out", "--print-file", "--mode", "theo-mo-hinh")  # one record per model
    print_file = next((tmp_path / "out").rglob(f"*{PRINT_FILE}"))
    assert [str(f) for f in word_findings(representative(print_file))] == []
    assert [str(f) for f in word_findings((templates / "quyet-dinh-cong-nhan.docx").read_bytes())] == []
    with zipfile.ZipFile(print_file) as package:  # the clerk's endnote: one per record, its own id
        body = etree.fromstring(package.read("word/document.xml"))
        endnotes = etree.fromstring(package.read("word/endnotes.xml"))
    records = len(list(print_file.parent.glob("*.docx"))) - 1  # the records' own files
    references = [r.get(W + "id") for r in body.iter(W + "endnoteReference")]
    texts = {n.get(W + "id"): "".join(n.itertext()).strip() for n in endnotes.iter(W + "endnote")}
    assert records > 1 and len(references) == len(set(references)) == records
    assert [texts[r] for r in references] == [ENDNOTE_TEXT] * records
