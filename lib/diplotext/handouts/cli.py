"""``diplotext handouts``: print-ready PDF handouts from the lesson notebooks.

    diplotext handouts                                  # notebooks/[0-9]*.ipynb, both, A4
    diplotext handouts notebooks/02-*.ipynb --edition teacher --paper letter --out /tmp/h

Writes ``OUT/<notebook>-student.pdf`` and ``OUT/<notebook>-teacher.pdf``. Nothing is
executed: the handouts show the outputs committed in the notebooks.
"""

from __future__ import annotations

import argparse
import glob
import signal
import sys
import time
from pathlib import Path

from ..errors import InputError
from .options import EDITIONS, PAPERS

DEFAULT_GLOB = "notebooks/[0-9]*.ipynb"
DEFAULT_OUT = "build/handouts"


def default_notebooks(pattern: str = DEFAULT_GLOB) -> list[Path]:
    """The lesson notebooks (``notebooks/[0-9]*.ipynb`` from the current folder), sorted."""
    return [Path(p) for p in sorted(glob.glob(pattern))]


def _cmd_handouts(args: argparse.Namespace) -> int:
    from .build import build_handouts  # nbconvert and WeasyPrint load only when needed
    from .staging import Terminated

    notebooks = [Path(n) for n in args.notebooks] or default_notebooks()
    if not notebooks:
        raise InputError(f"no lesson notebooks match {DEFAULT_GLOB} (pass NOTEBOOK paths)")
    editions = EDITIONS if args.edition == "both" else (args.edition,)
    start = time.perf_counter()
    try:
        built = build_handouts(
            notebooks,
            editions=editions,
            paper=args.paper,
            out=args.out,
            course=args.course or "",
            keep_html=args.html,
        )
    except Terminated:
        print("diplotext: terminated (no partial handout was written)", file=sys.stderr)
        return 128 + signal.SIGTERM
    for handout in built:
        print(handout.path)
    if not args.quiet:
        print(
            f"{len(built)} handout(s) from {len(notebooks)} notebook(s) "
            f"in {time.perf_counter() - start:.1f} s"
        )
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
    p.add_argument("-q", "--quiet", action="store_true", help="print only the files written")
    p.set_defaults(handler=_cmd_handouts)
