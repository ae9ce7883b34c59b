"""The pipeline: load -> segment -> formats -> actors -> quotes -> timex -> rhetoric -> frames.

Like nbconvert's chain of preprocessors, the pipeline is an ordered tuple of
``(name, step)`` pairs. Each step module has ``run(state) -> dict``, the fields it adds to
the document, and keeps its rules in ``RULERS``: ordered chains of named rules
(:class:`~diplotext.ruler.Ruler`, the markdown-it-py pattern), every rule a function
``rule(state)`` over the one per-document :class:`~diplotext.state.State`. The runner
stamps every item with the id of the rule that made it. Some steps also list ``READERS``:
functions their rules call to read a clause (``quotes.speaker_before``), explained like
rules but not switched off on their own.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType

from . import actors, formats, frames, quotes, rhetoric, segment, timex
from .errors import InputError
from .load import check_text
from .model import Document, Metadata
from .parsecache import cached_parse, load  # noqa: F401  (pipeline.load, as before)
from .state import State

#: The steps, in order. Each module keeps its rules in its ``RULERS``.
STEPS: tuple[tuple[str, ModuleType], ...] = (
    ("segment", segment),
    ("formats", formats),
    ("actors", actors),
    ("quotes", quotes),
    ("timex", timex),
    ("rhetoric", rhetoric),
    ("frames", frames),
)


def keeps_lines(metadata: Metadata | None) -> bool:
    """Whether metadata asks for one paragraph per line (``keep_lines = "true"``)."""
    value = dict(metadata.extra).get("keep_lines", "") if metadata else ""
    return value.strip().casefold() in ("true", "yes", "1")


def parse(
    text: str,
    metadata: Metadata | None = None,
    *,
    disable: Iterable[str] = (),
    keep_lines: bool = False,
) -> Document:
    """Parse a statement's text into a :class:`Document`.

    ``disable`` switches rules off for this parse (ids as ``diplotext rules`` lists them:
    ``parse(text, disable=["quotes.inherited"])``). ``keep_lines`` keeps one paragraph per
    line even in hard-wrapped text (it disables ``segment.hard_wrapped`` and
    ``segment.broken_lines``); a metadata field
    ``keep_lines = "true"`` (in ``NAME.meta.toml``, as ``diplotext lesson --keep-lines``
    writes it into a pack) does the same. Raises
    :class:`~diplotext.errors.InputError` for text that cannot be a statement (empty,
    whitespace only, larger than ``load.MAX_BYTES``) and for an unknown rule id.
    """
    text = check_text(text, "text")
    disabled = frozenset([disable] if isinstance(disable, str) else disable)
    if keep_lines or keeps_lines(metadata):
        disabled |= {"segment.hard_wrapped", "segment.broken_lines"}
    unknown = disabled and disabled - {rid for _, rid, _ in iter_rules(readers=False)}
    if unknown:
        raise InputError(
            f"cannot disable {', '.join(sorted(unknown))}: no such rule "
            "(`diplotext rules` lists them)"
        )
    state = State.new(text, metadata, disabled)
    for _name, module in STEPS:
        state.update(module.run(state))
    return state.doc


def iter_rules(readers: bool = True) -> Iterator[tuple[str, str, Callable]]:
    """Every rule of every step, in pipeline order: ``(step, rule_id, function)``.

    With ``readers`` (the default), also the readers each step's rules call.
    """
    for name, module in STEPS:
        for ruler in module.RULERS:
            for rule_id, fn in ruler.all_rules():
                yield name, rule_id, fn
        if readers:
            for rule_id, fn in getattr(module, "READERS", ()):
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
