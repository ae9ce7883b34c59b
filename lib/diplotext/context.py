"""The sourced context of the lessons: events, formats, memberships, estimates, positions.

Every fact a lesson states about the world comes from a file under ``seeds/context/``
(see ``docs/data.md``), and every row there names its source (an id in
``seeds/context/sources.toml``) and a confidence level. This module reads those files
into frozen dataclasses, checks them, and formats references::

    from diplotext import context as ctx
    ctx.members("NRC")            # ('ALB', 'BEL', ..., 'RUS')  NATO's 30 + Russia
    ctx.seats("UKR")              # ('OSCE-PC',)
    ctx.references(["nato-rome-2002"])

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


@dataclass(frozen=True)
class Claim:
    """A contestable claim of the seed: its exact quote and what the record shows."""

    id: str
    quote: str
    claims: str
    record: str
    russia_view: str
    sources: tuple[str, ...]
    confidence: str
    note: str | None = None


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
    return _bibliography("sources.toml")


@cache
def _literature_map() -> dict[str, Source]:
    return _bibliography("literature.toml")


def _bibliography(name: str) -> dict[str, Source]:
    """Read a bibliography file (sources.toml: context facts; literature.toml: frameworks)."""
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
            )
        )
    return tuple(out)


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


def format_reference(s: Source) -> str:
    """One bibliography entry as text: ``Publisher. "Title". Date. URL-or-document.``"""
    parts = [s.publisher.rstrip(".") + ".", f"“{s.title}”."]
    if s.date:
        parts.append(s.date + ".")
    parts.append((s.url or s.document or "").rstrip(".") + ".")
    return " ".join(parts)


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
