"""Speakers beyond the seed (issue #9 section 2): pronouns, follow-on quotations, full
sentences, reporting verbs, transcript labels. Hand-made sentences, not from eval/."""

from __future__ import annotations

from itertools import pairwise

import pytest

import diplotext
from diplotext import wordlists


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in diplotext.parse(text).quotes]


def rules(text: str) -> list[str]:
    return [q.rule for q in diplotext.parse(text).quotes]


# ----------------------------------------------------------------------------- pronouns


def test_he_goes_to_the_speaker_named_since_not_an_earlier_one():
    text = (
        "Jeff Traeger said the strike would go on. "
        "Later, Maria Okonjo, the union's chair, stressed that talks were over. "
        "“We are done,” she said."
    )
    assert speakers(text) == ["maria-okonjo"]


def test_a_pronoun_that_contradicts_an_honorific_is_not_that_person():
    text = "Ms. Okonjo said the strike was over. “We won,” he said."
    assert speakers(text) == [None]


def test_gender_from_a_pronoun_already_used():
    text = (
        "Anna Berg said no. “Never,” she said. "
        "Mr. Reyes, the mayor, said nothing. “Not now,” she added."
    )
    # "she" skips Mr. Reyes (an honorific), and he does not make "she" ambiguous
    assert speakers(text) == ["anna-berg", "anna-berg"]
    # with no honorific, the most recent speaker fits: first names are never read for gender
    text = "Anna Berg said no. “Never,” she said. Tom Reyes said nothing. “Not now,” she added."
    assert speakers(text) == ["anna-berg", "tom-reyes"]


def test_a_pronoun_with_another_person_named_between_is_ambiguous():
    text = "Jeff Traeger said no. He met Sergey Lavrov on Monday. “We will see,” he said."
    assert speakers(text) == [None]


def test_no_antecedent_no_speaker():
    assert speakers("“It is over,” he said.") == [None]


def test_they_goes_to_an_organisation_not_to_a_person():
    text = "NATO said it was ready to talk. “We remain open,” they said."
    assert speakers(text) == ["NATO"]
    assert speakers("Jeff Traeger said no. “We remain open,” they said.") == [None]


# ----------------------------------------------------------------------------- follow-on


def test_follow_on_quotation_inherits_only_with_no_one_named_between():
    same = "“We are ready,” said Jeff Traeger. “The members have voted.”"
    assert speakers(same) == ["jeff-traeger", "jeff-traeger"]
    other = "“We are ready,” said Jeff Traeger. He thanked Sergey Lavrov. “The members have voted.”"
    assert speakers(other) == ["jeff-traeger", None]


def test_follow_on_quotation_does_not_cross_two_paragraphs():
    text = "“We are ready,” said Jeff Traeger.\nThe vote was held.\nMore came.\n“It passed.”"
    assert speakers(text) == ["jeff-traeger", None]


# ----------------------------------------------------------------------------- kinds


def test_a_short_full_sentence_is_a_full_quote_not_a_scare_quote():
    doc = diplotext.parse(
        "The minister was blunt. “He can choose diplomacy.” The room fell silent."
    )
    (q,) = doc.quotes
    assert (q.kind, q.rule) == ("full", "quotes.unattributed")
    doc = diplotext.parse("Russia calls it a “special military operation” in Ukraine.")
    (q,) = doc.quotes
    assert (q.kind, q.rule) == ("fragment", "quotes.scare_quote")


# ----------------------------------------------------------------------------- verbs


@pytest.mark.parametrize(
    "verb",
    [
        "conceded",
        "acknowledged",
        "insisted",
        "warned",
        "argued",
        "noted",
        "recalled",
        "quipped",
        "cautioned",
        "admitted",
    ],
)
def test_news_reporting_verbs_frame_a_quotation(verb):
    assert verb in wordlists.reporting_verbs()
    text = f"“The talks failed,” Jeff Traeger {verb}."
    assert speakers(text) == ["jeff-traeger"]


# ----------------------------------------------------------------------------- transcripts

