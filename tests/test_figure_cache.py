"""The figure cache: a figure drawn once is read back, unchanged, until something it
depends on changes; a missing, read-only or damaged cache only means drawing again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import diplotext
from diplotext import display
from diplotext.display import FigureOutput, cached_figure, figure_key
from diplotext.load import seeds_dir
from diplotext.model import Metadata

ROOT = Path(__file__).resolve().parent.parent

# A stand-in figure function: the calls it receives are counted, so a test can tell a
# cache hit (no call) from a render. Its PNG depends on the arguments.
CALLS: list[tuple] = []


@cached_figure
def fake_figure(n: int, items: tuple = (), number: int | None = None) -> FigureOutput:
    """A figure whose picture and alt text depend on ``n`` and ``items``."""
    CALLS.append((n, items, number))
    return FigureOutput(
        b"\x89PNG fake " + repr((n, tuple(items))).encode(),
        f"{n} and {list(items)}",
        "a caption: “curly” é",
        number,
        width=300 if n > 5 else None,
    )


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    """Each test gets an empty cache folder and a fresh call log."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIPLOTEXT_CACHE", str(folder))
    CALLS.clear()
    return folder


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_hit_returns_equal_output_without_drawing(cache):
    first = fake_figure(7, (1, 2), number=3)
    second = fake_figure(7, (1, 2), number=3)
    assert len(CALLS) == 1
    assert second == first  # png bytes, alt, caption, number and width
    assert second.width == 300 and second.caption == "a caption: “curly” é"
    assert [n.rsplit(".", 1)[1] for n in entries(cache)] == ["json", "png"]


def test_same_arguments_spelled_differently_share_an_entry():
    fake_figure(1)
    fake_figure(n=1, items=(), number=None)  # defaults are part of the key
    assert len(CALLS) == 1


def test_changing_an_argument_misses():
    a = fake_figure(1, (1,))
    b = fake_figure(1, (2,))
    c = fake_figure(1, (1,), number=4)
    assert len(CALLS) == 3
    assert a.alt != b.alt and c.number == 4


def test_iterator_argument_is_used_once_not_used_up():
    out = fake_figure(2, iter([5, 6]))
    assert CALLS == [(2, (5, 6), None)]  # the function got the items, not an empty iterator
    assert fake_figure(2, (5, 6)) == out and len(CALLS) == 1


def test_real_figure_hit_does_not_render_again(monkeypatch):
    from diplotext.figures import context as cfig

    rendered = []
    real_png_bytes = cfig.png_bytes
    monkeypatch.setattr(cfig, "png_bytes", lambda fig: rendered.append(1) or real_png_bytes(fig))
    first = cfig.troops_figure(number=3)
    second = cfig.troops_figure(number=3)
    assert len(rendered) == 1
    assert second == first and second.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert cfig.troops_figure(number=4).number == 4 and len(rendered) == 2


def _seeds_copy(dst: Path) -> Path:
    for sub in ("context", "geo"):
        shutil.copytree(seeds_dir() / sub, dst / sub)
    return dst


