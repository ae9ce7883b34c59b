"""Sentences beyond the seed (issue #9 section 3): list items, a.m./p.m., ellipses, the
pronoun "I", hard-wrapped text, and pySBD's English Golden Rules."""

from __future__ import annotations

import json
import textwrap

import pytest

import diplotext

from .conftest import ROOT

GOLDEN = json.loads((ROOT / "tests" / "data" / "golden_rules" / "en.json").read_text("utf-8"))

#: Golden Rules the splitter does not pass, with the reason (issue #9: at least 46 of 48).
KNOWN_FAILURES: dict[int, str] = {}


def sents(text: str, **kw) -> list[str]:
    doc = diplotext.parse(text, **kw)
    return [doc.text[s.start : s.end] for s in doc.sentences]


def test_golden_rules():
    failing = set()
    for case in GOLDEN["cases"]:
        got = [s.strip() for s in sents(case["text"])]
        if got != case["expected"]:
            failing.add(case["id"])
    assert failing == set(KNOWN_FAILURES)
    assert len(GOLDEN["cases"]) == 48 and len(failing) <= 2


# ----------------------------------------------------------------------------- list items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
        ("(a) first thing; (b) second thing", ["(a) first thing;", "(b) second thing"]),
        ("a) Talks. b) Sanctions.", ["a) Talks.", "b) Sanctions."]),
        ("• 1. One • 2. Two", ["• 1. One", "• 2. Two"]),
    ],
)
def test_list_items_start_sentences(text, expected):
    assert sents(text) == expected


def test_list_item_rule_is_named_and_marker_point_never_ends_a_sentence():
    doc = diplotext.parse("1. We, the Heads of State, met in Paris. We agreed.\n2. Next.")
    got = [(doc.text[s.start : s.end], s.rule) for s in doc.sentences]
    assert got == [
        ("1. We, the Heads of State, met in Paris.", "segment.full_stop"),
        ("We agreed.", "segment.paragraph_end"),
        ("2. Next.", "segment.paragraph_end"),
    ]
    one = diplotext.parse("1. One 2. Two")
    assert [s.rule for s in one.sentences] == ["segment.list_items", "segment.paragraph_end"]


def test_a_number_out_of_sequence_is_no_list_item():
    # "2." only continues a list that a "1." opened; "Article 2." stays as before
    assert sents("See Article 2. The talks went on.") == ["See Article 2.", "The talks went on."]
    assert sents("1. Go to section 3. Then stop.") == ["1. Go to section 3.", "Then stop."]


# ----------------------------------------------------------------------------- a.m. / p.m.


def test_time_of_day_ends_a_clause_before_a_name_but_not_an_opening_time():
    assert sents("At 5 a.m. Mr. Smith went to the bank. He left it at 6 p.m. Mr. Smith ran.") == [
        "At 5 a.m. Mr. Smith went to the bank.",
        "He left it at 6 p.m.",
        "Mr. Smith ran.",
    ]


@pytest.mark.parametrize("after", ["EST", "Monday", "Moscow time"])
def test_time_of_day_goes_on_with_a_time_zone_weekday_or_time(after):
    text = f"The talks in Geneva began at 10 a.m. {after} and ended late."
    assert sents(text) == [text]


def test_pronoun_i_ends_a_sentence_an_initial_does_not():
    assert sents("We make a good team, you and I. Did you see Albert I. Jones yesterday?") == [
        "We make a good team, you and I.",
        "Did you see Albert I. Jones yesterday?",
    ]


# ----------------------------------------------------------------------------- hard wrapping


def _wrapped(text: str, sep: str = "\n\n") -> str:
    # Archives wrap at spaces: a hyphen at a line end ("so-\ncalled") would unwrap as "so- called".
    lines = (line for line in text.splitlines() if line.strip())
    return sep.join(textwrap.fill(line, 72, break_on_hyphens=False) for line in lines)


def _norm(doc) -> list[str]:
    return [" ".join(doc.text[s.start : s.end].split()) for s in doc.sentences]


@pytest.mark.parametrize(
    "name", ["seed", *sorted(p.stem for p in (ROOT / "seeds" / "examples").glob("*.txt"))]
)
def test_hard_wrapped_text_gives_the_sentences_of_the_unwrapped_text(name):
    path = diplotext.seed_path() if name == "seed" else ROOT / "seeds" / "examples" / f"{name}.txt"
    text = diplotext.read_text(path)
    original = diplotext.parse(text)
    assert original.paragraphs[0].rule == "segment.paragraphs"  # one paragraph per line
    wrapped = diplotext.parse(_wrapped(text))
    assert {p.rule for p in wrapped.paragraphs} == {"segment.hard_wrapped"}
    assert len(wrapped.paragraphs) == len(original.paragraphs)
    assert _norm(wrapped) == _norm(original)
    # without blank lines between paragraphs the sentences are still the same, where every
    # paragraph ends a sentence (a treaty preamble's lines ending in "," become one sentence)
    if all(text[p.start : p.end].rstrip()[-1:] in '.?!:"”)' for p in original.paragraphs):
        assert _norm(diplotext.parse(_wrapped(text, "\n"))) == _norm(original)


def test_keep_lines_switches_the_detection_off(seed_text):
    wrapped = _wrapped(seed_text)
    kept = diplotext.parse(wrapped, keep_lines=True)
    lines = [line for line in wrapped.splitlines() if line.strip()]
    assert len(kept.paragraphs) == len(lines)
    assert {p.rule for p in kept.paragraphs} == {"segment.paragraphs"}
    same = diplotext.parse(wrapped, disable=["segment.hard_wrapped", "segment.broken_lines"])
    assert same == kept


def test_a_list_of_headlines_is_not_hard_wrapped():
    headlines = "\n".join(
        [
            "Andrew Natsios to Lead Delegation to Sudan for Darfur Conference",
            "Political Reconciliation is Key to Solving the Problems of the Region",
            "Secretary's Efforts on the Darfur Issue and Other Officials Involved",
            "President's Comments on Missile Defense and the System Defensive",
            "Discussions with Russians on Innovative Proposals Addressing Concerns",
            "System Not One that Can Defend Against a Missile Capability Today",
        ]
    )
    doc = diplotext.parse(headlines)
    assert len(doc.paragraphs) == 6 and doc.paragraphs[0].rule == "segment.paragraphs"


def test_keep_lines_in_the_metadata_as_a_lesson_pack_writes_it(seed_text, tmp_path):
    from diplotext.cli import build_parser
    from diplotext.model import Metadata

    wrapped = _wrapped(seed_text)
    meta = Metadata(extra=(("keep_lines", "true"),))
    assert diplotext.parse(wrapped, meta) == diplotext.parse(wrapped, meta, keep_lines=True)
    assert len(diplotext.parse(wrapped, meta).paragraphs) > len(diplotext.parse(wrapped).paragraphs)
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped, encoding="utf-8")
    (tmp_path / "wrapped.meta.toml").write_text('keep_lines = "true"\n', encoding="utf-8")
    assert diplotext.load(path).paragraphs == diplotext.parse(wrapped, keep_lines=True).paragraphs
    args = build_parser().parse_args(["lesson", str(path), "--out", "x", "--keep-lines"])
    assert args.keep_lines is True


@pytest.mark.parametrize(
    "text",
    [
        "By the time he made these statements…Mr. Peskov and Ms. Zakharova had spoken.",
        "We must look at the record as well…The facts are plain to see.",
    ],
)
def test_an_ellipsis_glued_to_both_words_stays_inside_the_sentence(text):
    assert sents(text) == [text]
