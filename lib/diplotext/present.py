"""Present a Document as a readable summary (``diplotext analyze``).

The JSON-ready form is :func:`diplotext.model.to_dict` (``Document.to_dict()``; public
schema in ``docs/schema.json``), re-exported here. This module imports ``model``; ``model``
imports nothing from here (no import loop).
"""

from __future__ import annotations

from collections import Counter

from .model import SCHEMA_VERSION, Document, metadata_dict, to_dict

__all__ = ["SCHEMA_VERSION", "metadata_dict", "summary", "to_dict"]


def _clip(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def summary(doc: Document) -> str:
    """A readable plain-text summary of what the parser found (``diplotext analyze``)."""
    m = doc.metadata
    lines: list[str] = []
    title = m.title or "(untitled: title not given)"
    lines.append(title)
    lines.append("=" * min(len(title), 78))
    lines.append(
        f"Publisher: {m.publisher or 'not given'} | Date: {m.date or 'not given'} | "
        f"Genre: {m.genre or 'not given'}"
    )
    lines.append(
        f"{len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
        f"{doc.word_count()} words"
    )

    lines.append("")
    lines.append(f"Direct quotations ({len(doc.quotes)})")
    for i, q in enumerate(doc.quotes, 1):
        who = q.speaker_name or "unattributed"
        verb = q.reporting_verb or "-"
        lines.append(
            f"  {i}. [{q.kind}, frame {q.frame}] {who} ({verb}): \u201c{_clip(q.text)}\u201d"
        )
    if not doc.quotes:
        lines.append("  none")

    lines.append("")
    lines.append(f"Reported speech ({len(doc.reported_speech)})")
    for r in doc.reported_speech:
        lines.append(f"  - {r.speaker_name or 'unattributed'} {r.reporting_verb}: {_clip(r.text)}")
    if not doc.reported_speech:
        lines.append("  none")

    lines.append("")
    lines.append("Actors mentioned (mentions by form)")
    by_actor: dict[str, Counter] = {}
    for mention in doc.mentions:
        by_actor.setdefault(mention.actor, Counter())[mention.form] += 1
    names = {a.id: a.name for a in doc.actors}
    for actor_id, forms in sorted(by_actor.items(), key=lambda kv: -sum(kv[1].values())):
        detail = ", ".join(f"{form} {n}" for form, n in forms.most_common())
        lines.append(
            f"  {names.get(actor_id, actor_id)} [{actor_id}]: {sum(forms.values())} ({detail})"
        )
    if not by_actor:
        lines.append("  none")

    lines.append("")
    lines.append(f"Negotiation formats ({len(doc.formats)})")
    for f in doc.formats:
        lines.append(f"  - {f.name} [{f.id}] as \u201c{f.text}\u201d")
    if not doc.formats:
        lines.append("  none")

    lines.append("")
    lines.append(f"Time expressions ({len(doc.time_expressions)})")
    for t in doc.time_expressions:
        lines.append(f"  - \u201c{t.text}\u201d -> {t.value or 'no fixed value'}")
    if not doc.time_expressions:
        lines.append("  none")

    lines.append("")
    cats = Counter(d.category for d in doc.devices)
    lines.append(f"Rhetorical devices ({len(doc.devices)})")
    for cat, n in cats.most_common():
        examples = [d.text for d in doc.devices if d.category == cat][:3]
        lines.append(
            f"  {cat}: {n}  e.g. " + "; ".join(f"\u201c{_clip(e, 40)}\u201d" for e in examples)
        )
    if not cats:
        lines.append("  none")

    lines.append("")
    funcs = Counter(f.function for f in doc.frames)
    lines.append("Framing functions (Entman), sentences with each cue")
    for func in (
        "problem_definition",
        "causal_interpretation",
        "moral_evaluation",
        "treatment_recommendation",
    ):
        sents = sorted({f.sentence + 1 for f in doc.frames if f.function == func})
        lines.append(
            f"  {func.replace('_', ' ')}: {funcs.get(func, 0)} cue(s) in sentences {sents or '-'}"
        )
    lines.append("")
    lines.append("Every item names the rule that found it: diplotext explain RULE_ID")
    return "\n".join(lines)
