"""Notebook preprocessors that turn a lesson notebook into handout material.

Two nbconvert preprocessors run, in this order, on a copy of the notebook:

1. nbconvert's own :class:`~nbconvert.preprocessors.TagRemovePreprocessor`, configured by
   :func:`tag_remove_preprocessor` for the edition (``remove-cell`` always; ``solution``
   in the student edition; ``remove-input``/``hide-input`` drop a code cell's source);
2. :class:`HandoutPreprocessor`, which does what tags cannot: hides *every* code input
   (a cell tagged ``show-input`` keeps its code), drops widget views and JavaScript so the
   static fallback in the same bundle prints, drops Python reprs such as
   ``<IPython.core.display.HTML object>`` or ``VBox(children=...)`` that would print as
   text, drops stderr (warnings), joins a figure to the Markdown caption output after it,
   and refuses committed error outputs (a lesson that raised is a broken lesson) unless the
   cell is tagged ``raises-exception``, when only ``ErrorName: message`` is shown.

Nothing here touches the source file: the exporters work on a deep copy.
"""

from __future__ import annotations

import re
from typing import Any

from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbformat import NotebookNode
from traitlets import Unicode

from ..errors import InputError
from .options import EDITIONS

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Mimetypes a printed page cannot show (they need a browser running JavaScript).
SCRIPT_MIMETYPES: frozenset[str] = frozenset(
    {WIDGET_VIEW, "application/javascript", "application/vnd.jupyter.widget-state+json"}
)
#: Mimetypes that print (what a widget bundle's static fallback may be).
STATIC_MIMETYPES: tuple[str, ...] = (
    "image/png",
    "image/jpeg",
    "image/svg+xml",
    "text/html",
    "text/markdown",
    "text/latex",
)

#: Note printed where an interactive element had no static fallback.
WIDGET_NOTE = "*(Interactive element: open the notebook to use it.)*"

_REPR = re.compile(
    r"""^\s*(?:
        <[\w.]+(?:\ [^<>\n]*)?(?:\ object|\ at\ 0x[0-9a-fA-F]+)>  # <... object>, <f at 0x..>
      | <Figure\ size\ [^>]*>                              # matplotlib
      | <(?:matplotlib|ipywidgets)[^>]*>                   # other matplotlib/widget reprs
      | (?:VBox|HBox|Box|GridBox|Output|Tab|Accordion|Stack|Widget)\(.*     # widget containers
      | [A-Z]\w*(?:Slider|Widget|Dropdown|Button|Text|Checkbox)\(.*         # widget controls
    )\s*$""",
    re.VERBOSE | re.DOTALL,
)
_H1 = re.compile(r"^ {0,3}#(?!#)[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")
_ANY_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S")


def tags_of(cell: NotebookNode) -> list[str]:
    """The cell's tags (``metadata.tags``), or an empty list."""
    return list(cell.get("metadata", {}).get("tags", []) or [])


def is_python_repr(text: str) -> bool:
    """True for text that is an object's repr rather than content for a reader.

    Matches ``<IPython.core.display.Markdown object>``, ``<Figure size 640x480 with 1 Axes>``,
    ``<function f at 0x7f...>`` and widget reprs like ``VBox(children=(...))`` or
    ``IntSlider(value=3)``: printing them on paper tells a student nothing.
    """
    return bool(_REPR.match(text))


def tag_remove_preprocessor(edition: str, **kw: Any) -> TagRemovePreprocessor:
    """nbconvert's TagRemovePreprocessor configured for a handout edition.

    ``remove-cell`` and ``screen-only`` cells never print; ``solution`` cells are removed
    from the student edition; ``remove-input`` and ``hide-input`` hide a code cell's
    source (the handout hides all code anyway, see :class:`HandoutPreprocessor`);
    ``remove-output`` drops a cell's outputs.
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    remove = {"remove-cell", "screen-only"} | ({"solution"} if edition == "student" else set())
    return TagRemovePreprocessor(
        remove_cell_tags=remove,
        remove_input_tags={"remove-input", "hide-input"},
        remove_all_outputs_tags={"remove-output"},
        enabled=True,
        **kw,
    )


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _markdown_only(output: NotebookNode) -> str | None:
    """The Markdown of a display output that holds only Markdown (plus text/plain)."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None
    data = output.get("data", {})
    if "text/markdown" in data and set(data) <= {"text/markdown", "text/plain"}:
        return _text(data["text/markdown"])
    return None


