"""References and the context tables of the lessons: bibliography entries (text and
address apart, so Markdown writers escape one and link the other), source lists with each
source's class, and the claims, seed-quotes and missing-voices tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..display import TableOutput
from .loaders import (
    claims,
    missing_voices,
    seed_quotes,
    source,
)
from .records import (
    ContextDataError,
    Source,
)


def reference_parts(s: Source) -> tuple[str, str]:
    """One bibliography entry in two parts: the text ``Publisher. "Title". Date.`` and the
    address (or the document, for a reference without a URL), so that a Markdown writer can
    escape the text and link the address (see :func:`diplotext.display.md_url`)."""
    parts = [s.publisher.rstrip(".") + ".", f"“{s.title}”."]
    if s.date:
        parts.append(s.date + ".")
    return " ".join(parts), (s.url or s.document or "").rstrip(".")


def format_reference(s: Source) -> str:
    """One bibliography entry as text: ``Publisher. "Title". Date. URL-or-document.``"""
    text, where = reference_parts(s)
    return f"{text} {where}."


def reference_entries(source_ids: Iterable[str]) -> list[tuple[str, str]]:
    """:func:`reference_parts` of each source, in the order of :func:`references`."""
    return [reference_parts(s) for s in _collect(source_ids)]


def _collect(source_ids: Iterable[str]) -> list[Source]:
    seen: dict[str, Source] = {}
    for sid in source_ids:
        for one in str(sid).split(";"):
            one = one.strip()
            if one and one not in seen:
                seen[one] = source(one)
    return sorted(seen.values(), key=lambda s: (s.publisher.lower(), s.date or "", s.id))


def references(source_ids: Iterable[str], as_table: bool = False) -> list[str] | TableOutput:
    """Formatted entries for a lesson's References section, de-duplicated, in a stable
    order (publisher, then date, then id). ``source_ids`` may hold ";"-joined ids (the
    ``source`` field of a row). With ``as_table=True`` returns a :class:`TableOutput`."""
    srcs = _collect(source_ids)
    if as_table:
        return TableOutput.from_rows(
            ("id", "reference", "used for"),
            [(s.id, format_reference(s), s.used_for) for s in srcs],
            caption="References",
        )
    return [format_reference(s) for s in srcs]


def sources_of(items: Sequence[Any]) -> tuple[str, ...]:
    """All source ids of a sequence of loaded items (events, estimates ...), first-seen order."""
    out: dict[str, None] = {}
    for it in items:
        for s in getattr(it, "sources", ()):
            out[s] = None
    return tuple(out)


def source_list(source_ids: Iterable[str], caption: str = "Sources") -> TableOutput:
    """A lesson's source list with each source's class shown (``primary``, ``wire/press``,
    ``reference``, ``secondary``; state media labelled as such) and the copy used.

    ``source_ids`` may hold ";"-joined ids (the ``source`` field of a row); the order is
    that of :func:`references` (publisher, then date, then id)."""
    srcs = _collect(source_ids)
    return TableOutput.from_rows(
        ("id", "reference", "class", "copy used", "used for"),
        [(s.id, format_reference(s), s.label, _copy_cell(s), s.used_for) for s in srcs],
        caption=caption,
    )


def _copy_cell(s: Source) -> str:
    parts = [s.copy_label]
    if s.found_at:
        parts.append(f"read at {s.found_at}")
    return "; ".join(p for p in parts if p)


def _cite(ids: Sequence[str]) -> str:
    return f" [sources: {'; '.join(ids)}]" if ids else ""


def claims_table(claim_ids: Iterable[str] | None = None) -> TableOutput:
    """The seed's contested claims as a table whose cells each carry their sources: the
    text's words, what the record shows, the editorial's claim is (supported / understated
    / overstated / contested, with why), Russia's view and other voices (Ukraine, Georgia,
    Moldova, or a note that the voice is missing). ``claim_ids`` keeps those claims, in
    the order given; the default is every claim in file order."""
    rows = claims()
    if claim_ids is not None:
        by_id = {c.id: c for c in rows}
        wanted = list(claim_ids)
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            raise ContextDataError(f"unknown claim id(s) {', '.join(unknown)} (see claims.toml)")
        rows = tuple(by_id[i] for i in wanted)
    return TableOutput.from_rows(
        (
            "The text says",
            "What the record shows",
            "The editorial's claim is",
            "Russia's view",
            "Other voices",
        ),
        [
            (
                f"“{c.quote}”",
                c.record + _cite(c.record_sources),
                f"{c.verdict}: {c.verdict_note}" + _cite(c.verdict_sources),
                (c.russia_view + _cite(c.russia_view_sources)) if c.russia_view else "-",
                (c.other_voices + _cite(c.other_voices_sources)) if c.other_voices else "-",
            )
            for c in rows
        ],
        caption=(
            "The editorial's contested claims (seeds/context/claims.toml). 'What the record "
            "shows' is sourced; 'the editorial's claim is' judges the text against it."
        ),
    )


def seed_quotes_table() -> TableOutput:
    """Each quotation of the seed, its form, and whether it could be checked against a
    transcript (``seed_quotes.toml``): for lesson 03."""
    return TableOutput.from_rows(
        ("Quoted words", "Speaker, occasion", "Form", "Checked against a transcript?"),
        [
            (
                _short(q.text, 90),
                f"{q.speaker}, {q.occasion}",
                q.form,
                ("yes: " if q.checked else "no: ") + q.result + _cite((q.transcript,)),
            )
            for q in seed_quotes()
        ],
        caption="The seed's quotations and what could be checked (seeds/context/seed_quotes.toml)",
    )


def missing_voices_table() -> TableOutput:
    """The voices the project looked for and could not find, and why (``claims.toml``)."""
    return TableOutput.from_rows(
        ("Whose words are missing", "Why", "What the lessons use instead"),
        [(m.who, m.why, m.instead) for m in missing_voices()],
        caption="Voices not found (seeds/context/claims.toml, [[missing_voice]])",
    )


def _short(text: str, n: int) -> str:
    """``text`` cut at a word boundary to at most ``n`` characters, with "..." if cut."""
    if len(text) <= n:
        return text
    return text[: text.rfind(" ", 0, n)].rstrip(",;:") + " ..."
