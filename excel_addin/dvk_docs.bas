Attribute VB_Name = "DvkDocsRibbon"
' "Dan van kheo" ribbon of dvk-docs: one callback for every button of the tab.
' A button's tag is the id of an entry of dvk_docs.commands.BUTTONS; Python does the work
' (reading the workbook, writing back, messages in Vietnamese). Built by "dvk addin build"
' from dvk_docs/addin/vba.py - edit it there, not here.
Option Explicit

Public Const DVK_XLWINGS_VERSION As String = "0.37.8"
Public Const DVK_PYTHON_ENTRY As String = "import dvk_docs.excel; dvk_docs.excel.run_button('{tag}')"

Public Sub DvkOnAction(control As IRibbonControl)
    ' RunPython needs an active workbook; "Tao so moi" may be clicked with none open.
    If ActiveWorkbook Is Nothing Then Workbooks.Add
    RunPython Replace(DVK_PYTHON_ENTRY, "{tag}", control.Tag)
End Sub
