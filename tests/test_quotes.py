"""Tests for the quotes step: direct quotations and reported speech, one test per rule."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

import diplotext
from diplotext import quotes, segment, wordlists
from diplotext.model import Actor, Document, Mention


def parse(text: str) -> Document:
    return diplotext.parse(text)


def q_summary(doc: Document) -> list[tuple]:
    return [(q.text, q.speaker, q.reporting_verb, q.kind, q.frame, q.rule) for q in doc.quotes]


def rs_summary(doc: Document) -> list[tuple]:
    return [(r.text, r.speaker, r.reporting_verb, r.rule) for r in doc.reported_speech]


# ----------------------------------------------------------------------------- the seed


def test_seed_gives_exactly_five_quotes(seed_doc):
    qs = seed_doc.quotes
    assert len(qs) == 5
    got = [(q.speaker, q.speaker_name, q.reporting_verb, q.kind, q.frame) for q in qs]
    blinken = ("antony-blinken", "Antony Blinken")
    assert got == [
        (*blinken, "said", "full", "before"),
        (*blinken, "emphasized", "fragment", "before"),
        (*blinken, None, "full", "none"),
        (*blinken, "said", "full", "after"),
        (*blinken, None, "full", "none"),
    ]
    assert qs[0].text == "Diplomacy is the only responsible way to resolve this crisis,"
    assert qs[1].text.startswith("if the Kremlin is prepared to reciprocate")
    assert qs[1].text.endswith("behavior.")
    assert qs[2].text.startswith("Moscow’s actions have threatened")
    assert qs[2].text.endswith("commitments that they make.")
    assert qs[2].rule == "quotes.inherited"
    assert qs[3].text == "We hope Russia makes a different choice,"
    assert qs[4].text.startswith("We are committed") and qs[4].text.endswith("make progress.")
    for q in qs:
        assert seed_doc.text[q.start - 1] == "“" and seed_doc.text[q.end] == "”"


def test_seed_reported_speech(seed_doc):
    rs = seed_doc.reported_speech
    assert [(r.reporting_verb, r.speaker) for r in rs] == [
        ("emphasized", "antony-blinken"),
        ("underscored", "antony-blinken"),
        ("said", "antony-blinken"),
        ("made clear", "antony-blinken"),
    ]
    assert rs[0].text.startswith("the United States and its Allies")
    assert rs[0].text.endswith("try to address them")  # stops before the quotation
    assert rs[1].text.startswith("it is Moscow’s aggression")
    assert rs[2].text == "Russia’s current threats against Ukraine threaten more than just Ukraine"
    assert rs[2].rule == "quotes.reported_inverted"
    assert rs[3].text.startswith("if Russia further invades Ukraine")
    assert rs[3].text.endswith("on a scale not seen before")
    # no reported speech is inside a direct quotation
    for r in rs:
        for q in seed_doc.quotes:
            assert r.end <= q.start or r.start >= q.end


# ----------------------------------------------------------------------------- frames


def test_said_colon_and_said_that_in_a_press_statement():
    doc = parse(
        "Department Spokesperson Ned Price said: “The United States remains committed to "
        "diplomacy.” Mr. Price added that “the door to dialogue remains open.”"
    )
    assert q_summary(doc) == [
        (
            "The United States remains committed to diplomacy.",
            "ned-price",
            "said",
            "full",
            "before",
            "quotes.said_colon",
        ),
        (
            "the door to dialogue remains open.",
            "ned-price",
            "added",
            "fragment",
            "before",
            "quotes.said_that",
        ),
    ]
    assert doc.reported_speech == ()  # both verbs frame quotations


def test_said_comma_with_a_tail_and_said_after_inverted():
    doc = parse(
        "Secretary Blinken told reporters, “We are ready.” “We are ready too,” said Foreign "
        "Minister Lavrov."
    )
    got = [(q.speaker, q.reporting_verb, q.frame, q.rule) for q in doc.quotes]
    assert got == [
        ("antony-blinken", "told", "before", "quotes.said_comma"),
        ("sergey-lavrov", "said", "after", "quotes.said_after"),
    ]


def test_speaker_and_pronoun_after():
    doc = parse(
        "“We will not compromise on core principles,” Sherman told reporters. "
        "“NATO’s open door is not up for negotiation,” she said."
    )
    got = [(q.speaker, q.reporting_verb, q.kind, q.frame, q.rule) for q in doc.quotes]
    assert got == [
        ("wendy-sherman", "told", "full", "after", "quotes.speaker_said_after"),
        ("wendy-sherman", "said", "full", "after", "quotes.pronoun_said_after"),
    ]


def test_pronoun_with_no_person_before_is_not_guessed():
    doc = parse("“We are ready,” he said.")
    assert [(q.speaker, q.speaker_name, q.rule) for q in doc.quotes] == [
        (None, None, "quotes.pronoun_said_after")
    ]


def test_previous_paragraph_and_multi_paragraph_quote():
    doc = parse(
        "In a statement, Secretary of State Antony J. Blinken said:\n"
        "“The United States condemns this decision.\n"
        "“We call on Russia to reverse course.\n"
        "“We stand with Ukraine.”\n"
        "The next paragraph is not quoted."
    )
    got = [(q.text, q.speaker, q.frame, q.rule) for q in doc.quotes]
    assert got == [
        ("The United States condemns this decision.", "antony-blinken", "before",
         "quotes.previous_paragraph"),
        ("We call on Russia to reverse course.", "antony-blinken", "none",
         "quotes.continued_paragraph"),
        ("We stand with Ukraine.", "antony-blinken", "none", "quotes.continued_paragraph"),
    ]  # fmt: skip


def test_inherited_only_for_sentence_initial_quotes_nearby():
    doc = parse(
        "Russia’s threats threaten more than Ukraine, said Secretary Blinken. “Moscow’s actions "
        "set a dangerous precedent for Europe.”\n"
        "Talks continue.\n"
        "Officials met again.\n"
        "“This quotation is three paragraphs later and has no frame.”"
    )
    assert [(q.speaker, q.rule) for q in doc.quotes] == [
        ("antony-blinken", "quotes.inherited"),
        (None, "quotes.unattributed"),
    ]


def test_within_reported_speech_and_scare_quotes():
    doc = parse(
        "Kremlin spokesman Dmitry Peskov called the reports an “information campaign.” "
        "The so-called “special military operation” was not yet announced."
    )
    got = [(q.text, q.speaker, q.reporting_verb, q.kind, q.rule) for q in doc.quotes]
    assert got == [
        ("information campaign.", "dmitry-peskov", "called", "fragment",
         "quotes.within_reported_speech"),
        ("special military operation", None, None, "fragment", "quotes.scare_quote"),
    ]  # fmt: skip


def test_long_unframed_fragment_mid_sentence_is_unattributed():
    doc = parse("Blinken met Lavrov. The text speaks of “a new era of security in Europe” today.")
    assert [(q.speaker, q.kind, q.rule) for q in doc.quotes] == [
        (None, "fragment", "quotes.unattributed")
    ]


def test_transcript_labels():
    doc = parse(
        "SECRETARY BLINKEN:  Thank you.  As President Biden said, “We are prepared to "
        "respond.”  I told Foreign Minister Lavrov that the choice is Russia’s.\n"
        "“Diplomacy is the only responsible way forward.”\n"
        "QUESTION:  Mr. Secretary, Russia says it wants “guarantees.”\n"
        "SECRETARY BLINKEN:  “We will respond in writing next week.”"
    )
    got = [(q.speaker, q.rule) for q in doc.quotes]
    assert got == [
        ("joe-biden", "quotes.said_comma"),  # attributed to whom it names
        ("antony-blinken", "quotes.inherited"),  # follows Blinken's "I told"
        ("RUS", "quotes.within_reported_speech"),
        ("antony-blinken", "quotes.speaker_label"),  # unframed: the turn's speaker
    ]
    told = [r for r in doc.reported_speech if r.reporting_verb == "told"]
    assert [(r.speaker, r.text) for r in told] == [("antony-blinken", "the choice is Russia’s")]
    # a turn itself is not a quotation
    assert not any(q.text.startswith("Thank you") for q in doc.quotes)


def test_turn_speaker_from_surname_when_label_has_no_mention():
    text = "Secretary Blinken spoke.\nBLINKEN:  “We are ready to talk, now and later.”"
    doc = parse(text)
    # hide the label's own mention: the surname still matches a known actor
    doc = replace(doc, mentions=tuple(m for m in doc.mentions if m.start != text.index("BLINKEN")))
    out = quotes.run(doc)
    assert [(q.speaker, q.rule) for q in out["quotes"]] == [
        ("antony-blinken", "quotes.speaker_label")
    ]


# ----------------------------------------------------------------------------- marks


def test_unclosed_quote_ends_at_paragraph_end_and_spares_the_rest():
    text = (
        "Zakharova called the reports “fake news. This never closes\n"
        "The next paragraph says “nothing” at all."
    )
    doc = parse(text)
    assert [q.text for q in doc.quotes] == ["fake news. This never closes", "nothing"]
    assert doc.quotes[0].end == text.index("\n")


def test_stray_closing_mark_and_apostrophes_are_ignored():
    doc = parse("Russia’s position” is not the Allies’ view. We don’t agree.")
    assert doc.quotes == ()


def test_straight_mixed_and_nested_marks():
    text = (
        'Press Secretary Jen Psaki said, "We are united." She said, “He told Putin ‘there '
        'will be costs’ if Russia invades." Spokesperson Ned Price said: "It is clear.”'
    )
    doc = parse(text)
    got = [(q.text, q.speaker, q.rule) for q in doc.quotes]
    assert got == [
        ("We are united.", "jen-psaki", "quotes.said_comma"),
        ("He told Putin ‘there will be costs’ if Russia invades.", "jen-psaki",
         "quotes.said_comma"),
        ("there will be costs", None, "quotes.nested"),
        ("It is clear.", "ned-price", "quotes.said_colon"),
    ]  # fmt: skip


def test_single_curly_quotes_at_top_level():
    doc = parse("Russia calls it a ‘special military operation’, not a war.")
    assert [(q.text, q.kind, q.rule) for q in doc.quotes] == [
        ("special military operation", "fragment", "quotes.scare_quote")
    ]


def test_text_without_any_quote():
    doc = parse("The talks ended. Both sides agreed to meet again.")
    assert doc.quotes == ()


# ----------------------------------------------------------------------------- reported speech


def test_reported_speech_rules():
    doc = parse(
        "Deputy Secretary of State Wendy R. Sherman met Deputy Foreign Minister Sergey Ryabkov. "
        "The Deputy Secretary stressed the United States’ commitment to Ukraine. She also "
        "underscored that any further invasion would have massive consequences. Sherman told "
        "Foreign Minister Lavrov that the door is open, and added that Allies are united."
    )
    assert rs_summary(doc) == [
        ("the United States’ commitment to Ukraine", "wendy-sherman", "stressed",
         "quotes.reported"),
        ("any further invasion would have massive consequences", "wendy-sherman", "underscored",
         "quotes.reported"),
        ("the door is open", "wendy-sherman", "told", "quotes.reported"),
        ("Allies are united", "wendy-sherman", "added", "quotes.reported_coordinated"),
    ]  # fmt: skip


def test_not_reported_speech():
    doc = parse(
        "It was said that talks would fail. The agreed text is short. "
        "The so-called dialogue went on. The United States and Russia met."
    )
    assert doc.reported_speech == ()


def test_reported_speech_without_a_resolvable_speaker_keeps_none():
    doc = parse("A senior official said that the meeting was useful.")
    assert rs_summary(doc) == [("the meeting was useful", None, "said", "quotes.reported")]


# ----------------------------------------------------------------------------- hand-built


def _hand_doc(text: str, mentions: list[tuple[str, str, str]], actors: list[Actor]) -> Document:
    doc = Document(text=text)
    doc = replace(doc, **segment.run(doc))
    ms = []
    for surface, actor, form in mentions:
        i = text.index(surface)
        ms.append(Mention(i, i + len(surface), surface, actor, form, "test"))
    return replace(doc, mentions=tuple(ms), actors=tuple(actors))


ACTORS = [
    Actor("x-person", "Ana Example", "person"),
    Actor("XST", "Exampleland", "state"),
    Actor("x-group", "the Allies", "group"),
]


def test_person_preferred_over_state_in_the_frame():
    doc = _hand_doc(
        "Exampleland’s envoy, Ana Example, said: “We are ready.”",
        [("Exampleland", "XST", "name"), ("Ana Example", "x-person", "name")],
        ACTORS,
    )
    q = quotes.run(doc)["quotes"][0]
    assert (q.speaker, q.speaker_name) == ("x-person", "Ana Example")


def test_state_speaker_and_parenthesis_between_speaker_and_verb():
    doc = _hand_doc(
        "Exampleland, in a note to the Allies, said that it would stay.",
        [("Exampleland", "XST", "name"), ("the Allies", "x-group", "group")],
        ACTORS,
    )
    r = quotes.run(doc)["reported_speech"][0]
    assert (r.speaker, r.speaker_name, r.text) == ("XST", "Exampleland", "it would stay")


def test_groups_and_unknown_mentions_are_not_speakers():
    doc = _hand_doc(
        "The Allies said, “We are united.”", [("The Allies", "x-group", "group")], ACTORS
    )
    q = quotes.run(doc)["quotes"][0]
    assert (q.speaker, q.speaker_name, q.rule) == (None, None, "quotes.said_comma")


def test_without_mentions_no_speaker_is_guessed():
    doc = _hand_doc("Ana Example said, “We are ready.”", [], [])
    q = quotes.run(doc)["quotes"][0]
    assert (q.speaker, q.reporting_verb, q.rule) == (None, "said", "quotes.said_comma")


# ----------------------------------------------------------------------------- rules and data


def test_every_rule_is_explained_and_every_item_rule_is_listed(seed_doc):
    rules = [pair for r in quotes.RULERS for pair in r.all_rules()] + list(quotes.READERS)
    ids = {rid for rid, _ in rules}
    for rule_id, fn in rules:
        assert fn.__doc__ and fn.__doc__.startswith(rule_id), rule_id
        assert rule_id in diplotext.explain(rule_id, source=False)
    for item in (*seed_doc.quotes, *seed_doc.reported_speech):
        assert item.rule in ids


def test_reporting_verb_file():
    verbs = wordlists.reporting_verbs()
    assert {"said", "stressed", "underscored", "emphasized", "made clear", "told"} <= set(verbs)
    assert verbs["told"] is True and verbs["said"] is False
    assert "hope" not in verbs and "states" not in verbs


def test_many_copies_give_every_copy_its_quotes(seed_doc):
    # Speed is measured by bench/run (parser, pathological), never by a timed test.
    text = "\n".join([seed_doc.text] * 100)
    doc = Document(text=text)
    doc = replace(doc, **segment.run(doc))
    out = quotes.run(doc)
    assert len(out["quotes"]) == 100 * len(seed_doc.quotes)


# ----------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        *"aAbZ .?!“”\"‘’'\n:,",
        *("Blinken said, “", "”, he said.", "” said Lavrov.", "U.S.", " and emphasized that "),
        *("SECRETARY BLINKEN:  ", "\n“", "Russia", " said: ", " . . .", "the Secretary added"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))
def test_quotes_never_raise_and_spans_hold(text):
    if not text.strip():
        return
    doc = diplotext.parse(text)
    top = [q for q in doc.quotes if q.rule != "quotes.nested"]
    for q in doc.quotes:
        assert q.text == doc.text[q.start : q.end] and q.start < q.end
        assert doc.text[q.start - 1] in "“\"‘'"  # starts right after an opening mark
        assert q.kind in ("full", "fragment") and q.frame in ("before", "after", "none")
        assert (q.speaker is None) == (q.speaker_name is None)
        if q.frame == "none":
            assert q.reporting_verb is None
    for a, b in pairwise(top):
        assert a.end <= b.start  # top-level quotations do not overlap
    for r in doc.reported_speech:
        assert r.text == doc.text[r.start : r.end] and r.text.strip() == r.text
        assert r.reporting_verb in wordlists.reporting_verbs() or " " in r.reporting_verb


def test_reported_content_stops_before_a_coordinated_reporting_clause():
    doc = parse(
        "Secretary Blinken discussed Russia’s military buildup, and the Secretary emphasized "
        "that any further aggression would be met with severe costs."
    )
    assert [(r.text, r.reporting_verb) for r in doc.reported_speech] == [
        ("Russia’s military buildup", "discussed"),
        ("any further aggression would be met with severe costs", "emphasized"),
    ]
