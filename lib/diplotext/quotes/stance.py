"""Frame rule for a quotation inside the object of a verb of stance (quotes.stance_object).

``Jones accused the ministry of “criminal neglect”``, ``Jones praised the “brave
volunteers”``: the verb does not say that Jones spoke, but the quotation marks say that
these are Jones's words about what the verb is aimed at. The verbs are the
``stance_verbs`` of ``data/quotes_function_words.txt``.
"""

from __future__ import annotations

import re

from .. import datafiles
from ..state import State
from .context import WINDOW, Attribution, VerbHit, function_words
from .speakers import clause_start, speaker_before


def stance_verbs() -> tuple[str, ...]:
    """The verbs of stance, longest first (multi-word ones such as ``spoke of`` included)."""
    return tuple(sorted(function_words("stance_verbs"), key=len, reverse=True))


@datafiles.cached
def _stance_re() -> re.Pattern[str]:
    alt = "|".join(r"\s+".join(map(re.escape, v.split())) for v in stance_verbs())
    # the verb, then up to ten words of its object (no clause break, no other quotation)
    return re.compile(
        rf"(?<![\w’'\-])(?P<v>{alt})(?![\w’'\-])(?:\s+[^\s.;:!?“”\"‘’]+){{0,10}}?\s*$"
    )


def stance_object(state: State) -> Attribution | None:
    """quotes.stance_object: ``Jones accused the ministry of “criminal neglect”``.

    A verb of stance (``accused``, ``praised``, ``dismissed``, ``spoke of``: the
    ``stance_verbs`` of ``data/quotes_function_words.txt``) earlier in the clause, with at
    most ten words of its object and no full stop, colon, semicolon or other quotation
    between it and the opening mark, and two words or more inside the marks (one word is a
    scare quote, quotes.scare_quote): the quotation gives the subject's own words. The
    speaker is read before the verb (rule quotes.speaker_before), so a verb with no
    subject that names someone (``the plan was rejected as “...”``) gives no speaker.
    Frame ``before``.
    """
    ctx, q = state.local, state.here
    if q.close is None or len(ctx.text[q.start : q.end].split()) < 2:
        return None  # one word in marks after "dismissed the nuclear" is a scare quote
    sent = ctx.sentence_of(q.open)
    if sent is None:
        return None
    lo = max(clause_start(ctx, q.open, sent), q.open - WINDOW)
    m = _stance_re().search(ctx.text, lo, q.open)
    if m is None:
        return None
    verb = VerbHit(m.start("v"), m.end("v"), " ".join(m.group("v").casefold().split()))
    subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
    if subj.how not in ("mention", "pronoun", "coordinated"):
        return None
    return Attribution("before", verb, subj)
