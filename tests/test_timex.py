"""Time expressions (diplotext.timex): one test per rule, values with and without a date."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplotext import actors, formats, timex
from diplotext.model import Document, Metadata
from diplotext.pipeline import explain, iter_rules


def found(text: str, date: str | None = None) -> list[tuple[str, str | None, str, str]]:
    doc = Document(text=text, metadata=Metadata(date=date))
    return [(t.text, t.value, t.kind, t.rule) for t in timex.run(doc)["time_expressions"]]


def values(text: str, date: str | None = None) -> list[tuple[str, str | None]]:
    return [(t, v) for t, v, _, _ in found(text, date)]


def test_seed(seed_text):
    got = found(seed_text, "2022-01")
    assert got == [
        ("this week", None, "relative", "timex.relative_period"),  # date known only to month
        ("over the past two decades", "P20Y", "duration", "timex.duration"),
        ("2014", "2014", "date", "timex.year"),
    ]


def test_seed_spans_exact(seed_doc):
    for t in seed_doc.time_expressions:
        assert seed_doc.text[t.start : t.end] == t.text


READOUT = (
    "Deputy Secretary of State Wendy R. Sherman met with Russian Deputy Foreign Minister "
    "Sergey Ryabkov in Geneva on January 10 for nearly eight hours."
)


def test_readout_dates_take_the_year_of_the_document():
    assert values(READOUT, "2022-01-10") == [("January 10", "2022-01-10"),
                                            ("nearly eight hours", "PT8H")]  # fmt: skip
    assert values(READOUT) == [("January 10", "--01-10"), ("nearly eight hours", "PT8H")]


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("on 12 January 2022", ("12 January 2022", "2022-01-12"), "timex.calendar_date"),
        ("January 10, 2022", ("January 10, 2022", "2022-01-10"), "timex.calendar_date"),
        ("Monday, January 10, 2022", ("Monday, January 10, 2022", "2022-01-10"),
         "timex.calendar_date"),
        ("Feb. 3", ("Feb. 3", "--02-03"), "timex.calendar_date"),
        ("February 30", ("February 30", None), "timex.calendar_date"),
        ("talks on 10-13 January", ("10-13 January", "--01-10/--01-13"), "timex.date_range"),
        ("January 10–13, 2022", ("January 10–13, 2022", "2022-01-10/2022-01-13"),
         "timex.date_range"),
        ("in December 2021", ("December 2021", "2021-12"), "timex.month_year"),
        ("as of May 1997", ("May 1997", "1997-05"), "timex.month_year"),
        ("in 2014", ("2014", "2014"), "timex.year"),
        ("Since 2008, Russia", ("2008", "2008"), "timex.year"),
        ("the 2014-2015 fighting", ("2014-2015", "2014/2015"), "timex.year_range"),
        ("in the 1990s", ("the 1990s", "199"), "timex.decade"),
        ("at 9 a.m. sharp", ("9 a.m.", "T09:00"), "timex.clock_time"),
        ("by 10:30 p.m. local", ("10:30 p.m.", "T22:30"), "timex.clock_time"),
        ("for eight years", ("eight years", "P8Y"), "timex.duration"),
        ("a decade of war", ("a decade", "P10Y"), "timex.duration"),
        ("for several years", ("several years", "PXY"), "timex.duration"),
        ("an eight-hour meeting", ("eight-hour", "PT8H"), "timex.duration"),
        ("twenty-five years", ("twenty-five years", "P25Y"), "timex.duration"),
        ("more than two years", ("more than two years", "P2Y"), "timex.duration"),
    ],
)  # fmt: skip
def test_rule(text, expected, rule):
    got = found(text)
    assert [(t, v) for t, v, _, _ in got] == [expected]
    assert got[0][3] == rule


@pytest.mark.parametrize(
    ("text", "full", "month", "none"),
    [
        ("today", "2022-01-12", None, None),
        ("tomorrow", "2022-01-13", None, None),
        ("yesterday", "2022-01-11", None, None),
        ("this week", "2022-W02", None, None),
        ("next week", "2022-W03", None, None),
        ("last month", "2021-12", "2021-12", None),
        ("this year", "2022", "2022", None),
        ("two years ago", "2020", "2020", None),
    ],
)
def test_relative_values_need_a_precise_enough_document_date(text, full, month, none):
    assert values(text, "2022-01-12") == [(text, full)]
    assert values(text, "2022-01") == [(text, month)]
    assert values(text) == [(text, none)]


@pytest.mark.parametrize(
    "text",
    [
        "nearly 14,000 people were killed",
        "2014 troops arrived",  # a count, not a year
        "a budget of 2,014,000",
        "We are committed to dialogue.",
        "<script>var x = 2014;</script><p>No dates.</p>",
        "may we hope",
    ],
)
def test_nothing_to_find(text):
    assert found(text) == []


def test_ago_wins_over_duration_and_spans_do_not_overlap():
    got = found("Two years ago, and over the past two decades, in 2014 and 2015.", "2022-01")
    assert [(t, v) for t, v, _, _ in got] == [
        ("Two years ago", "2020"),
        ("over the past two decades", "P20Y"),
        ("2014", "2014"),
        ("2015", "2015"),
    ]


def test_anchor():
    assert timex.anchor(Document("x", metadata=Metadata(date="2022-01-10"))) == (2022, 1, 10)
    assert timex.anchor(Document("x")) == (None, None, None)


def test_scales_with_repeated_text(seed_text):
    doc = Document(text="\n".join([seed_text] * 400))
    assert len(timex.run(doc)["time_expressions"]) == 400 * 3


def test_rules_are_named_and_documented():
    ids = [rid for step, rid, _ in iter_rules() if step == "timex"]
    assert ids == [rid for rid, _ in timex.RULER.all_rules()] and len(ids) >= 10
    for rid in ids:
        assert len(explain(rid, source=False).splitlines()) > 1


def test_years_listed_after_a_year_in_context():
    assert values("in 2008, 2014 and 2022, and 14,000 troops") == [
        ("2008", "2008"),
        ("2014", "2014"),
        ("2022", "2022"),
    ]


# --- robustness: any text of the genre's words parses, with exact, disjoint spans -----

_WORDS = [
    "Russia", "Russia’s", "Moscow", "the Kremlin", "is", "has", "in", "to", "The", "the",
    "Secretary", "Deputy", "Blinken", "Mr.", "Ms.", "Doe", "Foreign", "Minister", "Jane",
    "U.S.", "NATO-Russia", "Council", "Permanent", "OSCE", "allies", "and", "partners",
    "January", "10", "2014", "14,000", "this", "week", "over", "the past", "two", "decades",
    "nearly", "four", "hours", "9", "a.m.", "SECRETARY BLINKEN:", "\n", ".", ",", "’s",
    "<script>", "</p>", "President", "Price", "Kyiv", "Latin", "America",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from([None, "2022-01", "2022-01-12"])
)
def test_any_genre_text_gives_exact_disjoint_spans(words, date):
    text = " ".join(words) or "x"
    doc = Document(text=text, metadata=Metadata(date=date))
    doc = replace(doc, **formats.run(doc))
    doc = replace(doc, **actors.run(doc))
    doc = replace(doc, **timex.run(doc))
    for items in (doc.formats, doc.mentions, doc.time_expressions):
        last = 0
        for it in items:
            assert text[it.start : it.end] == it.text and it.start < it.end
            assert it.start >= last
            last = it.end
    assert {m.actor for m in doc.mentions} == {a.id for a in doc.actors}
    for f in doc.formats:
        assert not [m for m in doc.mentions if m.start < f.end and m.end > f.start]
