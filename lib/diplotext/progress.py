"""Progress for the long commands: a bar on a terminal, silence in logs, one summary line.

    with Progress(len(paths), "reading", unit="file", quiet=args.quiet) as bar:
        for path in paths:
            bar.doing(path.name)     # what is being done now, shown beside the bar
            ...
            bar.advance()
    bar.summary("compared 5 statements", [out_path])

* The bar is `tqdm <https://tqdm.github.io>`_, drawn on standard error, and only when
  standard error is a terminal, ``--quiet`` is not given and the ``CI`` environment
  variable is not set: a log, a pipe or a CI run gets no bar and no carriage returns.
  It appears only after :data:`DELAY` seconds, so a command that finishes quickly shows
  none. It is removed when done (``leave=False``), leaving the summary.
* :meth:`Progress.summary` prints one line to standard error (standard output stays for
  the command's data): what was done, how long it took and where the output went. Only
  ``--quiet`` suppresses it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

#: Seconds before the bar appears (tqdm's ``delay``): short commands show no bar.
DELAY = 0.5

#: Least seconds between two redraws of the bar (tqdm's ``mininterval``).
MININTERVAL = 0.1

#: More output paths than this are summarised as their common folder and a count.
MAX_LISTED = 3


def add_quiet_argument(parser: argparse.ArgumentParser) -> None:
    """Give a command ``-q/--quiet``: no progress bar and no summary line."""
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no summary line"
    )


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """True when the ``CI`` variable is set to anything but ``""``, ``0`` or ``false``."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() not in ("", "0", "false", "no")


def bar_wanted(stream: IO[str], quiet: bool = False) -> bool:
    """Whether to draw a bar on ``stream``: a terminal, not ``--quiet``, not in CI."""
    if quiet or in_ci() or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """A progress bar over ``total`` steps (or nothing, see :func:`bar_wanted`)."""

    def __init__(
        self,
        total: int,
        desc: str,
        *,
        unit: str = "file",
        quiet: bool = False,
        stream: IO[str] | None = None,
        delay: float | None = None,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.quiet = quiet
        self.start = time.perf_counter()
        self._bar: Any = None
        if bar_wanted(self.stream, quiet):
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                desc=desc,
                unit=unit,
                file=self.stream,
                leave=False,
                delay=DELAY if delay is None else delay,
                mininterval=MININTERVAL,
                dynamic_ncols=True,
            )

    @property
    def shown(self) -> bool:
        """Whether a bar is being drawn."""
        return self._bar is not None

    def doing(self, what: str) -> None:
        """Say what is being done now (shown after the bar)."""
        if self._bar is not None:
            self._bar.set_postfix_str(what, refresh=False)

    def set_total(self, total: int) -> None:
        """Set the number of steps once it is known (after the input is checked)."""
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def advance(self, n: int = 1) -> None:
        """Count ``n`` steps as done."""
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        """Remove the bar (the summary line takes its place)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def elapsed(self) -> float:
        """Seconds since the bar was created."""
        return time.perf_counter() - self.start

    def summary(self, done: str, outputs: Sequence[str | os.PathLike[str]] = ()) -> str:
        """Print (unless quiet) and return the one-line summary: ``done in 1.2 s -> outputs``."""
        self.close()
        line = summary_line(done, self.elapsed(), outputs)
        if not self.quiet:
            print(line, file=self.stream, flush=True)
        return line


def summary_line(done: str, seconds: float, outputs: Sequence[str | os.PathLike[str]] = ()) -> str:
    """``"<done> in 1.2 s -> a.pdf, b.pdf"``; many outputs as ``"-> 24 files in build/h/"``."""
    line = f"{done} in {seconds:.1f} s"
    paths = [str(p) for p in outputs]
    if not paths:
        return line
    if len(paths) <= MAX_LISTED:
        return f"{line} -> {', '.join(paths)}"
    folder = os.path.commonpath([str(Path(p).parent) for p in paths]) or "."
    return f"{line} -> {len(paths)} files in {folder}{os.sep}"
