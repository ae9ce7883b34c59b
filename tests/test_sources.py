"""Sources a teacher can cite: authority classes, copies, state media, primary texts.

Every row of seeds/context/ resolves its source ids; every source has an authority class, a
URL or a full reference, and the date of the copy used; no fact, position or quotation rests
on `secondary` sources alone; state media are used only for what a government said; every
example statement has its provenance; every quotation is checked against the passage stored
with it (the pages cannot be fetched at test time, so the passage read is kept in the data).
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
from pathlib import Path

import pytest

from diplotext import context as ctx
from diplotext.load import read_metadata, sha256_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = ROOT / "seeds" / "context"
EXAMPLES = sorted((ROOT / "seeds" / "examples").glob("*.txt"))
SEED = ROOT / "seeds" / "voa-2022-01-a-diplomatic-path-is-open-to-russia.txt"

#: Files whose rows state facts about events (state media may not carry them alone).
FACT_CSV = (
    "timeline.csv",
    "week.csv",
    "troops.csv",
    "epilogue.csv",
    "places.csv",
    "memberships.csv",
)
#: Fields that hold source ids.
ID_FIELDS = (
    "source",
    "quote_source",
    "record_source",
    "verdict_source",
    "russia_view_source",
    "other_voices_source",
    "transcript",
)
#: Hosts that only reprint texts: never an example's official `url`.
REPRINT_HOSTS = ("wirenn.com", "stl.news", "securitynews.ro", "blogspot.", "archive.md")


def _ids(value: object) -> list[str]:
    return [s.strip() for s in str(value or "").split(";") if s.strip()]


def _toml(name: str) -> dict:
    return tomllib.loads((CONTEXT / name).read_text("utf-8"))


def _rows():
    """(file, row label, record) for every sourced row of seeds/context/."""
    for name in FACT_CSV:
        with (CONTEXT / name).open(encoding="utf-8", newline="") as fh:
            for n, r in enumerate(csv.DictReader(fh), start=2):
                yield name, n, r
    for name, key in (
        ("positions.toml", "position"),
        ("claims.toml", "claim"),
        ("seed_quotes.toml", "seed_quote"),
    ):
        for i, r in enumerate(_toml(name)[key], 1):
            yield name, r.get("id", i), r
    for fid, rec in _toml("formats.toml").items():
        for k, v in rec.items():
            if isinstance(v, dict):
                yield "formats.toml", f"{fid}.{k}", v


SOURCES = {s.id: s for s in ctx.sources()}


def _strong(ids: list[str]) -> list[str]:
    """The ids that are neither secondary nor state media."""
    return [i for i in ids if SOURCES[i].authority != "secondary" and not SOURCES[i].state_media]


# --------------------------------------------------------------------------- ids resolve


def test_every_id_field_of_every_row_resolves():
    seen = 0
    for name, row, r in _rows():
        for key in ID_FIELDS:
            for sid in _ids(r.get(key)):
                assert sid in SOURCES, f"{name} {row}: {key} {sid!r} is not in sources.toml"
                seen += 1
    assert seen > 400


# --------------------------------------------------------------------------- each source


def test_every_source_has_authority_reference_and_copy_date():
    assert len(SOURCES) >= 80
    for s in SOURCES.values():
        assert s.authority in ctx.AUTHORITIES, s.id
        if s.url:
            assert re.match(r"^https?://\S+$", s.url), s.id
        else:
            assert s.url_note, f"{s.id}: no url and no word on why"
            assert s.document and re.search(r"\b(19|20)\d\d\b|undated", s.document), (
                f"{s.id}: a reference without url needs publisher, title, date (or 'undated')"
            )
        assert s.copy_date and s.copy_date_kind in ctx.COPY_DATE_KINDS, s.id
        assert s.copy_label.endswith(s.copy_date), s.id
        assert s.check, f"{s.id}: say how the text was checked"


def test_every_authority_class_is_used_and_labelled():
    assert {s.authority for s in SOURCES.values()} == set(ctx.AUTHORITIES)
    assert SOURCES["tass-1377211"].label == "wire/press (state media)"
    assert SOURCES["nato-rome-2002"].label == "primary"


def test_state_media_are_labelled_as_such():
    names = ("TASS", "Sputnik", "RIA Novosti", "Russia Today", "RT ")
    for s in SOURCES.values():
        if any(n in s.publisher for n in names):
            assert s.state_media, f"{s.id}: {s.publisher} is state media; mark state_media"
        if s.state_media:
            assert "state" in s.publisher.lower(), f"{s.id}: say 'state' in the publisher"


def test_weak_sources_named_in_the_issue_no_longer_carry_anything():
    """sputnikglobe.com, rusreality.com and jagranjosh.com were sole supports of facts."""
    hosts = ("rusreality.com", "jagranjosh.com")
    for s in SOURCES.values():
        assert not any(h in (s.url or "") for h in hosts), s.id
    for name, row, r in _rows():
        ids = _ids(r.get("source"))
        if "sputnik-2021-12-23" in ids and name != "positions.toml":
            assert _strong(ids), f"{name} {row} rests on Sputnik"


# --------------------------------------------------------------------------- support


def test_no_fact_position_or_quotation_rests_on_secondary_sources_alone():
    for name, row, r in _rows():
        for key in ID_FIELDS:
            ids = _ids(r.get(key))
            if not ids or key == "quote_source":
                continue
            authorities = {SOURCES[i].authority for i in ids}
            assert authorities != {"secondary"}, f"{name} {row}: {key} is secondary only"


def test_quotation_sources_are_not_secondary_unless_flagged_unverified():
    flagged = set()
    for p in ctx.positions():
        src = SOURCES[p.quote_source]
        if src.authority == "secondary":
            assert not p.quote_verified, f"{p.id}: a secondary copy; flag quote_verified = false"
            assert "NOT checked" in (p.quote_check or ""), p.id
            flagged.add(p.id)
    # the one known gap (the OSCE's text of Istanbul para. 8 was not readable): a new one
    # must be argued for here, not slip in
    assert flagged == {"istanbul-para8"}


def test_state_media_carry_no_fact_about_events_alone():
    for name, row, r in _rows():
        if name in ("positions.toml", "seed_quotes.toml"):
            continue
        ids = _ids(r.get("record_source") if name == "claims.toml" else r.get("source"))
        if any(SOURCES[i].state_media for i in ids):
            assert _strong(ids), f"{name} {row}: state media and nothing else"


def test_state_media_quote_only_what_the_russian_government_said():
    for p in ctx.positions():
        if SOURCES[p.quote_source].state_media:
            assert p.side == "Russia", f"{p.id}: state media quoted for a non-Russian position"


# --------------------------------------------------------------------------- quotations


def test_every_position_is_quoted_in_its_holders_words():
    positions = ctx.positions()
    assert all(p.quote.strip() for p in positions), "'In their words' must never be empty"
    russia = [p for p in positions if p.side == "Russia"]
    assert len(russia) >= 8
    assert {p.side for p in positions} >= {"Russia", "United States", "NATO", "Ukraine"}
    drafts = {p.quote_source for p in russia}
    assert {"mid-draft-us-2021-12-17", "mid-draft-nato-2021-12-17"} <= drafts | {
        s for p in russia for s in p.sources
    }
    for p in positions:
        assert p.quote_source in p.sources, f"{p.id}: list quote_source in source"


def test_each_quote_is_in_the_passage_stored_with_it():
    unstored = []
    for p in ctx.positions():
        if p.quote_context:
            assert p.quote in p.quote_context, f"{p.id}: quote not in its stored passage"
        else:
            assert re.search(r"not stored|NOT checked", p.quote_check or ""), p.id
            unstored.append(p.id)
    assert len(unstored) <= 4, unstored


def _examples_by_source() -> dict[str, str]:
    """Source id -> text of the example statement read from the same copy."""
    out = {}
    for path in EXAMPLES:
        meta = read_metadata(path)
        extra = dict(meta.extra)
        where = {meta.url, extra.get("found_at", "").split(" ")[0]} - {None, ""}
        for s in SOURCES.values():
            if {s.url, s.found_at} & where:
                out[s.id] = path.read_text("utf-8")
    return out


def test_quotes_from_an_example_statement_are_in_its_text():
    texts = _examples_by_source()
    assert {"nato-2022-01-12-doorstep", "state-2022-01-10-ssd"} <= set(texts)
    checked = 0
    for p in ctx.positions():
        if p.quote_source in texts:
            assert p.quote in texts[p.quote_source], p.id
            checked += 1
    assert checked >= 4


def test_seed_quotations_are_all_listed_with_the_check_result():
    seed = SEED.read_text("utf-8")
    quoted = re.findall(r"“(.*?)”", seed, flags=re.S)
    listed = ctx.seed_quotes()
    assert [q.text for q in listed] == quoted
    for q in listed:
        assert q.text in seed
        assert q.transcript in SOURCES
        assert q.result.startswith("Checked" if q.checked else "Not checked"), q.id
    table = ctx.seed_quotes_table().to_text()
    assert table.count("no: Not checked") == sum(not q.checked for q in listed)


# --------------------------------------------------------------------------- examples


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_has_full_provenance(path):
    meta = read_metadata(path)
    extra = dict(meta.extra)
    for key in ("title", "publisher", "date", "genre", "licence", "sha256"):
        assert getattr(meta, key), f"{path.name}: {key}"
    for key in ("side", "found_at", "check"):
        assert extra.get(key, "").strip(), f"{path.name}: {key}"
    if meta.url:
        assert meta.url.startswith("https://") and not any(h in meta.url for h in REPRINT_HOSTS)
    else:
        assert "not known" in extra.get("url_note", ""), f"{path.name}: say the url is unknown"
    assert sha256_text(path.read_text("utf-8")) == meta.sha256


def test_examples_compare_at_least_three_sides():
    sides = [dict(read_metadata(p).extra)["side"] for p in EXAMPLES]
    assert len(EXAMPLES) >= 7
    assert {"Russia", "NATO", "Ukraine", "United States"} <= set(sides)
    assert sum(s != "United States" for s in sides) >= 3


# --------------------------------------------------------------------------- corrected facts


def test_osce_permanent_council_founding_is_budapest_not_helsinki():
    f = ctx.format_info("OSCE-PC").fact("founded")
    assert f.value == "1994-12" and f.value != "1975-08-01"
    assert "osce-budapest-1994" in f.sources
    assert "Helsinki" in (f.note or "")


def test_the_ninth_of_january_is_a_working_dinner_everywhere():
    dinner = next(m for m in ctx.week() if m.date == "2022-01-09")
    assert dinner.heading == "working dinner before the SSD"
    assert "working dinner" in dinner.event
    event = next(e for e in ctx.timeline() if e.date == "2022-01-09")
    assert "working dinner" in event.title
    for name in ("week.csv", "timeline.csv"):
        assert "working meeting" not in (CONTEXT / name).read_text("utf-8"), name


# --------------------------------------------------------------------------- claims table


def test_claims_table_splits_record_and_verdict_each_sourced():
    table = ctx.claims_table()
    assert table.header[1:3] == ("What the record shows", "The editorial's claim is")
    rows = {c.id: row for c, row in zip(ctx.claims(), table.rows, strict=True)}
    for row in table.rows:
        assert "[sources: " in row[1] and "[sources: " in row[2]
        assert row[2].split(":")[0] in ctx.VERDICTS
    georgia = rows["georgia-2008"]
    assert "Georgia's shelling" in georgia[1] and "beyond reasonable limits" in georgia[1]
    moldova = rows["two-decades-moldova"]
    assert "Moldova's voice is missing" in moldova[4]
    assert moldova[2].startswith("understated") and "1992" in moldova[1]
    assert "(confirmed)" not in table.to_text()
    subset = ctx.claims_table(["crimea-2014", "georgia-2008"])
    assert [r[0] for r in subset.rows] == ["“Russia invaded and seized Crimea in 2014”", georgia[0]]
    with pytest.raises(ctx.ContextDataError, match="no-such-claim"):
        ctx.claims_table(["no-such-claim"])


def test_missing_voices_are_recorded_with_reasons():
    ids = {m.id for m in ctx.missing_voices()}
    assert {"moldova", "georgia-2008", "kremlin-transcripts"} <= ids
    assert all(len(m.why) > 40 for m in ctx.missing_voices())


def test_source_list_shows_each_class_and_copy():
    table = ctx.source_list(["tass-1377211;mid-draft-nato-2021-12-17", "redanalysis-istanbul"])
    assert table.header == ("id", "reference", "class", "copy used", "used for")
    cls = {r[0]: r[2] for r in table.rows}
    assert cls == {
        "tass-1377211": "wire/press (state media)",
        "mid-draft-nato-2021-12-17": "primary",
        "redanalysis-istanbul": "secondary",
    }
    copy = {r[0]: r[3] for r in table.rows}
    assert copy["mid-draft-nato-2021-12-17"].startswith("copy dated 2021-12-18; read at https")


# --------------------------------------------------------------------------- bad data


@pytest.fixture()
def broken(tmp_path, monkeypatch):
    dst = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", dst)
    monkeypatch.setenv("DIPLOTEXT_SEEDS", str(dst))
    ctx.clear_cache()
    yield dst / "context"
    monkeypatch.delenv("DIPLOTEXT_SEEDS")
    ctx.clear_cache()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('authority = "reference"', 'authority = "blog"', "authority 'blog'"),
        ('copy_date_kind = "copy"', 'copy_date_kind = "guess"', "copy_date_kind 'guess'"),
        ('url = "https://www.nato.int/docu', 'url = "www.nato.int/docu', "not a web address"),
        ('url_note = "No address recorded', 'note_x = "No address recorded', "url_note"),
    ],
)
def test_bad_source_entries_are_rejected(broken, old, new, message):
    p = broken / "sources.toml"
    text = p.read_text("utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ctx.ContextDataError, match=re.escape(message)):
        ctx.sources()


def test_bad_verdict_is_rejected(broken):
    p = broken / "claims.toml"
    p.write_text(p.read_text("utf-8").replace('verdict = "understated"', 'verdict = "wrong"'))
    with pytest.raises(ctx.ContextDataError, match="verdict 'wrong'"):
        ctx.claims()
