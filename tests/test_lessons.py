"""Lesson structure: every notebook teaches in the same shape, committed with fresh outputs.

nbval (run by `make test` with --nbval) re-executes each lesson, in both editions, and
compares its outputs; these tests check what nbval cannot: the header, exercises with model
answers (teacher edition), the closing sections, alt text on every figure, links that
resolve, facts not typed in. Both editions are checked: teacher/ (the source, with model
answers) and notebooks/ (the student edition derived from it; see tests/test_editions.py).
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT

STUDENT = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
TEACHER = sorted((ROOT / "teacher").glob("[0-9]*.ipynb"))
NOTEBOOKS = STUDENT + TEACHER
HEADER_FIELDS = (
    "**Learning objectives**",
    "**Prerequisites**",
    "**Estimated time**",
    "**Materials**",
)
CLOSING_SECTIONS = (
    "## Exercises",
    "## Discussion questions",
    "## Summary",
    "## What next",
    "## References",
)
DOCUMENT_LESSONS = ("00", "03")  # re-generated for another document by `diplotext lesson`


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("edition", [STUDENT, TEACHER], ids=["student", "teacher"])
def test_the_five_lessons_exist(edition):
    numbers = [p.name[:2] for p in edition]
    assert numbers[:5] == ["00", "01", "02", "03", "04"], numbers


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def nb(request) -> tuple[Path, dict]:
    return request.param, load(request.param)


@pytest.fixture(params=TEACHER, ids=lambda p: p.stem)
def teacher_nb(request) -> tuple[Path, dict]:
    return request.param, load(request.param)


def test_header_cell_has_title_and_fields(nb):
    path, data = nb
    first = data["cells"][0]
    assert first["cell_type"] == "markdown"
    text = source(first)
    assert re.match(rf"# {path.name[:2]} · \S", text), "first line must be '# NN · Title'"
    for field in HEADER_FIELDS:
        assert field in text, f"{path.name}: header lacks {field}"
    meta = data["metadata"].get("diplotext", {})
    assert meta.get("lesson") == path.name[:2] and meta.get("title") and meta.get("course")


def test_closing_sections_in_order(nb):
    _, data = nb
    md = "\n".join(source(c) for c in data["cells"] if c["cell_type"] == "markdown")
    positions = [
        md.find(s + "\n") if md.find(s + "\n") >= 0 else md.find(s) for s in CLOSING_SECTIONS
    ]
    assert all(p >= 0 for p in positions), dict(zip(CLOSING_SECTIONS, positions, strict=True))
    assert positions == sorted(positions), "closing sections out of order"


def test_headings_do_not_skip_levels_and_one_h1(nb):
    path, data = nb
    levels = []
    for c in data["cells"]:
        if c["cell_type"] != "markdown":
            continue
        in_code = False
        for line in source(c).splitlines():
            if line.startswith("```"):
                in_code = not in_code
            m = re.match(r"(#{1,6}) ", line)
            if m and not in_code:
                levels.append(len(m.group(1)))
    assert levels.count(1) == 1
    for a, b in itertools.pairwise(levels):
        assert b <= a + 1, f"{path.name}: heading level jumps from {a} to {b}"


def test_at_least_three_exercises_each_with_a_model_answer(teacher_nb):
    """Teacher edition: every exercise is followed by a model answer before the next one."""
    path, data = teacher_nb
    cells = data["cells"]
    exercises = [i for i, c in enumerate(cells) if "exercise" in tags(c)]
    solutions = [i for i, c in enumerate(cells) if "solution" in tags(c)]
    assert len(exercises) >= 3 and len(solutions) >= 3
    for i in exercises:
        ex = cells[i].get("metadata", {}).get("diplotext", {}).get("exercise")
        if ex:  # predict-then-check exercises: a model answer with the same id, after it
            assert any(j > i and _ex_id(cells[j]) == ex for j in solutions), (
                f"{path.name}: exercise {ex!r} (cell {i}) has no model answer"
            )
            continue
        nxt = next((j for j in solutions if j > i), None)
        following_ex = next((j for j in exercises if j > i), len(cells))
        assert nxt is not None and nxt < following_ex, (
            f"{path.name}: exercise in cell {i} has no model answer"
        )


def _ex_id(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("diplotext", {}).get("exercise")


def test_model_answers_are_marked_as_such(teacher_nb):
    """A solution cell says it is a model answer (or a marking guide) in its first line."""
    path, data = teacher_nb
    for i, c in enumerate(data["cells"]):
        if "solution" not in tags(c):
            continue
        first = source(c).lstrip().splitlines()[0]
        assert re.search(r"Model answer|Marking guide", first), f"{path.name} cell {i}: {first}"


def test_varied_exercise_forms(teacher_nb):
    """Each lesson names the form of its exercises, and uses more than one form."""
    path, data = teacher_nb
    forms = set()
    for c in data["cells"]:
        if "exercise" in tags(c):
            m = re.match(r"\*\*Exercise \d+ \(([^)]+)\)\.\*\*", source(c).lstrip())
            assert m, f"{path.name}: exercise without its form: {source(c)[:60]!r}"
            forms.add(m.group(1))
    assert len(forms) >= 2, f"{path.name}: one form of exercise only: {forms}"


SCREEN_WORDS = re.compile(r"Shift\+Enter|\bhover|[Rr]un `dt\.explain|\bRun the cell\b")


def test_screen_instructions_only_in_screen_only_cells(nb):
    """Text that prints on a handout has no keyboard or mouse instructions."""
    path, data = nb
    for i, c in enumerate(data["cells"]):
        if c["cell_type"] != "markdown" or "remove-cell" in tags(c):
            continue
        hit = SCREEN_WORDS.search(source(c))
        assert not hit, f"{path.name} cell {i}: screen instruction {hit.group(0)!r} on paper"


TERMS = ("presupposition", "intensifier", "superlative", "modal verb")


def test_terms_are_defined_in_the_glossary_and_before_first_use():
    glossary = (ROOT / "notebooks" / "glossary.md").read_text(encoding="utf-8").lower()
    for term in (*TERMS, "consensus"):
        assert f"## {term}" in glossary, f"glossary lacks {term}"
    assert "example" in glossary[glossary.index("## consensus") :][:800]
    for path in (ROOT / "teacher" / "03-rhetorical-analysis.ipynb",):
        md = [source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
        for term in TERMS:
            first = next(k for k, t in enumerate(md) if term in t.lower())
            assert f"glossary.md#{term.replace(' ', '-')}" in md[first], (
                f"{path.name}: first use of {term!r} (markdown cell {first}) does not define it"
            )


def test_committed_with_clean_outputs(nb):
    path, data = nb
    for i, c in enumerate(data["cells"]):
        if c["cell_type"] != "code" or not source(c).strip():
            continue
        assert c.get("execution_count") is not None, f"{path.name}: cell {i} not executed"
        for out in c.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: cell {i} committed an error"
            assert not (out["output_type"] == "stream" and out.get("name") == "stderr"), (
                f"{path.name}: cell {i} wrote to stderr: {''.join(out.get('text', ''))[:200]}"
            )
            plain = "".join(out.get("data", {}).get("text/plain", ""))
            assert "<Figure size" not in plain and "<IPython.core" not in plain, (
                path.name,
                i,
                plain[:80],
            )


def test_every_image_has_alt_text_and_a_caption(nb):
    path, data = nb
    images = 0
    for c in data["cells"]:
        outs = c.get("outputs", [])
        for k, out in enumerate(outs):
            if "image/png" not in out.get("data", {}):
                continue
            images += 1
            alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt) >= 20, f"{path.name}: an image lacks real alt text"
            if "diplotext-interactive" in out.get("metadata", {}):
                continue  # a widget's static fallback: its caption is in the widget text
            nxt = outs[k + 1] if k + 1 < len(outs) else {}
            assert "text/markdown" in nxt.get("data", {}), f"{path.name}: figure without caption"
    if path.name[:2] in ("01", "02", "03"):
        assert images >= 2, f"{path.name}: expected figures"


def test_references_come_from_the_seeds(nb):
    _, data = nb
    cells = data["cells"]
    idx = next(
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown" and "## References" in source(c)
    )
    code = [c for c in cells[idx + 1 :] if c["cell_type"] == "code"]
    assert code, "References must be printed from seeds/context/sources.toml by a code cell"
    assert any(re.search(r"references|source_list", source(c)) for c in code)
    assert any(c.get("outputs") for c in code)


def test_relative_links_resolve(nb):
    path, data = nb
    for c in data["cells"]:
        if c["cell_type"] != "markdown":
            continue
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", source(c)):
            if re.match(r"[a-z]+:", target):
                continue
            assert (path.parent / target).exists(), f"{path.name}: broken link {target}"


def test_glossary_anchors_exist(nb):  # teacher/glossary.md links to notebooks/glossary.md
    path, data = nb
    glossary = (ROOT / "notebooks" / "glossary.md").read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^## (.+)$", glossary, flags=re.M)
    }
    for c in data["cells"]:
        if c["cell_type"] == "markdown":
            for anchor in re.findall(r"glossary\.md#([A-Za-z0-9-]+)", source(c)):
                assert anchor in anchors, f"{path.name}: glossary has no entry #{anchor}"


CITATION = re.compile(
    r"[A-Z][A-Za-z-]+(?: (?:&|and) [A-Z][A-Za-z-]+)?(?: et al\.)?,? \(?(?:19|20)\d\d[a-z]?\)?"
)
YEAR_OR_BIG_NUMBER = re.compile(r"(?<![\w./#-])(1[89]\d\d|20\d\d|\d{1,3}(?:,\d{3})+)(?![\w/-])")


def test_no_dates_or_numbers_typed_into_prose(nb):
    """Facts live in seeds/: markdown must not type years or large numbers."""
    path, data = nb
    for i, c in enumerate(data["cells"]):
        if c["cell_type"] != "markdown" or "solution" in tags(c):
            continue
        text = re.sub(r"\]\([^)]*\)", "]", source(c))  # link targets may contain numbers
        text = CITATION.sub("", text)  # author-year citations (Entman 1993) are not world facts
        hits = YEAR_OR_BIG_NUMBER.findall(text)
        assert not hits, f"{path.name} cell {i}: typed facts {hits}; read them from seeds/ instead"


@pytest.mark.parametrize("number", DOCUMENT_LESSONS)
@pytest.mark.parametrize("edition", [STUDENT, TEACHER], ids=["student", "teacher"])
def test_document_lessons_are_parameterised(number, edition):
    path = next(p for p in edition if p.name.startswith(number))
    cells = load(path)["cells"]
    params = [c for c in cells if "parameters" in tags(c)]
    assert len(params) == 1
    assert "TEXT_PATH = None" in source(params[0])
