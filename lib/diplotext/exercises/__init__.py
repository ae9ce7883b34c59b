"""Exercises: categories a student can mark, the Check comparison, answer files, class report.

The names a lesson needs (also on ``diplotext`` itself)::

    dt.exercise_categories()                       # id -> Category(id, label, description, finder)
    dt.annotate(doc, lesson="03-rhetorical-analysis", exercise="ex1",
                categories=("metonym", "name"))    # the annotator widget (diplotext.annotator)
    dt.check(doc, lesson=..., exercise=..., categories=(...))   # saved marks vs the parser
    dt.check_phrases(doc, {"metonym": ["Moscow"]})              # typed answers vs the parser

Every function here is standard library only; the widget lives in ``diplotext.annotator``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..model import Document
from .answers import AnswersFileError, answers_path, load_exercise, text_sha256
from .categories import Category, Finding, exercise_categories, find, get_category, resolve
from .comparison import Agreement, Comparison, Mark, check_phrases, compare

__all__ = [
    "Agreement",
    "AnswersFileError",
    "Category",
    "Comparison",
    "Finding",
    "Mark",
    "answers_path",
    "check",
    "check_phrases",
    "compare",
    "exercise_categories",
    "find",
    "get_category",
    "resolve",
    "text_sha256",
]


def check(
    doc: Document,
    lesson: str,
    exercise: str,
    categories: str | Iterable[str],
    answers_dir: str | os.PathLike[str] = "answers",
) -> Comparison:
    """Compare the marks saved for ``exercise`` (in ``answers_dir/LESSON.json``) with the parser.

    With no answers file yet, every parser item is "found only by the parser". A corrupt or
    foreign file, or one made on another text, raises :class:`AnswersFileError` (one clear
    message; the file is left as it is).
    """
    cats = resolve(categories)
    _student, marks = load_exercise(answers_path(answers_dir, lesson), lesson, exercise, doc.text)
    return compare(doc, [m for m in marks if m.category in cats], cats)
