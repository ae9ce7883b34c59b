"""How figures and tables reach a notebook, a handout and a screen reader.

Every figure the lessons show is a :class:`FigureOutput`: a PNG, an **alt text** (written
from the data, so it says what the figure shows) and a **caption**. Displayed in a notebook
it produces two outputs:

1. ``image/png`` with ``metadata["image/png"]["alt"]`` (read by the handout template) and a
   ``text/plain`` of ``[Figure N: alt text]`` — what nbval compares, so a change in the
   data behind a figure fails the notebook test, while pixel noise does not;
2. the caption, as Markdown (``*Figure N. caption*``).

Tables are :class:`TableOutput`: escaped HTML plus an aligned plain-text version.

Colours: the Okabe-Ito palette (colour-blind safe); use :data:`PALETTE` / :func:`colour`.

Figure cache: :func:`cached_figure` stores each rendered figure on disk under a key made
from everything the picture depends on, so re-running a lesson reads the PNG back instead
of drawing it again (and does not even import matplotlib). See "Figure cache" in
``docs/architecture.md``.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import html
import inspect
import io
import json
import re
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec

from . import diskcache
from .errors import DiplotextError

_P = ParamSpec("_P")

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

_ORDER = (
    "blue",
    "orange",
    "bluish_green",
    "vermillion",
    "reddish_purple",
    "sky_blue",
    "yellow",
    "grey",
)


def colour(i: int) -> str:
    """The i-th colour of the palette (cycling), for categorical data."""
    return PALETTE[_ORDER[i % len(_ORDER)]]


#: Hatches to pair with colours so that categories survive greyscale printing.
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++", "--", "oo")


def png_bytes(fig: Any, dpi: int = 110) -> bytes:
    """Render a matplotlib ``Figure`` to PNG bytes (no timestamp metadata).

    The figures are made with ``matplotlib.figure.Figure``, never through pyplot, so there
    is nothing to close and pyplot (with the notebook's backend) is never imported.
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


@dataclass(frozen=True, repr=False)
class FigureOutput:
    """A rendered figure with alt text and caption (see module docstring)."""

    png: bytes
    alt: str
    caption: str
    number: int | None = None
    width: int | None = None

    def __repr__(self) -> str:
        return f"[{self.label()}: {self.alt}]"

    def label(self) -> str:
        """ "Figure 3" or "Figure" when unnumbered."""
        return f"Figure {self.number}" if self.number is not None else "Figure"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data = {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[{self.label()}: {self.alt}]",
        }
        meta: dict[str, Any] = {"alt": self.alt, "caption": self.caption}
        if self.width:
            meta["width"] = self.width
        return data, {"image/png": meta}

    def caption_bundle(self) -> dict[str, str]:
        """The caption output: Markdown for screens and handouts, the same words as plain text."""
        return {
            "text/markdown": f"*{self.label()}. {md_escape(self.caption)}*",
            "text/plain": f"{self.label()}. {self.caption}",
        }

    def _ipython_display_(self) -> None:
        from IPython.display import display

        data, meta = self._repr_mimebundle_()
        display(data, raw=True, metadata=meta)
        display(self.caption_bundle(), raw=True)

    def save(self, path: str) -> None:
        """Write the PNG to ``path``."""
        with open(path, "wb") as fh:
            fh.write(self.png)


def md_escape(text: str) -> str:
    """Escape text for inline Markdown (no markup, no HTML from the data)."""
    out = html.escape(text, quote=False)
    for ch in "\\`*_[]#|<>":
        out = out.replace(ch, "\\" + ch)
    return out


#: Characters kept as they are in a link target; the others are percent-encoded
#: (parentheses, angle brackets, spaces, backslashes, quotes, non-ASCII ...).
_URL_SAFE = "/:?#[]@!$&'*+,;=~%-._"


def url_target(url: str) -> str:
    """A URL percent-encoded for a Markdown link target (never Markdown-escaped)."""
    quoted = urllib.parse.quote(url, safe=_URL_SAFE)
    return re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", quoted)


def md_url(url: str) -> str:
    """A web address as a Markdown autolink: percent-encoded (:func:`url_target`), never
    backslash-escaped (CommonMark does not unescape inside ``<...>``). Anything that is not
    ``http(s)`` is returned escaped as plain text, so a ``javascript:`` address never
    becomes a link."""
    if not re.match(r"^https?://\S", url, re.IGNORECASE):
        return md_escape(url)
    return f"<{url_target(url)}>"


@dataclass(frozen=True)
class TableOutput:
    """A table: header + rows of plain strings; shown as escaped HTML and aligned text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None

    @classmethod
    def from_rows(
        cls, header: Sequence[str], rows: Sequence[Sequence[Any]], caption: str | None = None
    ) -> TableOutput:
        """Build a table, turning every cell into a string (None -> "")."""
        return cls(
            tuple(str(h) for h in header),
            tuple(tuple("" if c is None else str(c) for c in r) for r in rows),
            caption,
        )

    def to_html(self) -> str:
        """The table as HTML; every cell is escaped."""
        parts = ['<table class="diplotext-table">']
        if self.caption:
            parts.append(f"<caption>{html.escape(self.caption)}</caption>")
        parts.append(
            "<thead><tr>"
            + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.header)
            + "</tr></thead>"
        )
        parts.append("<tbody>")
        for row in self.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
        return "".join(parts)

    def to_text(self, max_width: int = 60) -> str:
        """The table as aligned plain text (cells longer than ``max_width`` are wrapped)."""
        import textwrap

        cols = len(self.header)
        wrapped = [
            [textwrap.wrap(c, max_width) or [""] for c in (list(r) + [""] * cols)[:cols]]
            for r in (self.header, *self.rows)
        ]
        widths = [max(len(line) for row in wrapped for line in row[i]) for i in range(cols)]
        lines = []
        if self.caption:
            lines.append(self.caption)
        for n, row in enumerate(wrapped):
            height = max(len(cell) for cell in row)
            for k in range(height):
                lines.append(
                    "  ".join(
                        (cell[k] if k < len(cell) else "").ljust(widths[i])
                        for i, cell in enumerate(row)
                    ).rstrip()
                )
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.to_text()


# --------------------------------------------------------------------------- figure cache

CACHE_ENV = diskcache.CACHE_ENV
cache_dir = diskcache.cache_dir


class _Unkeyable(TypeError):
    """An argument without a stable text form: the figure is drawn, not cached."""


def _stable(value: Any) -> str:
    """A text form of an argument that is the same in every process for equal values.

    Plain values use ``repr``; dataclasses (``Document``, ``Event``, ``Comparison``) are
    written field by field (never through a custom ``__repr__``); containers element by
    element (dict keys and sets sorted). Anything else raises :class:`_Unkeyable`, because
    its ``repr`` may hold a memory address that differs between runs.
    """
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(
            f"{f.name}={_stable(getattr(value, f.name))}" for f in dataclasses.fields(value)
        )
        return f"{type(value).__module__}.{type(value).__qualname__}({inner})"
    if isinstance(value, (tuple, list)):
        return f"{type(value).__name__}({', '.join(_stable(v) for v in value)})"
    if isinstance(value, dict):
        items = sorted(f"{_stable(k)}: {_stable(v)}" for k, v in value.items())
        return "dict(" + ", ".join(items) + ")"
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}({', '.join(sorted(_stable(v) for v in value))})"
    raise _Unkeyable(type(value).__qualname__)


@functools.lru_cache(maxsize=8)
def _seeds_digest(seeds: str) -> str:
    """sha256 over the names and bytes of every file in ``seeds/context`` and ``seeds/geo``
    (the data the context figures draw). Read once per process and seeds folder."""
    root = Path(seeds)
    files = [p for sub in ("context", "geo") for p in (root / sub).rglob("*") if p.is_file()]
    return diskcache.hash_files(root, files)


@functools.lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    """matplotlib's version, read without importing matplotlib (a cache hit must not)."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.origin:
        return "none"
    try:
        text = (Path(spec.origin).parent / "_version.py").read_text(encoding="utf-8")
        found = re.search(r"^(?:__)?version(?:__)?\s*=\s*['\"]([^'\"]+)", text, re.M)
        if found:
            return found.group(1)
    except OSError:
        pass
    from importlib.metadata import version  # slower (scans installed packages), rarely needed

    return version("matplotlib")


def figure_key(fn: Callable[..., Any], arguments: dict[str, Any]) -> str:
    """The cache key of one figure: sha256 of the function's module and name, its
    arguments (by :func:`_stable`), diplotext's version and source, matplotlib's version
    and the context/geo seed files. Raises :class:`TypeError` for an unkeyable argument."""
    import diplotext

    from .load import seeds_dir

    parts = [
        f"{fn.__module__}.{fn.__qualname__}",
        ", ".join(f"{name}={_stable(v)}" for name, v in arguments.items()),
        f"diplotext {diplotext.__version__} {diskcache.code_digest()}",
        f"matplotlib {_matplotlib_version()}",
        f"seeds {_seeds_digest(str(seeds_dir().resolve()))}",
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _read_entry(folder: Path, key: str) -> FigureOutput | None:
    """The cached figure, or None when it is missing, unreadable or damaged."""
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        png = (folder / f"{key}.png").read_bytes()
        if hashlib.sha256(png).hexdigest() != meta["png_sha256"]:
            return None
        return FigureOutput(png, meta["alt"], meta["caption"], meta["number"], meta["width"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_entry(folder: Path, key: str, out: FigureOutput) -> None:
    """Store a figure: the PNG first, then the JSON that vouches for it (with its sha256).
    Each file is replaced atomically; errors (read-only home, full disk) are ignored."""
    meta = {
        "alt": out.alt,
        "caption": out.caption,
        "number": out.number,
        "width": out.width,
        "png_sha256": hashlib.sha256(out.png).hexdigest(),
    }
    if diskcache.write_entry(folder, f"{key}.png", out.png):
        diskcache.write_entry(folder, f"{key}.json", json.dumps(meta, ensure_ascii=False).encode())


def cached_figure(fn: Callable[_P, FigureOutput]) -> Callable[_P, FigureOutput]:
    """Decorate a function that returns a :class:`FigureOutput` so that its figures are
    kept on disk (see :func:`cache_dir`) and read back the next time the same figure is asked
    for, without calling ``fn`` (nor importing matplotlib).

    "The same figure" means the same key (:func:`figure_key`): same function, same
    arguments (defaults included), same diplotext and matplotlib, same seed data. One-shot
    iterators among the arguments are turned into tuples first, so that computing the key
    does not use them up. An argument with no stable text form, or any error reading or
    writing the cache, just means the figure is drawn as if there were no cache.
    """
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> FigureOutput:
        folder = cache_dir()
        if folder is None:
            return fn(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        for name, value in bound.arguments.items():
            if isinstance(value, Iterator):
                bound.arguments[name] = tuple(value)
        try:
            key = figure_key(fn, bound.arguments)
        except (TypeError, OSError, DiplotextError):  # unkeyable argument, unreadable seeds
            return fn(*bound.args, **bound.kwargs)
        hit = _read_entry(folder, key)
        if hit is not None:
            return hit
        out = fn(*bound.args, **bound.kwargs)
        _write_entry(folder, key, out)
        return out

    return wrapper
