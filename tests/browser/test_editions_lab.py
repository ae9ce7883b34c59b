"""Both editions of lesson 03 in a real JupyterLab (Chromium), as saved (nothing is run).

* the teacher edition shows its model answers (cells tagged ``solution``, which start
  "Model answer");
* the student edition shows no model answer anywhere on the page, and each cell tagged
  ``reveal`` (the parser's findings for an exercise) opens with its output collapsed: the
  output area is hidden behind JupyterLab's placeholder until the student opens it.

Screenshots go to ``test-artifacts/editions/``.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse

import pytest
from lab_support import REPO, LabServer

pytestmark = pytest.mark.browser

LESSON = "03-rhetorical-analysis.ipynb"
APP_TIMEOUT = 90_000

FIND_PANEL = """(path) => {
  for (const w of window.jupyterapp ? window.jupyterapp.shell.widgets('main') : [])
    if (w.context && w.context.path === path && w.content && w.content.model) {
      window.__nb = w; return true; }
  return false; }"""
SHOW_CELL = """async (i) => { const nb = window.__nb.content; nb.activeCellIndex = i;
  await nb.scrollToItem(i, 'center'); return true; }"""
READY = "async () => { await window.jupyterapp.restored; await window.__nb.context.ready; }"
# For each cell of the open notebook: its tags, whether its outputs are hidden in the view,
# and whether the collapsed placeholder is on the page.
CELLS = """() => window.__nb.content.widgets.map(c => ({
  tags: c.model.getMetadata('tags') || [],
  type: c.model.type,
  hidden: !!c.outputHidden,
  placeholder: !!c.node.querySelector('.jp-OutputPlaceholder'),
}))"""


def open_saved(page, server: LabServer, rel: str) -> list[dict]:
    ws = rel.replace("/", "-").replace(".", "-")
    url = server.url(f"lab/workspaces/{ws}/tree/{urllib.parse.quote(rel)}")
    page.goto(url, wait_until="domcontentloaded", timeout=APP_TIMEOUT)
    page.wait_for_function(FIND_PANEL, arg=rel, timeout=APP_TIMEOUT, polling=250)
    page.evaluate(READY)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=APP_TIMEOUT)
    return page.evaluate(CELLS)


def page_text(page) -> str:
    """All cell text of the notebook, windowed cells included (from the model)."""
    return page.evaluate(
        """() => window.__nb.content.model.toJSON().cells.map(c =>
             [].concat(c.source).join('') + JSON.stringify(c.outputs || [])).join('\\n')"""
    )


def test_teacher_edition_shows_model_answers_student_edition_none(page, lab_server: LabServer):
    shots = REPO / "test-artifacts" / "editions"
    shots.mkdir(parents=True, exist_ok=True)
    (lab_server.root / "teacher").mkdir(exist_ok=True)
    shutil.copy(REPO / "teacher" / LESSON, lab_server.root / "teacher" / LESSON)

    cells = open_saved(page, lab_server, f"teacher/{LESSON}")
    solutions = [c for c in cells if "solution" in c["tags"]]
    saved = json.loads((REPO / "teacher" / LESSON).read_text(encoding="utf-8"))
    n_saved = sum("solution" in c["metadata"].get("tags", []) for c in saved["cells"])
    assert n_saved and len(solutions) == n_saved
    first = next(i for i, c in enumerate(cells) if "solution" in c["tags"])
    page.evaluate(SHOW_CELL, first)  # cells out of view are not drawn (windowing)
    answer = page.locator(".jp-Cell.jp-mod-active .jp-RenderedMarkdown")
    answer.wait_for(state="visible", timeout=APP_TIMEOUT)
    assert answer.inner_text().startswith("Model answer")
    page.screenshot(path=str(shots / "teacher-03.png"))

    cells = open_saved(page, lab_server, LESSON)
    assert not [c for c in cells if "solution" in c["tags"]]
    assert "Model answer" not in page_text(page)
    reveals = [c for c in cells if "reveal" in c["tags"] and c["type"] == "code"]
    assert reveals, "the student edition of 03 has no reveal cells"
    assert all(c["hidden"] for c in reveals), "a reveal cell's output is open on arrival"
    page.screenshot(path=str(shots / "student-03.png"))
