"""Compare the rhetorical profiles of several statements, normalised per 100 words.

``profile(doc)`` counts what the parser found (quotes, reported speech, how Russia is
named, evaluation, threats and offers, hedges and boosters, in-group "we") and divides by
the statement's length, so a 300-word readout and a 900-word transcript can be compared.
``compare(docs)`` lines several profiles up; ``diplotext compare A B [C ...] [--json]
[--out FILE] [--quiet]`` prints the same table (a progress bar while it reads many files on
a terminal, then one summary line on stderr; see progress.py).

Counts per 100 words are only as good as the rules behind them (``diplotext explain``):
treat differences of a fraction of an item per 100 words as noise in short texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .display import TableOutput
from .errors import InputError, OutputError
from .model import MENTION_FORMS, Document
from .progress import Progress, add_quiet_argument

#: Readable names of the profile keys, in display order (``{actor}`` forms are added).
METRIC_LABELS: dict[str, str] = {
    "quotes": "direct quotations",
    "reported_speech": "reported speech",
    "evaluation_negative": "negative evaluation",
    "evaluation_positive": "positive evaluation",
    "threats": "conditionals: threats",
    "offers": "conditionals: offers",
    "hedges": "hedges",
    "boosters": "boosters",
    "in_group": 'in-group "we/our/us"',
}


def profile(doc: Document, actor: str = "RUS") -> dict[str, float]:
    """A per-100-words rhetorical profile of a statement, to compare statements.

    Keys, always in this order: ``quotes``, ``reported_speech``, ``mentions_<actor>_<form>``
    for every form in :data:`~diplotext.model.MENTION_FORMS` (actor in lower case, e.g.
    ``mentions_rus_metonym``), ``evaluation_negative``, ``evaluation_positive``, ``threats``
    and ``offers`` (conditionals labelled threat / offer), ``hedges``, ``boosters``,
    ``in_group``. Values are rounded to 3 decimals; a text without words gives all zeros.
    """
    words = doc.word_count()
    dev = Counter((d.category, d.label) for d in doc.devices)
    cat = Counter(d.category for d in doc.devices)
    forms = Counter(m.form for m in doc.mentions if m.actor == actor)
    raw: dict[str, int] = {
        "quotes": len(doc.quotes),
        "reported_speech": len(doc.reported_speech),
    }
    for f in MENTION_FORMS:
        raw[f"mentions_{actor.lower()}_{f}"] = forms[f]
    raw.update(
        {
            "evaluation_negative": dev[("evaluation", "negative")],
            "evaluation_positive": dev[("evaluation", "positive")],
            "threats": dev[("conditional", "threat")],
            "offers": dev[("conditional", "offer")],
            "hedges": cat["hedge"],
            "boosters": cat["booster"],
            "in_group": cat["in_group"],
        }
    )
    if words == 0:
        return {k: 0.0 for k in raw}
    return {k: round(100 * v / words, 3) for k, v in raw.items()}


def metric_label(key: str) -> str:
    """A readable name for a profile key (``mentions_rus_metonym`` -> ``RUS named by metonym``)."""
    if key.startswith("mentions_"):
        _, actor, form = key.split("_", 2)
        return f"{actor.upper()} named by {form}"
    return METRIC_LABELS.get(key, key.replace("_", " "))


@dataclass(frozen=True)
class Statement:
    """One compared statement: a short label, its genre, length, speakers and profile."""

    label: str
    title: str | None
    genre: str | None
    date: str | None
    words: int
    speakers: tuple[str, ...]
    profile: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Comparison:
    """Several statements' profiles, lined up metric by metric."""

    statements: tuple[Statement, ...]
    actor: str

    def metrics(self) -> tuple[str, ...]:
        """The profile keys, in profile order."""
        return tuple(k for k, _ in self.statements[0].profile) if self.statements else ()

    def value(self, label: str, key: str) -> float:
        """The per-100-words value of ``key`` for the statement labelled ``label``."""
        for s in self.statements:
            if s.label == label:
                return dict(s.profile)[key]
        raise KeyError(label)

    def table(self, skip_empty: bool = True) -> TableOutput:
        """Metrics (rows) x statements (columns), per 100 words; all-zero rows dropped."""
        header = ("per 100 words", *(s.label for s in self.statements))
        rows = []
        for key in self.metrics():
            values = [dict(s.profile)[key] for s in self.statements]
            if skip_empty and not any(values):
                continue
            rows.append((metric_label(key), *(f"{v:.2f}" for v in values)))
        rows.append(("words", *(str(s.words) for s in self.statements)))
        return TableOutput.from_rows(
            header,
            rows,
            caption=f"Rhetorical profile per 100 words (naming counted for {self.actor})",
        )

    def step_table(self) -> TableOutput:
        """How much one item more or less moves each statement's rate (100 / its words)."""
        rows = [
            (s.label, str(s.words), f"{100 / s.words:.2f}" if s.words else "no words")
            for s in self.statements
        ]
        return TableOutput.from_rows(
            ("statement", "words", "one item = ... per 100 words"),
            rows,
            caption="The step of a rate: a difference smaller than this is one item",
        )

    def about_table(self) -> TableOutput:
        """Who each statement is: title, genre, date and who is quoted or reported."""
        rows = [
            (
                s.label,
                s.title or "title not given",
                s.genre or "genre not given",
                s.date or "date not given",
                ", ".join(s.speakers) or "no attributed speech",
            )
            for s in self.statements
        ]
        return TableOutput.from_rows(("label", "title", "genre", "date", "who speaks"), rows)

    def to_dict(self) -> dict:
        """JSON-ready data (``diplotext compare --json``)."""
        return {
            "actor": self.actor,
            "unit": "per 100 words",
            "statements": [
                {
                    "label": s.label,
                    "title": s.title,
                    "genre": s.genre,
                    "date": s.date,
                    "words": s.words,
                    "speakers": list(s.speakers),
                    "profile": dict(s.profile),
                }
                for s in self.statements
            ],
        }


