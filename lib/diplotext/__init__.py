"""diplotext: a transparent, rule-based reader for diplomatic statements, and lessons built on it.

The few names a notebook needs::

    import diplotext as dt
    doc = dt.load(dt.seed_path())        # or dt.parse(text)
    doc.quotes[0].speaker_name           # every item has start/end spans and a rule id
    print(dt.explain(doc.quotes[0].rule))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import DiplotextError, InputError, MetadataError, OutputError
from .load import read_metadata, read_text, seed_path, seeds_dir
from .model import (
    DEVICE_CATEGORIES,
    FRAME_FUNCTIONS,
    Actor,
    Device,
    Document,
    FormatMention,
    Frame,
    Mention,
    Metadata,
    Paragraph,
    Quote,
    ReportedSpeech,
    Sentence,
    TimeExpression,
)
from .parsecache import load

if TYPE_CHECKING:  # for type checkers and editors; at run time see __getattr__ below
    from .exercises import check, check_phrases, exercise_categories
    from .pipeline import explain, iter_rules, parse

#: Names imported on first use (PEP 562): the exercise checks are needed only by lessons
#: with an annotator, so a kernel that never checks an answer does not import them; the
#: pipeline (every step's rules) only by a kernel that parses a text or explains a rule,
#: not by one whose ``load`` reads its parse back from the parse cache.
_LAZY = {
    "explain": "pipeline",
    "iter_rules": "pipeline",
    "parse": "pipeline",
    "check": "exercises",
    "check_phrases": "exercises",
    "exercise_categories": "exercises",
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'diplotext' has no attribute {name!r}")


def annotate(*args, **kwargs):  # type: ignore[no-untyped-def]
    """The annotator widget (imported on first use: it needs ipywidgets/anywidget).

    See :func:`diplotext.annotator.annotate`.
    """
    from .annotator import annotate as _annotate

    return _annotate(*args, **kwargs)


__version__ = "0.1.0"

__all__ = [
    "DEVICE_CATEGORIES",
    "FRAME_FUNCTIONS",
    "Actor",
    "Device",
    "DiplotextError",
    "Document",
    "FormatMention",
    "Frame",
    "InputError",
    "Mention",
    "Metadata",
    "MetadataError",
    "OutputError",
    "Paragraph",
    "Quote",
    "ReportedSpeech",
    "Sentence",
    "TimeExpression",
    "__version__",
    "annotate",
    "check",
    "check_phrases",
    "exercise_categories",
    "explain",
    "iter_rules",
    "load",
    "parse",
    "read_metadata",
    "read_text",
    "seed_path",
    "seeds_dir",
]
