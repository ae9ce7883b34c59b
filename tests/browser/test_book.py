"""The web book (``make book``) in a real browser: Debian's Chromium through Playwright.

The book is built once per session into a temporary folder with ``scripts/build_book.py``
(``sphinx-build -W``: any warning fails the build), with a hub address of its own so the
test can tell the JupyterHub button was configured. It is served by ``http.server`` on
127.0.0.1; every request to any other address is recorded and refused. Checks:

* every page loads with no console error and no request leaving the site;
* every ``<img>`` has its real alt text (not a file name, not nbconvert's stock text), and
  each lesson page carries every alt text its notebook's figures have;
* search finds a word of a lesson and a glossary entry;
* glossary links from the lessons land on an entry; each lesson page has Binder and
  JupyterHub (nbgitpuller) buttons and a link to its student handout (a real PDF);
* no model answer is in the book (student edition).

Run: ``.venv/bin/python -m pytest -q -m browser tests/browser/test_book.py``.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from lab_support import REPO

pytestmark = pytest.mark.browser

HUB = "https://hub.book-test.example.edu"
LESSONS = sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))
#: The teacher edition: the model answers that must stay out of the book.
TEACHER = sorted((REPO / "teacher").glob("[0-9]*.ipynb"))
FILE_NAME_ALT = re.compile(r"^[\w.-]+\.(png|jpe?g|svg|gif)$", re.I)


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built book (the build must succeed with zero warnings)."""
    out = tmp_path_factory.mktemp("book") / "html"
    env = {**os.environ, "DIPLOTEXT_HUB_URL": HUB}
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_book.py"), "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"the book did not build (warnings fail it):\n{log[-5000:]}"
    assert "WARNING" not in log and "\r" not in log, log[-5000:]  # a log: no bar, no warning
    assert log.strip().endswith(f"-> {out}/index.html"), log[-5000:]  # the one summary line
    return out


