"""Readers the quotes rules call: who is named before or after a reporting verb.

These are not rules of their own (no item carries their id), but ``diplotext.explain``
shows them like rules: ``quotes.speaker_before``, ``quotes.speaker_after``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .. import datafiles
from ..model import Sentence
from .context import (
    _SENTENCE_SUBJECT,
    WINDOW,
    Context,
    Subject,
    VerbHit,
    _coordinated_re,
    _gap_re,
    _pronoun_before_re,
    function_words,
)


def speaker_before(ctx: Context, verb: VerbHit, clause_start: int) -> Subject:
    """quotes.speaker_before: the speaker named just before a reporting verb.

    Read from the start of the clause (the sentence, or the text after a quotation earlier
    in the sentence) up to the verb, in this order:

    1. a mention of a person, state or organisation that stands right before the verb,
       allowing fillers between (``Jones also said``, ``Russia has repeatedly denied``,
       any ``-ly`` word), one parenthesis in commas or dashes
       (``Jones, speaking in Brussels, said``) or the comma closing an apposition
       (``Russia’s envoy, Vasily Nebenzia, said``). If several qualify, a person wins.
    2. a pronoun right before the verb (``he said``): resolved later (``he``/``she``/``they``
       by quotes.pronoun_antecedent; ``I`` in a transcript = the turn's speaker; ``we``
       not resolved).
    3. ``and``/``but`` right before the verb (``..., and emphasized that``) or a comma before
       an ``-ing`` form (``, adding that``): the verb shares the previous speaker of the
       sentence; if no earlier verb of the sentence has one, the mention that opens the
       sentence (``Jones met the Minister and stressed that ...``).
    4. any other word: a noun phrase that names no known actor (``A spokesperson said``):
       no speaker.
    """
    text = ctx.text
    lo = max(clause_start, verb.start - WINDOW)
    if _participle(ctx, verb, lo):
        return _coordinated(ctx, verb)
    gap_re = _gap_re()
    cands = [
        m for m in ctx.mentions_in(lo, verb.start) if gap_re.fullmatch(text, m.end, verb.start)
    ]
    if cands:
        persons = [m for m in cands if ctx.kinds.get(m.actor) == "person"]
        best = (persons or cands)[-1]
        return Subject("mention", actor=best.actor)
    window = text[lo : verb.start]
    pm = _pronoun_before_re().search(window)
    if pm:
        return Subject("pronoun", word=pm.group("p").casefold())
    if _coordinated_re().search(window) or (
        clause_start >= verb.start - WINDOW and not window.strip(" \t,;")
    ):
        return _coordinated(ctx, verb)
    d = _description_re(True).search(window)
    if d:
        return _description(ctx, d, lo)
    wm = re.search(r"([\w’'\-]+)\W*$", window)
    if wm:
        return Subject("np", word=wm.group(1))
    return Subject("none")


#: What stands before an ``-ing`` reporting verb that opens a participle clause.
_PARTICIPLE_LEAD = re.compile(r"(?:,|(?<![\w’'\-])(?:while|when|after|before|by))\s*$")


def _participle(ctx: Context, verb: VerbHit, lo: int) -> bool:
    """``..., saying they were ...``, ``... responded, while acknowledging that ...``: an
    ``-ing`` reporting verb after a comma or ``while``/``when``/``after``/``before``/``by``
    opens a participle clause, whose subject is the sentence's speaker, never the word
    before the comma (``aid given to three countries, saying``). So is an ``-ing`` form
    right before a colon (``Minister Jones updated Parliament saying: “...”``)."""
    return verb.verb.endswith("ing") and bool(
        _PARTICIPLE_LEAD.search(ctx.text, max(lo, verb.start - 12), verb.start)
        or _COLON_NEXT.match(ctx.text, verb.end)
    )


_COLON_NEXT = re.compile(r"[ \t]*:")


def _coordinated(ctx: Context, verb: VerbHit) -> Subject:
    """The verb shares the sentence's previous speaker; as a fallback when no earlier verb
    of the sentence has one, a mention that opens the sentence is its subject (``Jones
    met the Minister and stressed that ...``). A person's mention may stand after up to
    three capitalised words of their office (``Foreign Office Minister Mark Simmonds``)."""
    text = ctx.text
    sent = ctx.sentence_of(verb.start)
    floor = ctx.clause_floor(sent)
    heads = ctx.mentions_in(floor, min(verb.start, floor + WINDOW))
    first = [m for m in heads if _SENTENCE_SUBJECT.fullmatch(text, floor, m.start)] or [
        m
        for m in heads[:1]
        if ctx.kinds.get(m.actor) == "person" and _OFFICE_OPENING.fullmatch(text, floor, m.start)
    ]
    return Subject("coordinated", actor=first[0].actor if first else None)


_OFFICE_OPENING = re.compile(r"[\W]*(?:[Tt]he\s+)?(?:[A-Z][\w’'\-]*[ \t]+){1,3}")


@datafiles.cached
def _description_re(before: bool) -> re.Pattern[str]:
    nouns = "|".join(sorted(function_words("description_nouns"), key=len, reverse=True))
    adj = r"[A-Z](?:[\w’'\-]|\.(?=\w))+\.?"  # "Russian", "U.S."
    phrase = rf"(?<![\w’'\-])[Tt]he\s+(?:(?P<adj>{adj})\s+)?(?P<role>{nouns})"
    return re.compile(phrase + r"\s*$" if before else r"\s*" + phrase + r"(?![\w’'\-])")


def _description(ctx: Context, m: re.Match[str], base: int) -> Subject:
    """quotes.description: ``the spokesman``, ``the Russian president`` before or after a
    reporting verb: a noun phrase that stands for a speaker named earlier (resolved by
    quotes.description_antecedent); an adjective naming a state (``Russian``) is kept."""
    state = ctx.adjectives.get(base + m.start("adj")) if m.group("adj") else None
    if state is not None and ctx.kinds.get(state) != "state":
        state = None  # "the U.N. chief": an organisation's official; no state to match
    return Subject("np", word=m.group("role"), role=m.group("role"), role_state=state)


def speaker_after(ctx: Context, lo: int, hi: int) -> Subject:
    """quotes.speaker_after: the speaker named after a reporting verb (``said Secretary Jones``).

    Read in the words after the verb up to the next comma or the end of the clause: a
    mention of a person, state or organisation (a person wins), else a pronoun (``said he``),
    else a noun phrase naming no known actor (``said a spokesperson``).
    """
    text = ctx.text
    d = _description_re(False).match(text, lo, hi)
    if d and all(
        d.group("adj") and d.start("adj") <= m.start and m.end <= d.end("adj")
        for m in ctx.mentions_in(lo, d.end())
    ):
        return _description(ctx, d, 0)  # "said the U.N. chief": not the U.N. itself
    cands = ctx.mentions_in(lo, hi)
    if cands:
        persons = [m for m in cands if ctx.kinds.get(m.actor) == "person"]
        return Subject("mention", actor=(persons or cands)[0].actor)
    words = text[lo:hi].split()
    if words:
        w = words[0].strip(",.;:!?").casefold()
        pron = (
            function_words("person_pronouns")
            | function_words("first_person")
            | function_words("other_pronouns")
        )
        if w in pron:
            return Subject("pronoun", word=w)
        return Subject("np", word=words[0])
    return Subject("none")


def clause_start(ctx: Context, pos: int, sent: Sentence | None) -> int:
    """Start of the clause holding ``pos``: sentence start, or after an earlier quotation."""
    start = ctx.clause_floor(sent)
    i = bisect_left(ctx.mark_opens, pos) - 1
    # quotations do not overlap: at most the one holding pos stands between
    for q in ctx.marks[max(i - 1, 0) : i + 1][::-1]:
        if q.open >= start and q.close is not None and q.close < pos:
            return q.close + 1
    return start
