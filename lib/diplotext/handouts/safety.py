"""What a handout may contain and what WeasyPrint may read: notebooks come from anyone.

- :func:`sanitise_body` cleans the ``<body>`` of the handout HTML with nh3 (the Ammonia
  sanitiser) against the allow-lists below. The ``<head>`` is the template's own (escaped
  metadata, the package's CSS) and is kept. No event handler, ``javascript:`` URL,
  ``<form>``, ``<base>``, ``<style>``, ``<svg>`` or ``<link>`` from a notebook survives.
- :class:`HandoutURLFetcher` lets WeasyPrint read ``data:`` URLs and ``file:`` URLs under
  the notebook's folder or the package's templates; it refuses everything else with a
  warning naming the URL.
- :func:`drop_attachments` removes ``rel="attachment"`` so no file is ever embedded.
- :func:`limit_image_sizes` replaces images over :data:`MAX_IMAGE_PIXELS` by a visible box.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import re
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import nh3
from bs4 import BeautifulSoup

LOG = logging.getLogger("diplotext.handouts")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Images with more pixels than this (25 megapixels, e.g. 5000 x 5000) are not printed: a
#: full A4 page at 300 dpi is 8.7 megapixels, and decoding a larger one costs 100 MB+.
MAX_IMAGE_PIXELS = 25_000_000

#: Elements a handout body may contain (what nbconvert's lab template, Markdown, tables,
#: pygments and the lessons' HTML outputs use). Anything else is removed, keeping its text.
ALLOWED_TAGS: frozenset[str] = _words(
    """a abbr aside b blockquote br caption cite code col colgroup dd del details dfn div dl
    dt em figcaption figure h1 h2 h3 h4 h5 h6 header hr i img ins kbd li main mark ol p pre
    q s samp section small span strong sub summary sup table tbody td tfoot th thead time
    tr u ul var wbr"""
)
#: Elements removed together with their content (their text is code, not prose).
REMOVED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "svg", "math", "template", "iframe", "object", "embed", "noscript"}
)
#: Attributes allowed on every element, and per element. No ``on*``, no ``rel``.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "table": {"border"},
}
#: ``data-*`` attributes (the highlighter's rule ids) are kept: they are inert text.
GENERIC_ATTRIBUTE_PREFIXES: frozenset[str] = frozenset({"data-"})
#: Inline ``style`` keeps only these properties (none takes a ``url()``).
ALLOWED_STYLE_PROPERTIES: frozenset[str] = _words(
    """background-color border border-bottom border-color border-left border-radius
    border-right border-style border-top border-width color display font-family font-size
    font-style font-weight height line-height margin margin-bottom margin-left margin-right
    margin-top max-width min-width padding padding-bottom padding-left padding-right
    padding-top text-align text-decoration user-select vertical-align white-space width"""
)
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "data"})
_DATA_IMAGE = re.compile(r"^\s*data:image/(png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    generic_attribute_prefixes=set(GENERIC_ATTRIBUTE_PREFIXES),
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
    link_rel=None,
    strip_comments=True,
    attribute_filter=lambda tag, attr, value: _filter_attribute(tag, attr, value),
)


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    """``data:`` URLs only as an image's ``src`` (a ``data:text/html`` link is a page)."""
    if attr in ("href", "src") and value.strip().lower().startswith("data:"):
        return value if tag == "img" and attr == "src" and _DATA_IMAGE.match(value) else None
    return value


def sanitise_fragment(html: str) -> str:
    """An HTML fragment cleaned against the handout allow-lists (see the module docstring)."""
    return _CLEANER.clean(html)


def sanitise_body(html: str) -> str:
    """The handout page with its ``<body>`` content sanitised; the ``<head>`` is kept.

    The page is the template's: its first ``<body`` tag is the template's own (the head
    holds only escaped text), and the template writes ``</body></html>`` last, so all a
    notebook can put into the page lies between the two, and all of it is cleaned.
    """
    start = html.find("<body")
    opened = html.find(">", start) + 1 if start >= 0 else 0
    end = html.rfind("</body>")
    if start < 0 or end < opened:
        return sanitise_fragment(html)
    return html[:opened] + sanitise_fragment(html[opened:end]) + html[end:]


