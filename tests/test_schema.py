"""The JSON output is a public interface: validate it against docs/schema.json."""

from __future__ import annotations

import json

import jsonschema
import pytest

import diplotext

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))

TEXTS = {
    "readout": (
        "Deputy Secretary of State Wendy R. Sherman met with Russian Deputy Foreign Minister "
        "Sergey Ryabkov in Geneva on January 10 for the Strategic Stability Dialogue. "
        "The Deputy Secretary stressed the U.S. commitment to the principles of sovereignty. "
        "“We will not negotiate about Ukraine without Ukraine,” she said."
    ),
    "transcript": (
        "SECRETARY BLINKEN:  Good afternoon.  We are prepared to talk.\n\n"
        "QUESTION:  Will there be sanctions?\n\n"
        "SECRETARY BLINKEN:  If Russia invades, it will face severe costs."
    ),
    "html": '<script>alert("x")</script> The <b>Kremlin</b> said "no". Moscow\'s reply came.',
    "unbalanced": "He said, “This never closes. And Russia’s “view is ‘odd.\n\nNext paragraph.",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_output_validates_and_spans_match(name):
    doc = diplotext.parse(TEXTS[name])
    data = json.loads(json.dumps(doc.to_dict()))
    jsonschema.validate(data, SCHEMA)
    text = data["text"]
    for key in ("quotes", "reported_speech", "mentions", "formats", "time_expressions", "devices"):
        for item in data[key]:
            assert 0 <= item["start"] <= item["end"] <= len(text)
            assert text[item["start"] : item["end"]] == item["text"], (key, item)


def test_seed_output_validates(seed_doc):
    data = seed_doc.to_dict()
    jsonschema.validate(json.loads(json.dumps(data)), SCHEMA)
    assert data["metadata"]["title"] == "A Diplomatic Path Is Open To Russia"
    for m in data["mentions"]:
        assert m["actor"] in data["actors"]
    for q in data["quotes"]:
        assert q["speaker"] is None or q["speaker"] in data["actors"]


def test_every_rule_id_names_a_real_rule(seed_doc):
    known = {rid for _, rid, _ in diplotext.iter_rules()}
    items = [
        *seed_doc.paragraphs,
        *seed_doc.sentences,
        *seed_doc.mentions,
        *seed_doc.quotes,
        *seed_doc.reported_speech,
        *seed_doc.formats,
        *seed_doc.time_expressions,
        *seed_doc.devices,
        *seed_doc.frames,
    ]
    assert items
    missing = sorted({i.rule for i in items} - known)
    assert not missing, f"items name rules that explain() cannot show: {missing}"
    for rid in {i.rule for i in items}:
        assert rid.split(".")[0] in {
            "segment",
            "formats",
            "actors",
            "quotes",
            "timex",
            "rhetoric",
            "frames",
        }
        assert diplotext.explain(rid, source=False).startswith(rid)
