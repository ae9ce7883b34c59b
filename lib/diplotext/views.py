"""One-line views of the context data and the parse, for the context lessons (01, 02, 04).

A lesson cell should read like a sentence (``views.troops_table()``), not like a program: the
list comprehensions, ``lambda`` and ``next()`` that select and format rows live here. Every
function returns a :class:`~diplotext.display.TableOutput` or a :class:`Text` (shown as
plain text, with the same text as its ``repr``, so nbval compares it).

The ``check_*`` functions compare a student's prediction with the data (predict, then
check): an empty answer gives a prompt, never the data's answer.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import context
from .display import TableOutput
from .model import Document

__all__ = [
    "REVEAL_NOTES",
    "Text",
    "check_order",
    "check_seats",
    "check_sides",
    "claims",
    "claims_table",
    "epilogue_table",
    "formats_found",
    "formats_table",
    "in_date_order",
    "others_table",
    "paragraph",
    "places_table",
    "position",
    "positions",
    "positions_by_topic",
    "positions_table",
    "references",
    "reveal",
    "seats_of",
    "seats_table",
    "source_fields",
    "speech_table",
    "timeline_table",
    "troops_table",
    "week_table",
]

WIDTH = 76


@dataclass(frozen=True, repr=False)
class Text:
    """Plain text for a notebook: printed as it is, the same text as ``repr``."""

    text: str

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def _fill(text: str) -> str:
    return textwrap.fill(text, WIDTH)


def _src(item: Any) -> str:
    return "; ".join(item.sources)


# --------------------------------------------------------------------------- reveal cells

#: The first line of a reveal cell's output, by who answers: a folded output in JupyterLab
#: previews its first line, so that line must not give the answer away.
REVEAL_NOTES = {
    "parser": "The parser's reading follows: open it after you have answered and checked.",
    "data": "The data's answer follows: open it after you have made your prediction.",
}


def reveal(obj: Any = None, *, by: str = "parser") -> Any:
    """Display a neutral note, then return ``obj`` (shown as the cell's result).

    A reveal cell's output is stored folded in the student edition; JupyterLab shows the
    first line of a folded output as its preview, and this note is that line.
    """
    if by not in REVEAL_NOTES:
        raise ValueError(f"by must be one of {sorted(REVEAL_NOTES)}, not {by!r}")
    from IPython.display import display

    display(Text(REVEAL_NOTES[by]))
    return obj


# --------------------------------------------------------------------------- the text


def source_fields(doc: Document) -> TableOutput:
    """Title, publisher, genre and date of a document, as a two-column table.

    When the metadata says where this copy was read (``found_at``, e.g. a reprint), that
    is the last row: the copy, not the original, is what the parser read.
    """
    m = doc.metadata
    rows = [("Title", m.title), ("Publisher", m.publisher), ("Genre", m.genre)]
    rows.append(("Date", m.date_note))
    found_at = dict(m.extra).get("found_at")
    if found_at:
        rows.append(("This copy read at", str(found_at)))
    return TableOutput.from_rows(["Field", "Value"], rows)


def paragraph(doc: Document, number: int) -> Text:
    """Paragraph ``number`` (counted from 1, as the numbered text shows it), wrapped."""
    if not 1 <= number <= len(doc.paragraphs):
        raise ValueError(f"the text has {len(doc.paragraphs)} paragraphs, not {number}")
    p = doc.paragraphs[number - 1]
    return Text(_fill(doc.text[p.start : p.end]))


def speech_table(doc: Document) -> TableOutput:
    """Every direct quotation and reported-speech item, in text order, with its speaker."""
    items = sorted([*doc.quotes, *doc.reported_speech], key=_start)
    rows = [
        (f"{x.speaker_name}, {x.reporting_verb or 'no verb'} ({_form(x)})", x.text) for x in items
    ]
    return TableOutput.from_rows(["Who, reporting verb (form)", "Words"], rows)


def _start(item: Any) -> int:
    return item.start


def _form(item: Any) -> str:
    return getattr(item, "kind", "reported")


def formats_found(doc: Document) -> TableOutput:
    """The negotiation formats the parser found in the text, with spans and rules."""
    rows = [(f.text, f.id, f.start, f.end, f.rule) for f in doc.formats]
    return TableOutput.from_rows(["Words in the text", "Format id", "Start", "End", "Rule"], rows)


# --------------------------------------------------------------------------- lesson 01


def timeline_table(category: str = "conflict") -> TableOutput:
    """The timeline events of one category: title and date, description, sources."""
    events = [e for e in context.timeline() if e.category == category]
    rows = [(f"{e.title} ({e.date})", e.description, _src(e)) for e in events]
    return TableOutput.from_rows(["Event (date)", "What happened", "Sources"], rows)


def places_table() -> TableOutput:
    """The places of the locator map with their status and sources."""
    rows = [(f"{p.name} ({p.kind})", p.status, _src(p)) for p in context.places()]
    return TableOutput.from_rows(["Place", "Status", "Sources"], rows)


def troops_table() -> TableOutput:
    """The published troop estimates: who made them, low and high, and what they count."""
    rows = [
        (t.label, f"{t.low:,}", f"{t.high:,}", t.kind, t.scope) for t in context.troop_estimates()
    ]
    headers = ["Estimate (by whom, when)", "Low", "High", "Kind", "What it counts"]
    return TableOutput.from_rows(headers, rows)


def _position(position_id: str) -> context.Position:
    for p in context.positions():
        if p.id == position_id:
            return p
    known = ", ".join(p.id for p in context.positions())
    raise KeyError(f"no position {position_id!r} in seeds/context/positions.toml; known: {known}")


def position(position_id: str, *, quote: bool = False, check: bool = False) -> Text:
    """One stated position: speaker and date, then the summary (the quoted words, and how
    the words were checked, on request)."""
    p = _position(position_id)
    head = f"{p.speaker} ({p.date}):" if p.side != "both" else p.speaker
    lines = [head, _fill(p.summary)]
    if quote:
        lines.append(f"Words quoted from it: {p.quote or '-'}")
    if check:
        lines.append(_fill(f"How the words were checked: {p.quote_check or 'not recorded'}"))
    return Text("\n".join(lines))


def claims(ids: Sequence[str]) -> tuple[context.Claim, ...]:
    """The contested claims with these ids, in the order given (a KeyError names a wrong id)."""
    by_id = {c.id: c for c in context.claims()}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise KeyError(f"no claims {missing} in seeds/context/claims.toml")
    return tuple(by_id[i] for i in ids)


def positions(*ids: str) -> tuple[context.Position, ...]:
    """The stated positions with these ids, in the order given."""
    return tuple(_position(i) for i in ids)


def claims_table(ids: Sequence[str] | None = None) -> TableOutput:
    """The contested claims (all, or those with these ids, in order): the text's words, the
    record, the editorial's claim is (supported ... contested), Russia's view, other voices;
    every cell names its sources (:func:`diplotext.context.claims_table`)."""
    return context.claims_table(ids)


def check_order(answer: Sequence[str], event_ids: Sequence[str]) -> Text:
    """Compare a predicted order of timeline events with the order of their dates.

    ``answer`` lists event ids (or words of their titles) in the order the student thinks
    they happened. An empty answer gives a prompt and nothing of the data's order.
    """
    events = {e.id: e for e in context.timeline()}
    missing = [i for i in event_ids if i not in events]
    if missing:
        raise KeyError(f"no timeline events {missing} in seeds/context/timeline.csv")
    if not answer:
        return Text("No prediction yet: write the events in the order you expect, then run again.")
    chosen = [events[i] for i in event_ids]
    picked = [_match_event(a, chosen) for a in answer]
    right = sorted(chosen, key=lambda e: e.date)
    lines = ["Your order             | The dates' order"]
    for k in range(max(len(picked), len(right))):
        mine = picked[k].title if k < len(picked) and picked[k] else "?"
        theirs = f"{right[k].title} ({right[k].date})" if k < len(right) else ""
        mark = "=" if k < len(picked) and picked[k] is right[k] else "x"
        lines.append(f"{mark} {mine:21} | {theirs}")
    agree = sum(1 for a, b in zip(picked, right, strict=False) if a is b)
    lines.append(f"{agree} of {len(right)} in the same place. Which did you misplace, and why?")
    return Text("\n".join(lines))


def in_date_order(event_ids: Sequence[str]) -> list[str]:
    """Timeline event ids sorted by their dates in the data (the answer to a prediction)."""
    events = {e.id: e for e in context.timeline()}
    return sorted(event_ids, key=lambda i: events[i].date)


def _match_event(word: str, events: Sequence[context.Event]) -> context.Event | None:
    w = word.strip().lower()
    for e in events:
        if w == e.id or (w and w in e.title.lower()):
            return e
    return None


# --------------------------------------------------------------------------- lesson 02


def formats_table() -> TableOutput:
    """The three formats side by side: one row per fact the data holds."""
    fmts = context.formats()
    keys = dict.fromkeys(k for f in fmts for k, _ in f.facts)
    rows = [(k.replace("_", " "), *(f.value(k) for f in fmts)) for k in keys]
    return TableOutput.from_rows(["", *(f.name for f in fmts)], rows)


def seats_table(iso3: str = "UKR") -> TableOutput:
    """For each format: how many states sit at the table, and whether ``iso3`` is one."""
    seats = context.seats(iso3)
    rows = [
        (f.name, len(context.members(f.id)), "yes" if f.id in seats else "no")
        for f in context.formats()
    ]
    name = context.country_name(iso3)
    return TableOutput.from_rows(["Format", "States at the table", f"{name} at the table?"], rows)


def seats_of(*iso3: str) -> Text:
    """One line per country: the formats it sits in."""
    lines = [f"{context.country_name(c)} sits in: {', '.join(context.seats(c))}" for c in iso3]
    return Text("\n".join(lines))


def check_seats(answer: Mapping[str, Iterable[str]]) -> Text:
    """Compare predicted seats (``{"UKR": ["OSCE-PC"], ...}``) with the membership data."""
    if not answer or not any(answer.values()):
        return Text(
            "No prediction yet: write the formats you expect for each country, then run again."
        )
    ids = {f.id for f in context.formats()}
    lines = []
    for iso3, said in answer.items():
        said_set = {s.strip() for s in said}
        unknown = sorted(said_set - ids)
        if unknown:
            raise KeyError(f"unknown format ids {unknown}; use {sorted(ids)}")
        real = set(context.seats(iso3))
        agreed = sorted(said_set & real)
        lines.append(
            f"{context.country_name(iso3)}: agreed {agreed or '-'}; "
            f"you only {sorted(said_set - real) or '-'}; data only {sorted(real - said_set) or '-'}"
        )
    return Text("\n".join(lines))


def week_table() -> TableOutput:
    """The three meetings of the week: date and place, chair, delegations, length."""
    rows = [
        (
            f"{m.date}, {m.place}: {m.event}",
            m.chair or "-",
            f"U.S.: {m.us_delegation}. Russia: {m.russian_delegation}",
            m.duration or "-",
        )
        for m in context.week()
    ]
    return TableOutput.from_rows(["Meeting", "Chair", "Delegations", "Length"], rows)


# --------------------------------------------------------------------------- lesson 04


def _quoted_from(p: context.Position) -> str:
    return f"{p.quote_source} ({context.source(p.quote_source).label})"


def positions_table(side: str = "Russia") -> TableOutput:
    """One side's stated positions: who and when, their words (marked when the wording could
    not be checked), what was said, the copy quoted from and the status with sources."""
    rows = [
        (
            f"{p.speaker}, {p.date} ({p.topic})",
            p.quote + ("" if p.quote_verified else " (wording not checked)"),
            p.summary,
            f"{_quoted_from(p)}; {p.confidence}: {_src(p)}",
        )
        for p in context.positions()
        if p.side == side
    ]
    headers = [
        "Who, when (topic)",
        "In their words",
        "What was said or proposed",
        "Quoted from; status: sources",
    ]
    return TableOutput.from_rows(headers, rows)


OTHER_SIDES = ("NATO", "OSCE", "Ukraine", "Georgia")


def others_table(sides: Sequence[str] = OTHER_SIDES) -> TableOutput:
    """The positions of the other voices at the tables (NATO, the OSCE chair, Ukraine ...)."""
    rows = [
        (f"{p.speaker}, {p.date}", p.quote, p.summary, _quoted_from(p))
        for p in context.positions()
        if p.side in sides
    ]
    return TableOutput.from_rows(["Who, when", "In their words", "Position", "Quoted from"], rows)


def positions_by_topic() -> TableOutput:
    """Every one-side position, grouped by topic."""
    pos = sorted((p for p in context.positions() if p.side != "both"), key=_topic)
    rows = [(p.topic, f"{p.side}: {p.speaker}", p.summary) for p in pos]
    return TableOutput.from_rows(["Topic", "Who", "Position"], rows)


def _topic(p: context.Position) -> str:
    return p.topic


def check_sides(answer: Mapping[str, str]) -> Text:
    """Compare a matching of positions to sides (``{"position-id": "Russia"}``) with the data."""
    if not answer or not any(answer.values()):
        return Text("No answer yet: write a side for each position, then run again.")
    lines = []
    for pid, side in answer.items():
        real = _position(pid).side
        mark = "=" if side.strip().lower() == real.lower() else "x"
        lines.append(f"{mark} {pid}: you said {side or '?'}; the data says {real}")
    return Text("\n".join(lines))


def epilogue_table() -> TableOutput:
    """What came after the talks: date and action, the actor's words, others' words."""
    rows = [
        (f"{e.date}: {e.action}", e.actor_words or "-", e.other_words or "-", _src(e))
        for e in context.epilogue()
    ]
    headers = ["What happened", "In the actor's words", "In others' words", "Sources"]
    return TableOutput.from_rows(headers, rows)


# --------------------------------------------------------------------------- references


def references(*groups: Iterable[Any] | Any) -> TableOutput:
    """The references table for the records a lesson used (the editorial first).

    Each argument is a record or an iterable of records (events, estimates, claims ...); a
    format contributes the sources of each of its facts. Each source shows its class
    (primary, wire/press, reference, secondary) and the copy used.
    """
    used: list[Any] = []
    for g in groups:
        for item in g if isinstance(g, (list, tuple)) else [g]:
            facts = getattr(item, "facts", None)
            used.extend(f for _, f in facts) if facts else used.append(item)
    ids = ["voa-editorial", *context.sources_of(used)]
    return context.source_list(ids, caption="References")
