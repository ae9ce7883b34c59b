"""The annotator: a student marks words of the numbered text, then checks them with the parser.

``dt.annotate(doc, lesson=..., exercise=..., categories=(...))`` returns an
:class:`Annotator` (an anywidget on ipywidgets 8; its JavaScript and CSS are files of this
package, ``static/annotator.js`` and ``static/annotator.css``: nothing comes from a network).
The interaction (docs/annotator.md): one palette category is always selected; press on a
word and release on another to mark the span; click a mark to select it, Delete or its
Remove button removes it; keyboard: Tab reaches the text, arrows move, Shift+arrows extend,
Enter marks, Delete removes the mark under the focus.

Every change is saved at once to ``answers_dir/LESSON.json`` (see
:mod:`diplotext.exercises.answers`); a new widget for the same lesson and exercise (after a
kernel restart) reads the marks back. Check compares them with the parser
(:func:`diplotext.exercises.compare`) and shows the result in the ``dt-feedback`` region.

Displayed, the widget's output also holds a static fallback (``text/plain`` and
``text/html``): the numbered text with blank answer lines, the same whatever was marked,
so nbval, handouts and the book see a stable output.

Driving it without a browser (tests, benchmarks)::

    w = annotate(doc, lesson="x", exercise="ex1", categories=("metonym",))
    w.marks = [{"start": 10, "end": 16, "category": "metonym"}]   # saved to answers/x.json
    w.check_count += 1                                            # w.feedback is the HTML
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from . import render
from .display import colour
from .exercises import answers as answers_mod
from .exercises.categories import get_category, resolve
from .exercises.comparison import Comparison, Mark, compare
from .exercises.comparison import words as tokens
from .model import Document

__all__ = ["Annotator", "annotate", "tokens"]

_STATIC = Path(__file__).parent / "static"
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
INTERACTIVE_KEY = "diplotext-interactive"
#: Border styles paired with the colours, so that marks differ without colour too.
_LINES = ("solid", "dashed", "dotted", "double")
NO_MARKS_YET = (
    "Mark at least one passage first, then press Check: the parser's reading is shown "
    "only after you have given yours."
)


class Annotator(anywidget.AnyWidget):
    """The annotator widget (module docstring). Synced traits are the widget's state."""

    _esm = _STATIC / "annotator.js"
    _css = _STATIC / "annotator.css"

    text = traitlets.Unicode("").tag(sync=True)
    token_spans = traitlets.List().tag(sync=True)  # [[start, end], ...]
    paragraph_spans = traitlets.List().tag(sync=True)  # [[start, end, number], ...]
    sentence_starts = traitlets.List().tag(sync=True)  # [[start, number], ...]
    palette = traitlets.List().tag(sync=True)  # [{id, label, description, colour, line}]
    category = traitlets.Unicode("").tag(sync=True)
    marks = traitlets.List().tag(sync=True)  # [{start, end, category}]
    student = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    status_kind = traitlets.Unicode("info").tag(sync=True)  # "info" | "saved" | "error"
    feedback = traitlets.Unicode("").tag(sync=True)
    check_count = traitlets.Int(0).tag(sync=True)
    answers_json = traitlets.Unicode("").tag(sync=True)
    filename = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        doc: Document,
        lesson: str,
        exercise: str,
        categories: str | Iterable[str],
        student: str | None = None,
        answers_dir: str | os.PathLike[str] = "answers",
    ) -> None:
        self.doc = doc
        self.lesson = answers_mod.check_id(lesson, "lesson")
        self.exercise = answers_mod.check_id(exercise, "exercise")
        self.categories = resolve(categories)
        self.path = answers_mod.answers_path(answers_dir, lesson)
        self._blocked = ""
        self._tokens = tokens(doc.text)
        self._starts = {s for s, _ in self._tokens}
        self._ends = {e for _, e in self._tokens}
        saved_student, saved, status, kind = self._load()
        palette = []
        for i, c in enumerate(self.categories):
            cat = get_category(c)
            palette.append(
                {
                    "id": cat.id,
                    "label": cat.label,
                    "description": cat.description,
                    "colour": colour(i),
                    "line": _LINES[i % len(_LINES)],
                }
            )
        paras = [[p.start, p.end, p.index + 1] for p in doc.paragraphs] or [[0, len(doc.text), 1]]
        super().__init__(
            text=doc.text,
            token_spans=[list(t) for t in self._tokens],
            paragraph_spans=paras,
            sentence_starts=[[s.start, s.index + 1] for s in doc.sentences],
            palette=palette,
            category=self.categories[0],
            marks=self._clean(saved)[0],
            student=student if student is not None else saved_student,
            status=status,
            status_kind=kind,
            filename=self.path.name,
            title=f"Lesson {self.lesson}, exercise {self.exercise}",
        )
        self.answers_json = self._answers_json()
        self.observe(self._on_marks, names="marks")
        self.observe(self._on_student, names="student")
        self.observe(self._on_check, names="check_count")

    # -------------------------------------------------------------- loading and saving
    def _load(self) -> tuple[str, list[dict[str, Any]], str, str]:
        """``(student, marks, status, status_kind)`` from the answers file, if there is one."""
        try:
            student, marks = answers_mod.load_exercise(
                self.path, self.lesson, self.exercise, self.doc.text
            )
        except answers_mod.AnswersFileError as exc:
            self._blocked = str(exc)
            return "", [], f"Your marks are NOT being saved: {exc}.", "error"
        kept = [
            {"start": m.start, "end": m.end, "category": m.category}
            for m in marks
            if m.category in self.categories
        ]
        status = f"{len(kept)} saved mark(s) restored from {self._shown_path()}." if kept else ""
        return student, kept, status, "saved" if kept else "info"

    def _shown_path(self) -> str:
        return os.path.join(self.path.parent.name, self.path.name)

    def _clean(self, marks: Iterable[Any]) -> tuple[list[dict[str, Any]], list[str]]:
        """Marks that follow the rules (docs/annotator.md), and why the others were refused."""
        ok: list[dict[str, Any]] = []
        why: list[str] = []
        para = [(p.start, p.end) for p in self.doc.paragraphs] or [(0, len(self.doc.text))]
        for m in marks:
            try:
                s, e, c = int(m["start"]), int(m["end"]), str(m["category"])
            except (KeyError, TypeError, ValueError):
                why.append("a mark without start, end and category")
                continue
            if c not in self.categories or s not in self._starts or e not in self._ends or s >= e:
                why.append(f"a mark at {s}-{e} ({c}) that is not on whole words of this exercise")
            elif not any(lo <= s and e <= hi for lo, hi in para):
                why.append("a mark that crosses a paragraph break")
            elif any(o["start"] == s and o["end"] == e and o["category"] == c for o in ok):
                why.append("a duplicate mark")
            elif any(o["start"] < s < o["end"] < e or s < o["start"] < e < o["end"] for o in ok):
                why.append("a mark that half-overlaps another (marks nest or stay apart)")
            else:
                ok.append({"start": s, "end": e, "category": c})
        ok.sort(key=lambda m: (m["start"], -m["end"], self.categories.index(m["category"])))
        return ok, why

    def current_marks(self) -> list[Mark]:
        """The marks now, as :class:`~diplotext.exercises.Mark` objects."""
        return [
            Mark(m["start"], m["end"], m["category"], self.doc.text[m["start"] : m["end"]])
            for m in self.marks
        ]

    def _answers_json(self) -> str:
        data = answers_mod.build(
            None if self._blocked else self._existing(),
            self.lesson,
            self.exercise,
            self.doc.text,
            self.student,
            self.current_marks(),
            self.categories,
        )
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def _existing(self) -> dict[str, Any] | None:
        try:
            return answers_mod.read_answers(self.path) if self.path.exists() else None
        except answers_mod.AnswersFileError:
            return None

    def save(self) -> bool:
        """Save the marks now; False (and a status message) when the file cannot be used."""
        if self._blocked:
            self.status_kind = "error"
            self.status = f"Your marks are NOT being saved: {self._blocked}."
            self.answers_json = self._answers_json()
            return False
        try:
            data = answers_mod.save_exercise(
                self.path,
                self.lesson,
                self.exercise,
                self.doc.text,
                self.student,
                self.current_marks(),
                self.categories,
            )
        except (answers_mod.AnswersFileError, OSError) as exc:
            self._blocked = str(exc)
            return self.save()
        self.answers_json = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        n = len(self.marks)
        self.status_kind = "saved"
        self.status = f"Saved {n} mark{'' if n == 1 else 's'} to {self._shown_path()}."
        return True

    def _on_marks(self, change: dict[str, Any]) -> None:
        clean, why = self._clean(change["new"])
        if why or clean != change["new"]:
            self.marks = clean  # re-enters this observer with valid marks
            if why:
                self.status_kind = "error"
                self.status = "Not marked: " + "; ".join(dict.fromkeys(why)) + "."
            return
        self.save()

    def _on_student(self, change: dict[str, Any]) -> None:
        cleaned = " ".join(change["new"].split())[: answers_mod.MAX_STUDENT]
        if cleaned != change["new"]:
            self.student = cleaned
            return
        self.save()

    # -------------------------------------------------------------- check
    def comparison(self) -> Comparison:
        """The comparison Check shows: these marks beside the parser's findings."""
        return compare(self.doc, self.current_marks(), self.categories)

    def _on_check(self, _change: dict[str, Any]) -> None:
        if not self.marks:
            self.feedback = f"<p class='dt-prompt'>{html.escape(NO_MARKS_YET)}</p>"
            return
        self.feedback = self.comparison()._repr_html_()

    # -------------------------------------------------------------- static fallback
    def plain(self) -> str:
        """The deterministic text/plain: the numbered text and blank answer lines."""
        labels = [get_category(c).label for c in self.categories]
        head = (
            f"[Annotator: lesson {self.lesson}, exercise {self.exercise}; mark: "
            f"{', '.join(labels)}. On screen, mark the text and press Check; on paper, "
            "write your answers on the lines.]"
        )
        width = max(len(lab) for lab in labels) + 2
        lines = []
        for lab in labels:
            lines.append(f"{lab + ':':{width}}" + "_" * 60)
            lines.append(" " * width + "_" * 60)
        return "\n".join(
            [head, "", render.numbered_text_plain(self.doc), "", "Your answers", *lines]
        )

    def static_html(self) -> str:
        """The text/html fallback: the numbered text and blank answer lines (escaped)."""
        e = html.escape
        labels = [get_category(c).label for c in self.categories]
        line = (
            "<span style='display:inline-block;width:80%;border-bottom:1px solid #000;"
            "min-height:1.6em'></span>"
        )
        rows = "".join(
            f"<p class='dt-answer-line'><b>{e(lab)}:</b> {line}</p>"
            f"<p class='dt-answer-line' style='padding-left:2em'>{line}</p>"
            for lab in labels
        )
        return (
            f"<div class='dt-annotator-static'><p><i>Annotator: lesson {e(self.lesson)}, "
            f"exercise {e(self.exercise)}; mark: {e(', '.join(labels))}. Write your answers "
            f"on the lines.</i></p>{render.numbered_text(self.doc)}"
            f"<p><b>Your answers</b></p>{rows}</div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        live = super()._repr_mimebundle_(**kwargs)
        data = live[0] if isinstance(live, tuple) else (live or {})
        bundle: dict[str, Any] = {}
        if WIDGET_VIEW_MIMETYPE in data:
            bundle[WIDGET_VIEW_MIMETYPE] = data[WIDGET_VIEW_MIMETYPE]
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = self.plain()
        return bundle, {INTERACTIVE_KEY: {"kind": "annotator"}}

    def __repr__(self) -> str:
        return self.plain()


def annotate(
    doc: Document,
    lesson: str,
    exercise: str,
    categories: str | Iterable[str],
    student: str | None = None,
    answers_dir: str | os.PathLike[str] = "answers",
) -> Annotator:
    """The annotator for one exercise (module docstring); answers go to ``answers_dir/LESSON.json``.

    ``student`` preset the name field (the student types it otherwise); ``answers_dir`` is
    relative to the kernel's folder, which in Jupyter is the notebook's folder.
    """
    return Annotator(doc, lesson, exercise, categories, student, answers_dir)