BRIEFING = (
    "MS. JEAN-PIERRE:  Good afternoon.\n\n"
    "Q    Thank you. Two questions.\n\n"
    "MR PRICE: We said so.\n\n"
    "QUESTION: And Ukraine?\n\n"
    "SECRETARY BLINKEN: “Diplomacy is the only way,” as I said.\n\n"
    "Q: Last one?\n\n"
    "MS. PSAKI: No."
)


def test_transcript_labels_with_and_without_a_colon_open_turns():
    doc = diplotext.parse(BRIEFING)
    got = [(t.label, t.speaker, t.rule) for t in doc.turns]
    assert got == [
        ("MS. JEAN-PIERRE", "jean-pierre", "quotes.turns"),
        ("Q", None, "quotes.bare_q_label"),
        ("MR PRICE", "ned-price", "quotes.turns"),
        ("QUESTION", None, "quotes.turns"),
        ("SECRETARY BLINKEN", "antony-blinken", "quotes.turns"),
        ("Q", None, "quotes.turns"),
        ("MS. PSAKI", "psaki", "quotes.turns"),
    ]
    for t, nxt in pairwise(doc.turns):
        assert doc.text[t.start : t.end].startswith(t.label) and t.end < nxt.start
    assert doc.to_dict()["turns"][0]["label"] == "MS. JEAN-PIERRE"
    assert speakers(BRIEFING) == ["antony-blinken"]


def test_a_single_q_sentence_is_not_a_label():
    assert diplotext.parse("Q fever is rare.\n\nIt was found in cattle.").turns == ()


# ----------------------------------------------------------------------------- descriptions


def test_a_definite_description_resolves_to_the_speaker_it_fits():
    text = (
        "Russian President Vladimir Putin said talks could be held. "
        "“Negotiations can be held with anyone,” the Russian president said."
    )
    assert speakers(text) == ["vladimir-putin"]
    # the adjective must fit: a Ukrainian president is not Putin
    text = text.replace("the Russian president", "the Ukrainian president")
    assert speakers(text) == [None]


def test_a_description_with_no_earlier_speaker_names_nobody():
    assert speakers("“We are ready,” the spokesman said.") == [None]
    text = "Jeff Traeger said no. “We are ready,” said the spokesman."
    assert speakers(text) == ["jeff-traeger"]


# ----------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("byline", "speaker"),
    [
        ("Secretary of State Antony Blinken, January 7, 2022", "antony-blinken"),
        ("— Volodymyr Zelenskyy", "volodymyr-zelenskyy"),
        ("Jeff Traeger, union president", "jeff-traeger"),
    ],
)
def test_a_byline_after_a_quotation_attributes_it(byline, speaker):
    doc = diplotext.parse(f"“Diplomacy is the only responsible way forward.”\n{byline}\n")
    assert [(q.speaker, q.rule) for q in doc.quotes] == [(speaker, "quotes.byline")]


def test_a_sentence_after_a_quotation_is_not_a_byline():
    doc = diplotext.parse("“We will prevail.”\nVolodymyr Zelenskyy met the mayor in Kyiv.\n")
    assert [(q.speaker, q.rule) for q in doc.quotes] == [(None, "quotes.unattributed")]


def test_a_statement_announced_with_a_colon_frames_the_next_paragraph():
    text = (
        "Senator Jane Doe (R-Ohio), today released the following statement on the vote:\n\n"
        "“I am disappointed. This is a time for action.\n\n"
        "“We should wait for the report.”\n"
    )
    got = [(q.speaker, q.rule) for q in diplotext.parse(text).quotes]
    assert got == [
        ("jane-doe", "quotes.statement_intro"),
        ("jane-doe", "quotes.continued_paragraph"),
    ]
    # a colon without a kind of text is not an announcement
    assert speakers(text.replace("following statement on the vote", "vote on Monday")) == [
        None,
        None,
    ]


# ----------------------------------------------------------- attribution round 2


