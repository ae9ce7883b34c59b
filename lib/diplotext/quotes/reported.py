"""Reported-speech rules: a reporting verb that frames no quotation reports speech.

Each rule ``rule(state)`` looks at one reporting verb and its sentence (``state.here``)
and returns a :class:`~diplotext.quotes.context.Reported` or None; the first answer wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Sentence
from ..state import State
from ..textindex import places, word_starts
from ..wordlists import reporting_verbs
from .context import (
    MAX_CONTENT,
    WINDOW,
    Context,
    Reported,
    VerbHit,
    _coordinated_verb_re,
    function_words,
)
from .speakers import clause_start, speaker_after, speaker_before

_THAT_RE = re.compile(r"\s+that\b\s*,?")
#: A listener named in capitals, then the content without ``that`` (``told Van Susteren he``).
_LISTENER_NAME = re.compile(r"(?:\s+[A-Z][\w’'\-]*){1,3}(?=\s+[a-z])\s*")
_LISTENER_THAT = re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){1,2}?\s+that\b\s*,?")


def _content_start(ctx: Context, verb: VerbHit) -> int:
    """Where the reported content starts: after ``that``, or after a listener and ``that``
    for a verb marked ``+object`` (``told reporters that``)."""
    text = ctx.text
    pos = verb.end
    m = _THAT_RE.match(text, pos)
    if m:
        return m.end()
    if not reporting_verbs().get(verb.verb):
        return pos
    j = pos
    while j < len(text) and text[j].isspace():
        j += 1
    listener = [m.end for m in ctx.mentions_in(j, j + WINDOW) if m.start == j]
    if listener:
        pos = max(listener)
        m = _THAT_RE.match(text, pos)
    else:
        m = _LISTENER_THAT.match(text, pos, pos + 80) or _LISTENER_NAME.match(text, pos, pos + 80)
    return m.end() if m else pos


def _coordinated_at(ctx: Context, pos: int, limit: int) -> re.Match[str] | None:
    """The same match as ``_coordinated_verb_re().search(text, pos, limit)``, tried only
    where a conjunction word stands (word index): a match is a comma or spaces, then the
    conjunction, so it can only start at the run of those just before such a word."""
    text, rx = ctx.text, _coordinated_verb_re()
    starts = word_starts(tuple(function_words("conjunctions")))
    where = places(ctx.state.words, starts)
    for i in range(bisect_left(where, pos), len(where)):
        w = where[i]
        if w >= limit:
            break
        k = w
        while k > pos and text[k - 1].isspace():
            k -= 1
        if k > pos and text[k - 1] == ",":
            k -= 1
        m = rx.match(text, k, limit)
        if m is not None:
            return m
    return None


def _content_after(ctx: Context, verb: VerbHit, sent: Sentence) -> tuple[int, int, bool] | None:
    text = ctx.text
    pos = _content_start(ctx, verb)
    end = ctx.sentence_text_end(sent)
    stopped = False
    q = ctx.first_quote_in(pos, end)
    if q is not None:
        end, stopped = q.open, True
    cm = _coordinated_at(ctx, pos, min(end, pos + 5 * WINDOW))
    if cm:
        end, stopped = cm.start(), False
    if end - pos > MAX_CONTENT:  # keep the step linear on run-on text: cut at a word break
        cut = text.rfind(" ", pos, pos + MAX_CONTENT)
        end, stopped = (cut if cut > pos else pos + MAX_CONTENT), False
    while pos < end and (text[pos].isspace() or text[pos] in ",:;"):
        pos += 1
    while end > pos and (text[end - 1].isspace() or text[end - 1] in ",:;—–-"):
        end -= 1
    if end <= pos:
        return None
    return pos, end, stopped


#: What may stand between an inverted report's verb and its speaker's mention: titles
#: and other capitalised words, "the", "of" (``said U.S. Secretary of State Ann Ode``).
_NAMED_FIRST = re.compile(r"\s*(?:(?:the|of|[A-Z][\w.’'\-]*)\s+)*\Z")


def _first_at(ctx: Context, verb: VerbHit, hi: int) -> int:
    mentions = ctx.mentions_in(verb.end, hi)
    return mentions[0].start if mentions else hi


def reported_inverted(state: State) -> Reported | None:
    """quotes.reported_inverted: ``... the talks were useful, said Secretary Jones.``

    The reporting verb comes after a comma at the end of the reported content and before the
    speaker, the speaker's name comes first after the verb (perhaps after capitalised title
    words: not ``..., stressed his commitment to hold Afghanistan's government``), and the
    clause ends after the speaker. The content is the clause before the
    comma (from the sentence start, or after an earlier quotation or reporting clause).
    """
    ctx, (verb, sent) = state.local, state.here
    text = ctx.text
    if not re.search(r"[,—–]\s*$", text[max(sent.start, verb.start - 5) : verb.start]):
        return None
    if _THAT_RE.match(text, verb.end):
        return None  # "X, in a note, said that ...": the content follows the verb
    m = re.compile(r"[^,;:!?“”\"]*").match(text, verb.end, min(sent.end, verb.end + WINDOW))
    stop = m.end()
    tail = text[stop : stop + 1]
    if tail not in (",", ";", ":", "!", "?", "") and stop < sent.end:
        return None
    # the speaker words must end the sentence or be followed by a comma
    rest = ctx.sentence_text_end(sent)
    seg_end = min(stop, rest)
    subj = speaker_after(ctx, verb.end, seg_end)
    if subj.how == "none" or (subj.how == "np" and len(text[verb.end : seg_end].split()) > 5):
        return None
    if subj.how == "mention" and not _NAMED_FIRST.match(
        text, verb.end, _first_at(ctx, verb, seg_end)
    ):
        return None  # "..., stressed his commitment to hold Afghanistan's government": content
    start = clause_start(ctx, verb.start, sent)
    prev_verb = ctx.last_verb_in(start, verb.start)
    if prev_verb is not None:
        start = prev_verb.end
    end = verb.start
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;—–-"):
        end -= 1
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Reported(verb, start, end, subj, sent.index, False)


def reported_according(state: State) -> Reported | None:
    """quotes.reported_according: ``According to Jane Doe, the talks failed.``

    ``According to`` opens the sentence; the speaker is read after it up to the comma
    (rule quotes.speaker_after) and the content runs from the comma to the end of the
    clause (a quotation there continues it: quotes.within_reported_speech). Anywhere else
    ``According to`` is left to the other rules (and, capitalised, to none).
    """
    ctx, (verb, sent) = state.local, state.here
    if verb.verb != "According to":
        return None
    if ctx.text[ctx.clause_floor(sent) : verb.start].strip(" \t\"“‘'(—–-"):
        return None
    comma = ctx.text.find(",", verb.end, min(sent.end, verb.end + WINDOW))
    if comma < 0:
        return None
    subj = speaker_after(ctx, verb.end, comma)
    if subj.how == "none":
        return None
    content = _content_after(ctx, VerbHit(verb.start, comma, verb.verb), sent)
    if content is None:
        return None
    start, end, stopped = content
    return Reported(verb, start, end, subj, sent.index, stopped)


def reporting_clause(ctx: Context, verb: VerbHit, sent: Sentence) -> Reported | None:
    """The speaker, verb and content of a reporting clause (see quotes.reported), or None
    (read once per verb: quotes.reported_coordinated and quotes.reported share it)."""
    if verb.start not in ctx.clauses:
        ctx.clauses[verb.start] = _reporting_clause(ctx, verb, sent)
    return ctx.clauses[verb.start]


def _reporting_clause(ctx: Context, verb: VerbHit, sent: Sentence) -> Reported | None:
    text = ctx.text
    if verb.verb.casefold() == "according to":
        return None  # the speaker follows it: quotes.reported_inverted, reported_according
    prev = re.search(r"([\w’'\-]+)\W*$", text[max(sent.start, verb.start - 40) : verb.start])
    if prev and prev.group(1).casefold() in function_words("not_subject"):
        return None
    clause = clause_start(ctx, verb.start, sent)
    prev_verb = ctx.last_verb_in(clause, verb.start)
    if prev_verb is not None:
        clause = prev_verb.end
    subj = speaker_before(ctx, verb, clause)
    content = _content_after(ctx, verb, sent)
    if content is None:
        return None
    start, end, stopped = content
    has_that = bool(_THAT_RE.match(text, verb.end))
    named_np = subj.how == "np" and (
        bool(subj.role) or (bool(subj.word) and subj.word[:1].isupper())
    )
    if subj.how in ("none", "np") and not has_that and not named_np:
        return None
    return Reported(verb, start, end, subj, sent.index, stopped)


def reported_coordinated(state: State) -> Reported | None:
    """quotes.reported_coordinated: ``X said, “...,” and emphasized that ...``.

    A reporting verb right after ``and`` (or an ``-ing`` form after a comma: ``, adding
    that``) has no speaker of its own: it shares the speaker of the previous reporting verb
    or quotation in the same sentence (the subject quotes.speaker_before reads is
    ``coordinated``). The clause is read as in quotes.reported.
    """
    ctx, (verb, sent) = state.local, state.here
    r = reporting_clause(ctx, verb, sent)
    return r if r is not None and r.subject.how == "coordinated" else None


def reported(state: State) -> Reported | None:
    """quotes.reported: ``Secretary Jones underscored it is ...``, ``X made clear that ...``.

    A speaker (rule quotes.speaker_before), a reporting verb, an optional ``that`` (verbs
    marked ``+object`` in the data file may have a listener first: ``told reporters that``),
    then the reported content, up to the end of the clause: the end of the sentence, a
    quotation (the quotation is not reported speech), or ``and`` + another reporting clause
    (``, and emphasized``, ``, and the Secretary emphasized``: up to five words, then a verb).
    A verb after a passive or a determiner (``was said``, ``the agreed text``) is not
    reporting; a verb with no resolvable speaker is kept only if ``that`` follows.
    (A speaker shared with an earlier verb, ``..., and emphasized that``, is the rule
    quotes.reported_coordinated, tried first.)
    """
    ctx, (verb, sent) = state.local, state.here
    return reporting_clause(ctx, verb, sent)
