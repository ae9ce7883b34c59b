"""The sourced context of the lessons: events, formats, memberships, estimates, positions.

Every fact a lesson states about the world comes from a file under ``seeds/context/``
(see ``docs/data.md``), and every row there names its source (an id in
``seeds/context/sources.toml``) and a confidence level. This module reads those files
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
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .display import TableOutput
from .errors import DiplotextError
from .load import seeds_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

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


# --------------------------------------------------------------------------- reading


def context_dir() -> Path:
    """The folder of the context data: ``seeds/context``."""
    return seeds_dir() / "context"


def _path(name: str) -> Path:
    p = context_dir() / name
    if not p.is_file():
        raise ContextDataError(f"{p}: missing context data file; restore it from the repository.")
    return p


def _read_csv(name: str) -> list[dict[str, str]]:
    p = _path(name)
    with p.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = []
        for n, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise ContextDataError(
                    f"{p}, line {n}: wrong number of fields (quote fields that contain commas)."
                )
            rows.append({k: v.strip() for k, v in row.items()})
    return rows


def _read_toml(name: str) -> dict[str, Any]:
    p = _path(name)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContextDataError(f"{p} is not valid TOML ({exc}).") from None


def _where(name: str, row: int | str) -> str:
    return f"{context_dir() / name}, row {row}"


def _req(rec: dict[str, Any], key: str, name: str, row: int | str) -> str:
    v = rec.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        raise ContextDataError(f"{_where(name, row)}: field '{key}' is empty or missing.")
    if not isinstance(v, str):
        raise ContextDataError(f"{_where(name, row)}: field '{key}' must be text.")
    return v.strip()


def _opt(rec: dict[str, Any], key: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def _date(value: str, name: str, row: int | str, field: str) -> str:
    """Check an ISO date of precision YYYY, YYYY-MM or YYYY-MM-DD; return it."""
    if not _DATE.match(value):
        raise ContextDataError(
            f"{_where(name, row)}: field '{field}' = {value!r} is not an ISO date "
            "(YYYY, YYYY-MM or YYYY-MM-DD)."
        )
    parts = [int(x) for x in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ContextDataError(
            f"{_where(name, row)}: field '{field}' = {value!r} is not a real date."
        ) from None
    return value


def _conf(rec: dict[str, Any], name: str, row: int | str) -> str:
    c = _req(rec, "confidence", name, row)
    if c not in CONFIDENCE:
        raise ContextDataError(
            f"{_where(name, row)}: confidence {c!r} is not one of {', '.join(CONFIDENCE)}."
        )
    return c


def _sources(rec: dict[str, Any], name: str, row: int | str) -> tuple[str, ...]:
    raw = _req(rec, "source", name, row)
    ids = tuple(s.strip() for s in raw.split(";") if s.strip())
    known = _sources_map()
    for s in ids:
        if s not in known:
            raise ContextDataError(
                f"{_where(name, row)}: source {s!r} is not in sources.toml; add an entry for it."
            )
    return ids


@cache
def _sources_map() -> dict[str, Source]:
    return _bibliography("sources.toml", strict=True)


@cache
def _literature_map() -> dict[str, Source]:
    return _bibliography("literature.toml")


def _authority(rec: dict[str, Any], name: str, sid: str) -> dict[str, Any]:
    """The provenance fields of a sources.toml entry, checked (docs/data.md, "Sources")."""
    where = _where(name, sid)
    authority = _req(rec, "authority", name, sid)
    if authority not in AUTHORITIES:
        raise ContextDataError(
            f"{where}: authority {authority!r} is not one of {', '.join(AUTHORITIES)}."
        )
    state_media = rec.get("state_media", False)
    if not isinstance(state_media, bool):
        raise ContextDataError(f"{where}: 'state_media' must be true or false.")
    url, doc = _opt(rec, "url"), _opt(rec, "document")
    if url and not re.match(r"^https?://", url):
        raise ContextDataError(f"{where}: url {url!r} is not a web address (http/https).")
    if not url and not _opt(rec, "url_note"):
        raise ContextDataError(
            f"{where}: no 'url'; say in 'url_note' why the official address is not known."
        )
    if not url and (not doc or len(doc) < 30):
        raise ContextDataError(
            f"{where}: without a url, 'document' must be a full reference "
            "(publisher, title, date, document number)."
        )
    kind = _req(rec, "copy_date_kind", name, sid)
    if kind not in COPY_DATE_KINDS:
        raise ContextDataError(
            f"{where}: copy_date_kind {kind!r} is not one of {', '.join(COPY_DATE_KINDS)}."
        )
    return {
        "authority": authority,
        "state_media": state_media,
        "found_at": _opt(rec, "found_at"),
        "url_note": _opt(rec, "url_note"),
        "copy_date": _date(_req(rec, "copy_date", name, sid), name, sid, "copy_date"),
        "copy_date_kind": kind,
        "check": _req(rec, "check", name, sid),
    }


def _bibliography(name: str, strict: bool = False) -> dict[str, Source]:
    """Read a bibliography file (sources.toml: context facts, ``strict``: with authority,
    copy date and check; literature.toml: the scholarly frameworks)."""
    data = _read_toml(name)
    out: dict[str, Source] = {}
    for sid, rec in data.items():
        if not isinstance(rec, dict):
            raise ContextDataError(f"{_where(name, sid)}: each source must be a [table].")
        url, doc = _opt(rec, "url"), _opt(rec, "document")
        if not (url or doc):
            raise ContextDataError(f"{_where(name, sid)}: give a 'url' or a 'document'.")
        d = _opt(rec, "date")
        if d:
            _date(d, name, sid, "date")
        out[sid] = Source(
            id=sid,
            title=_req(rec, "title", name, sid),
            publisher=_req(rec, "publisher", name, sid),
            date=d,
            url=url,
            document=doc,
            used_for=_req(rec, "used_for", name, sid),
            note=_opt(rec, "note"),
            **(_authority(rec, name, sid) if strict else {}),
        )
    return out


def clear_cache() -> None:
    """Forget every file read so far (after editing seeds/context in a running kernel)."""
    for f in (
        _sources_map,
        _literature_map,
        timeline,
        formats,
        memberships,
        week,
        troop_estimates,
        positions,
        claims,
        missing_voices,
        seed_quotes,
        epilogue,
        places,
    ):
        f.cache_clear()


# --------------------------------------------------------------------------- loaders


def sources() -> tuple[Source, ...]:
    """All bibliography entries, in file order."""
    return tuple(_sources_map().values())


def literature() -> tuple[Source, ...]:
    """The scholarly works behind the methods (``literature.toml``: Austin, Entman, ...)."""
    return tuple(_literature_map().values())


def source(source_id: str) -> Source:
    """One bibliography entry (sources.toml, then literature.toml); :class:`ContextDataError`
    if the id is unknown."""
    for table in (_sources_map(), _literature_map()):
        if source_id in table:
            return table[source_id]
    raise ContextDataError(
        f"unknown source id {source_id!r} (see sources.toml and literature.toml)"
    )


@cache
def timeline() -> tuple[Event, ...]:
    """The events of ``timeline.csv``, sorted by date (then file order)."""
    name = "timeline.csv"
    out = []
    for n, r in enumerate(_read_csv(name), start=2):
        cat = _req(r, "category", name, n)
        if cat not in CATEGORIES:
            raise ContextDataError(
                f"{_where(name, n)}: category {cat!r} is not one of {', '.join(CATEGORIES)}."
            )
        end = _opt(r, "end_date")
        out.append(
            Event(
                id=_req(r, "id", name, n),
                date=_date(_req(r, "date", name, n), name, n, "date"),
                end_date=_date(end, name, n, "end_date") if end else None,
                category=cat,
                title=_req(r, "title", name, n),
                description=_req(r, "description", name, n),
                place=r.get("place", ""),
                sources=_sources(r, name, n),
                confidence=_conf(r, name, n),
                note=_opt(r, "note"),
            )
        )
    return tuple(sorted(out, key=lambda e: e.date))


def _fact(rec: Any, name: str, where: str) -> Fact:
    if not isinstance(rec, dict):
        raise ContextDataError(
            f"{_where(name, where)}: must be an inline table {{ value, source, confidence }}."
        )
    return Fact(
        value=_req(rec, "value", name, where),
        sources=_sources(rec, name, where),
        confidence=_conf(rec, name, where),
        note=_opt(rec, "note"),
    )


@cache
def formats() -> tuple[FormatInfo, ...]:
    """The formats of ``formats.toml`` (SSD, NRC, OSCE-PC), in file order."""
    name = "formats.toml"
    out = []
    for fid, rec in _read_toml(name).items():
        members_spec = rec.get("members")
        if not isinstance(members_spec, list) or not members_spec:
            raise ContextDataError(f"{_where(name, fid)}: 'members' must be a non-empty list.")
        facts = []
        meeting = None
        for key, val in rec.items():
            if key in ("name", "members"):
                continue
            if key == "meeting":
                m = val
                where = f"{fid}.meeting"
                meeting = Meeting(
                    date=_date(_req(m, "date", name, where), name, where, "date"),
                    title=_req(m, "title", name, where),
                    place=_req(m, "place", name, where),
                    venue=m.get("venue", ""),
                    chair=m.get("chair", ""),
                    duration=m.get("duration", ""),
                    delegations=_req(m, "delegations", name, where),
                    sources=_sources(m, name, where),
                    confidence=_conf(m, name, where),
                )
                continue
            facts.append((key, _fact(val, name, f"{fid}.{key}")))
        out.append(
            FormatInfo(
                id=fid,
                name=_req(rec, "name", name, fid),
                members_spec=tuple(str(x) for x in members_spec),
                facts=tuple(facts),
                meeting=meeting,
            )
        )
    return tuple(out)


def format_info(format_id: str) -> FormatInfo:
    """One format by id (``"SSD"``, ``"NRC"``, ``"OSCE-PC"``)."""
    for f in formats():
        if f.id == format_id:
            return f
    known = ", ".join(f.id for f in formats())
    raise ContextDataError(f"unknown format {format_id!r}; known: {known}")


@cache
def memberships() -> tuple[Membership, ...]:
    """The rows of ``memberships.csv`` (body, state), in file order."""
    name = "memberships.csv"
    out = []
    seen = set()
    for n, r in enumerate(_read_csv(name), start=2):
        iso3 = _req(r, "iso3", name, n)
        if not _ISO3.match(iso3):
            raise ContextDataError(f"{_where(name, n)}: iso3 {iso3!r} is not three capitals.")
        body = _req(r, "body", name, n)
        if (body, iso3) in seen:
            raise ContextDataError(f"{_where(name, n)}: {iso3} listed twice in {body}.")
        seen.add((body, iso3))
        since = _opt(r, "since")
        out.append(
            Membership(
                body=body,
                iso3=iso3,
                name=_req(r, "name", name, n),
                since=_date(since, name, n, "since") if since else None,
                sources=_sources(r, name, n),
                confidence=_conf(r, name, n),
                note=_opt(r, "note"),
            )
        )
    return tuple(out)


def bodies() -> tuple[str, ...]:
    """The bodies listed in ``memberships.csv`` (``NATO``, ``OSCE``, ``SSD``)."""
    return tuple(dict.fromkeys(m.body for m in memberships()))


def body_members(body: str) -> tuple[str, ...]:
    """ISO3 codes of a body's members, sorted."""
    out = sorted(m.iso3 for m in memberships() if m.body == body)
    if not out:
        raise ContextDataError(f"no members listed for {body!r} in memberships.csv")
    return tuple(out)


