"""Check the notebook metadata the handouts read, before anything reads it.

A notebook from a colleague may carry metadata of the wrong type: ``"answer_lines": "x"``
(nbconvert's template would end in a Jinja ``TypeError``), ``300000`` (minutes of work and
gigabytes of HTML), a title with a newline, tags that are not a list of strings.
:func:`check_notebook_metadata` raises one :class:`NotebookMetadataError` naming the cell
(index and id) and the field. What is read, and what is allowed:

- notebook ``metadata.diplotext``: ``title``, ``course``, ``edition``, ``author``: one-line
  strings; ``lesson``: an integer from 0 to 999 or a one-line string;
- notebook ``metadata.authors``: a list of ``{"name": one-line string}`` or strings;
- cell ``metadata.tags``: a list of strings;
- cell ``metadata.diplotext.answer_lines``: an integer from 0 to :data:`MAX_ANSWER_LINES`;
- output ``metadata[<image mimetype>]``: ``alt`` and ``caption`` strings, ``width`` and
  ``height`` positive integers (pixels).
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode

from ..errors import InputError

#: The most ruled answer lines one exercise may ask for (a full page is about 25).
MAX_ANSWER_LINES = 50
#: The longest one-line metadata string (a title, a course name).
MAX_LINE_CHARS = 300
IMAGE_MIMETYPES = ("image/png", "image/jpeg", "image/svg+xml")


class NotebookMetadataError(InputError):
    """Notebook metadata the handouts read has the wrong type or an out-of-range value."""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _one_line(value: Any) -> bool:
    return (
        isinstance(value, str)
        and "\n" not in value
        and "\r" not in value
        and (len(value) <= MAX_LINE_CHARS)
    )


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _fail(where: str, field: str, rule: str, value: Any) -> NotebookMetadataError:
    return NotebookMetadataError(
        f"{where}: {field} must be {rule}, not {_shown(value)} (fix the notebook's metadata)"
    )


def _check_notebook(nb: NotebookNode, where: str) -> None:
    meta = nb.metadata.get("diplotext")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _fail(where, "metadata.diplotext", "an object", meta)
    for key in ("title", "course", "edition", "author"):
        if key in meta and meta[key] is not None and not _one_line(meta[key]):
            rule = f"a string of one line (at most {MAX_LINE_CHARS} characters)"
            raise _fail(where, f"metadata.diplotext.{key}", rule, meta[key])
    lesson = meta.get("lesson")
    if lesson is not None and not (_is_int(lesson, 0, 999) or _one_line(lesson)):
        raise _fail(where, "metadata.diplotext.lesson", "an integer or a short string", lesson)
    authors = nb.metadata.get("authors")
    if authors is None:
        return
    if not isinstance(authors, list):
        raise _fail(where, "metadata.authors", "a list", authors)
    for i, author in enumerate(authors):
        name = author.get("name", "") if isinstance(author, dict) else author
        if not _one_line(name):
            raise _fail(where, f"metadata.authors[{i}].name", "a string of one line", name)


def _check_cell(cell: NotebookNode, index: int, where: str) -> None:
    place = f"{where}: cell {index + 1} (id {cell.get('id', '?')!r})"
    meta = cell.get("metadata", {})
    tags = meta.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        raise _fail(place, "metadata.tags", "a list of strings", tags)
    own = meta.get("diplotext")
    if own is not None and not isinstance(own, dict):
        raise _fail(place, "metadata.diplotext", "an object", own)
    if own and "answer_lines" in own and not _is_int(own["answer_lines"], 0, MAX_ANSWER_LINES):
        rule = f"an integer from 0 to {MAX_ANSWER_LINES}"
        raise _fail(place, "metadata.diplotext.answer_lines", rule, own["answer_lines"])
    for k, out in enumerate(cell.get("outputs", []) if cell.get("cell_type") == "code" else []):
        for mime in IMAGE_MIMETYPES:
            image = (out.get("metadata") or {}).get(mime)
            if image is not None:
                _check_image(image, place, f"outputs[{k}].metadata[{mime!r}]")


def _check_image(image: object, place: str, field: str) -> None:
    """An image output's metadata: an object whose alt and caption are strings and whose
    width and height are positive integers."""
    if not isinstance(image, dict):
        raise _fail(place, field, "an object", image)
    for key in ("alt", "caption"):
        if image.get(key) is not None and not isinstance(image[key], str):
            raise _fail(place, f"{field}.{key}", "a string", image[key])
    for key in ("width", "height"):
        if image.get(key) is not None and not _is_int(image[key], 1, 100_000):
            raise _fail(place, f"{field}.{key}", "a positive integer", image[key])


def check_notebook_metadata(nb: NotebookNode, name: str = "notebook") -> None:
    """Raise :class:`NotebookMetadataError` for the first bad metadata field in ``nb``."""
    _check_notebook(nb, name)
    for index, cell in enumerate(nb.cells):
        _check_cell(cell, index, name)
