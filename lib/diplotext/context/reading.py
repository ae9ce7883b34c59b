"""Reading ``seeds/context/``: the files, the checks every field gets (required, date,
confidence, source ids, authority), and the bibliography maps. Errors name the file, the
row and the field.
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..load import seeds_dir
from .records import (
    _DATE,
    AUTHORITIES,
    CONFIDENCE,
    COPY_DATE_KINDS,
    ContextDataError,
    Source,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib


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
