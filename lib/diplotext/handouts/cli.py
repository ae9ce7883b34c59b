"""``diplotext handouts``: print-ready PDF handouts from the lesson notebooks.

    diplotext handouts                                  # notebooks/[0-9]*.ipynb, both, A4
    diplotext handouts notebooks/02-*.ipynb --edition teacher --paper letter --out /tmp/h

    diplotext handouts --booklet                        # OUT/booklet-student.pdf, -teacher.pdf

Writes ``OUT/<notebook>-student.pdf`` and ``OUT/<notebook>-teacher.pdf`` (the teacher
edition of ``notebooks/NAME.ipynb`` from ``teacher/NAME.ipynb``), in parallel (``--jobs``).
Nothing is executed: the handouts show the outputs committed in the notebooks. A progress
bar on a terminal, then one summary line with the output paths (on standard error);
``--quiet`` prints nothing.
"""

from __future__ import annotations

import argparse
import glob
import signal
import sys
from pathlib import Path

from ..errors import InputError
from ..progress import add_quiet_argument
from .options import EDITIONS, PAPERS

DEFAULT_GLOB = "notebooks/[0-9]*.ipynb"
DEFAULT_OUT = "build/handouts"


def default_notebooks(pattern: str = DEFAULT_GLOB) -> list[Path]:
    """The lesson notebooks (``notebooks/[0-9]*.ipynb`` from the current folder), sorted."""
    return [Path(p) for p in sorted(glob.glob(pattern))]


def _cmd_handouts(args: argparse.Namespace) -> int:
    # nbconvert and WeasyPrint load only when needed
    from ..progress import Progress
    from .booklet import build_booklets
    from .build import build_handouts
    from .staging import Terminated

    notebooks = [Path(n) for n in args.notebooks] or default_notebooks()
    if not notebooks:
        raise InputError(f"no lesson notebooks match {DEFAULT_GLOB} (pass NOTEBOOK paths)")
    if args.jobs is not None and args.jobs < 1:
        raise InputError(f"--jobs must be 1 or more, not {args.jobs}")
    editions = EDITIONS if args.edition == "both" else (args.edition,)
    build = build_booklets if args.booklet else build_handouts
    pages = len(notebooks) * len(editions)
    steps = pages + (len(editions) if args.booklet else pages)
    what = "booklet" if args.booklet else "handouts"
    try:
        with Progress(steps, what, unit="step", quiet=args.quiet) as bar:
            built = build(
                notebooks,
                editions=editions,
                paper=args.paper,
                out=args.out,
                course=args.course or "",
                keep_html=args.html,
                jobs=args.jobs,
                progress=bar,
                repeat_text=args.repeat_text,
            )
            kind = "booklet(s)" if args.booklet else "handout(s)"
            bar.summary(
                f"{len(built)} {kind} from {len(notebooks)} notebook(s)",
                [h.path for h in built],
            )
    except Terminated:
        print("diplotext: terminated (no partial handout was written)", file=sys.stderr)
        return 128 + signal.SIGTERM
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``handouts`` sub-command to the ``diplotext`` command line."""
    p = sub.add_parser(
        "handouts",
        help="build PDF handouts (student and teacher editions) from the lesson notebooks",
        description=(
            "Build print-ready PDF handouts from the lesson notebooks' committed outputs "
            "(nothing is executed): OUT/<notebook>-student.pdf and -teacher.pdf."
        ),
    )
    p.add_argument(
        "notebooks",
        nargs="*",
        metavar="NOTEBOOK",
        help=f"notebooks to build (default: {DEFAULT_GLOB})",
    )
    p.add_argument("--edition", choices=(*EDITIONS, "both"), default="both", help="default: both")
    p.add_argument("--paper", choices=tuple(PAPERS), default="a4", help="default: a4")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help=f"default: {DEFAULT_OUT}")
    p.add_argument("--course", help="course name for the title block (default: notebook metadata)")
    p.add_argument("--html", action="store_true", help="also keep the HTML of each handout")
    p.add_argument(
        "--booklet",
        action="store_true",
        help="one course booklet per edition (OUT/booklet-<edition>.pdf): title page, "
        "contents with page numbers, every lesson, references and glossary once",
    )
    p.add_argument(
        "--repeat-text",
        action="store_true",
        help="print the numbered text with every annotation exercise (default: once per "
        "handout; later exercises say on which page it is)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="processes to use (default: one per core)",
    )
    add_quiet_argument(p)
    p.set_defaults(handler=_cmd_handouts)
