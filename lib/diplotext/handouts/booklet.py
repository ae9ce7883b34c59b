"""The course booklet: every lesson in one PDF per edition (``diplotext handouts --booklet``).

    OUT/booklet-student.pdf, OUT/booklet-teacher.pdf

A booklet is a title page, a table of contents with page numbers (CSS
``target-counter()``, which WeasyPrint fills in), every lesson's handout starting on a new
page, then the references of all lessons, once and without repeats, and the course
glossary (``glossary.md`` beside the notebooks), once. Pages are numbered through.

Each lesson's HTML is the handout's own (:func:`.build.handout_pages`, laid out once per
edition, in parallel), so a booklet prints exactly what the single handouts print. Ids and
``#`` links are prefixed per lesson so that they stay unique; links to the glossary
(``glossary.md#term``) point into the booklet's glossary. The glossary is Markdown made
into HTML by nbconvert's renderer and sanitised with nh3 like every handout body.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from ..errors import InputError
from .build import (
    Handout,
    _render,
    check_choices,
    handout_pages,
    write_pdfs,
)
from .exporters import build_date, make_static
from .options import EDITIONS
from .paper import records_as_table, tables_as_records
from .parallel import fewer_collections, worker_pool
from .safety import sanitise_fragment

GLOSSARY = "glossary.md"
_SPACES = re.compile(r"\s+")


def booklet_name(edition: str) -> str:
    """``booklet-student.pdf`` or ``booklet-teacher.pdf``."""
    return f"booklet-{edition}.pdf"


def _slug(text: str) -> str:
    """A glossary heading as the lessons link to it: lower case, spaces as hyphens."""
    return _SPACES.sub("-", text.strip().lower())


def glossary_section(folder: Path, soup: BeautifulSoup) -> Any | None:
    """``folder/glossary.md`` as a ``<section id="glossary">``, or ``None`` if absent."""
    path = folder / GLOSSARY
    if not path.is_file():
        return None
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the glossary ({exc})") from exc
    body = BeautifulSoup(sanitise_fragment(markdown2html_mistune(text)), "html.parser")
    for heading in body.find_all(re.compile(r"^h[1-6]$")):
        for a in heading.select("a.anchor-link"):
            a.decompose()
        heading["id"] = "glossary-" + _slug(heading.get_text(" ", strip=True))
    for a in body.select('a[href^="#"]'):
        a["href"] = "#glossary-" + a["href"][1:]
    section = soup.new_tag("section", attrs={"class": "booklet-back", "id": "glossary"})
    section.extend(list(body.contents))
    make_static(section)
    return section


def _retarget(part: Any, prefix: str, has_glossary: bool) -> None:
    """Make a lesson's ids unique (``prefix``) and its glossary links internal."""
    for tag in part.select("[id]"):
        tag["id"] = prefix + tag["id"]
    for a in part.select("a[href]"):
        href = a["href"]
        if href.startswith("#"):
            a["href"] = "#" + prefix + href[1:]
        elif has_glossary and href.split("#", 1)[0] in (GLOSSARY, f"./{GLOSSARY}"):
            term = href.partition("#")[2]
            a["href"] = f"#glossary-{term}" if term else "#glossary"


class References:
    """The lessons' references, each once: list entries by their text, rows of the
    references tables (``views.references``) by their first cell (the reference id); a
    repeated row adds its last cell ("used for") to the first one's."""

    def __init__(self) -> None:
        self.items: dict[str, Any] = {}
        self.rows: dict[str, Any] = {}
        self.header: Any = None

    def __bool__(self) -> bool:
        return bool(self.items or self.rows)

    def take(self, main: Any) -> None:
        """Move the references out of one lesson's ``<main>`` (a references table printed
        as records, :mod:`.paper`, is read as the table it was)."""
        factory = BeautifulSoup("", "html.parser")
        for block in main.select(".references-appendix"):
            for records in block.select(".record-list"):
                if any(parent is block for parent in records.parents):  # not moved away
                    records_as_table(factory, records)
            for item in block.find_all("li"):
                if item.find_parent("li") is None:
                    self.items.setdefault(_text(item), copy.copy(item))
            for table in block.find_all("table"):
                self._rows(table)
            block.decompose()

    def _rows(self, table: Any) -> None:
        head = table.find("thead")
        if self.header is None and head is not None:
            self.header = copy.copy(head)
        for row in table.select("tbody tr") or table.find_all("tr")[1:]:
            cells = row.find_all(["td", "th"])
            if not cells:
                continue
            key = _text(cells[0])
            kept = self.rows.get(key)
            if kept is None:
                self.rows[key] = copy.copy(row)
                continue
            last, extra = kept.find_all(["td", "th"])[-1], _text(cells[-1])
            if len(cells) > 1 and extra and extra not in _text(last):
                last.append(f"; {extra}")

    def section(self, soup: BeautifulSoup) -> Any:
        """The booklet's one references section."""
        attrs = {"class": "booklet-back references-appendix", "id": "references"}
        refs = soup.new_tag("section", attrs=attrs)
        heading = soup.new_tag("h1")
        heading.string = "References"
        intro = soup.new_tag("p")
        intro.string = "The works and sources the lessons cite, each listed once."
        refs.extend([heading, intro])
        if self.items:
            ul = soup.new_tag("ul")
            ul.extend(list(self.items.values()))
            refs.append(ul)
        if self.rows:
            table = soup.new_tag("table", attrs={"class": "diplotext-table wide-table"})
            if self.header is not None:
                table.append(self.header)
            tbody = soup.new_tag("tbody")
            tbody.extend(list(self.rows.values()))
            table.append(tbody)
            refs.append(table)
            tables_as_records(refs, soup)  # long, as in the lessons: records
        return refs


