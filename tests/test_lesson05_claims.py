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


def test_only_the_editorial_quotes_a_speaker(comp):
    """The editorial is the only text that quotes someone; the draft agreement's one
    "quotation" is the title of a declaration in quotation marks, with no speaker."""
    docs, _ = comp
    with_speaker = [d for d in docs if any(q.speaker_name for q in d.quotes)]
    assert [d.metadata.genre for d in with_speaker] == [
        by_genre(docs, "official editorial").metadata.genre
    ]
    assert {q.speaker_name for q in with_speaker[0].quotes} == {"Antony Blinken"}
    draft = by_genre(docs, "draft treaty")
    assert [(q.text, q.speaker_name) for q in draft.quotes] == [
        ("Russia-NATO Relations: a New Quality", None)
    ]
    others = [d for d in docs if d.quotes and d not in (with_speaker[0], draft)]
    assert others == []


def test_draft_preamble_participles_are_read_as_reported_speech(comp):
    """A treaty preamble ("reaffirming ...", "noting that ...") is not speech, but the
    reported-speech rules read its participles as reporting verbs with no speaker."""
    docs, _ = comp
    draft = by_genre(docs, "draft treaty")
    verbs = [r.reporting_verb for r in draft.reported_speech]
    assert verbs and set(verbs) <= {"reaffirming", "noting", "acknowledging"}
    assert all(r.speaker_name is None for r in draft.reported_speech)


def test_readout_and_press_statement_report_but_do_not_quote(comp):
    docs, _ = comp
    for genre in ("readout", "press statement"):
        d = by_genre(docs, genre)
        assert not d.quotes and d.reported_speech


def test_the_two_spoken_texts_have_the_highest_in_group_rates(comp):
    """The transcript and NATO's doorstep statement, both spoken, lead on "we/our/us";
    they differ by less than one item per 100 words."""
    docs, c = comp
    rates = {s.label: dict(s.profile)["in_group"] for s in c.statements}
    top2 = sorted(rates, key=rates.get, reverse=True)[:2]
    genres = {s.label: s.genre for s in c.statements}
    assert {genres[x].split(" ")[0] for x in top2} == {"transcript", "doorstep"}
    assert abs(rates[top2[0]] - rates[top2[1]]) < 1
    t = by_genre(docs, "transcript")
    assert not t.quotes and not t.reported_speech


def test_ukraines_statement_names_russia_by_adjective_most(comp):
    """ "the Russian draft agreements", "the Russian armed aggression": Ukraine's statement
    has the highest rate of Russia named by adjective."""
    _, c = comp
    rates = {s.label: dict(s.profile)["mentions_rus_adjective"] for s in c.statements}
    top = max(rates, key=rates.get)
    assert next(s for s in c.statements if s.label == top).genre.startswith("foreign-ministry")


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
