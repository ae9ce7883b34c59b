"""Pipeline step: direct quotations and reported (indirect) speech.

``run(state)`` returns ``{"quotes": (...), "reported_speech": (...), "turns": (...)}``.
It runs after ``actors``, so the mentions of people, states and organisations are known.

The step works in four passes, each a chain of named rules (``diplotext.explain(rule_id)``),
one module each: ``scan`` (marks, turns, verbs), ``frames``, ``reported``, ``resolution``;
``speakers`` holds the readers the rules share, ``context`` the types and lookups.

1. ``quotes.marks`` pairs quotation marks into quotations, paragraph by paragraph.
2. ``quotes.reporting_verbs`` finds the reporting verbs (``data/reporting_verbs.txt``)
   outside quotations.
3. Each quotation's *construction* is recognised by the frame rules, tried in the order of
   :data:`FRAMES` (the first that matches wins): ``X said: “...”``, ``X said, “...”``,
   ``X added that “...”``, ``“...,” said X.``, ``“...,” X said.``, ``“...,” he said.``.
   Every reporting verb that is not the frame of a quotation is read as reported speech
   (``X made clear that ...``, ``..., said X.``).
4. Speakers are resolved from left to right, so that ``he said`` can find the most recent
   speaker it fits (quotes.pronoun_antecedent) and an unframed quotation can inherit the
   current speaker while no other person has been named (quotes.no_one_between). A speaker
   is always the actor of a mention that ``actors`` found (people first); when nothing
   resolves, the speaker is ``None``: the rules never guess.

Transcripts: a paragraph starting with a speaker label in capitals
(``SECRETARY BLINKEN:``, or ``Q`` with no colon) opens that speaker's turn (the ``turns`` of the
output). A turn is not a quotation; quotations inside it are attributed by the same rules,
and unframed ones that open a sentence inherit the turn's speaker.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Document, Quote, ReportedSpeech
from ..model import Turn as TranscriptTurn
from ..ruler import Ruler, stamp
from ..state import State
from .antecedents import (
    description_antecedent,
    gender_of_mention,
    mentioned_person,
    no_one_between,
    pronoun_antecedent,
)
from .context import SPEAKER_KINDS, Context, Marks, Turn
from .frames import (
    according_to,
    byline,
    described_as,
    name_card,
    previous_paragraph,
    pronoun_said_after,
    said_after,
    said_colon,
    said_comma,
    said_that,
    speaker_said_after,
    statement_intro,
)
from .reported import (
    reported,
    reported_according,
    reported_coordinated,
    reported_inverted,
)
from .resolution import (
    Pending,
    Unframed,
    _verb_text,
    continued_paragraph,
    first_speaker,
    inherited,
    nested,
    note_speaker,
    note_unresolved,
    quote_kind,
    resolve,
    scare_quote,
    speaker_label,
    statement_heading,
    unattributed,
    within_reported_speech,
)
from .scan import bare_q_label, marks, reporting_verbs, turn_speaker, turns
from .speakers import _description, speaker_after, speaker_before

#: Pass 1-2: what the other rules read (each returns what it found, kept in the Context).
SCANS = Ruler("quotes", [marks, turns, bare_q_label, reporting_verbs], name="scans")
#: Pass 3: the frame of each quotation (``state.here`` = the quotation); first answer wins.
FRAMES = Ruler(
    "quotes",
    [
        according_to,
        said_colon,
        said_comma,
        said_that,
        said_after,
        speaker_said_after,
        pronoun_said_after,
        previous_paragraph,
        statement_intro,
        byline,
        name_card,
        described_as,
    ],
    name="frames",
)
#: Pass 3: reported speech, for every reporting verb that frames no quotation.
REPORTED = Ruler(
    "quotes",
    [reported_according, reported_inverted, reported_coordinated, reported],
    name="reported",
)
#: Pass 3: a quotation that continues a reported clause takes its frame.
WITHIN = Ruler("quotes", [within_reported_speech], name="within")
#: Pass 4: who speaks an unframed quotation (``state.here`` = a Pending quotation).
UNFRAMED = Ruler(
    "quotes",
    [continued_paragraph, inherited, speaker_label, scare_quote, unattributed],
    name="unframed",
)
#: Pass 5: a quotation still without a speaker, once every speaker of the text is known
#: (``state.here`` = the Quote made in pass 4).
LAST = Ruler("quotes", [first_speaker, statement_heading], name="last")
#: Quotations inside quotations (items).
NESTED = Ruler("quotes", [nested], name="nested")
RULERS = (SCANS, FRAMES, REPORTED, WITHIN, UNFRAMED, LAST, NESTED)

#: Readers the rules call, explained like rules (no item carries their id).
READERS = (
    ("quotes.speaker_before", speaker_before),
    ("quotes.speaker_after", speaker_after),
    ("quotes.kind", quote_kind),
    ("quotes.pronoun_antecedent", pronoun_antecedent),
    ("quotes.mentioned_person", mentioned_person),
    ("quotes.no_one_between", no_one_between),
    ("quotes.description", _description),
    ("quotes.description_antecedent", description_antecedent),
)

__all__ = ["READERS", "RULERS", "run"]


def _labels(found: dict) -> tuple[Turn, ...]:
    """The transcript labels of both label rules, in text order, each stamped with its rule."""
    labels = []
    for rid in ("quotes.turns", "quotes.bare_q_label"):
        for t in found.get(rid, ()):
            stamp(t, rid)
            labels.append(t)
    return tuple(sorted(labels, key=lambda t: t.paragraph))


def _turns_out(state: State, ctx: Context) -> tuple[TranscriptTurn, ...]:
    """The turns as items: each label to the start of the next label's paragraph."""
    out = []
    for i, t in enumerate(ctx.turns):
        end = ctx.turns[i + 1].start if i + 1 < len(ctx.turns) else len(state.text)
        while end > t.start and state.text[end - 1].isspace():
            end -= 1
        who = ctx.turn_speakers[i]
        name = ctx.names.get(who) if who else None
        out.append(TranscriptTurn(t.start, end, t.label, who, name, t.rule))
    return tuple(out)