def speakers(doc: Document) -> tuple[str, ...]:
    """Display names of everyone quoted or reported, most frequent first."""
    counts = Counter(
        item.speaker_name for item in (*doc.quotes, *doc.reported_speech) if item.speaker_name
    )
    return tuple(name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def pick(docs: Sequence[Document], genre: str) -> Document:
    """The first of ``docs`` whose genre contains ``genre`` (case ignored).

    >>> pick([], "transcript")
    Traceback (most recent call last):
    ...
    diplotext.errors.InputError: no statement of genre 'transcript'; the genres are: none
    """
    for d in docs:
        if genre.casefold() in (d.metadata.genre or "").casefold():
            return d
    known = "; ".join(d.metadata.genre or "not given" for d in docs) or "none"
    raise InputError(f"no statement of genre {genre!r}; the genres are: {known}")


def short_label(doc: Document, fallback: str) -> str:
    """A short column label: the genre's first word and the date, else the file stem."""
    genre = (doc.metadata.genre or "").split(":")[0].split("(")[0].strip()
    parts = [p for p in (genre.split(" ")[-1] if genre else "", doc.metadata.date or "") if p]
    return " ".join(parts) if parts else fallback


def compare(
    docs: Sequence[Document], labels: Sequence[str] | None = None, actor: str = "RUS"
) -> Comparison:
    """Line up the profiles of several parsed statements (labels default to genre + date)."""
    if not docs:
        raise InputError("nothing to compare: give at least one statement")
    if not labels:
        labels = [short_label(d, f"text {i + 1}") for i, d in enumerate(docs)]
    labels = list(labels)
    if len(labels) != len(docs):
        raise InputError(f"{len(labels)} labels for {len(docs)} statements; give one label each")
    seen: Counter[str] = Counter()
    unique = []
    for lab in labels:
        seen[lab] += 1
        unique.append(lab if seen[lab] == 1 and labels.count(lab) == 1 else f"{lab} ({seen[lab]})")
    return Comparison(
        tuple(
            Statement(
                label=lab,
                title=d.metadata.title,
                genre=d.metadata.genre,
                date=d.metadata.date,
                words=d.word_count(),
                speakers=speakers(d),
                profile=tuple(profile(d, actor).items()),
            )
            for lab, d in zip(unique, docs, strict=True)
        ),
        actor,
    )


def compare_paths(
    paths: Sequence[str | Path],
    actor: str = "RUS",
    progress: Progress | None = None,
    cache: bool = True,
) -> Comparison:
    """Load and compare text files (metadata read from ``NAME.meta.toml`` beside each).

    ``progress`` (optional) is advanced once per file read, naming the file; ``cache`` as
    for :func:`diplotext.load` (the command passes False).
    """
    from .parsecache import load

    docs = []
    for p in paths:
        if progress is not None:
            progress.doing(Path(p).name)
        docs.append(load(p, cache=cache))
        if progress is not None:
            progress.advance()
    return compare(
        docs, [short_label(d, Path(p).stem) for d, p in zip(docs, paths, strict=True)], actor
    )


def render(comp: Comparison, as_json: bool = False) -> str:
    """The text ``diplotext compare`` prints: the two tables, or the JSON."""
    if as_json:
        return json.dumps(comp.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return f"{comp.about_table().to_text(48)}\n\n{comp.table().to_text()}\n"


def check_out(path: Path) -> None:
    """:class:`OutputError` now, before any work, if ``path`` cannot be an output file."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name for --out")
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent}: no such folder (create it, or choose another --out)")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it: all or nothing."""
    check_out(path)
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write it ({exc.strerror or exc})") from exc


def _cmd_compare(args: argparse.Namespace) -> int:
    if args.out:
        check_out(Path(args.out))
    with Progress(len(args.paths), "reading", unit="file", quiet=args.quiet) as bar:
        comp = compare_paths(args.paths, actor=args.actor, progress=bar, cache=False)
    text = render(comp, args.json)
    if args.out:
        write_atomically(Path(args.out), text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    words = sum(s.words for s in comp.statements)
    bar.summary(
        f"diplotext compare: {len(comp.statements)} statement(s), {words:,} words",
        [args.out] if args.out else ["standard output"],
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``diplotext compare`` to the command line."""
    p = sub.add_parser("compare", help="compare statements' rhetorical profiles per 100 words")
    p.add_argument(
        "paths", nargs="+", help="UTF-8 text files (metadata from NAME.meta.toml beside each)"
    )
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("--actor", default="RUS", help="actor whose naming is counted (default RUS)")
    p.add_argument("--out", metavar="FILE", help="write the tables (or JSON) to FILE")
    add_quiet_argument(p)
    p.set_defaults(handler=_cmd_compare)
