"""The on-disk cache folder shared by the figure cache and the parse cache.

Both caches keep files under one folder (:func:`cache_dir`) and key them by everything
their content depends on, diplotext's own code included (:func:`code_digest`), so that
editing a rule or a figure function in a checkout never brings back an old result.
Standard library only: the parser uses it without Jupyter or matplotlib.

- ``$DIPLOTEXT_CACHE`` if set (``off`` disables both caches), else
  ``$XDG_CACHE_HOME/diplotext/figures``, else ``~/.cache/diplotext/figures`` (the folder's
  name is older than the parse cache; figures are ``KEY.png`` + ``KEY.json``, parses
  ``KEY.parse.json``).
- Reading or writing never raises: any ``OSError`` means "no cache".
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from .atomic import write_atomic

#: Environment variable naming the cache folder; the value ``off`` disables the caches.
CACHE_ENV = "DIPLOTEXT_CACHE"


def cache_dir() -> Path | None:
    """Where cached figures and parses live, or None when ``DIPLOTEXT_CACHE=off``.

    ``$DIPLOTEXT_CACHE`` if set, else ``$XDG_CACHE_HOME/diplotext/figures``, else
    ``~/.cache/diplotext/figures`` (None too when there is no home folder to find).
    The folder is created on the first write.
    """
    env = os.environ.get(CACHE_ENV, "").strip()
    if env.lower() == "off":
        return None
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "diplotext" / "figures"
    try:
        return Path.home() / ".cache" / "diplotext" / "figures"
    except RuntimeError:  # no HOME and no password entry: run without a cache
        return None


def hash_files(root: Path, paths: Sequence[Path]) -> str:
    """sha256 over the names (relative to ``root``) and bytes of ``paths``, sorted."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 over diplotext's own ``.py`` files: editing a rule or a figure function (in a
    checkout, where the version number does not change) must not bring back an old result."""
    root = Path(__file__).resolve().parent
    return hash_files(root, list(root.rglob("*.py")))


def write_entry(folder: Path, name: str, data: bytes) -> bool:
    """Write one cache file atomically (creating the folder); False on any ``OSError``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, data)
    except OSError:
        return False
    return True
