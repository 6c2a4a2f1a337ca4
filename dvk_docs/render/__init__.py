"""Rendering: the sandboxed template environment, docx rendering, batches and PDF."""