def test_an_unresolved_framed_quotation_stops_inheritance():
    text = (
        "“We are ready,” said Jeff Traeger. “Talks are useful,” said a union official. "
        "“We will wait.”"
    )
    # "a union official" names nobody the rules can resolve, but someone else spoke:
    # nobody inherits across that, so the third quotation stays empty rather than wrong
    assert speakers(text)[2] is None
    assert speakers("“We are ready,” said Jeff Traeger. “We will wait.”") == [
        "jeff-traeger",
        "jeff-traeger",
    ]


def test_a_description_resolves_to_the_one_person_mentioned_with_that_title():
    text = (
        "Ambassador Jane Doe met the press. The ambassador told reporters she expects "
        "“good things to happen,” in the weeks ahead."
    )
    assert speakers(text) == ["jane-doe"]
    # two ambassadors mentioned: ambiguous, no speaker
    text2 = text.replace("met the press", "met Ambassador John Roe")
    assert speakers(text2) == [None]


def test_a_statement_after_a_dateline_and_a_colon_in_the_same_sentence():
    text = (
        "Washington, D.C., June 9, 2005 - Voice of America Director Ann Ode issued the "
        "following statement today: “These charges are false.”\n"
    )
    assert [(q.speaker, q.rule) for q in diplotext.parse(text).quotes] == [
        ("ann-ode", "quotes.statement_intro")
    ]
    assert speakers(text.replace("following statement", "following order")) == [None]


# ------------------------------------------------------- round 3: participles, descriptions


def test_a_participle_clause_after_a_comma_shares_the_sentence_speaker():
    text = (
        "Jane Okafor says the city “will close the shelters”, saying they were "
        "“not able to cope” with the numbers and “running out” of beds."
    )
    assert speakers(text) == ["jane-okafor", "jane-okafor", "jane-okafor"]


def test_a_participle_never_takes_the_word_before_its_comma():
    text = "Officials sent aid to Poland, saying it was “not enough” for the winter."
    assert speakers(text) == [None]


def test_while_and_a_participle_share_the_speaker_of_the_quotation():
    text = (
        "“Look, he is doing what he has seen done,” Anna Berg responded, while "
        "acknowledging that Orlov has been a “rough guy” in the past."
    )
    assert speakers(text) == ["anna-berg", "anna-berg"]


def test_a_description_with_an_acronym_finds_the_one_person_with_that_title():
    text = (
        "President Orlov arrived on Monday. In the interview, the U.S. president told the "
        "host he believes “good things are going to happen”."
    )
    assert speakers(text) == ["orlov"]
    text = (
        "President Orlov met President Kaan on Monday. In the interview, the U.S. "
        "president told the host he believes “good things are going to happen”."
    )
    assert speakers(text) == [None]


# ----------------------------------------------------- round 3: naming verbs, name cards


def test_described_as_gives_the_quotation_to_the_subject_of_the_verb():
    text = "Anna Berg said no. Later Berg described the plan as “wild speculation” on radio."
    assert rules(text)[-1] == "quotes.described_as"
    assert speakers(text) == ["anna-berg"]
    # with no subject before the verb there is no speaker
    text = "The plan, described as “wild speculation” by many, was dropped."
    assert speakers(text) == [None]


def test_a_pull_quotation_under_a_name_card_is_the_named_persons():
    text = "Sergey Lavrov\n\nForeign Minister, Russia\n\n“In fact the reporter was lying.”\n"
    assert (speakers(text), rules(text)) == (["sergey-lavrov"], ["quotes.name_card"])
    text = (
        "Statement by Director Jane Holm on the Revocation of Credentials\n\n"
        "“We deplore this unwarranted action.”\n"
    )
    assert speakers(text) == ["jane-holm"]


@pytest.mark.parametrize(
    "text",
    [
        # a headline that is not a name card or a statement's title
        "Talks in Geneva End Without Agreement\n\n“We deplore this unwarranted action.”\n",
        # a sentence before it, not a card
        "Sergey Lavrov spoke in Moscow on Friday.\n\n“In fact the reporter was lying.”\n",
        # the quotation does not fill its paragraph
        "Sergey Lavrov\n\n“In fact the reporter was lying,” a blogger wrote.\n",
    ],
)
def test_no_card_no_card_speaker(text):
    assert rules(text)[0] != "quotes.name_card"