def _context(state: State) -> Context:
    doc = state.doc
    kinds = dict(state.actor_kind)
    mentions = tuple(
        sorted(
            (
                m
                for m in doc.mentions
                if m.form != "adjective" and kinds.get(m.actor) in SPEAKER_KINDS
            ),
            key=lambda m: (m.start, m.end),
        )
    )
    found = SCANS.collect(state)
    all_marks: tuple[Marks, ...] = found.get("quotes.marks", ())
    top = tuple(q for q in all_marks if not q.nested)
    verbs = found.get("quotes.reporting_verbs", ())
    labels = _labels(found)
    ctx = Context(
        state=state,
        text=state.text,
        paragraphs=doc.paragraphs,
        sentences=doc.sentences,
        mentions=mentions,
        mention_starts=tuple(m.start for m in mentions),
        kinds=kinds,
        names=dict(state.actor_name),
        marks=top,
        mark_opens=tuple(q.open for q in top),
        verbs=verbs,
        verb_starts=tuple(v.start for v in verbs),
        turns=labels,
        turn_paras=tuple(t.paragraph for t in labels),
        all_marks=all_marks,
    )
    ctx.turn_speakers = tuple(turn_speaker(ctx, t, doc.actors) for t in labels)
    ctx.adjectives = {m.start: m.actor for m in doc.mentions if m.form in ("adjective", "acronym")}
    ctx.home = {a.id: a.state for a in doc.actors}
    for m in mentions:
        g = gender_of_mention(m.text)
        if g is not None:
            ctx.gender.setdefault(m.actor, g)
    return ctx


def _frames_and_reports(state: State, ctx: Context) -> None:
    """Pass 3: frames of quotations, reported speech from the other verbs, then quotations
    inside a reported clause."""
    _frames(state, ctx)
    _reports(state, ctx)
    for qi, q in enumerate(ctx.marks):
        if qi in ctx.frames or q.continued:
            continue
        decided = WITHIN.decide(state, q)
        if decided is not None:
            stamp(decided[1], decided[0])
            ctx.frames[qi] = decided[1]


def _frames(state: State, ctx: Context) -> None:
    for qi, q in enumerate(ctx.marks):
        decided = FRAMES.decide(state, q)
        if decided is not None:
            rid, att = decided
            stamp(att, rid)
            ctx.frames[qi] = att
            if att.verb is not None:
                ctx.used_verbs.add(att.verb.start)


