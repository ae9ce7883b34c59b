"""The two editions on paper: where the parser's findings go, and which notebook is whose.

Predict, then check (issue #8): a lesson's cells carry ``metadata.diplotext.exercise`` ids
and the tags ``exercise`` (the task), ``check`` (the cell that records and checks an
answer) and ``reveal`` (a cell whose output gives the parser's reading). On paper:

- :class:`CheckAnswersPreprocessor`, student edition: every ``reveal`` cell (with the
  paragraph that leads into it, see :func:`is_lead_in`), and the
  outputs of every ``check`` cell except its answer sheet (the annotator's static view:
  the numbered text with answer lines), move to a "Check your answers" section at the end,
  grouped by exercise, so a student meets no finding before answering. Teacher edition:
  they stay after their exercise, each boxed as "The parser's reading".
- :class:`ReferencesAppendixPreprocessor`: the lesson's "References" section moves after
  everything else and is printed as a compact appendix.
- Cells tagged ``screen-only`` are dropped (:func:`.preprocessors.tag_remove_preprocessor`),
  and so are spans and blocks with the class ``screen-only`` (:func:`.exporters.make_static`).

They are nbconvert preprocessors (configurable traitlets classes, like nbconvert's
``TagRemovePreprocessor``), listed in the handout exporters' default preprocessors.

:func:`teacher_source` finds the teacher edition of a student notebook:
``notebooks/NAME.ipynb`` -> ``../teacher/NAME.ipynb`` (relative to the notebook's folder,
nowhere else), or raises :class:`NoModelAnswersError`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell
from traitlets import Bool, List, Unicode

from ..errors import InputError
from .preprocessors import tags_of

#: Tag of a cell whose output is the parser's reading of an exercise.
REVEAL_TAG = "reveal"
#: Tag of the cell that records and checks a student's answer.
CHECK_TAG = "check"
#: Tag the handout gives a cell it made from a check cell's moved outputs.
MOVED_TAG = "check-output"
#: Cell tag (and HTML class) for what only makes sense on a screen.
SCREEN_ONLY = "screen-only"
#: Outputs of a check cell holding this (an answer sheet) stay with the exercise.
ANSWER_SHEET_MARKERS = ("dt-annotator-static",)

_EXERCISE_LABEL = re.compile(r"\*\*\s*(Exercise\s+[\w.]+)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")


class NoModelAnswersError(InputError):
    """A teacher edition was asked for a notebook that has no model answers."""


def exercise_id(cell: NotebookNode) -> str | None:
    """The cell's ``metadata.diplotext.exercise`` id, or ``None``."""
    meta = cell.get("metadata", {}).get("diplotext") or {}
    value = meta.get("exercise") if isinstance(meta, dict) else None
    return str(value) if isinstance(value, (str, int)) and str(value).strip() else None


def _source(cell: NotebookNode) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _reveal_notes() -> frozenset[str]:
    """The neutral notes ``views.reveal`` prints above a finding (screen-only words)."""
    try:
        from ..views import REVEAL_NOTES
    except Exception:  # the lessons' helpers are optional for handouts
        return frozenset()
    return frozenset(str(v).strip() for v in REVEAL_NOTES.values())


def is_lead_in(cell: NotebookNode, following: NotebookNode) -> bool:
    """Whether ``cell`` introduces the ``reveal`` cell after it ("The parser's reading, for
    comparison with yours: ..."): an untagged Markdown paragraph with no heading, directly
    followed by a ``reveal`` cell. It moves with that cell, or it would describe a finding
    that is no longer there."""
    if cell.cell_type != "markdown" or tags_of(cell) or REVEAL_TAG not in tags_of(following):
        return False
    return not any(_HEADING.match(line) for line in _source(cell).splitlines())


def _is_note(output: NotebookNode, notes: frozenset[str]) -> bool:
    data = output.get("data", {})
    if set(data) != {"text/plain"}:
        return False
    text = data["text/plain"]
    return ("".join(text) if isinstance(text, list) else str(text)).strip() in notes


