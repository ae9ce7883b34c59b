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


@pytest.fixture(scope="session", autouse=True)
def _figure_cache(tmp_path_factory):
    """Every test (and every kernel a test starts) uses a fresh figure cache, never ~/.cache."""
    import os

    old = os.environ.get("DIPLOTEXT_CACHE")
    os.environ["DIPLOTEXT_CACHE"] = str(tmp_path_factory.mktemp("figure-cache"))
    yield
    if old is None:
        os.environ.pop("DIPLOTEXT_CACHE", None)
    else:
        os.environ["DIPLOTEXT_CACHE"] = old
