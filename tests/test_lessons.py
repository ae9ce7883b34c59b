"""Lesson structure: every notebook teaches in the same shape, committed with fresh outputs.

nbval (run by `make test` with --nbval) re-executes each lesson and compares its outputs;
these tests check what nbval cannot: the header, exercises with model answers, the
closing sections, alt text on every figure, links that resolve, facts not typed in.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
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


def test_the_five_lessons_exist():
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert numbers[:5] == ["00", "01", "02", "03", "04"], numbers


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request) -> tuple[Path, dict]:
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


def test_at_least_three_exercises_each_with_a_model_answer(nb):
    path, data = nb
    cells = data["cells"]
    exercises = [i for i, c in enumerate(cells) if "exercise" in tags(c)]
    solutions = [i for i, c in enumerate(cells) if "solution" in tags(c)]
    assert len(exercises) >= 3 and len(solutions) >= 3
    for i in exercises:
        nxt = next((j for j in solutions if j > i), None)
        following_ex = next((j for j in exercises if j > i), len(cells))
        assert nxt is not None and nxt < following_ex, (
            f"{path.name}: exercise in cell {i} has no model answer"
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
    assert any("references" in source(c) for c in code)
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


def test_glossary_anchors_exist(nb):
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
def test_document_lessons_are_parameterised(number):
    path = next(p for p in NOTEBOOKS if p.name.startswith(number))
    cells = load(path)["cells"]
    params = [c for c in cells if "parameters" in tags(c)]
    assert len(params) == 1
    assert "TEXT_PATH = None" in source(params[0])
