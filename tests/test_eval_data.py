"""The evaluation set (eval/): every annotation is consistent with its text and its README.

These tests check the measuring stick, not the parser: offsets inside the text, quoted text
equal to the annotated span, provenance and licence for every text, the dev/held-out split.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
SPLITS = ("dev", "heldout")
GENRES = {"news", "transcript", "statement"}
PROVENANCE = ("title", "publisher", "author", "date", "url", "found_at", "licence", "excerpt")
LICENCES = ("Public domain", "Open Government Licence", "CC BY")
SPANS = ("quotes", "reported", "turns", "other_marked")


def _texts() -> list[Path]:
    return sorted(p for split in SPLITS for p in (EVAL / split).glob("*.txt"))


def _load(txt: Path) -> tuple[str, dict]:
    return txt.read_text(encoding="utf-8"), json.loads(
        txt.with_suffix(".json").read_text(encoding="utf-8")
    )


TEXTS = _texts()


def test_the_set_has_at_least_40_texts_in_both_splits_and_nothing_stray():
    assert len(TEXTS) >= 40
    for split in SPLITS:
        names = {p.stem for p in (EVAL / split).iterdir()}
        assert {p.stem for p in (EVAL / split).glob("*.txt")} == names, split
        assert {p.stem for p in (EVAL / split).glob("*.json")} == names, split
    assert not set(p.stem for p in (EVAL / "dev").glob("*.txt")) & set(
        p.stem for p in (EVAL / "heldout").glob("*.txt")
    )


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_annotation_matches_its_text(txt: Path):
    text, ann = _load(txt)
    assert ann["id"] == txt.stem
    assert ann["split"] == txt.parent.name
    assert ann["genre"] in GENRES
    assert isinstance(ann["sentences"], int) and ann["sentences"] > 0
    for key in SPANS:
        items = ann.get(key, [])
        assert isinstance(items, list), key
        for item in items:
            start, end = item["start"], item["end"]
            assert 0 <= start < end <= len(text), (key, item)
            if key == "turns":
                assert text[start:end].startswith(item["label"]), item
                assert text[:start].endswith("\n") or text[:start].strip() == "", item
            else:
                assert text[start:end] == item["text"], (key, item)
                assert item["text"] == item["text"].strip(), (key, item)
        if key in ("quotes", "reported", "turns"):
            for item in items:
                assert item["speaker"] is None or item["speaker"].strip(), item
    for q in ann["quotes"]:
        assert q["kind"] in ("full", "fragment"), q


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_quote_spans_sit_inside_quotation_marks(txt: Path):
    text, ann = _load(txt)
    opening, closing = "\"“'‘", "\"”'’"
    for q in ann["quotes"] + ann.get("other_marked", []):
        before, after = text[q["start"] - 1], text[q["end"] : q["end"] + 1]
        assert before in opening, q
        # a paragraph of a quotation that runs on has no closing mark (the next opens again)
        assert after in closing or (after == "\n" and text[q["end"] :].lstrip()[:1] in opening), q


@pytest.mark.parametrize("txt", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_text_has_provenance_and_a_compatible_licence(txt: Path):
    _, ann = _load(txt)
    prov = ann["provenance"]
    for key in PROVENANCE:
        assert key in prov, key
    for key in ("title", "publisher", "found_at", "licence", "excerpt", "copied"):
        assert isinstance(prov[key], str) and prov[key].strip(), key
    assert prov["licence"].startswith(LICENCES), prov["licence"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", prov["copied"])
    assert prov["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", prov["date"])
    for key in ("url", "found_at"):
        urls = re.findall(r"https?://\S+", prov[key] or "")
        assert prov[key] is None or urls, key
    if prov["url"]:
        assert prov["url"] in prov["found_at"], "a url is one that was seen where it was read"
        # `url` is the publisher's own address (eval/README.md); a republisher's copy is
        # named by `found_at` alone
        assert not re.search(r"republished by|copy on", prov["publisher"]), prov["url"]


def test_held_out_part_is_about_30_percent_in_every_genre():
    genres = {split: Counter() for split in SPLITS}
    for txt in TEXTS:
        genres[txt.parent.name][_load(txt)[1]["genre"]] += 1
    total = sum(genres["heldout"].values()) / len(TEXTS)
    assert 0.25 <= total <= 0.40
    for genre in GENRES:
        n = genres["dev"][genre] + genres["heldout"][genre]
        assert n >= 5, genre
        assert 0.2 <= genres["heldout"][genre] / n <= 0.45, genre


def test_transcripts_have_labelled_turns_and_other_genres_none():
    for txt in TEXTS:
        _, ann = _load(txt)
        assert bool(ann.get("turns")) == (ann["genre"] == "transcript"), txt.stem


def test_readme_lists_every_text_with_its_split():
    readme = (EVAL / "README.md").read_text(encoding="utf-8")
    for txt in TEXTS:
        assert re.search(rf"\| {txt.parent.name} \| \w+ \| `{re.escape(txt.stem)}` \|", readme), (
            txt.stem
        )


# ------------------------------------------------------- the Golden Rules data and the metric


GOLDEN = EVAL.parent / "tests" / "data" / "golden_rules"


def test_golden_rules_are_the_48_cases_whose_sentences_rebuild_their_text():
    data = json.loads((GOLDEN / "en.json").read_text(encoding="utf-8"))
    cases = data["cases"]
    assert [c["id"] for c in cases] == list(range(1, 49))
    for c in cases:
        assert " ".join(c["expected"]) == " ".join(c["text"].split()), c["id"]
    assert "MIT License" in (GOLDEN / "LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2017 Nipun aka Saddy" in (GOLDEN / "LICENSE").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def accuracy():
    import importlib.util

    spec = importlib.util.spec_from_file_location("accuracy", EVAL.parent / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _span(start, end, **kw):
    return {"start": start, "end": end, **kw}


def test_spans_pair_one_to_one_by_largest_overlap(accuracy):
    gold = [_span(0, 10), _span(20, 30)]
    pred = [_span(5, 25), _span(22, 40), _span(50, 60)]
    assert accuracy.match(gold, pred) == {1: 1, 0: 0}
    assert accuracy.match([_span(0, 10)], [_span(10, 20)]) == {}


def test_speaker_names_match_on_surname_only(accuracy):
    v = accuracy.speaker_verdict
    assert v("Sergey Lavrov", "Sergei Lavrov") == "correct"
    assert v("Price", "Ned Price") == "correct"
    assert v("Ban Ki-moon", "Ban Ki-moon") == "correct"
    assert v("Jen Psaki", "Jen") == "wrong"
    assert v("James Jeffrey", "United States") == "wrong"
    assert v("James Jeffrey", None) == "empty"
    assert v("Lloyd J. Austin III", "Austin") == "correct"  # a generational suffix is skipped
    assert v("Martin Luther King Jr.", "Luther") == "wrong"


def test_score_counts_wrong_apart_from_empty_and_missed(accuracy):
    item = {
        "quotes": [
            _span(0, 5, speaker="Ana Lopez"),
            _span(10, 15, speaker="Ana Lopez"),
            _span(20, 25, speaker="Ana Lopez"),
            _span(30, 35, speaker="Ben Ode"),
            _span(40, 45, speaker=None),
        ],
        "other_marked": [_span(60, 70)],
        "reported": [_span(50, 55)],
        "sentences": 3,
    }
    out = {
        "quotes": [
            _span(0, 5, speaker="ana-lopez", speaker_name=None),
            _span(11, 15, speaker=None, speaker_name="Ben Ode"),
            _span(20, 25, speaker=None, speaker_name=None),
            _span(40, 44, speaker=None, speaker_name=None),
            _span(61, 69, speaker=None, speaker_name=None),
        ],
        "actors": {"ana-lopez": {"name": "Ana Lopez"}},
        "reported_speech": [_span(52, 58)],
        "sentences": [{}, {}, {}],
    }
    c = accuracy.score_text(item, out)
    assert (c["gold"], c["pred"], c["tp"], c["exact"]) == (5, 4, 4, 2)
    assert (c["named"], c["correct"], c["wrong"], c["empty"], c["missed"]) == (4, 1, 1, 1, 1)
    assert (c["reported_found"], c["sentences_exact"]) == (1, 1)
    assert (c["unnamed"], c["unnamed_given"]) == (1, 0)
    out["quotes"][3]["speaker_name"] = "Ben Ode"  # a speaker the text does not name
    assert accuracy.score_text(item, out)["unnamed_given"] == 1
    out["quotes"][3]["speaker_name"] = None
    s = accuracy.summarise(c)
    assert s["span_precision"] == 1.0 and s["span_recall"] == 0.8
    assert s["speaker_correct"] == 0.25 and s["speaker_wrong"] == 0.25
    # the one empty speaker, counted under the rule that read its quotation
    assert s["empty_by_rule"] == {"?": 1}
    out["quotes"][2]["rule"] = "quotes.unattributed"
    assert accuracy.summarise(accuracy.score_text(item, out))["empty_by_rule"] == {
        "quotes.unattributed": 1
    }


def test_turns_are_scored_once_the_parser_reports_them(accuracy):
    item = {
        "quotes": [],
        "reported": [],
        "sentences": 1,
        "turns": [_span(0, 9, speaker="Ned Price"), _span(10, 19, speaker=None)],
    }
    out = {"quotes": [], "actors": {}, "reported_speech": [], "sentences": [{}]}
    assert accuracy.score_text(item, out)["turns"] == 0  # not in the output: not measured
    out["turns"] = [_span(0, 9, speaker=None, speaker_name="Price"), _span(11, 19)]
    c = accuracy.score_text(item, out)
    assert (c["turns"], c["turns_found"], c["turns_named"], c["turn_correct"]) == (2, 2, 1, 1)


def test_a_fresh_batch_is_scored_in_aggregate_only(accuracy, tmp_path, capsys):
    # two dev texts copied elsewhere: the same counts as in the whole run, nothing per text
    names = sorted(p.stem for p in (EVAL / "dev").glob("*.txt"))[:2]
    paths = []
    for name in names:
        for ext in (".txt", ".json"):
            (tmp_path / (name + ext)).write_bytes((EVAL / "dev" / (name + ext)).read_bytes())
        paths.append(tmp_path / (name + ".txt"))
    s = accuracy.fresh(paths)
    assert s["texts"] == 2
    assert accuracy.main(["--fresh", *map(str, paths)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 texts, ") and not any(n in out for n in names)
    (tmp_path / (names[0] + ".json")).unlink()
    assert accuracy.main(["--fresh", str(paths[0])]) == 2
