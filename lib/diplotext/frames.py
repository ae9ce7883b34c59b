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
from collections.abc import Iterable

from . import datafiles
from .model import FRAME_FUNCTIONS, Document, Frame
from .ruler import Ruler
from .spans import inside_any
from .state import State
from .textindex import finditer_words, word_starts
from .wordlists import cue_pattern, cue_terms, find_cues

CUES_FILE = "frame_cues.toml"


def _cue_frames(state: State, function: str, matches: Iterable[re.Match[str]]) -> tuple[Frame, ...]:
    out = []
    for m in matches:
        i = state.sentence_index(m.start())
        if i is not None:
            out.append(Frame(i, function, "", m.start(), m.end(), m.group()))
    return tuple(out)


def problem_cues(state: State) -> tuple[Frame, ...]:
    """Problem definition: a sentence names a problem ("crisis", "threats", "buildup",
    "aggression", "tensions", "escalation", "a new precedent" ...).

    Cues: ``[problem_definition]`` in ``data/frame_cues.toml``. "de-escalate" does not
    count as "escalate": the hyphenated word is a different word (and a treatment cue).
    """
    cues = find_cues(state.text, CUES_FILE, "problem_definition", index=state.words)
    return _cue_frames(state, "problem_definition", cues)


def causal_cues(state: State) -> tuple[Frame, ...]:
    """Causal interpretation: a sentence says what brought the problem about ("caused
    by", "brought about", "because of", "due to", "responsible for", "led to" ...).

    Cues: ``[causal_interpretation]`` in ``data/frame_cues.toml``.
    """
    cues = find_cues(state.text, CUES_FILE, "causal_interpretation", index=state.words)
    return _cue_frames(state, "causal_interpretation", cues)


_CLEFT = re.compile(
    r"(?<![\w-])it\s+(?:is|was|has\s+been)\s+(?:[\w-]+\s+){0,3}?[\w-]+['’]s\s+"
    r"(?:[\w-]+\s+){1,4}?that(?![\w-])",
    re.IGNORECASE,
)


def causal_cleft(state: State) -> tuple[Frame, ...]:
    """Causal interpretation by a cleft sentence that puts an agent in focus:
    "it is Moscow’s aggression that has brought about the crisis".

    Pattern: "it is/was" + a possessive noun phrase (X’s ...) + "that". The cleft says
    *this and nothing else* is the cause or agent; it is a strong way to assign blame.
    The cue span runs from "it" to "that". Limit: "it is Russia’s view that ..." (a cleft
    about a view, not a cause) also matches.
    """
    clefts = finditer_words(_CLEFT, word_starts(("it",)), state.text, index=state.words)
    return _cue_frames(state, "causal_interpretation", clefts)


def moral_from_evaluation(state: State) -> tuple[Frame, ...]:
    """Moral evaluation: every ``evaluation`` device the rhetoric step found ("unprovoked",
    "dangerous and destabilizing", "legitimate", "solemn") marks its sentence.

    Entman's moral evaluation judges causal agents and their effects; evaluative words are
    the surface of that judgement. Needs ``doc.devices`` (the rhetoric step runs first);
    with no devices this rule finds nothing.
    """
    out = []
    for d in state.doc.devices:
        if d.category != "evaluation":
            continue
        i = state.sentence_index(d.start)
        if i is not None:
            out.append(Frame(i, "moral_evaluation", "", d.start, d.end, d.text))
    return tuple(out)


def moral_norms(state: State) -> tuple[Frame, ...]:
    """Moral evaluation by norm words: "principles", "rights", "legitimate",
    "commitments", "international law", "territorial integrity" ...

    These name the standard by which conduct is judged. Cues: ``[moral_evaluation]`` in
    ``data/frame_cues.toml``. Limit: "right" is also a direction or "correct".
    """
    cues = find_cues(state.text, CUES_FILE, "moral_evaluation", index=state.words)
    return _cue_frames(state, "moral_evaluation", cues)


def treatment_cues(state: State) -> tuple[Frame, ...]:
    """Treatment recommendation: remedies and courses of action ("de-escalate",
    "diplomacy", "dialogue", "talks", "negotiate", "resolve", "sanctions", "measures",
    "make a different choice" ...).

    Cues: ``[treatment_recommendation]`` in ``data/frame_cues.toml``. Sanctions count as a
    treatment because the text offers them as the remedy for the problem it defines.
    """
    cues = find_cues(state.text, CUES_FILE, "treatment_recommendation", index=state.words)
    return _cue_frames(state, "treatment_recommendation", cues)


@datafiles.cached
def _deontic_verb() -> re.Pattern[str] | None:
    base = cue_pattern(CUES_FILE, "treatment_recommendation", "deontic")
    if base is None:
        return None
    return re.compile(
        r"(?:" + base.pattern + r")\s+(?:not\s+|never\s+)?(?:be\s+)?[a-z][\w-]*", re.IGNORECASE
    )


def treatment_deontic(state: State) -> tuple[Frame, ...]:
    """Treatment recommendation by a deontic modal + verb: "should face costs", "must
    withdraw", "need to de-escalate".

    The modal says what ought to happen. Modals in ``[treatment_recommendation] deontic``
    of ``data/frame_cues.toml``; the cue span covers the modal and the next verb. Limit:
    the epistemic "must" ("that must have been hard") also matches.
    """
    pattern = _deontic_verb()
    if pattern is None:
        return ()
    modals = word_starts(cue_terms(CUES_FILE, "treatment_recommendation", "deontic"))
    matches = finditer_words(pattern, modals, state.text, index=state.words)
    return _cue_frames(state, "treatment_recommendation", matches)


#: The rules of this step, in order (each returns frames; the runner stamps the rule id).
RULER = Ruler(
    "frames",
    [
        problem_cues,
        causal_cues,
        causal_cleft,
        moral_from_evaluation,
        moral_norms,
        treatment_cues,
        treatment_deontic,
    ],
    name="functions",
)
RULERS = (RULER,)

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


def run(state: State | Document) -> dict:
    """Run every rule and return ``{"frames": (Frame, ...)}``, sorted by sentence,
    function (Entman's order) and position.

    The same cue span for the same function is kept once, and a cue inside the name of a
    negotiation format ("Dialogue" in "Strategic Stability Dialogue") is not a cue.
    """
    state = State.of(state)
    names = inside_any(sorted((f.start, f.end) for f in state.doc.formats))
    seen: set[tuple[int, str, int, int]] = set()
    found: list[Frame] = []
    for f in RULER.run_items(state):
        key = (f.sentence, f.function, f.start, f.end)
        if key not in seen and not names(f.start, f.end):
            seen.add(key)
            found.append(f)
    found.sort(key=lambda f: (f.sentence, _FN_ORDER[f.function], f.start, f.end))
    return {"frames": tuple(found)}
