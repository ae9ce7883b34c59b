"""`diplotext class-report`: the example files, bad files, the numbers, the HTML."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import diplotext as dt
from diplotext.cli import main
from diplotext.exercises import Mark
from diplotext.exercises.answers import build, write_atomic
from diplotext.exercises.report import alpha, analyse, collect

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples" / "answers").glob("*.json"))
SCHEMA = json.loads((ROOT / "docs" / "answers.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed() -> dt.Document:
    return dt.load(dt.seed_path())


def student_file(path: Path, text: str, student: str, marks: list[Mark], cats=("metonym",)) -> Path:
    write_atomic(path, build(None, "l3", "ex1", text, student, marks, list(cats)))
    return path


def test_examples_are_valid_synthetic_and_up_to_date(seed: dt.Document, tmp_path: Path) -> None:
    assert len(EXAMPLES) >= 5
    for p in EXAMPLES:
        data = json.loads(p.read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
        assert data["synthetic"] is True and "not the work of a real student" in data["note"]
        for ex in data["exercises"].values():
            for m in ex["marks"]:
                assert seed.text[m["start"] : m["end"]] == m["text"]
    # the committed files are what the generator writes today
    import runpy

    runpy.run_path(str(ROOT / "examples/answers/make_examples.py"), run_name="gen")["main"](
        tmp_path
    )
    for p in EXAMPLES:
        assert (tmp_path / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8"), (
            p.name
        )


def test_report_on_the_examples(capsys, tmp_path: Path) -> None:
    out_html = tmp_path / "report.html"
    assert main(["class-report", *map(str, EXAMPLES), "--html", str(out_html)]) == 0
    out = capsys.readouterr().out
    assert "Class report: lesson 03-rhetorical-analysis, 6 students" in out
    assert "Skipped" not in out
    assert (
        "Exercise ex2, metonym: 6 students; agreement among students (Krippendorff's alpha" in out
    )
    assert "Where the class disagrees most:" in out and "the parser found it (" in out
    page = out_html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<img src='data:image/png;base64," in page
    assert "alt='Strip chart of the" in page and "<figcaption>Figure 1." in page


def test_alpha_matches_a_hand_computation() -> None:
    # Coincidences over 4 words, 2 coders: o11 = 4, o00 = 2, o01 = o10 = 1; n1 = 5, n0 = 3,
    # n = 8. Nominal alpha = 1 - (n - 1) * (o01 + o10) / (2 * n0 * n1) = 1 - 14 / 30.
    value, why = alpha([[1, 0, 0, 1], [1, 0, 1, 1]])
    assert why == "" and value == pytest.approx(1 - 14 / 30)
    assert alpha([[1, 0]]) == (None, "needs two or more coders")
    assert alpha([[0, 0], [0, 0]]) == (None, "nobody marked anything")


def test_student_beside_parser_counts(seed: dt.Document, tmp_path: Path) -> None:
    k = seed.text.index("the Kremlin")
    m = seed.text.index("Moscow")
    crimea = seed.text.index("Crimea")
    a = student_file(
        tmp_path / "a.json", seed.text, "A", [Mark(k, k + 11, "metonym"), Mark(m, m + 6, "metonym")]
    )
    b = student_file(
        tmp_path / "b.json",
        seed.text,
        "B",
        [Mark(k + 4, k + 11, "metonym"), Mark(crimea, crimea + 6, "metonym")],
    )
    col = collect([a, b], seed.text)
    rep = analyse(seed, col.lessons["l3"], "l3")
    (res,) = rep.results
    rows = {r.student: (r.agreed, r.student_only, r.parser_only) for r in res.rows}
    assert rows == {"A": (2, 0, 1), "B": (1, 1, 2)}
    top = rep.top_disputes()
    texts = [seed.text[d.start : d.end] for d in top]
    assert "Crimea" in texts and "the" in texts  # B left out "the" of "the Kremlin"
    crimea_d = next(d for d in top if seed.text[d.start : d.end] == "Crimea")
    assert (crimea_d.marked, crimea_d.students, crimea_d.parser) == (1, 2, "")


def test_bad_files_are_named_and_skipped(seed: dt.Document, tmp_path: Path, capsys) -> None:
    good = [tmp_path / p.name for p in EXAMPLES[:3]]
    for src, dst in zip(EXAMPLES, good, strict=False):
        shutil.copy(src, dst)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "diplotext-answers", ', encoding="utf-8")
    other = student_file(
        tmp_path / "other.json", seed.text + " Extra.", "Zed", [Mark(0, 3, "metonym")]
    )
    dup1 = tmp_path / "dup1.json"
    dup2 = tmp_path / "dup2.json"
    shutil.copy(EXAMPLES[3], dup1)
    data = json.loads(EXAMPLES[4].read_text(encoding="utf-8"))
    data["student"] = json.loads(EXAMPLES[3].read_text(encoding="utf-8"))["student"].upper()
    dup2.write_text(json.dumps(data), encoding="utf-8")
    files = [*good, broken, other, dup1, dup2]
    assert main(["class-report", *map(str, files)]) == 0
    out = capsys.readouterr().out
    head = out.split("Class report:")[0]
    assert f"{broken}: not valid JSON (line 1, column 33)" in head
    assert f"{other}: made on a different text (text_sha256 differs)" in head
    assert head.count("duplicate student") == 2 and f"({dup1}, {dup2}): all skipped" in head
    assert "3 students" in out  # only the good ones were merged


def test_unknown_category_is_reported(seed: dt.Document, tmp_path: Path, capsys) -> None:
    a = student_file(tmp_path / "a.json", seed.text, "A", [], cats=("metonym", "future-thing"))
    b = student_file(tmp_path / "b.json", seed.text, "B", [], cats=("metonym",))
    assert main(["class-report", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "does not know (left out): ex1: future-thing" in out
    assert "Exercise ex1, metonym: 2 students" in out and "n/a (nobody marked anything)" in out


def test_html_is_escaped(seed: dt.Document, tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    a = student_file(tmp_path / "a.json", seed.text, evil, [Mark(0, 3, "metonym")])
    b = student_file(tmp_path / "b.json", seed.text, "B", [])
    out = tmp_path / "r.html"
    assert main(["class-report", str(a), str(b), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert evil not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give at least one answers file"),
        (["missing.json"], "missing.json: no such file"),
        (["EX", "--html", "no/such/dir/r.html"], "does not exist"),
        (["EX", "--html", "EX"], "not a file name for the report"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, message, capsys) -> None:
    args = [str(EXAMPLES[0]) if a == "EX" else a for a in args]
    assert main(["class-report", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("diplotext: error: ") and message in err


def test_no_usable_file_is_an_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["class-report", str(bad)]) == 2
    captured = capsys.readouterr()
    assert f"{bad}: not a valid answers file" in captured.out
    assert "no usable answer files among the 1 given" in captured.err
