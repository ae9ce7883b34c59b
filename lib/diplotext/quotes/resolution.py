"""Resolution rules: quotations without a frame, and the speaker of each item.

Speakers are resolved from left to right over reports and quotations in text order, so
that ``he said`` finds the speaker it stands for (``antecedents.py``) and an unframed
quotation can inherit the current speaker (``ctx.last``). A quotation that no frame rule
attributed is decided by the chain ``UNFRAMED`` (``state.here`` is a :class:`Pending`);
the first rule that answers gives its speaker. A speaker is always the actor of a mention
that the actors step found; when nothing resolves, the speaker is None: the rules never
guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Quote
from ..state import State
from .antecedents import description_antecedent, no_one_between, pronoun_antecedent
from .context import (
    _CLOSERS,
    WINDOW,
    Attribution,
    Context,
    Marks,
    Subject,
    function_words,
    sentence_initial,
    word_count,
)


@dataclass(frozen=True)
class Pending:
    """An unframed quotation being decided: its index among the top-level quotations,
    its marks and its paragraph."""

    index: int
    marks: Marks
    paragraph: int


@dataclass(frozen=True)
class Unframed:
    """What an unframed-quotation rule decided: the speaker (None: nobody) and the kind
    (None: read by quotes.kind)."""

    speaker: str | None
    kind: str | None = None


def quote_kind(ctx: Context, q: Marks, framed: bool) -> str:
    """quotes.kind: ``full`` (a whole sentence or more) or ``fragment``.

    A quotation is ``full`` when its first letter is a capital and either it carries its own
    final punctuation (``.`` ``?`` ``!`` ``…`` inside the marks) or it is framed by a
    reporting verb and ends with a comma or colon standing for that punctuation
    (``“Diplomacy is the only responsible way to resolve this crisis,” ...``) or ends the
    writer's sentence. Anything else is a ``fragment`` woven into the writer's sentence
    (``“if the other side is prepared ...”``, a scare-quoted phrase).
    """
    content = ctx.text[q.start : q.end]
    first = next((ch for ch in content if ch.isalpha()), "")
    if not first.isupper():
        return "fragment"
    body = content.rstrip(" " + _CLOSERS)
    if body.endswith((".", "?", "!", "…")):
        return "full"
    if framed:
        if body.endswith((",", ":", ";", "—", "–")):
            return "full"
        if q.close is None or re.match(r"\s*[.?!]", ctx.text[q.close + 1 : q.close + 4]):
            return "full"
    return "fragment"


# --------------------------------------------------------------------------- a frame from a report


def within_reported_speech(state: State) -> Attribution | None:
    """quotes.within_reported_speech: a quotation inside a reported clause.

    ``The Minister ... emphasized that her government ... would try to address them, “if the
    other side is prepared to reciprocate ...”``: the quotation continues the content of a
    reported-speech clause earlier in the same sentence (the reported content stopped at
    the quotation, within ``5 * WINDOW`` characters of its verb, and no other reporting
    verb stands between). It takes that clause's speaker and verb; frame ``before``.
    """
    ctx, q = state.local, state.here
    sent = ctx.sentence_of(q.open)
    ri = bisect_left(ctx.report_starts, q.open) - 1
    if sent is None or ri < 0:
        return None
    r = ctx.reports[ri]
    if r.sentence != sent.index or not r.stopped_at_quote or q.open - r.verb.end > 5 * WINDOW:
        return None
    if any(v.start not in ctx.used_verbs for v in ctx.verbs_in(r.verb.end, q.open)):
        return None
    return Attribution("before", r.verb, r.subject, source=ri)


# --------------------------------------------------------------------------- unframed quotations


def continued_paragraph(state: State) -> Unframed | None:
    """quotes.continued_paragraph: a quotation running over several paragraphs.

    The previous paragraph ended inside an unclosed quotation and this paragraph opens with
    a quotation mark (the newspaper convention, found by quotes.marks). The piece keeps the
    speaker of the piece before; reporting verb None, frame ``none``.
    """
    ctx, p = state.local, state.here
    if not p.marks.continued:
        return None
    prev = ctx.quote_out.get(p.index - 1)
    return Unframed(prev.speaker if prev else None)


def inherited(state: State) -> Unframed | None:
    """quotes.inherited: an unframed quotation that opens a sentence keeps the current speaker.

    The current speaker is the speaker of the last attributed quotation or reported speech,
    if it stands in the same or the previous paragraph (and the same transcript turn) and
    no other person has been named since (quotes.no_one_between).
    Example: ``..., said Secretary Jones. “Their actions have threatened ...”``.
    Reporting verb None, frame ``none``. Quotations in the middle of a sentence never
    inherit: they are scare quotes or unattributed.
    """
    ctx, p = state.local, state.here
    last = ctx.last
    if last is None or not sentence_initial(ctx, p.marks):
        return None
    if last[2] != ctx.turn_of(p.paragraph) or not 0 <= p.paragraph - last[1] <= 1:
        return None
    if not no_one_between(ctx, last[0], ctx.last_at, p.marks.open):
        return None
    return Unframed(last[0])


def speaker_label(state: State) -> Unframed | None:
    """quotes.speaker_label: in a transcript turn, an unframed quotation that opens a sentence
    belongs to the turn's speaker (``SECRETARY BLINKEN:  ... “...”``).

    The turn's speaker is a person, state or organisation mentioned in the label, or the one
    person among the document's actors whose surname is a word of the label
    (``SHERMAN`` -> Wendy R. Sherman). ``QUESTION:``, ``MODERATOR:`` name nobody: None.
    Frame ``none``, reporting verb None.
    """
    ctx, p = state.local, state.here
    turn = ctx.turn_of(p.paragraph)
    if turn < 0 or not sentence_initial(ctx, p.marks):
        return None
    return Unframed(ctx.turn_speakers[turn])


def scare_quote(state: State) -> Unframed | None:
    """quotes.scare_quote: one to four words in quotation marks with no frame, that are not
    a sentence.

    ``Russia calls it a “special military operation”``: a phrase held at a distance, or
    quoted from someone the text does not name. Kind ``fragment``, speaker None. A full
    sentence of any length (``“He can choose diplomacy.”``, rule quotes.kind) is not a
    scare quote: it goes on to quotes.unattributed as a ``full`` quotation.
    """
    ctx, q = state.local, state.here.marks
    if word_count(state.text[q.start : q.end]) > 4:
        return None
    if quote_kind(ctx, q, framed=False) == "full":
        return None
    return Unframed(None, "fragment")


def unattributed(state: State) -> Unframed | None:
    """quotes.unattributed: a quotation no rule attributes. Speaker None (never guessed)."""
    return Unframed(None)


def first_speaker(state: State) -> Unframed | None:
    """quotes.first_speaker: a quotation before anyone is said to speak belongs to the text's
    one speaker, when it has only one.

    A headline or opening quotation stands before its frame: ``“We will rebuild this town”``
    as a headline, then ``..., said Mayor Ana Lopez.`` in the story. The quotation (one no
    other rule attributed, not a scare quote) must come before the first attributed
    quotation or reported speech of the text; every attributed quotation and reported
    speech of the text must have the same speaker, a person; no other person (a mention the
    actors step found) may be named before the quotation; no frame may name a speaker the
    rules could not resolve (``said VOA's director``: someone else speaks); and the text is
    not a transcript. Quotations *after* the speaker's first words are follow-ons, decided
    by quotes.inherited alone (same or next paragraph, no one named between). Frame
    ``none``, reporting verb None; kind kept.
    """
    ctx, q = state.local, state.here
    if q.speaker is not None or q.rule != "quotes.unattributed" or ctx.turns or ctx.unresolved:
        return None
    if ctx.sole is None:
        ctx.sole = _sole_speaker(ctx)
    who, before = ctx.sole
    return Unframed(who, q.kind) if who is not None and q.end <= before else None


_HEADED = ("quotes.unattributed", "quotes.continued_paragraph")
_HEADING = re.compile(r"\s*(?:joint\s+)?(?:statement|remarks|message)\s+(?:by|from)\s", re.I)


def statement_heading(state: State) -> Unframed | None:
    """quotes.statement_heading: a statement's heading names who speaks in it.

    ``Statement by Secretary of Defense Lloyd J. Austin III on the Confirmation of ...``
    as the text's first paragraph, then the statement as a quotation with no frame (perhaps
    over several paragraphs): the quotation is the heading's person's. The heading must
    begin ``Statement``, ``Remarks`` or ``Message`` ``by``/``from`` and mention exactly one
    person; no frame in the text may name anyone else, and the text is not a transcript.
    Never a scare quote. Frame ``none``, reporting verb None; kind kept.
    """
    ctx, q = state.local, state.here
    if q.speaker is not None or q.kind == "fragment" or q.rule not in _HEADED:
        return None
    if ctx.heading is None:
        ctx.heading = (_heading_speaker(ctx),)
    who = ctx.heading[0]
    return Unframed(who, q.kind) if who is not None else None


def _heading_speaker(ctx: Context) -> str | None:
    if ctx.turns or not ctx.paragraphs:
        return None
    head = ctx.paragraphs[0]
    if not _HEADING.match(ctx.text, head.start, head.end):
        return None
    people = {
        m.actor for m in ctx.mentions_in(head.start, head.end) if ctx.kinds.get(m.actor) == "person"
    }
    said = {x.speaker for x in ctx.quote_out.values() if x.speaker}
    said |= {w for w in ctx.report_speaker.values() if w}
    return next(iter(people)) if len(people) == 1 and said <= people else None


def _sole_speaker(ctx: Context) -> tuple[str | None, int]:
    """The text's one speaker (a person) and where a quotation must end to come before
    anyone speaks and before any other person is named; ``(None, 0)`` when there is not
    exactly one speaker."""
    said = [(x.start, x.speaker) for x in ctx.quote_out.values() if x.speaker]
    said += [(ctx.reports[ri].verb.start, w) for ri, w in ctx.report_speaker.items() if w]
    if len({w for _, w in said}) != 1 or ctx.kinds.get(said[0][1]) != "person":
        return None, 0
    who = said[0][1]
    other = (m.start for m in ctx.mentions if m.actor != who and ctx.kinds.get(m.actor) == "person")
    return who, min([p for p, _ in said] + [next(other, len(ctx.text))])


def nested(state: State) -> list[Quote]:
    """quotes.nested: a quotation inside a quotation (``“He told me ‘no’ twice,” she said.``).

    It is the quoted speaker's quotation of someone else; the rules do not attribute it:
    speaker None, frame ``none``.
    """
    ctx = state.local
    return [
        Quote(
            start=q.start,
            end=q.end,
            text=state.text[q.start : q.end],
            speaker=None,
            speaker_name=None,
            reporting_verb=None,
            kind=quote_kind(ctx, q, framed=False),
            frame="none",
            rule="",
        )
        for q in ctx.all_marks
        if q.nested
    ]


# --------------------------------------------------------------------------- the speaker pass


def resolve(ctx: Context, subj: Subject, sent_index: int, paragraph: int, at: int) -> str | None:
    """The actor a reporting clause's subject names (see quotes.speaker_before); a pronoun
    at ``at`` is resolved by quotes.pronoun_antecedent."""
    if subj.how == "mention":
        return subj.actor
    if subj.how == "pronoun":
        if subj.word in function_words("first_person"):
            t = ctx.turn_of(paragraph)
            return ctx.turn_speakers[t] if t >= 0 else None
        return pronoun_antecedent(ctx, subj.word or "", at)
    if subj.how == "np" and subj.role:
        return description_antecedent(ctx, subj, at)
    if subj.how == "coordinated":
        return ctx.sentence_speaker.get(sent_index) or subj.actor
    return None


def note_speaker(ctx: Context, who: str | None, sent_index: int, paragraph: int, at: int) -> None:
    """Remember who spoke last, in an item ending at ``at`` (for ``he said`` and unframed
    quotations that follow)."""
    if who is None:
        return
    ctx.last = (who, paragraph, ctx.turn_of(paragraph))
    ctx.last_at = at
    ctx.recent.append((who, at))
    ctx.sentence_speaker[sent_index] = who
    if ctx.kinds.get(who) == "person":
        ctx.last_person = who


def note_unresolved(ctx: Context, subj: Subject) -> None:
    """A frame or report named a speaker the rules could not resolve (``said VOA's
    director``, ``reporters say``): someone else has spoken, so an unframed quotation
    after it inherits nobody (quotes.inherited: no speaker is better than a wrong one)."""
    if subj.how not in ("none", "coordinated"):
        ctx.last = None
        ctx.unresolved += 1


def _verb_text(ctx: Context, att: Attribution) -> str | None:
    if att.verb is None:
        return None
    return " ".join(ctx.text[att.verb.start : att.verb.end].split()) or None
