"""Shared fixtures. Fixture notebooks are inputs to tests, not lessons: nbval skips them."""

from __future__ import annotations

from pathlib import Path

import pytest

collect_ignore_glob = ["fixtures/*"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "voa-2022-01-a-diplomatic-path-is-open-to-russia.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc():
    import diplotext

    return diplotext.load(SEED)
