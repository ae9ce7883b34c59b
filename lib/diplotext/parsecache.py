"""Parses kept on disk, so that a lesson loading a text parsed before reads it back.

Every lesson starts by loading the seed, and a kernel's first parse costs about 60 ms
(compiling some forty word-list patterns, reading the data files) while reading a parse
back costs about 2 ms. :func:`load` (``diplotext.load``) and ``lesson.load_document`` go
through :func:`cached_parse`; :func:`diplotext.parse` on a string never does, and neither
do the commands. A parse read back needs none of the rules, so this module imports the
pipeline (and with it every step, about 40 ms in a fresh kernel) only when a text is really
parsed.

- **Where**: the figure cache's folder (:func:`diplotext.diskcache.cache_dir`), one file
  ``KEY.parse.json`` per parse; ``DIPLOTEXT_CACHE=off`` disables it with the figures.
- **Key** (:func:`key`): sha256 of the text, its metadata, the rules switched off and
  ``keep_lines``; diplotext's version, its ``.py`` files and its data files
  (``diplotext/data/``, the word lists a teacher may extend; :func:`data_digest`, forgotten
  by :func:`diplotext.datafiles.clear_caches`); and Python's version.
- **Safety**: an entry is JSON, decoded through a fixed list of the model's classes (never
  ``pickle``), and must hold the very text it is asked for. A damaged, stale or hand-made
  file can only fail to decode; then the text is parsed as if there were no cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import diskcache, model
from .datafiles import cached
from .load import check_text, read_metadata, read_text
from .model import Document, Metadata

#: The only classes an entry may name: the dataclasses of the model, and nothing else.
CLASSES: dict[str, type] = {
    name: obj
    for name, obj in vars(model).items()
    if isinstance(obj, type) and is_dataclass(obj) and obj.__module__ == model.__name__
}

SUFFIX = ".parse.json"


@cached
def data_digest() -> str:
    """sha256 over every file in ``diplotext/data/`` (names and bytes)."""
    root = Path(str(resources.files("diplotext").joinpath("data")))
    return diskcache.hash_files(root, [p for p in root.rglob("*") if p.is_file()])


def key(text: str, metadata: Metadata | None, disabled: frozenset[str], keep_lines: bool) -> str:
    """The cache key of one parse (see the module docstring)."""
    import diplotext

    parts = [
        hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        json.dumps(encode(metadata), sort_keys=True),
        json.dumps(sorted(disabled)),
        f"keep_lines={bool(keep_lines)}",
        f"diplotext {diplotext.__version__} {diskcache.code_digest()} {data_digest()}",
        f"python {sys.version}",
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def encode(value: Any) -> Any:
    """A model object as JSON-ready data: ``{"@": class name, field: value, ...}``."""
    if is_dataclass(value) and not isinstance(value, type):
        out = {"@": type(value).__name__}
        out.update({f.name: encode(getattr(value, f.name)) for f in fields(value)})
        return out
    if isinstance(value, tuple):
        return [encode(v) for v in value]
    return value


def decode(data: Any) -> Any:
    """The inverse of :func:`encode`; raises ``ValueError`` for anything it did not make."""
    if isinstance(data, list):
        return tuple(decode(v) for v in data)
    if isinstance(data, dict):
        cls = CLASSES.get(data.get("@"))  # type: ignore[arg-type]
        if cls is None:
            raise ValueError("not a model class")
        try:
            return cls(**{k: decode(v) for k, v in data.items() if k != "@"})
        except TypeError as err:
            raise ValueError(str(err)) from None
    if data is None or isinstance(data, (str, int, bool)):
        return data
    raise ValueError(f"unexpected {type(data).__name__}")


def get(cache_key: str, text: str) -> Document | None:
    """The cached parse of ``text`` under ``cache_key``, or None (missing, damaged, other text)."""
    folder = diskcache.cache_dir()
    if folder is None:
        return None
    try:
        raw = (folder / f"{cache_key}{SUFFIX}").read_text(encoding="utf-8")
        doc = decode(json.loads(raw))
    except (OSError, ValueError, RecursionError):
        return None
    return doc if isinstance(doc, Document) and doc.text == text else None


def put(cache_key: str, doc: Document) -> None:
    """Keep ``doc`` under ``cache_key`` (errors ignored: the next load just parses)."""
    folder = diskcache.cache_dir()
    if folder is not None:
        data = json.dumps(encode(doc), ensure_ascii=False, separators=(",", ":"))
        diskcache.write_entry(folder, f"{cache_key}{SUFFIX}", data.encode("utf-8"))


def cached_parse(
    text: str,
    metadata: Metadata | None = None,
    *,
    disable: Iterable[str] = (),
    keep_lines: bool = False,
) -> Document:
    """:func:`diplotext.parse`, or the same parse read back from disk when this text,
    metadata and options were parsed before by the same code with the same data files
    (``DIPLOTEXT_CACHE=off`` turns it off)."""
    disabled = frozenset([disable] if isinstance(disable, str) else disable)
    cache_key = key(check_text(text, "text"), metadata, disabled, keep_lines)
    doc = get(cache_key, text)
    if doc is None:
        from . import pipeline  # the steps, imported only for a real parse

        doc = pipeline.parse(text, metadata, disable=disabled, keep_lines=keep_lines)
        put(cache_key, doc)
    return doc


def load(
    path: str | os.PathLike[str],
    *,
    disable: Iterable[str] = (),
    keep_lines: bool = False,
    cache: bool = True,
) -> Document:
    """Read a UTF-8 text file (and ``NAME.meta.toml`` beside it, if any) and parse it.

    With ``cache`` (the default, for lessons) the parse is read back from the parse cache
    when this text was parsed before (:func:`cached_parse`); the commands pass
    ``cache=False``, so that a command writes nothing but its own output.
    """
    text = read_text(path)
    meta = read_metadata(path)
    if not cache:
        from . import pipeline

        return pipeline.parse(text, meta, disable=disable, keep_lines=keep_lines)
    return cached_parse(text, meta, disable=disable, keep_lines=keep_lines)
