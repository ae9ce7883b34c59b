"""The other side and the references: Russia's positions, the editorial's contested
claims, the quotation checks and the bibliography (escaped labels, linked addresses).
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import context
from ..display import TableOutput, md_escape, md_url
from ..model import Document, Metadata
from .prose import (
    MarkdownText,
    _count,
    _esc,
    _md,
    _q,
    _where,
)

# --------------------------------------------------------------------------- the other side


def positions_table() -> TableOutput:
    """Stated positions from ``seeds/context/positions.toml``: Russia's first, then the others."""
    order = {"Russia": 0}
    rows = [
        (p.side, p.topic, p.speaker, p.date, p.summary, p.quote or "-", p.confidence)
        for p in sorted(context.positions(), key=lambda p: (order.get(p.side, 1), p.side, p.date))
    ]
    return TableOutput.from_rows(
        ("side", "topic", "speaker", "date", "stated position", "in their words", "status"),
        rows,
        "Stated positions of the parties (seeds/context/positions.toml)",
    )


def describe_claims(doc: Document) -> MarkdownText:
    """The contested claims of ``seeds/context/claims.toml`` found word for word in the text."""
    spans = context.claim_spans(doc.text)
    if not spans:
        return _md(
            "None of the contested claims recorded in the project's data "
            "(`seeds/context/claims.toml`) appears word for word in this statement. Find its "
            "claims yourself: which could the other side dispute, and with what evidence?"
        )
    lines = [
        f"- {_q(c.quote, 80)} ({_where(doc, [s])}): the record: {_esc(c.record)}"
        + (f" Russia's view: {_esc(c.russia_view)}" if c.russia_view else "")
        for c, s, _ in spans
    ]
    return _md(
        f"The project's data records {_count(len(spans), 'contested claim')} in this "
        "statement, each with what the record shows:",
        "\n".join(lines),
    )


def quote_checks(doc: Document) -> MarkdownText | TableOutput:
    """Whether the text's quotations could be checked against a transcript.

    The project's data (``seeds/context/seed_quotes.toml``) records such checks for the
    course text; for a statement that holds none of those quotations, a sentence says so
    and what to do instead.
    """
    if not any(q.text in doc.text for q in context.seed_quotes()):
        return _md(
            "The project's data records transcript checks only for the quotations of the "
            "course text, and this statement holds none of them. To check a quotation here, "
            "look for a transcript or recording of the occasion: the speaker's own office, a "
            "news agency's full text, a video."
        )
    return context.seed_quotes_table()


# --------------------------------------------------------------------------- references


def _own_reference(doc: Document) -> tuple[tuple[str, str], str]:
    """The analysed text's entry as ((text, address), note): from its source record if the
    metadata's URL is a known source, else from the metadata, with "not given" fields and
    the note that it comes from the metadata file."""
    m = doc.metadata
    for s in context.sources():
        if m.url and s.url == m.url:
            return context.reference_parts(s), ""
    if m == Metadata():
        text = "The text analysed: no metadata was given (publisher, title and date unknown)."
        return (text, ""), ""
    text = " ".join(
        [
            (m.publisher or "Publisher not given").rstrip(".") + ".",
            f"“{m.title or 'Title not given'}”.",
            (m.date or "Date not given") + ".",
        ]
    )
    return (text, m.url or "Web address not given"), " (from the text's metadata file)"


def _reference_line(text: str, where: str) -> str:
    """Escape the text, link the address (percent-encoded), never both."""
    if not where:
        return md_escape(text)
    return f"{md_escape(text)} {md_url(where)}."


def references(doc: Document, source_ids: Iterable[str] = ()) -> MarkdownText:
    """The bibliography: the analysed text first, then the context sources used (from
    ``seeds/context/sources.toml`` via :func:`diplotext.context.references`). Text is
    Markdown-escaped; a web address is a percent-encoded autolink, not escaped."""
    own, note = _own_reference(doc)
    rest = [e for e in context.reference_entries(source_ids) if e != own]
    lines = [f"{i}. {_reference_line(*e)}" for i, e in enumerate([own, *rest], 1)]
    lines[0] += note
    return _md("\n".join(lines))


def context_sources(doc: Document) -> tuple[str, ...]:
    """Source ids behind the context shown with ``doc``: the positions table, and the
    contested claims that occur in its text."""
    found = [c for c, _, _ in context.claim_spans(doc.text)]
    return context.sources_of([*context.positions(), *found])
