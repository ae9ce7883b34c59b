"""Negotiation formats (diplotext.formats): gazetteer and the OSCE Permanent Council rule."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from diplotext import formats
from diplotext.model import Document, Sentence
from diplotext.state import State

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.text, f.id, f.rule) for f in formats.run(Document(text=text))["formats"]]


def test_seed_has_the_three_formats_of_the_week(seed_text):
    assert found(seed_text) == [
        ("Strategic Stability Dialogue", "SSD", "formats.gazetteer"),
        ("NATO-Russia Council", "NRC", "formats.gazetteer"),
        ("Permanent Council", "OSCE-PC", "formats.osce_permanent_council"),
    ]


def test_spans_are_exact(seed_text):
    for f in formats.run(Document(text=seed_text))["formats"]:
        assert seed_text[f.start : f.end] == f.text
        assert f.name == formats.format_name(f.id)


def test_longest_alias_wins():
    assert found("the U.S.-Russia Strategic Stability Dialogue resumed") == [
        ("U.S.-Russia Strategic Stability Dialogue", "SSD", "formats.gazetteer")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Permanent Council met on Thursday.",  # no OSCE in the sentence
        "The OSCE met. The Permanent Council then adjourned.",  # OSCE in another sentence
        "The National Security Council met.",
        "We will consult in all formats.",
        "security council of the school",
    ],
)
def test_no_format(text):
    assert found(text) == []


def test_permanent_council_with_osce_in_the_sentence_or_name():
    assert found("The Permanent Council of the OSCE met in Vienna.") == [
        ("Permanent Council of the OSCE", "OSCE-PC", "formats.gazetteer")
    ]
    assert found("The OSCE Permanent Council met.") == [
        ("OSCE Permanent Council", "OSCE-PC", "formats.gazetteer")
    ]
    assert found("At the OSCE, the Permanent Council heard Russia.") == [
        ("Permanent Council", "OSCE-PC", "formats.osce_permanent_council")
    ]


def test_permanent_council_uses_segmented_sentences_when_present():
    text = "The OSCE chair spoke; later the Permanent Council met."
    doc = Document(text=text, sentences=(Sentence(0, 0, 20, 0, "t"), Sentence(1, 20, 54, 0, "t")))
    assert formats.run(doc)["formats"] == ()
    assert found(text)[0][1] == "OSCE-PC"  # unsegmented: one sentence


def test_nato_and_un_bodies():
    text = (
        "The North Atlantic Council met, and the NATO-Ukraine Commission followed. "
        "Russia blocked the Security Council, then the UN General Assembly voted. "
        "G7 leaders and the Normandy Format and the Trilateral Contact Group were named."
    )
    assert [f[1] for f in found(text)] == ["NAC", "NUC", "UNSC", "UNGA", "G7", "NORMANDY", "TCG"]


def test_gazetteer_ids_unique_and_shared_with_context_data():
    ids = [row[0] for row in formats.gazetteer()]
    assert len(ids) == len(set(ids))
    assert {"SSD", "NRC", "OSCE-PC"} <= set(ids)
    context = Path(__file__).resolve().parent.parent / "seeds" / "context" / "formats.toml"
    if context.is_file():  # written by the context-data helper with the same ids
        tables = set(tomllib.loads(context.read_text(encoding="utf-8")))
        assert {"SSD", "NRC", "OSCE-PC"} <= tables


def test_sentence_span_without_segmentation():
    text = "First sentence. Second one here.\nThird."
    state = State(Document(text=text))
    assert text[slice(*state.sentence_span(20))].strip() == "Second one here."


def test_full_pipeline_with_segmented_sentences_finds_the_same(seed_doc):
    assert [(f.text, f.id) for f in seed_doc.formats] == [
        ("Strategic Stability Dialogue", "SSD"),
        ("NATO-Russia Council", "NRC"),
        ("Permanent Council", "OSCE-PC"),
    ]
