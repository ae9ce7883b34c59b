"""Who a pronoun or an unframed quotation points back to (readers of the speaker pass).

``quotes.pronoun_antecedent`` resolves ``he``/``she``/``they``; ``quotes.no_one_between``
is the test that an inherited speaker is still the current one. Both read the speakers
noted so far (``ctx.recent``, most recent last) and the mentions between.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..wordlists import not_name_words
from .context import WINDOW, Context, Subject, function_words

#: How far back (characters) a pronoun looks for the speaker it stands for.
REACH = 8 * WINDOW
#: Mentions read between a speaker and a pronoun or quotation (more: too far, no speaker).
MAX_BETWEEN = 20


def gender_of_mention(text: str) -> str | None:
    """``"m"``/``"f"`` when a mention starts with a gendered honorific (``Mr.``, ``Ms.``)."""
    first = text.split(maxsplit=1)[0].casefold() if text.split() else ""
    if first in function_words("masculine_honorifics"):
        return "m"
    if first in function_words("feminine_honorifics"):
        return "f"
    return None


def _pronoun_gender(word: str) -> str | None:
    if word in function_words("masculine"):
        return "m"
    if word in function_words("feminine"):
        return "f"
    return None


def _fits(
    ctx: Context, actor: str, kinds: tuple[str, ...], gender: str | None, home: str | None = None
) -> bool:
    if ctx.kinds.get(actor) not in kinds:
        return False
    if home is not None and ctx.home.get(actor) != home:
        return False
    known = ctx.gender.get(actor)
    return gender is None or known is None or known == gender


def _others_between(
    ctx: Context,
    actor: str,
    lo: int,
    hi: int,
    kinds: tuple[str, ...],
    gender: str | None,
    home: str | None = None,
) -> bool:
    """Whether another actor that fits (kind, gender) is named in ``[lo, hi)`` (bounded)."""
    i = bisect_right(ctx.mention_starts, lo - 1)
    for m in ctx.mentions[i : i + MAX_BETWEEN + 1]:
        if m.start >= hi:
            return False
        if m.actor != actor and _fits(ctx, m.actor, kinds, gender, home):
            return True
    return i + MAX_BETWEEN < len(ctx.mentions) and ctx.mentions[i + MAX_BETWEEN].start < hi


def pronoun_antecedent(ctx: Context, word: str, at: int) -> str | None:
    """quotes.pronoun_antecedent: the speaker a pronoun subject of a reporting verb stands for.

    ``he``/``she``: the most recent person who spoke (an attributed quotation or reported
    speech) within ``REACH`` characters whose gender does not contradict the pronoun. A
    person's gender is known only from the text: an honorific (``Mr.``, ``Ms.``, ``Mrs.``)
    in one of their mentions, or a pronoun already resolved to them; never from a first
    name. ``they``: the most recent speaking organisation or group. If another person (or,
    for ``they``, organisation or group) that fits has been named since that speaker
    spoke, the pronoun is ambiguous: no speaker (empty is better than wrong). With no
    speaker in reach, ``he``/``she`` is the one person mentioned just before
    (quotes.mentioned_person).
    """
    if word in function_words("person_pronouns"):
        kinds, gender = ("person",), _pronoun_gender(word)
    elif word == "they":
        kinds, gender = tuple(function_words("plural_kinds")), None
    else:
        return None
    for actor, end in reversed(ctx.recent):
        if at - end > REACH:
            break
        if not _fits(ctx, actor, kinds, gender):
            continue
        if _others_between(ctx, actor, end, at, kinds, gender):
            return None
        if gender is not None:
            ctx.gender.setdefault(actor, gender)
        return actor
    if kinds != ("person",):
        return None
    actor = mentioned_person(ctx, gender, at)
    if actor is not None and gender is not None:
        ctx.gender.setdefault(actor, gender)
    return actor


def mentioned_person(ctx: Context, gender: str | None, at: int) -> str | None:
    """quotes.mentioned_person: ``he``/``she`` with no speaker before it in reach: the one
    person mentioned in this paragraph (up to ``at``), or, when this paragraph names nobody
    before it, in the paragraph before, whose gender does not contradict the pronoun
    (``Anna Berg, the envoy, arrived. “...,” she said.``). Two such people in the paragraph
    read, or two capitalised words outside every mention that may name someone the actors
    step does not know (``... met Tom Reyes, the mayor.``): ambiguous, None."""
    sent = ctx.sentence_of(at)
    if sent is None:
        return None
    for back in (0, 1):
        lo = ctx.paragraphs[max(0, sent.paragraph - back)].start
        if at - lo > REACH:
            return None
        found = _lone_person(ctx, gender, lo, at)
        if found != "":
            return found
    return None


def _lone_person(ctx: Context, gender: str | None, lo: int, at: int) -> str | None:
    """The one fitting person mentioned in ``[lo, at)``; None when ambiguous, "" when the
    span names nobody at all (no person, no unknown capitalised pair)."""
    i = bisect_right(ctx.mention_starts, lo - 1)
    found, pos, anyone = None, lo, False
    for m in ctx.mentions[i : i + MAX_BETWEEN + 1]:
        if m.start >= at:
            break
        if _unknown_pair(ctx.text, pos, m.start):
            return None
        pos = max(pos, m.end)
        if ctx.kinds.get(m.actor) == "person":
            anyone = True
        if not _fits(ctx, m.actor, ("person",), gender):
            continue
        if found is not None and m.actor != found:
            return None
        found = m.actor
    if _unknown_pair(ctx.text, pos, at):
        return None
    return found if found is not None or anyone else ""


#: Two capitalised words in a row (perhaps a person's name no rule has recognised).
_NAME_PAIR = re.compile(r"(?<![\w’'\-])([A-Z][\w’'\-]+)[ \t]+([A-Z][\w’'\-]+)")


def _unknown_pair(text: str, lo: int, hi: int) -> bool:
    """Two capitalised words in ``[lo, hi)`` that may be a person's name no rule found;
    a pair with a word of organisations' names (``Air Force``, ``Security Council``;
    ``data/actors_not_names.txt``) is not one."""
    return any(
        not ({m.group(1), m.group(2)} & not_name_words()) for m in _NAME_PAIR.finditer(text, lo, hi)
    )


def no_one_between(ctx: Context, actor: str, lo: int, hi: int) -> bool:
    """quotes.no_one_between: no other person is named in ``[lo, hi)`` (an unframed
    quotation there still belongs to ``actor``; see quotes.inherited)."""
    return not _others_between(ctx, actor, lo, hi, ("person",), None)


def description_antecedent(ctx: Context, subj: Subject, at: int) -> str | None:
    """quotes.description_antecedent: the speaker a definite description stands for.

    ``“...,” the Russian president said``, ``the spokesman added``: the most recent person
    who spoke within ``REACH`` characters, who speaks for the state the description's
    adjective names (``Russian`` -> a person whose state is RUS; without an adjective, any
    person). Another fitting person named since: ambiguous, no speaker. When no one has
    spoken yet, the person last mentioned with that title (``President Trump ... the
    president told ...``), if only one person bears it in reach (quotes.titled_mention).
    A description that fits nobody (a new official) gets no speaker.
    """
    home = subj.role_state
    for actor, end in reversed(ctx.recent):
        if at - end > REACH:
            break
        if not _fits(ctx, actor, ("person",), None, home):
            continue
        if _others_between(ctx, actor, end, at, ("person",), None, home):
            return None
        return actor
    return titled_mention(ctx, subj, at)


def titled_mention(ctx: Context, subj: Subject, at: int) -> str | None:
    """quotes.titled_mention: the one person mentioned before ``at`` (within ``REACH``
    characters, at most ``MAX_BETWEEN`` mentions back) with the description's title in
    the mention (``President Trump`` for ``the president``) and, if the description has a
    state adjective, speaking for that state or for no state the text gives (``the U.S.
    president`` after ``President Trump``, whose state is not known). Two such people:
    ambiguous, None."""
    role = (subj.role or "").casefold()
    found = None
    i = bisect_right(ctx.mention_starts, at - 1) - 1
    for m in reversed(ctx.mentions[max(0, i - MAX_BETWEEN) : i + 1]):
        if at - m.start > REACH:
            break
        words = [w.strip(".,").casefold() for w in m.text.split()]
        if role not in words or not _fits(ctx, m.actor, ("person",), None):
            continue
        if subj.role_state is not None and ctx.home.get(m.actor) not in (None, subj.role_state):
            continue
        if found is not None and m.actor != found:
            return None
        found = m.actor
    return found
