"""Build handout PDFs for many notebooks and editions, safely.

Each notebook is read once and exported from its *committed* outputs (nothing runs). All
notebooks are read and turned into HTML first, for every edition asked for, so that a bad
notebook stops the build before any PDF is written; then each PDF is rendered (in the same
pool of processes, the longest pages first: :mod:`.parallel`) and written
into a private temporary folder inside the output folder (:mod:`.staging`) and moved into
place with :func:`os.replace`, so an interrupted or failed build never leaves a partial
PDF, and SIGINT, SIGTERM or an error removes the temporary folder (after a SIGKILL, the
next build does). The source notebooks are only read.

Errors the user can fix are :class:`~diplotext.errors.DiplotextError` subclasses:
:class:`~diplotext.errors.InputError` (missing file, invalid JSON, not a valid notebook,
a committed error output), :class:`~diplotext.errors.OutputError` (output folder cannot be
created or written) and :class:`HandoutRenderError` (WeasyPrint failed).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from ..errors import DiplotextError, InputError, OutputError
from ..load import read_bytes
from .editions import teacher_source
from .exporters import HandoutHTMLExporter, html_to_pdf
from .options import EDITIONS, PAPERS
from .parallel import fewer_collections, run_longest_first, run_parallel, worker_pool
from .staging import private_folder, remove_stale, signals_unwind, write_into


class HandoutRenderError(DiplotextError):
    """WeasyPrint could not render a handout (the message names the notebook)."""


@dataclass(frozen=True)
class Handout:
    """One built handout: the file written and what it is."""

    path: Path
    notebook: Path
    edition: str
    paper: str


#: The largest notebook a handout reads (figures are embedded; lesson 03 is about 0.6 MB).
MAX_NOTEBOOK_BYTES = 200_000_000


def read_notebook(path: str | os.PathLike[str]) -> NotebookNode:
    """Read and validate a notebook (nbformat 4), raising :class:`InputError` if it is bad."""
    p = Path(path)
    # A FIFO, a folder, a link loop or an unreadable file: one clear error, never a hang.
    data = read_bytes(p, "notebook", limit=MAX_NOTEBOOK_BYTES, missing="no such notebook")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: cannot read the notebook (not UTF-8: {exc.reason})") from None
    try:
        json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{p}: not valid notebook JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    try:
        nb = nbformat.reads(raw, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several types for invalid notebooks
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{p}: not a valid Jupyter notebook ({first})") from exc
    return nb


def edition_source(path: Path, nb: NotebookNode, edition: str) -> tuple[Path, NotebookNode]:
    """The notebook to print ``edition`` of ``path`` from, and its contents.

    The student edition is the notebook itself. The teacher edition is the notebook if it
    has model answers, else its teacher twin ``../teacher/NAME.ipynb``; if there is none,
    :class:`~.editions.NoModelAnswersError` says that the notebook has no model answers.
    """
    if edition != "teacher":
        return path, nb
    src = teacher_source(path, nb, strict=True)
    return (path, nb) if src == path else (src, read_notebook(src))


def handout_html(
    nb: NotebookNode,
    *,
    name: str,
    edition: str = "student",
    paper: str = "a4",
    course: str = "",
    path: str | os.PathLike[str] = ".",
    exporter: HandoutHTMLExporter | None = None,
    repeat_text: bool | None = None,
) -> str:
    """The handout HTML of one notebook for one edition (``nb`` is not modified);
    ``repeat_text`` prints the numbered text on every answer sheet (:mod:`.paper`; None:
    the exporter's ``repeat_numbered_text``)."""
    if edition not in EDITIONS:
        raise InputError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    if paper not in PAPERS:
        raise InputError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    exporter = exporter or HandoutHTMLExporter()
    exporter.edition, exporter.paper, exporter.course = edition, paper, course
    if repeat_text is not None:
        exporter.repeat_numbered_text = repeat_text
    resources: dict[str, Any] = {"metadata": {"name": name, "path": str(path)}}
    html, _ = exporter.from_notebook_node(nb, resources)
    return html


def export_handout(
    notebook: str | os.PathLike[str],
    *,
    edition: str = "student",
    paper: str = "a4",
    course: str = "",
    fmt: str = "pdf",
) -> bytes | str:
    """One notebook's handout as PDF bytes (``fmt="pdf"``) or HTML text (``fmt="html"``)."""
    p = Path(notebook)
    nb = read_notebook(p)
    html = handout_html(nb, name=p.stem, edition=edition, paper=paper, course=course, path=p.parent)
    if fmt == "html":
        return html
    if fmt != "pdf":
        raise InputError(f"format must be pdf or html, not {fmt!r}")
    return _render(html, p)


def _render(html: str, notebook: Path) -> bytes:
    try:
        with fewer_collections():
            return html_to_pdf(html, base_url=notebook.parent.resolve().as_uri() + "/")
    except DiplotextError:
        raise
    except Exception as exc:
        raise HandoutRenderError(f"{notebook}: WeasyPrint could not render it ({exc})") from exc


def write_atomic(path: Path, data: bytes | str, folder: Path | None = None) -> None:
    """Write ``data`` to ``path`` via a private temporary folder (``folder``, or a new one
    beside ``path``) and ``os.replace``.

    On any failure the temporary file is removed and ``path`` is left as it was.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if folder is None:
        with private_folder(path.parent) as tmp:
            write_atomic(path, payload, tmp)
        return
    try:
        write_into(folder, path, payload)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write it ({exc.strerror or exc})") from exc


def prepare_output_dir(out: str | os.PathLike[str]) -> Path:
    """Create the output folder if needed; :class:`OutputError` if it cannot be written."""
    d = Path(out)
    if d.exists() and not d.is_dir():
        raise OutputError(f"{d}: exists and is not a folder")
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{d}: cannot create the output folder ({exc.strerror or exc})") from exc
    if not os.access(d, os.W_OK | os.X_OK):
        raise OutputError(f"{d}: the output folder is not writable")
    return d


#: One exporter per edition in each process (making one reads the templates).
_EXPORTERS: dict[str, HandoutHTMLExporter] = {}


def _html_task(task: tuple[Path, str, str, str, bool]) -> tuple[Path, str, str]:
    """One handout's HTML: (notebook, edition, paper, course, repeat_text) -> (source,
    edition, html)."""
    path, edition, paper, course, repeat_text = task
    with fewer_collections():
        src, nb = edition_source(path, read_notebook(path), edition)
        exporter = _EXPORTERS.get(edition) or _EXPORTERS.setdefault(edition, HandoutHTMLExporter())
        html = handout_html(nb, name=path.stem, edition=edition, paper=paper, course=course,
                            path=src.parent, exporter=exporter,
                            repeat_text=repeat_text)  # fmt: skip
    return src, edition, html


def _pdf_task(task: tuple[str, Path]) -> bytes:
    html, src = task
    return _render(html, src)


_DATA_URL = re.compile(r"""data:[^"')\s]*""")