def drop_attachments(html: str) -> str:
    """Remove ``<link rel="attachment">`` and the ``attachment`` link type everywhere else
    (``<a rel="attachment">`` makes WeasyPrint embed the file it points to)."""
    if "attachment" not in html.lower():
        return html
    soup = BeautifulSoup(html, features="html.parser")
    for tag in soup.find_all(rel=True):
        rel = tag.get("rel")
        tokens = rel if isinstance(rel, list) else str(rel).split()
        if not any(t.lower() == "attachment" for t in tokens):
            continue
        LOG.warning("diplotext: warning: not attaching %s (rel=attachment)", tag.get("href", ""))
        if tag.name == "link":
            tag.decompose()
        else:
            del tag["rel"]
    return str(soup)


# ---- what WeasyPrint may read -------------------------------------------------------------
def file_url_path(url: str) -> Path | None:
    """The local path of a ``file:`` URL (``None`` if it names another host)."""
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return None
    return Path(urllib.request.url2pathname(parts.path))


def is_under(path: Path, roots: Iterable[Path]) -> bool:
    """True if ``path``, with symlinks and ``..`` resolved, is inside one of ``roots``."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return False
    return any(real.is_relative_to(root.resolve()) for root in roots)


def handout_url_fetcher(roots: Iterable[Path]) -> Any:
    """A WeasyPrint URL fetcher for ``data:`` and ``file:`` under ``roots`` only."""
    from weasyprint import URLFetcher

    class HandoutURLFetcher(URLFetcher):
        """Reads ``data:`` URLs and ``file:`` URLs under the allowed folders; refuses
        (with one warning per URL) everything else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"})
            self.roots = tuple(Path(r) for r in roots)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            path = file_url_path(url) if scheme == "file" else None
            if path is not None and is_under(path, self.roots):
                return super().fetch(url, headers)
            why = (
                "outside the notebook's folder"
                if scheme == "file"
                else "a handout reads only data: URLs and files in the notebook's folder"
            )
            if url not in self.refused:
                self.refused.append(url)
                LOG.warning("diplotext: warning: not fetching %s (%s)", _short(url), why)
            raise ValueError(f"refused by the handout URL fetcher ({why}): {_short(url)}")

    return HandoutURLFetcher()


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 3] + "..."


# ---- images too large to print ------------------------------------------------------------
def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from an image's header (nothing is decoded); ``None`` if unknown."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                return im.size
    except Image.DecompressionBombError as exc:  # over Pillow's own limit: say how many
        match = re.search(r"\((\d+) pixels\)", str(exc))
        return (int(match.group(1)), 1) if match else (MAX_IMAGE_PIXELS + 1, 1)
    except Exception:  # not an image Pillow knows: WeasyPrint will say so
        return None


def _image_bytes(src: str, base: Path | None, roots: Iterable[Path]) -> bytes | None:
    if src.lower().startswith("data:"):
        head, _, payload = src.partition(",")
        if ";base64" not in head.lower():
            return None
        try:
            return base64.b64decode(payload, validate=False)
        except (binascii.Error, ValueError):
            return None
    if base is None or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src):
        path = file_url_path(src) if src.lower().startswith("file:") else None
    else:
        path = base / urllib.request.url2pathname(urllib.parse.urlsplit(src).path)
    if path is None or not is_under(path, roots) or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            return fh.read(1 << 20)  # the header is at the start
    except OSError:
        return None


def limit_image_sizes(
    soup: BeautifulSoup,
    base: Path | None = None,
    roots: Iterable[Path] = (),
    limit: int = MAX_IMAGE_PIXELS,
) -> None:
    """Replace each ``<img>`` with more than ``limit`` pixels by a visible box that gives its
    size and alt text, and log a warning (WeasyPrint would drop it silently)."""
    roots = tuple(roots)
    for img in soup.find_all("img"):
        data = _image_bytes(str(img.get("src", "")), base, roots)
        size = image_size(data) if data else None
        if size is None or size[0] * size[1] <= limit:
            continue
        alt = " ".join(str(img.get("alt", "")).split()) or "no description"
        pixels = f"{size[0]} x {size[1]} pixels" if size[1] > 1 else f"{size[0]} pixels"
        LOG.warning(
            "diplotext: warning: an image of %s is over the %d-pixel limit; printed as a box: %s",
            pixels,
            limit,
            alt,
        )
        box = soup.new_tag("div", attrs={"class": "image-placeholder", "role": "img"})
        box["aria-label"] = alt
        note = soup.new_tag("p", attrs={"class": "image-placeholder-note"})
        note.string = f"Image not printed: {pixels} is more than the limit of {limit:,} pixels."
        text = soup.new_tag("p", attrs={"class": "image-placeholder-alt"})
        text.string = f"Description: {alt}"
        box.append(note)
        box.append(text)
        img.replace_with(box)
