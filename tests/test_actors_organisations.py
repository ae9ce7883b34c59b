"""Organisations the gazetteer does not know, named beside a reporting verb
(actors.speaking_organisation), and descriptions that stand for them
(quotes.organisation_antecedent). Hand-made sentences, not from eval/."""

from __future__ import annotations

import pytest

import diplotext

LEAD = "The storm hit the coast on Monday.\n\n"


def organisations(text: str) -> list[tuple[str, str]]:
    doc = diplotext.parse(text)
    kinds = {a.id: a.kind for a in doc.actors}
    return [(m.text, m.rule) for m in doc.mentions if kinds[m.actor] == "organisation"]


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in diplotext.parse(text).quotes]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“We are ready,” said the Kenya Red Cross Society.", "Kenya Red Cross Society"),
        ("“We are ready,” the Ministry of Health said.", "Ministry of Health"),
        ("“We are ready,” Acme Corp. said in a statement.", "Acme Corp."),
        ("“We are ready,” FEMA said.", "FEMA"),
        ("The Meridian Aid Foundation also said: “We are ready.”", "Meridian Aid Foundation"),
    ],
)
def test_a_name_with_an_organisations_word_beside_a_verb_is_an_organisation(text, name):
    found = organisations(LEAD + text)
    assert (name, "actors.speaking_organisation") in found
    assert speakers(LEAD + text) == [diplotext.actors.slug(name)]


def test_the_organisation_takes_the_state_its_first_word_names():
    doc = diplotext.parse(LEAD + "“We are ready,” said the Ukrainian Red Cross Society.")
    actor = next(a for a in doc.actors if a.kind == "organisation")
    assert (actor.name, actor.known, actor.state) == ("Ukrainian Red Cross Society", False, "UKR")


@pytest.mark.parametrize(
    "text",
    [
        "“We are ready,” said Frank Church.",  # a surname that is also an organisation's word
        "Peter Mwangi gave interviews to VOA emphasizing that help was late.",  # a participle
        "“We are ready,” Jane Okafor told the Coastal Relief Committee.",  # the addressee
        "“We are ready,” the spokesman said.",
    ],
)
def test_no_organisation_without_its_evidence(text):
    assert organisations(LEAD + text) == []


def test_the_ministry_stands_for_the_ministry_named_before():
    text = LEAD + "The Ministry of Health said aid had left.\n\n“We are ready,” the ministry said."
    assert speakers(text) == ["ministry-of-health"]
    # a generic noun stands for any organisation, but two make it ambiguous
    text = LEAD + "“Aid has left,” FEMA said.\n\n“We are ready,” the agency said."
    assert speakers(text) == ["fema", "fema"]
    text = (
        LEAD
        + "“Aid has left,” FEMA said. “So has ours,” the Meridian Aid Foundation said.\n\n"
        + "“We are ready,” the agency said."
    )
    assert speakers(text)[-1] is None
    # a noun that is not in the organisation's name stands for nobody
    text = LEAD + "“Aid has left,” FEMA said.\n\n“We are ready,” the ministry said."
    assert speakers(text)[-1] is None
