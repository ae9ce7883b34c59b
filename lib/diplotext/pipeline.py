"""The pipeline: load -> segment -> formats -> actors -> quotes -> timex -> rhetoric -> frames.

Like nbconvert's chain of preprocessors, the pipeline is an ordered tuple of
``(name, step)`` pairs. Each step is a plain function ``run(doc) -> dict`` that reads the
document built so far and returns the fields it adds; the pipeline folds them into a new
frozen :class:`~diplotext.model.Document`. Inside each step, rules are an ordered tuple
``RULES = (("rule_id", function), ...)`` (the markdown-it-py pattern), and every item a
rule emits names that rule.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from types import ModuleType

from . import actors, formats, frames, quotes, rhetoric, segment, timex
from .errors import InputError
from .load import check_text, read_metadata, read_text
from .model import Document, Metadata

Step = Callable[[Document], dict]

#: The steps, in order. Each module documents its rules in its ``RULES`` tuple.
STEPS: tuple[tuple[str, ModuleType], ...] = (
    ("segment", segment),
    ("formats", formats),
    ("actors", actors),
    ("quotes", quotes),
    ("timex", timex),
    ("rhetoric", rhetoric),
    ("frames", frames),
)


def parse(text: str, metadata: Metadata | None = None) -> Document:
    """Parse a statement's text into a :class:`Document`.

    Raises :class:`~diplotext.errors.InputError` for text that cannot be a statement
    (empty, whitespace only, larger than ``load.MAX_BYTES``).
    """
    text = check_text(text, "text")
    doc = Document(text=text, metadata=metadata or Metadata())
    for _name, module in STEPS:
        doc = replace(doc, **module.run(doc))
    return doc


def load(path: str | os.PathLike[str]) -> Document:
    """Read a UTF-8 text file (and ``NAME.meta.toml`` beside it, if any) and parse it."""
    text = read_text(path)
    return parse(text, read_metadata(path))


def iter_rules() -> Iterator[tuple[str, str, Callable]]:
    """Every rule of every step, in pipeline order: ``(step, rule_id, function)``."""
    for name, module in STEPS:
        for rule_id, fn in getattr(module, "RULES", ()):
            yield name, rule_id, fn


def explain(rule_id: str, source: bool = True) -> str:
    """The docstring (and source code) of the rule that produced an item.

    >>> print(explain("segment.paragraphs", source=False))  # doctest: +ELLIPSIS
    segment.paragraphs ...
    """
    for step, rid, fn in iter_rules():
        if rid == rule_id:
            doc = inspect.getdoc(fn) or "(no description)"
            out = f"{rid}  (step: {step}; function {fn.__module__}.{fn.__name__})\n{doc}"
            if source:
                out += "\n\n" + inspect.getsource(fn)
            return out
    known = ", ".join(sorted({rid.split(".")[0] for _, rid, _ in iter_rules()}))
    raise InputError(f"no rule named {rule_id!r}; rule ids start with one of: {known}")
