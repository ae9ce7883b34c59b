"""Pipeline step: framing functions (Entman 1993) assigned to sentences by cue rules.

Entman (1993) says a frame promotes a *problem definition*, a *causal interpretation*, a
*moral evaluation* and/or a *treatment recommendation*. Each rule here looks, sentence by
sentence, for one kind of cue and emits a :class:`~diplotext.model.Frame`: the sentence
index, the function, the rule id, and the cue's span and text. A sentence may carry several
functions, and a function several cues. The cue lists are in
``lib/diplotext/data/frame_cues.toml`` (same term syntax as the rhetoric word lists).

A cue marks a sentence for a reader to check; it is not proof that the sentence frames
anything. :func:`functions_by_sentence` gives the set of functions per sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache

from .model import FRAME_FUNCTIONS, Document, Frame
from .rhetoric import TextIndex, cue_pattern, cue_terms, find_cues, inside_names, text_index
from .textindex import finditer_words, word_starts

CUES_FILE = "frame_cues.toml"


def _index(ix: TextIndex, pos: int) -> int | None:
    """Index of the sentence holding ``pos`` (None outside every sentence)."""
    i = bisect_right(ix.sentence_starts, pos) - 1
    if i >= 0 and ix.sentences[i][0] <= pos < ix.sentences[i][1]:
        return i
    return None


def _cue_frames(
    ix: TextIndex, function: str, rule: str, matches: Iterable[re.Match[str]]
) -> tuple[Frame, ...]:
    out = []
    for m in matches:
        i = _index(ix, m.start())
        if i is not None:
            out.append(Frame(i, function, rule, m.start(), m.end(), m.group()))
    return tuple(out)


def problem_cues(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Problem definition: a sentence names a problem ("crisis", "threats", "buildup",
    "aggression", "tensions", "escalation", "a new precedent" ...).

    Cues: ``[problem_definition]`` in ``data/frame_cues.toml``. "de-escalate" does not
    count as "escalate": the hyphenated word is a different word (and a treatment cue).
    """
    ix = ix or text_index(doc)
    cues = find_cues(doc.text, CUES_FILE, "problem_definition")
    return _cue_frames(ix, "problem_definition", "frames.problem_cues", cues)