class HandoutPreprocessor(Preprocessor):
    """Make a lesson notebook's committed outputs printable (see the module docstring)."""

    edition = Unicode("student", help="student or teacher").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Process every cell; count what was dropped in ``resources['handout_log']``."""
        resources.setdefault("handout_log", {"widgets": 0, "reprs": 0, "stderr": 0})
        for index, cell in enumerate(nb.cells):
            nb.cells[index], resources = self.preprocess_cell(cell, resources, index)
        return nb, resources

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Hide the input and clean the outputs of one code cell."""
        if cell.cell_type != "code":
            return cell, resources
        tags = tags_of(cell)
        if "show-input" not in tags or "remove-input" in tags or "hide-input" in tags:
            cell.metadata["transient"] = {"remove_source": True}
        cell.outputs = self._clean_outputs(cell, tags, resources, index)
        return cell, resources

    def _clean_outputs(
        self, cell: NotebookNode, tags: list[str], resources: dict[str, Any], index: int
    ) -> list[NotebookNode]:
        """The outputs a handout prints: stderr, Python reprs and widget state dropped,
        intended errors as one line, each figure with its alt text and caption."""
        log = resources["handout_log"]
        outputs = list(cell.get("outputs", []))
        kept: list[NotebookNode] = []
        skip: set[int] = set()
        for i, out in enumerate(outputs):
            kind = out.get("output_type")
            if i in skip:
                continue
            if kind == "error":
                kept.append(self._intended_error(out, tags, resources, index))
            elif kind == "stream":
                if out.get("name") == "stderr":
                    log["stderr"] += 1
                else:
                    kept.append(out)
            elif kind in ("display_data", "execute_result"):
                shown = self._static_display(out, log)
                if shown is None:
                    continue
                following = outputs[i + 1] if i + 1 < len(outputs) else None
                if self._describe_figure(shown, following, log, index):
                    skip.add(i + 1)
                kept.append(shown)
        return kept

    def _intended_error(
        self, out: NotebookNode, tags: list[str], resources: dict[str, Any], index: int
    ) -> NotebookNode:
        """An error output: refused unless the cell is tagged ``raises-exception``."""
        if "raises-exception" not in tags:
            name = resources.get("metadata", {}).get("name", "notebook")
            raise InputError(
                f"{name}: cell {index + 1} has a committed error output "
                f"({out.get('ename', 'Error')}: {out.get('evalue', '')}); re-run the "
                "notebook, or tag the cell raises-exception if the error is the lesson"
            )
        return self._error_as_text(out)

    @staticmethod
    def _static_display(out: NotebookNode, log: dict[str, int]) -> NotebookNode | None:
        """A display output without scripts; a widget becomes a note; None when all that
        is left is a Python repr or nothing."""
        data = out.get("data", {})
        had_widget = WIDGET_VIEW in data
        for mime in SCRIPT_MIMETYPES:
            data.pop(mime, None)
        if not any(m in data for m in STATIC_MIMETYPES):
            plain = _text(data.get("text/plain", ""))
            if had_widget:
                log["widgets"] += 1
                out.data = {"text/markdown": WIDGET_NOTE}
                return out
            if not plain.strip() or is_python_repr(plain):
                log["reprs"] += 1
                return None
        elif "text/plain" in data and is_python_repr(_text(data["text/plain"])):
            data.pop("text/plain")
        return out

    def _describe_figure(
        self,
        out: NotebookNode,
        following: NotebookNode | None,
        log: dict[str, int],
        index: int,
    ) -> bool:
        """Give an image output its alt text (``handout_alt``) and, when the next output is
        its Markdown caption, that caption (``handout_caption_md``). True when the caption
        was taken from the next output (which is then not printed again)."""
        data = out.get("data", {})
        image = next((m for m in ("image/png", "image/jpeg", "image/svg+xml") if m in data), None)
        if image is None:
            return False
        alt = figure_alt(out, image)
        if alt is None:
            log["missing_alt"] = log.get("missing_alt", 0) + 1
            self.log.warning("cell %d: a figure has no alt text in its metadata", index + 1)
            alt = MISSING_ALT
        out.setdefault("metadata", {})["handout_alt"] = alt
        caption = _markdown_only(following) if following is not None else None
        if caption is not None and (
            out.get("metadata", {}).get(image) or caption.lstrip().startswith("*Fig")
        ):
            out.setdefault("metadata", {})["handout_caption_md"] = caption
            return True
        return False

    @staticmethod
    def _error_as_text(out: NotebookNode) -> NotebookNode:
        """An intended error, shown as one line instead of a traceback."""
        return NotebookNode(
            output_type="stream",
            name="stdout",
            text=f"{out.get('ename', 'Error')}: {out.get('evalue', '')}",
        )


MISSING_ALT = "Figure (the notebook gives no description of this image)"
_FIGURE_PLAIN = re.compile(r"^\[Figure[^:\]]*:\s*(?P<alt>.+)\]$", re.DOTALL)


def figure_alt(output: NotebookNode, mime: str = "image/png") -> str | None:
    """The alt text of an image output, or ``None`` if the notebook gives none.

    Looks, in order, at ``metadata[mime]["alt"]`` (what :class:`~diplotext.display.FigureOutput`
    writes), ``metadata[mime]["caption"]`` and a ``text/plain`` of the form
    ``[Figure N: alt text]``. A repr such as ``<Figure size 640x480 with 1 Axes>`` is not
    a description.
    """
    meta = output.get("metadata", {}).get(mime, {}) or {}
    for key in ("alt", "caption"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    plain = _text(output.get("data", {}).get("text/plain", "")).strip()
    match = _FIGURE_PLAIN.match(plain)
    if match:
        return " ".join(match.group("alt").split())
    return None


def first_title_heading(nb: NotebookNode) -> tuple[int, int, str] | None:
    """Where the notebook's title heading is: ``(cell index, line index, text)``.

    The title heading is a level-1 ATX heading (``# Title``) that comes before any other
    heading in the notebook's Markdown cells. ``None`` when the first heading is not H1.
    """
    for ci, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for li, line in enumerate(_text(cell.source).splitlines()):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            if in_fence:
                continue
            match = _H1.match(line)
            if match:
                return ci, li, match.group("text").strip()
            if _ANY_HEADING.match(line):
                return None
    return None


def plain_inline(markdown: str) -> str:
    """Inline Markdown reduced to plain text (for ``<title>`` and PDF metadata)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    text = text.replace("\\", "")
    return " ".join(text.split())


def remove_title_heading(nb: NotebookNode) -> str | None:
    """Remove the title heading from the notebook (the title block replaces it).

    Returns its plain text, or ``None`` if the notebook has none (see
    :func:`first_title_heading`). A Markdown cell left empty is removed.
    """
    found = first_title_heading(nb)
    if found is None:
        return None
    ci, li, text = found
    lines = _text(nb.cells[ci].source).splitlines()
    del lines[li]
    rest = "\n".join(lines).strip("\n")
    if rest.strip():
        nb.cells[ci].source = rest
    else:
        del nb.cells[ci]
    return plain_inline(text)