def _reports(state: State, ctx: Context) -> None:
    for v in ctx.verbs:
        if v.start in ctx.used_verbs:
            continue
        sent = ctx.sentence_of(v.start)
        if sent is None or v.start >= sent.end:
            continue
        decided = REPORTED.decide(state, (v, sent))
        if decided is not None:
            stamp(decided[1], decided[0])
            ctx.reports.append(decided[1])
    ctx.report_starts = [r.verb.start for r in ctx.reports]


def _quote(state: State, ctx: Context, qi: int, q: Marks) -> Quote:
    """Pass 4 for one quotation: its speaker, from its frame or the UNFRAMED chain."""
    sent = ctx.sentence_of(q.open)
    sent_index = sent.index if sent else -1
    att = ctx.frames.get(qi)
    if att is not None:
        if att.source is not None:
            who = ctx.report_speaker.get(att.source)
        else:
            who = resolve(ctx, att.subject, sent_index, q.paragraph, q.open)
        rule, frame, verb, kind = att.rule, att.frame, _verb_text(ctx, att), None
        kind = quote_kind(ctx, q, framed=True)
        if who is None:
            note_unresolved(ctx, att.subject)
    else:
        decided = UNFRAMED.decide(state, Pending(qi, q, q.paragraph))
        rule, answer = decided if decided is not None else ("", Unframed(None))
        who, frame, verb = answer.speaker, "none", None
        kind = answer.kind or quote_kind(ctx, q, framed=False)
    note_speaker(ctx, who, sent_index, q.paragraph, q.end if q.close is None else q.close)
    return Quote(
        start=q.start,
        end=q.end,
        text=state.text[q.start : q.end],
        speaker=who,
        speaker_name=ctx.names.get(who) if who else None,
        reporting_verb=verb,
        kind=kind,
        frame=frame,
        rule=rule,
    )


def _last(state: State, ctx: Context) -> None:
    """Pass 5: the chain ``LAST`` over every quotation (the rules say which they take)."""
    decided = {}
    for qi, q in ctx.quote_out.items():
        d = LAST.decide(state, q)
        if d is not None:
            decided[qi] = d
    for qi, (rid, answer) in decided.items():
        new = replace(
            ctx.quote_out[qi],
            speaker=answer.speaker,
            speaker_name=ctx.names.get(answer.speaker) if answer.speaker else None,
            frame="none",
            rule="",
        )
        stamp(new, rid)
        ctx.quote_out[qi] = new


def run(state: State | Document) -> dict:
    """Return ``{"quotes": ..., "reported_speech": ..., "turns": ...}`` for a segmented
    document."""
    state = State.of(state)
    ctx = state.local = _context(state)
    _frames_and_reports(state, ctx)
    # Pass 4: resolve speakers left to right (a report before a quotation at one place).
    events = [(r.verb.start, 0, ri) for ri, r in enumerate(ctx.reports)]
    events += [(q.open, 1, qi) for qi, q in enumerate(ctx.marks)]
    for _anchor, order, idx in sorted(events):
        if order == 0:
            r = ctx.reports[idx]
            para = ctx.sentences[r.sentence].paragraph
            who = ctx.report_speaker[idx] = resolve(ctx, r.subject, r.sentence, para, r.verb.start)
            note_speaker(ctx, who, r.sentence, para, r.end)
            if who is None:
                note_unresolved(ctx, r.subject)
        else:
            ctx.quote_out[idx] = _quote(state, ctx, idx, ctx.marks[idx])
    _last(state, ctx)
    quotes = [*ctx.quote_out.values(), *NESTED.run_items(state)]
    quotes.sort(key=lambda x: (x.start, x.end))
    reports = []
    for ri, r in enumerate(ctx.reports):
        who = ctx.report_speaker.get(ri)
        reports.append(
            ReportedSpeech(
                start=r.start,
                end=r.end,
                text=state.text[r.start : r.end],
                speaker=who,
                speaker_name=ctx.names.get(who) if who else None,
                reporting_verb=" ".join(state.text[r.verb.start : r.verb.end].split()),
                rule=r.rule,
            )
        )
    reports.sort(key=lambda x: (x.start, x.end))
    turns = _turns_out(state, ctx)
    state.local = None
    return {"quotes": tuple(quotes), "reported_speech": tuple(reports), "turns": turns}
