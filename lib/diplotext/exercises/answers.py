"""The answers file: a student's marks for one lesson, saved beside the notebook.

``answers/LESSON.json`` (format in docs/schema.md, JSON Schema in docs/answers.schema.json)::

    {"format": "diplotext-answers", "version": 1, "lesson": "03-rhetorical-analysis",
     "text_sha256": "…", "student": "Robin",
     "exercises": {"ex1": {"categories": ["metonym", "name"],
                           "marks": [{"start": 10, "end": 16, "category": "metonym",
                                      "text": "Moscow"}]}}}

Marks store spans and categories, never rule ids, so a parser change does not invalidate
them. The text's SHA-256 ties the spans to one text: a file written for another text (or a
changed text) is reported, and never silently accepted. A file that cannot be read (not
JSON, not this format, another lesson) is reported and kept as it is: :func:`save_exercise`
refuses to overwrite it. Writes are atomic (a temporary file in the same folder, then
``os.replace``), so a crash never leaves half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import atomic
from ..errors import InputError
from .comparison import Mark

FORMAT = "diplotext-answers"
VERSION = 1
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
CATEGORY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_STUDENT = 80
MAX_FILE_BYTES = 2_000_000


class AnswersFileError(InputError):
    """An answers file that cannot be used: unreadable, foreign, or for another text."""


def text_sha256(text: str) -> str:
    """The SHA-256 of the text (UTF-8), in hex: what ties answer spans to one text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_id(value: str, what: str) -> str:
    """A lesson or exercise id: letters, digits, ``.``, ``_``, ``-`` (it names a file)."""
    if not isinstance(value, str) or not ID_RE.match(value):
        raise InputError(
            f"{what} {value!r} is not a valid id: use letters, digits, '.', '_' or '-' "
            "(at most 80, starting with a letter or digit)"
        )
    return value


def answers_path(answers_dir: str | os.PathLike[str], lesson: str) -> Path:
    """``answers_dir/LESSON.json`` (relative paths are relative to the notebook's folder)."""
    return Path(answers_dir) / f"{check_id(lesson, 'lesson')}.json"


#: The fields an answers file may have.
FIELDS = frozenset(
    {"format", "version", "lesson", "text_sha256", "student", "exercises", "synthetic", "note"}
)


def problems(data: Any) -> list[str]:
    """What is wrong with a parsed answers file (an empty list when it is valid)."""
    if not isinstance(data, dict):
        return ["the top level is not a JSON object"]
    if data.get("format") != FORMAT:
        return [f'"format" is not "{FORMAT}": this is not a diplotext answers file']
    out = _field_problems(data)
    exercises = data.get("exercises")
    if not isinstance(exercises, dict):
        return [*out, '"exercises" is missing or not an object']
    for ex_id, ex in exercises.items():
        out += _exercise_problems(ex_id, ex)
    return out


def _field_problems(data: dict[str, Any]) -> list[str]:
    """Problems with the top-level fields other than ``format`` and ``exercises``."""
    out = []
    if data.get("version") != VERSION:
        out.append(f'"version" is {data.get("version")!r}, this diplotext reads {VERSION}')
    out += [f"unknown field {k!r}" for k in sorted(set(data) - FIELDS)]
    if not isinstance(data.get("lesson"), str) or not ID_RE.match(data["lesson"]):
        out.append('"lesson" is missing or not a valid id')
    sha = data.get("text_sha256")
    if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{64}", sha):
        out.append('"text_sha256" is missing or not 64 hex digits')
    student = data.get("student", "")
    if not isinstance(student, str) or len(student) > MAX_STUDENT:
        out.append(f'"student" must be a string of at most {MAX_STUDENT} characters')
    if "synthetic" in data and not isinstance(data["synthetic"], bool):
        out.append('"synthetic" must be true or false')
    if "note" in data and not isinstance(data["note"], str):
        out.append('"note" must be a string')
    return out


def _exercise_problems(ex_id: str, ex: Any) -> list[str]:
    where = f"exercise {ex_id!r}"
    if not ID_RE.match(ex_id):
        return [f"{where}: not a valid id"]
    if not isinstance(ex, dict) or set(ex) - {"categories", "marks"}:
        return [f'{where}: must be an object with only "categories" and "marks"']
    cats = ex.get("categories")
    if not isinstance(cats, list) or not all(
        isinstance(c, str) and CATEGORY_RE.match(c) for c in cats
    ):
        return [f'{where}: "categories" must be a list of category ids']
    marks = ex.get("marks")
    if not isinstance(marks, list):
        return [f'{where}: "marks" must be a list']
    out = []
    for n, m in enumerate(marks, 1):
        ok = (
            isinstance(m, dict)
            and set(m) <= {"start", "end", "category", "text"}
            and all(type(m.get(k)) is int for k in ("start", "end"))
            and 0 <= m["start"] < m["end"]
            and isinstance(m.get("category"), str)
            and m["category"] in cats
            and isinstance(m.get("text", ""), str)
        )
        if not ok:
            out.append(
                f"{where}: mark {n} needs integer start < end, a category of the exercise, text"
            )
    return out


