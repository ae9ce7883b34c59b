#!/usr/bin/env python3
"""Build the web book (student edition) into build/book/, offline, failing on any warning.

    python scripts/build_book.py [--out build/book] [--handouts DIR] [--quiet | --verbose]

1. Stage the sources in ``build/book-src/`` (laid out like the repository, so the launch
   buttons point at the real notebook paths):
   * ``notebooks/[0-9]*.ipynb``: the **student edition**: cells tagged ``solution`` (the
     model answers) are dropped, as in the student handouts; saved widget state is dropped
     (the committed outputs carry each widget's static view); links to the teacher guide
     point at the book's page for teachers, links to files outside the book at the
     repository; a link to the lesson's student handout is added under its title;
   * ``notebooks/glossary.md`` and the method docs (:data:`DOCS`);
   * the pages of ``book/`` (index, teachers), with ``{{REPO_URL}}`` filled in;
   * the student handouts (PDF), built with ``diplotext handouts --edition student`` unless
     ``--handouts DIR`` gives a folder that already has them.
2. ``sphinx-build -W --keep-going -b html -c book build/book-src OUT``: the configuration is
   ``book/conf.py`` (sphinx-book-theme and myst-nb, the Jupyter Book 1 stack). Nothing is
   executed and nothing is downloaded.

On a terminal a progress bar (:mod:`diplotext.progress`) says which of the three steps
runs; one summary line names the book's index page at the end. Sphinx itself prints only
warnings and errors (``--verbose`` shows its whole log); ``--quiet`` drops the bar and the
summary. A log or a CI run gets no bar.

Never writes the teacher edition, the teacher guide or the answer key into the book.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from diplotext.progress import Progress, summary_line

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "build" / "book-src"
DEFAULT_REPO_URL = "https://github.com/OWNER/diplotext"

#: Method docs in the book (repository paths). The teacher guide is deliberately not here.
DOCS = ("docs/methods.md", "docs/data.md", "docs/schema.md", "docs/lessons-for-another-text.md")
#: Files in the book besides those: book/*.md go to the root, lessons and glossary keep paths.
EXCLUDED = ("docs/teacher-guide.md",)
TEACHERS_PAGE = "teachers.md"
#: Cells with these tags hold model answers: never in the book.
SOLUTION_TAGS = frozenset({"solution"})

LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def repo_url() -> str:
    return os.environ.get("DIPLOTEXT_REPO_URL", DEFAULT_REPO_URL).rstrip("/")


def rewrite_links(text: str, page: str, in_book: set[str]) -> str:
    """Point each relative Markdown link of ``page`` at a book page or the repository.

    ``page`` and ``in_book`` are repository paths (``notebooks/01-crisis-context.ipynb``).
    The teacher guide becomes the book's page for teachers (which says where the teacher
    edition is); any other file outside the book becomes its address in the repository.
    """

    def fix(match: re.Match[str]) -> str:
        target = match.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:|#|/", target):  # absolute URL, anchor, site path
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = os.path.normpath(os.path.join(os.path.dirname(page), path))
        if resolved in EXCLUDED:
            new = os.path.relpath(TEACHERS_PAGE, os.path.dirname(page) or ".")
        elif resolved in in_book or resolved.startswith("handouts/"):
            return match.group(0)
        else:
            kind = "tree" if (ROOT / resolved).is_dir() else "blob"
            new = f"{repo_url()}/{kind}/main/{resolved}" + (f"#{anchor}" if anchor else "")
        return f"{match.group(1)}{new}{match.group(3)}"

    return LINK.sub(fix, text)


def student_notebook(path: Path, in_book: set[str], handout: str | None) -> dict:
    """The lesson as the book shows it: no model answers, no widget state, fixed links."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    page = path.relative_to(ROOT).as_posix()
    cells = []
    for cell in nb["cells"]:
        if SOLUTION_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"])
            cell = {**cell, "source": rewrite_links(source, page, in_book)}
        cells.append(cell)
    if handout:
        title = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown")
        note = {
            "cell_type": "markdown",
            "metadata": {},
            "source": f"Student handout (PDF, to print): [{Path(handout).name}](../{handout})",
        }
        if "id" in cells[title]:
            note["id"] = "book-handout-link"
        cells.insert(title + 1, note)
    nb["cells"] = cells
    nb["metadata"].pop("widgets", None)
    return nb


