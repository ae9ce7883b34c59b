"""The sourced context of the lessons: events, formats, memberships, estimates, positions.

Every fact a lesson states about the world comes from a file under ``seeds/context/``
(see ``docs/data.md``), and every row there names its source (an id in
``seeds/context/sources.toml``) and a confidence level. This package reads those files
into frozen dataclasses, checks them, and formats references::

    from diplotext import context as ctx
    ctx.members("NRC")            # ('ALB', 'BEL', ..., 'RUS')  NATO's 30 + Russia
    ctx.seats("UKR")              # ('OSCE-PC',)
    ctx.references(["nato-rome-2002"])
    ctx.source_list(["nato-rome-2002", "tass-1377211"])   # with each source's class
    ctx.claims_table()            # lesson 04: what the record shows / the claim is ...

Bad or missing data raises :class:`ContextDataError` naming the file, row and field.
Files are read once (``functools.lru_cache``); call ``clear_cache()`` after editing them
in a running kernel.

The package is split by job: :mod:`.records` (the dataclasses and allowed values),
:mod:`.reading` (files and field checks), :mod:`.loaders` (one cached loader per file) and
:mod:`.references` (bibliography entries and the lessons' context tables). Everything is
used as ``context.NAME``.
"""

from __future__ import annotations

from .loaders import (
    bodies,
    body_members,
    claim_spans,
    claims,
    clear_cache,
    country_name,
    epilogue,
    format_info,
    formats,
    literature,
    members,
    memberships,
    missing_voices,
    place,
    places,
    positions,
    seats,
    seed_quotes,
    source,
    sources,
    timeline,
    troop_estimates,
    week,
)
from .reading import (
    context_dir,
)
from .records import (
    AUTHORITIES,
    CATEGORIES,
    CONFIDENCE,
    COPY_DATE_KINDS,
    VERDICTS,
    WEEK_FORMATS,
    Claim,
    ContextDataError,
    EpilogueEvent,
    Event,
    Fact,
    FormatInfo,
    Meeting,
    Membership,
    MissingVoice,
    Place,
    Position,
    SeedQuote,
    Source,
    TroopEstimate,
    WeekMeeting,
)
from .references import (
    claims_table,
    format_reference,
    missing_voices_table,
    reference_entries,
    reference_parts,
    references,
    seed_quotes_table,
    source_list,
    sources_of,
)

__all__ = [
    "AUTHORITIES",
    "CATEGORIES",
    "CONFIDENCE",
    "COPY_DATE_KINDS",
    "VERDICTS",
    "WEEK_FORMATS",
    "Claim",
    "ContextDataError",
    "EpilogueEvent",
    "Event",
    "Fact",
    "FormatInfo",
    "Meeting",
    "Membership",
    "MissingVoice",
    "Place",
    "Position",
    "SeedQuote",
    "Source",
    "TroopEstimate",
    "WeekMeeting",
    "bodies",
    "body_members",
    "claim_spans",
    "claims",
    "claims_table",
    "clear_cache",
    "context_dir",
    "country_name",
    "epilogue",
    "format_info",
    "format_reference",
    "formats",
    "literature",
    "members",
    "memberships",
    "missing_voices",
    "missing_voices_table",
    "place",
    "places",
    "positions",
    "reference_entries",
    "reference_parts",
    "references",
    "seats",
    "seed_quotes",
    "seed_quotes_table",
    "source",
    "source_list",
    "sources",
    "sources_of",
    "timeline",
    "troop_estimates",
    "week",
]
