"""The annotator in Jupyter Notebook 7 (the classic-style interface; Binder and many hubs
open it at ``/tree``), in Chromium, served by the same test server as JupyterLab.

Opens ``tests/fixtures/annotator-test.ipynb`` at ``/notebooks/...``, runs it, marks "the
Kremlin" as a metonym with the keyboard, reads the answers file from disk, presses Check and
reads the comparison. The mouse, Delete, Download, restart and axe-core checks run in
JupyterLab (test_annotator.py): the widget code is the same, only the host page differs.
"""

from __future__ import annotations

import importlib.util
import shutil

import pytest
from lab_support import REPO, LabServer

from test_annotator import (
    APP_TIMEOUT,
    AWAIT_READY,
    FIXTURE,
    KERNEL_IDLE,
    LESSON,
    RUN_ALL,
    RUN_TIMEOUT,
    UI_TIMEOUT,
    read_marks,
    tok,
    token_start,
)

pytestmark = pytest.mark.browser

FIND_PANEL = """(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const w = app.shell.currentWidget;
  if (w && w.context && w.context.path === path && w.content && w.content.model) {
    window.__nb = w; return true; }
  return false;
}"""


def test_annotator_in_notebook7(page, lab_server: LabServer) -> None:
    if importlib.util.find_spec("notebook") is None:
        pytest.fail("Jupyter Notebook 7 is not installed (it is in the test extra)")
    import diplotext as dt

    name = f"nb7-{FIXTURE.name}"
    shutil.copy(FIXTURE, lab_server.root / name)
    answers = lab_server.root / "answers" / f"{LESSON}.json"
    answers.unlink(missing_ok=True)
    page.goto(lab_server.url(f"notebooks/{name}"), timeout=APP_TIMEOUT)
    page.wait_for_function(FIND_PANEL, arg=name, timeout=APP_TIMEOUT, polling=250)
    assert page.locator("#main-panel, .jp-NotebookPanel").count()  # Notebook 7's shell
    assert page.locator(".jp-LabShell").count() == 0, "this is JupyterLab, not Notebook 7"
    page.evaluate(AWAIT_READY)
    page.wait_for_function(KERNEL_IDLE, timeout=APP_TIMEOUT, polling=250)
    assert page.evaluate(RUN_ALL) is True, "run-all failed: a cell raised"
    page.wait_for_selector(".dt-annotator .dt-token", timeout=RUN_TIMEOUT)

    text = dt.load(dt.seed_path()).text
    kremlin = token_start(text, "the Kremlin")
    root = page.locator(".dt-annotator")
    assert root.locator("input[type=radio][value=metonym]").is_checked()
    tok(page, kremlin).scroll_into_view_if_needed()
    tok(page, kremlin).focus()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_selector(f".dt-mark[data-category=metonym][data-start='{kremlin}']")
    marks = read_marks(answers, 1)
    assert [(m["category"], m["text"]) for m in marks] == [("metonym", "the Kremlin")]

    root.locator(".dt-check").click()
    page.wait_for_function(
        "() => document.querySelector('.dt-feedback').innerText.includes('Agreed')",
        timeout=UI_TIMEOUT,
    )
    shown = root.locator(".dt-feedback").inner_text()
    assert "Agreed (1)" in shown and "actors.metonym" in shown, shown
    shots = REPO / "test-artifacts" / "annotator"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "notebook7-checked.png"))
