"""Pathological input: long sentences full of "if", "unless", abbreviations, quotation marks
and list separators give a valid parse (issue #11).

These tests assert what must hold on any input (spans inside the text, items in order,
every item named by a listed rule); they never time anything. The time each pattern takes
against real prose is a figure of ``bench/run --only pathological`` (goal: at most 10x).
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplotext
from diplotext import pipeline
from diplotext.model import Document
from diplotext.rhetoric.conditionals import MAX_CLAUSE

#: The patterns of the benchmark (bench/run, bench_pathological), one piece each.
PATTERNS = {
    "if": "if Russia ",
    "unless": "unless NATO agrees ",
    "Mr.": "Mr. ",
    "U.S.": "the U.S. ",
    "framed quotes": "“Yes,” he said. ",
    "open quotes": "“a ",
    "single quotes": "‘a’ ",
    "straight quotes": '"a" ',
    "names list": "Georgia, Moldova and ",
    "word list": "peace, security, and ",
    "semicolons": "that a; ",
    "said": "said ",
    "said that": "he said that ",
    "ellipsis": ". . . ",
    "mixed": "if Russia, unless Mr. Price said “no”, the U.S., NATO and ",
    "names said": "Jeff Traeger, the union chair, said ",
    "he said": "“No,” he said. Anna Berg said so. ",
    "Q labels": "Q   Why?\n\n",
    "bylines": "“Yes.”\n— Jeff Traeger\n",
    "surname said": "Peter Walcott arrived. Walcott said ",
    "described as": "Anna Berg described it as “a”. ",
    "name cards": "Anna Berg\n\nMinister, Erewhon\n\n“No.”\n\n",
    "occupations": "weightlifter Ann Ode won. Bo Li, Air Force head coach, left. “Yes,” she says. ",
    "radio labels": "ANNA BERG: “No.” Anna Berg\n\n",
    "label lines": "Anna Berg, Erewhon Minister:\n“No.”\n",
}

PIECES = st.sampled_from(
    [
        *PATTERNS.values(),
        "if ",
        "unless ",
        ", ",
        " and ",
        "; ",
        "“",
        "”",
        "'",
        ".",
        "\n",
        "Secretary Blinken ",
        "Ms. Jones said: ",
        "A, B, and C ",
        "the Russian president said ",
        "MS. DOE: ",
        "the following statement:\n",
    ]
)
RULE_IDS = {rid for _, rid, _ in pipeline.iter_rules(readers=False)}


def check(doc: Document) -> None:
    """Invariants of any parse."""
    text, n = doc.text, len(doc.text)
    spans = [
        *doc.paragraphs,
        *doc.sentences,
        *doc.formats,
        *doc.mentions,
        *doc.quotes,
        *doc.reported_speech,
        *doc.time_expressions,
        *doc.devices,
    ]
    for item in spans:
        assert 0 <= item.start < item.end <= n, item
        assert item.rule in RULE_IDS, item.rule
        if hasattr(item, "text"):
            assert item.text == text[item.start : item.end]
    for a, b in pairwise(doc.sentences):
        assert a.end <= b.start and a.paragraph <= b.paragraph
    for s in doc.sentences:
        p = doc.paragraphs[s.paragraph]
        assert p.start <= s.start and s.end <= p.end
    for a, b in pairwise(doc.mentions):
        assert a.end <= b.start  # the longest span wins: mentions never overlap
    for d in doc.devices:
        for part in d.parts:
            assert d.start <= part.start < part.end <= d.end
            assert part.text == text[part.start : part.end]
        if d.category == "conditional":
            assert all(p.end - p.start <= MAX_CLAUSE for p in d.parts)
    for f in doc.frames:
        s = doc.sentences[f.sentence]
        assert s.start <= f.start < f.end <= s.end and f.rule in RULE_IDS


@pytest.mark.parametrize("name", list(PATTERNS))
def test_a_long_run_of_each_pattern_parses_validly(name):
    piece = PATTERNS[name]
    doc = diplotext.parse((piece * (20_000 // len(piece) + 1))[:20_000])
    check(doc)


def test_a_long_conditional_run_gives_bounded_clauses():
    doc = diplotext.parse("if Russia " * 3000)
    conditionals = [d for d in doc.devices if d.category == "conditional"]
    # most "if"s give a device (those nested in a longer one of the same category are
    # dropped by the step); none spans more than two capped clauses
    assert len(conditionals) > 2000
    assert max(d.end - d.start for d in conditionals) <= 2 * MAX_CLAUSE + 1


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=80).map("".join), st.integers(1, 30))
def test_pathological_mixtures_parse_validly(chunk, repeat):
    text = chunk * repeat
    if not text.strip():
        return
    check(diplotext.parse(text))


def test_the_benchmark_times_the_same_patterns():
    """bench/run's PATHOLOGICAL dict and PATTERNS above are one list: a pattern timed but
    never property-tested (or the reverse) would be a gap."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parents[1] / "bench" / "run").read_text(encoding="utf-8"))
    found = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "PATHOLOGICAL" for t in node.targets)
    ]
    assert len(found) == 1
    assert ast.literal_eval(found[0]) == PATTERNS
