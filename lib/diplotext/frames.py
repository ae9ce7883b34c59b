"""Pipeline step: frames (stub, to be filled)."""

from __future__ import annotations

from .model import Document

RULES: tuple = ()


def run(doc: Document) -> dict:
    """Return the fields this step adds to the document."""
    return {}
