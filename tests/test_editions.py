"""Two editions from one source: teacher/ (model answers) and notebooks/ (derived, none).

nbval runs both editions (pyproject testpaths); these tests check what nbval cannot: that
the committed student edition is what `diplotext editions` derives, that no model answer
reaches it, and that every exercise comes before the parser's answer (predict, then check).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from diplotext import cli, editions

from .conftest import ROOT

TEACHER = sorted((ROOT / "teacher").glob("[0-9]*.ipynb"))
STUDENT_DIR = ROOT / "notebooks"
PREDICT_THEN_CHECK = ("00", "03", "05")  # every parser-answerable exercise has a Check
#: Code that prints the parser's findings: before the last Check of a lesson it must be a
#: `reveal` cell (collapsed in the student edition) that comes after its exercise.
PARSER_OUTPUT = re.compile(
    r"lesson\.(describe_\w+|table|figure|answer_\w+)\(|comp\.table|comparison_figure"
)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def cell_text(cell: dict) -> str:
    """A cell's source and every text of its outputs."""
    parts = [text(cell.get("source", ""))]
    for out in cell.get("outputs", []):
        parts.append(text(out.get("text", "")))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                parts.append(text(value))
    return "\n".join(parts)


def test_there_is_a_teacher_source_for_every_student_lesson():
    student = sorted(p.name for p in STUDENT_DIR.glob("[0-9]*.ipynb"))
    assert student == [p.name for p in TEACHER] and len(student) >= 6


def test_committed_student_edition_is_current(capsys):
    """`diplotext editions --check` is what a stale edition fails (exit 1, named)."""
    assert cli.main(["editions", "--check", "--root", str(ROOT)]) == 0, capsys.readouterr().err


@pytest.fixture
def course(tmp_path) -> Path:
    for name in ("teacher", "notebooks"):
        (tmp_path / name).mkdir()
        for p in (ROOT / name).glob("[0-9]*.ipynb"):
            shutil.copy(p, tmp_path / name / p.name)
    return tmp_path


