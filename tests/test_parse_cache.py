"""The parse cache: ``load`` reads back a parse made before with the same text, options,
code and data; anything damaged, stale or hand-made in the cache only means parsing again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import diplotext as dt
from diplotext import datafiles, diskcache, parsecache, pipeline
from diplotext.lesson import load_document
from diplotext.model import Metadata

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Kremlin spokesman Dmitry Peskov said, “We will not accept this.” He added that talks go on."


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DIPLOTEXT_CACHE", str(folder))
    return folder


@pytest.fixture
def statement(tmp_path) -> Path:
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Record every real parse (a cache hit records nothing)."""
    calls: list[str] = []
    real = pipeline.parse

    def counting(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "parse", counting)
    return calls


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parse.json")) if folder.is_dir() else []


def test_second_load_reads_the_parse_back(cache, statement, parses):
    first = dt.load(statement)
    second = dt.load(statement)
    assert parses == [TEXT]  # parsed once
    assert len(entries(cache)) == 1
    assert second == first and second is not first
    assert [q.speaker_name for q in second.quotes] == [q.speaker_name for q in first.quotes]


def test_lesson_load_document_uses_the_cache_too(cache, statement, parses):
    load_document(statement)
    load_document(statement)
    assert len(parses) == 1


def test_parse_of_a_string_never_touches_the_cache(cache):
    dt.parse(TEXT)
    assert not cache.exists()


@pytest.mark.parametrize(
    "path", [dt.seed_path(), *sorted((ROOT / "eval" / "dev").glob("*.txt"))[:12]], ids=str
)
def test_round_trip_is_exact(path):
    doc = dt.parse(path.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(parsecache.encode(doc)))
    assert parsecache.decode(data) == doc


@pytest.mark.parametrize(
    "change",
    [
        {"text": TEXT + " More."},
        {"metadata": Metadata(title="A title")},
        {"disabled": frozenset({"quotes.inherited"})},
        {"keep_lines": True},
    ],
    ids=["text", "metadata", "disabled", "keep_lines"],
)
def test_every_input_is_in_the_key(change):
    base = {"text": TEXT, "metadata": None, "disabled": frozenset(), "keep_lines": False}
    assert parsecache.key(**base) != parsecache.key(**{**base, **change})


def test_code_and_data_are_in_the_key(monkeypatch):
    before = parsecache.key(TEXT, None, frozenset(), False)
    monkeypatch.setattr(diskcache, "code_digest", lambda: "edited code")
    after_code = parsecache.key(TEXT, None, frozenset(), False)
    monkeypatch.setattr(parsecache, "data_digest", lambda: "edited word list")
    after_data = parsecache.key(TEXT, None, frozenset(), False)
    assert len({before, after_code, after_data}) == 3


def test_clear_caches_forgets_the_data_digest():
    parsecache.data_digest()
    assert parsecache.data_digest.cache_info().currsize == 1
    datafiles.clear_caches()
    assert parsecache.data_digest.cache_info().currsize == 0


def test_disabled_rules_are_kept_apart(cache, statement, parses):
    dt.load(statement)
    dt.load(statement, disable=["quotes.inherited"])
    dt.load(statement, disable=["quotes.inherited"])
    assert len(parses) == 2
    assert len(entries(cache)) == 2


def _poison(cache: Path, statement: Path, payload: str) -> None:
    dt.load(statement)
    [entry] = entries(cache)
    entry.write_text(payload, encoding="utf-8")


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        json.dumps({"@": "Popen", "args": ["rm", "-rf", "/"]}),  # not a model class
        json.dumps({"@": "Document", "text": TEXT, "no_such_field": 1}),
        json.dumps({"@": "Document", "text": "Another text entirely."}),  # not this text
        json.dumps({"@": "Sentence", "index": 0, "start": 0, "end": 1, "text": "K"}),
        json.dumps([1, 2.5]),
        json.dumps({"@": "Document", "text": TEXT, "quotes": [{"x": {"y": 1.5}}]}),
    ],
    ids=["bad-json", "foreign-class", "unknown-field", "other-text", "not-a-document",
         "float", "nested-garbage"],
)  # fmt: skip
def test_a_damaged_or_hostile_entry_means_parsing_again(cache, statement, parses, payload):
    _poison(cache, statement, payload)
    doc = dt.load(statement)
    assert len(parses) == 2  # parsed again
    assert doc == dt.parse(TEXT)


def test_off_writes_nothing(monkeypatch, cache, statement, parses):
    monkeypatch.setenv("DIPLOTEXT_CACHE", "off")
    dt.load(statement)
    dt.load(statement)
    assert len(parses) == 2
    assert not cache.exists()


def test_unwritable_cache_path_is_no_error(tmp_path, monkeypatch, statement, parses):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIPLOTEXT_CACHE", str(blocker / "cache"))  # cannot be created
    assert dt.load(statement) == dt.load(statement)
    assert len(parses) == 2


def test_bad_input_is_still_refused_before_the_cache(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(dt.InputError, match="is empty"):
        dt.load(empty)
    with pytest.raises(dt.InputError, match="no such rule"):
        dt.load(dt.seed_path(), disable=["quotes.no_such_rule"])


def test_commands_write_no_parse_cache(cache, statement, capsys):
    """A command writes its own output and nothing else, not even a cache entry."""
    from diplotext.cli import main

    answers = sorted((ROOT / "examples" / "answers").glob("*.json"))
    assert main(["analyze", str(statement)]) == 0
    assert main(["compare", str(statement), str(dt.seed_path())]) == 0
    assert main(["class-report", *map(str, answers)]) == 0
    capsys.readouterr()
    assert entries(cache) == []
    dt.load(statement)  # while the library, in a lesson, does keep one
    assert len(entries(cache)) == 1


def test_a_parse_read_back_imports_no_rule(cache, statement):
    """The point of the cache in a fresh kernel: no step module is imported for a hit."""
    import subprocess
    import sys

    probe = (
        "import sys, diplotext as dt\n"
        f"dt.load({str(statement)!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[:2] in ("
        "['diplotext', 'pipeline'], ['diplotext', 'quotes'], ['diplotext', 'rhetoric'])))\n"
    )
    env = {**os.environ, "DIPLOTEXT_CACHE": str(cache)}

    def run() -> str:
        return subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()

    assert "diplotext.pipeline" in run()  # a miss parses: the steps are imported
    assert run() == "[]"  # a hit reads the parse back: none is
