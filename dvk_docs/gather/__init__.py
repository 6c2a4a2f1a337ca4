"""Gathering the units' registrations (``dvk gom``): which unit sent a list, row checks, merge, report.

Pure functions over the data model: the files are read by ``workbook.registration_lists`` and the
result is written by the command through the workbook source.
"""
