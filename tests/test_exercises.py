"""Exercise categories and the comparison behind Check, on hand-built answers."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import diplotext as dt
from diplotext.exercises import Mark, compare
from diplotext.exercises.categories import Finding
from diplotext.exercises.comparison import PROMPT_AGREE, PROMPT_DIFFER, match

TEXT = (
    "Moscow said it wants talks. The Kremlin must choose. If Russia invades, it will face "
    "severe costs. We are committed to dialogue."
)


@pytest.fixture(scope="module")
def doc() -> dt.Document:
    return dt.parse(TEXT)


@pytest.fixture(scope="module")
def seed() -> dt.Document:
    return dt.load(dt.seed_path())


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(phrase, pos + 1)
    return pos, pos + len(phrase)


# --------------------------------------------------------------------------- categories


def test_categories_have_stable_kebab_ids_and_cover_the_exercises() -> None:
    cats = dt.exercise_categories()
    for cid, c in cats.items():
        assert c.id == cid and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cid), cid
        assert c.label and c.description and callable(c.finder)
    wanted = {
        "direct-quote", "quote-full", "quote-fragment", "reported-speech", "speaker",
        "reporting-verb", "metonym", "name", "evaluation-positive", "evaluation-negative",
        "evaluation-target", "conditional-offer", "conditional-threat", "conditional-norm",
        "commissive", "list-of-three", "contrast", "hedge", "booster", "problem-definition",
        "causal-interpretation", "moral-evaluation", "treatment-recommendation",
    }  # fmt: skip
    assert wanted <= set(cats)


def test_every_finding_is_a_span_of_the_text_with_a_known_rule(seed: dt.Document) -> None:
    rules = {rid for _, rid, _ in dt.iter_rules()}
    total = 0
    for c in dt.exercise_categories().values():
        for f in c.find(seed):
            assert seed.text[f.start : f.end] == f.text and f.start < f.end
            assert f.category == c.id and f.rule in rules
            total += 1
    assert total > 100


def test_finders_read_the_parse(seed: dt.Document) -> None:
    cats = dt.exercise_categories()
    metonyms = [f.text for f in cats["metonym"].find(seed)]
    assert metonyms == ["the Kremlin", "Moscow", "Moscow"]
    assert all(f.rule == "actors.metonym" for f in cats["metonym"].find(seed))
    quotes = cats["direct-quote"].find(seed)
    assert len(quotes) == len(seed.quotes)
    assert {f.rule.split(".")[0] for f in quotes} == {"quotes"}
    # frames are sentence-level: the span is the whole sentence, the cue is in the detail
    for f in cats["problem-definition"].find(seed):
        s = seed.sentence_at(f.start)
        assert s is not None and f.start == s.start and f.detail.startswith("cue: ")


def test_who_is_quoted_and_how(seed: dt.Document) -> None:
    cats = dt.exercise_categories()
    verbs = [f.text for f in cats["reporting-verb"].find(seed)]
    assert {"said", "emphasized", "underscored", "made clear"} <= set(verbs)
    speakers = {f.text for f in cats["speaker"].find(seed)}
    assert "Secretary Blinken" in speakers
    for f in cats["speaker"].find(seed):  # the speaker is named outside the quoted words
        assert not any(q.start <= f.start < q.end for q in seed.quotes)
    targets = cats["evaluation-target"].find(seed)
    assert targets and all(f.rule == "rhetoric.evaluation_lexicon" for f in targets)
    assert all(seed.sentence_at(f.start) for f in targets)


def test_unknown_category_is_one_clear_error(doc: dt.Document) -> None:
    with pytest.raises(dt.InputError, match="unknown exercise category 'metonyms'"):
        dt.check_phrases(doc, {"metonyms": ["Moscow"]})


# --------------------------------------------------------------------------- overlap rule


def F(text: str, s: int, e: int, cat: str = "metonym") -> Finding:
    return Finding(s, e, text[s:e], cat, "actors.metonym")


def M(s: int, e: int, cat: str = "metonym") -> Mark:
    return Mark(s, e, cat)


def test_match_exact_partial_and_disjoint() -> None:
    t = "aaa bbb ccc ddd"
    agreed, mine, parser = match(t, [M(0, 3), M(4, 11), M(12, 15)], [F(t, 0, 3), F(t, 8, 15)])
    assert [(a.student.start, a.parser.start) for a in agreed] == [(0, 0), (4, 8)]
    assert [m.start for m in mine] == [12] and parser == ()


def test_sharing_only_a_space_or_punctuation_is_not_agreement() -> None:
    t = "aaa, bbb"
    agreed, mine, parser = match(t, [M(0, 5)], [F(t, 3, 8)])  # shares ", " only
    assert agreed == () and len(mine) == 1 and len(parser) == 1


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    t = "aaa bbb ccc"
    # one long student mark over two parser items: agrees with the larger one only
    agreed, mine, parser = match(t, [M(0, 11)], [F(t, 0, 3), F(t, 4, 11)])
    assert [(a.parser.start, a.parser.end) for a in agreed] == [(4, 11)]
    assert [(f.start, f.end) for f in parser] == [(0, 3)] and mine == ()
    # two student marks on one parser item: one agreed, the other is the student's own
    agreed, mine, parser = match(t, [M(0, 3), M(0, 7)], [F(t, 0, 7)])
    assert [(a.student.start, a.student.end) for a in agreed] == [(0, 7)]
    assert [(m.start, m.end) for m in mine] == [(0, 3)] and parser == ()


def test_only_the_same_category_agrees() -> None:
    t = "Moscow"
    agreed, mine, parser = match(t, [M(0, 6, "name")], [F(t, 0, 6, "metonym")])
    assert agreed == () and len(mine) == 1 and len(parser) == 1


# --------------------------------------------------------------------------- comparison


def test_compare_hand_built_answers(doc: dt.Document) -> None:
    marks = [M(*span(TEXT, "Moscow")), M(*span(TEXT, "Russia"))]  # Russia is a name, not a metonym
    c = compare(doc, marks, ["metonym"])
    assert [a.parser.text for a in c.agreed] == ["Moscow"]
    assert [m.text for m in c.student_only] == ["Russia"]
    assert [f.text for f in c.parser_only] == ["The Kremlin"]
    assert c.counts() == {"agreed": 1, "student_only": 1, "parser_only": 1}
    assert c.prompt == PROMPT_DIFFER
    assert "actors.metonym" in c.explanation(c.parser_only[0])


def test_plain_repr_three_lists_one_prompt_and_rules(doc: dt.Document) -> None:
    c = compare(doc, [M(*span(TEXT, "Moscow")), M(*span(TEXT, "Russia"))], ["metonym"])
    text = repr(c)
    assert text == repr(
        compare(doc, [M(*span(TEXT, "Russia")), M(*span(TEXT, "Moscow"))], ["metonym"])
    )
    for head in ("Agreed (1):", "Found only by you (1):", "Found only by the parser (1):"):
        assert head in text
    assert text.count("Who is right, and why?") == 1
    assert "the parser calls this: name" not in text  # name is not a category of this check
    assert "actors.metonym: A capital or a seat of government" in text
    assert "can be wrong" in text


def test_student_only_says_what_the_parser_calls_it(doc: dt.Document) -> None:
    c = compare(doc, [M(*span(TEXT, "Russia"))], ["metonym", "name"])
    assert [m.text for m in c.student_only] == ["Russia"]
    assert "the parser calls this: name" in repr(c)


def test_all_agreed_asks_what_both_missed(doc: dt.Document) -> None:
    marks = [M(*span(TEXT, "Moscow")), M(*span(TEXT, "The Kremlin"))]
    c = compare(doc, marks, ["metonym"])
    assert c.counts() == {"agreed": 2, "student_only": 0, "parser_only": 0}
    assert c.prompt == PROMPT_AGREE and "Found only by the parser (0):" in repr(c)


def test_html_is_escaped_and_labelled() -> None:
    text = "Moscow said <b>no</b>. The Kremlin & <script>alert(1)</script> agreed."
    d = dt.parse(text)
    c = dt.check_phrases(d, {"metonym": ["<script>alert(1)</script>", "Moscow"]})
    out = c._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>spoke" not in out
    for label in ("Agreed", "Found only by you", "Found only by the parser"):
        assert f"aria-label='{label}'" in out
    assert out.count("dt-prompt") == 1 and "<details" in out


def test_check_phrases_every_occurrence_and_not_found(seed: dt.Document) -> None:
    c = dt.check_phrases(seed, {"metonym": ["Moscow", "Washington"]})
    assert [a.student.text for a in c.agreed] == ["Moscow", "Moscow"]
    assert [f.text for f in c.parser_only] == ["the Kremlin"]
    assert c.not_found == (("metonym", "Washington"),)
    assert "Not in the text (metonym): “Washington”" in repr(c)


def test_check_phrases_case_fallback_and_word_boundaries(doc: dt.Document) -> None:
    c = dt.check_phrases(doc, {"metonym": ["the kremlin", "Mosc"]})
    assert [a.student.text for a in c.agreed] == ["The Kremlin"]
    assert c.not_found == (("metonym", "Mosc"),)


def test_compare_refuses_marks_outside_the_text_or_the_exercise(doc: dt.Document) -> None:
    with pytest.raises(dt.InputError, match="outside the text"):
        compare(doc, [M(0, 10_000)], ["metonym"])
    with pytest.raises(dt.InputError, match="does not ask for"):
        compare(doc, [M(0, 6, "hedge")], ["metonym"])


def test_exercise_checks_are_imported_on_first_use_only():
    """A lesson without an annotator does not pay for importing the checks (warm-lesson cost)."""
    code = (
        "import sys, diplotext as dt\n"
        "from diplotext import context, views, lesson, compare\n"
        "assert 'diplotext.exercises' not in sys.modules, 'imported too early'\n"
        "from diplotext import exercise_categories\n"
        "assert callable(dt.check) and 'diplotext.exercises' in sys.modules\n"
        "assert dt.exercise_categories is exercise_categories\n"
        "try:\n    dt.no_such_name\nexcept AttributeError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "module 'diplotext' has no attribute 'no_such_name'"