class CheckAnswersPreprocessor(Preprocessor):
    """Student edition: the parser's findings move to "Check your answers" at the end.

    Teacher edition: they stay after their exercise (the template boxes them). In both,
    the screen note ``views.reveal`` prints ("open it after you have answered") is dropped.
    """

    edition = Unicode("student", help="student or teacher").tag(config=True)
    heading = Unicode("Check your answers", help="heading of the section at the end").tag(
        config=True
    )
    intro = Unicode(
        "Answer every exercise first. Then compare your answers with the parser's reading "
        "below. The parser is a second reader, not an answer key: it follows written rules "
        "and can be wrong. Where you and the parser disagree, decide who is right and why.",
        help="paragraph under the heading",
    ).tag(config=True)
    answer_sheet_markers = List(
        list(ANSWER_SHEET_MARKERS), help="HTML markers of check outputs that stay in place"
    ).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        notes = _reveal_notes()
        labels = self._labels(nb)
        kept: list[NotebookNode] = []
        groups: dict[str | None, list[NotebookNode]] = {}
        cells = list(nb.cells)
        for i, cell in enumerate(cells):
            tags = tags_of(cell)
            if cell.cell_type == "code" and (REVEAL_TAG in tags or CHECK_TAG in tags):
                cell.outputs = [o for o in cell.get("outputs", []) if not _is_note(o, notes)]
            if self.edition != "student":
                kept.append(cell)
            elif REVEAL_TAG in tags:
                groups.setdefault(exercise_id(cell), []).append(cell)
            elif i + 1 < len(cells) and is_lead_in(cell, cells[i + 1]):
                groups.setdefault(exercise_id(cells[i + 1]), []).append(cell)
            elif CHECK_TAG in tags and cell.cell_type == "code":
                kept.append(cell)
                moved = self._split_check(cell)
                if moved is not None:
                    groups.setdefault(exercise_id(cell), []).append(moved)
            else:
                kept.append(cell)
        groups = {k: v for k, v in groups.items() if any(self._prints(c) for c in v)}
        if groups:
            kept.append(new_markdown_cell(f"## {self.heading}\n\n{self.intro}"))
            kept[-1].metadata["tags"] = ["check-answers-heading"]
            for ex, cells in groups.items():
                label = labels.get(ex) or (f"Exercise “{ex}”" if ex else "Other findings")
                kept.append(new_markdown_cell(f"### {label}: the parser's reading"))
                kept.extend(cells)
        nb.cells = kept
        resources["handout_checks"] = len(groups)
        return nb, resources

    def _split_check(self, cell: NotebookNode) -> NotebookNode | None:
        """Keep a check cell's answer sheet; return a new cell with its other outputs."""
        outputs = list(cell.get("outputs", []))
        sheet = [o for o in outputs if self._sheet(o)]
        rest = [o for o in outputs if not self._sheet(o)]
        cell.outputs = sheet
        if not rest:
            return None
        moved = NotebookNode(
            cell_type="code",
            execution_count=None,
            id=f"{cell.get('id', 'cell')}-moved"[:64],
            metadata=NotebookNode(
                tags=[MOVED_TAG, REVEAL_TAG], diplotext=dict(cell.metadata.get("diplotext", {}))
            ),
            outputs=rest,
            source="",
        )
        moved.metadata["transient"] = {"remove_source": True}
        return moved

    def _sheet(self, output: NotebookNode) -> bool:
        html = output.get("data", {}).get("text/html", "")
        html = "".join(html) if isinstance(html, list) else str(html)
        return any(m in html for m in self.answer_sheet_markers)

    @staticmethod
    def _prints(cell: NotebookNode) -> bool:
        return cell.cell_type != "code" or bool(cell.get("outputs"))

    @staticmethod
    def _labels(nb: NotebookNode) -> dict[str | None, str]:
        """Exercise id -> "Exercise 3" (from the exercise cell's bold label)."""
        labels: dict[str | None, str] = {}
        for cell in nb.cells:
            ex = exercise_id(cell)
            if ex and ex not in labels and "exercise" in tags_of(cell):
                match = _EXERCISE_LABEL.search(_source(cell))
                if match:
                    labels[ex] = " ".join(match.group(1).rstrip(".").split())
        return labels


class ReferencesAppendixPreprocessor(Preprocessor):
    """Move the "References" section (its heading and the cells up to the next heading of
    the same or a higher level) to the end, tagged ``references-appendix``."""

    headings = List(
        ["References", "Sources", "Bibliography"], help="section headings that are references"
    ).tag(config=True)
    enabled_compact = Bool(True, help="tag the section so the stylesheet sets it compact").tag(
        config=True
    )

    def preprocess(
        self, nb: NotebookNode, resources: dict[str, Any]
    ) -> tuple[NotebookNode, dict[str, Any]]:
        names = {h.lower() for h in self.headings}
        start = level = None
        for i, cell in enumerate(nb.cells):
            found = self._heading(cell)
            if found and found[1].lower() in names:
                start, level = i, found[0]
                break
        if start is None or level is None:
            return nb, resources
        end = len(nb.cells)
        for j in range(start + 1, len(nb.cells)):
            found = self._heading(nb.cells[j])
            if found and found[0] <= level:
                end = j
                break
        section = nb.cells[start:end]
        for cell in section:
            cell.metadata["tags"] = [*tags_of(cell), "references-appendix"]
        nb.cells = nb.cells[:start] + nb.cells[end:] + section
        return nb, resources

    @staticmethod
    def _heading(cell: NotebookNode) -> tuple[int, str] | None:
        if cell.cell_type != "markdown":
            return None
        first = _source(cell).lstrip("\n").split("\n", 1)[0]
        match = _HEADING.match(first)
        return (len(match.group(1)), match.group(2).strip()) if match else None


def has_model_answers(nb: NotebookNode) -> bool:
    """Whether the notebook holds any ``solution`` cell."""
    return any("solution" in tags_of(c) for c in nb.cells)


def teacher_twin(notebook: Path) -> Path:
    """Where the teacher edition of ``notebook`` would be: ``../teacher/NAME.ipynb``."""
    return notebook.parent / ".." / "teacher" / notebook.name


def teacher_source(notebook: Path, nb: NotebookNode, *, strict: bool = True) -> Path:
    """The notebook to print the teacher edition of ``notebook`` from.

    The notebook itself if it has model answers (``solution`` cells); else its teacher
    twin, ``../teacher/NAME.ipynb`` beside the notebook's folder, if that is a file; else
    :class:`NoModelAnswersError` (``strict``, or a notebook marked as a student edition)
    or the notebook itself.
    """
    if has_model_answers(nb):
        return notebook
    twin = teacher_twin(notebook)
    if twin.is_file() and twin.resolve() != notebook.resolve():
        return Path(twin.resolve())
    marked = (nb.metadata.get("diplotext") or {}).get("edition") == "student"
    if strict or marked:
        raise NoModelAnswersError(
            f"{notebook}: this notebook has no model answers (no solution cells, and no "
            f"teacher edition at {teacher_twin(notebook)}); print the student edition, or "
            "export the teacher notebook"
        )
    return notebook
