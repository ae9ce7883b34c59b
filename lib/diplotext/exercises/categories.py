"""The exercise categories: what a student can mark, and where the parser finds the same thing.

Each :class:`Category` has a stable kebab-case ``id`` (used in answer files, so it never
changes), a ``label`` for the palette, a one-line ``description`` and a ``finder``: a
function ``finder(doc) -> tuple[Finding, ...]`` that returns the parser's items of that
category as character spans, each with the id of the rule that made it. Finders read only
the public :class:`~diplotext.model.Document` fields (``doc.quotes``, ``doc.devices``, ...),
so a change inside the parser does not break them.

>>> sorted(exercise_categories())[:3]
['acronym', 'adjective', 'booster']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document


@dataclass(frozen=True)
class Finding:
    """One parser item as a span: ``doc.text[start:end]`` is ``text``; ``rule`` made it.

    ``detail`` is a short plain-text note (a label, a speaker, a target, the cue of a
    frame); it is shown beside the item, never used to match.
    """

    start: int
    end: int
    text: str
    category: str
    rule: str
    detail: str = ""


Finder = Callable[[Document], tuple[Finding, ...]]


@dataclass(frozen=True)
class Category:
    """A category a student can mark (see the module docstring)."""

    id: str
    label: str
    description: str
    finder: Finder

    def find(self, doc: Document) -> tuple[Finding, ...]:
        """The parser's items of this category in ``doc``, in text order."""
        return tuple(sorted(self.finder(doc), key=lambda f: (f.start, f.end, f.rule)))


def _f(doc: Document, start: int, end: int, cat: str, rule: str, detail: str = "") -> Finding:
    return Finding(start, end, doc.text[start:end], cat, rule, detail)


# --------------------------------------------------------------------------- quotes


def _quotes(kind: str | None, cat: str) -> Finder:
    def find(doc: Document) -> tuple[Finding, ...]:
        return tuple(
            _f(
                doc,
                q.start,
                q.end,
                cat,
                q.rule,
                f"{q.kind} quote; speaker: {q.speaker_name or '?'}",
            )
            for q in doc.quotes
            if kind is None or q.kind == kind
        )

    return find


def _reported(doc: Document) -> tuple[Finding, ...]:
    return tuple(
        _f(doc, r.start, r.end, "reported-speech", r.rule, f"speaker: {r.speaker_name or '?'}")
        for r in doc.reported_speech
    )


def _sentence_bounds(doc: Document, pos: int) -> tuple[int, int]:
    s = doc.sentence_at(pos)
    return (s.start, s.end) if s else (0, len(doc.text))


def _speakers(doc: Document) -> tuple[Finding, ...]:
    """The mention of each quote's speaker in the quote's sentence, outside the quote."""
    out: dict[tuple[int, int], Finding] = {}
    for item in (*doc.quotes, *doc.reported_speech):
        if not item.speaker:
            continue
        lo, hi = _sentence_bounds(doc, item.start)
        for m in doc.mentions:
            inside = item.start <= m.start < item.end
            if m.actor == item.speaker and lo <= m.start < hi and not inside:
                detail = f"speaker of {item.text[:40]!r}"
                out.setdefault(
                    (m.start, m.end), _f(doc, m.start, m.end, "speaker", item.rule, detail)
                )
    return tuple(out.values())


def _reporting_verbs(doc: Document) -> tuple[Finding, ...]:
    """The reporting verb of each quote or reported speech, nearest the quoted words."""
    out: dict[tuple[int, int], Finding] = {}
    for item in (*doc.quotes, *doc.reported_speech):
        if not item.reporting_verb:
            continue
        lo, hi = _sentence_bounds(doc, item.start)
        lo, hi = min(lo, item.start), max(hi, item.end)
        pat = re.compile(r"\b" + re.escape(item.reporting_verb) + r"\b", re.IGNORECASE)
        hits = [m for m in pat.finditer(doc.text, lo, hi) if not item.start <= m.start() < item.end]
        if hits:
            m = min(hits, key=lambda h: min(abs(h.start() - item.start), abs(h.start() - item.end)))
            detail = f"speaker: {item.speaker_name or '?'}"
            out.setdefault(
                (m.start(), m.end()),
                _f(doc, m.start(), m.end(), "reporting-verb", item.rule, detail),
            )
    return tuple(out.values())


# --------------------------------------------------------------------------- mentions