# ------------------------------------------------------------ round 3: straight single marks


def test_straight_single_marks_make_a_quotation_when_they_pair_in_the_paragraph():
    doc = diplotext.parse("Jackson says the charges are false and 'an attempt to intimidate'.")
    assert [q.text for q in doc.quotes] == ["an attempt to intimidate"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("In the '90s the players' union said no.", []),  # a digit follows: an apostrophe
        ("They called 'em heroes, the mayor said.", []),  # never closed: an apostrophe
        ("'Twas late, she said, “We are done.”", ["We are done."]),  # a real quotation wins
    ],
)
def test_an_apostrophe_is_not_a_quotation_mark(text, quoted):
    assert [q.text for q in diplotext.parse(text).quotes] == quoted


# ------------------------------------------ round 3: "according to", a person just mentioned


def test_according_to_attributes_a_quotation_and_reported_speech():
    doc = diplotext.parse("Anna Berg arrived. “The talks are over,” according to Berg.")
    assert [(q.speaker, q.reporting_verb) for q in doc.quotes] == [("anna-berg", "according to")]
    doc = diplotext.parse("The talks are over, according to Anna Berg, the envoy.")
    assert [(r.text, r.speaker) for r in doc.reported_speech] == [
        ("The talks are over", "anna-berg")
    ]
    # "according to plan" with no comma before it reports nobody's words
    assert diplotext.parse("The talks failed according to plan.").reported_speech == ()


def test_a_pronoun_with_no_speaker_before_it_is_the_one_person_just_mentioned():
    text = "Anna Berg, the envoy, arrived. “The talks,” she said, “are over.”"
    assert speakers(text) == ["anna-berg", "anna-berg"]


@pytest.mark.parametrize(
    "text",
    [
        # another name the rules do not know stands between: ambiguous
        "Anna Berg, the envoy, met Tom Reyes, the mayor. “We are ready,” she said.",
        # two people mentioned
        "Anna Berg, the envoy, met Ivan Petrov, the minister. “We are ready,” she said.",
        # an honorific that contradicts the pronoun
        "Ms. Berg, the envoy, arrived. “We are ready,” he said.",
    ],
)
def test_no_single_fitting_person_just_mentioned_no_speaker(text):
    assert speakers(text) == [None]


def test_a_sentence_opening_with_according_to():
    doc = diplotext.parse("According to Anna Berg, the talks are over.")
    assert [(r.text, r.speaker, r.rule) for r in doc.reported_speech] == [
        ("the talks are over", "anna-berg", "quotes.reported_according")
    ]
    text = "According to Anna Berg, “the talks are over.”"
    assert (speakers(text), rules(text)) == (["anna-berg"], ["quotes.according_to"])
    assert speakers("The plan, according to Anna Berg, “is dead.”") == ["anna-berg"]
    # no comma after the speaker: not read (the speaker and the content cannot be told apart)
    assert diplotext.parse("According to Berg the talks are over.").reported_speech == ()
    # "according to" a document: a report with nobody as its speaker
    assert speakers("According to the report, “prices rose.”") == [None]


# ----------------------------------------------------------- attribution round 7


@pytest.mark.parametrize("sep", ["–", "—"])
def test_a_byline_after_a_dash_on_the_quotations_own_line(sep):
    text = f"“We are ready to meet those challenges.” {sep} Secretary of Defense Jane Doe\n"
    assert [(q.speaker, q.rule) for q in diplotext.parse(text).quotes] == [
        ("jane-doe", "quotes.byline")
    ]
    # a sentence after the dash is not a byline
    assert speakers(text.replace("Jane Doe", "Jane Doe visited Ohio today.")) == [None]


def test_a_statement_announced_without_a_colon_frames_the_next_paragraph():
    text = (
        "Senator Jane Doe (D-Ill.) released the following statement after voting to confirm "
        "the nominee. The vote was 93-2.\n\n"
        "“This is a historic step.”\n"
    )
    assert [(q.speaker, q.rule) for q in diplotext.parse(text).quotes] == [
        ("jane-doe", "quotes.statement_intro")
    ]
    # 'following' with no kind of text after it announces nothing
    assert speakers(text.replace("following statement after", "following day after")) == [None]


