"""docs/architecture.md tells the truth: every module it names exists, every step is in it."""

from __future__ import annotations

import re
from pathlib import Path

import diplotext
from diplotext import pipeline

from .conftest import ROOT

LIB = Path(diplotext.__file__).parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
NAMED = set(re.findall(r"`([\w/.-]+(?:\.py|/))`", DOC))


def _exists(name: str) -> bool:
    """A named module exists in the package (``x.py``, ``pkg/``, ``pkg/x.py``, a package's
    ``x.py``) or in the repository (``tests/test_engine.py``)."""
    candidates = [LIB / name, ROOT / name, *LIB.glob(f"*/{name}")]
    return any(p.exists() for p in candidates)


def test_every_module_the_doc_names_exists():
    assert len(NAMED) > 30
    missing = sorted(n for n in NAMED if not _exists(n))
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def _step_rows() -> dict[str, str]:
    rows = {}
    for line in DOC.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in dict(pipeline.STEPS):
            rows[cells[0]] = cells[1]
    return rows


def test_every_step_module_is_named_in_its_row():
    rows = _step_rows()
    assert set(rows) == {name for name, _ in pipeline.STEPS}
    for step, cell in rows.items():
        package = LIB / step
        if package.is_dir():
            assert f"`{step}/`" in cell
            for path in sorted(package.glob("*.py")):
                if path.name != "__init__.py":
                    assert f"`{path.name}`" in cell, f"{step}/{path.name} is not in the doc"
        else:
            assert f"`{step}.py`" in cell


def test_every_shared_module_is_named():
    for name in ("pipeline", "ruler", "state", "model", "present", "datafiles", "wordlists",
                 "textindex", "spans", "errors"):  # fmt: skip
        assert f"`{name}.py`" in DOC
