"""The answers file and the annotator's kernel side (the browser side: tests/browser)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

import diplotext as dt
from diplotext.annotator import NO_MARKS_YET, annotate, tokens
from diplotext.exercises import Mark
from diplotext.exercises import answers as A

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "docs" / "answers.schema.json").read_text(encoding="utf-8"))
TEXT = "Moscow said it wants talks. The Kremlin must choose.\n\nRussia will face costs."


@pytest.fixture
def doc() -> dt.Document:
    return dt.parse(TEXT)


def at(phrase: str) -> dict:
    s = TEXT.index(phrase)
    return {"start": s, "end": s + len(phrase), "category": "metonym"}


def widget(doc: dt.Document, tmp_path: Path, **kw):
    kw.setdefault("categories", ("metonym", "name"))
    return annotate(doc, lesson="l1", exercise="ex1", answers_dir=tmp_path, **kw)


# --------------------------------------------------------------------------- answers file


def test_round_trip_validates_against_the_schema(doc: dt.Document, tmp_path: Path) -> None:
    path = tmp_path / "l1.json"
    marks = [Mark(0, 6, "metonym"), Mark(28, 39, "metonym")]
    A.save_exercise(path, "l1", "ex1", TEXT, "  Robin  ", marks, ["metonym"])
    A.save_exercise(path, "l1", "ex2", TEXT, "Robin", [Mark(54, 60, "name")], ["name"])
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["student"] == "Robin" and data["text_sha256"] == A.text_sha256(TEXT)
    assert sorted(data["exercises"]) == ["ex1", "ex2"]  # saving ex2 kept ex1
    assert "rule" not in json.dumps(data)  # spans and categories only
    student, back = A.load_exercise(path, "l1", "ex1", TEXT)
    assert student == "Robin"
    assert [(m.start, m.end, m.category, m.text) for m in back] == [
        (0, 6, "metonym", "Moscow"),
        (28, 39, "metonym", "The Kremlin"),
    ]
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_schema_and_reader_agree_on_bad_files() -> None:
    good = A.build(None, "l1", "ex1", TEXT, "R", [Mark(0, 6, "metonym")], ["metonym"])
    jsonschema.validate(good, SCHEMA)

    def ex(mark: dict) -> dict:
        return {"ex1": {"categories": ["metonym"], "marks": [mark]}}

    bad_cases = [
        {**good, "format": "something-else"},
        {**good, "text_sha256": "abc"},
        {**good, "extra": 1},
        {**good, "exercises": ex({"start": "0", "end": 6, "category": "metonym"})},
        {**good, "exercises": ex({"start": 0, "end": 6, "category": "metonym", "rule": "x"})},
        {**good, "student": "x" * 81},
    ]
    for bad in bad_cases:
        assert A.problems(bad), bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "jupyter-notebook"}', "not a diplotext answers file"),
        ("[1, 2]", "not a JSON object"),
        (b"\xff\xfe\x00", "cannot be read"),
    ],
)
def test_corrupt_or_foreign_file_is_reported_and_kept(
    doc: dt.Document, tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = tmp_path / "l1.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = path.read_bytes()
    with pytest.raises(A.AnswersFileError, match=message):
        A.save_exercise(path, "l1", "ex1", TEXT, "", [Mark(0, 6, "metonym")], ["metonym"])
    w = widget(doc, tmp_path)
    assert w.status_kind == "error" and "NOT being saved" in w.status and message in w.status
    w.marks = [at("Moscow")]
    assert path.read_bytes() == before  # never overwritten
    assert "NOT being saved" in w.status
    assert json.loads(w.answers_json)["exercises"]["ex1"]["marks"][0]["text"] == "Moscow"


def test_other_lesson_or_changed_text_is_reported_not_accepted(tmp_path: Path) -> None:
    path = tmp_path / "l1.json"
    A.save_exercise(path, "l1", "ex1", TEXT, "R", [Mark(0, 6, "metonym")], ["metonym"])
    before = path.read_bytes()
    changed = TEXT.replace("talks", "peace")
    with pytest.raises(A.AnswersFileError, match="different text"):
        A.load_exercise(path, "l1", "ex1", changed)
    w = annotate(dt.parse(changed), "l1", "ex1", ["metonym"], answers_dir=tmp_path)
    assert w.marks == [] and "different text" in w.status
    w.marks = [{"start": 0, "end": 6, "category": "metonym"}]
    assert path.read_bytes() == before
    with pytest.raises(A.AnswersFileError, match="answers for lesson 'l1', not 'l2'"):
        A.save_exercise(path, "l2", "ex1", TEXT, "R", [], ["metonym"])
    assert path.read_bytes() == before


def test_bad_ids_are_refused(doc: dt.Document, tmp_path: Path) -> None:
    with pytest.raises(dt.InputError, match=r"lesson '\.\./x' is not a valid id"):
        annotate(doc, lesson="../x", exercise="ex1", categories=["metonym"], answers_dir=tmp_path)
    with pytest.raises(dt.InputError, match="unknown exercise category"):
        annotate(doc, lesson="l1", exercise="ex1", categories=["metonyms"], answers_dir=tmp_path)


def test_check_reads_the_saved_marks(doc: dt.Document, tmp_path: Path) -> None:
    c = dt.check(doc, lesson="l1", exercise="ex1", categories=["metonym"], answers_dir=tmp_path)
    assert c.agreed == () and c.student_only == () and len(c.parser_only) >= 1
    A.save_exercise(
        tmp_path / "l1.json", "l1", "ex1", TEXT, "", [Mark(0, 6, "metonym")], ["metonym"]
    )
    c = dt.check(doc, lesson="l1", exercise="ex1", categories="metonym", answers_dir=tmp_path)
    assert [a.student.text for a in c.agreed] == ["Moscow"]


# --------------------------------------------------------------------------- widget


def test_tokens_are_words() -> None:
    text = "The U.S. and Russia’s de-escalate, 2022."
    assert [text[s:e] for s, e in tokens(text)] == [
        "The",
        "U.S.",
        "and",
        "Russia’s",
        "de-escalate",
        "2022",
    ]


def test_every_change_is_saved_and_restored(doc: dt.Document, tmp_path: Path) -> None:
    w = widget(doc, tmp_path)
    assert w.category == "metonym" and w.marks == [] and not (tmp_path / "l1.json").exists()
    w.marks = [at("Moscow")]
    w.marks = [*w.marks, {**at("The Kremlin")}]
    w.student = "  Sam   Q "
    saved = json.loads((tmp_path / "l1.json").read_text(encoding="utf-8"))
    assert saved["student"] == "Sam Q" and len(saved["exercises"]["ex1"]["marks"]) == 2
    assert w.status == "Saved 2 marks to " + os.path.join(tmp_path.name, "l1.json") + "."
    again = widget(doc, tmp_path)  # a new kernel: the marks come back from the file
    assert again.marks == w.marks and again.student == "Sam Q" and "restored" in again.status
    assert json.loads(again.answers_json) == saved


def test_two_exercises_of_one_lesson_share_the_file(doc: dt.Document, tmp_path: Path) -> None:
    one = widget(doc, tmp_path)
    two = annotate(doc, "l1", "ex2", ["name"], answers_dir=tmp_path)  # shown before the name
    one.student = "Robin"
    one.marks = [at("Moscow")]
    two.marks = [
        {"start": TEXT.index("Russia"), "end": TEXT.index("Russia") + 6, "category": "name"}
    ]
    saved = json.loads((tmp_path / "l1.json").read_text(encoding="utf-8"))
    assert saved["student"] == "Robin"  # ex2's empty name field did not wipe it
    assert sorted(saved["exercises"]) == ["ex1", "ex2"]
    assert saved["exercises"]["ex1"]["marks"][0]["text"] == "Moscow"


def test_invalid_marks_are_refused_with_a_reason(doc: dt.Document, tmp_path: Path) -> None:
    w = widget(doc, tmp_path)
    w.marks = [{"start": 1, "end": 6, "category": "metonym"}]  # not on a word boundary
    assert w.marks == [] and "not on whole words" in w.status
    s = TEXT.index("choose")
    w.marks = [{"start": s, "end": TEXT.index("Russia") + 6, "category": "metonym"}]
    assert w.marks == [] and "paragraph break" in w.status
    w.marks = [at("Moscow"), at("Moscow")]
    assert w.marks == [at("Moscow")] and "duplicate" in w.status
    half = {**at("said it"), "category": "name"}
    w.marks = [at("Moscow said"), half]
    assert w.marks == [at("Moscow said")] and "half-overlaps" in w.status
    nested = {"start": 0, "end": 6, "category": "name"}
    w.marks = [at("Moscow said"), nested]  # nesting is fine
    assert len(w.marks) == 2


def test_check_in_the_widget_waits_for_an_answer(doc: dt.Document, tmp_path: Path) -> None:
    w = widget(doc, tmp_path)
    w.check_count += 1
    assert NO_MARKS_YET.split(":")[0] in w.feedback and "Moscow" not in w.feedback
    w.marks = [at("Moscow")]
    w.check_count += 1
    assert "Agreed (1)" in w.feedback and "actors.metonym" in w.feedback
    assert w.comparison().counts()["agreed"] == 1


def test_static_fallback_is_deterministic_and_gives_nothing_away(
    doc: dt.Document, tmp_path: Path
) -> None:
    w = widget(doc, tmp_path)
    data, meta = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert meta == {"diplotext-interactive": {"kind": "annotator"}}
    plain = data["text/plain"]
    assert plain.startswith("[Annotator: lesson l1, exercise ex1; mark: metonym, name.")
    assert "¶1 [1] Moscow said it wants talks." in plain and plain.count("_" * 60) == 4
    w.marks = [at("Moscow")]
    assert w._repr_mimebundle_()[0]["text/plain"] == plain  # marks never change the fallback
    assert "actors." not in plain and "actors." not in data["text/html"]
    hostile = dt.parse("<img src=x onerror=alert(1)> Moscow said so.")
    html_out = annotate(hostile, "l1", "ex9", ["metonym"], answers_dir=tmp_path).static_html()
    assert "<img" not in html_out and "&lt;img" in html_out


def test_the_documented_example_is_valid() -> None:
    doc_md = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    section = doc_md[doc_md.index("## Answers files") :]
    block = section[
        section.index("```json") + 7 : section.index("```", section.index("```json") + 7)
    ]
    data = json.loads(block)
    jsonschema.validate(data, SCHEMA)
    seed = dt.load(dt.seed_path()).text
    assert A.problems(data) == [] and data["text_sha256"] == A.text_sha256(seed)
    mark = data["exercises"]["ex2"]["marks"][0]
    assert seed[mark["start"] : mark["end"]] == mark["text"]
