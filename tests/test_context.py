"""Schema and content tests for seeds/context and diplotext.context."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest

from diplotext import context as ctx
from diplotext.display import TableOutput
from diplotext.errors import DiplotextError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = ROOT / "seeds" / "context"
#: Fields of a row that hold source ids (";"-separated).
ID_FIELDS = (
    "source",
    "quote_source",
    "record_source",
    "verdict_source",
    "russia_view_source",
    "other_voices_source",
    "transcript",
)
CSV_FILES = (
    "timeline.csv",
    "week.csv",
    "troops.csv",
    "epilogue.csv",
    "places.csv",
    "memberships.csv",
)


def _all_rows():
    """(file, row-label, record) for every row that must carry source + confidence."""
    for name in CSV_FILES:
        with (CONTEXT / name).open(encoding="utf-8", newline="") as fh:
            for n, r in enumerate(csv.DictReader(fh), start=2):
                yield name, n, r
    for name, key in (
        ("positions.toml", "position"),
        ("claims.toml", "claim"),
        ("seed_quotes.toml", "seed_quote"),
    ):
        for i, r in enumerate(tomllib.loads((CONTEXT / name).read_text("utf-8"))[key], 1):
            yield name, i, r
    for fid, rec in tomllib.loads((CONTEXT / "formats.toml").read_text("utf-8")).items():
        for k, v in rec.items():
            if isinstance(v, dict):
                yield "formats.toml", f"{fid}.{k}", v


def test_every_row_has_known_source_and_allowed_confidence():
    known = set(tomllib.loads((CONTEXT / "sources.toml").read_text("utf-8")))
    rows = list(_all_rows())
    assert len(rows) > 150
    for name, row, r in rows:
        ids = [s.strip() for s in (r.get("source") or "").split(";") if s.strip()]
        assert ids, f"{name} {row}: empty source"
        assert set(ids) <= known, f"{name} {row}: unknown source {set(ids) - known}"
        assert r.get("confidence") in ctx.CONFIDENCE, f"{name} {row}: {r.get('confidence')}"


def test_every_source_entry_is_complete_and_used():
    srcs = ctx.sources()
    for s in srcs:
        assert s.title and s.publisher and s.used_for
        assert s.url or s.document
    used = set()
    for _name, _row, r in _all_rows():
        for key in ID_FIELDS:
            used.update(x.strip() for x in str(r.get(key, "")).split(";") if x.strip())
    assert {s.id for s in srcs} == used, "a source is listed but never used"


def test_loaders_parse_every_file_and_dates():
    assert len(ctx.timeline()) >= 35
    for e in ctx.timeline():
        assert e.category in ctx.CATEGORIES
        if e.end_date:
            assert e.end_date >= e.date, e.id
    dates = [e.date for e in ctx.timeline()]
    assert dates == sorted(dates)
    assert {e.id for e in ctx.timeline()} >= {
        "helsinki-1975",
        "transnistria-1992",
        "osce-1995",
        "pjc-1997",
        "istanbul-1999",
        "nrc-2002",
        "georgia-2008",
        "crimea-annexation-2014",
        "minsk-2014",
        "minsk-2015",
        "ssd-2022-01-10",
        "nrc-2022-01-12",
        "osce-pc-2022-01-13",
        "invasion-2022-02-24",
    }


def test_georgia_event_carries_the_tagliavini_nuance_and_crimea_both_names():
    by_id = {e.id: e for e in ctx.timeline()}
    assert "Tagliavini" in by_id["georgia-2008"].description
    assert "beyond reasonable limits" in by_id["georgia-2008"].description
    assert "reunification" in by_id["crimea-annexation-2014"].description


def test_membership_counts():
    assert len(ctx.body_members("NATO")) == 30
    assert len(ctx.body_members("OSCE")) == 57
    assert "VAT" in ctx.body_members("OSCE")
    assert "XKX" not in ctx.body_members("OSCE")
    assert set(ctx.body_members("NATO")) <= set(ctx.body_members("OSCE"))
    assert ctx.members("SSD") == ("RUS", "USA")
    assert set(ctx.members("NRC")) == set(ctx.body_members("NATO")) | {"RUS"}
    assert len(ctx.members("NRC")) == 31
    assert len(ctx.members("OSCE-PC")) == 57


def test_seats_ukraine_only_in_osce():
    assert ctx.seats("UKR") == ("OSCE-PC",)
    assert ctx.seats("GEO") == ("OSCE-PC",)
    assert ctx.seats("USA") == ("SSD", "NRC", "OSCE-PC")
    assert ctx.seats("POL") == ("NRC", "OSCE-PC")
    assert ctx.seats("ZZZ") == ()
    assert ctx.country_name("MKD") == "North Macedonia"
    assert ctx.country_name("ZZZ") == "ZZZ"


def test_formats_have_sourced_facts_and_january_meetings():
    ids = [f.id for f in ctx.formats()]
    assert ids == ["SSD", "NRC", "OSCE-PC"]
    nrc = ctx.format_info("NRC")
    assert nrc.value("decision_rule") == "consensus"
    assert nrc.value("founded") == "2002-05-28"
    assert nrc.meeting.date == "2022-01-12" and "Stoltenberg" in nrc.meeting.chair
    assert ctx.format_info("OSCE-PC").fact("legally_binding").value.startswith("no")
    # facts that are reasoned, not read, say so
    assert ctx.format_info("SSD").fact("decision_rule").confidence == "inferred"
    with pytest.raises(DiplotextError):
        ctx.format_info("G7")


def test_week_and_epilogue_agree_with_timeline():
    wk = ctx.week()
    assert [m.date for m in wk] == ["2022-01-09", "2022-01-10", "2022-01-12", "2022-01-13"]
    assert [m.place for m in wk] == ["Geneva", "Geneva", "Brussels", "Vienna"]
    for m in wk:
        assert m.date == ctx.format_info(m.format_id).meeting.date or m.date == "2022-01-09"
    tl_dates = {e.date for e in ctx.timeline()}
    for ep in ctx.epilogue():
        assert ep.date in tl_dates, ep.action


def test_troop_estimates_are_all_labelled_estimates():
    ests = ctx.troop_estimates()
    assert len(ests) == 4
    for t in ests:
        assert t.confidence == "estimate"
        assert t.label.startswith("U.S./allied estimate")
        assert t.estimate_by
    feb = next(t for t in ests if t.date == "2022-02-18")
    assert (feb.low, feb.high, feb.is_range) == (169000, 190000, True)


def test_claim_quotes_are_substrings_of_the_seed(seed_text):
    cl = ctx.claims()
    assert len(cl) >= 6
    for c in cl:
        assert c.quote in seed_text, c.id
    spans = ctx.claim_spans(seed_text)
    assert len(spans) == len(cl)
    for c, start, end in spans:
        assert seed_text[start:end] == c.quote


def test_positions_show_both_sides():
    sides = {p.side for p in ctx.positions()}
    assert {"Russia", "United States"} <= sides
    contested = next(p for p in ctx.positions() if p.id == "not-one-inch")
    assert contested.confidence == "contested"
    ry = next(p for p in ctx.positions() if p.id == "rus-legally-binding")
    assert "legally binding guarantees" in ry.quote


def test_places_have_coordinates_in_the_region():
    ids = {p.id for p in ctx.places()}
    assert ids >= {
        "geneva",
        "brussels",
        "vienna",
        "kyiv",
        "moscow",
        "crimea",
        "abkhazia",
        "south-ossetia",
        "transnistria",
    }
    crimea = ctx.place("crimea")
    assert 44 < crimea.lat < 46 and 32 < crimea.lon < 37
    assert "68/262" in crimea.status


def test_references_stable_deduplicated_and_table():
    refs = ctx.references(["nato-rome-2002;osce-summits", "nato-rome-2002"])
    assert refs == ctx.references(["osce-summits", "nato-rome-2002"])
    assert len(refs) == 2
    assert refs[0].startswith("NATO.") and "e0528a.htm" in refs[0]
    table = ctx.references(["osce-summits"], as_table=True)
    assert isinstance(table, TableOutput) and table.rows[0][0] == "osce-summits"
    with pytest.raises(DiplotextError):
        ctx.references(["no-such-source"])


@pytest.fixture()
def broken_seeds(tmp_path, monkeypatch):
    """A copy of seeds/ whose context files a test can break."""
    dst = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", dst)
    monkeypatch.setenv("DIPLOTEXT_SEEDS", str(dst))
    ctx.clear_cache()
    yield dst / "context"
    monkeypatch.delenv("DIPLOTEXT_SEEDS")
    ctx.clear_cache()


def test_bad_date_names_file_row_and_field(broken_seeds):
    p = broken_seeds / "troops.csv"
    p.write_text(p.read_text("utf-8").replace("2021-04-19", "2021-13-19"), "utf-8")
    with pytest.raises(ctx.ContextDataError, match=r"troops.csv, row 2: field 'date'"):
        ctx.troop_estimates()


def test_unknown_source_and_bad_confidence_are_rejected(broken_seeds):
    p = broken_seeds / "week.csv"
    p.write_text(p.read_text("utf-8").replace("tass-1387739", "tass-000"), "utf-8")
    with pytest.raises(ctx.ContextDataError, match="tass-000"):
        ctx.week()
    q = broken_seeds / "places.csv"
    q.write_text(q.read_text("utf-8").replace(",confirmed,", ",certain,", 1), "utf-8")
    with pytest.raises(ctx.ContextDataError, match="confidence 'certain'"):
        ctx.places()


def test_missing_file_is_a_clear_error(broken_seeds):
    (broken_seeds / "claims.toml").unlink()
    with pytest.raises(ctx.ContextDataError, match="missing context data file"):
        ctx.claims()
