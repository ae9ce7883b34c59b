"""``diplotext editions``: the student edition of every lesson, derived from the teacher's.

The lessons are written once, in ``teacher/`` (the *teacher edition*): model answers sit in
cells tagged ``solution``, each visibly marked "Model answer". The *student edition* in
``notebooks/`` (what Binder, ``make lab`` and the README open) is derived from it:

- every cell tagged ``solution`` is left out (its source and its outputs);
- the outputs of cells tagged ``reveal`` (the parser's findings for an exercise) are stored
  collapsed (``metadata.jupyter.outputs_hidden``), so scrolling does not give them away;
- execution counts are renumbered, and the notebook records which edition it is.

Nothing is re-executed: the student edition keeps the teacher edition's outputs, which is
why no cell may depend on a solution cell (nbval runs both editions and would fail).

    diplotext editions            # write notebooks/ from teacher/
    diplotext editions --check    # exit 1, naming each stale or missing student notebook

Predict, then check: cells tagged ``exercise``, ``check`` and ``reveal`` carry the same
``metadata.diplotext.exercise`` id. :func:`order_problems` lists every place where a
``check`` or ``reveal`` cell comes before its exercise (used by ``--check`` and the tests).
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .errors import InputError, OutputError
from .progress import Progress, add_quiet_argument

__all__ = [
    "SOLUTION_TAG",
    "build",
    "exercise_id",
    "order_problems",
    "register",
    "student_edition",
]

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
CHECK_TAG = "check"
REVEAL_TAG = "reveal"


def _tags(cell: Mapping[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def exercise_id(cell: Mapping[str, Any]) -> str | None:
    """The ``metadata.diplotext.exercise`` id of a cell, or None."""
    return cell.get("metadata", {}).get("diplotext", {}).get("exercise")


def order_problems(nb: Mapping[str, Any]) -> list[str]:
    """Every predict-then-check rule the notebook breaks, as readable sentences.

    A ``check`` or ``reveal`` cell needs an id and an ``exercise`` cell with that id before
    it; an ``exercise`` cell that has a ``check`` or ``reveal`` needs its id too.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(nb.get("cells", [])):
        tags = _tags(cell)
        ex = exercise_id(cell)
        if EXERCISE_TAG in tags and ex:
            seen.add(ex)
        for tag in (CHECK_TAG, REVEAL_TAG):
            if tag not in tags:
                continue
            if not ex:
                problems.append(f"cell {i} is tagged {tag!r} but has no exercise id")
            elif ex not in seen:
                problems.append(f"cell {i} ({tag} of {ex!r}) comes before its exercise")
    return problems


def student_edition(nb: Mapping[str, Any], name: str = "") -> dict:
    """The student edition of a teacher-edition notebook (a new dict; ``nb`` is unchanged)."""
    out = copy.deepcopy(dict(nb))
    cells = [c for c in out.get("cells", []) if SOLUTION_TAG not in _tags(c)]
    count = 0
    for cell in cells:
        if REVEAL_TAG in _tags(cell) and cell.get("outputs"):
            cell.setdefault("metadata", {}).setdefault("jupyter", {})["outputs_hidden"] = True
        if cell.get("cell_type") == "code" and cell.get("execution_count") is not None:
            count += 1
            cell["execution_count"] = count
            for o in cell.get("outputs", []):
                if "execution_count" in o:
                    o["execution_count"] = count
    out["cells"] = cells
    meta = out.setdefault("metadata", {}).setdefault("diplotext", {})
    meta["edition"] = "student"
    if name:
        meta["derived-from"] = f"teacher/{name}"
    return out


def _serialise(nb: Mapping[str, Any]) -> str:
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb), version=4)


def _read(path: Path) -> dict:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read teacher notebook {path}: {exc}") from None


def _write_atomic(path: Path, text: str) -> None:
    write_atomic(path, text, newline="\n")


def _lesson_sources(teacher: Path, student: Path, names: Iterable[str] | None) -> list[Path]:
    """The teacher notebooks to derive (all, or those in ``names``); errors for bad folders."""
    if not teacher.is_dir():
        raise InputError(f"no teacher edition folder {teacher} (run from the course checkout)")
    if not student.is_dir():
        raise OutputError(f"no student edition folder {student}")
    sources = sorted(teacher.glob("[0-9]*.ipynb"))
    if names is not None:
        wanted = set(names)
        sources = [p for p in sources if p.name in wanted]
    if not sources:
        raise InputError(f"no lesson notebooks in {teacher}")
    return sources


def _stale(src: Path, dest: Path, text: str) -> list[str]:
    """``dest`` missing or different from ``text`` (the edition derived from ``src``)."""
    if not dest.is_file():
        return [f"{dest}: missing (run `diplotext editions`)"]
    if dest.read_text(encoding="utf-8") != text:
        return [f"{dest}: stale, differs from {src} (run `diplotext editions`)"]
    return []


def build(
    teacher: Path,
    student: Path,
    *,
    check: bool = False,
    names: Iterable[str] | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """Write (or, with ``check``, compare) the student edition of every teacher lesson.

    Returns the problems found: with ``check``, each stale or missing student notebook and
    each notebook whose exercises are out of order; without it, only the order problems
    (the files are written). A student notebook with no teacher source is reported too.
    """
    sources = _lesson_sources(teacher, student, names)
    bar = progress or Progress(0, "", quiet=True)
    bar.set_total(len(sources))
    problems: list[str] = []
    for src in sources:
        bar.doing(src.name)
        derived = student_edition(_read(src), src.name)
        problems += [f"{src.name}: {p}" for p in order_problems(derived)]
        text = _serialise(derived)
        if check:
            problems += _stale(src, student / src.name, text)
        else:
            _write_atomic(student / src.name, text)
        bar.advance()
    if names is None:
        known = {p.name for p in sources}
        problems += [
            f"{p}: has no teacher edition in {teacher}"
            for p in sorted(student.glob("[0-9]*.ipynb"))
            if p.name not in known
        ]
    return problems


def _course_root() -> Path:
    from .generate import notebooks_dir

    return notebooks_dir().parent


def _cmd_editions(args: argparse.Namespace) -> int:
    root = Path(args.root) if args.root else _course_root()
    with Progress(0, "checking" if args.check else "writing", quiet=args.quiet) as bar:
        problems = build(root / "teacher", root / "notebooks", check=args.check, progress=bar)
    for p in problems:
        print(f"diplotext editions: {p}", file=sys.stderr)
    if problems:
        return 1
    done = "student editions up to date" if args.check else "wrote the student editions"
    bar.summary(done, [] if args.check else [root / "notebooks"])
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``diplotext editions`` to the command line."""
    p = sub.add_parser(
        "editions",
        help="write the student edition (notebooks/) from the teacher edition (teacher/)",
        description=(
            "Derive the student edition of every lesson from the teacher edition: solution "
            "cells removed, the parser's findings (reveal cells) stored collapsed."
        ),
    )
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if an edition is stale"
    )
    p.add_argument("--root", help="the course checkout (default: the one diplotext runs from)")
    add_quiet_argument(p)
    p.set_defaults(handler=_cmd_editions)
