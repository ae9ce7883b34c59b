"""The one reader of diplotext's data files: word lists and gazetteers (package or ``seeds/``).

Every word list (``*.txt``, and the comment lines of ``*.csv``) has one syntax:

* ``#`` at the start of a line, or after a space, starts a comment that runs to the end
  of the line; blank lines are ignored;
* a line ``[name]`` starts a section (lines before the first header are in section ``""``);
* every other line is one entry, stripped of surrounding whitespace.

Files are found inside the installed package (``diplotext/data/NAME``), so that a wheel, an
editable install and a checkout behave the same; ``seeds/...`` paths are read from the
checkout's ``seeds/`` folder. Everything read is cached; :func:`clear_caches` forgets it all
(after editing a data file in a running kernel).

>>> lines("rhetoric_modals.txt")[0]
'can | modal'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

F = TypeVar("F", bound=Callable[..., Any])

_CACHED: list[Any] = []
_COMMENT = re.compile(r"(?:^|\s)#.*")


def cached(fn: F) -> F:
    """Cache ``fn`` like ``functools.cache`` and register it with :func:`clear_caches`."""
    wrapped = lru_cache(maxsize=None)(fn)
    _CACHED.append(wrapped)
    return wrapped  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every data file read and every pattern compiled from one (all steps)."""
    for fn in _CACHED:
        fn.cache_clear()
    context = sys.modules.get("diplotext.context")  # the seeds/context reader, if loaded
    if context is not None:
        context.clear_cache()


@cached
def read(name: str) -> str:
    """The UTF-8 text of ``diplotext/data/<name>``, or of ``seeds/<rest>`` for ``seeds/<rest>``."""
    if name.startswith("seeds/"):
        from .load import seeds_dir

        return (seeds_dir() / Path(name).relative_to("seeds")).read_text(encoding="utf-8")
    return resources.files("diplotext").joinpath("data", name).read_text(encoding="utf-8")


@cached
def read_toml(name: str) -> dict[str, Any]:
    """A data file parsed as TOML (see :func:`read` for the names)."""
    return tomllib.loads(read(name))


def strip_comment(line: str) -> str:
    """A line without its ``#`` comment and surrounding whitespace.

    >>> strip_comment("may | hedge   # softens"), strip_comment("# a comment")
    ('may | hedge', '')
    """
    return _COMMENT.sub("", line).strip()


@cached
def sections(name: str) -> dict[str, tuple[str, ...]]:
    """A word list as ``{section: entries}`` (section ``""`` holds entries before any header)."""
    out: dict[str, list[str]] = {"": []}
    section = ""
    for raw in read(name).splitlines():
        line = strip_comment(raw)
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            out.setdefault(section, [])
            continue
        out[section].append(line)
    return {k: tuple(v) for k, v in out.items()}


@cached
def lines(name: str) -> tuple[str, ...]:
    """Every entry of a word list, sections included, in file order (headers left out)."""
    return tuple(line for entries in sections(name).values() for line in entries)