def read_answers(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate an answers file; :class:`AnswersFileError` says what is wrong."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise AnswersFileError(f"{p}: larger than {MAX_FILE_BYTES} bytes; not an answers file")
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersFileError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(f"{p}: cannot be read ({exc.__class__.__name__})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            f"{p}: not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    found = problems(data)
    if found:
        raise AnswersFileError(f"{p}: not a valid answers file: " + "; ".join(found[:3]))
    return data


def check_matches(data: dict[str, Any], path: Path, lesson: str, text: str) -> None:
    """Refuse a file written for another lesson or another text (say which)."""
    if data["lesson"] != lesson:
        raise AnswersFileError(
            f"{path}: these are answers for lesson {data['lesson']!r}, not {lesson!r}; "
            "the file is kept as it is: move it away to start a new one"
        )
    if data["text_sha256"] != text_sha256(text):
        raise AnswersFileError(
            f"{path}: the answers were made on a different text (its SHA-256 differs), so "
            "their spans may point at the wrong words; the file is kept as it is: move it "
            "away to start again, or ask your teacher"
        )


def marks_of(data: dict[str, Any], exercise: str, text: str) -> list[Mark]:
    """The marks of one exercise, with their text taken from ``text``."""
    ex = data["exercises"].get(exercise) or {"marks": []}
    out = []
    for m in ex["marks"]:
        if m["end"] > len(text):
            raise AnswersFileError(f"exercise {exercise!r}: a mark ends after the end of the text")
        out.append(Mark(m["start"], m["end"], m["category"], text[m["start"] : m["end"]]))
    return out


def load_exercise(
    path: str | os.PathLike[str], lesson: str, exercise: str, text: str
) -> tuple[str, list[Mark]]:
    """``(student, marks)`` saved for this exercise; ``("", [])`` when there is no file yet."""
    p = Path(path)
    if not p.exists():
        return "", []
    data = read_answers(p)
    check_matches(data, p, lesson, text)
    return data.get("student", ""), marks_of(data, exercise, text)


def build(
    existing: dict[str, Any] | None,
    lesson: str,
    exercise: str,
    text: str,
    student: str,
    marks: Iterable[Mark],
    categories: Iterable[str],
) -> dict[str, Any]:
    """The file's new content: ``existing`` with this exercise (and the student) replaced."""
    data = dict(existing or {})
    data.update(format=FORMAT, version=VERSION, lesson=lesson, text_sha256=text_sha256(text))
    # An empty name never wipes a saved one: another annotator of the same lesson, shown
    # before the student typed their name, saves "" for it.
    name = " ".join(str(student).split())[:MAX_STUDENT]
    data["student"] = name or data.get("student", "")
    exercises = dict(data.get("exercises") or {})
    ms = sorted(set(marks), key=lambda m: (m.start, m.end, m.category))
    exercises[check_id(exercise, "exercise")] = {
        "categories": list(categories),
        "marks": [
            {"start": m.start, "end": m.end, "category": m.category, "text": text[m.start : m.end]}
            for m in ms
        ],
    }
    data["exercises"] = dict(sorted(exercises.items()))
    return data


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and ``os.replace`` (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_atomic(path, text)


def write_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write the answers as JSON, atomically (:func:`write_text_atomic`)."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def save_exercise(
    path: str | os.PathLike[str],
    lesson: str,
    exercise: str,
    text: str,
    student: str,
    marks: Iterable[Mark],
    categories: Iterable[str],
) -> dict[str, Any]:
    """Save one exercise's marks into the lesson's file (keeping the other exercises).

    Raises :class:`AnswersFileError`, and leaves the file untouched, when the file exists
    but is corrupt, foreign, or was written for another text.
    """
    p = Path(path)
    existing = None
    if p.exists():
        existing = read_answers(p)
        check_matches(existing, p, lesson, text)
    data = build(existing, check_id(lesson, "lesson"), exercise, text, student, marks, categories)
    write_atomic(p, data)
    return data
