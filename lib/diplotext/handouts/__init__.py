"""Printable handouts (PDF/HTML, student and teacher editions) from the lesson notebooks.

Build them with ``diplotext handouts`` (see :mod:`.cli`) or with nbconvert::

    jupyter nbconvert --to handout_pdf notebooks/01-*.ipynb
    jupyter nbconvert --to handout_pdf --HandoutHTMLExporter.edition=teacher ...

See ``docs/handouts.md`` for the notebook conventions (tags ``exercise``, ``solution``,
``remove-cell``, ``remove-input``, ``show-input``, ``raises-exception``).
"""

from __future__ import annotations

from .build import build_handouts, export_handout
from .exporters import HandoutHTMLExporter, HandoutInfo, HandoutPDFExporter, html_to_pdf

__all__ = [
    "HandoutHTMLExporter",
    "HandoutInfo",
    "HandoutPDFExporter",
    "build_handouts",
    "export_handout",
    "html_to_pdf",
]
