"""The add-in's VBA: one fixed, ASCII dispatcher module that every ribbon button calls.

The button's ``tag`` (a :class:`~dvk_docs.commands.registry.Button` id) is passed to Python; what
the button does is decided there, so adding or changing a button never changes this module. Only the
pinned xlwings version is written into it (the VBA's ``RunPython`` and xlwings' Python side are
version-coupled, and a test compares this constant with the installed xlwings).
"""

from __future__ import annotations

import re

MODULE_NAME = "DvkDocsRibbon"  #: VBA module of the dispatcher; distinctive to avoid callback clashes
CALLBACK = f"{MODULE_NAME}.DvkOnAction"  #: the onAction of every ribbon button
PROJECT_NAME = "DvkDocs"  #: VBA project name of the add-in
CONFIG_NAME = "dvkdocs"  #: xlwings PROJECT_NAME: config sheet "dvkdocs.conf", %USERPROFILE%\.dvkdocs\
PYTHON_ENTRY = "import dvk_docs.excel; dvk_docs.excel.run_button('{tag}')"  #: what a click runs

_SOURCE = """\
Attribute VB_Name = "{module}"
' "Dan van kheo" ribbon of dvk-docs: one callback for every button of the tab.
' A button's tag is the id of an entry of dvk_docs.commands.BUTTONS; Python does the work
' (reading the workbook, writing back, messages in Vietnamese). Built by "dvk addin build"
' from dvk_docs/addin/vba.py - edit it there, not here.
Option Explicit

Public Const DVK_XLWINGS_VERSION As String = "{xlwings_version}"
Public Const DVK_PYTHON_ENTRY As String = "{entry}"

Public Sub DvkOnAction(control As IRibbonControl)
    ' RunPython needs an active workbook; "Tao so moi" may be clicked with none open.
    If ActiveWorkbook Is Nothing Then Workbooks.Add
    RunPython Replace(DVK_PYTHON_ENTRY, "{{tag}}", control.Tag)
End Sub
"""


def dispatcher_source(xlwings_version: str) -> str:
    """The dispatcher module's source (CRLF line ends, ASCII) for the given xlwings version."""
    text = _SOURCE.format(module=MODULE_NAME, xlwings_version=xlwings_version, entry=PYTHON_ENTRY)
    text.encode("ascii")  # the VBA project's code page cannot carry Vietnamese: keep it ASCII
    return text.replace("\n", "\r\n")


def python_statement(source: str, tag: str) -> str:
    """The Python statement the dispatcher in ``source`` runs for a button tagged ``tag``.

    Reads ``DVK_PYTHON_ENTRY`` from the VBA text, so tests can run exactly what Excel would run.
    Raises ValueError when the source has no such constant.
    """
    match = re.search(r'DVK_PYTHON_ENTRY As String = "([^"]*)"', source)
    if match is None:
        raise ValueError("the VBA source has no DVK_PYTHON_ENTRY constant")
    return match.group(1).replace("{tag}", tag)


def xlwings_version_of(source: str) -> str | None:
    """The xlwings version a dispatcher source was built for (None when it names none)."""
    match = re.search(r'DVK_XLWINGS_VERSION As String = "([^"]*)"', source)
    return match.group(1) if match else None
