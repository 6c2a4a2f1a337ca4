"""Validation and scoring rules over the data model."""
