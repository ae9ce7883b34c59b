"""People the gazetteer does not know, named beside a reporting verb (actors.speaking_person),
and the quotation rules that use them. Hand-made sentences, not from eval/."""

from __future__ import annotations

import pytest

import diplotext


def people(text: str) -> list[tuple[str, str, str]]:
    doc = diplotext.parse(text)
    kinds = {a.id: a.kind for a in doc.actors}
    return [(m.text, m.actor, m.rule) for m in doc.mentions if kinds[m.actor] == "person"]


def speakers(text: str, **kw) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.rule) for q in diplotext.parse(text, **kw).quotes]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jeff Traeger said the talks would go on.", "Jeff Traeger"),
        ("“No,” said Marta Ostrowska, the committee's top Republican.", "Marta Ostrowska"),
        ("Aminah Okoro, a member of the council, told reporters it was wrong.", "Aminah Okoro"),
        ("Okoro, the council spokeswoman, said no.", "Okoro"),
        ("Pieter Aalst also said so.", "Pieter Aalst"),
        ("However Anna Berg said no.", "Anna Berg"),
        ("In Tromsø Anna Berg said no.", "Anna Berg"),
        ("George V. Aldana warned that it would fail.", "George V. Aldana"),
    ],
)
def test_a_name_beside_a_reporting_verb_is_a_person(text, name):
    found = people(text)
    assert found and found[0][0] == name
    assert found[0][2] == "actors.speaking_person"
    assert found[0][1] == diplotext.actors.slug(found[0][0])


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Army Chief, Lieutenant General Musa Bello, told reporters so.", "musa-bello"),
        ("“We are ready,” said Tech. Sgt. Ana Ruiz.", "ana-ruiz"),
        ("“We are ready,” said Staff Sgt. Ana Ruiz, a medic.", "ana-ruiz"),
    ],
)
def test_a_rank_before_the_name_is_a_title_not_a_name(text, actor):
    # "Staff Sgt" once became a person of its own: the rank is a title (data/actors.toml)
    found = people(text)
    assert found and {a for _, a, _ in found} == {actor}
    if "“" in text:
        assert speakers(text)[0][0] == actor


def test_the_apposition_gives_the_role_and_known_people_are_not_inferred():
    doc = diplotext.parse("Okoro, the council spokeswoman, said no.")
    actor = next(a for a in doc.actors if a.id == "okoro")
    assert actor.kind == "person" and actor.known is False
    assert people("Kremlin spokesman Dmitry Peskov said no.")[0][2] == "actors.known_person"


@pytest.mark.parametrize(
    "text",
    [
        "The United States said no.",
        "Russian Foreign Minister said no.",
        "The Ministry of Defence said it would reply.",
        "NATO Allies said they agreed.",
        "On Monday the talks resumed.",
        "White House said no.",
        "Human Rights Watch said it was alarmed.",
        "Agence France-Presse reported that.",
        "Meanwhile Jones said no.",
    ],
)
def test_no_person_without_a_name(text):
    assert [p for p in people(text) if p[2] == "actors.speaking_person"] == []


def test_surname_later_resolves_and_the_quotation_is_attributed():
    text = "Jeff Traeger said the union would strike. “We are ready,” Traeger said."
    assert [p[1] for p in people(text)] == ["jeff-traeger", "jeff-traeger"]
    assert speakers(text) == [("jeff-traeger", "quotes.speaker_said_after")]


def test_a_long_clause_after_the_verb_still_frames_the_quotation():
    text = (
        "Anna Lindqvist said talks had failed. "
        "“We will not wait,” Lindqvist said in her weekly radio address Tuesday."
    )
    assert speakers(text) == [("anna-lindqvist", "quotes.speaker_said_after")]


# ------------------------------------------------- attribution round 2 (titles, headlines)


def test_a_title_before_a_new_name_makes_a_person_even_if_a_word_is_a_known_surname():
    doc = diplotext.parse("“We are glad,” said VOA Director Dan Austin.")
    assert [(q.speaker, q.speaker_name) for q in doc.quotes] == [("dan-austin", "Dan Austin")]


