"""Paper editions (issue #8): "Check your answers", teacher twins, screen-only, references.

Fast tests build the handout HTML of small notebooks made here; tests marked ``handouts``
render PDFs with WeasyPrint and read them back with pdftotext, on a fixture and on a real
lesson (03, the one with the most exercises).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from diplotext.cli import main
from diplotext.handouts import (
    HandoutTeacherHTMLExporter,
    HandoutTeacherPDFExporter,
    NoModelAnswersError,
)
from diplotext.handouts.build import build_handouts, handout_html
from diplotext.handouts.editions import is_lead_in

ROOT = Path(__file__).resolve().parent.parent
LESSON = "03-rhetorical-analysis"

MODEL_1 = "MODELANSWERONE the verbs report and evaluate"
MODEL_2 = "MODELANSWERTWO Russia asked for guarantees"
FINDING_1 = "PARSERFINDINGONE said emphasized underscored"
FINDING_2 = "PARSERFINDINGTWO the check cell's own comparison"
LEAD_IN = "LEADINPARAGRAPH The parser's reading, for comparison with yours"
SHEET = '<div class="dt-annotator-static"><p>SHEETTEXT the numbered text</p></div>'


def meta(tags, exercise=None):
    m = {"tags": list(tags)}
    if exercise:
        m["diplotext"] = {"exercise": exercise}
    return m


def text_out(text):
    return new_output("execute_result", data={"text/plain": text}, execution_count=1)


def html_out(html):
    return new_output("display_data", data={"text/html": html, "text/plain": "<HTML>"})


def lesson_nb(*, solutions=True, edition=None):
    """Two exercises in the predict-then-check shape, a references section first."""
    cells = [
        new_markdown_cell("# A small lesson\n\nIntro."),
        new_markdown_cell("## References\n\n- Author, *A book* (2001)."),
        new_markdown_cell("## First part\n\nTeaching."),
        new_markdown_cell(
            'Run the next cell (<span class="screen-only">SCREENSPAN press Shift+Enter</span>).'
        ),
        new_markdown_cell("SCREENCELL click the button", metadata=meta(["screen-only"])),
        new_markdown_cell(
            "**Exercise 1 (annotate).** Mark the verbs.", metadata=meta(["exercise"], "verbs")
        ),
        new_code_cell(
            "dt.annotate(doc)",
            metadata=meta(["check"], "verbs"),
            outputs=[html_out(SHEET), text_out(FINDING_2)],
        ),
        new_markdown_cell(LEAD_IN),
        new_code_cell(
            "views.reveal(x)", metadata=meta(["reveal"], "verbs"), outputs=[text_out(FINDING_1)]
        ),
        new_markdown_cell(MODEL_1, metadata=meta(["solution"], "verbs")),
        new_markdown_cell("## Second part\n\nMore teaching."),
        new_markdown_cell(
            "**Exercise 2 (argue).** Describe the week.", metadata=meta(["exercise"], "week")
        ),
        new_markdown_cell(MODEL_2, metadata=meta(["solution"], "week")),
    ]
    if not solutions:
        cells = [c for c in cells if "solution" not in c.metadata.get("tags", [])]
    nb = new_notebook(cells=cells)
    nb.metadata["diplotext"] = {"title": "A small lesson"}
    if edition:
        nb.metadata["diplotext"]["edition"] = edition
    return nb


def flat(text: str) -> str:
    return " ".join(text.split())


def visible(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["style", "head"]):
        tag.decompose()
    return flat(soup.get_text(" "))


def html(nb, edition):
    return visible(handout_html(nb, name="07-small", edition=edition, path=ROOT))


def write(path: Path, nb) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return flat(done.stdout)


# ---- HTML: where each piece goes -----------------------------------------------------------
def test_student_edition_moves_findings_to_check_your_answers():
    text = html(lesson_nb(), "student")
    for model in (MODEL_1, MODEL_2):
        assert model not in text
    assert "Model answer" not in text
    order = [
        "Exercise 1 (annotate)",
        "SHEETTEXT",  # the answer sheet stays with its exercise
        "Exercise 2 (argue)",
        "Check your answers",
        "Exercise 1: the parser's reading",
        FINDING_2,
        LEAD_IN,
        FINDING_1,
        "References",
        "A book",
    ]
    where = [text.find(s) for s in order]
    assert -1 not in where, dict(zip(order, where, strict=True))
    assert where == sorted(where), dict(zip(order, where, strict=True))
    assert text.count("Check your answers") == 1
    assert text.count(FINDING_1) == 1 and text.count(LEAD_IN) == 1


def test_teacher_edition_prints_findings_and_model_answers_in_place():
    text = html(lesson_nb(), "teacher")
    assert "Answer every exercise first" not in text  # no section, only the label
    order = ["Exercise 1 (annotate)", FINDING_2, LEAD_IN, FINDING_1, MODEL_1,
             "Exercise 2 (argue)", MODEL_2, "References"]  # fmt: skip
    where = [text.find(s) for s in order]
    assert -1 not in where and where == sorted(where), dict(zip(order, where, strict=True))
    assert text.count("Model answer (teacher edition)") == 2
    assert "The parser's reading" in text


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_screen_only_cells_and_spans_are_not_printed(edition):
    text = html(lesson_nb(), edition)
    assert "SCREENCELL" not in text and "SCREENSPAN" not in text
    assert "Run the next cell" in text


def test_no_findings_means_no_check_section():
    nb = lesson_nb()
    nb.cells = [c for c in nb.cells if not {"check", "reveal"} & set(c.metadata.get("tags", []))]
    assert "Check your answers" not in html(nb, "student")


def test_lead_in_is_a_plain_paragraph_right_before_a_reveal():
    reveal = new_code_cell("x", metadata=meta(["reveal"], "a"))
    assert is_lead_in(new_markdown_cell("The parser found:"), reveal)
    assert not is_lead_in(new_markdown_cell("### A heading\n\nText"), reveal)
    assert not is_lead_in(new_markdown_cell("Q", metadata=meta(["exercise"], "a")), reveal)
    assert not is_lead_in(new_markdown_cell("Text"), new_code_cell("y"))


# ---- the teacher twin ----------------------------------------------------------------------
def course(tmp_path, twin=True):
    nb = lesson_nb(solutions=False, edition="student")
    student = write(tmp_path / "notebooks" / "07-small.ipynb", nb)
    if twin:
        write(tmp_path / "teacher" / "07-small.ipynb", lesson_nb(edition="teacher"))
    return student


@pytest.mark.parametrize("exporter", [HandoutTeacherHTMLExporter])
def test_teacher_exporter_on_a_student_notebook_uses_its_twin(tmp_path, exporter):
    student = course(tmp_path)
    out, resources = exporter().from_filename(str(student))
    text = visible(out)
    assert MODEL_1 in text and MODEL_2 in text
    assert "Teacher edition" in text and "Answer every exercise first" not in text
    assert Path(resources["metadata"]["path"]) == (tmp_path / "teacher").resolve()


def test_teacher_exporter_without_twin_says_no_model_answers(tmp_path):
    student = course(tmp_path, twin=False)
    for exporter in (HandoutTeacherHTMLExporter(), HandoutTeacherPDFExporter()):
        with pytest.raises(NoModelAnswersError, match="this notebook has no model answers"):
            exporter.from_filename(str(student))


def test_nbconvert_finds_the_teacher_exporters():
    from nbconvert.exporters import get_exporter

    assert get_exporter("handout_teacher") is HandoutTeacherHTMLExporter
    assert get_exporter("handout_teacher_pdf") is HandoutTeacherPDFExporter
    assert "teacher" in HandoutTeacherPDFExporter.export_from_notebook


def test_cli_teacher_without_twin_is_one_error_and_writes_nothing(tmp_path, capsys):
    student = course(tmp_path, twin=False)
    out = tmp_path / "out"
    assert main(["handouts", str(student), "--edition", "teacher", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("diplotext: error: ")
    assert "has no model answers" in err[0] and "Traceback" not in err[0]
    assert not out.exists() or not any(out.iterdir())


# ---- PDF, read back ------------------------------------------------------------------------
@pytest.mark.handouts
def test_pdf_editions_of_a_small_lesson(tmp_path):
    student = course(tmp_path)
    out = tmp_path / "out"
    assert main(["handouts", str(student), "--out", str(out), "-q"]) == 0
    s = pdf_text(out / "07-small-student.pdf")
    t = pdf_text(out / "07-small-teacher.pdf")
    assert MODEL_1 not in s and MODEL_2 not in s and "Model answer" not in s
    assert s.rfind("Exercise 2") < s.find("Check your answers") < s.find(FINDING_1)
    assert MODEL_1 in t and MODEL_2 in t and "Answer every exercise first" not in t
    assert t.find(FINDING_1) < t.find("Exercise 2")


def plain_phrase(source: str) -> str | None:
    """A run of plain words (no Markdown) from a model answer, to look for in a PDF."""
    runs = re.findall(r"[A-Za-z][A-Za-z ,]{40,}[A-Za-z]", source)
    return runs[0] if runs else None


@pytest.mark.handouts
def test_pdf_editions_of_a_real_lesson(tmp_path):
    """Lesson 03: no model answer in the student PDF, all of them in the teacher PDF."""
    student_nb = ROOT / "notebooks" / f"{LESSON}.ipynb"
    teacher_nb = json.loads((ROOT / "teacher" / f"{LESSON}.ipynb").read_text("utf-8"))
    solutions = [c for c in teacher_nb["cells"] if "solution" in c["metadata"].get("tags", [])]
    phrases = [p for c in solutions if c["cell_type"] == "markdown"
               if (p := plain_phrase("".join(c["source"])))]  # fmt: skip
    assert len(phrases) >= 3
    built = build_handouts([student_nb], out=tmp_path)
    assert [h.notebook.parent.name for h in built] == ["notebooks", "teacher"]
    s = pdf_text(tmp_path / f"{LESSON}-student.pdf")
    t = pdf_text(tmp_path / f"{LESSON}-teacher.pdf")
    for phrase in phrases:
        assert phrase not in s
        assert phrase in t
    assert "Model answer" not in s
    assert t.count("Model answer (teacher edition)") >= len(solutions)
    last = max(m.start() for m in re.finditer(r"Exercise \d+ \(", s))
    assert last < s.index("Check your answers") < s.rindex("References")
    assert "Answer every exercise first" not in t
    for text in (s, t):  # no screen instructions on paper (the highlighter's legend said "hover")
        flat = " ".join(text.split())
        assert "hover" not in flat and "Shift+Enter" not in flat