def _text(tag: Any) -> str:
    return _SPACES.sub(" ", tag.get_text(" ", strip=True))


def booklet_html(pages: Sequence[tuple[Path, str, str]], edition: str, folder: Path) -> str:
    """One edition's booklet page from its lessons' handout HTML (in order)."""
    first = BeautifulSoup(pages[0][2], "html.parser")
    course = first.select_one(".title-block .course")
    course = copy.copy(course) if course is not None else None
    soup = BeautifulSoup("<!DOCTYPE html><html><head></head><body></body></html>", "html.parser")
    soup.html.replace_with(first.html)  # the lessons' head: styles, paper, running footer
    body = soup.body
    body.clear()
    label = f"{edition.capitalize()} edition"
    name = course.get_text(" ", strip=True) if course else "Course"
    soup.title.string = f"{name}: booklet ({label.lower()})"
    main = soup.new_tag("main")
    body.append(main)
    glossary = glossary_section(folder, soup)

    lessons, references = [], References()
    for n, (src, _, html) in enumerate(pages):
        lesson = BeautifulSoup(html, "html.parser").main
        references.take(lesson)
        _retarget(lesson, f"l{n}-", glossary is not None)
        title = lesson.select_one("h1.lesson-title")
        number = lesson.select_one(".lesson-number")
        section = soup.new_tag("section", attrs={"class": "booklet-lesson", "id": f"lesson-{n}"})
        section.extend(list(lesson.contents))
        lessons.append((section, title.get_text(" ", strip=True) if title else src.stem, number))

    main.append(_title_page(soup, course, label, len(lessons)))
    main.append(_contents(soup, lessons, bool(references), glossary is not None))
    for section, _, _ in lessons:
        main.append(section)
    if references:
        main.append(references.section(soup))
    if glossary is not None:
        main.append(glossary)
    return str(soup)


def _title_page(soup: BeautifulSoup, course: Any, label: str, count: int) -> Any:
    page = soup.new_tag("section", attrs={"class": "booklet-title-page"})
    if course is not None:
        page.append(copy.copy(course))
    h1 = soup.new_tag("h1")
    h1.string = "Course booklet"
    page.append(h1)
    for cls, text in (
        ("booklet-edition", label),
        ("booklet-count", f"{count} lesson{'s' if count != 1 else ''}"),
        ("booklet-date", f"Built {build_date().day} {build_date().strftime('%B %Y')}"),
    ):
        p = soup.new_tag("p", attrs={"class": cls})
        p.string = text
        page.append(p)
    return page


def _contents(soup: BeautifulSoup, lessons: list[Any], refs: bool, glossary: bool) -> Any:
    nav = soup.new_tag("nav", attrs={"class": "booklet-contents"})
    h1 = soup.new_tag("h1")
    h1.string = "Contents"
    nav.append(h1)
    ol = soup.new_tag("ol")
    entries = [
        (f"#lesson-{n}", _entry(title, number)) for n, (_, title, number) in enumerate(lessons)
    ]
    entries += [("#references", "References")] * refs + [("#glossary", "Glossary")] * glossary
    for href, text in entries:
        li = soup.new_tag("li")
        a = soup.new_tag("a", attrs={"href": href})
        a.string = text
        li.append(a)
        ol.append(li)
    nav.append(ol)
    return nav


def _entry(title: str, number: Any) -> str:
    return f"{number.get_text(' ', strip=True)}: {title}" if number is not None else title


def _booklet_task(task: tuple[str, Path]) -> bytes:
    html, folder = task
    return _render(html, folder / "booklet.ipynb")


def build_booklets(
    notebooks: Iterable[str | os.PathLike[str]],
    *,
    editions: Sequence[str] = EDITIONS,
    paper: str = "a4",
    out: str | os.PathLike[str] = "build/handouts",
    course: str = "",
    keep_html: bool = False,
    jobs: int | None = None,
    progress: Any = None,
    repeat_text: bool = False,
) -> list[Handout]:
    """Build ``OUT/booklet-<edition>.pdf`` with every notebook, for each edition.

    The lessons' HTML is made first (in parallel, failing before anything is written),
    then each edition's booklet is rendered (the editions in parallel) and written
    atomically. ``progress`` advances once per lesson page and once per booklet;
    ``repeat_text`` as for :func:`.build.build_handouts`.
    """
    paths = [Path(n) for n in notebooks]
    check_choices(paths, editions, paper)
    with fewer_collections(), worker_pool(len(paths) * len(editions), jobs) as pool:
        pages = handout_pages(paths, editions, paper=paper, course=course, jobs=jobs,
                              progress=progress, pool=pool, repeat_text=repeat_text)  # fmt: skip
        books = []
        for edition in editions:
            mine = [p for p in pages if p[1] == edition]
            src_folder = mine[0][0].parent  # the teacher twins' folder for the teacher edition
            books.append((edition, src_folder, booklet_html(mine, edition, src_folder)))

        entries = [(booklet_name(e), folder, e, html) for e, folder, html in books]
        return write_pdfs(out, entries, _booklet_task, paper=paper, keep_html=keep_html,
                          jobs=jobs, progress=progress, pool=pool)  # fmt: skip