def _mentions(form: str, cat: str) -> Finder:
    def find(doc: Document) -> tuple[Finding, ...]:
        out = []
        for m in doc.mentions:
            if m.form == form:
                actor = doc.actor(m.actor)
                out.append(
                    _f(
                        doc,
                        m.start,
                        m.end,
                        cat,
                        m.rule,
                        f"stands for: {actor.name if actor else m.actor}",
                    )
                )
        return tuple(out)

    return find


# --------------------------------------------------------------------------- devices


def _devices(category: str, cat: str, label: str | None = None) -> Finder:
    def find(doc: Document) -> tuple[Finding, ...]:
        out = []
        for d in doc.devices:
            if d.category != category or (label is not None and d.label != label):
                continue
            bits = [d.label] if d.label and d.label != category else []
            if d.target:
                actor = doc.actor(d.target)
                bits.append(f"target: {actor.name if actor else d.target}")
            out.append(_f(doc, d.start, d.end, cat, d.rule, "; ".join(bits)))
        return tuple(out)

    return find


def _evaluation_targets(doc: Document) -> tuple[Finding, ...]:
    """For each evaluative word with a target, the target's nearest mention in its sentence."""
    out: dict[tuple[int, int], Finding] = {}
    for d in doc.devices:
        if d.category != "evaluation" or not d.target:
            continue
        lo, hi = _sentence_bounds(doc, d.start)
        cands = [m for m in doc.mentions if m.actor == d.target and lo <= m.start < hi]
        if cands:
            m = min(cands, key=lambda c: abs(c.start - d.start))
            detail = f"target of {d.label or ''} {d.text!r}".replace("  ", " ")
            out.setdefault(
                (m.start, m.end), _f(doc, m.start, m.end, "evaluation-target", d.rule, detail)
            )
    return tuple(out.values())


# --------------------------------------------------------------------------- frames


def _frames(function: str, cat: str) -> Finder:
    """Frames belong to sentences: the span is the sentence, the cue is in ``detail``."""

    def find(doc: Document) -> tuple[Finding, ...]:
        out: dict[tuple[int, int], Finding] = {}
        for fr in doc.frames:
            if fr.function != function or not 0 <= fr.sentence < len(doc.sentences):
                continue
            s = doc.sentences[fr.sentence]
            end = s.start + len(doc.text[s.start : s.end].rstrip())
            out.setdefault((s.start, end), _f(doc, s.start, end, cat, fr.rule, f"cue: {fr.text!r}"))
        return tuple(out.values())

    return find


def _times(doc: Document) -> tuple[Finding, ...]:
    return tuple(
        _f(doc, t.start, t.end, "time-expression", t.rule, f"{t.kind}; value: {t.value or '?'}")
        for t in doc.time_expressions
    )


def _formats(doc: Document) -> tuple[Finding, ...]:
    return tuple(_f(doc, m.start, m.end, "format", m.rule, m.name) for m in doc.formats)


# --------------------------------------------------------------------------- registry