def causal_cues(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Causal interpretation: a sentence says what brought the problem about ("caused
    by", "brought about", "because of", "due to", "responsible for", "led to" ...).

    Cues: ``[causal_interpretation]`` in ``data/frame_cues.toml``.
    """
    ix = ix or text_index(doc)
    cues = find_cues(doc.text, CUES_FILE, "causal_interpretation")
    return _cue_frames(ix, "causal_interpretation", "frames.causal_cues", cues)


_CLEFT = re.compile(
    r"(?<![\w-])it\s+(?:is|was|has\s+been)\s+(?:[\w-]+\s+){0,3}?[\w-]+['’]s\s+"
    r"(?:[\w-]+\s+){1,4}?that(?![\w-])",
    re.IGNORECASE,
)


def causal_cleft(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Causal interpretation by a cleft sentence that puts an agent in focus:
    "it is Moscow’s aggression that has brought about the crisis".

    Pattern: "it is/was" + a possessive noun phrase (X’s ...) + "that". The cleft says
    *this and nothing else* is the cause or agent; it is a strong way to assign blame.
    The cue span runs from "it" to "that". Limit: "it is Russia’s view that ..." (a cleft
    about a view, not a cause) also matches.
    """
    ix = ix or text_index(doc)
    clefts = finditer_words(_CLEFT, word_starts(("it",)), doc.text)
    return _cue_frames(ix, "causal_interpretation", "frames.causal_cleft", clefts)


def moral_from_evaluation(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Moral evaluation: every ``evaluation`` device the rhetoric step found ("unprovoked",
    "dangerous and destabilizing", "legitimate", "solemn") marks its sentence.

    Entman's moral evaluation judges causal agents and their effects; evaluative words are
    the surface of that judgement. Needs ``doc.devices`` (the rhetoric step runs first);
    with no devices this rule finds nothing.
    """
    ix = ix or text_index(doc)
    out = []
    for d in doc.devices:
        if d.category != "evaluation":
            continue
        i = _index(ix, d.start)
        if i is not None:
            out.append(
                Frame(i, "moral_evaluation", "frames.moral_from_evaluation", d.start, d.end, d.text)
            )
    return tuple(out)


def moral_norms(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Moral evaluation by norm words: "principles", "rights", "legitimate",
    "commitments", "international law", "territorial integrity" ...

    These name the standard by which conduct is judged. Cues: ``[moral_evaluation]`` in
    ``data/frame_cues.toml``. Limit: "right" is also a direction or "correct".
    """
    ix = ix or text_index(doc)
    cues = find_cues(doc.text, CUES_FILE, "moral_evaluation")
    return _cue_frames(ix, "moral_evaluation", "frames.moral_norms", cues)


def treatment_cues(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Treatment recommendation: remedies and courses of action ("de-escalate",
    "diplomacy", "dialogue", "talks", "negotiate", "resolve", "sanctions", "measures",
    "make a different choice" ...).

    Cues: ``[treatment_recommendation]`` in ``data/frame_cues.toml``. Sanctions count as a
    treatment because the text offers them as the remedy for the problem it defines.
    """
    ix = ix or text_index(doc)
    cues = find_cues(doc.text, CUES_FILE, "treatment_recommendation")
    return _cue_frames(ix, "treatment_recommendation", "frames.treatment_cues", cues)


@lru_cache(maxsize=1)
def _deontic_verb() -> re.Pattern[str] | None:
    base = cue_pattern(CUES_FILE, "treatment_recommendation", "deontic")
    if base is None:
        return None
    return re.compile(
        r"(?:" + base.pattern + r")\s+(?:not\s+|never\s+)?(?:be\s+)?[a-z][\w-]*", re.IGNORECASE
    )


def treatment_deontic(doc: Document, ix: TextIndex | None = None) -> tuple[Frame, ...]:
    """Treatment recommendation by a deontic modal + verb: "should face costs", "must
    withdraw", "need to de-escalate".

    The modal says what ought to happen. Modals in ``[treatment_recommendation] deontic``
    of ``data/frame_cues.toml``; the cue span covers the modal and the next verb. Limit:
    the epistemic "must" ("that must have been hard") also matches.
    """
    ix = ix or text_index(doc)
    pattern = _deontic_verb()
    if pattern is None:
        return ()
    modals = word_starts(cue_terms(CUES_FILE, "treatment_recommendation", "deontic"))
    matches = finditer_words(pattern, modals, doc.text)
    return _cue_frames(ix, "treatment_recommendation", "frames.treatment_deontic", matches)


Rule = Callable[..., tuple[Frame, ...]]

#: The rules of this step, in order: ``(rule_id, function)``.
RULES: tuple[tuple[str, Rule], ...] = (
    ("frames.problem_cues", problem_cues),
    ("frames.causal_cues", causal_cues),
    ("frames.causal_cleft", causal_cleft),
    ("frames.moral_from_evaluation", moral_from_evaluation),
    ("frames.moral_norms", moral_norms),
    ("frames.treatment_cues", treatment_cues),
    ("frames.treatment_deontic", treatment_deontic),
)

_FN_ORDER = {f: i for i, f in enumerate(FRAME_FUNCTIONS)}


def functions_by_sentence(doc: Document) -> dict[int, tuple[str, ...]]:
    """The framing functions of each sentence that has any, in Entman's order.

    >>> from diplotext.model import Document
    >>> functions_by_sentence(Document(text="x"))
    {}
    """
    out: dict[int, set[str]] = {}
    for f in doc.frames:
        out.setdefault(f.sentence, set()).add(f.function)
    return {i: tuple(sorted(fs, key=_FN_ORDER.__getitem__)) for i, fs in sorted(out.items())}


def run(doc: Document) -> dict:
    """Run every rule and return ``{"frames": (Frame, ...)}``, sorted by sentence,
    function (Entman's order) and position.

    The same cue span for the same function is kept once, and a cue inside the name of a
    negotiation format ("Dialogue" in "Strategic Stability Dialogue") is not a cue.
    """
    ix = text_index(doc)
    names = inside_names(doc)
    seen: set[tuple[int, str, int, int]] = set()
    found: list[Frame] = []
    for _rule_id, rule in RULES:
        for f in rule(doc, ix):
            key = (f.sentence, f.function, f.start, f.end)
            if key not in seen and not names(f.start, f.end):
                seen.add(key)
                found.append(f)
    found.sort(key=lambda f: (f.sentence, _FN_ORDER[f.function], f.start, f.end))
    return {"frames": tuple(found)}
