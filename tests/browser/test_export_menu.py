"""JupyterLab offers the handout exporters in File > Save and Export Notebook As.

The menu is built from the server's ``/api/nbconvert`` list, which comes from nbconvert's
``nbconvert.exporters`` entry points (pyproject.toml). Checked twice: in the API, and in
the real menu of a real JupyterLab.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from lab_support import LabServer, lesson_notebooks

pytestmark = pytest.mark.browser

APP_TIMEOUT = 90_000


def test_server_lists_the_handout_exporters(lab_server: LabServer) -> None:
    with urllib.request.urlopen(lab_server.url("api/nbconvert"), timeout=30) as resp:
        formats = json.load(resp)
    assert "handout" in formats and "handout_pdf" in formats, sorted(formats)
    assert formats["handout_pdf"]["output_mimetype"] == "application/pdf"
    assert formats["handout"]["output_mimetype"] == "text/html"
    # the teacher edition beside the student one (issue #8)
    assert formats["handout_teacher_pdf"]["output_mimetype"] == "application/pdf"
    assert formats["handout_teacher"]["output_mimetype"] == "text/html"


def test_file_menu_offers_the_handouts(page, lab_server: LabServer) -> None:
    nb = lesson_notebooks()[0]
    page.goto(
        lab_server.url(f"lab/workspaces/t-export/tree/{urllib.parse.quote(nb.name)}"),
        wait_until="domcontentloaded",
        timeout=APP_TIMEOUT,
    )
    page.wait_for_function(
        "() => window.jupyterapp && document.querySelector('.jp-NotebookPanel')",
        timeout=APP_TIMEOUT,
        polling=250,
    )
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Save and Export Notebook As").first.hover()
    submenu = page.locator(".lm-Menu").last
    submenu.wait_for(state="visible", timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.lm-Menu-itemLabel')]"
        ".some(e => /handout/i.test(e.textContent))",
        timeout=30_000,
        polling=250,
    )
    labels = page.eval_on_selector_all(
        ".lm-Menu-itemLabel", "els => els.map(e => e.textContent.trim())"
    )
    handouts = [label for label in labels if "handout" in label.lower()]
    assert len(handouts) == 4, labels  # HTML and PDF, student and teacher edition
    assert sum("teacher" in label.lower() for label in handouts) == 2, handouts
    page.keyboard.press("Escape")