HEADLINE = "“We will rebuild this town”\n\nThe storm hit. “We were ready,” said Gen. Frank Ode.\n"


def test_a_headline_quotation_before_the_only_speaker_is_the_speakers():
    got = [(q.speaker, q.rule) for q in diplotext.parse(HEADLINE).quotes]
    assert got == [("frank-ode", "quotes.first_speaker"), ("frank-ode", "quotes.said_after")]


@pytest.mark.parametrize(
    "change",
    [
        # a second speaker in the text: whose headline it is, is not clear
        lambda t: t + "“It was not,” said Mayor Ana Lopez.\n",
        # another person named before the quotation
        lambda t: "Mayor Ana Lopez opened the shelter.\n" + t,
        # a frame whose speaker the rules cannot resolve
        lambda t: t + "“It was,” said VOA's director.\n",
        # a scare quote is nobody's words
        lambda t: t.replace("“We will rebuild this town”", "A “rebuild” plan"),
    ],
)
def test_no_first_speaker_when_the_text_leaves_doubt(change):
    assert speakers(change(HEADLINE))[0] is None


def test_a_quotation_after_the_speaker_is_a_follow_on_not_a_first_speakers():
    # the follow-on rule alone decides (same or next paragraph, nobody named between)
    text = "“We were ready,” said Gen. Frank Ode.\nRain.\nMore rain.\n“We will rebuild.”\n"
    assert speakers(text) == ["frank-ode", None]


def test_first_speaker_can_be_switched_off():
    doc = diplotext.parse(HEADLINE, disable=["quotes.first_speaker"])
    assert [q.speaker for q in doc.quotes] == [None, "frank-ode"]


@pytest.mark.parametrize("rank", ["Staff Sgt.", "Tech. Sgt.", "Maj.", "Petty Officer", "Spc."])
def test_a_military_rank_is_a_title_not_a_person(rank):
    text = f"“We held the line,” said {rank} Ana Lopez, a squad leader. “Nobody left.”"
    assert speakers(text) == ["ana-lopez", "ana-lopez"]


def test_an_organisations_official_is_a_description_not_the_organisation():
    # "said the U.N. chief" once went to the United Nations itself
    text = (
        "U.N. Secretary General Ana Lopez says the attack was a dark day. "
        "“Our hearts remain heavy,” said the U.N. chief."
    )
    assert speakers(text) == ["ana-lopez"]
    # with nobody who spoke before, the description names nobody (not the organisation)
    assert speakers("“Our hearts remain heavy,” said the U.N. chief.") == [None]
    # the organisation itself still speaks
    assert speakers("“Our hearts remain heavy,” said the United Nations.") == ["UN"]


def test_a_family_name_written_first_is_the_short_form():
    # "Mr. Ban" is Ban Ki-moon (the family name first, a hyphenated given name after it)
    text = "Secretary General Ban Ki-moon spoke first. “We remember them,” said Mr. Ban."
    assert speakers(text) == ["ban-ki-moon"]
    # a Western name's first word is not a short form
    text = "Minister Anna Berg spoke first. “We remember them,” said Mr. Anna."
    assert speakers(text) != ["anna-berg"]


def test_a_frame_after_the_quotation_may_run_ten_words_before_its_comma():
    # round 8: "said at the press conference following the European Council," is the frame
    text = (
        "Minister Jon Ode said the talks were long. "
        "“We find agreement when agreement is needed” President Ana Barros said at the "
        "press conference following the European Council, while adding that it worked."
    )
    assert speakers(text) == ["ana-barros"]
    assert rules(text) == ["quotes.speaker_said_after"]
    # a verb whose clause runs on past ten words is not a frame of the quotation
    text = (
        "“Hope” Ana Barros said was the word that the union members and their families and "
        "friends wanted to hear from the council tonight."
    )
    assert speakers(text) == [None]


