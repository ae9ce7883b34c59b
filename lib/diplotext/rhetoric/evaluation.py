"""Evaluation: evaluative words (negative, positive) and the actor they are about."""

from __future__ import annotations

import re

from ..model import Device
from ..state import State
from ..wordlists import find_terms, load_lexicon
from .common import _device

_NEGATOR_BEFORE = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+$", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"['’]s?(?:\s+[\w-]+){0,3}\s+")
_ITS_BEFORE = re.compile(r"\b(?:its|their)(?:\s+own)?(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE)
_AGENT_GAP = re.compile(r"(?:\s+[\w-]+){0,2}\s+(?:by|from)\s+", re.IGNORECASE)
_RELATIVE_GAP = re.compile(r"(?:\s+[\w-]+){0,2}\s+(?:(?:that|which)\s+)?", re.IGNORECASE)
_SUBJECT_VERB = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|may|might|will|would|could|can|continues?|poses?)\b",
    re.IGNORECASE,
)


def evaluation_target(state: State, start: int, end: int) -> str | None:
    """The actor an evaluative phrase at ``[start, end)`` is about, or None.

    Tried in order, inside the phrase's sentence, using actor mentions:

    1. possessive: a mention + ’s up to 3 words before ("Russia’s unprovoked military
       buildup", "Moscow’s actions have threatened") -> that actor;
    2. adjective: an adjective mention right before ("Russian aggression");
    3. its/their (own): "its own dangerous and destabilizing behavior" -> the nearest
       state/organisation/group mention before it in the sentence (the usual antecedent
       of "its" in the genre: "if the Kremlin is prepared ... its own");
    4. agent after: "aggression by Russia", "threats from Moscow";
    5. relative clause: "acts of aggression Russia has committed", "legitimate security
       concerns Russia may have" (a mention 0-2 words after, then a verb).

    Limits: no parsing, so "its" may pick the wrong antecedent when two states are named
    before it; a predicate ("Russia’s plan is dangerous") is not linked.
    """
    text = state.text
    s_start, s_end = state.sentence_span(start)
    before = state.mentions_in(s_start, start)
    after = state.mentions_in(end, s_end)
    if before:
        m = before[-1]
        gap = text[m.end : start]
        if _POSSESSIVE_GAP.fullmatch(gap) and gap[:1] in "'’" and gap[1:2] in "sS":
            return m.actor
        if m.form == "adjective" and gap.isspace():
            return m.actor
    its = _ITS_BEFORE.search(text, max(s_start, start - 60), start)
    if its:
        for m in reversed(state.mentions_in(s_start, its.start())):
            if state.actor_kind.get(m.actor, "state") != "person":
                return m.actor
    if after:
        m = after[0]
        gap = text[end : m.start]
        if _AGENT_GAP.fullmatch(gap):
            return m.actor
        if _RELATIVE_GAP.fullmatch(gap) and _SUBJECT_VERB.match(text, m.end):
            return m.actor
    return None


def evaluation_lexicon(state: State) -> tuple[Device, ...]:
    """Evaluative words and phrases from ``data/rhetoric_evaluation.txt``.

    Martin & White (2005) call this attitude: judgement of behaviour ("unprovoked",
    "responsible") and appreciation of things ("dangerous and destabilizing", "vital").
    The label ("negative"/"positive") comes from the word list; it flips when "not",
    "never" or "n't" stands right before ("not legitimate" -> negative). ``target`` is the
    actor the evaluation is about, found by :func:`evaluation_target` (possessive before,
    "its own", "by X" after ...), else None. A word list cannot see irony or quotation
    of the other side's words: read the hits.
    """
    out = []
    flip = {"negative": "positive", "positive": "negative"}
    for s, e, label in find_terms(load_lexicon("evaluation"), state.text, index=state.words):
        if label in flip and _NEGATOR_BEFORE.search(state.text, max(0, s - 12), s):
            label = flip[label]
        target = evaluation_target(state, s, e)
        out.append(_device(state, s, e, "evaluation", "", label, target))
    return tuple(out)
