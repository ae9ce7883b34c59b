"""Word-list devices: commissives, modals, hedges, boosters, intensifiers, presupposition
triggers and the in-group "we"."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Device
from ..state import State
from ..wordlists import cue_pattern, find_terms, load_lexicon
from .common import _device, _lexicon_devices

_REST_OF_CLAUSE = re.compile(r"[^.,;:!?“”\"]{0,80}")


def commissive_lexicon(state: State) -> tuple[Device, ...]:
    """Commissives (Searle 1976): phrases that commit the speaker's side to a future act.

    The phrases are in ``data/rhetoric_commissive.txt`` ("we are committed to", "we
    will", "are willing to", "are prepared to", "will face"), each labelled ``promise`` or
    ``threat``. A promise is relabelled ``threat`` when the rest of its clause (up to 80
    characters, to the next punctuation mark) holds a cost or sanction cue from
    ``data/rhetoric_conditional.toml`` ("we will impose severe costs"). The subject is not
    checked (see the word list's limits).
    """
    out = []
    threat = cue_pattern("rhetoric_conditional.toml", "threat")
    for s, e, label in find_terms(load_lexicon("commissive"), state.text, index=state.words):
        if label == "promise" and threat is not None:
            rest = _REST_OF_CLAUSE.match(state.text, e)
            if rest and threat.search(rest.group()):
                label = "threat"
        out.append(_device(state, s, e, "commissive", "", label))
    return tuple(out)


def modal_lexicon(state: State) -> tuple[Device, ...]:
    """Modal verbs from ``data/rhetoric_modals.txt``; label = the modal's lemma.

    "cannot"/"can't" -> ``can``; "won't"/"’ll" -> ``will``. "May" with a capital inside a
    sentence (the month: "in May 1997") is skipped; "the will of ..." is an exception in
    the list. A modal that is also a hedge ("may", "might", "could", "would") gets a
    second device from :func:`hedge_lexicon`.
    """
    out = []
    for s, e, label in find_terms(load_lexicon("modals"), state.text, index=state.words):
        if state.text[s:e] == "May" and state.sentence_span(s)[0] != s:
            continue
        out.append(_device(state, s, e, "modal", "", label))
    return tuple(out)


def hedge_lexicon(state: State) -> tuple[Device, ...]:
    """Hedges (Hyland 2005) from ``data/rhetoric_hedges.txt``: "may", "might", "try to",
    "hope", "believe", "possible" ... They soften a claim or a commitment.

    The modal hedges also get a ``modal`` device (two categories for one word, on
    purpose). "May" the month is skipped as in :func:`modal_lexicon`.
    """
    return tuple(
        d
        for d in _lexicon_devices(state, "hedges", "hedge", "")
        if not (d.text == "May" and state.sentence_span(d.start)[0] != d.start)
    )


def booster_lexicon(state: State) -> tuple[Device, ...]:
    """Boosters (Hyland 2005) from ``data/rhetoric_boosters.txt``: "made clear",
    "underscored", "clearly", "fully", "certainly", "never", "inherent" ... They present a
    claim as certain and close down alternatives."""
    return _lexicon_devices(state, "boosters", "booster", "")


def intensifier_lexicon(state: State) -> tuple[Device, ...]:
    """Intensifiers and superlatives from ``data/rhetoric_intensifiers.txt``.

    Labels: ``intensifier`` ("only", "just", "massive") and ``superlative`` ("the latest",
    "most", "on a scale not seen before"). Superlatives come from the list, not from any
    word ending in -est ("interest", "request"). "just as" and "not only" are exceptions.
    """
    return _lexicon_devices(state, "intensifiers", "intensifier", "")


def presupposition_lexicon(state: State) -> tuple[Device, ...]:
    """Presupposition triggers from ``data/rhetoric_presupposition.txt``.

    "if Russia further invades" takes an earlier invasion for granted (label
    ``iterative``); "only the latest in a series" a series (``series``); "continue",
    "still" an ongoing state (``continuative``); "a new precedent" an old order replaced
    (``novelty``); "its own" the thing's existence (``existential``). The trigger is
    tagged; what it presupposes is for the reader to state.
    """
    return _lexicon_devices(state, "presupposition", "presupposition", "")


def in_group_pronouns(state: State) -> tuple[Device, ...]:
    """First-person plural "we", "us", "our", "ours", "ourselves" (``data/rhetoric_in_group.txt``).

    The label is the form in lowercase. ``target`` is the state the speaker speaks for,
    when the pronoun is inside a direct quote whose speaker the quotes step resolved:
    the ``state`` of that person in ``doc.actors`` (or the speaker itself if it is a state
    or organisation). Outside quotes, or with an unresolved speaker, ``target`` is None:
    who "we" are is then for the reader to decide. All-capital "US" is the acronym of the
    United States, not the pronoun, and is skipped.
    """
    quotes = sorted(state.doc.quotes, key=lambda q: q.start)
    q_starts = [q.start for q in quotes]
    out = []
    for s, e, label in find_terms(load_lexicon("in_group"), state.text, index=state.words):
        if state.text[s:e] == "US":
            continue
        target = None
        qi = bisect_right(q_starts, s) - 1
        if qi >= 0 and quotes[qi].start <= s and e <= quotes[qi].end and quotes[qi].speaker:
            spk = quotes[qi].speaker
            kind = state.actor_kind.get(spk)
            target = state.actor_state.get(spk) if kind in ("person", "group") else spk
        out.append(_device(state, s, e, "in_group", "", label, target))
    return tuple(out)
