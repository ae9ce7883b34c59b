"""Comparing statements: profiles per 100 words, the table, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import diplotext
from diplotext.compare import compare, compare_paths, metric_label, profile
from diplotext.errors import InputError

from .conftest import ROOT, SEED

EXAMPLES = sorted((ROOT / "seeds" / "examples").glob("*.txt"))
READOUT = ROOT / "seeds" / "examples" / "state-2022-01-09-sherman-ryabkov-readout.txt"


def test_profile_is_normalised_per_100_words():
    words = " ".join(["word"] * 43)
    text = f"“We will talk,” the Secretary said. {words} “We will listen,” she said."
    doc = diplotext.parse(text)
    assert doc.word_count() == 54
    assert len(doc.quotes) == 2
    assert profile(doc)["quotes"] == round(100 * 2 / 54, 3)


def test_profile_counts_naming_by_form(seed_doc):
    p = profile(seed_doc)
    words = seed_doc.word_count()
    metonyms = sum(1 for m in seed_doc.mentions if m.actor == "RUS" and m.form == "metonym")
    assert metonyms == 3
    assert p["mentions_rus_metonym"] == round(100 * metonyms / words, 3)
    assert list(p)[:2] == ["quotes", "reported_speech"]


def test_compare_seed_with_examples_names_each_texts_own_speakers(seed_doc):
    docs = [seed_doc, diplotext.load(READOUT)]
    comp = compare(docs)
    seed, readout = comp.statements
    assert seed.label == "editorial 2022-01" and readout.label.startswith("readout")
    assert seed.speakers == ("Antony Blinken",)
    assert "Wendy R. Sherman" in readout.speakers and "Antony Blinken" not in readout.speakers
    assert comp.value(readout.label, "quotes") == 0.0
    text = comp.table().to_text()
    assert "direct quotations" in text and "words" in text
    assert str(seed_doc.word_count()) in text


def test_compare_rejects_nothing_and_mismatched_labels(seed_doc):
    with pytest.raises(InputError):
        compare([])
    with pytest.raises(InputError, match="labels"):
        compare([seed_doc], ["a", "b"])


def test_duplicate_labels_are_made_unique(seed_doc):
    comp = compare([seed_doc, seed_doc])
    assert len({s.label for s in comp.statements}) == 2


def test_metric_labels_are_readable():
    assert metric_label("mentions_rus_metonym") == "RUS named by metonym"
    assert metric_label("threats") == "conditionals: threats"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "diplotext.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_compare_table_and_json():
    r = run_cli("compare", str(SEED), *map(str, EXAMPLES))
    assert r.returncode == 0, r.stderr
    assert "per 100 words" in r.stdout and "editorial 2022-01" in r.stdout
    r = run_cli("compare", "--json", str(SEED), str(READOUT))
    data = json.loads(r.stdout)
    assert data["unit"] == "per 100 words"
    assert [s["words"] for s in data["statements"]] == [
        diplotext.load(SEED).word_count(),
        diplotext.load(READOUT).word_count(),
    ]
    assert compare_paths([SEED, READOUT]).to_dict() == data


def test_cli_compare_bad_path_is_one_line(tmp_path):
    r = run_cli("compare", str(SEED), str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "no such file" in r.stderr


def _examples():
    return [diplotext.load(p) for p in sorted((ROOT / "seeds" / "examples").glob("*.txt"))]


def test_pick_finds_a_statement_by_genre_or_names_the_genres_there_are(seed_doc):
    from diplotext.compare import pick

    docs = [seed_doc, *_examples()]
    got = pick(docs, "TRANSCRIPT")
    assert "transcript" in got.metadata.genre and got is not seed_doc
    assert pick(docs, "editorial") is seed_doc  # the first one that matches
    with pytest.raises(InputError) as e:
        pick(docs, "sonnet")
    assert "no statement of genre 'sonnet'" in str(e.value)
    assert got.metadata.genre in str(e.value)  # says which genres there are


def test_step_table_gives_the_rate_of_one_item_per_statement(seed_doc):
    comp = compare([seed_doc, *_examples()[:1]], labels=["a", "b"])
    rows = comp.step_table().rows
    words = [s.words for s in comp.statements]
    assert [r[0] for r in rows] == ["a", "b"]
    assert [r[2] for r in rows] == [f"{100 / w:.2f}" for w in words]
    from dataclasses import replace

    from diplotext.compare import Comparison

    silent = Comparison((replace(comp.statements[0], words=0),), comp.actor)
    assert silent.step_table().rows[0][1:] == ("0", "no words")  # not a ZeroDivisionError
