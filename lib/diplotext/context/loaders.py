"""One loader per context file (timeline, formats, memberships, week, troop estimates,
positions, claims, missing voices, seed quotes, epilogue, places), each read once and
cached; :func:`clear_cache` forgets them all.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .reading import (
    _conf,
    _date,
    _literature_map,
    _opt,
    _read_csv,
    _read_toml,
    _req,
    _sources,
    _sources_map,
    _where,
)
from .records import (
    _ISO3,
    CATEGORIES,
    VERDICTS,
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
