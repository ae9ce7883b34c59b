"""Present a Document as a readable summary (``diplotext analyze``).

The JSON-ready form is :func:`diplotext.model.to_dict` (``Document.to_dict()``; public
schema in ``docs/schema.json``), re-exported here. This module imports ``model``; ``model``
imports nothing from here (no import loop).
"""

from __future__ import annotations

from collections import Counter

from .model import FRAME_FUNCTIONS, SCHEMA_VERSION, Document, metadata_dict, to_dict

__all__ = ["SCHEMA_VERSION", "metadata_dict", "summary", "to_dict"]


def _clip(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def summary(doc: Document) -> str:
    """A readable plain-text summary of what the parser found (``diplotext analyze``)."""
    lines = _heading(doc)
    for section in (_quotes, _reported, _actors, _formats, _times, _devices, _frames):
        lines.append("")
        lines += section(doc)
    lines.append("")
    lines.append("Every item names the rule that found it: diplotext explain RULE_ID")
    return "\n".join(lines)


def _heading(doc: Document) -> list[str]:
    m = doc.metadata
    title = m.title or "(untitled: title not given)"
    return [
        title,
        "=" * min(len(title), 78),
        f"Publisher: {m.publisher or 'not given'} | Date: {m.date or 'not given'} | "
        f"Genre: {m.genre or 'not given'}",
        f"{len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
        f"{doc.word_count()} words",
    ]


def _quotes(doc: Document) -> list[str]:
    lines = [f"Direct quotations ({len(doc.quotes)})"]
    for i, q in enumerate(doc.quotes, 1):
        who = q.speaker_name or "unattributed"
        verb = q.reporting_verb or "-"
        lines.append(
            f"  {i}. [{q.kind}, frame {q.frame}] {who} ({verb}): \u201c{_clip(q.text)}\u201d"
        )
    return lines if doc.quotes else [*lines, "  none"]


def _reported(doc: Document) -> list[str]:
    lines = [f"Reported speech ({len(doc.reported_speech)})"]
    for r in doc.reported_speech:
        lines.append(f"  - {r.speaker_name or 'unattributed'} {r.reporting_verb}: {_clip(r.text)}")
    return lines if doc.reported_speech else [*lines, "  none"]


def _actors(doc: Document) -> list[str]:
    lines = ["Actors mentioned (mentions by form)"]
    by_actor: dict[str, Counter] = {}
    for mention in doc.mentions:
        by_actor.setdefault(mention.actor, Counter())[mention.form] += 1
    names = {a.id: a.name for a in doc.actors}
    for actor_id, forms in sorted(by_actor.items(), key=lambda kv: -sum(kv[1].values())):
        detail = ", ".join(f"{form} {n}" for form, n in forms.most_common())
        lines.append(
            f"  {names.get(actor_id, actor_id)} [{actor_id}]: {sum(forms.values())} ({detail})"
        )
    return lines if by_actor else [*lines, "  none"]


def _formats(doc: Document) -> list[str]:
    lines = [f"Negotiation formats ({len(doc.formats)})"]
    lines += [f"  - {f.name} [{f.id}] as \u201c{f.text}\u201d" for f in doc.formats]
    return lines if doc.formats else [*lines, "  none"]


def _times(doc: Document) -> list[str]:
    lines = [f"Time expressions ({len(doc.time_expressions)})"]
    lines += [
        f"  - \u201c{t.text}\u201d -> {t.value or 'no fixed value'}" for t in doc.time_expressions
    ]
    return lines if doc.time_expressions else [*lines, "  none"]


def _devices(doc: Document) -> list[str]:
    cats = Counter(d.category for d in doc.devices)
    lines = [f"Rhetorical devices ({len(doc.devices)})"]
    for cat, n in cats.most_common():
        examples = [d.text for d in doc.devices if d.category == cat][:3]
        lines.append(
            f"  {cat}: {n}  e.g. " + "; ".join(f"\u201c{_clip(e, 40)}\u201d" for e in examples)
        )
    return lines if cats else [*lines, "  none"]


def _frames(doc: Document) -> list[str]:
    funcs = Counter(f.function for f in doc.frames)
    lines = ["Framing functions (Entman), sentences with each cue"]
    for func in FRAME_FUNCTIONS:
        sents = sorted({f.sentence + 1 for f in doc.frames if f.function == func})
        lines.append(
            f"  {func.replace('_', ' ')}: {funcs.get(func, 0)} cue(s) in sentences {sents or '-'}"
        )
    return lines