def test_an_announcement_opening_with_a_clause_names_the_person_before_issued():
    # round 8: the announcer is the person right before "issued the following statement"
    text = (
        "Today, after the Senate voted to confirm General Ann Ode as Secretary of Defense, "
        "Senator Jack Reyes (D-RI), the top Democrat on the committee, issued the following "
        "statement:\n\n“Secretary Ode is a trailblazer.”\n"
    )
    assert speakers(text) == ["jack-reyes"]
    assert rules(text) == ["quotes.statement_intro"]
    # the person named there must be the one who issues it
    text = text.replace(
        "Senator Jack Reyes (D-RI), the top Democrat on the committee,", "the committee"
    )
    assert speakers(text) == [None]


def test_a_radio_scripts_label_names_the_person_the_text_writes_so():
    # round 8: "LINDA CHAVEZ:" with no title is a person when the text writes "Linda Chavez"
    text = (
        "Others, like Linda Chavez from the Center, spoke against her.\n\n"
        "LINDA CHAVEZ: “The record is clear.”\n\n"
        "JUDGE HOLT: “I disagree.”\n\n"
        "ANNOUNCER: “That was the news.”\n"
    )
    doc = diplotext.parse(text)
    assert [q.speaker for q in doc.quotes] == ["linda-chavez", "holt", None]
    # a label the text never writes as a name names nobody
    text = text.replace("Linda Chavez from", "a scholar from")
    assert speakers(text)[0] is None


def test_saying_before_a_colon_is_the_sentence_subjects_after_the_words_of_an_office():
    # round 8: "-ing" + colon opens a participle clause; "Foreign Office" precedes the title
    text = (
        "The UK agreed. Foreign Office Minister Mark Simmonds updated Parliament saying: "
        "“The UK has been concerned.”"
    )
    assert speakers(text) == ["mark-simmonds"]
    # an object before "saying" is not the speaker
    text = "Minister Jo Ode met Ambassador Ian Roe saying: “We agree.”"
    assert speakers(text) == ["jo-ode"]
    # a sentence that opens with no person gives none
    assert speakers("The banner hung there saying: “Go home.”") == [None]


STATEMENT = (
    "Statement by Secretary of Defense Jane Okafor on the Confirmation of Ian Roe\n\n"
    "May 27, 2021\n\n"
    "“Ian Roe has served the nation well.\n\n"
    "“I congratulate him.”\n"
)


def test_a_statements_heading_names_who_speaks_in_it():
    # round 8: "Statement by X" heads a statement whose quotation has no frame
    doc = diplotext.parse(STATEMENT)
    assert [(q.speaker, q.rule) for q in doc.quotes] == [
        ("jane-okafor", "quotes.statement_heading"),
        ("jane-okafor", "quotes.statement_heading"),
    ]


@pytest.mark.parametrize(
    "change",
    [
        ("Statement by", "Report on"),  # not a statement's heading
        ("Secretary of Defense Jane Okafor", "the Department"),  # no person in it
        ("Jane Okafor on the", "Jane Okafor and Secretary Al Ode on the"),  # two people
        ("“I congratulate him.”", "“I congratulate him,” said Senator Al Ode."),  # another
    ],
)
def test_a_heading_names_nobody_unless_it_heads_one_persons_statement(change):
    doc = diplotext.parse(STATEMENT.replace(*change))
    assert doc.quotes[0].speaker is None


def test_a_pronoun_with_no_speaker_before_it_is_the_one_person_of_its_own_paragraph():
    # round 9: the paragraph of the pronoun first, the paragraph before only if it names nobody
    text = (
        "Swimmer Casey Burr won a silver medal.\n\n"
        "Gymnast Yewki Tomita learned that early. “That is the chance I take,” he says.\n"
    )
    assert speakers(text) == ["yewki-tomita"]
    # nobody in its own paragraph: the one person of the paragraph before
    text = "Swimmer Casey Burr won a silver medal.\n\n“It was hard,” he says.\n"
    assert speakers(text) == ["casey-burr"]
    # two people in its own paragraph: ambiguous
    text = "Gymnast Yewki Tomita met swimmer Casey Burr. “It was hard,” he says.\n"
    assert speakers(text) == [None]


