"""The class view: ``diplotext class-report answers/*.json [--text PATH] [--html OUT]``.

A teacher collects the students' answer files (see :mod:`.answers`) and sees, per lesson,
exercise and category:

* **agreement among students**: Krippendorff's alpha (nominal) from the ``krippendorff``
  package, computed per word: each student "codes" every word of the text as marked or
  not marked with that category. Alpha is 1 for perfect agreement and 0 for agreement no
  better than chance (it can be negative). For two students it plays the part of Cohen's
  kappa (both correct for chance; alpha also handles any number of coders), so the report
  uses alpha throughout. It needs at least two students and at least one marked word;
  otherwise it says why there is no value;
* **each student beside the parser**: the three counts of Check (agreed, only the student,
  only the parser; the overlap rule of :mod:`.comparison`) and alpha between the two;
* **where the class disagrees most**: runs of words that some but not all students marked,
  ranked by how evenly the class splits, with what the parser found there; in ``--html``
  also as a figure of the text (alt text and caption, Okabe-Ito colours).

Files are never merged silently: a file that is not valid, one made on another text
(its ``text_sha256`` differs), and every file of a student name that occurs twice in a
lesson are listed by name, with the reason, and left out.
"""

from __future__ import annotations

import argparse
import base64
import html
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Document
from .answers import AnswersFileError, read_answers, text_sha256, write_text_atomic
from .categories import Finding, get_category
from .comparison import Mark, match, words

TOP_SPANS = 8


@dataclass(frozen=True)
class StudentFile:
    """One usable answers file."""

    path: Path
    student: str
    data: dict[str, Any]


