"""Pipeline step: actors and their mentions (states, organisations, groups, people).

Who is named, and how? "Russia", "Moscow", "the Kremlin" and "Russian" can all refer to
the same state, but they do different work: a name, a metonym that makes a city act, an
adjective. This step finds every mention of an actor, gives it the actor's canonical id
(ISO 3166-1 alpha-3 for states, the acronym for organisations, a slug for people and
groups) and the form it takes (``model.MENTION_FORMS``).

The gazetteer is ``data/actors.toml``; a teacher extends it without touching code. Each
rule in ``RULER`` proposes spans; then the longest span wins and spans never overlap, a
name inside a negotiation format ("NATO-Russia Council") is not an actor mention, and
titles ("the Secretary") are resolved to the person last mentioned with that title.

``run(state)`` returns ``{"actors": (Actor, ...), "mentions": (Mention, ...)}``:
``actors`` holds every actor that has a mention, in order of first mention.
"""

from __future__ import annotations

from ..model import Actor, Document, Mention
from ..ruler import Ruler
from ..spans import select_longest
from ..state import State
from .lexicon import Lexicon, lexicon, slug, surname
from .resolve import _merge_inferred, _outside, _resolve_titles, title_fits
from .rules import (
    Candidate,
    acronym,
    adjective,
    group,
    inferred_person,
    known_person,
    metonym,
    name,
    not_actor,
    short_form,
    title,
    transcript_label,
)
from .speakers import (
    apposition_person,
    byline_person,
    named_earlier,
    role_person,
    speaking_person,
)

__all__ = [
    "RULER",
    "RULERS",
    "Candidate",
    "Lexicon",
    "lexicon",
    "run",
    "slug",
    "surname",
    "title_fits",
]

#: The rules, in order; on the same span the earlier rule wins (see :func:`run`).
RULER = Ruler(
    "actors",
    [
        transcript_label,
        not_actor,
        known_person,
        inferred_person,
        speaking_person,
        named_earlier,
        apposition_person,
        byline_person,
        role_person,
        group,
        name,
        acronym,
        metonym,
        adjective,
        title,
        short_form,
    ],
    name="mentions",
)
RULERS = (RULER,)


def run(state: State | Document) -> dict:
    """Find actors and mentions: every rule proposes spans, spans inside negotiation
    formats are dropped, the longest span wins (ties go to the earlier rule, except that a
    short form of a person named earlier beats a new inferred person), titles are
    resolved, and the actors with at least one mention are listed by first mention."""
    state = State.of(state)
    rank = {rid: float(i) for i, (rid, _) in enumerate(RULER.all_rules())}
    # "Mr. Kowalski" after "Jan Kowalski" is him, not a new person: on the same span the
    # short form beats the inferred-person rule.
    rank["actors.short_form"] = rank["actors.inferred_person"] - 0.5
    cands: list[Candidate] = RULER.run_items(state)
    spans = sorted((f.start, f.end) for f in state.doc.formats)
    cands = _outside(cands, spans)
    kept = select_longest(cands, rank=lambda c: rank[c.rule])
    kept = [c for c in kept if c.actor or c.form == "title"]
    kept = _resolve_titles(_merge_inferred(kept, state.text))
    lex = lexicon()
    actors: dict[str, Actor] = {}
    mentions = []
    for c in kept:
        if c.actor not in actors:
            actors[c.actor] = (
                lex.actors.get(c.actor)
                or c.inferred
                or Actor(c.actor, c.text, "person", known=False)
            )
        mentions.append(Mention(c.start, c.end, c.text, c.actor, c.form, c.rule))
    return {"actors": tuple(actors.values()), "mentions": tuple(mentions)}
