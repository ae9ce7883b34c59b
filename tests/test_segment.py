"""Tests for the segment step: paragraphs and sentences, one test (or more) per rule."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplotext
from diplotext import segment
from diplotext.model import Document


def sents(text: str) -> list[str]:
    doc = Document(text=text)
    out = segment.run(doc)
    return [text[s.start : s.end] for s in out["sentences"]]


def rules(text: str) -> list[str]:
    return [s.rule for s in segment.run(Document(text=text))["sentences"]]


# ----------------------------------------------------------------------------- paragraphs


def test_paragraphs_split_on_any_line_break_and_skip_blank_lines():
    # ("Line." in capitals: a lowercase line that goes on the sentence above joins it,
    # segment.broken_lines)
    text = "  First line.  \r\nSecond line.\n\n\n   \nThird\rLine."
    paras = segment.run(Document(text))["paragraphs"]
    assert [text[p.start : p.end] for p in paras] == [
        "First line.",
        "Second line.",
        "Third",
        "Line.",
    ]
    assert [p.index for p in paras] == [0, 1, 2, 3]
    assert {p.rule for p in paras} == {"segment.paragraphs"}


def test_whitespace_only_lines_give_no_paragraph():
    assert segment.run(Document("\n \t \n"))["paragraphs"] == ()


# ----------------------------------------------------------------------------- the seed


def test_seed_has_6_paragraphs_and_11_sentences(seed_doc):
    assert len(seed_doc.paragraphs) == 6
    assert len(seed_doc.sentences) == 11
    assert [s.paragraph for s in seed_doc.sentences] == [0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 5]


def test_seed_last_paragraph_sentences(seed_doc):
    t = seed_doc.text
    last = [t[s.start : s.end] for s in seed_doc.sentences if s.paragraph == 5]
    assert last[0].startswith("Secretary Blinken made clear")
    assert last[0].endswith("not seen before.")
    assert last[1] == "“We hope Russia makes a different choice,” Secretary Blinken said."
    assert last[2].startswith("“We are committed") and last[2].endswith("formats.. . .")
    assert last[3] == "We believe there are areas where we can make progress.”"
    assert seed_doc.sentences[9].rule == "segment.ellipsis"


def test_seed_us_secretary_is_not_a_boundary(seed_doc):
    third = seed_doc.sentences[2]
    assert seed_doc.text[third.start : third.end].startswith("Speaking to reporters")
    assert "U.S. Secretary of State Antony Blinken" in seed_doc.text[third.start : third.end]


# ----------------------------------------------------------------------------- rules


def test_abbreviations_titles_initials_and_times_in_a_readout():
    text = (
        "Deputy Secretary of State Wendy R. Sherman met Russian Deputy Foreign Minister "
        "Sergey Ryabkov at 9 a.m. on Jan. 10 in Geneva. Lt. Gen. James Mingus and Col. Gen. "
        "Aleksandr Fomin joined them. Mr. Price, Mrs. Smith, Ms. Lee, Dr. Roe, Sen. Doe, "
        "Rep. Poe, Amb. Carpenter and Gov. Hale attended the meeting at St. Mary's Hall No. 5."
    )
    assert sents(text) == [
        "Deputy Secretary of State Wendy R. Sherman met Russian Deputy Foreign Minister "
        "Sergey Ryabkov at 9 a.m. on Jan. 10 in Geneva.",
        "Lt. Gen. James Mingus and Col. Gen. Aleksandr Fomin joined them.",
        "Mr. Price, Mrs. Smith, Ms. Lee, Dr. Roe, Sen. Doe, Rep. Poe, Amb. Carpenter and "
        "Gov. Hale attended the meeting at St. Mary's Hall No. 5.",
    ]


def test_e_g_i_e_etc_before_lowercase_do_not_end_a_sentence():
    text = "Formats, e.g. the NRC, i.e. a council, etc. are listed. Talks follow."
    assert sents(text) == [
        "Formats, e.g. the NRC, i.e. a council, etc. are listed.",
        "Talks follow.",
    ]


def test_us_before_a_name_stays_but_before_a_sentence_starter_splits():
    assert len(sents("The U.S. Secretary of State spoke. He left.")) == 2
    assert sents("Russia met the U.S. The talks ended.") == [
        "Russia met the U.S.",
        "The talks ended.",
    ]
    # the documented ambiguous case: a capitalised word that is not a frequent starter
    assert sents("Russia met the U.S. Moscow was pleased.") == [
        "Russia met the U.S. Moscow was pleased."
    ]
    assert rules("Russia met the U.S. The talks ended.")[0] == "segment.abbreviation"


def test_a_m_ends_a_sentence_before_a_starter():
    assert sents("The call began at 9 a.m. It lasted an hour.") == [
        "The call began at 9 a.m.",
        "It lasted an hour.",
    ]


def test_before_number_abbreviation_ends_before_a_word():
    assert sents("Turn to Art. 5 of the treaty. Then read No. 6.") == [
        "Turn to Art. 5 of the treaty.",
        "Then read No. 6.",
    ]
    assert sents("The answer was No. We left.") == ["The answer was No.", "We left."]


def test_initial_ends_a_sentence_before_a_starter():
    assert sents("They invoked Article I. The others agreed.") == [
        "They invoked Article I.",
        "The others agreed.",
    ]


def test_final_punctuation_inside_closing_quote():
    text = "He said, “Diplomacy is the way to resolve this crisis.” Then he left."
    assert sents(text) == [
        "He said, “Diplomacy is the way to resolve this crisis.”",
        "Then he left.",
    ]
    assert sents('She said "no." Then she left.') == ['She said "no."', "Then she left."]


def test_question_and_exclamation():
    assert sents("Will Russia choose diplomacy? We hope so! Time will tell.") == [
        "Will Russia choose diplomacy?",
        "We hope so!",
        "Time will tell.",
    ]
    assert sents("“Why now?” he asked. “Why?” Secretary Blinken asked.") == [
        "“Why now?” he asked.",
        "“Why?” Secretary Blinken asked.",
    ]
    assert rules("“Why now?” he asked.")[0] == "segment.paragraph_end"


def test_quote_attribution_does_not_swallow_a_pronoun_sentence():
    assert sents("Psaki called it “very clear.” She said, “Yes.”") == [
        "Psaki called it “very clear.”",
        "She said, “Yes.”",
    ]


def test_ellipses():
    # point + ellipsis then capital: ends (Chicago)
    assert sents("in all formats.. . .We believe there is room.") == [
        "in all formats.. . .",
        "We believe there is room.",
    ]
    assert len(sents("We tried. . . . We will try again.")) == 2
    # ellipsis then lowercase: does not end
    assert len(sents("We will . . . respond in kind. And more...later.")) == 2
    assert len(sents("We will… respond.")) == 1
    # three dots before a name: kept (words omitted); before a starter: ends
    assert len(sents("talks with . . . Russia are over.")) == 1
    assert sents("I do not know... We will see.") == ["I do not know...", "We will see."]


def test_dashes_and_straight_quotes_do_not_confuse_boundaries():
    text = 'Allies – including the EU — agreed. "We are united." NATO said so.'
    assert sents(text) == [
        "Allies – including the EU — agreed.",
        '"We are united."',
        "NATO said so.",
    ]


def test_transcript_label_belongs_to_first_sentence_of_turn():
    text = (
        "SECRETARY BLINKEN:  Thank you.  Good afternoon, everyone.\n"
        "QUESTION:  Mr. Secretary, is the U.S. ready?\n"
        "MR. PRICE:  Next question, please."
    )
    assert sents(text) == [
        "SECRETARY BLINKEN:  Thank you.",
        "Good afternoon, everyone.",
        "QUESTION:  Mr. Secretary, is the U.S. ready?",
        "MR. PRICE:  Next question, please.",
    ]


def test_punctuation_only_pieces_do_not_become_sentences():
    assert sents("Thank you! ?") == ["Thank you! ?"]
    assert sents("“. . . we will respond.”") == ["“. . . we will respond.”"]


def test_glued_points_are_not_boundaries():
    assert sents("See state.gov and version 3.5 of U.S.A. rules. Done.") == [
        "See state.gov and version 3.5 of U.S.A. rules.",
        "Done.",
    ]


def test_sentences_never_cross_paragraphs_and_heading_without_point():
    text = "Readout of the Meeting\nThe meeting was useful"
    doc = diplotext.parse(text)
    assert [(s.paragraph, s.rule) for s in doc.sentences] == [
        (0, "segment.paragraph_end"),
        (1, "segment.paragraph_end"),
    ]


def test_rules_are_explained():
    for rule_id, fn in (pair for r in segment.RULERS for pair in r.all_rules()):
        assert rule_id.startswith("segment.")
        assert fn.__doc__ and fn.__doc__.startswith(rule_id)
        assert rule_id in diplotext.explain(rule_id, source=False)


def test_abbreviation_file_classes():
    ab = segment.abbreviations()
    assert ab["mr."] == "never_end"
    assert ab["jan."] == "before_number"
    assert ab["u.s."] == "may_end"


# ----------------------------------------------------------------------------- long input
# Speed is measured by ``bench/run --only parser,pathological``, never by a timed test.


def test_one_megabyte_gives_every_copy_its_sentences(seed_text):
    one = len(segment.run(Document(text=seed_text))["sentences"])
    text = "\n".join([seed_text] * 420)
    out = segment.run(Document(text=text))
    assert len(out["sentences"]) == 420 * one


@pytest.mark.parametrize("chunk", ["a. ", "“a” ", "U.S. ", ". . ", "x"])
def test_pathological_text_gives_valid_sentences(chunk):
    text = chunk * (20_000 // len(chunk))
    out = segment.run(Document(text=text))["sentences"]
    assert out and all(0 <= s.start < s.end <= len(text) for s in out)
    assert all(a.end <= b.start for a, b in pairwise(out))


# ----------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    [
        *"aAbZ ..?!…“”\"‘’'\n\r\t:,;–—()",
        *("U.S.", "Mr.", " . . .", ".. . .", "SECRETARY BLINKEN:  ", "said", " said, “", "\n\n"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=60).map("".join))
def test_parse_never_raises_and_spans_hold(text):
    if not text.strip():
        return
    doc = diplotext.parse(text)
    prev_end = -1
    for p in doc.paragraphs:
        assert p.start < p.end
        assert not doc.text[p.start].isspace() and not doc.text[p.end - 1].isspace()
    for s in doc.sentences:
        assert s.start < s.end
        assert s.start >= prev_end  # no overlap, in order
        prev_end = s.end
        para = doc.paragraphs[s.paragraph]
        assert para.start <= s.start and s.end <= para.end
        assert not doc.text[s.start].isspace() and not doc.text[s.end - 1].isspace()
    for item in (*doc.quotes, *doc.reported_speech):
        assert item.text == doc.text[item.start : item.end]


def test_no_sentence_starts_with_a_comma_after_a_bracketed_abbreviation():
    text = "Jim Risch (R-Idaho) and Bob Menendez (D-N.J.), the chairman, spoke. Then they left."
    assert len(diplotext.parse(text).sentences) == 2


def test_a_line_that_goes_on_the_sentence_above_joins_its_paragraph():
    text = (
        "Secretary Jane Okafor today released a message to the force\n"
        "reinforcing the department's priorities.\nThe message is short.\n\n"
        "more after a blank line."
    )
    doc = diplotext.parse(text)
    assert len(doc.paragraphs) == 3
    assert doc.paragraphs[0].rule == "segment.broken_lines"
    assert len(doc.sentences) == 3
    # one paragraph a line when asked, and when every line ends its sentence
    assert len(diplotext.parse(text, keep_lines=True).paragraphs) == 4
    assert diplotext.parse("One line.\ntwo line.").paragraphs[0].rule == "segment.paragraphs"


def test_a_dateline_dash_after_an_abbreviation_does_not_start_a_sentence():
    # round 8: no sentence starts with a spaced dash ("ARLINGTON, Va. – Three ...")
    text = "ARLINGTON, Va. – Three hurricanes hit the coast. The Guard was busy."
    assert [text[s.start : s.end] for s in diplotext.parse(text).sentences] == [
        "ARLINGTON, Va. – Three hurricanes hit the coast.",
        "The Guard was busy.",
    ]
    # after a closing quotation mark, a dash opens a byline: the quotation's sentence ends
    text = "“We are ready.” – Secretary Ann Ode"
    assert len(diplotext.parse(text).sentences) == 2
