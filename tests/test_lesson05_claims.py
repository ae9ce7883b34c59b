"""Lesson 05 states findings in prose (markdown is not compared by nbval).

Each finding the lesson writes in words is asserted here against the parser, so a change
in the rules that would make the prose false fails a test instead of silently misleading.
"""

from __future__ import annotations

import pytest

import diplotext as dt
from diplotext.compare import compare
from diplotext.generate import example_paths


@pytest.fixture(scope="module")
def comp():
    docs = [dt.load(p) for p in (dt.seed_path(), *example_paths())]
    return docs, compare(docs)


def by_genre(docs, word):
    return next(d for d in docs if (d.metadata.genre or "").startswith(word))


def test_only_the_editorial_quotes_directly(comp):
    docs, _ = comp
    with_quotes = [d for d in docs if d.quotes]
    assert [d.metadata.genre for d in with_quotes] == [
        by_genre(docs, "official editorial").metadata.genre
    ]
    assert {q.speaker_name for q in with_quotes[0].quotes} == {"Antony Blinken"}


def test_readout_and_press_statement_report_but_do_not_quote(comp):
    docs, _ = comp
    for genre in ("readout", "press statement"):
        d = by_genre(docs, genre)
        assert not d.quotes and d.reported_speech


def test_transcript_has_the_highest_in_group_rate_and_no_attributed_speech(comp):
    docs, c = comp
    rates = {s.label: dict(s.profile)["in_group"] for s in c.statements}
    top = max(rates, key=rates.get)
    assert top.startswith("transcript")
    t = by_genre(docs, "transcript")
    assert not t.quotes and not t.reported_speech


def test_presidential_statement_no_hedges_or_boosters_and_no_other_voice(comp):
    docs, _ = comp
    d = by_genre(docs, "presidential statement")
    cats = {x.category for x in d.devices}
    assert "hedge" not in cats and "booster" not in cats
    assert not d.quotes and not d.reported_speech
    assert any(x.category == "evaluation" and x.label == "negative" for x in d.devices)


def test_exercise_3_the_inverted_conditional_is_missed(comp):
    """Exercise 3 teaches a known gap: update the lesson when the rule learns 'should X'."""
    docs, _ = comp
    d = by_genre(docs, "press statement")
    assert "should Russia escalate" in d.text
    assert not [x for x in d.devices if x.category == "conditional" and x.label == "threat"]