def test_a_capitalised_run_before_another_title_is_not_a_name():
    found = people("Press Secretary Navy Rear Adm. Jane Kirk said the aid would go on.")
    assert [p[1] for p in found] == ["jane-kirk"]


def test_a_headline_verb_and_a_state_name_are_not_people():
    doc = diplotext.parse("Foreign Minister Says Ukraine Benefits\n\nSouth Korea said no.\n")
    assert not [a for a in doc.actors if a.kind == "person"]


# ------------------------------------------------- round 3: names introduced away from a verb


def test_one_name_before_a_verb_is_the_person_named_in_full_earlier():
    text = (
        "The budget was released by the treasurer, Peter Walcott (Division of Higgins). "
        "Walcott noted that it was in surplus."
    )
    found = people(text)
    assert [(t, a) for t, a, _ in found] == [
        ("Peter Walcott", "peter-walcott"),
        ("Walcott", "peter-walcott"),
    ]
    assert found[0][2] == "actors.named_earlier"
    doc = diplotext.parse(text)
    assert [r.speaker for r in doc.reported_speech] == ["peter-walcott"]


def test_the_first_word_of_an_earlier_name_counts_too_korean_order():
    text = "An interview with Seo Ji-woo aired on Monday. Seo told VOA that the alliance held."
    assert [a for _, a, _ in people(text)] == ["seo-ji-woo", "seo-ji-woo"]


@pytest.mark.parametrize(
    "text",
    [
        "Walcott noted that the budget was in surplus.",  # nobody named in full before
        "Anna Maria Walcott arrived. Maria said it was over.",  # a middle word is no name
        "Walcott noted that the budget was in surplus. Peter Walcott left.",  # only after
    ],
)
def test_one_word_alone_is_not_a_name(text):
    assert [t for t, _, r in people(text) if r == "actors.named_earlier"] == []


def test_a_bare_role_and_a_relative_clause_in_commas_are_an_apposition():
    text = (
        "Jackie Moray, health spokeswoman for the Labour Party, which uncovered the "
        "figures, said they were “astonishing”."
    )
    doc = diplotext.parse(text)
    assert [r.speaker for r in doc.reported_speech] == ["jackie-moray"]
    assert [q.speaker for q in doc.quotes] == ["jackie-moray"]


def test_where_a_speaker_is_from_stands_between_the_name_and_the_verb():
    text = "“We have nothing left,” Fazil Rahimi of northern Kunduz province wrote on Monday."
    assert speakers(text) == [("fazil-rahimi", "quotes.speaker_said_after")]


def test_today_between_an_apposition_and_the_verb():
    text = "The new Foreign Secretary, Margaret Holm, today confirmed that no plans were made."
    assert [t for t, _, _ in people(text)] == ["Margaret Holm"]


def test_a_title_case_headline_does_not_run_a_verb_into_the_name():
    text = "President Orlov Speaks to Reporters in the Capital\n\nPresident Orlov said no."
    found = people(text)
    assert [(t, a) for t, a, _ in found] == [
        ("President Orlov", "orlov"),
        ("President Orlov", "orlov"),
    ]
    # in running text a longer name is another person, not cut short
    found = people("Ambassador Anna said no. Ambassador Anna Berg said yes, it was over.")
    assert [a for _, a, _ in found] == ["anna", "anna-berg"]


def test_a_naming_verb_is_evidence_too_and_initials_stay_inside_a_name():
    text = (
        "George W. Halvorsen and the mayor dismissed the plan. "
        "Halvorsen has described the plan as “wild speculation”."
    )
    assert [a for _, a, _ in people(text)] == ["george-w-halvorsen", "george-w-halvorsen"]
    assert speakers(text) == [("george-w-halvorsen", "quotes.described_as")]


def test_one_name_after_a_verb_is_the_person_named_in_full_earlier():
    text = "Anna Berg arrived on Monday. “The talks are over,” said Berg, who leads the team."
    assert speakers(text) == [("anna-berg", "quotes.said_after")]
    assert people(text)[0][::2] == ("Anna Berg", "actors.named_earlier")


