"""diplotext.views: the one-line calls of the context lessons, and predict-then-check."""

from __future__ import annotations

import pytest

import diplotext
from diplotext import context, views

from .conftest import ROOT


def test_paragraph_is_counted_from_one_and_wrapped(seed_doc):
    p = seed_doc.paragraphs[3]
    out = views.paragraph(seed_doc, 4)
    assert repr(out) == str(out)
    assert " ".join(str(out).split()) == " ".join(seed_doc.text[p.start : p.end].split())
    assert max(len(line) for line in str(out).splitlines()) <= views.WIDTH
    with pytest.raises(ValueError, match="paragraphs"):
        views.paragraph(seed_doc, 0)


def test_tables_have_one_row_per_record():
    conflicts = [e for e in context.timeline() if e.category == "conflict"]
    assert [r[0] for r in views.timeline_table("conflict").rows] == [
        f"{e.title} ({e.date})" for e in conflicts
    ]
    assert len(views.troops_table().rows) == len(context.troop_estimates())
    assert len(views.places_table().rows) == len(context.places())
    assert len(views.week_table().rows) == len(context.week())
    russia = [p for p in context.positions() if p.side == "Russia"]
    assert len(views.positions_table("Russia").rows) == len(russia)
    assert len(views.claims_table().rows) == len(context.claims())
    assert len(views.others_table().rows) == len(
        [p for p in context.positions() if p.side in views.OTHER_SIDES]
    )


def test_seats_table_marks_the_country_from_the_membership_data():
    rows = views.seats_table("UKR").rows
    assert [r[2] for r in rows] == [
        "yes" if f.id in context.seats("UKR") else "no" for f in context.formats()
    ]


def test_position_prints_speaker_date_and_summary():
    p = next(p for p in context.positions() if p.id == "rus-exercises-denial")
    out = str(views.position(p.id))
    assert out.startswith(f"{p.speaker} ({p.date}):")
    with pytest.raises(KeyError, match="known"):
        views.position("no-such-position")


def test_check_order_prompts_first_then_compares_with_the_dates():
    ids = ["georgia-2008", "transnistria-1992", "donbas-2014"]
    empty = str(views.check_order([], ids))
    assert "No prediction yet" in empty and "1992" not in empty  # no answer given away
    right = views.in_date_order(ids)
    assert right == ["transnistria-1992", "georgia-2008", "donbas-2014"]
    assert "3 of 3 in the same place" in str(views.check_order(right, ids))
    wrong = str(views.check_order(["Georgia", "Transnistria", "Donbas"], ids))
    assert "1 of 3 in the same place" in wrong and wrong.count("\nx ") == 2


def test_check_seats_splits_agreed_student_only_and_data_only():
    real = set(context.seats("UKR"))
    other = sorted({f.id for f in context.formats()} - real)[0]
    out = str(views.check_seats({"UKR": [sorted(real)[0], other]}))
    assert f"you only ['{other}']" in out and f"agreed ['{sorted(real)[0]}']" in out
    assert "No prediction yet" in str(views.check_seats({"UKR": []}))
    with pytest.raises(KeyError, match="unknown format"):
        views.check_seats({"UKR": ["G7"]})


def test_check_sides_marks_each_match():
    out = str(views.check_sides({"not-one-inch": "Russia", "us-reciprocity": "Russia"}))
    assert out.splitlines()[0].startswith("= ") and out.splitlines()[1].startswith("x ")


def test_references_expand_format_facts_and_put_sources_in_a_table():
    fmts = context.formats()
    table = views.references(fmts)
    fact_sources = {s for f in fmts for _, fact in f.facts for s in fact.sources}
    shown = repr(table)
    assert all(s in shown for s in fact_sources)


def test_reveal_displays_the_note_first_and_returns_the_object(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    table = views.troops_table()
    assert views.reveal(table, by="data") is table
    assert [str(x) for x in shown] == [views.REVEAL_NOTES["data"]]
    assert views.reveal() is None and str(shown[-1]) == views.REVEAL_NOTES["parser"]
    with pytest.raises(ValueError, match="by must be"):
        views.reveal(table, by="teacher")


def test_source_fields_name_the_copy_read_only_when_the_metadata_says(seed_doc):
    assert [r[0] for r in views.source_fields(seed_doc).rows] == [
        "Title",
        "Publisher",
        "Genre",
        "Date",
    ]
    reprint = diplotext.load(
        ROOT / "seeds" / "examples" / "state-2022-01-10-sherman-briefing-excerpt.txt"
    )
    last = views.source_fields(reprint).rows[-1]
    assert last[0] == "This copy read at" and "reprint" in last[1]