def test_changing_a_seeds_file_misses(tmp_path, monkeypatch):
    a = _seeds_copy(tmp_path / "a")
    b = _seeds_copy(tmp_path / "b")
    with open(b / "context" / "troops.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    monkeypatch.setenv("DIPLOTEXT_SEEDS", str(a))
    fake_figure(1)
    fake_figure(1)
    assert len(CALLS) == 1
    monkeypatch.setenv("DIPLOTEXT_SEEDS", str(b))
    fake_figure(1)
    assert len(CALLS) == 2
    monkeypatch.setenv("DIPLOTEXT_SEEDS", str(a))
    fake_figure(1)
    assert len(CALLS) == 2  # back to the first data: the first entry


def test_an_identical_seeds_copy_hits(tmp_path, monkeypatch):
    fake_figure(1)
    monkeypatch.setenv("DIPLOTEXT_SEEDS", str(_seeds_copy(tmp_path / "copy")))
    fake_figure(1)
    assert len(CALLS) == 1  # the key depends on the bytes, not on where they are


def test_changing_the_diplotext_or_matplotlib_version_misses(monkeypatch):
    fake_figure(1)
    monkeypatch.setattr(diplotext, "__version__", "99.0")
    fake_figure(1)
    assert len(CALLS) == 2
    monkeypatch.setattr(display, "_matplotlib_version", lambda: "0.0.1")
    fake_figure(1)
    assert len(CALLS) == 3


def test_matplotlib_version_is_read_without_importing_it():
    code = (
        "import sys; from diplotext.display import _matplotlib_version as v; "
        "print(v(), 'matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    import matplotlib

    assert out == [matplotlib.__version__, "False"]


def test_cache_off_disables(cache, monkeypatch):
    monkeypatch.setenv("DIPLOTEXT_CACHE", "off")
    assert display.cache_dir() is None
    fake_figure(1)
    fake_figure(1)
    assert len(CALLS) == 2
    assert not cache.exists()


def test_default_location_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("DIPLOTEXT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert display.cache_dir() == tmp_path / "xdg" / "diplotext" / "figures"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert display.cache_dir() == Path.home() / ".cache" / "diplotext" / "figures"


def test_unwritable_cache_still_renders(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIPLOTEXT_CACHE", str(blocker / "cache"))  # cannot be created
    assert fake_figure(3).alt == "3 and []"
    assert fake_figure(3).alt == "3 and []"
    assert len(CALLS) == 2
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(
    "damage",
    [
        lambda png, meta: png.write_bytes(png.read_bytes()[:-3]),  # truncated PNG
        lambda png, meta: meta.write_text("{not json"),
        lambda png, meta: meta.write_text('{"alt": "only alt"}'),
        lambda png, meta: png.unlink(),
    ],
    ids=["truncated-png", "bad-json", "missing-fields", "missing-png"],
)
def test_damaged_entry_is_ignored_and_rendered_again(cache, damage):
    good = fake_figure(8, (1,))
    png = next(cache.glob("*.png"))
    meta = png.with_suffix(".json")
    damage(png, meta)
    again = fake_figure(8, (1,))
    assert again == good and len(CALLS) == 2
    fake_figure(8, (1,))
    assert len(CALLS) == 2  # the entry was written anew


def test_no_temp_files_left_behind(cache):
    for n in range(3):
        fake_figure(n)
    assert all(not name.startswith(".tmp") for name in entries(cache))
    assert len(entries(cache)) == 6


@dataclass(frozen=True)
class Labelled:
    label: str
    value: int

    def __repr__(self) -> str:  # a short repr that hides ``value``
        return f"<{self.label}>"


def test_key_reads_dataclass_fields_not_custom_repr():
    a = figure_key(fake_figure, {"x": Labelled("a", 1)})
    b = figure_key(fake_figure, {"x": Labelled("a", 2)})
    assert a != b
    assert a == figure_key(fake_figure, {"x": Labelled("a", 1)})


def test_key_of_a_document_changes_with_any_item():
    doc = diplotext.parse("Secretary Blinken said the talks were useful. Russia disagreed.")
    assert doc.sentences and doc.mentions
    key = figure_key(fake_figure, {"doc": doc})
    assert key == figure_key(fake_figure, {"doc": diplotext.parse(doc.text)})
    changed = (
        diplotext.parse(doc.text + " "),
        replace(doc, mentions=doc.mentions[1:]),
        replace(doc, metadata=Metadata(title="Press statement")),
    )
    assert len({key, *(figure_key(fake_figure, {"doc": d}) for d in changed)}) == 4


def test_unkeyable_argument_renders_without_caching(cache):
    class Opaque:
        pass

    fake_figure(1, (Opaque(),))
    fake_figure(1, (Opaque(),))
    assert len(CALLS) == 2 and entries(cache) == []


def _run(code: str, cache: Path, hashseed: str) -> str:
    env = {**os.environ, "DIPLOTEXT_CACHE": str(cache), "PYTHONHASHSEED": hashseed}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout.strip()


def test_importing_figure_modules_does_not_import_matplotlib(cache):
    out = _run(
        """
        import sys
        import diplotext.figures.context, diplotext.figures.text, diplotext.lesson
        print('matplotlib' in sys.modules)
        """,
        cache,
        "0",
    )
    assert out == "False"


def test_hit_in_a_new_process_does_not_import_matplotlib(cache):
    code = """
        import sys
        import diplotext
        from diplotext.figures import context as cfig, text as tfig
        doc = diplotext.parse(
            "WASHINGTON. Secretary Blinken said: “We are ready for diplomacy.” "
            "Moscow rejected the proposal, Russian officials said."
        )
        figs = [cfig.week_figure(number=2), tfig.speakers_figure(doc, number=1)]
        print(repr(figs), 'matplotlib' in sys.modules)
    """
    first = _run(code, cache, "1")
    second = _run(code, cache, "2")  # another hash seed: the key must not depend on it
    assert first.endswith("True")  # drawn
    assert second.endswith("False")  # read back
    assert first.removesuffix("True") == second.removesuffix("False")
