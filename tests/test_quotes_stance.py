"""A quotation inside the object of a verb of stance (quotes.stance_object), and names
before such verbs as people (actors.speaking_person). Hand-made sentences, not from eval/."""

from __future__ import annotations

import pytest

import diplotext

LEAD = "The storm hit the coast on Monday.\n\n"


def speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.rule) for q in diplotext.parse(LEAD + text).quotes]


@pytest.mark.parametrize(
    "text",
    [
        "Jane Okafor accused the government of “criminal neglect and delay.”",
        "Jane Okafor criticised the “slow and chaotic” response.",
        "Jane Okafor praised the “brave young volunteers.”",
        "Jane Okafor spoke of “a long road ahead.”",
        "Jane Okafor appealed for “calm and patience.”",
    ],
)
def test_the_subject_of_a_verb_of_stance_speaks_the_quotation(text):
    assert speakers(text) == [("jane-okafor", "quotes.stance_object")]


@pytest.mark.parametrize(
    "text",
    [
        # one word in marks is a scare quote, even after a verb of stance
        "Jane Okafor dismissed the nuclear ‘first-strike’ plan.",
        # a full stop between the verb and the quotation: another sentence
        "Jane Okafor praised the volunteers. The “brave young volunteers” went home.",
        # no subject that names anyone
        "The plan was rejected as “far too little, far too late.”",
    ],
)
def test_no_stance_frame_without_its_evidence(text):
    assert all(rule != "quotes.stance_object" or who is None for who, rule in speakers(text))
    assert all(who is None for who, _ in speakers(text))


def test_a_name_before_a_naming_verb_is_a_person():
    found = speakers("Jane Okafor described the damage as “total and final.”")
    assert found == [("jane-okafor", "quotes.described_as")]
