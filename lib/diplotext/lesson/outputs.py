"""Figures and tables of one document, with a sentence instead when there is nothing to
draw.
"""

from __future__ import annotations

from ..display import FigureOutput, TableOutput, md_escape
from ..errors import InputError
from ..model import Document
from .checks import (
    _negated,
    example_item,
)
from .prose import (
    MarkdownText,
    _actor_name,
    _esc,
    _md,
)

# --------------------------------------------------------------------------- figures and tables


def _left_out(what: str, number: int | None, reason: str) -> MarkdownText:
    label = f"{what} {number}" if number is not None else what
    return _md(f"*{label} is left out: {reason}*")


def figure(
    doc: Document, kind: str, number: int | None = None, actor: str = "RUS"
) -> FigureOutput | MarkdownText:
    """A text figure (``"speakers"``, ``"naming"``, ``"devices"``, ``"frames"``) from
    :mod:`diplotext.figures.text`, or one sentence saying why it is left out when the
    document has nothing to draw (never an empty figure)."""
    return _figure(doc, kind, number, actor)


def _figure(
    doc: Document, kind: str, number: int | None, actor: str
) -> FigureOutput | MarkdownText:
    from ..figures import text as tf

    if kind == "speakers":
        if not doc.quotes and not doc.reported_speech:
            return _left_out("Figure", number, "this statement quotes and reports nobody.")
        return tf.speakers_figure(doc, number)
    if kind == "naming":
        if not any(m.actor == actor for m in doc.mentions):
            who = _esc(_actor_name(doc, actor))
            return _left_out("Figure", number, f"this statement never mentions {who}.")
        return tf.naming_figure(doc, actor, number)
    if kind == "devices":
        if not doc.devices:
            return _left_out("Figure", number, "the rules found no rhetorical devices here.")
        return tf.devices_figure(doc, per_100_words=True, number=number)
    if kind == "frames":
        if not doc.frames:
            return _left_out("Figure", number, "the rules found no framing cues here.")
        return tf.frames_figure(doc, number)
    raise InputError(f"unknown figure {kind!r}; use speakers, naming, devices or frames")


def table(doc: Document, kind: str) -> TableOutput | MarkdownText:
    """A table of the parse (``"quotes"``, ``"reported"``, ``"mentions"`` or a highlighter
    category such as ``"evaluation"``), or one sentence when there is nothing to list."""
    from .. import render

    if kind == "quotes":
        if not doc.quotes:
            return _md("*No table: this statement contains no direct quotations.*")
        return render.quotes_table(doc)
    if kind == "reported":
        if not doc.reported_speech:
            return _md("*No table: this statement contains no reported speech.*")
        return render.reported_table(doc)
    if kind == "mentions":
        if not doc.mentions:
            return _md("*No table: the rules found no mentions of actors.*")
        return render.mentions_by_form(doc)
    keys = render.resolve_categories(kind, doc)
    if not any(render.items(doc, k) for k in keys):
        return _md(f"*No table: the rules found no {md_escape(kind.replace('_', ' '))} items.*")
    return render.items_table(doc, kind)


def flagged_item(doc: Document):
    """The first item :func:`rule_checks` would flag (to run ``dt.explain`` on), else the
    first rhetorical device, else :func:`example_item`."""
    for d in doc.devices:
        if d.category == "evaluation" and (
            (d.label == "negative" and d.target is None) or _negated(doc, d)
        ):
            return d
    for q in doc.quotes:
        if q.speaker is None:
            return q
    return doc.devices[0] if doc.devices else example_item(doc)
