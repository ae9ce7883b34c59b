"""The handout choices, in a module that imports nothing heavy (the CLI reads it)."""

from __future__ import annotations

#: The two editions: the student's (no model answers) and the teacher's.
EDITIONS: tuple[str, ...] = ("student", "teacher")

#: Paper names accepted on the command line -> CSS ``@page { size: ... }`` values.
PAPERS: dict[str, str] = {"a4": "A4", "letter": "letter"}