@dataclass
class Collected:
    """The usable files by lesson, and the skipped ones with their reasons."""

    lessons: dict[str, list[StudentFile]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def collect(paths: Sequence[str | os.PathLike[str]], text: str) -> Collected:
    """Read the files; skip (and say why) the malformed, other-text and duplicate ones."""
    out = Collected()
    sha = text_sha256(text)
    seen: set[Path] = set()
    by_key: dict[tuple[str, str], list[StudentFile]] = {}
    for raw in paths:
        p = Path(raw)
        if p.resolve() in seen:
            out.skipped.append((str(p), "given twice: read once"))
            continue
        seen.add(p.resolve())
        try:
            data = read_answers(p)
        except AnswersFileError as exc:
            out.skipped.append((str(p), str(exc).removeprefix(f"{p}: ")))
            continue
        if data["text_sha256"] != sha:
            out.skipped.append((str(p), "made on a different text (text_sha256 differs)"))
            continue
        student = data.get("student", "").strip() or f"(no name: {p.name})"
        key = (data["lesson"], " ".join(student.casefold().split()))
        by_key.setdefault(key, []).append(StudentFile(p, student, data))
    for (lesson, _), files in by_key.items():
        if len(files) > 1:
            names = ", ".join(str(f.path) for f in files)
            for f in files:
                out.skipped.append(
                    (
                        str(f.path),
                        f"duplicate student {f.student!r} in lesson {lesson} ({names}): "
                        "all skipped",
                    )
                )
            continue
        out.lessons.setdefault(lesson, []).append(files[0])
    for files in out.lessons.values():
        files.sort(key=lambda f: (f.student.casefold(), str(f.path)))
    out.skipped.sort()
    return out


# --------------------------------------------------------------------------- numbers


def coverage(spans: Sequence[tuple[int, int]], toks: Sequence[tuple[int, int]]) -> list[int]:
    """1 for each word that a span covers (any overlap), else 0."""
    from bisect import bisect_left, bisect_right

    ends = [te for _, te in toks]
    starts = [ts for ts, _ in toks]
    row = [0] * len(toks)
    for s, e in spans:
        for i in range(bisect_right(ends, s), bisect_left(starts, e)):
            row[i] = 1
    return row


def alpha(rows: Sequence[Sequence[int]]) -> tuple[float | None, str]:
    """Krippendorff's alpha (nominal) over coders x words, or ``(None, why not)``."""
    if len(rows) < 2:
        return None, "needs two or more coders"
    values = {v for r in rows for v in r}
    if values == {0}:
        return None, "nobody marked anything"
    if len(values) < 2:
        return None, "every word marked by everyone"
    import krippendorff
    import numpy as np

    value = krippendorff.alpha(reliability_data=np.array(rows), level_of_measurement="nominal")
    return float(value), ""


def fmt_alpha(value: float | None, why: str) -> str:
    return f"{value:.2f}" if value is not None else f"n/a ({why})"


@dataclass(frozen=True)
class StudentRow:
    student: str
    agreed: int
    student_only: int
    parser_only: int
    alpha: str


@dataclass(frozen=True)
class Dispute:
    """A run of words some but not all students marked with one category."""

    exercise: str
    category: str
    start: int
    end: int
    marked: int
    students: int
    parser: str  # the rule that found it, or ""

    @property
    def split(self) -> float:
        p = self.marked / self.students
        return 4 * p * (1 - p)


@dataclass(frozen=True)
class CategoryResult:
    exercise: str
    category: str
    students: int
    class_alpha: str
    rows: tuple[StudentRow, ...]
    disputes: tuple[Dispute, ...]
    share: tuple[float, ...]  # per word: share of students who marked it


def _marks(f: StudentFile, exercise: str, category: str, text: str) -> list[Mark]:
    ex = f.data["exercises"][exercise]
    return [
        Mark(m["start"], m["end"], category, text[m["start"] : m["end"]])
        for m in ex["marks"]
        if m["category"] == category and m["end"] <= len(text)
    ]


def _disputes(
    exercise: str, category: str, counts: list[int], n: int, toks: list, found: list[Finding]
) -> list[Dispute]:
    out = []
    i = 0
    while i < len(counts):
        if 0 < counts[i] < n:
            j = i
            while j + 1 < len(counts) and counts[j + 1] == counts[i]:
                j += 1
            s, e = toks[i][0], toks[j][1]
            rule = next((f.rule for f in found if f.start < e and s < f.end), "")
            out.append(Dispute(exercise, category, s, e, counts[i], n, rule))
            i = j + 1
        else:
            i += 1
    return out


def analyse_category(
    doc: Document, files: list[StudentFile], exercise: str, category: str, toks: list
) -> CategoryResult:
    """The numbers for one exercise and category (module docstring)."""
    found = list(get_category(category).find(doc))
    parser_row = coverage([(f.start, f.end) for f in found], toks)
    matrix, rows = [], []
    for f in files:
        marks = _marks(f, exercise, category, doc.text)
        row = coverage([(m.start, m.end) for m in marks], toks)
        matrix.append(row)
        agreed, s_only, p_only = match(doc.text, marks, found)
        rows.append(
            StudentRow(
                f.student,
                len(agreed),
                len(s_only),
                len(p_only),
                fmt_alpha(*alpha([row, parser_row])),
            )
        )
    n = len(files)
    counts = [sum(col) for col in zip(*matrix, strict=True)] if matrix else [0] * len(toks)
    return CategoryResult(
        exercise,
        category,
        n,
        fmt_alpha(*alpha(matrix)),
        tuple(rows),
        tuple(_disputes(exercise, category, counts, n, toks, found)),
        tuple(c / n for c in counts) if n else (),
    )


@dataclass(frozen=True)
class LessonReport:
    lesson: str
    students: tuple[str, ...]
    results: tuple[CategoryResult, ...]
    unknown: tuple[str, ...] = ()  # "exercise: category" this version does not know

    def top_disputes(self, k: int = TOP_SPANS) -> list[Dispute]:
        alld = [d for r in self.results for d in r.disputes]
        return sorted(alld, key=lambda d: (-d.split, -(d.end - d.start), d.start, d.category))[:k]


def analyse(doc: Document, files: list[StudentFile], lesson: str) -> LessonReport:
    """Every exercise and category that the lesson's files have."""
    toks = words(doc.text)
    plan: dict[str, list[str]] = {}
    for f in files:
        for ex_id, ex in f.data["exercises"].items():
            for c in ex["categories"]:
                if c not in plan.setdefault(ex_id, []):
                    plan[ex_id].append(c)
    results, unknown = [], []
    for ex_id in sorted(plan):
        for cat in plan[ex_id]:
            try:
                get_category(cat)
            except InputError:  # from a newer or older diplotext: say so, do not guess
                unknown.append(f"{ex_id}: {cat}")
                continue
            who = [f for f in files if ex_id in f.data["exercises"]]
            results.append(analyse_category(doc, who, ex_id, cat, toks))
    return LessonReport(lesson, tuple(f.student for f in files), tuple(results), tuple(unknown))


# --------------------------------------------------------------------------- text output


def _where(doc: Document, pos: int) -> str:
    s = doc.sentence_at(pos)
    return f"sentence {s.index + 1}" if s else f"character {pos}"


def _q(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= n else text[: n - 1] + "…") + "”"


def dispute_line(doc: Document, d: Dispute) -> str:
    parser = f"the parser found it ({d.parser})" if d.parser else "the parser did not"
    return (
        f"{d.exercise}, {get_category(d.category).label}: {_q(doc.text[d.start : d.end])} "
        f"({_where(doc, d.start)}): {d.marked} of {d.students} students marked it; {parser}"
    )


def text_report(doc: Document, col: Collected, reports: list[LessonReport]) -> str:
    from ..display import TableOutput

    out = []
    if col.skipped:
        out.append("Skipped files (not merged):")
        out += [f"  {p}: {why}" for p, why in col.skipped]
        out.append("")
    for rep in reports:
        out.append(f"Class report: lesson {rep.lesson}, {len(rep.students)} students")
        out.append(f"Students: {', '.join(rep.students)}")
        if rep.unknown:
            out.append(
                f"Categories this diplotext does not know (left out): {', '.join(rep.unknown)}"
            )
        for r in rep.results:
            label = get_category(r.category).label
            out.append("")
            out.append(
                f"Exercise {r.exercise}, {label}: {r.students} students; agreement among "
                f"students (Krippendorff's alpha, per word): {r.class_alpha}"
            )
            rows = [(s.student, s.agreed, s.student_only, s.parser_only, s.alpha) for s in r.rows]
            table = TableOutput.from_rows(
                ("student", "agreed", "only student", "only parser", "alpha with parser"), rows
            )
            out += ["  " + line for line in table.to_text().splitlines()]
        top = rep.top_disputes()
        out += ["", "Where the class disagrees most:"]
        out += [f"  {i}. {dispute_line(doc, d)}" for i, d in enumerate(top, 1)] or ["  (nowhere)"]
        out.append("")
        out.append(
            "For discussion: take the first span above. Who marked it and why? Who did not, "
            "and why? What does the parser's rule see, or miss?"
        )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- figure and HTML


def disagreement_figure(doc: Document, rep: LessonReport, number: int | None = None):
    """The text as a strip (words left to right), one row per exercise and category."""
    import bisect

    from matplotlib.patches import Rectangle

    from ..display import FigureOutput, colour, png_bytes
    from ..figures.text import _new_figure

    caption = (
        f"Where the class disagrees in lesson {rep.lesson}: each row is one exercise and "
        "category; the text runs left to right (sentence numbers on top); bar height is the "
        f"share of the {len(rep.students)} students who marked the word, drawn only where "
        "some but not all did. Numbered spans are listed under the figure."
    )
    rows = [r for r in rep.results if r.disputes][:8]
    top = rep.top_disputes()
    toks = words(doc.text)
    if not rows:
        msg = "The students agree on every word: there is no span to discuss."
        fig = _new_figure(7, 1.2)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, msg, ha="center", va="center")
        return FigureOutput(png_bytes(fig), msg, caption, number)
    fig = _new_figure(10, 0.9 * len(rows) + 1.4)
    ax = fig.add_subplot()
    starts = [s for s, _ in toks]
    for k, r in enumerate(rows):
        y0 = len(rows) - 1 - k
        for d in r.disputes:  # one rectangle per disputed run of words
            i = bisect.bisect_left(starts, d.start)
            j = bisect.bisect_left(starts, d.end)
            height = d.marked / d.students * 0.8
            box = Rectangle((i, y0), j - i, height, facecolor=colour(0), edgecolor="black", lw=0.3)
            ax.add_patch(box)
        ax.axhline(y0, color="#999999", linewidth=0.5)
    for sent in doc.sentences:
        i = next((j for j, s in enumerate(starts) if s >= sent.start), len(starts))
        ax.axvline(i, color="#999999", linewidth=0.5, linestyle=":")
        ax.text(i + 0.5, len(rows) + 0.05, str(sent.index + 1), fontsize=7, va="bottom")
    for n, d in enumerate(top, 1):
        if not any(r.exercise == d.exercise and r.category == d.category for r in rows):
            continue
        k = next(
            i for i, r in enumerate(rows) if (r.exercise, r.category) == (d.exercise, d.category)
        )
        i = next(j for j, s in enumerate(starts) if s >= d.start)
        top_y = len(rows) - 1 - k + d.marked / d.students * 0.8 + 0.03
        ax.text(i, top_y, f"[{n}]", fontsize=8, fontweight="bold", color="black", va="bottom")
    labels = [f"{r.exercise}: {get_category(r.category).label}" for r in rows]
    ax.set_yticks([len(rows) - 1 - k + 0.4 for k in range(len(rows))], labels, fontsize=8)
    ax.set_xlim(0, len(toks))
    ax.set_ylim(0, len(rows) + 0.4)
    ax.set_xlabel("words of the text, first to last (dotted lines: sentence starts)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    alt = (
        f"Strip chart of the {len(toks)} words of the text with one row per exercise and "
        f"category ({'; '.join(labels)}), showing where some but not all of the "
        f"{len(rep.students)} students marked a word. Most disputed: "
        + "; ".join(f"[{n}] {dispute_line(doc, d)}" for n, d in enumerate(top, 1))
        + "."
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


def html_report(doc: Document, col: Collected, reports: list[LessonReport]) -> str:
    from ..display import TableOutput

    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>diplotext class report</title><style>body{font-family:sans-serif;max-width:60em;"
        "margin:1em auto;padding:0 1em}table{border-collapse:collapse;margin:0.5em 0}"
        "td,th{border:1px solid #767676;padding:0.15em 0.5em;text-align:left}"
        "img{max-width:100%}figcaption{font-style:italic}</style></head><body>",
        "<h1>Class report</h1>",
    ]
    if col.skipped:
        parts.append("<h2>Skipped files (not merged)</h2><ul>")
        parts += [f"<li><code>{e(p)}</code>: {e(why)}</li>" for p, why in col.skipped]
        parts.append("</ul>")
    for n, rep in enumerate(reports, 1):
        parts.append(f"<h2>Lesson {e(rep.lesson)}: {len(rep.students)} students</h2>")
        parts.append(f"<p>Students: {e(', '.join(rep.students))}</p>")
        if rep.unknown:
            parts.append(
                "<p>Categories this diplotext does not know (left out): "
                f"{e(', '.join(rep.unknown))}</p>"
            )
        for r in rep.results:
            parts.append(
                f"<h3>Exercise {e(r.exercise)}, {e(get_category(r.category).label)}</h3>"
                f"<p>{r.students} students; agreement among students (Krippendorff's alpha, "
                f"per word): <b>{e(r.class_alpha)}</b></p>"
            )
            rows = [(s.student, s.agreed, s.student_only, s.parser_only, s.alpha) for s in r.rows]
            header = ("student", "agreed", "only student", "only parser", "alpha with parser")
            parts.append(TableOutput.from_rows(header, rows).to_html())
        fig = disagreement_figure(doc, rep, n)
        src = base64.b64encode(fig.png).decode("ascii")
        parts.append(
            "<h3>Where the class disagrees most</h3><figure>"
            f"<img src='data:image/png;base64,{src}' alt='{e(fig.alt)}'>"
            f"<figcaption>{e(fig.label())}. {e(fig.caption)}</figcaption></figure><ol>"
        )
        parts += [f"<li>{e(dispute_line(doc, d))}</li>" for d in rep.top_disputes()]
        parts.append("</ol>")
    parts.append("</body></html>\n")
    return "".join(parts)


# --------------------------------------------------------------------------- command


def run(paths: Sequence[str], text_path: str | None, html_out: str | None) -> int:
    from ..load import seed_path
    from ..parsecache import load

    if not paths:
        raise InputError("give at least one answers file, e.g. answers/*.json")
    for p in paths:
        if not Path(p).is_file():
            raise InputError(f"{p}: no such file")
    out_path = Path(html_out) if html_out else None
    if out_path is not None:
        if not out_path.parent.is_dir():
            raise InputError(f"--html {html_out}: the folder {out_path.parent} does not exist")
        if out_path.is_dir() or any(out_path.resolve() == Path(p).resolve() for p in paths):
            raise InputError(f"--html {html_out}: not a file name for the report")
    doc = load(text_path or seed_path(), cache=False)  # a command writes only its report
    col = collect(paths, doc.text)
    reports = [analyse(doc, files, lesson) for lesson, files in sorted(col.lessons.items())]
    sys.stdout.write(text_report(doc, col, reports))
    if not reports:
        raise InputError(f"no usable answer files among the {len(paths)} given (see above)")
    if out_path is not None:
        write_text_atomic(out_path, html_report(doc, col, reports))
        print(f"HTML report written to {out_path}")
    return 0


def _cmd(args: argparse.Namespace) -> int:
    return run(args.files, args.text, args.html)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``class-report`` to the ``diplotext`` command (cli.py lists this module)."""
    p = sub.add_parser(
        "class-report",
        help="agreement among students' answer files, and with the parser",
        description="Read students' answers/LESSON.json files and report agreement per "
        "exercise and category (Krippendorff's alpha), each student beside the parser, and "
        "the spans the class disagrees on most.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="answer files (answers/*.json)")
    p.add_argument("--text", help="the text the answers are about (default: the seed text)")
    p.add_argument("--html", metavar="OUT", help="also write an HTML report with a figure")
    p.set_defaults(handler=_cmd)