def stage(handouts: Path | None, bar: Progress) -> None:
    """Write build/book-src/ (see the module docstring)."""
    shutil.rmtree(SRC, ignore_errors=True)
    SRC.mkdir(parents=True)
    lessons = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    in_book = {p.relative_to(ROOT).as_posix() for p in lessons}
    in_book |= {"notebooks/glossary.md", *DOCS}
    in_book |= {p.name for p in (ROOT / "book").glob("*.md")}
    bar.doing("student handouts")
    pdfs = build_handouts(lessons, handouts)
    bar.advance()
    bar.doing("staging the lessons and docs")
    for lesson in lessons:
        handout = pdfs.get(lesson.stem)
        nb = student_notebook(lesson, in_book, handout)
        target = SRC / lesson.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for rel in ("notebooks/glossary.md", *DOCS):
        text = (ROOT / rel).read_text(encoding="utf-8")
        (SRC / rel).parent.mkdir(parents=True, exist_ok=True)
        (SRC / rel).write_text(rewrite_links(text, rel, in_book), encoding="utf-8")
    for page in sorted((ROOT / "book").glob("*.md")):
        text = page.read_text(encoding="utf-8").replace("{{REPO_URL}}", repo_url())
        (SRC / page.name).write_text(rewrite_links(text, page.name, in_book), encoding="utf-8")
    schema = ROOT / "docs" / "schema.json"  # docs/schema.md links it: a download in the book
    shutil.copy2(schema, SRC / "docs" / schema.name)
    bar.advance()


def build_handouts(lessons: list[Path], given: Path | None) -> dict[str, str]:
    """{lesson stem: staged path of its student handout}, built or copied into the sources."""
    out = SRC / "handouts"
    if given is None:
        cmd = [sys.executable, "-m", "diplotext.cli", "handouts", *map(str, lessons)]
        cmd += ["--edition", "student", "--out", str(out), "--quiet"]  # the book's bar says it
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
        if done.returncode != 0:
            sys.exit("build_book: error: the student handouts did not build (message above)")
    else:
        out.mkdir(parents=True)
        for lesson in lessons:
            pdf = given / f"{lesson.stem}-student.pdf"
            if not pdf.is_file():
                sys.exit(f"build_book: error: {pdf} is missing (run make handouts first)")
            shutil.copy2(pdf, out / pdf.name)
    return {
        p.stem.removesuffix("-student"): f"handouts/{p.name}" for p in out.glob("*-student.pdf")
    }


def sphinx(out: Path, verbose: bool) -> int:
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-c", "book"]
    cmd += ["-d", str(ROOT / "build" / "book-doctrees"), str(SRC), str(out)]
    if not verbose:
        cmd.append("-q")  # warnings and errors only (and -W makes any warning fail the build)
    return subprocess.run(cmd, cwd=ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "book"), help="output folder")
    parser.add_argument("--handouts", type=Path, help="a folder with the student handouts")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    loud.add_argument("-v", "--verbose", action="store_true", help="Sphinx's whole log")
    args = parser.parse_args(argv)
    out = Path(args.out)
    start = time.perf_counter()
    with Progress(3, "book", unit="step", quiet=args.quiet or args.verbose) as bar:
        stage(args.handouts, bar)
        bar.doing("Sphinx: the HTML pages")
        status = sphinx(out, args.verbose)
        bar.advance()
    if status == 0:
        if not args.quiet:
            done = "built the web book (student edition)"
            line = summary_line(done, time.perf_counter() - start, [out / "index.html"])
            print(line, file=sys.stderr)
    else:
        print("build_book: error: Sphinx failed (its messages are above)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
