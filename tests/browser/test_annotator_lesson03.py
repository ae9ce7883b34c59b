"""The annotator in the student edition of lesson 03, in JupyterLab (Chromium).

What issue #8 asks of the real lesson (test_annotator.py does the same, and more, on a
one-cell fixture): open ``notebooks/03-rhetorical-analysis.ipynb``, run it, and in Exercise
1's annotator mark a full quotation with the mouse and a reported-speech span with the
keyboard; the answers file on disk holds both; Check shows the comparison with the rule
that fired; after a kernel restart and a page reload the marks are back.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest
from lab_support import REPO, LabServer

from test_annotator import RESTART, SAVE, UI_TIMEOUT, open_and_run

pytestmark = pytest.mark.browser

LESSON = "03-rhetorical-analysis.ipynb"
#: A copy of its own: this test saves the notebook after running it, and the lab server's
#: lessons are shared with test_lab.py and test_editions_lab.py (which read them as saved).
NAME = "annotator-03-copy.ipynb"


def marks_on_disk(path, expect: int, timeout: float = 10.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    marks: list[dict] = []
    while time.monotonic() < deadline:
        try:
            marks = json.loads(path.read_text(encoding="utf-8"))["exercises"]["quotes"]["marks"]
        except (OSError, ValueError, KeyError):
            marks = []
        if len(marks) == expect:
            break
        time.sleep(0.1)
    return marks


def test_student_edition_of_03_mark_check_restart(page, lab_server: LabServer) -> None:
    import diplotext as dt

    text = dt.load(dt.seed_path()).text
    answers = lab_server.root / "answers" / "03.json"  # dt.annotate(doc, lesson="03", ...)
    answers.unlink(missing_ok=True)
    shutil.copy(REPO / "notebooks" / LESSON, lab_server.root / NAME)
    try:
        _mark_check_restart(page, lab_server, text, answers)
    finally:  # leave the shared server as it was
        answers.unlink(missing_ok=True)
        (lab_server.root / NAME).unlink(missing_ok=True)


def _mark_check_restart(page, lab_server: LabServer, text: str, answers) -> None:
    q_start = text.index("Diplomacy is the only")
    q_last = text.index("crisis", q_start)
    r_start = text.index("the United States and its Allies")
    open_and_run(page, lab_server, NAME)
    ex1 = page.locator(".dt-annotator").first  # Exercise 1: quotations and reported speech
    assert ex1.locator("input[type=radio][value=quote-full]").is_checked()

    def tok(start: int):
        return ex1.locator(f".dt-token[data-start='{start}']")

    # the mouse: press on "Diplomacy", release on "crisis" (full quotation, selected first)
    tok(q_start).scroll_into_view_if_needed()
    a, b = tok(q_start).bounding_box(), tok(q_last).bounding_box()
    page.mouse.move(a["x"] + 3, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=8)
    page.mouse.up()
    ex1.locator(f".dt-mark[data-category=quote-full][data-start='{q_start}']").wait_for(
        timeout=UI_TIMEOUT
    )

    # the keyboard: choose reported speech, focus "the", Shift+Right twice, Enter
    ex1.locator("input[type=radio][value=reported-speech]").check()
    tok(r_start).focus()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    ex1.locator(f".dt-mark[data-category=reported-speech][data-start='{r_start}']").wait_for(
        timeout=UI_TIMEOUT
    )
    marks = marks_on_disk(answers, 2)
    assert sorted((m["category"], m["start"]) for m in marks) == [
        ("quote-full", q_start),
        ("reported-speech", r_start),
    ], marks

    # Check: the parser as a second reader, with the rule that fired
    ex1.locator(".dt-check").click()
    feedback = ex1.locator(".dt-feedback")
    page.wait_for_function(
        "(el) => el.innerText.includes('Agreed')", arg=feedback.element_handle(),
        timeout=UI_TIMEOUT,
    )  # fmt: skip
    shown = feedback.inner_text()
    assert "Agreed" in shown and "Found only by the parser" in shown, shown
    assert "quotes." in shown and "Who is right, and why?" in shown, shown
    feedback.scroll_into_view_if_needed()
    shots = REPO / "test-artifacts" / "annotator"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "lesson03-checked.png"))

    # restart the kernel, reload the page, run again: the marks come back from the file
    page.evaluate(SAVE)
    page.evaluate(RESTART)
    page.reload()
    open_and_run(page, lab_server, NAME)
    ex1 = page.locator(".dt-annotator").first
    ex1.locator(f".dt-mark[data-start='{q_start}']").wait_for(timeout=UI_TIMEOUT)
    assert ex1.locator(".dt-mark").count() == 2