def test_a_person_named_in_dashes_since_the_last_speaker_makes_he_ambiguous():
    # round 9: Reid is found, so "he said" no longer goes to Bush across him
    text = (
        "“We grieve,” President Bush said.\n\n"
        "The top Democrat in the Senate - Harry Reid - spoke of the loss.\n\n"
        "“What we know breaks our hearts,” he said.\n"
    )
    assert speakers(text) == ["bush", None]


def test_a_bare_apposition_with_an_occupation_and_an_organisations_name_gives_she_a_person():
    # round 9: ", Air Force volleyball head coach and Paralympic athlete," is an apposition
    # with no article, and "Air Force" is an organisation's name, not an unknown person
    text = (
        "Kari Miller, Air Force volleyball head coach and Paralympic athlete, felt confident.\n\n"
        "“It’s going to be a really good game,” she said.\n"
    )
    assert speakers(text) == ["kari-miller"]
    # an unknown capitalised pair that may be a person still makes "she" ambiguous
    text = text.replace("felt confident.", "felt confident, like Tara Bell.")
    assert speakers(text) == [None]


def test_an_inverted_report_reads_its_speaker_right_after_the_verb_not_deep_in_a_clause():
    # round 10: "..., said Catholics around the world should thank God for John Paul's
    # papacy" is no "..., said Secretary Jones": the report is the cardinal's
    text = (
        "Theodore Cardinal McCarrick, the archbishop of Washington, said Catholics around the "
        "world should thank God for Pope John Paul's papacy. “To thank God for him,” he said."
    )
    doc = diplotext.parse(text)
    assert [r.rule for r in doc.reported_speech] == ["quotes.reported"]
    assert [r.speaker for r in doc.reported_speech] == ["theodore-cardinal-mccarrick"]
    assert speakers(text) == ["theodore-cardinal-mccarrick"]
    # a state deep in the content after the verb is not the speaker either
    text = (
        "Abdullah Abdullah, Ghani’s partner in the government, stressed his commitment to "
        "hold Afghanistan’s government together. “We will not collapse,” he said."
    )
    assert [r.speaker for r in diplotext.parse(text).reported_speech] == ["abdullah-abdullah"]
    # the inverted frame still reads a long name right after the verb
    text = "The talks were useful, said U.S. Secretary of State Ann Ode, in Brussels."
    assert [r.rule for r in diplotext.parse(text).reported_speech] == ["quotes.reported_inverted"]


def test_a_state_the_gazetteer_now_knows_is_not_a_person_for_he():
    # round 10: "South Africa said" made a person "South Africa", and "He urged" was hers
    text = (
        "South Africa said it hoped for “peace.” Arab League chief Nabil al-Arabi said he "
        "hoped for calm. He urged Libyans to “overcome the wounds of the past.”"
    )
    doc = diplotext.parse(text)
    assert any(m.actor == "ZAF" for m in doc.mentions)
    assert [q.speaker for q in doc.quotes] == ["ZAF", "nabil-al-arabi"]


def test_a_label_line_names_the_speaker_of_the_quotation_under_it():
    # round 11: a video script's "Name, title:" line above a sound bite, no reporting verb
    text = (
        "Administrator Charles Bolden and Deputy Administrator Lori Garver spoke.\n"
        "Charles Bolden, NASA Administrator:\n"
        "“It ensures that we will lead.”\n"
        "Lori Garver, NASA Deputy Administrator:\n"
        "“I think we have an opportunity.”\n"
    )
    assert speakers(text) == ["charles-bolden", "lori-garver"]
    assert rules(text) == ["quotes.name_card", "quotes.name_card"]
    # a line with a reporting verb, or a sentence, is no label
    text = "Administrator Charles Bolden spoke.\nBolden said it plainly:\n“We will lead.”\n"
    assert rules(text) == ["quotes.previous_paragraph"]
    text = "Administrator Charles Bolden spoke.\nBolden met the press on Monday. Then:\n“Go.”\n"
    assert speakers(text) == [None]
