"""LibreOffice (headless) opens the built add-in and finds its VBA modules.

LibreOffice imports an Excel file's VBA project into Basic libraries; converting the .xlam to .ods
stores them under ``Basic/<project>/<module>.xml``, so their presence and text show that an
independent reader accepted our vbaProject.bin (compound file, dir stream, compressed sources).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dvk_docs.addin.build import ADDIN_FILE
from dvk_docs.addin.vba import MODULE_NAME, PROJECT_NAME
from dvk_docs.resources import data_dir

pytestmark = pytest.mark.soffice

VBA_FILTER = "Calc MS Excel 2007 VBA XML"  #: LibreOffice's import filter for .xlsm/.xlam


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Iterator[zipfile.ZipFile]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("lo")
    addin = work / ADDIN_FILE
    shutil.copyfile(data_dir("excel_addin") / ADDIN_FILE, addin)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         f"--infilter={VBA_FILTER}", "--convert-to", "ods", "--outdir", str(work), str(addin)],
        check=True, capture_output=True, timeout=180,
    )
    with zipfile.ZipFile(work / Path(ADDIN_FILE).with_suffix(".ods").name) as package:
        yield package


def test_libreoffice_sees_every_module_of_the_project(converted):
    modules = sorted(Path(n).stem for n in converted.namelist()
                     if n.startswith(f"Basic/{PROJECT_NAME}/") and not n.endswith("script-lb.xml"))
    assert modules == sorted(["Dictionary", MODULE_NAME, "Sheet2", "ThisWorkbook", "xlwings"])


def test_libreoffice_reads_the_dispatcher_and_the_xlwings_module_source(converted):
    dispatcher = converted.read(f"Basic/{PROJECT_NAME}/{MODULE_NAME}.xml").decode("utf-8")
    assert "Public Sub DvkOnAction(control As IRibbonControl)" in dispatcher
    assert "dvk_docs.excel.run_button(" in dispatcher
    xlwings_module = converted.read(f"Basic/{PROJECT_NAME}/xlwings.xml").decode("utf-8")
    assert "Public Const PROJECT_NAME As String = &quot;dvkdocs&quot;" in xlwings_module
