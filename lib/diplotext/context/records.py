"""The records of the context data: one frozen dataclass per kind of row, the allowed
values of the checked fields, and :class:`ContextDataError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DiplotextError

#: Allowed values of every ``confidence`` field.
CONFIDENCE: tuple[str, ...] = ("confirmed", "estimate", "contested", "inferred")

#: Allowed values of a source's ``authority`` (docs/data.md, "Sources"): who speaks.
AUTHORITIES: tuple[str, ...] = ("primary", "wire/press", "reference", "secondary")

#: What a source's ``copy_date`` is: the copy's own date, the day an undated copy was
#: read, or the day the project's checked-facts sheet (the only copy used) was read.
COPY_DATE_KINDS: tuple[str, ...] = ("copy", "read", "sheet")

#: Allowed values of a claim's ``verdict``: the editorial's claim is ...
VERDICTS: tuple[str, ...] = ("supported", "understated", "overstated", "contested")

#: Categories of timeline events, in the order the timeline figure stacks them.
CATEGORIES: tuple[str, ...] = (
    "conflict",
    "military build-up",
    "diplomacy",
    "institution",
    "political",
    "sanctions",
)

#: The three formats of the week of talks, in the order they met.
WEEK_FORMATS: tuple[str, ...] = ("SSD", "NRC", "OSCE-PC")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


class ContextDataError(DiplotextError):
    """A context data file is missing or malformed; the message names file, row and field."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Source:
    """One bibliography entry of ``sources.toml``."""

    id: str
    title: str
    publisher: str
    date: str | None
    url: str | None
    document: str | None
    used_for: str
    note: str | None = None
    authority: str | None = None  # one of AUTHORITIES (None only in literature.toml)
    state_media: bool = False
    found_at: str | None = None  # where the text was read, when not at ``url``
    url_note: str | None = None  # why there is no url
    copy_date: str | None = None
    copy_date_kind: str | None = None  # one of COPY_DATE_KINDS
    check: str | None = None  # how the text was checked

    @property
    def label(self) -> str:
        """The source's class as a lesson shows it: ``"wire/press (state media)"``."""
        if not self.authority:
            return "literature"
        return self.authority + (" (state media)" if self.state_media else "")

    @property
    def copy_label(self) -> str:
        """The date of the copy used, labelled: ``"copy of 2021-12-18"`` ..."""
        if not self.copy_date:
            return ""
        words = {
            "copy": "copy dated",
            "read": "undated copy, read",
            "sheet": "checked-facts sheet, read",
        }
        return f"{words.get(self.copy_date_kind or '', 'copy')} {self.copy_date}"


@dataclass(frozen=True)
class Event:
    """A dated event of the timeline. ``date``/``end_date`` are ISO with precision
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    id: str
    date: str
    end_date: str | None
    category: str
    title: str
    description: str
    place: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None

    @property
    def year(self) -> int:
        """The year of the event's (start) date."""
        return int(self.date[:4])


@dataclass(frozen=True)
class Fact:
    """A sourced value (a field of a format)."""

    value: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None


@dataclass(frozen=True)
class Meeting:
    """The January 2022 meeting of a format."""

    date: str
    title: str
    place: str
    venue: str
    chair: str
    duration: str
    delegations: str
    sources: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class FormatInfo:
    """A negotiation format (``SSD``, ``NRC``, ``OSCE-PC``) and its sourced facts."""

    id: str
    name: str
    members_spec: tuple[str, ...]
    facts: tuple[tuple[str, Fact], ...]
    meeting: Meeting | None

    def fact(self, key: str) -> Fact | None:
        """The sourced fact ``key`` (``"type"``, ``"level"``, ``"decision_rule"`` ...)."""
        for k, f in self.facts:
            if k == key:
                return f
        return None

    def value(self, key: str) -> str | None:
        """The value of fact ``key``, or None."""
        f = self.fact(key)
        return f.value if f else None


@dataclass(frozen=True)
class Membership:
    """One state in one body (``NATO``, ``OSCE``, ``SSD``)."""

    body: str
    iso3: str
    name: str
    since: str | None
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None


@dataclass(frozen=True)
class WeekMeeting:
    """A meeting of the week of 9-13 January 2022."""

    date: str
    format_id: str
    event: str
    heading: str  # what the week figure heads the box with: "SSD", "working dinner before the SSD"
    place: str
    venue: str
    chair: str
    us_delegation: str
    russian_delegation: str
    duration: str
    note: str
    sources: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class TroopEstimate:
    """A troop estimate: always someone's estimate (``estimate_by``), never a count."""

    id: str
    date: str
    low: int
    high: int
    kind: str  # "deployed" | "planned"
    scope: str
    estimate_by: str
    reported_by: str
    label: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None

    @property
    def is_range(self) -> bool:
        """True when the estimate is a range (low < high)."""
        return self.low != self.high


@dataclass(frozen=True)
class Position:
    """A party's stated position (with the exact quote when a source gives it)."""

    id: str
    side: str
    topic: str
    date: str
    speaker: str
    summary: str
    quote: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None
    quote_source: str | None = None  # the copy the quote was copied from
    quote_context: str = ""  # the passage of that copy around the quote
    quote_check: str | None = None  # how the wording was checked
    quote_verified: bool = True  # False: wording not checked against a non-secondary copy


@dataclass(frozen=True)
class Claim:
    """A contestable claim of the seed: its exact quote, what the record shows, and the
    verdict on the editorial's claim (``supported`` / ``understated`` / ``overstated`` /
    ``contested``), each with its own sources."""

    id: str
    quote: str
    claims: str
    record: str
    russia_view: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None
    record_sources: tuple[str, ...] = ()
    verdict: str = ""
    verdict_note: str = ""
    verdict_sources: tuple[str, ...] = ()
    russia_view_sources: tuple[str, ...] = ()
    other_voices: str = ""
    other_voices_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissingVoice:
    """A voice the project looked for and could not find (``claims.toml``)."""

    id: str
    who: str
    why: str
    instead: str


@dataclass(frozen=True)
class SeedQuote:
    """One quotation of the seed and whether it could be checked against a transcript."""

    id: str
    text: str
    speaker: str
    occasion: str
    form: str
    checked: bool
    transcript: str
    result: str
    sources: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class EpilogueEvent:
    """What came after (February-March 2022), with each side's words for it."""

    date: str
    actors: tuple[str, ...]
    action: str
    actor_words: str
    other_words: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None


@dataclass(frozen=True)
class Place:
    """A place on the locator map (marker at ``marker_at``, e.g. a region's main town)."""

    id: str
    name: str
    kind: str  # "venue" | "capital" | "occupied territory" | "breakaway region"
    lat: float
    lon: float
    country: str
    marker_at: str
    status: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None
