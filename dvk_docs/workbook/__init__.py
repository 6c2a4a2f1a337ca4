"""Workbook layer: the only place that knows sheets, headers and cells."""