def render_cost(html: str) -> int:
    """How long a page takes to print, roughly: its length without embedded images
    (``data:`` URLs, cheap for WeasyPrint next to laying out text and tables)."""
    return len(html) - sum(len(m) for m in _DATA_URL.findall(html))


def check_choices(paths: Sequence[Path], editions: Sequence[str], paper: str) -> None:
    """:class:`InputError` for no notebooks, an unknown edition or paper."""
    if not paths:
        raise InputError("no notebooks to build (pass NOTEBOOK paths)")
    bad = [e for e in editions if e not in EDITIONS]
    if bad or not editions:
        raise InputError(f"edition must be one of {', '.join(EDITIONS)}, not {bad or editions}")
    if paper not in PAPERS:
        raise InputError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")


def handout_pages(
    paths: Sequence[Path],
    editions: Sequence[str],
    *,
    paper: str = "a4",
    course: str = "",
    jobs: int | None = None,
    progress: Any = None,
    pool: Any = None,
    repeat_text: bool = False,
) -> list[tuple[Path, str, str]]:
    """(source notebook, edition, HTML) for every notebook and edition, in order, each
    laid out once; raises the first notebook's error (in order) before anything is
    written. ``progress`` (a :class:`~diplotext.progress.Progress`) advances per page.
    The pages are made in ``pool`` if given (:func:`.parallel.worker_pool`);
    ``repeat_text``: the numbered text on every answer sheet (:mod:`.paper`)."""
    tasks = [(p, e, paper, course, repeat_text) for p in paths for e in editions]
    pages = []
    for page in run_parallel(_html_task, tasks, jobs, pool=pool):
        pages.append(page)
        if progress is not None:
            progress.doing(f"{page[0].stem} ({page[1]}) laid out")
            progress.advance()
    return pages