def test_a_role_in_apposition_makes_a_person_without_a_verb():
    found = people("Ivan Petrov, a spokesman for the ministry, arrived on Monday.")
    assert [(t, a, r) for t, a, r in found] == [
        ("Ivan Petrov", "ivan-petrov", "actors.apposition_person")
    ]
    # a name followed by anything but a role noun stays unknown
    assert people("Ivan Petrov, the city of his birth, was quiet.") == []
    assert people("Ivan Petrov, a long way from home, arrived.") == []


HEADLINE_SURNAME = (
    "Statement on the Talks\n\nOkafor says talks are over\n\n"
    "The union chair, Jane Okafor, said on Monday that the talks had failed.\n"
)


def test_a_headline_surname_takes_the_one_full_name_given_later():
    doc = diplotext.parse(HEADLINE_SURNAME)
    head = next(m for m in doc.mentions if m.text == "Okafor")
    assert head.actor == "jane-okafor" and head.rule == "actors.named_earlier"
    # the headline's reported speech is hers
    assert [r.speaker for r in doc.reported_speech][:1] == ["jane-okafor"]


def test_a_headline_surname_with_two_later_full_names_names_nobody():
    text = HEADLINE_SURNAME + "Her brother, Paul Okafor, said the opposite.\n"
    assert not any(m.text == "Okafor" for m in diplotext.parse(text).mentions)


def test_a_known_persons_first_name_does_not_hide_a_new_person():
    # "Joseph" and "Antony" are first names of people the gazetteer knows, not surnames
    assert people("“We go,” said Navy Cmdr. Antony Ode, a surgeon.")[0][:2] == (
        "Cmdr. Antony Ode",
        "antony-ode",
    )
    assert people("Secretary Antony Blinken said no.")[0][1:] == (
        "antony-blinken",
        "actors.known_person",
    )


def test_a_byline_name_stops_where_a_units_name_begins():
    # round 8: "National", "Bureau" ... open or carry an agency's name, never a person's
    found = people("By Tech. Sgt. Erich B. Smith National Guard Bureau\n\nThe storms came.")
    assert [(t, a) for t, a, _ in found] == [("Tech. Sgt. Erich B. Smith", "erich-b-smith")]
    assert people("“We train,” said Maj. Ann Ode, a Corps Command planner.")[0][:2] == (
        "Maj. Ann Ode",
        "ann-ode",
    )


def test_an_occupation_before_a_name_makes_a_person():
    # round 9: "weightlifter Cheryl Haworth won": the occupation is the evidence
    found = people("Olympic weightlifter Cheryl Haworth won her first competition.")
    assert [(t, a, r) for t, a, r in found] == [
        ("Cheryl Haworth", "cheryl-haworth", "actors.role_person")
    ]
    assert people("Gymnast Yewki Tomita learned that early.")[0][1] == "yewki-tomita"
    # or the name in dashes after the occupation and where it is held
    found = people("The top Democrat in the Senate - Harry Reid - spoke of the loss.")
    assert [(t, a) for t, a, _ in found] == [("Harry Reid", "harry-reid")]
    # an occupation before anything but a name is no evidence
    assert people("The reporter Associated Press sent was there.") == []
    assert people("A lawyer Human Rights Watch hired spoke.") == []
    assert people("A reporter asked questions.") == []


def test_a_name_right_before_the_verb_after_an_of_phrase_is_read():
    # round 10: "Center of Excellence Commanding General MG Michael Ferriter said" was read
    # as "Center" from "Excellence ...": no name; the name right before the verb is read
    text = (
        "Fort Benning and Maneuver Center of Excellence Commanding General MG Michael "
        "Ferriter said the race is a chance."
    )
    assert [(t, a) for t, a, _ in people(text)] == [("Michael Ferriter", "michael-ferriter")]
    # where a person is from still stands between the name and the verb
    assert people("Anna Berg of the Kyiv city council said no.")[0][:2] == (
        "Anna Berg",
        "anna-berg",
    )


def test_an_arabic_article_joined_to_a_name_is_part_of_it():
    # round 10: "Nabil al-Arabi said" found nobody, so "He urged" went to an earlier speaker
    found = people("Arab League chief Nabil al-Arabi said he hoped for peace.")
    assert [(t, a) for t, a, _ in found] == [("Nabil al-Arabi", "nabil-al-arabi")]
    # a lowercase word that is no such article still ends the name
    assert people("Ann Ode and-so said no.") == []
