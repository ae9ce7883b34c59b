"""``diplotext lesson PATH --out DIR``: the document lessons, regenerated for another statement.

Some lessons are about *a* text, not about the January 2022 context: their notebooks have
one code cell tagged ``parameters`` (papermill's convention) that sets ``TEXT_PATH = None``
and ``METADATA_PATH = None`` (None = the seed). :func:`generate` finds those notebooks by
the tag, runs each one for the new text, and writes a self-contained *lesson pack*::

    DIR/
      README.md                          what the pack is, where the text came from
      source/NAME.txt                    the text, as read (UTF-8)
      source/NAME.meta.toml              its provenance (fields not given are left out)
      00-start-here.ipynb ...            the document lessons, executed for this text
      handouts/00-start-here-student.pdf, -teacher.pdf ...
      glossary.md                        the course glossary (the lessons link it)
      diplotext-pack.json                what was generated, from what (marks the folder)

Provenance comes from ``--metadata FILE`` (the TOML format of ``seeds/*.meta.toml``), else
``NAME.meta.toml`` beside the text; ``--title``, ``--publisher``, ``--date``, ``--url`` and
``--genre`` override single fields. Nothing is guessed: a missing field is shown in the
lessons as "not given".

Links: inside the pack, a link to another regenerated lesson or to the glossary works as it
is. A file the lessons link that sits in the course's ``notebooks/`` folder (an image, a
Markdown page) is copied into the pack. A link to a lesson that is NOT regenerated (01, 02,
04 are about the January 2022 context) or to a file outside ``notebooks/`` is rewritten as
plain text naming the course file, so the pack has no broken links wherever it is copied.

Safety: everything is checked before anything is written (the text, the metadata, the
notebooks, the output folder). One-line metadata fields (title, publisher, date, url, ...)
with a newline or a control character are refused; every field is escaped where it is
written into Markdown, and only an http(s) address becomes a link. The pack is built in a
private temporary folder ``.DIR.building-XXXX`` next to ``DIR`` (same file system) and
renamed into place at the end, so a failure (a notebook that raises, a full disk, Ctrl-C,
SIGTERM) leaves no half-written ``DIR`` and an old pack stays until the new one is
complete. The build folder is locked (``flock``) while a run uses it: what a killed run
left behind is removed by the next run for the same ``DIR`` (and an old pack caught
between two renames is put back). ``--force`` replaces an existing folder only if it is a
pack made by this command (it contains ``diplotext-pack.json``). A symbolic link as ``DIR``
is refused.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fnmatch
import json
import logging
import os
import posixpath
import re
import shutil
import stat
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .buildfolder import clean_leftovers, install, make_build_dir, sigterm_raises
from .display import url_target
from .errors import DiplotextError, InputError, MetadataError, OutputError, show_path
from .load import (
    METADATA_KEYS,
    check_field,
    os_error_reason,
    read_bytes,
    read_metadata,
    read_metadata_file,
    read_text,
    seeds_dir,
    verify_fixity,
)
from .model import Metadata
from .progress import Progress

__all__ = [
    "MARKER",
    "METADATA_FLAGS",
    "LessonExecutionError",
    "LessonPack",
    "document_lessons",
    "example_paths",
    "generate",
    "md_link",
    "md_text",
    "metadata_toml",
    "notebooks_dir",
    "provenance_table",
    "register",
    "resolve_metadata",
    "rewrite_links",
    "url_target",
]

#: The cell tag that marks a document lesson's parameters cell (papermill's convention).
PARAMETERS_TAG = "parameters"

#: The file that marks a folder as a lesson pack (and lists what is in it).
MARKER = "diplotext-pack.json"

#: Metadata fields that can be given on the command line (they override the file).
METADATA_FLAGS: tuple[str, ...] = ("title", "publisher", "date", "url", "genre")

#: Where the course notebooks are found when ``--notebooks`` is not given.
NOTEBOOKS_ENV = "DIPLOTEXT_NOTEBOOKS"

#: Largest lesson notebook read (with its images).
NOTEBOOK_MAX_BYTES = 100_000_000


class LessonExecutionError(DiplotextError):
    """A lesson notebook raised while it ran for the new text (names notebook and cell)."""


@dataclass(frozen=True)
class LessonPack:
    """What :func:`generate` wrote: the folder and the files in it (paths inside ``out``)."""

    out: Path
    text: Path
    metadata: Path
    notebooks: tuple[Path, ...]
    handouts: tuple[Path, ...]


# --------------------------------------------------------------------------- finding lessons


def notebooks_dir() -> Path:
    """The course's ``notebooks/`` folder: ``$DIPLOTEXT_NOTEBOOKS``, else the checkout's."""
    env = os.environ.get(NOTEBOOKS_ENV)
    if env:
        return Path(env)
    return seeds_dir().parent / "notebooks"


def _tags(cell: Mapping[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _parameters_cell(nb: Mapping[str, Any]) -> tuple[int, str] | None:
    """(index, source) of the cell tagged ``parameters``, or None."""
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code" and PARAMETERS_TAG in _tags(cell):
            src = cell.get("source", "")
            return i, "".join(src) if isinstance(src, list) else src
    return None


def document_lessons(folder: str | os.PathLike[str] | None = None) -> tuple[Path, ...]:
    """The lesson notebooks (``NN-*.ipynb``) in ``folder`` that have a ``parameters`` cell.

    These are the lessons about *a* document, which :func:`generate` re-runs for another
    text; the others are about the January 2022 context and are not regenerated. A file
    that is not valid JSON is skipped here (``diplotext handouts`` reports it).
    """
    d = Path(folder) if folder is not None else notebooks_dir()
    try:
        names = os.listdir(d)
    except FileNotFoundError:
        return ()
    except OSError as exc:
        why, todo = os_error_reason(exc, opening=True)
        raise InputError(f"notebooks folder {show_path(d)}: {why}; {todo}") from None
    found = []
    for name in sorted(fnmatch.filter(names, "[0-9]*.ipynb")):
        p = d / name
        raw = read_bytes(p, "notebook", NOTEBOOK_MAX_BYTES)  # a FIFO or no permission: error
        try:
            nb = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(nb, dict) and _parameters_cell(nb) is not None:
            found.append(p)
    return tuple(found)


def example_paths() -> tuple[Path, ...]:
    """The example statements in ``seeds/examples/`` (``*.txt``, sorted by name)."""
    return tuple(sorted((seeds_dir() / "examples").glob("*.txt")))


# --------------------------------------------------------------------------- provenance


def resolve_metadata(
    text_path: str | os.PathLike[str],
    metadata_file: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, str | None] | None = None,
) -> Metadata:
    """The provenance of a text: ``metadata_file``, else ``NAME.meta.toml`` beside the text,
    else nothing; then each non-empty value of ``overrides`` (keys in
    :data:`METADATA_FLAGS`) replaces the field. Missing fields stay ``None``."""
    meta = read_metadata_file(metadata_file) if metadata_file else read_metadata(text_path)
    changes = {}
    for key, value in (overrides or {}).items():
        if key not in METADATA_FLAGS:
            raise MetadataError(f"unknown metadata field {key!r}; use {', '.join(METADATA_FLAGS)}")
        if value is not None and str(value).strip():
            changes[key] = check_field(key, str(value).strip(), f"--{key}")
    return replace(meta, **changes) if changes else meta


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def metadata_toml(meta: Metadata, comment: str = "") -> str:
    """Metadata as a TOML file in the format of ``seeds/*.meta.toml`` (None fields left out)."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    pairs = [(k, getattr(meta, k)) for k in METADATA_KEYS] + list(meta.extra)
    for key, value in pairs:
        if value is None:
            continue
        k = key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)
        # A JSON string is a valid TOML basic string (\", \\, \n, \uXXXX escapes).
        lines.append(f"{k} = {json.dumps(str(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def provenance_table(paths: Sequence[str | os.PathLike[str]]):
    """Where each text comes from, read from its ``NAME.meta.toml``: file, publisher, date,
    address, licence. Missing fields read "not given". Returns a
    :class:`~diplotext.display.TableOutput` (for the References of a lesson)."""
    from .display import TableOutput

    rows = []
    for p in paths:
        m = read_metadata(p)
        rows.append(
            (
                Path(p).stem,
                m.publisher or "not given",
                m.date or "not given",
                m.url or "not given",
                m.licence or "not given",
            )
        )
    return TableOutput.from_rows(
        ("text", "publisher", "date", "address", "licence"),
        rows,
        "Provenance of the texts (from each text's .meta.toml file)",
    )


# --------------------------------------------------------------------------- links

_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)"
)


def _split_target(target: str) -> tuple[str, str]:
    path, _, anchor = target.partition("#")
    return path, anchor


def _is_relative(path: str) -> bool:
    return (
        bool(path) and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path) and not path.startswith("/")
    )


def rewrite_links(
    markdown: str, pack: Path, course: Path, copy: dict[str, Path] | None = None
) -> str:
    """Make the relative links of a lesson's Markdown work inside a pack.

    A link whose file exists in ``pack`` stays. A file that exists in the ``course``
    notebooks folder (not a notebook, and not above it) is recorded in ``copy``
    (pack-relative path -> source file) and stays linked. Anything else (a lesson not
    regenerated, a file outside ``notebooks/``) becomes its link text followed by the
    course file it pointed to, in words, so nothing in the pack is a broken link.
    """

    def fix(m: re.Match[str]) -> str:
        path, _ = _split_target(m.group("target"))
        if not _is_relative(path):
            return m.group(0)
        rel = posixpath.normpath(path)
        if (pack / rel).exists() or (copy is not None and rel in copy):
            return m.group(0)
        src = course / rel
        inside = not rel.startswith("..") and _within(src, course)
        if copy is not None and inside and src.is_file() and src.suffix != ".ipynb":
            copy[rel] = src
            return m.group(0)
        repo_path = posixpath.normpath(posixpath.join("notebooks", rel))
        text = m.group("text") or repo_path
        if src.suffix == ".ipynb":
            note = f"course lesson `{repo_path}`, not regenerated for this text"
        else:
            note = f"in the diplotext course: `{repo_path}`"
        return f"{text} ({note})"

    return _LINK.sub(fix, markdown)


def _within(path: Path, folder: Path) -> bool:
    """True if ``path``, with its symbolic links followed, is inside ``folder``."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


# --------------------------------------------------------------------------- checks


def _check_output(out: Path, force: bool, text_path: Path) -> None:
    """Raise :class:`OutputError` if ``out`` cannot (or must not) become the pack folder."""
    shown = f"output folder {show_path(out)}"
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        why, _ = os_error_reason(exc)
        raise OutputError(f"{shown}: {why}; choose another folder for --out") from None
    if st is not None:
        _check_existing_output(out, st, force, text_path, shown)
    parent = _existing_ancestor(out.absolute().parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            f"{shown}: cannot write in {show_path(parent)} (permission denied); "
            "choose a folder you can write to for --out"
        )


def _check_existing_output(
    out: Path, st: os.stat_result, force: bool, text_path: Path, shown: str
) -> None:
    """An ``out`` that exists: a folder, not a link; empty, or a pack that --force replaces."""
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(
            f"{shown}: is a symbolic link (to {show_path(os.readlink(out))}); diplotext does "
            "not write through links: give the folder it points to, or a new folder"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown}: exists and is not a folder; choose a new folder for --out")
    try:
        empty = not any(os.scandir(out))
    except OSError as exc:
        why, _ = os_error_reason(exc, opening=True)
        raise OutputError(f"{shown}: {why}; choose another folder for --out") from None
    if empty:
        return
    if not force:
        raise OutputError(
            f"{shown}: exists and is not empty; choose a new folder, or add --force to "
            "replace a lesson pack made earlier by diplotext lesson"
        )
    if not (out / MARKER).is_file():
        raise OutputError(
            f"{shown}: is not empty and is not a lesson pack (no {MARKER}); --force "
            "only replaces a pack made by diplotext lesson. Choose a new folder"
        )
    if out.resolve() in text_path.resolve().parents:
        raise OutputError(
            f"{shown}: holds the text {show_path(text_path)}, and --force would "
            "replace it; copy the text elsewhere first"
        )


def _existing_ancestor(p: Path) -> Path:
    while not os.path.lexists(p):
        p = p.parent
    if not p.is_dir():
        raise OutputError(
            f"output folder: {show_path(p)} is a file, so no folder can be made inside it; "
            "check --out"
        )
    return p


def _write_error(exc: OSError, out: Path, tmp: Path | None) -> DiplotextError:
    """An OSError met while building: a file of the course that cannot be read, or the
    output folder that cannot be written (full disk, read-only, permission)."""
    name = exc.filename
    ours = tmp is not None and name is not None and Path(name).is_relative_to(tmp)
    if name is not None and not ours and Path(name).absolute().parent != out.absolute().parent:
        why, todo = os_error_reason(exc, opening=True)
        return InputError(f"file {show_path(name)}: {why}; {todo}")
    why = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM):
        why = "permission denied"
    return OutputError(
        f"output folder {show_path(out)}: cannot write it ({why}); nothing was written: "
        "free some space or choose a folder you can write to for --out"
    )


def _read_lessons(lessons: Sequence[Path]):
    """Read and validate the lesson notebooks; each must set TEXT_PATH in its parameters."""
    from .handouts.build import read_notebook

    if not lessons:
        raise InputError(
            "no lesson notebook with a cell tagged 'parameters' was found; give the course "
            "notebooks folder with --notebooks"
        )
    out = []
    for p in lessons:
        nb = read_notebook(p)
        found = _parameters_cell(nb)
        if found is None or "TEXT_PATH" not in found[1]:
            raise InputError(f"{p.name}: its 'parameters' cell does not set TEXT_PATH")
        out.append((p, nb, found))
    return out


# --------------------------------------------------------------------------- executing


def _clean(nb) -> None:
    """Drop run-specific metadata (timings, temporary paths) so a pack is reproducible."""
    nb.metadata.pop("widgets", None)
    pm = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {k: pm[k] for k in ("parameters", "version") if k in pm}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)


def _execute(
    src: Path, dest: Path, params: dict[str, str], cwd: Path, timeout: int, pidx: int, language: str
):
    """Run one lesson with papermill; raise :class:`LessonExecutionError` naming the cell."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    # papermill logs parser notes ("Unable to parse line ...") as warnings; the kernel logs
    # a transport warning. Neither is the user's business: errors still raise below.
    log = logging.getLogger("papermill")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return pm.execute_notebook(
            str(src),
            str(dest),
            parameters=params,
            cwd=str(cwd),
            language=language,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as exc:
        # papermill inserts one cell (injected-parameters) after the parameters cell.
        n = exc.cell_index + (0 if exc.cell_index <= pidx else -1) + 1
        raise LessonExecutionError(
            f"{src.name}: cell {n} raised {exc.ename}: {exc.evalue} while running for this "
            "text; nothing was written."
        ) from None
    except Exception as exc:
        raise LessonExecutionError(
            f"{src.name} could not be run ({type(exc).__name__}: {exc}); nothing was written."
        ) from None
    finally:
        log.setLevel(level)


_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md_text(text: str) -> str:
    """Text as literal Markdown: every ASCII punctuation character is backslash-escaped
    (CommonMark allows it for all of them), so no markup, HTML tag or entity survives."""
    return _MD_PUNCT.sub(r"\\\1", text)


def md_link(label: str, url: str) -> str:
    """``[label](url)`` for an http(s) address: the label escaped, the address
    percent-encoded (never both on one string). Anything else (``javascript:``, ``file:``,
    a relative path) is written as escaped plain text, not as a link."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return f"[{md_text(label)}]({url_target(url)})"
    return f"{md_text(url)} (not a web address, so not linked)"


def _pack_readme(
    name: str, meta: Metadata, notebooks: Sequence[str], handouts: Sequence[str]
) -> str:
    def field(label: str, value: str | None) -> str:
        return f"- {label}: {md_text(value) if value else 'not given'}"

    url = md_link(meta.url, meta.url) if meta.url else "not given"
    lines = [
        f"# Lesson pack: {md_text(meta.title or name)}",
        "",
        "The document lessons of the diplotext course, run for this text by "
        "`diplotext lesson`. Everything the lessons say about the text comes from the "
        "rule-based parse of `source/" + name + ".txt` and from the provenance below; "
        "nothing missing was guessed.",
        "",
        "## The text",
        "",
        field("title", meta.title),
        field("publisher", meta.publisher),
        field("date", meta.date),
        field("genre", meta.genre),
        f"- web address: {url}",
        field("licence", meta.licence),
        "",
        "## Lessons",
        "",
        *[f"- [{md_text(n)}]({url_target(n)})" for n in notebooks],
        "",
        "## Handouts",
        "",
        *[f"- [{md_text(h)}]({url_target(h)})" for h in handouts],
        "",
        "The other lessons of the course (the January 2022 context) do not depend on the "
        "text and are not part of the pack; links to them name the course file instead.",
        "",
    ]
    return "\n".join(lines)


def _safe_name(stem: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")
    return name or "text"


def generate(
    text_path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    metadata_file: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, str | None] | None = None,
    force: bool = False,
    notebooks: str | os.PathLike[str] | None = None,
    handouts: bool = True,
    paper: str = "a4",
    timeout: int = 600,
    progress: Progress | None = None,
    keep_lines: bool = False,
) -> LessonPack:
    """Regenerate the document lessons for the text at ``text_path`` into the folder ``out``.

    Checks everything first (text, metadata, lesson notebooks in ``notebooks`` or
    :func:`notebooks_dir`, the output folder), then builds the pack in a temporary folder
    beside ``out`` and renames it into place. Raises :class:`~diplotext.errors.InputError`,
    :class:`~diplotext.errors.MetadataError`, :class:`~diplotext.errors.OutputError` or
    :class:`LessonExecutionError`; on any error nothing is left behind. ``progress``
    (optional, :class:`~diplotext.progress.Progress`) is advanced once per lesson executed
    and once for the handouts. ``keep_lines`` writes ``keep_lines = "true"`` into the pack's
    metadata, so that the lessons parse the text with one paragraph per line (no unwrapping
    of hard-wrapped text; ``diplotext.parse(keep_lines=True)``).
    """
    text_path = Path(text_path)
    out = Path(out)
    text = read_text(text_path)
    meta = resolve_metadata(text_path, metadata_file, overrides)
    if keep_lines:
        meta = replace(
            meta, extra=tuple(sorted({**dict(meta.extra), "keep_lines": "true"}.items()))
        )
    verify_fixity(text, meta, str(text_path))
    course = Path(notebooks) if notebooks is not None else notebooks_dir()
    _check_course(course)
    lessons = _read_lessons(document_lessons(course))
    if handouts:
        from .handouts.options import PAPERS

        if paper not in PAPERS:
            raise InputError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    parent = out.absolute().parent
    clean_leftovers(parent, out.name)  # what a killed run left; may put an old pack back
    _check_output(out, force, text_path)

    # Build beside `out` (same file system, so the final rename is atomic).
    with sigterm_raises():
        made: list[Path] = []
        tmp: Path | None = None
        lock: int | None = None
        done = False
        try:
            made = _make_parents(parent, out)
            tmp, lock = make_build_dir(parent, out.name)
            bar = progress or Progress(0, "", quiet=True)
            bar.set_total(len(lessons) + (1 if handouts else 0))
            pack = _build(
                tmp, text, text_path, meta, course, lessons, (handouts, paper), timeout, bar
            )
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o777 & ~umask)  # private while building; a pack is an ordinary folder
            install(tmp, out)
            done = True
        except OSError as exc:
            raise _write_error(exc, out, tmp) from None
        finally:
            if not done:
                if tmp is not None:
                    shutil.rmtree(tmp, ignore_errors=True)
                for d in made:  # innermost first
                    try:
                        d.rmdir()
                    except OSError:
                        break
            if lock is not None:
                os.close(lock)
    return LessonPack(
        out=out,
        text=out / pack["text"],
        metadata=out / pack["metadata"],
        notebooks=tuple(out / n for n in pack["notebooks"]),
        handouts=tuple(out / h for h in pack["handouts"]),
    )


def _build(tmp, text, text_path, meta, course, lessons, printing, timeout, bar) -> dict:
    """Write the whole pack into ``tmp``; returns the manifest (pack-relative paths).
    ``printing`` is (handouts wanted, paper); ``bar`` a :class:`Progress`."""
    import nbformat

    handouts, paper = printing
    name = _safe_name(text_path.stem)
    (tmp / "source").mkdir()
    text_rel = f"source/{name}.txt"
    meta_rel = f"source/{name}.meta.toml"
    (tmp / text_rel).write_text(text, encoding="utf-8", newline="")
    (tmp / meta_rel).write_text(
        metadata_toml(
            meta,
            f"Provenance of {name}.txt as given to diplotext lesson (metadata file and "
            "command-line flags).\nFields not given are left out: they are unknown, not empty.",
        ),
        encoding="utf-8",
    )
    glossary = course / "glossary.md"
    if glossary.is_file():
        shutil.copyfile(glossary, tmp / "glossary.md")

    names = [p.name for p, _, _ in lessons]
    for n in names:  # placeholders, so links between regenerated lessons are kept
        (tmp / n).touch()
    copies: dict[str, Path] = {}
    label = meta.title or f"{name}.txt"
    label = label if len(label) <= 70 else label[:69].rstrip() + "…"
    for src, src_nb, (pidx, psrc) in lessons:
        language = (
            src_nb.metadata.get("kernelspec", {}).get("language")
            or src_nb.metadata.get("language_info", {}).get("name")
            or "python"  # papermill needs it to write the parameters; the lessons are Python
        )
        params = {"TEXT_PATH": text_rel}
        if "METADATA_PATH" in psrc:
            params["METADATA_PATH"] = meta_rel
        dest = tmp / src.name
        bar.doing(f"running {src.name}")
        nb = _execute(src, dest, params, tmp, timeout, pidx, language)
        bar.advance()
        _clean(nb)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = rewrite_links(cell.source, tmp, course, copies)
        info = dict(nb.metadata.get("diplotext", {}))
        info["edition"] = f"for: {label}"
        info["document"] = {"text": text_rel, "metadata": meta_rel, "title": meta.title}
        nb.metadata["diplotext"] = info
        nbformat.write(nb, str(dest))
    for rel, src in sorted(copies.items()):
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, tmp / rel)

    built: list[str] = []
    if handouts:
        from .handouts.build import build_handouts

        bar.doing("printing the handouts")
        # A pack from the student edition has no model answers: it prints the student
        # handouts only; a pack from teacher/ prints both editions.
        has_answers = any(
            "solution" in c.metadata.get("tags", []) for _, nb, _ in lessons for c in nb.cells
        )
        editions = ("student", "teacher") if has_answers else ("student",)
        paths = [tmp / n for n in names]
        for h in build_handouts(paths, editions=editions, paper=paper, out=tmp / "handouts"):
            built.append(f"handouts/{h.path.name}")
        bar.advance()
    (tmp / "README.md").write_text(_pack_readme(name, meta, names, built), encoding="utf-8")
    manifest = {
        "generator": "diplotext lesson",
        "text": text_rel,
        "metadata": meta_rel,
        "notebooks": names,
        "handouts": built,
        "copied": sorted(["glossary.md", *copies] if glossary.is_file() else copies),
    }
    (tmp / MARKER).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


# --------------------------------------------------------------------------- folders


def _check_course(course: Path) -> None:
    try:
        st = os.stat(course)
    except OSError as exc:
        why, todo = os_error_reason(exc)
        if exc.errno == errno.ENOENT:
            why, todo = "no such notebooks folder", "give it with --notebooks"
        raise InputError(f"notebooks folder {show_path(course)}: {why}; {todo}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise InputError(
            f"notebooks folder {show_path(course)}: is not a folder; give the course's "
            "notebooks/ folder with --notebooks"
        )


def _make_parents(parent: Path, out: Path) -> list[Path]:
    """Create the missing folders above ``out``; returns them, innermost first."""
    made: list[Path] = []
    p = parent
    while not os.path.lexists(p):
        made.append(p)
        p = p.parent
    for d in reversed(made):
        try:
            d.mkdir()
        except OSError as exc:
            for m in made:
                with contextlib.suppress(OSError):
                    m.rmdir()
            raise OutputError(
                f"output folder {show_path(out)}: cannot create {show_path(d)} "
                f"({exc.strerror or exc}); choose a folder you can write to for --out"
            ) from None
    return made


# --------------------------------------------------------------------------- command line


def _cmd_lesson(args: argparse.Namespace) -> int:
    overrides = {k: getattr(args, k) for k in METADATA_FLAGS}
    bar = Progress(0, "diplotext lesson", unit="step", quiet=args.quiet)
    pack = generate(
        args.path,
        args.out,
        metadata_file=args.metadata,
        overrides=overrides,
        force=args.force,
        notebooks=args.notebooks,
        handouts=not args.no_handouts,
        paper=args.paper,
        progress=bar,
        keep_lines=args.keep_lines,
    )
    for p in (pack.text, pack.metadata, *pack.notebooks, *pack.handouts):
        print(show_path(p))
    bar.summary(
        f"lesson pack: {len(pack.notebooks)} lesson(s), {len(pack.handouts)} handout(s); "
        "open README.md there",
        [show_path(pack.out)],
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``diplotext lesson`` to the command line."""
    p = sub.add_parser(
        "lesson",
        help="regenerate the document lessons (and handouts) for another statement",
        description=(
            "Run the lessons about a document (those with a 'parameters' cell) for another "
            "UTF-8 statement, and write them with their handouts into a new folder."
        ),
    )
    p.add_argument("path", help="a UTF-8 plain-text statement")
    p.add_argument("--out", required=True, metavar="DIR", help="a new (or empty) folder")
    p.add_argument(
        "--metadata", metavar="FILE", help="provenance TOML (default: NAME.meta.toml beside PATH)"
    )
    for key in METADATA_FLAGS:
        p.add_argument(f"--{key}", help=f"the text's {key} (overrides the metadata file)")
    p.add_argument("--force", action="store_true", help="replace a pack made earlier at DIR")
    p.add_argument(
        "--notebooks", metavar="DIR", help="the course notebooks folder (default: notebooks/)"
    )
    p.add_argument("--no-handouts", action="store_true", help="skip the PDF handouts")
    p.add_argument(
        "--keep-lines",
        action="store_true",
        help="one paragraph per line even in hard-wrapped text (no unwrapping)",
    )
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="default: a4")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the files written")
    p.set_defaults(handler=_cmd_lesson)
