"""nbconvert exporters for printable lesson handouts (HTML and PDF via WeasyPrint).

``HandoutHTMLExporter`` is nbconvert's ``HTMLExporter`` with the ``diplotext_handout``
template (it extends ``lab/index.html.j2``), a display priority without widget views or
JavaScript, and the handout preprocessors (see :mod:`.preprocessors`). It executes
nothing: it prints the outputs committed in the notebook.

The notebook's metadata is checked first (:mod:`.metadata`), and the body of the HTML is
sanitised with nh3 (:mod:`.safety`): a notebook from anyone gives a static page.

``HandoutPDFExporter`` renders that same HTML with WeasyPrint (no browser, no TeX).
WeasyPrint may read ``data:`` URLs and ``file:`` URLs under the notebook's folder and the
package's templates only, and attaches no file: nothing else is read, nothing is fetched
from the network.

Both are registered as nbconvert exporters (``pyproject.toml``)::

    jupyter nbconvert --to handout_pdf --HandoutHTMLExporter.edition=teacher LESSON.ipynb
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from nbformat import NotebookNode
from traitlets import Bool, Enum, Int, Unicode, default, validate
from traitlets.config import Config

from .editions import NoModelAnswersError, teacher_source
from .metadata import check_notebook_metadata
from .options import EDITIONS, PAPERS
from .paper import numbered_text_once, tables_as_records
from .preprocessors import (
    HandoutPreprocessor,
    plain_inline,
    remove_title_heading,
    tag_remove_preprocessor,
)
from .safety import (
    drop_attachments,
    file_url_path,
    handout_url_fetcher,
    limit_image_sizes,
    sanitise_body,
)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "diplotext_handout"
DEFAULT_COURSE = "diplotext: Reading Diplomatic Statements"

#: What prints, best first. No widget views or JavaScript: a page cannot run them.
HANDOUT_DISPLAY_PRIORITY: list[str] = [
    "text/html",
    "text/markdown",
    "image/png",
    "image/jpeg",
    "image/svg+xml",
    "text/plain",
    "text/latex",
]

#: The handout's own preprocessors (:mod:`.editions`), run after nbconvert's defaults.
HANDOUT_PREPROCESSORS: tuple[str, ...] = (
    "diplotext.handouts.editions.CheckAnswersPreprocessor",
    "diplotext.handouts.editions.ReferencesAppendixPreprocessor",
)

#: Tables with at most this many rows are kept on one page.
SHORT_TABLE_ROWS = 12
#: Tables with at least this many columns take the full text width (narrow columns of
#: quoted text wrap into tall cells otherwise).
WIDE_TABLE_COLUMNS = 4
#: Tables with at least this many columns are set smaller, so they fit the text width.
MANY_COLUMNS = 9
#: A table column whose cells average more characters than this is running text.
PROSE_CELL_CHARS = 30
PROSE_SHARE_MM = 85
#: The text width of the narrower paper (A4: 210 mm less 2 x 21 mm margins), less a little.
TEXT_WIDTH_MM = 160

_LESSON_FROM_NAME = re.compile(r"^(\d+)[-_ .]")


@dataclass(frozen=True)
class HandoutInfo:
    """What the title block, running footer and PDF metadata say."""

    title: str
    course: str
    edition: str
    date: _dt.date
    paper: str
    lesson: str | None = None
    course_edition: str | None = None
    author: str = ""

    @property
    def edition_label(self) -> str:
        """ "Student edition" or "Teacher edition"."""
        return f"{self.edition.capitalize()} edition"

    @property
    def subject(self) -> str:
        """One line for the PDF Subject field."""
        lesson = f"Lesson {self.lesson}: " if self.lesson else ""
        stop = "" if self.title.endswith((".", "?", "!")) else "."
        return f"{lesson}{self.title}{stop} {self.edition_label} handout, {self.course}."


def build_date() -> _dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` (reproducible builds) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date()
    return _dt.date.today()


def _authors(nb: NotebookNode) -> str:
    authors = nb.metadata.get("authors") or []
    names = [a.get("name", "") if isinstance(a, dict) else str(a) for a in authors]
    return ", ".join(n for n in names if n)


class HandoutHTMLExporter(HTMLExporter):
    """A lesson notebook as a printable HTML handout (student or teacher edition).

    Configurable (``--HandoutHTMLExporter.<name>=...``): ``edition`` (``student`` or
    ``teacher``; empty: the notebook's ``metadata.diplotext.edition``, else ``student``),
    ``paper`` (``a4`` or ``letter``), ``course`` (empty: ``metadata.diplotext.course``),
    ``answer_lines`` (ruled lines after each exercise in the student edition),
    ``repeat_numbered_text`` (the numbered text on every answer sheet, not once:
    :mod:`.paper`).
    """

    export_from_notebook = "Handout (HTML)"

    edition = Enum(
        ["", *EDITIONS], default_value="", help="student or teacher (empty: notebook metadata)"
    ).tag(config=True)
    paper = Enum(list(PAPERS), default_value="a4", help="a4 or letter").tag(config=True)
    course = Unicode("", help="course name for the title block (empty: metadata)").tag(config=True)
    answer_lines = Int(7, help="ruled answer lines after each exercise (student)").tag(config=True)
    repeat_numbered_text = Bool(
        False,
        help="print the numbered text on every annotator exercise's answer sheet (default: "
        "once per handout, later sheets point to it)",
    ).tag(config=True)

    @validate("embed_images")
    def _no_embedded_images(self, proposal: Any) -> bool:
        """nbconvert would read any path a Markdown image names (``../../x``) into the
        page; a handout reads files only through its checked URL fetcher."""
        if proposal["value"]:
            self.log.warning("handouts: embed_images is not supported (files are not read)")
        return False

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(TEMPLATE_DIR)]

    @default("default_preprocessors")
    def _default_preprocessors_default(self) -> list[Any]:
        base = HTMLExporter.class_traits()["default_preprocessors"].default()
        return [*base, *HANDOUT_PREPROCESSORS]

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @property
    def default_config(self) -> Config:
        c = super().default_config.copy()
        c.merge(
            Config(
                {
                    "NbConvertBase": {"display_data_priority": list(HANDOUT_DISPLAY_PRIORITY)},
                    "HighlightMagicsPreprocessor": {"enabled": True},
                    # a plain pygments style: the JupyterLab one uses CSS variables
                    # that only the lab theme defines
                    "CSSHTMLHeaderPreprocessor": {"style": "default"},
                    **{p.rsplit(".", 1)[1]: {"enabled": True} for p in HANDOUT_PREPROCESSORS},
                }
            )
        )
        return c

    # -- the work -------------------------------------------------------------------------
    def resolve_edition(self, nb: NotebookNode) -> str:
        """The edition to build: the configured one, else the notebook's, else student."""
        if self.edition:
            return self.edition
        meta = nb.metadata.get("diplotext", {}) or {}
        return meta.get("edition") if meta.get("edition") in EDITIONS else "student"

    def handout_info(self, nb: NotebookNode, title: str | None, name: str) -> HandoutInfo:
        """Title, course, lesson number, edition and date for this notebook."""
        meta = nb.metadata.get("diplotext", {}) or {}
        lesson = meta.get("lesson")
        if lesson is None:
            match = _LESSON_FROM_NAME.match(name)
            lesson = int(match.group(1)) if match else None
        course_edition = meta.get("edition")
        course = self.course or meta.get("course") or DEFAULT_COURSE
        return HandoutInfo(
            title=plain_inline(str(meta.get("title") or title or name)),
            course=str(course),
            edition=self.resolve_edition(nb),
            date=build_date(),
            paper=self.paper,
            lesson=None if lesson is None else str(lesson),
            course_edition=None if course_edition in (None, "", *EDITIONS) else course_edition,
            author=_authors(nb) or meta.get("author") or str(course),
        )

    def prepare(
        self, nb: NotebookNode, resources: dict[str, Any] | None = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """A preprocessed copy of ``nb`` for this edition, and resources for the template."""
        resources = dict(resources or {})
        resources.setdefault("metadata", {})
        name = resources["metadata"].get("name") or "notebook"
        check_notebook_metadata(nb, name)
        nb = copy.deepcopy(nb)
        edition = self.resolve_edition(nb)
        nb, resources = tag_remove_preprocessor(edition, parent=self)(nb, resources)
        nb, resources = HandoutPreprocessor(edition=edition, enabled=True, parent=self)(
            nb, resources
        )
        heading = remove_title_heading(nb)
        info = self.handout_info(nb, heading, name)
        resources["handout"] = info
        resources["handout_answer_lines"] = max(0, self.answer_lines)
        for pre in self._preprocessors:
            if hasattr(pre, "edition"):
                pre.edition = edition
        return nb, resources

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """The handout HTML (sanitised: no scripts, no remote resources) and the resources."""
        nb, resources = self.prepare(nb, resources)
        html, resources = super().from_notebook_node(nb, resources, **kw)
        folder = notebook_folder(resources)
        soup = BeautifulSoup(sanitise_body(html), features="html.parser")
        tables_as_records(soup)
        make_static(soup)
        if not self.repeat_numbered_text:
            numbered_text_once(soup)
        limit_image_sizes(soup, base=folder, roots=allowed_roots(folder))
        return str(soup), resources


def notebook_folder(resources: dict[str, Any]) -> Path:
    """The notebook's folder (nbconvert's ``resources['metadata']['path']``), resolved."""
    return Path((resources.get("metadata") or {}).get("path") or os.getcwd()).resolve()


def allowed_roots(folder: Path | None) -> tuple[Path, ...]:
    """The folders WeasyPrint may read ``file:`` URLs from: the notebook's and the
    package's templates."""
    return (TEMPLATE_DIR,) if folder is None else (Path(folder).resolve(), TEMPLATE_DIR)


def strip_active_content(html: str) -> str:
    """Make nbconvert's HTML a static, offline, printable page (see :func:`make_static`)."""
    soup = BeautifulSoup(html, features="html.parser")
    make_static(soup)
    return str(soup)


def make_static(soup: BeautifulSoup) -> None:
    """Make a handout page (already sanitised by :func:`.safety.sanitise_body`) static,
    offline and printable, in place.

    Removes scripts, iframes, embedded objects and remote stylesheets; prints the address
    of each web link after its text (``<span class="print-url">``) unless the text is the
    address; marks short tables (kept on one page) and wide ones (full width); gives an
    image with an empty ``alt`` (a Markdown ``![](...)``) a visible placeholder
    description, so no image is silent.
    """
    _remove_active(soup)
    _print_link_addresses(soup)
    for table in soup.find_all("table"):
        _mark_table(soup, table)
    for img in soup.find_all("img"):
        if not (img.get("alt") or "").strip():
            img["alt"] = "Image (the notebook gives no description of this image)"


def _remove_active(soup: BeautifulSoup) -> None:
    """Scripts, frames, embedded objects, remote stylesheets, on-screen instructions and
    ``tabindex`` (nothing on paper takes the focus)."""
    for tag in soup.find_all(["script", "iframe", "object", "embed"]):
        tag.decompose()
    for tag in soup.find_all("link"):
        if re.match(r"^\s*(https?:)?//", tag.get("href", "")):
            tag.decompose()
    for tag in soup.select(".screen-only"):  # on-screen instructions (spans, blocks)
        tag.decompose()
    for tag in soup.select("[tabindex]"):
        del tag["tabindex"]


def _print_link_addresses(soup: BeautifulSoup) -> None:
    """After each web link's text, its address in ``<span class="print-url">`` (unless the
    text is the address): on paper a link is only as good as its printed address."""
    for a in soup.select("main a[href]"):
        href = a["href"].strip()
        if not re.match(r"^(https?:|mailto:)", href) or "anchor-link" in a.get("class", []):
            continue
        text = a.get_text(" ", strip=True)
        if text.rstrip("/") in (href.rstrip("/"), href.split(":", 1)[-1].lstrip("/").rstrip("/")):
            continue
        span = soup.new_tag("span", attrs={"class": "print-url"})
        span.string = f" <{href.removeprefix('mailto:')}>"
        a.insert_after(span)


def _mark_table(soup: BeautifulSoup, table: Any) -> None:
    """Classes for the print CSS: ``short-table`` (kept on one page), ``wide-table`` and
    ``many-columns`` (full width, prose columns widened)."""
    rows = table.find_all("tr")
    extra = []
    if len(rows) <= SHORT_TABLE_ROWS:
        extra.append("short-table")
    columns = len(rows[0].find_all(["td", "th"])) if rows else 0
    if columns >= WIDE_TABLE_COLUMNS:
        extra.append("wide-table")
        if columns >= MANY_COLUMNS:
            extra.append("many-columns")
        _widen_prose_columns(soup, table, rows)
    if extra:
        table["class"] = [*table.get("class", []), *extra]


_BREAK_AFTER = re.compile(r"(?<=[._/])(?=[^\s._/])")
_LONG_TOKEN = re.compile(r"\S{16,}")


def _break_long_identifiers(soup: BeautifulSoup, cell: Any) -> None:
    """Allow line breaks (``<wbr>``) after ``.``, ``_`` and ``/`` in long tokens of a cell
    (rule ids such as ``quotes.within_reported_speech``, file paths, URLs)."""
    for text in list(cell.find_all(string=_LONG_TOKEN)):
        if text.parent is None or text.parent.name in ("style", "script"):
            continue
        parts = _BREAK_AFTER.split(str(text))
        if len(parts) < 2:
            continue
        new_nodes: list[Any] = []
        for k, part in enumerate(parts):
            if k:
                new_nodes.append(soup.new_tag("wbr"))
            new_nodes.append(type(text)(part))
        text.replace_with(*new_nodes)


def _min_width_mm(cells: list[Any]) -> float:
    """A generous estimate of a column's narrowest width in mm (8.5 pt DejaVu Sans)."""
    longest = 0
    for cell in cells:
        for word in cell.get_text(" ", strip=True).split():
            for chunk in _BREAK_AFTER.split(word) if len(word) >= 16 else [word]:
                longest = max(longest, len(chunk) * (1.1 if cell.name == "th" else 1.0))
    return longest * 1.75 + 5


def _widen_prose_columns(soup: BeautifulSoup, table: Any, rows: list[Any]) -> None:
    """Give the columns of running text (quotations, sentences) the room a wide table has.

    WeasyPrint's automatic table layout gives a column of running text about one word's
    width when the table is full. Long identifiers (rule ids) become breakable, and a
    column whose cells average more than :data:`PROSE_CELL_CHARS` characters and four
    words gets what is
    left of :data:`TEXT_WIDTH_MM` after a generous estimate of the other columns' narrowest
    widths (at most :data:`PROSE_SHARE_MM`; nothing if less than 30 mm is left, so a table
    never overflows the page because of this). The widths go on ``<col>`` elements:
    WeasyPrint ignores a width on a cell here.
    """
    for row in rows:
        for cell in row.find_all(["td", "th"]):
            _break_long_identifiers(soup, cell)
    if table.find("colgroup") or table.find("col"):
        return
    cells = [row.find_all(["td", "th"]) for row in rows]
    ncols = len(cells[0])
    if any(c.get("colspan") for c in cells[0]):
        return
    full = [r for r in cells if len(r) == ncols]
    body = full[1:] or full
    texts = [[r[i].get_text("", strip=True) for r in body] for i in range(ncols)]
    prose = {
        i
        for i, col in enumerate(texts)
        if sum(map(len, col)) / len(col) > PROSE_CELL_CHARS
        and sum(len(t.split()) for t in col) / len(col) >= 4  # words, not one long id
    }
    if not prose or len(prose) == ncols:
        return
    others = sum(_min_width_mm([r[i] for r in full]) for i in range(ncols) if i not in prose)
    share = min(PROSE_SHARE_MM, TEXT_WIDTH_MM - others) / len(prose)
    if share < 30:
        return
    colgroup = soup.new_tag("colgroup")
    for i in range(ncols):
        attrs = {"style": f"width: {share:.0f}mm"} if i in prose else {}
        colgroup.append(soup.new_tag("col", attrs=attrs))
    caption = table.find("caption", recursive=False)
    if caption is not None:
        caption.insert_after(colgroup)
    else:
        table.insert(0, colgroup)


def offline_url_fetcher(folder: Path | None = None) -> Any:
    """A WeasyPrint URL fetcher for ``data:`` and for ``file:`` under ``folder`` and the
    package's templates; it refuses everything else with a warning naming the URL."""
    return handout_url_fetcher(allowed_roots(folder))


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render handout HTML to PDF bytes with WeasyPrint, offline, as a tagged PDF.

    ``file:`` URLs are read only under the folder of ``base_url`` (a ``file:`` URL; the
    notebook's folder) and the package's templates; ``rel="attachment"`` is dropped, so no
    file is embedded.
    """
    from weasyprint import HTML

    folder = None
    if base_url and base_url.lower().startswith("file:"):
        folder = file_url_path(base_url)
    fetcher = offline_url_fetcher(folder)
    return HTML(string=drop_attachments(html), base_url=base_url, url_fetcher=fetcher).write_pdf(
        pdf_tags=True
    )


class HandoutPDFExporter(HandoutHTMLExporter):
    """A lesson notebook as a printable PDF handout, rendered by WeasyPrint."""

    export_from_notebook = "Handout (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        """The handout as PDF bytes."""
        html, resources = super().from_notebook_node(nb, resources, **kw)
        pdf = html_to_pdf(html, base_url=notebook_folder(resources).as_uri() + "/")
        resources["output_extension"] = ".pdf"
        return pdf, resources


class HandoutTeacherHTMLExporter(HandoutHTMLExporter):
    """The teacher edition as HTML; on a student notebook, its teacher twin's.

    A notebook with ``solution`` cells is printed itself. A student notebook
    (``notebooks/NAME.ipynb``) is replaced by ``../teacher/NAME.ipynb`` (found from the
    notebook's folder, nowhere else); with no twin, :class:`NoModelAnswersError` says that
    this notebook has no model answers.
    """

    export_from_notebook = "Handout (HTML, teacher edition)"

    @default("edition")
    def _edition_default(self) -> str:
        return "teacher"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        """The teacher handout HTML of ``nb`` or of its teacher twin."""
        nb, resources = teacher_notebook(nb, resources)
        return super().from_notebook_node(nb, resources, **kw)


def teacher_notebook(
    nb: NotebookNode, resources: dict[str, Any] | None
) -> tuple[NotebookNode, dict[str, Any]]:
    """``nb`` if it has model answers, else its teacher twin (read and checked) with
    resources pointing at the twin's folder; :class:`NoModelAnswersError` if none."""
    from .build import read_notebook

    resources = dict(resources or {})
    meta = dict(resources.get("metadata") or {})
    name = str(meta.get("name") or "notebook")
    folder = Path(meta.get("path") or os.getcwd())
    source = teacher_source(folder / f"{name}.ipynb", nb, strict=True)
    if source.name == f"{name}.ipynb" and source.parent == folder:
        return nb, resources
    meta["path"] = str(source.parent)
    resources["metadata"] = meta
    return read_notebook(source), resources


class HandoutTeacherPDFExporter(HandoutPDFExporter):
    """The teacher edition as PDF (see :class:`HandoutTeacherHTMLExporter`)."""

    export_from_notebook = "Handout (PDF, teacher edition)"

    @default("edition")
    def _edition_default(self) -> str:
        return "teacher"

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        """The teacher handout PDF of ``nb`` or of its teacher twin."""
        nb, resources = teacher_notebook(nb, resources)
        return super().from_notebook_node(nb, resources, **kw)


__all__ = [
    "HandoutHTMLExporter",
    "HandoutInfo",
    "HandoutPDFExporter",
    "HandoutTeacherHTMLExporter",
    "HandoutTeacherPDFExporter",
    "NoModelAnswersError",
    "html_to_pdf",
]