def members(format_id: str) -> tuple[str, ...]:
    """Who sits at a format's table (ISO3 codes, sorted).

    A format's ``members`` in formats.toml is a list of tokens: a body of
    memberships.csv stands for all its members, an ISO3 code for one state, so the
    NATO-Russia Council ``["NATO", "RUS"]`` gives NATO's 30 Allies plus Russia.
    """
    info = format_info(format_id)
    known_bodies = set(bodies())
    out: set[str] = set()
    for tok in info.members_spec:
        if tok in known_bodies:
            out.update(body_members(tok))
        elif _ISO3.match(tok):
            out.add(tok)
        else:
            raise ContextDataError(
                f"{_where('formats.toml', format_id)}: member {tok!r} is neither a body of "
                "memberships.csv nor an ISO3 code."
            )
    return tuple(sorted(out))


def seats(iso3: str) -> tuple[str, ...]:
    """Which formats a state sits in, in the order of formats.toml (``seats("UKR")``)."""
    return tuple(f.id for f in formats() if iso3 in members(f.id))


def country_name(iso3: str) -> str:
    """The English short name of a state from memberships.csv (the code if unknown)."""
    for m in memberships():
        if m.iso3 == iso3:
            return m.name
    return iso3


@cache
def week() -> tuple[WeekMeeting, ...]:
    """The meetings of 9-13 January 2022 (``week.csv``), in date order."""
    name = "week.csv"
    out = []
    for n, r in enumerate(_read_csv(name), start=2):
        out.append(
            WeekMeeting(
                date=_date(_req(r, "date", name, n), name, n, "date"),
                format_id=_req(r, "format_id", name, n),
                event=_req(r, "event", name, n),
                heading=_opt(r, "heading") or _req(r, "format_id", name, n),
                place=_req(r, "place", name, n),
                venue=r.get("venue", ""),
                chair=r.get("chair", ""),
                us_delegation=_req(r, "us_delegation", name, n),
                russian_delegation=_req(r, "russian_delegation", name, n),
                duration=r.get("duration", ""),
                note=r.get("note", ""),
                sources=_sources(r, name, n),
                confidence=_conf(r, name, n),
            )
        )
    return tuple(sorted(out, key=lambda m: m.date))


