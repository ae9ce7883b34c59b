"""Generated lesson prose: what the parse and the metadata say about ONE document.

Lessons 00 and 03 are re-executed for other statements (``diplotext lesson PATH``), so their
Markdown cells hold only concepts and questions. Every sentence ABOUT the document (who is
quoted, how Russia is named, which conditionals are threats, the genre and publisher) is
written here, from the parse and the metadata, by a ``describe_*`` function:

    doc = lesson.load_document()          # the seed; or load_document("other.txt")
    lesson.source_card(doc)               # title, publisher, genre, date ... ("not given")
    lesson.describe_quotes(doc)           # "The text quotes one speaker, Antony Blinken, ..."

Each function returns :class:`MarkdownText`: shown as Markdown in a notebook, with the same
text as its ``repr`` (deterministic, for nbval). Text taken from the document is escaped
(:func:`diplotext.display.md_escape`), so a statement containing ``<script>`` is shown, not
run. When a document has none of a feature, the function says so in a full sentence; it
never returns an empty string. Missing provenance is stated ("not given"), never guessed.

The counts are the rule-based parse's counts: rules miss and misfire, and
:func:`rule_checks` points at the places a reader should check first.

The package is one module per part of a lesson: :mod:`.prose` (output type, helpers),
:mod:`.card` (loading, source card), :mod:`.speech` (quotations, naming), :mod:`.devices`
(evaluation, speech acts, structure, stance, frames), :mod:`.checks` (lesson 00's answers,
rule checks), :mod:`.sources` (positions, claims, references) and :mod:`.outputs` (figures
and tables). Everything is used as ``lesson.NAME``.
"""

from __future__ import annotations

from .card import (
    GENRE_NOTES,
    load_document,
    source_card,
)
from .checks import (
    answer_first_reading,
    answer_provenance,
    example_item,
    rule_checks,
)
from .devices import (
    answer_speech_acts,
    answer_treatment,
    describe_evaluation,
    describe_frames,
    describe_speech_acts,
    describe_stance,
    describe_structure,
)
from .outputs import (
    figure,
    flagged_item,
    table,
)
from .prose import (
    MarkdownText,
)
from .sources import (
    context_sources,
    describe_claims,
    positions_table,
    quote_checks,
    references,
)
from .speech import (
    NEUTRAL_REPORTING_VERBS,
    answer_naming,
    answer_reporting_verbs,
    describe_naming,
    describe_quotes,
)

__all__ = [
    "GENRE_NOTES",
    "NEUTRAL_REPORTING_VERBS",
    "MarkdownText",
    "answer_first_reading",
    "answer_naming",
    "answer_provenance",
    "answer_reporting_verbs",
    "answer_speech_acts",
    "answer_treatment",
    "context_sources",
    "describe_claims",
    "describe_evaluation",
    "describe_frames",
    "describe_naming",
    "describe_quotes",
    "describe_speech_acts",
    "describe_stance",
    "describe_structure",
    "example_item",
    "figure",
    "flagged_item",
    "load_document",
    "positions_table",
    "quote_checks",
    "references",
    "rule_checks",
    "source_card",
    "table",
]
