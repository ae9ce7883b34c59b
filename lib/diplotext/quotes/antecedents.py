"""Who a pronoun or an unframed quotation points back to (readers of the speaker pass).

``quotes.pronoun_antecedent`` resolves ``he``/``she``/``they``; ``quotes.no_one_between``
is the test that an inherited speaker is still the current one. Both read the speakers
noted so far (``ctx.recent``, most recent last) and the mentions between.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .context import WINDOW, Context, Subject, function_words
from .speakers import clause_start, speaker_before

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
    """Whether another actor that fits (kind, gender) is named in ``[lo, hi)`` (bounded);
    for people, also a sentence there that opens with a name no rule knows
    (:func:`unknown_subject_between`)."""
    i = bisect_right(ctx.mention_starts, lo - 1)
    for m in ctx.mentions[i : i + MAX_BETWEEN + 1]:
        if m.start >= hi:
            break
        if m.actor != actor and _fits(ctx, m.actor, kinds, gender, home):
            return True
    else:
        if i + MAX_BETWEEN < len(ctx.mentions) and ctx.mentions[i + MAX_BETWEEN].start < hi:
            return True
    return "person" in kinds and unknown_subject_between(ctx, lo, hi)


#: Two capitalised words opening a sentence (perhaps after a short phrase and a comma),
#: then a lower-case word or a comma: a subject that may be a person's name.
_OPENING_PAIR = re.compile(
    r"(?:[^,.;:!?“”\"\n]{1,60},\s*)?(?P<a>[A-Z][a-z’'\-]+\.?)[ \t]+(?:[A-Z]\.[ \t]+)?"
    r"(?P<b>[A-Z][a-z’'\-]+)(?=[ \t]+[a-z]|,)"
)


def unknown_subject_between(ctx: Context, lo: int, hi: int) -> bool:
    """Whether a sentence starting in ``[lo, hi)`` opens with two capitalised words that no
    mention covers and that are not sentence openers (``The``, ``In``, ``However``: the
    ``sentence_openers`` of ``data/quotes_function_words.txt``): ``Ivan Marko rejected the
    claim.`` may name a person no rule recognised, who may be the one speaking next."""
    j = ctx.state.sentence_index(lo, containing=False)
    for sent in ctx.sentences[j or 0 : (j or 0) + MAX_BETWEEN]:
        if sent.start < lo:
            continue
        if sent.start >= hi:
            return False
        m = _OPENING_PAIR.match(ctx.text, sent.start, min(sent.end, hi))
        if m is None or m.group("a").casefold() in function_words("sentence_openers"):
            continue
        if not ctx.mentions_in(m.start("a"), m.end("b")):
            return True
    return False


def pronoun_antecedent(ctx: Context, word: str, at: int) -> str | None:
    """quotes.pronoun_antecedent: the speaker a pronoun subject of a reporting verb stands for.

    ``he``/``she``: the most recent person who spoke (an attributed quotation or reported
    speech) within ``REACH`` characters whose gender does not contradict the pronoun. A
    person's gender is known only from the text: an honorific (``Mr.``, ``Ms.``, ``Mrs.``)
    in one of their mentions, or a pronoun already resolved to them; never from a first
    name. ``they``: the most recent speaking organisation or group. If another person (or,
    for ``they``, organisation or group) that fits has been named since that speaker
    spoke, the pronoun is ambiguous: no speaker (empty is better than wrong), unless a
    new paragraph opens with that one person as its subject (quotes.paragraph_subject).
    With no speaker in reach, ``he``/``she`` is the one person mentioned just before
    (quotes.mentioned_person), unless someone the rules cannot name spoke after that
    mention (``A Kremlin spokesman said ...``): the pronoun may stand for them.
    """
    if word in function_words("person_pronouns"):
        kinds, gender = ("person",), _pronoun_gender(word)
    elif word == "they":
        kinds, gender = tuple(function_words("plural_kinds")), None
    else:
        return None
    found = _recent_speaker(ctx, kinds, gender, at)
    if found is None:  # no speaker in reach
        actor = mentioned_person(ctx, gender, at) if kinds == ("person",) else None
    elif found[1]:  # another fitting actor named since that speaker spoke
        actor = paragraph_subject(ctx, gender, at) if kinds == ("person",) else None
    else:
        actor = found[0]
    if actor is not None and gender is not None:
        ctx.gender.setdefault(actor, gender)
    return actor


def _recent_speaker(
    ctx: Context, kinds: tuple[str, ...], gender: str | None, at: int
) -> tuple[str, bool] | None:
    """The most recent speaker in reach that fits, and whether another fitting actor has
    been named since; None when no speaker in reach fits."""
    for actor, end in reversed(ctx.recent):
        if at - end > REACH:
            break
        if _fits(ctx, actor, kinds, gender):
            return actor, _others_between(ctx, actor, end, at, kinds, gender)
    return None


def mentioned_person(ctx: Context, gender: str | None, at: int) -> str | None:
    """quotes.mentioned_person: ``he``/``she`` with no speaker before it in reach: the one
    person mentioned in this paragraph or the one before it (up to ``at``), whose gender
    does not contradict the pronoun (``Anna Berg, the envoy, arrived. “...,” she said.``).
    Two such people, or two capitalised words outside every mention that may name someone
    the actors step does not know (``... met Tom Reyes, the mayor.``): ambiguous, None.
    So is a reporting verb after the mention whose subject names nobody the rules know
    (a caption ``Vladimir Putin speaks in Moscow.``, then ``A Kremlin spokesman said ...
    “...,” he said.``: :func:`unnamed_speaker_between`)."""
    sent = ctx.sentence_of(at)
    if sent is None or at - (lo := ctx.paragraphs[max(0, sent.paragraph - 1)].start) > REACH:
        return None
    i = bisect_right(ctx.mention_starts, lo - 1)
    found, pos, found_end = None, lo, lo
    for m in ctx.mentions[i : i + MAX_BETWEEN + 1]:
        if m.start >= at:
            break
        if _NAME_PAIR.search(ctx.text, pos, m.start):
            return None
        pos = max(pos, m.end)
        if not _fits(ctx, m.actor, ("person",), gender):
            continue
        if found is not None and m.actor != found:
            return None
        found, found_end = m.actor, m.end
    if found is None or _NAME_PAIR.search(ctx.text, pos, at):
        return None
    return None if unnamed_speaker_between(ctx, found_end, at) else found


def unnamed_speaker_between(ctx: Context, lo: int, hi: int) -> bool:
    """Whether a reporting verb in ``[lo, hi)`` has a subject that names no known actor
    (``A Kremlin spokesman said the talks were over.``): someone unnamed spoke, whom a
    later ``he`` may stand for (a caption's ``Vladimir Putin`` before it is not the one)."""
    for verb in ctx.verbs_in(lo, hi)[:MAX_BETWEEN]:
        sent = ctx.sentence_of(verb.start)
        subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
        if subj.how == "np":
            return True
    return False


def paragraph_subject(ctx: Context, gender: str | None, at: int) -> str | None:
    """quotes.paragraph_subject: ``he``/``she`` after another person was named since the
    last speaker, when the paragraph opens with that person as its subject.

    ``“...,” Peskov told reporters.`` then a new paragraph ``Ukraine’s foreign minister,
    Dmytro Kuleba, rejected the claim. “These are lies,” he said.``: the earlier sentences
    of the pronoun's paragraph mention one person only (not as a possessive, ``Kuleba’s
    aide``), and the paragraph opens with that mention (perhaps after a short phrase and a
    comma: an apposition), with no pronoun and no unknown capitalised name in those
    sentences (``He met Kuleba.`` keeps ``he`` ambiguous). Otherwise None."""
    sent = ctx.sentence_of(at)
    if sent is None:
        return None
    para = ctx.paragraphs[sent.paragraph]
    lo, hi = para.start, sent.start
    if hi <= lo or hi - lo > 2 * WINDOW:
        return None
    people = [
        m for m in ctx.mentions_in(lo, hi)[: MAX_BETWEEN + 1] if ctx.kinds.get(m.actor) == "person"
    ]
    if not people or len({m.actor for m in people}) > 1:
        return None
    first = people[0]
    if not _fits(ctx, first.actor, ("person",), gender) or ctx.text.startswith(
        ("’s", "'s"), first.end
    ):
        return None
    if not _LEAD.fullmatch(ctx.text, lo, first.start):
        return None
    rest = ctx.text[first.end : hi]
    if _NAME_PAIR.search(rest) or _PRONOUN.search(ctx.text, lo, hi):
        return None
    return first.actor


#: What may stand before a paragraph's subject: nothing, or a short phrase and a comma.
_LEAD = re.compile(r"(?:[^,.;:!?“”\"\n]{1,60},\s*)?")
#: A pronoun for a person in the sentences before the quotation.
_PRONOUN = re.compile(r"(?<![\w’'\-])(?i:he|she|him|her|his|hers)(?![\w’'\-])")


#: Two capitalised words in a row (perhaps a person's name no rule has recognised).
_NAME_PAIR = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]+[ \t]+[A-Z][\w’'\-]+")


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