@cache
def troop_estimates() -> tuple[TroopEstimate, ...]:
    """The troop estimates of ``troops.csv``, in date order."""
    name = "troops.csv"
    out = []
    for n, r in enumerate(_read_csv(name), start=2):
        try:
            low, high = int(_req(r, "low", name, n)), int(_req(r, "high", name, n))
        except ValueError:
            raise ContextDataError(
                f"{_where(name, n)}: 'low' and 'high' must be whole numbers."
            ) from None
        if low > high or low <= 0:
            raise ContextDataError(f"{_where(name, n)}: need 0 < low <= high (got {low}, {high}).")
        kind = _req(r, "kind", name, n)
        if kind not in ("deployed", "planned"):
            raise ContextDataError(f"{_where(name, n)}: kind must be 'deployed' or 'planned'.")
        out.append(
            TroopEstimate(
                id=_req(r, "id", name, n),
                date=_date(_req(r, "date", name, n), name, n, "date"),
                low=low,
                high=high,
                kind=kind,
                scope=_req(r, "scope", name, n),
                estimate_by=_req(r, "estimate_by", name, n),
                reported_by=_req(r, "reported_by", name, n),
                label=_req(r, "label", name, n),
                sources=_sources(r, name, n),
                confidence=_conf(r, name, n),
                note=_opt(r, "note"),
            )
        )
    return tuple(sorted(out, key=lambda t: t.date))