_C = Category
_CATEGORIES: tuple[Category, ...] = (
    # who is quoted and how
    _C(
        "direct-quote",
        "direct quote",
        "words inside quotation marks",
        _quotes(None, "direct-quote"),
    ),
    _C(
        "quote-full",
        "full quote",
        "a quotation that is a whole sentence or more",
        _quotes("full", "quote-full"),
    ),
    _C(
        "quote-fragment",
        "quote fragment",
        "a quoted piece woven into the writer's sentence",
        _quotes("fragment", "quote-fragment"),
    ),
    _C("reported-speech", "reported speech", "what someone said, in the writer's words", _reported),
    _C("speaker", "speaker", "who is quoted or reported (the name in the sentence)", _speakers),
    _C(
        "reporting-verb",
        "reporting verb",
        "the verb that introduces quoted or reported words",
        _reporting_verbs,
    ),
    # naming
    _C("name", "name", "a proper name, with or without a title", _mentions("name", "name")),
    _C(
        "acronym",
        "acronym",
        "an acronym standing for an actor (U.S., NATO)",
        _mentions("acronym", "acronym"),
    ),
    _C(
        "metonym",
        "metonym",
        "a place or building standing for a state (Moscow, the Kremlin)",
        _mentions("metonym", "metonym"),
    ),
    _C("title", "title", "a role without the name (the Secretary)", _mentions("title", "title")),
    _C(
        "group", "group", "a group of actors (its Allies and partners)", _mentions("group", "group")
    ),
    _C(
        "adjective",
        "adjective",
        "a demonym or adjective for an actor (Russian)",
        _mentions("adjective", "adjective"),
    ),
    # evaluation
    _C(
        "evaluation",
        "evaluative word",
        "a word that judges, good or bad",
        _devices("evaluation", "evaluation"),
    ),
    _C(
        "evaluation-positive",
        "positive word",
        "a word that judges favourably",
        _devices("evaluation", "evaluation-positive", "positive"),
    ),
    _C(
        "evaluation-negative",
        "negative word",
        "a word that judges unfavourably",
        _devices("evaluation", "evaluation-negative", "negative"),
    ),
    _C(
        "evaluation-target",
        "target of evaluation",
        "who an evaluative word is about",
        _evaluation_targets,
    ),
    # conditionals and commitments
    _C(
        "conditional",
        "conditional",
        "an if-clause and its main clause",
        _devices("conditional", "conditional"),
    ),
    _C(
        "conditional-offer",
        "conditional offer",
        "if you do X, we will do something good",
        _devices("conditional", "conditional-offer", "offer"),
    ),
    _C(
        "conditional-threat",
        "conditional threat",
        "if you do X, you will pay for it",
        _devices("conditional", "conditional-threat", "threat"),
    ),
    _C(
        "conditional-norm",
        "conditional norm",
        "if X, then Y must or should happen",
        _devices("conditional", "conditional-norm", "norm"),
    ),
    _C(
        "commissive",
        "commissive",
        "the speaker commits to a future act",
        _devices("commissive", "commissive"),
    ),
    # figures of speech
    _C(
        "list-of-three",
        "list of three",
        "three coordinated items",
        _devices("list_of_three", "list-of-three"),
    ),
    _C(
        "contrast",
        "contrast",
        "antithesis or contrast (not X but Y)",
        _devices("contrast", "contrast"),
    ),
    _C("hedge", "hedge", "a word that softens a claim (may, could)", _devices("hedge", "hedge")),
    _C(
        "booster",
        "booster",
        "a word that strengthens a claim (clearly, fully)",
        _devices("booster", "booster"),
    ),
    _C(
        "intensifier",
        "intensifier",
        "an intensifier or superlative (only, massive)",
        _devices("intensifier", "intensifier"),
    ),
    _C("modal", "modal verb", "can, must, will, should, may ...", _devices("modal", "modal")),
    _C(
        "in-group",
        "in-group word",
        "first-person plural: we, our, us",
        _devices("in_group", "in-group"),
    ),
    _C(
        "presupposition",
        "presupposition",
        "a word that takes something for granted (further, again)",
        _devices("presupposition", "presupposition"),
    ),
    # Entman's four framing functions (a sentence at a time)
    _C(
        "problem-definition",
        "problem definition",
        "a sentence that says what the problem is",
        _frames("problem_definition", "problem-definition"),
    ),
    _C(
        "causal-interpretation",
        "causal interpretation",
        "a sentence that says who or what caused it",
        _frames("causal_interpretation", "causal-interpretation"),
    ),
    _C(
        "moral-evaluation",
        "moral evaluation",
        "a sentence that judges the actors",
        _frames("moral_evaluation", "moral-evaluation"),
    ),
    _C(
        "treatment-recommendation",
        "treatment recommendation",
        "a sentence that says what should be done",
        _frames("treatment_recommendation", "treatment-recommendation"),
    ),
    # time and formats
    _C("time-expression", "time expression", "a date, a duration or a relative time", _times),
    _C("format", "negotiation format", "a named format or body (NATO-Russia Council)", _formats),
)

_BY_ID: dict[str, Category] = {c.id: c for c in _CATEGORIES}


def exercise_categories() -> dict[str, Category]:
    """Every category, by id, in the order lessons show them (a new dict each call)."""
    return dict(_BY_ID)


def get_category(cat_id: str) -> Category:
    """The category with this id; an :class:`InputError` naming the known ids otherwise."""
    try:
        return _BY_ID[cat_id]
    except KeyError:
        raise InputError(
            f"unknown exercise category {cat_id!r}; known: {', '.join(_BY_ID)}"
        ) from None


def resolve(categories: str | Iterable[str]) -> tuple[str, ...]:
    """Check category ids (one string or several) and return them as a tuple, in given order."""
    ids = (categories,) if isinstance(categories, str) else tuple(categories)
    if not ids:
        raise InputError("give at least one exercise category (see dt.exercise_categories())")
    for c in ids:
        get_category(c)
    return tuple(dict.fromkeys(ids))


def find(doc: Document, categories: str | Iterable[str]) -> tuple[Finding, ...]:
    """The parser's findings for the given categories, in text order."""
    out: list[Finding] = []
    for c in resolve(categories):
        out.extend(_BY_ID[c].find(doc))
    return tuple(sorted(out, key=lambda f: (f.start, f.end, f.category)))
