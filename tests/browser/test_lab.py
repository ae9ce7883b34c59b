"""Every lesson runs in a real JupyterLab, in Chromium, with figures and live widgets.

For each ``notebooks/[0-9]*.ipynb`` (a copy, served by the ``lab_server`` fixture):

1. open it in its own workspace and wait until the kernel is connected and idle
   (the toolbar says "idle" before a kernel exists: wait on the kernel object itself);
2. run all cells with ``notebook:run-all-cells`` (returns false if a cell raised) and wait
   until every non-empty code cell has an execution count and the kernel is idle;
3. no output area shows stderr or an error;
4. every image output rendered as an ``<img>`` with a real size, and their number matches
   the saved notebook (when it was saved with outputs) and the live notebook model;
5. every widget output rendered as a view, and each view with a control responds: change
   a checkbox / slider / dropdown / radio button and the view's output (HTML text or image)
   changes;
6. a screenshot is saved to ``test-artifacts/lab/<notebook>.png`` and what was checked
   (image and widget counts, the controls changed) to ``test-artifacts/lab/<notebook>.json``.

Run: ``.venv/bin/python -m pytest -q -m browser tests/browser``.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from pathlib import Path

import pytest
from lab_support import LabServer, lesson_notebooks, notebooks_dir

pytestmark = pytest.mark.browser

LESSONS = lesson_notebooks()

# Timeouts in milliseconds. Generous: the first matplotlib import builds a font cache,
# and the machine may be shared.
APP_TIMEOUT = 90_000
KERNEL_TIMEOUT = 120_000
RUN_TIMEOUT = 300_000
WIDGET_TIMEOUT = 20_000

#: MIME types JupyterLab renders as an ``<img>`` (bitmap renderer and SVG renderer).
IMAGE_MIMES = ("image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
INTERACTIVE = "diplotext-interactive"  # diplotext.widgets.INTERACTIVE_KEY
#: JupyterLab's renderer preference (lowest rank first) for the types that matter here:
#: widget (0) > HTML (50) > Markdown (60) > LaTeX (70) > SVG (80) > bitmap images (90).
PREFERENCE = (WIDGET_MIME, "text/html", "text/markdown", "text/latex", *IMAGE_MIMES)

# --- JavaScript run in the page -------------------------------------------------------------

FIND_PANEL = """(path) => {
  const app = window.jupyterapp;
  if (!app) return false;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.model) {
      window.__lesson = w;
      return true;
    }
  }
  return false;
}"""

AWAIT_READY = """async () => {
  await window.jupyterapp.started;
  await window.jupyterapp.restored;
  await window.__lesson.context.ready;
  await window.__lesson.sessionContext.ready;
  return true;
}"""

KERNEL_IDLE = """() => {
  const s = window.__lesson.sessionContext.session;
  const k = s && s.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""

RUN_ALL = """async (ms) => {
  const app = window.jupyterapp;
  app.shell.activateById(window.__lesson.id);
  const timer = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('run-all did not finish in ' + ms + ' ms')), ms));
  return await Promise.race([app.commands.execute('notebook:run-all-cells'), timer]);
}"""

ALL_EXECUTED = """() => {
  const panel = window.__lesson;
  const k = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().trim() && c.executionCount == null) {
      return false;
    }
  }
  return true;
}"""

UNEXECUTED = """() => {
  const cells = window.__lesson.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().trim() && c.executionCount == null) {
      out.push(i);
    }
  }
  return out;
}"""

ERRORS = """() => {
  const panel = window.__lesson;
  const sel = '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]';
  const found = Array.from(panel.node.querySelectorAll(sel)).map(e => e.innerText.slice(0, 2000));
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j).toJSON();
      if (o.output_type === 'error') found.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    }
  }
  return found;
}"""

LIVE_PREFERRED = """() => {
  // The MIME type JupyterLab chose for each output of the live notebook model.
  const panel = window.__lesson;
  const rm = panel.content.rendermime;
  const cells = panel.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    for (let j = 0; j < c.outputs.length; j++) {
      const o = c.outputs.get(j);
      const mime = rm.preferredMimeType(o.data, 'any');
      if (mime) out.push(mime);
    }
  }
  return out;
}"""

RENDERED_IMAGES = """() => {
  // Images of image outputs (not images inside widgets, which are checked with widgets).
  const sel = '.jp-OutputArea-output:is(.jp-RenderedImage, .jp-RenderedSVG) img';
  return Array.from(window.__lesson.node.querySelectorAll(sel))
    .filter(img => !img.closest('.jupyter-widgets'))
    .map(img => ({complete: img.complete, w: img.naturalWidth, h: img.naturalHeight,
                  alt: img.getAttribute('alt') || ''}));
}"""

IMAGES_LOADED = """() => {
  const sel = '.jp-OutputArea-output:is(.jp-RenderedImage, .jp-RenderedSVG) img';
  return Array.from(window.__lesson.node.querySelectorAll(sel)).every(img => img.complete);
}"""

TAG_VIEWS = """() => {
  // Tag the top-level widget views (the element a widget-view output renders into its
  // output area, not views nested in an Output widget) so the test can address them.
  const sel = '.jp-OutputArea-output > .jupyter-widgets';
  const views = Array.from(window.__lesson.node.querySelectorAll(sel))
    .filter(v => !v.parentElement.closest('.jupyter-widgets'));
  views.forEach((v, i) => v.setAttribute('data-lesson-view', String(i)));
  return views.length;
}"""

VIEW_STATE = """(view) => {
  // What a view shows as *output*: HTML/Label text, images, Output widgets. Slider readouts
  // and the controls themselves are left out, so a change here means the callback ran.
  const parts = [];
  const sel = '.widget-html-content, .widget-htmlmath-content, .widget-output, ' +
              '.widget-label:not(.widget-readout)';
  for (const e of view.querySelectorAll(sel)) parts.push(e.innerHTML);
  for (const img of view.querySelectorAll('img')) parts.push(img.getAttribute('src') || '');
  if (view.matches('img')) parts.push(view.getAttribute('src') || '');
  return parts.join('\\u241e');
}"""

VIEW_INFO = """(view) => {
  const r = view.getBoundingClientRect();
  return {
    width: r.width, height: r.height,
    widgets: view.querySelectorAll('[class*="widget-"]').length +
             (/\\bwidget-/.test(view.className) ? 1 : 0),
    brokenImages: Array.from(view.querySelectorAll('img'))
      .filter(i => i.getAttribute('src') && (!i.complete || i.naturalWidth === 0)).length,
    text: view.innerText.slice(0, 200),
  };
}"""

SHUTDOWN = """async (ms) => {
  const panel = window.__lesson;
  if (!panel || !panel.sessionContext.session) return false;
  const timer = new Promise(resolve => setTimeout(() => resolve(false), ms));
  return await Promise.race([panel.sessionContext.shutdown().then(() => true), timer]);
}"""

# --- helpers ------------------------------------------------------------------------------


def preferred_mime(data: dict) -> str | None:
    """The MIME type JupyterLab would render for an output bundle (see PREFERENCE)."""
    for mime in PREFERENCE:
        if mime in data:
            return mime
    return next(iter(data), None)


def saved_counts(path: Path) -> tuple[int, int] | None:
    """(image outputs, widget outputs) in the saved notebook; None if saved without outputs."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    if not any(c.get("outputs") for c in code):
        return None
    outputs = [
        o
        for c in code
        for o in c.get("outputs", [])
        if o.get("output_type") in ("display_data", "execute_result")
    ]
    # Committed notebooks keep a widget's static fallback but not its live view (random
    # model ids); diplotext marks such outputs in their metadata.
    widgets = [
        o
        for o in outputs
        if INTERACTIVE in o.get("metadata", {}) or WIDGET_MIME in o.get("data", {})
    ]
    mimes = [preferred_mime(o.get("data", {})) for o in outputs if o not in widgets]
    return (sum(m in IMAGE_MIMES for m in mimes), len(widgets))


def workspace_name(nb: Path) -> str:
    """A workspace id of its own for each notebook (JupyterLab restores workspaces)."""
    return "t-" + re.sub(r"[^A-Za-z0-9_-]+", "-", nb.stem)


def wait_state_change(page, view, before: str, timeout_ms: int = WIDGET_TIMEOUT) -> str | None:
    """Wait until the view's output differs from ``before``; the new state or None."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        now = view.evaluate(VIEW_STATE)
        if now != before:
            return now
        page.wait_for_timeout(200)
    return None


def poke_controls(page, view) -> list[str]:
    """Change each kind of control found in the view until its output changes.

    Returns the list of attempts (for messages); the last entry starts with "changed:" when
    the output changed.
    """
    attempts: list[str] = []
    before = view.evaluate(VIEW_STATE)

    def changed(what: str) -> bool:
        nonlocal before
        now = wait_state_change(page, view, before)
        if now is not None:
            attempts.append(f"changed: {what}")
            return True
        attempts.append(f"no change: {what}")
        before = view.evaluate(VIEW_STATE)  # a late update must not count for the next try
        return False

    boxes = view.locator("input[type=checkbox]")
    if boxes.count():
        boxes.first.click()
        if changed("clicked the first checkbox"):
            return attempts
    handles = view.locator(".noUi-handle")
    if handles.count():
        handle = handles.first
        readout = view.locator(".widget-readout").first
        for key in ("ArrowRight", "ArrowLeft"):
            old = readout.inner_text() if readout.count() else None
            handle.focus()
            handle.press(key)
            if readout.count():
                page.wait_for_timeout(300)
                if readout.inner_text() == old:  # at the end of its range: go the other way
                    continue
            if changed(f"pressed {key} on the first slider"):
                return attempts
            if readout.count():  # the value moved but the output did not follow
                break
    ranges = view.locator("input[type=range]")
    if ranges.count():
        ranges.first.focus()
        ranges.first.press("ArrowRight")
        if changed("pressed ArrowRight on a range input"):
            return attempts
    selects = view.locator("select")
    if selects.count():
        select = selects.first
        values = select.evaluate("s => Array.from(s.options).map(o => o.value)")
        current = select.input_value()
        others = [v for v in values if v != current]
        if others:
            select.select_option(others[0])
            if changed(f"picked {others[0]!r} in the first dropdown"):
                return attempts
    radios = view.locator("input[type=radio]:not(:checked)")
    if radios.count():
        radios.first.check()
        if changed("checked an unchecked radio button"):
            return attempts
    toggles = view.locator(".widget-toggle-button:not(.mod-active)")
    if toggles.count():
        toggles.first.click()
        if changed("clicked an inactive toggle button"):
            return attempts
    return attempts


def run_lesson(page, server: LabServer, nb: Path) -> dict:
    """Open ``nb`` in JupyterLab, run all cells, and return what the page shows."""
    rel = nb.name
    url = server.url(f"lab/workspaces/{workspace_name(nb)}/tree/{urllib.parse.quote(rel)}")
    page.goto(url, wait_until="domcontentloaded", timeout=APP_TIMEOUT)
    page.wait_for_function(FIND_PANEL, arg=rel, timeout=APP_TIMEOUT, polling=250)
    page.evaluate(AWAIT_READY)
    page.wait_for_function(KERNEL_IDLE, timeout=KERNEL_TIMEOUT, polling=250)
    ok = page.evaluate(RUN_ALL, RUN_TIMEOUT)
    if ok is True:  # after an error the later cells never run: report it at once
        page.wait_for_function(ALL_EXECUTED, timeout=RUN_TIMEOUT, polling=250)
    return {"ok": ok, "errors": page.evaluate(ERRORS)}


# --- tests --------------------------------------------------------------------------------


def test_lessons_exist() -> None:
    """There is something to test: the lessons are ``notebooks/[0-9]*.ipynb``."""
    assert LESSONS, f"no lesson notebooks ([0-9]*.ipynb) in {notebooks_dir()}"


@pytest.mark.parametrize("nb", LESSONS, ids=[p.name for p in LESSONS])
def test_lesson_in_jupyterlab(nb: Path, page, lab_server: LabServer, artifacts_dir: Path) -> None:
    """Run the lesson in JupyterLab; no errors; figures and widgets render; widgets respond."""
    shot = artifacts_dir / f"{nb.stem}.png"
    summary: dict = {"notebook": nb.name, "started": time.time()}
    try:
        result = run_lesson(page, lab_server, nb)
        assert result["ok"] is True and not result["errors"], (
            f"{nb.name}: run-all returned {result['ok']!r}; errors shown:\n"
            + "\n---\n".join(result["errors"])
        )
        unexecuted = page.evaluate(UNEXECUTED)
        assert not unexecuted, f"{nb.name}: code cells not executed: {unexecuted}"

        # Figures: one <img> with a real size per image output.
        live = page.evaluate(LIVE_PREFERRED)
        live_images = sum(m in IMAGE_MIMES for m in live)
        live_widgets = sum(m == WIDGET_MIME for m in live)
        saved = saved_counts(nb)
        if saved is not None:
            assert (live_images, live_widgets) == saved, (
                f"{nb.name}: the live run made {live_images} image and {live_widgets} widget "
                f"outputs; the saved notebook has {saved[0]} and {saved[1]}"
            )
        page.wait_for_function(IMAGES_LOADED, timeout=WIDGET_TIMEOUT, polling=250)
        images = page.evaluate(RENDERED_IMAGES)
        assert len(images) == live_images, (
            f"{nb.name}: {live_images} image outputs but {len(images)} rendered <img>"
        )
        summary.update(images=len(images), widget_views=live_widgets, saved_counts=saved)
        broken = [i for i, img in enumerate(images) if not (img["complete"] and img["w"] > 0)]
        assert not broken, f"{nb.name}: images {broken} did not load (naturalWidth 0)"

        # Widgets: one view per widget output, each visible and made of widget elements.
        if live_widgets:
            page.wait_for_function(
                f"() => ({TAG_VIEWS})() >= {live_widgets}", timeout=WIDGET_TIMEOUT, polling=250
            )
        n_views = page.evaluate(TAG_VIEWS)
        assert n_views == live_widgets, (
            f"{nb.name}: {live_widgets} widget outputs but {n_views} widget views "
            "(a widget that shows as text like 'VBox(children=...)' did not render)"
        )
        views = [page.locator(f'[data-lesson-view="{i}"]') for i in range(n_views)]
        for i, view in enumerate(views):
            view.scroll_into_view_if_needed()
            info = view.evaluate(VIEW_INFO)
            assert info["width"] > 0 and info["height"] > 0 and info["widgets"] > 0, (
                f"{nb.name}: widget view {i} is empty: {info}"
            )
            assert info["brokenImages"] == 0, f"{nb.name}: widget view {i} has broken images"

        # ...and each view that has a control responds to it.
        for i, view in enumerate(views):
            controls = view.locator(
                "input[type=checkbox], input[type=radio], input[type=range], select, "
                ".noUi-handle, .widget-toggle-button"
            )
            if not controls.count():
                continue
            if view.locator(".dt-annotator").count():
                continue  # the annotator is driven by mouse and keyboard in test_annotator.py
            view.scroll_into_view_if_needed()
            attempts = poke_controls(page, view)
            summary.setdefault("widget_checks", []).append({"view": i, "attempts": attempts})
            assert attempts and attempts[-1].startswith("changed:"), (
                f"{nb.name}: widget view {i} did not update its output after "
                f"{attempts or 'no usable control'}"
            )
        errors = page.evaluate(ERRORS)
        assert not errors, f"{nb.name}: errors after using the widgets:\n" + "\n".join(errors)
        summary["passed"] = True
    finally:
        summary["seconds"] = round(time.time() - summary.pop("started"), 1)
        summary["console_errors"] = getattr(page, "console_errors", [])[:20]  # diagnosis only
        (artifacts_dir / f"{nb.stem}.json").write_text(json.dumps(summary, indent=2) + "\n")
        print(json.dumps(summary))
        try:
            page.screenshot(path=str(shot), full_page=True, timeout=30_000)
        except Exception as exc:  # a failed screenshot must not hide the real failure
            print(f"screenshot of {nb.name} failed: {exc}")
        try:  # free the kernel: the lessons share two cores with the server and the browser
            page.evaluate(SHUTDOWN, 20_000)
        except Exception as exc:
            print(f"kernel shutdown after {nb.name} failed: {exc}")