@cache
def positions() -> tuple[Position, ...]:
    """Stated positions (``positions.toml``), in file order."""
    name = "positions.toml"
    out = []
    for i, r in enumerate(_read_toml(name).get("position", []), start=1):
        where = f"position {i}"
        out.append(
            Position(
                id=_req(r, "id", name, where),
                side=_req(r, "side", name, where),
                topic=_req(r, "topic", name, where),
                date=_date(_req(r, "date", name, where), name, where, "date"),
                speaker=_req(r, "speaker", name, where),
                summary=_req(r, "summary", name, where),
                quote=str(r.get("quote", "")),
                sources=_sources(r, name, where),
                confidence=_conf(r, name, where),
                note=_opt(r, "note"),
                quote_source=_one_source(r, "quote_source", name, where),
                quote_context=str(r.get("quote_context", "")).strip(),
                quote_check=_opt(r, "quote_check"),
                quote_verified=r.get("quote_verified", True) is not False,
            )
        )
    return tuple(out)


def _one_source(rec: dict[str, Any], key: str, name: str, where: str) -> str | None:
    """An optional single source id (``quote_source``), checked against sources.toml."""
    sid = _opt(rec, key)
    if sid and sid not in _sources_map():
        raise ContextDataError(
            f"{_where(name, where)}: {key} {sid!r} is not in sources.toml; add an entry for it."
        )
    return sid


def _id_list(rec: dict[str, Any], key: str, name: str, where: str) -> tuple[str, ...]:
    """An optional ";"-separated list of source ids in field ``key``, each checked."""
    ids = tuple(s.strip() for s in str(rec.get(key, "")).split(";") if s.strip())
    for s in ids:
        if s not in _sources_map():
            raise ContextDataError(
                f"{_where(name, where)}: {key} {s!r} is not in sources.toml; add an entry for it."
            )
    return ids


@cache
def claims() -> tuple[Claim, ...]:
    """The seed's contestable claims (``claims.toml``), in file order."""
    name = "claims.toml"
    out = []
    for i, r in enumerate(_read_toml(name).get("claim", []), start=1):
        where = f"claim {i}"
        out.append(
            Claim(
                id=_req(r, "id", name, where),
                quote=_req(r, "quote", name, where),
                claims=_req(r, "claims", name, where),
                record=_req(r, "record", name, where),
                russia_view=str(r.get("russia_view", "")),
                sources=_sources(r, name, where),
                confidence=_conf(r, name, where),
                note=_opt(r, "note"),
                record_sources=_id_list(r, "record_source", name, where),
                verdict=_verdict(r, name, where),
                verdict_note=str(r.get("verdict_note", "")).strip(),
                verdict_sources=_id_list(r, "verdict_source", name, where),
                russia_view_sources=_id_list(r, "russia_view_source", name, where),
                other_voices=str(r.get("other_voices", "")).strip(),
                other_voices_sources=_id_list(r, "other_voices_source", name, where),
            )
        )
    return tuple(out)


