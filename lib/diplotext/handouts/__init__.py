"""Printable handouts (PDF/HTML, student and teacher editions) from the lesson notebooks.

Build them with ``diplotext handouts`` (see :mod:`.cli`) or with nbconvert::

    jupyter nbconvert --to handout_pdf notebooks/01-*.ipynb
    jupyter nbconvert --to handout_pdf --HandoutHTMLExporter.edition=teacher ...
    jupyter nbconvert --to handout_teacher_pdf notebooks/03-*.ipynb   # from teacher/03-*
    diplotext handouts --booklet                 # one course booklet per edition

See ``docs/handouts.md`` for the notebook conventions (tags ``exercise``, ``solution``,
``remove-cell``, ``remove-input``, ``show-input``, ``raises-exception``).
"""

from __future__ import annotations

from typing import Any

from .options import EDITIONS, PAPERS

# nbconvert and WeasyPrint take seconds to import: load them on first use, so that
# ``diplotext analyze`` (whose CLI registers the handouts sub-command) stays fast.
_LAZY = {
    "HandoutHTMLExporter": ".exporters",
    "HandoutPDFExporter": ".exporters",
    "HandoutInfo": ".exporters",
    "HandoutTeacherHTMLExporter": ".exporters",
    "HandoutTeacherPDFExporter": ".exporters",
    "NoModelAnswersError": ".editions",
    "build_booklets": ".booklet",
    "html_to_pdf": ".exporters",
    "build_handouts": ".build",
    "export_handout": ".build",
}

__all__ = [
    "EDITIONS",
    "PAPERS",
    "HandoutHTMLExporter",
    "HandoutInfo",
    "HandoutPDFExporter",
    "HandoutTeacherHTMLExporter",
    "HandoutTeacherPDFExporter",
    "NoModelAnswersError",
    "build_booklets",
    "build_handouts",
    "export_handout",
    "html_to_pdf",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
