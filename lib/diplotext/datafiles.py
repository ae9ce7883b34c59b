"""The word lists and gazetteers in ``diplotext/data/``: one place that finds and reads them.

Each step parses its own files (the comment and section conventions are explained in each
file's header); this module only locates a file inside the installed package and reads it,
so that a wheel, an editable install and a checkout behave the same.
"""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def read(name: str) -> str:
    """The UTF-8 text of ``diplotext/data/<name>``."""
    return resources.files("diplotext").joinpath("data", name).read_text(encoding="utf-8")


def read_toml(name: str) -> dict[str, Any]:
    """``diplotext/data/<name>`` parsed as TOML."""
    return tomllib.loads(read(name))