def _verdict(rec: dict[str, Any], name: str, where: str) -> str:
    v = _req(rec, "verdict", name, where)
    if v not in VERDICTS:
        raise ContextDataError(
            f"{_where(name, where)}: verdict {v!r} is not one of {', '.join(VERDICTS)}."
        )
    return v


@cache
def missing_voices() -> tuple[MissingVoice, ...]:
    """The voices the project looked for and could not find (``claims.toml``)."""
    name = "claims.toml"
    out = []
    for i, r in enumerate(_read_toml(name).get("missing_voice", []), start=1):
        where = f"missing_voice {i}"
        out.append(
            MissingVoice(
                id=_req(r, "id", name, where),
                who=_req(r, "who", name, where),
                why=_req(r, "why", name, where),
                instead=_req(r, "instead", name, where),
            )
        )
    return tuple(out)


@cache
def seed_quotes() -> tuple[SeedQuote, ...]:
    """The seed's quotations and whether each was checked against a transcript
    (``seed_quotes.toml``), in the order of the text."""
    name = "seed_quotes.toml"
    out = []
    for i, r in enumerate(_read_toml(name).get("seed_quote", []), start=1):
        where = f"seed_quote {i}"
        checked = r.get("checked")
        if not isinstance(checked, bool):
            raise ContextDataError(f"{_where(name, where)}: 'checked' must be true or false.")
        out.append(
            SeedQuote(
                id=_req(r, "id", name, where),
                text=_req(r, "text", name, where),
                speaker=_req(r, "speaker", name, where),
                occasion=_req(r, "occasion", name, where),
                form=_req(r, "form", name, where),
                checked=checked,
                transcript=_one_source(r, "transcript", name, where) or "",
                result=_req(r, "result", name, where),
                sources=_sources(r, name, where),
                confidence=_conf(r, name, where),
            )
        )
    return tuple(out)


def claim_spans(text: str) -> tuple[tuple[Claim, int, int], ...]:
    """Where each claim's quote occurs in ``text`` (first occurrence): (claim, start, end)."""
    out = []
    for c in claims():
        i = text.find(c.quote)
        if i >= 0:
            out.append((c, i, i + len(c.quote)))
    return tuple(sorted(out, key=lambda t: t[1]))


@cache
def epilogue() -> tuple[EpilogueEvent, ...]:
    """What came after, February-March 2022 (``epilogue.csv``), in date order."""
    name = "epilogue.csv"
    out = []
    for n, r in enumerate(_read_csv(name), start=2):
        out.append(
            EpilogueEvent(
                date=_date(_req(r, "date", name, n), name, n, "date"),
                actors=tuple(a for a in _req(r, "actor", name, n).split(";") if a),
                action=_req(r, "action", name, n),
                actor_words=r.get("actor_words", ""),
                other_words=r.get("other_words", ""),
                sources=_sources(r, name, n),
                confidence=_conf(r, name, n),
                note=_opt(r, "note"),
            )
        )
    return tuple(sorted(out, key=lambda e: e.date))


@cache
def places() -> tuple[Place, ...]:
    """The places of ``places.csv`` (venues, capitals, contested regions), in file order."""
    name = "places.csv"
    out = []
    for n, r in enumerate(_read_csv(name), start=2):
        try:
            lat, lon = float(_req(r, "lat", name, n)), float(_req(r, "lon", name, n))
        except ValueError:
            raise ContextDataError(f"{_where(name, n)}: lat and lon must be numbers.") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ContextDataError(f"{_where(name, n)}: lat/lon out of range ({lat}, {lon}).")
        out.append(
            Place(
                id=_req(r, "id", name, n),
                name=_req(r, "name", name, n),
                kind=_req(r, "kind", name, n),
                lat=lat,
                lon=lon,
                country=_req(r, "country", name, n),
                marker_at=_req(r, "marker_at", name, n),
                status=_req(r, "status", name, n),
                sources=_sources(r, name, n),
                confidence=_conf(r, name, n),
                note=_opt(r, "note"),
            )
        )
    return tuple(out)


def place(place_id: str) -> Place:
    """One place by id (``"crimea"``, ``"geneva"`` ...)."""
    for p in places():
        if p.id == place_id:
            return p
    raise ContextDataError(f"unknown place {place_id!r} (see places.csv)")


# --------------------------------------------------------------------------- references


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
