"""Shared by the browser tests' conftest and test module (a name of its own: importing
from ``conftest`` is fragile when several conftest.py files exist)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def notebooks_dir() -> Path:
    """Folder whose lessons are tested: ``$DIPLOTEXT_BROWSER_NOTEBOOKS`` or ``notebooks/``."""
    env = os.environ.get("DIPLOTEXT_BROWSER_NOTEBOOKS")
    return Path(env).resolve() if env else REPO / "notebooks"


def lesson_notebooks() -> list[Path]:
    """The lesson notebooks (``[0-9]*.ipynb``), sorted by name."""
    return sorted(notebooks_dir().glob("[0-9]*.ipynb"))


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab server (see :func:`lab_server`)."""

    base_url: str
    token: str
    root: Path
    log: Path

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (no leading slash) with the token as query parameter."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server log, for failure messages."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])
