"""The built add-in: deterministic, up to date, and its VBA (read back with oletools) is the dispatcher."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import xlwings
from click.testing import CliRunner
from oletools.olevba import VBA_Parser

from dvk_docs.addin.build import ADDIN_FILE, build_addin
from dvk_docs.addin.ribbon import CUSTOMUI_PART, CUSTOMUI_RELATIONSHIP, ribbon_xml
from dvk_docs.addin.vba import (
    CALLBACK,
    MODULE_NAME,
    dispatcher_source,
    python_statement,
    xlwings_version_of,
)
from dvk_docs.cli import cli
from dvk_docs.commands import BUTTONS
from dvk_docs.resources import data_dir

COMMITTED = data_dir("excel_addin")


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_addin(BUTTONS)


@pytest.fixture(scope="module")
def modules(built) -> dict[str, str]:
    parser = VBA_Parser(ADDIN_FILE, data=built)
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_two_builds_give_the_same_bytes(built):
    assert build_addin(BUTTONS) == built


def test_committed_addin_matches_a_fresh_build(built):
    """Fails when the registry or the builder changed without ``dvk addin build``."""
    with zipfile.ZipFile(io.BytesIO(built)) as fresh, zipfile.ZipFile(COMMITTED / ADDIN_FILE) as old:
        assert fresh.namelist() == old.namelist()
        for name in fresh.namelist():
            assert fresh.read(name) == old.read(name), name
    assert (COMMITTED / "ribbon.xml").read_text(encoding="utf-8") == ribbon_xml(BUTTONS)
    assert (COMMITTED / "dvk_docs.bas").read_bytes().decode("ascii") == \
        dispatcher_source(xlwings.__version__)


def test_package_parts(built):
    with zipfile.ZipFile(io.BytesIO(built)) as archive:
        names = archive.namelist()
        rels = archive.read("_rels/.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
        workbook = archive.read("xl/workbook.xml").decode()
        assert archive.read(CUSTOMUI_PART).decode("utf-8") == ribbon_xml(BUTTONS)
    assert "customUI/customUI.xml" not in names
    assert f'Type="{CUSTOMUI_RELATIONSHIP}" Target="{CUSTOMUI_PART}"' in rels
    assert "application/vnd.ms-excel.addin.macroEnabled.main+xml" in types
    assert 'name="_dvkdocs.conf"' in workbook and "felix" not in workbook.lower()


def test_vba_modules_are_the_template_ones_with_the_dispatcher(modules):
    assert sorted(modules) == sorted(["ThisWorkbook", "Dictionary", MODULE_NAME, "Sheet2", "xlwings"])
    dispatcher = modules[MODULE_NAME]
    assert f"Sub {CALLBACK.split('.')[1]}(control As IRibbonControl)" in dispatcher
    assert "RunPython Replace(DVK_PYTHON_ENTRY, \"{tag}\", control.Tag)" in dispatcher
    assert dispatcher.isascii()


def test_vba_carries_the_installed_xlwings_version(modules):
    assert xlwings_version_of(modules[MODULE_NAME]) == xlwings.__version__
    xlwings_module = modules["xlwings"]
    assert f'Public Const XLWINGS_VERSION As String = "{xlwings.__version__}"' in xlwings_module
    assert 'Public Const PROJECT_NAME As String = "dvkdocs"' in xlwings_module
    assert "Public Function RunPython(PythonCommand As String)" in xlwings_module


def test_the_statement_a_button_runs_is_quotable_in_vba_and_cmd(modules):
    for button in BUTTONS:
        statement = python_statement(modules[MODULE_NAME], button.id)
        assert statement == f"import dvk_docs.excel; dvk_docs.excel.run_button('{button.id}')"
        assert '"' not in statement  # RunPython wraps it in python -c "..."
        compile(statement, "<ribbon>", "exec")


def test_no_xlwings_pro_on_the_product_path(modules):
    assert not re.search(r"LICENSE_KEY|xlwings\.pro|RunServerPython|RunRemotePython",
                         modules[MODULE_NAME])


def test_dvk_addin_build_writes_the_committed_files(tmp_path):
    target = tmp_path / "ra" / ADDIN_FILE
    result = CliRunner().invoke(cli, ["addin", "build", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Đã tạo add-in {target} ({len(BUTTONS)} nút)." in result.output
    written = sorted(p.name for p in target.parent.iterdir())
    assert written == sorted([ADDIN_FILE, "ribbon.xml", "dvk_docs.bas", "huong-dan-su-dung.md"])
    for name in written:
        assert (target.parent / name).read_bytes() == (COMMITTED / name).read_bytes(), name