def test_check_names_a_stale_and_a_missing_edition_and_writing_fixes_them(course, capsys):
    src = course / "teacher" / "03-rhetorical-analysis.ipynb"
    nb = load(src)
    nb["cells"][0]["source"] = text(nb["cells"][0]["source"]) + "\nA teacher's new sentence."
    src.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    (course / "notebooks" / "00-start-here.ipynb").unlink()
    assert cli.main(["editions", "--check", "--root", str(course)]) == 1
    err = capsys.readouterr().err
    assert "03-rhetorical-analysis.ipynb: stale" in err and "00-start-here.ipynb: missing" in err
    assert cli.main(["editions", "--root", str(course)]) == 0
    summary = capsys.readouterr().err.strip()  # not a terminal: no bar, one summary line
    assert summary.startswith("wrote the student editions in ") and "-> " in summary
    assert summary.endswith(str(course / "notebooks"))
    assert cli.main(["editions", "--check", "--root", str(course), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    derived = load(course / "notebooks" / "03-rhetorical-analysis.ipynb")
    assert "A teacher's new sentence." in text(derived["cells"][0]["source"])


def test_a_student_notebook_without_a_teacher_source_is_reported(course, capsys):
    shutil.copy(
        course / "notebooks" / "05-comparing-statements.ipynb", course / "notebooks" / "09-x.ipynb"
    )
    assert cli.main(["editions", "--check", "--root", str(course)]) == 1
    assert "09-x.ipynb: has no teacher edition" in capsys.readouterr().err


def test_a_corrupt_teacher_notebook_is_one_clear_error(course, capsys):
    (course / "teacher" / "02-negotiation-formats.ipynb").write_text("{not json", encoding="utf-8")
    before = (course / "notebooks" / "00-start-here.ipynb").read_bytes()
    assert cli.main(["editions", "--root", str(course)]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("diplotext: error: cannot read teacher notebook") and "Traceback" not in err
    )
    assert (course / "notebooks" / "00-start-here.ipynb").read_bytes() == before


@pytest.mark.parametrize("path", TEACHER, ids=lambda p: p.stem)
def test_no_model_answer_reaches_the_student_edition(path):
    teacher = load(path)
    student = load(STUDENT_DIR / path.name)
    body = "\n".join(cell_text(c) for c in student["cells"])
    assert not [c for c in student["cells"] if "solution" in tags(c)]
    assert "Model answer" not in body and "Marking guide" not in body
    solutions = [c for c in teacher["cells"] if "solution" in tags(c)]
    assert solutions, f"{path.name}: the teacher edition has no model answers"
    for c in solutions:
        for line in cell_text(c).splitlines():
            line = line.strip()
            if len(line) >= 40:
                assert line not in body, (
                    f"{path.name}: model answer text in student edition: {line!r}"
                )


@pytest.mark.parametrize("path", TEACHER, ids=lambda p: p.stem)
def test_teacher_edition_shows_marked_model_answers_and_open_reveals(path):
    nb = load(path)
    assert nb["metadata"]["diplotext"]["edition"] == "teacher"
    for c in nb["cells"]:
        if "solution" in tags(c):
            assert re.search(r"Model answer|Marking guide", text(c["source"]).splitlines()[0])
        assert not c.get("metadata", {}).get("jupyter", {}).get("outputs_hidden")


@pytest.mark.parametrize("edition", ["teacher", "notebooks"])
@pytest.mark.parametrize("path", TEACHER, ids=lambda p: p.stem)
def test_every_check_and_reveal_comes_after_its_exercise(path, edition):
    nb = load(ROOT / edition / path.name)
    assert editions.order_problems(nb) == []
    ids = {editions.exercise_id(c) for c in nb["cells"] if "exercise" in tags(c)}
    for c in nb["cells"]:
        if {"check", "reveal"} & set(tags(c)):
            assert editions.exercise_id(c) in ids


@pytest.mark.parametrize("path", TEACHER, ids=lambda p: p.stem)
def test_student_edition_stores_reveal_outputs_collapsed(path):
    nb = load(STUDENT_DIR / path.name)
    reveals = [c for c in nb["cells"] if "reveal" in tags(c)]
    assert reveals, f"{path.name}: no reveal cell (predict, then check)"
    for c in reveals:
        if c.get("outputs"):
            assert c["metadata"]["jupyter"]["outputs_hidden"] is True


@pytest.mark.parametrize("number", PREDICT_THEN_CHECK)
def test_parser_findings_never_precede_the_exercise_they_answer(number):
    """Lessons 00, 03, 05: before the last Check, parser output is only in reveal cells."""
    path = next(p for p in TEACHER if p.name.startswith(number))
    cells = load(STUDENT_DIR / path.name)["cells"]
    checks = [i for i, c in enumerate(cells) if "check" in tags(c)]
    assert len(checks) >= 2, f"{path.name}: too few Check cells"
    for i, c in enumerate(cells[: checks[-1]]):
        if c["cell_type"] == "code" and PARSER_OUTPUT.search(text(c["source"])):
            assert "reveal" in tags(c), f"{path.name} cell {i} shows parser findings unrevealed"
    for i in checks:
        assert "dt.annotate(" in text(cells[i]["source"]), f"{path.name} cell {i}"


def test_lesson_03_exercises_cover_every_stated_objective():
    nb = load(ROOT / "teacher" / "03-rhetorical-analysis.ipynb")
    checked = {
        re.search(r'exercise="([^"]+)"', text(c["source"])).group(1)
        for c in nb["cells"]
        if "check" in tags(c)
    }
    assert {
        "quotes",
        "metonym",
        "evaluation",
        "conditionals",
        "commissives",
        "structure",
        "stance",
        "frames",
    } <= checked
    grid = next(
        c for c in nb["cells"] if editions.exercise_id(c) == "frames" and "exercise" in tags(c)
    )
    assert "| Problem definition |" in text(grid["source"])  # the Entman grid, filled by hand


def test_student_derivation_leaves_the_teacher_notebook_alone():
    nb = load(TEACHER[0])
    before = json.dumps(nb, sort_keys=True)
    derived = editions.student_edition(nb, TEACHER[0].name)
    assert json.dumps(nb, sort_keys=True) == before
    assert derived["metadata"]["diplotext"]["edition"] == "student"
    counts = [c["execution_count"] for c in derived["cells"] if c.get("execution_count")]
    assert counts == list(range(1, len(counts) + 1))


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """Lesson packs for an example statement, from the student and from the teacher edition."""
    from diplotext import generate

    text = next(p for p in generate.example_paths() if "readout" in p.name)
    base = tmp_path_factory.mktemp("packs")
    student = generate.generate(text, base / "student", handouts=False)
    teacher = generate.generate(text, base / "teacher", notebooks=ROOT / "teacher", handouts=False)
    return student, teacher


def test_generated_lessons_ask_first_and_keep_the_parser_folded(packs):
    student, teacher = packs
    assert {p.name for p in student.notebooks} == {
        "00-start-here.ipynb",
        "03-rhetorical-analysis.ipynb",
    }
    for path in student.notebooks:
        nb = load(path)
        assert editions.order_problems(nb) == []
        assert not [c for c in nb["cells"] if "solution" in tags(c)]
        reveals = [c for c in nb["cells"] if "reveal" in tags(c) and c.get("outputs")]
        assert reveals and all(c["metadata"]["jupyter"]["outputs_hidden"] for c in reveals)
        assert any("check" in tags(c) and c.get("outputs") for c in nb["cells"])
    for path in teacher.notebooks:
        nb = load(path)
        assert editions.order_problems(nb) == []
        assert [c for c in nb["cells"] if "solution" in tags(c) and c.get("cell_type")]


@pytest.mark.parametrize("path", TEACHER, ids=lambda p: p.stem)
def test_a_folded_reveal_previews_only_a_neutral_note(path):
    """JupyterLab previews a folded output by its first line: that line gives nothing away."""
    from diplotext.views import REVEAL_NOTES

    for c in load(STUDENT_DIR / path.name)["cells"]:
        if "reveal" in tags(c) and c.get("outputs"):
            first = c["outputs"][0]
            assert set(first.get("data", {})) == {"text/plain"}, first
            assert text(first["data"]["text/plain"]) in REVEAL_NOTES.values()
