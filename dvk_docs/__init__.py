"""dvk-docs: the official documents of the "Dân vận khéo" movement from one Excel workbook.

The public Python API for integrators: read a workbook, validate and score it, build a document
kind's data and render it. The CLI (``dvk``) and the Excel add-in are thin adapters over the same
command registry (:mod:`dvk_docs.commands`).
"""

__version__ = "0.1.0"
