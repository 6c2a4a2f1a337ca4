"""Document kinds: one module per kind, building its data from the workbook."""
