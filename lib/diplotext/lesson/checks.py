"""Lesson 00's model answers, a first example item, and the rule checks that point a
reader at the places the parser is most likely wrong.
"""

from __future__ import annotations

import re
from collections import Counter

from ..errors import InputError
from ..model import Device, Document
from .prose import (
    MarkdownText,
    _count,
    _esc,
    _join,
    _md,
    _q,
    _speaker,
    _where,
)

# --------------------------------------------------------------------------- 00 answers


def answer_first_reading(doc: Document) -> MarkdownText:
    """Model answer to "who speaks?": the publisher's voice plus the quoted and reported voices."""
    pub = _esc(doc.metadata.publisher) or "a publisher the metadata does not give"
    voices = sorted(
        {_speaker(q.speaker_name, q.speaker) for q in doc.quotes}
        | {_speaker(r.speaker_name, r.speaker) for r in doc.reported_speech}
    )
    lines = [f"**Model answer.** The text speaks in the voice of its publisher: {pub}."]
    if voices:
        lines.append(
            "It also lets others speak, quoted or reported: "
            + _join([_esc(v) for v in voices])
            + "."
        )
    else:
        lines.append("It quotes and reports nobody: every claim is the writer's own.")
    lines.append(
        "Who is addressed and what the reader should think or do are for you to argue "
        "from the text."
    )
    return _md(" ".join(lines))


def answer_provenance(doc: Document) -> MarkdownText:
    """Model answer: which provenance fields are missing or uncertain, and what to check."""
    m = doc.metadata
    missing = [
        k for k in ("title", "publisher", "date", "url", "genre", "licence") if not getattr(m, k)
    ]
    lines = ["**Model answer.**"]
    lines.append(
        "Missing fields: " + ", ".join(missing) + ". Find them before relying on the text."
        if missing
        else "Every field of the source card is filled."
    )
    if m.date_note:
        lines.append(
            f"The date comes with a note, so it is less certain than it looks: {_esc(m.date_note)}."
        )
    found_at = dict(m.extra).get("found_at")
    if found_at:
        lines.append(f"The provenance file says where this copy was found: {_esc(found_at)}")
    if m.url and not missing:
        lines.append(
            "Check the web address against the publisher's own site: a reprint can differ "
            "from the original."
        )
    return _md(" ".join(lines))


# --------------------------------------------------------------------------- a first item


def example_item(doc: Document):
    """One item to show the span-and-rule idea: the first quotation, else reported speech,
    else a mention, else the first sentence."""
    for pool in (doc.quotes, doc.reported_speech, doc.mentions, doc.sentences):
        if pool:
            return pool[0]
    raise InputError("this document has no parsed items at all")


# --------------------------------------------------------------------------- checking the rules

#: A negation one or two words before an evaluative word: the evaluation rule flips the
#: label only when "not", "never" or "n't" stands RIGHT before, so "not very constructive"
#: keeps "positive"; "no" and "without" it does not read at all.
_W = r"[\w’'-]+\s+"
_NEGATION = re.compile(
    rf"(?:\b(?:no|without|nor)\s+(?:{_W}){{0,2}}|\b(?:not|never)\s+(?:{_W}){{1,2}}"
    rf"|n[’']t\s+(?:{_W}){{1,2}})$",
    re.I,
)


def _negated(doc: Document, d: Device) -> bool:
    sent = doc.sentence_at(d.start)
    lo = sent.start if sent else max(0, d.start - 40)
    return bool(_NEGATION.search(doc.text[lo : d.start]))


def _at(doc: Document, text: str, pos: int) -> str:
    """ "“massive” (sentence 4)"."""
    return f"{_q(text, 40)} ({_where(doc, [pos])})"


def _checks(doc: Document) -> list[tuple[str, str]]:
    """(kind, Markdown line) for every place a rule may be wrong, in text order within kind."""
    return [
        *_evaluation_checks(doc),
        *_category_checks(doc),
        *_speaker_checks(doc),
    ]


def _evaluation_checks(doc: Document) -> list[tuple[str, str]]:
    """Evaluations after a negation, then negative evaluations without a target."""
    evals = [d for d in doc.devices if d.category == "evaluation"]
    out = [
        (
            "negation",
            f"{_at(doc, d.text, d.start)} is counted as a {d.label} evaluation, but a "
            f"negation stands a few words before it, which rule `{d.rule}` does not "
            "take into account: is the label right?",
        )
        for d in evals
        if _negated(doc, d)
    ]
    out += [
        (
            "no target",
            f"{_at(doc, d.text, d.start)} is a negative evaluation with no target: rule "
            f"`{d.rule}` could not tell whom it is aimed at. Is it aimed at anyone?",
        )
        for d in evals
        if d.label == "negative" and d.target is None
    ]
    return out


def _category_checks(doc: Document) -> list[tuple[str, str]]:
    """One span counted in two device categories at once."""
    same: dict[tuple[int, int], list[Device]] = {}
    for d in doc.devices:
        same.setdefault((d.start, d.end), []).append(d)
    out = []
    for ds in same.values():
        cats = sorted({d.category.replace("_", " ") for d in ds})
        if len(cats) > 1:
            out.append(
                (
                    "two categories",
                    f"{_at(doc, ds[0].text, ds[0].start)} is counted in "
                    f"{_count(len(cats), 'category', 'categories')} at once "
                    f"({', '.join(cats)}): which reading fits here?",
                )
            )
    return out


def _speaker_checks(doc: Document) -> list[tuple[str, str]]:
    """Quotations, then reported speech, that the rules could not attribute."""
    out = [
        (
            "no speaker",
            f"The quotation {_at(doc, q.text, q.start)} has no speaker: rule "
            f"`{q.rule}` could not attribute it. Who said it?",
        )
        for q in doc.quotes
        if q.speaker is None
    ]
    out += [
        (
            "no speaker",
            f"Reported speech {_at(doc, r.text, r.start)} "
            f"(verb “{_esc(r.reporting_verb)}”) "
            f"has no speaker: is it speech at all? (rule `{r.rule}`)",
        )
        for r in doc.reported_speech
        if r.speaker is None
    ]
    return out


def rule_checks(doc: Document, per_kind: int = 2) -> MarkdownText:
    """Places where the rules may be wrong on THIS text: negated evaluations, evaluations
    without a target, one span in two categories, speech without a speaker.

    At most ``per_kind`` examples of each kind. An empty list is said in words: no flag
    does not mean the parse is right.
    """
    found = _checks(doc)
    if not found:
        return _md(
            "The automatic checks flag nothing in this text. That does not prove the parse "
            "right: rules also miss things silently (an evaluative word not on the list, a "
            "speaker named only by a pronoun)."
        )
    kinds = Counter(k for k, _ in found)
    shown: list[str] = []
    used: Counter[str] = Counter()
    lines_seen: set[tuple[str, str]] = set()
    for k, line in found:
        key = (k, line.split(" (", 1)[0])  # one example per wording and kind
        if key in lines_seen:
            continue
        lines_seen.add(key)
        if used[k] < per_kind:
            shown.append(f"- {line}")
            used[k] += 1
    more = sum(kinds.values()) - len(shown)
    tail = f"\n\n({_count(more, 'further flag')} of the same kinds not shown.)" if more else ""
    return _md(
        f"The automatic checks flag {_count(len(found), 'place')} in this text where a "
        "rule may be wrong:",
        "\n".join(shown) + tail,
    )