def build_handouts(
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
    """Build ``OUT/<notebook stem>-<edition>.pdf`` for every notebook and edition.

    Returns the handouts written, in order. Raises :class:`InputError` before writing
    anything if a notebook is missing or invalid, :class:`OutputError` if ``out`` cannot
    be written. ``keep_html`` also writes the HTML beside each PDF. The HTML and the PDFs
    are made in ``jobs`` processes (default: one per core); only this process writes.
    ``progress`` (a :class:`~diplotext.progress.Progress` over two steps per handout) is
    advanced as each page is laid out and each PDF written. ``repeat_text`` prints the
    numbered text on every answer sheet instead of once (:mod:`.paper`).
    """
    paths = [Path(n) for n in notebooks]
    check_choices(paths, editions, paper)
    # One pool for both phases: its processes start, and import WeasyPrint, once.
    with fewer_collections(), worker_pool(len(paths) * len(editions), jobs) as pool:
        # Phase 1: every edition's HTML of every notebook (fails early, before any writing).
        pages = handout_pages(paths, editions, paper=paper, course=course, jobs=jobs,
                              progress=progress, pool=pool, repeat_text=repeat_text)  # fmt: skip

        # Phase 2: render in parallel, longest first; write each file atomically.
        entries = [(f"{p.stem}-{edition}.pdf", p, edition, html) for p, edition, html in pages]
        return write_pdfs(out, entries, _pdf_task, paper=paper, keep_html=keep_html,
                          jobs=jobs, progress=progress, pool=pool)  # fmt: skip


def write_pdfs(
    out: str | os.PathLike[str],
    entries: Sequence[tuple[str, Path, str, str]],
    task: Callable[[tuple[str, Path]], bytes],
    *,
    paper: str,
    keep_html: bool,
    jobs: int | None,
    progress: Any,
    pool: Any = None,
) -> list[Handout]:
    """Render ``entries`` (file name, source, edition, HTML) with ``task((html, source))``
    in ``jobs`` processes (or ``pool``), the longest pages first (:func:`render_cost`),
    and write each PDF (and, with ``keep_html``, its HTML) into ``out`` atomically, via a
    private folder, as it is done; stale leftovers are removed first. Returns the
    handouts in the order of ``entries``."""
    outdir = prepare_output_dir(out)
    targets = [outdir / name for name, _, _, _ in entries]
    names = tuple(n for t in targets for n in (t.name, t.with_suffix(".html").name))
    built: dict[int, Handout] = {}
    items = [(html, src) for _, src, _, html in entries]
    costs = [render_cost(html) for html, _ in items]
    with signals_unwind():
        remove_stale(outdir, names)
        with private_folder(outdir) as tmp:
            for i, pdf in run_longest_first(task, items, costs, jobs, pool=pool):
                _, src, edition, html = entries[i]
                if keep_html:
                    write_atomic(targets[i].with_suffix(".html"), html, tmp)
                write_atomic(targets[i], pdf, tmp)
                built[i] = Handout(targets[i], src, edition, paper)
                if progress is not None:
                    progress.doing(targets[i].name)
                    progress.advance()
    return [built[i] for i in range(len(entries))]