@pytest.fixture(scope="session")
def site(book: Path) -> Iterator[str]:
    """The book served on 127.0.0.1 (a random free port); yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def pages(book: Path) -> list[str]:
    """Every HTML page of the book (not the theme's template files in _static/)."""
    found = (p.relative_to(book).as_posix() for p in book.rglob("*.html"))
    return sorted(p for p in found if not p.startswith("_static/"))


def open_offline(page, site: str, path: str) -> list[str]:
    """Load ``path``; refuse and return every request that is not to the site itself."""
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(urljoin(site, path), wait_until="networkidle")
    page.unroute("**/*")
    return outside


def notebook_alts(lesson: Path) -> list[str]:
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    return [
        o["metadata"]["image/png"]["alt"].strip()
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]


def test_the_book_has_every_lesson_the_glossary_and_the_teachers_page(book: Path):
    built = set(pages(book))
    for lesson in LESSONS:
        assert f"notebooks/{lesson.stem}.html" in built
    assert {"index.html", "notebooks/glossary.html", "teachers.html", "search.html"} <= built
    assert {"docs/methods.html", "docs/data.html"} <= built
    assert not any("teacher-guide" in p for p in built), "the teacher guide is not for the book"
    assert not any(p.startswith("teacher/") for p in built), "the teacher edition is not either"
    teachers = (book / "teachers.html").read_text(encoding="utf-8")
    assert "/tree/main/teacher" in teachers  # ... but the page for teachers says where it is


def test_every_page_loads_with_no_console_error_and_nothing_from_outside(page, site, book):
    problems = []
    for path in pages(book):
        page.console_errors.clear()
        outside = open_offline(page, site, path)
        if outside or page.console_errors:
            problems.append(f"{path}: outside={outside} console={page.console_errors}")
    assert not problems, "\n".join(problems)


def test_every_image_has_its_real_alt_text(page, site, book):
    bad = []
    for path in pages(book):
        open_offline(page, site, path)
        for src, alt in page.eval_on_selector_all(
            "img", "els => els.map(e => [e.getAttribute('src'), e.getAttribute('alt')])"
        ):
            text = (alt or "").strip()
            if (
                not text
                or FILE_NAME_ALT.match(text)
                or text == Path(urlsplit(src or "").path).name
                or "No description has been provided" in text
            ):
                bad.append(f"{path}: {src} alt={alt!r}")
    assert not bad, "\n".join(bad)
    for lesson in LESSONS:
        open_offline(page, site, f"notebooks/{lesson.stem}.html")
        shown = page.eval_on_selector_all("img", "els => els.map(e => e.alt.trim())")
        for alt in notebook_alts(lesson):
            assert alt in shown, f"{lesson.name}: figure alt text not on the page: {alt[:80]}"


def test_search_finds_a_lesson_and_a_glossary_entry(page, site):
    for word, expected in (("Blinken", "notebooks/00-start-here.html"), ("annexation", "glossary")):
        open_offline(page, site, f"search.html?q={word}")
        page.wait_for_selector("#search-results ul.search li", timeout=30_000)
        hits = page.eval_on_selector_all(
            "#search-results ul.search li a", "els => els.map(e => e.href)"
        )
        assert any(expected in h for h in hits), (word, hits)


def test_glossary_links_from_the_lessons_land_on_an_entry(page, site):
    targets = set()
    for lesson in LESSONS:
        open_offline(page, site, f"notebooks/{lesson.stem}.html")
        hrefs = page.eval_on_selector_all(
            "a[href*='glossary.html#']", "els => els.map(e => e.href)"
        )
        targets |= {unquote(urlsplit(h).fragment) for h in hrefs}
    assert len(targets) >= 10, targets  # the lessons link many terms
    open_offline(page, site, "notebooks/glossary.html")
    missing = [t for t in sorted(targets) if not page.evaluate(f"!!document.getElementById({t!r})")]
    assert not missing, f"glossary anchors not found: {missing}"


def test_each_lesson_has_launch_buttons_and_its_student_handout(page, site, book):
    for lesson in LESSONS:
        open_offline(page, site, f"notebooks/{lesson.stem}.html")
        links = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href') || '')")
        binder = [h for h in links if h.startswith("https://mybinder.org/v2/")]
        hub = [h for h in links if h.startswith(f"{HUB}/hub/user-redirect/git-pull?")]
        assert binder and f"notebooks/{lesson.name}" in binder[0], (lesson.name, binder)
        assert hub and f"notebooks/{lesson.name}" in hub[0] and "branch=main" in hub[0], hub
        pdfs = [h for h in links if h.endswith(f"{lesson.stem}-student.pdf")]
        assert pdfs, f"{lesson.name}: no link to its student handout"
        pdf = (book / "notebooks" / pdfs[0]).resolve()
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-"), pdf


def test_no_model_answer_is_in_the_book(book):
    answers = []
    for lesson in TEACHER:
        nb = json.loads(lesson.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if "solution" not in cell.get("metadata", {}).get("tags", []):
                continue
            texts = [cell["source"]] if cell["cell_type"] == "markdown" else []
            texts += [o["data"]["text/plain"] for o in cell.get("outputs", []) if "data" in o]
            for text in texts:  # a markdown answer, or the answer a code cell printed
                words = re.sub(r"[*_`\"“”]", "", "".join(text)).split()
                answers.append(" ".join(words[2:14]))  # 12 words after "Model answer."
    assert len(answers) >= 6 and all(answers), answers
    files = [*book.rglob("*.html"), *(book / "_sources").rglob("*")]  # + the downloadable sources
    text = "\n".join(
        re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")) for p in files if p.is_file()
    )
    text = " ".join(re.sub(r"[\"“”]", "", text).split())
    assert "Model answer" not in text
    leaked = [a for a in answers if a in text]
    assert not leaked, f"model answers in the book: {leaked}"
