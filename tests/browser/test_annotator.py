"""The annotator in a real JupyterLab, in Chromium: mouse, keyboard, Check, restart, axe-core.

Uses ``tests/fixtures/annotator-test.ipynb`` (one annotator on the seed text, categories
metonym and name), copied into the test server's root. The test:

1. runs the notebook; the annotator renders with its hooks (``dt-annotator``, ``dt-token``);
2. marks "the Kremlin" as a metonym with the mouse (press on "the", release on "Kremlin");
3. reaches the text with Tab, moves with the arrows, extends with Shift+ArrowRight and marks
   "The United States" as a name with Enter;
4. marks "Moscow" with a click, clicks the mark to select it, removes it with Delete;
5. reads ``answers/annotator-test.json`` from disk: exactly the two marks; "Download my
   answers" gives the same content;
6. presses Check and reads the comparison in ``dt-feedback`` (agreed, parser-only, prompt);
7. runs axe-core (WCAG 2.x A and AA rules) on the annotator: no violations;
8. restarts the kernel, reloads the page, runs the notebook again: both marks are back.

Screenshots go to ``test-artifacts/annotator/``. axe-core comes from npm:
``tests/browser/install_axe.sh`` puts it in ``build/axe/`` (or set ``AXE_CORE_JS``).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from lab_support import REPO, LabServer

pytestmark = pytest.mark.browser

FIXTURE = REPO / "tests" / "fixtures" / "annotator-test.ipynb"
LESSON = "annotator-test"
APP_TIMEOUT = 90_000
KERNEL_TIMEOUT = 120_000
RUN_TIMEOUT = 180_000
UI_TIMEOUT = 20_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

FIND_PANEL = """(path) => {
  const app = window.jupyterapp;
  if (!app) return false;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.model) {
      window.__nb = w;
      return true;
    }
  }
  return false;
}"""
AWAIT_READY = """async () => {
  await window.jupyterapp.started; await window.jupyterapp.restored;
  await window.__nb.context.ready; await window.__nb.sessionContext.ready; return true;
}"""
KERNEL_IDLE = """() => {
  const s = window.__nb.sessionContext.session; const k = s && s.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""
RUN_ALL = """async () => {
  window.jupyterapp.shell.activateById(window.__nb.id);
  return await window.jupyterapp.commands.execute('notebook:run-all-cells');
}"""
SAVE = "async () => { await window.__nb.context.save(); return true; }"
RESTART = "async () => { await window.__nb.sessionContext.session.kernel.restart(); return true; }"


def axe_script() -> Path | None:
    """axe.min.js from ``$AXE_CORE_JS`` or ``build/axe`` (tests/browser/install_axe.sh)."""
    for cand in (
        os.environ.get("AXE_CORE_JS"),
        REPO / "build/axe/node_modules/axe-core/axe.min.js",
    ):
        if cand and Path(cand).is_file():
            return Path(cand)
    return None


def token_start(text: str, phrase: str, nth: int = 0) -> int:
    """Character offset of the nth occurrence of ``phrase`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(phrase, pos + 1)
    return pos


def open_and_run(page, server: LabServer, name: str) -> None:
    page.goto(server.url(f"lab/workspaces/t-annotator/tree/{name}"), timeout=APP_TIMEOUT)
    page.wait_for_function(FIND_PANEL, arg=name, timeout=APP_TIMEOUT, polling=250)
    page.evaluate(AWAIT_READY)
    page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_TIMEOUT, polling=250)
    assert page.evaluate(RUN_ALL) is True, "run-all failed: a cell raised"
    page.wait_for_selector(".dt-annotator .dt-token", timeout=RUN_TIMEOUT)


def tok(page, start: int):
    return page.locator(f".dt-annotator .dt-token[data-start='{start}']")


def read_marks(path: Path, expect: int, timeout: float = 10.0) -> list[dict]:
    """The marks of exercise ex1 in the answers file, once it holds ``expect`` of them."""
    deadline = time.monotonic() + timeout
    marks: list[dict] = []
    while time.monotonic() < deadline:
        if path.exists():
            try:
                marks = json.loads(path.read_text(encoding="utf-8"))["exercises"]["ex1"]["marks"]
            except (ValueError, KeyError):
                marks = []
            if len(marks) == expect:
                return marks
        time.sleep(0.1)
    return marks


def test_annotator_in_jupyterlab(page, lab_server: LabServer) -> None:
    import diplotext as dt

    shots = REPO / "test-artifacts" / "annotator"
    shots.mkdir(parents=True, exist_ok=True)
    name = FIXTURE.name
    shutil.copy(FIXTURE, lab_server.root / name)
    answers = lab_server.root / "answers" / f"{LESSON}.json"
    answers.unlink(missing_ok=True)
    text = dt.load(dt.seed_path()).text
    kremlin = token_start(text, "the Kremlin")
    kremlin_end = kremlin + len("the ")
    moscow = token_start(text, "Moscow")

    open_and_run(page, lab_server, name)
    root = page.locator(".dt-annotator")
    # what tests/browser/test_lab.py looks for in any widget view (so lessons pass there too)
    assert page.locator(".jp-OutputArea-output > .jupyter-widgets .dt-annotator").count() == 1
    assert root.locator(".widget-html-content").count() >= 1
    assert root.locator(".dt-check").count() == 1 and root.locator(".dt-feedback").count() == 1
    first = root.locator(".dt-token").first
    assert first.get_attribute("data-start") == "0" and first.get_attribute("data-end") == "3"

    # 1. mouse: press on "the", release on "Kremlin" (metonym is selected by default)
    assert root.locator("input[type=radio][value=metonym]").is_checked()
    tok(page, kremlin).scroll_into_view_if_needed()
    a, b = tok(page, kremlin).bounding_box(), tok(page, kremlin_end).bounding_box()
    page.mouse.move(a["x"] + 3, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=5)
    page.mouse.up()
    page.wait_for_selector(f".dt-mark[data-category=metonym][data-start='{kremlin}']")

    # 2. keyboard: choose "name", Tab from the palette to the text, then Shift+Right x2, Enter
    current = root.locator(".dt-current")
    assert current.inner_text() == "Marking as: metonym"
    root.locator("input[type=radio][value=name]").check()
    page.wait_for_function(
        "() => document.querySelector('.dt-current').innerText === 'Marking as: name'",
        timeout=UI_TIMEOUT,
    )
    root.locator("input[type=radio][value=name]").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert "dt-token" in focused, f"Tab from the palette reached {focused!r}, not the text"
    page.keyboard.press("Home")  # Tab returns to the word focused last ("Kremlin")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.dataset.start") == "11"  # "States"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("() => document.activeElement.dataset.start") == "0"
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_selector(".dt-mark[data-category=name][data-start='0'][data-end='17']")

    # 3. click a word to mark it, click the mark to select it, Delete removes it
    tok(page, moscow).click()
    mark = page.locator(f".dt-mark[data-category=name][data-start='{moscow}']")
    mark.wait_for(timeout=UI_TIMEOUT)
    tok(page, moscow).click()
    page.wait_for_selector(".dt-mark-selected")
    page.keyboard.press("Delete")
    mark.wait_for(state="detached", timeout=UI_TIMEOUT)
    page.screenshot(path=str(shots / "marked.png"), full_page=True)

    marks = read_marks(answers, 2)
    assert [(m["start"], m["end"], m["category"], m["text"]) for m in marks] == [
        (0, 17, "name", "The United States"),
        (kremlin, kremlin_end + len("Kremlin"), "metonym", "the Kremlin"),
    ]

    # 4. "Download my answers" gives the same file
    with page.expect_download(timeout=UI_TIMEOUT) as info:
        root.locator(".dt-download").click()
    download = info.value
    assert download.suggested_filename == f"{LESSON}.json"
    got = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert got == json.loads(answers.read_text(encoding="utf-8"))

    # 5. Check: the comparison, with the parser as a second reader
    root.locator(".dt-check").click()
    feedback = root.locator(".dt-feedback")
    page.wait_for_function(
        "() => document.querySelector('.dt-feedback').innerText.includes('Agreed')",
        timeout=UI_TIMEOUT,
    )
    shown = feedback.inner_text()
    assert "Agreed (2)" in shown and "Found only by the parser" in shown, shown
    assert "actors.metonym" in shown and "Who is right, and why?" in shown
    assert "Moscow" in shown  # the parser's other metonyms, found only by the parser
    feedback.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "checked.png"), full_page=True)

    # 6. accessibility: axe-core, WCAG 2.x level A and AA, on the annotator
    script = axe_script()
    if script is not None:
        page.add_script_tag(path=str(script))
        result = page.evaluate(
            """async (tags) => await axe.run(document.querySelector('.dt-annotator'),
                 {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
            AXE_TAGS,
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert not violations, "axe-core violations:\n" + "\n".join(violations)
        assert result["testEngine"]["name"] == "axe-core"

    # 7. restart the kernel, reload the page, run again: the marks come back from the file
    page.evaluate(SAVE)
    page.evaluate(RESTART)
    page.reload(timeout=APP_TIMEOUT)
    open_and_run(page, lab_server, name)
    page.wait_for_selector(".dt-mark[data-category=name][data-start='0']", timeout=UI_TIMEOUT)
    assert page.locator(".dt-annotator .dt-mark").count() == 2
    assert "restored" in page.locator(".dt-annotator .dt-status").inner_text()
    page.screenshot(path=str(shots / "restored.png"), full_page=True)
    if script is None:  # everything else ran; say loudly what did not
        msg = "axe-core not installed: run tests/browser/install_axe.sh (npm) or set AXE_CORE_JS"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
