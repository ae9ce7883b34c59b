"""Loading: the seed's fixity, its metadata, and one clear error for each kind of bad input."""

from __future__ import annotations

import errno
import hashlib
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import diplotext
from diplotext.errors import InputError, MetadataError
from diplotext.load import (
    MAX_BYTES,
    metadata_path,
    read_metadata,
    read_metadata_file,
    read_text,
    sha256_text,
    verify_fixity,
)

from .conftest import ROOT, SEED

SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_7877bbf88fa417ae.txt"


def test_seed_fixity_checksum_matches_metadata():
    data = SEED.read_bytes()
    meta = read_metadata(SEED)
    assert meta.sha256 == hashlib.sha256(data).hexdigest()
    verify_fixity(read_text(SEED), meta)


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared/ is not beside this checkout")
def test_seed_is_byte_identical_to_the_source_we_received():
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_metadata_agrees_with_text():
    text = read_text(SEED)
    meta = read_metadata(SEED)
    extra = dict(meta.extra)
    assert meta.title == "A Diplomatic Path Is Open To Russia"
    assert "VOA" in meta.publisher and "United States Government" in meta.publisher
    assert (
        meta.url == "https://editorials.voa.gov/a/a-diplomatic-path-is-open-to-russia/6392688.html"
    )
    assert meta.date == "2022-01" and "not known" in meta.date_note
    assert "advocacy" in meta.genre and "public domain" in meta.licence.lower()
    assert int(extra["characters"]) == len(text)
    assert int(extra["paragraphs"]) == len(text.split("\n"))
    assert not text.endswith("\n")


def test_fixity_detects_a_changed_text():
    meta = read_metadata(SEED)
    with pytest.raises(MetadataError, match="does not match the sha256"):
        verify_fixity(read_text(SEED) + " ", meta)


def test_load_reads_metadata_beside_the_text():
    doc = diplotext.load(SEED)
    assert doc.metadata.title == "A Diplomatic Path Is Open To Russia"
    assert doc.text == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"\xff\xfe\x00b\x00a\x00d", "binary"),
        (b"Caf\xe9 statement in Latin-1", "not UTF-8"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_files_raise_one_typed_error(tmp_path: Path, content: bytes, message: str):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        diplotext.load(p)


def test_missing_path_and_directory(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        diplotext.load(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        diplotext.load(tmp_path)


def test_too_large_file_is_refused_before_reading(tmp_path: Path):
    p = tmp_path / "big.txt"
    with p.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="MB"):
        diplotext.load(p)


def test_parse_rejects_empty_text_and_non_str():
    with pytest.raises(InputError):
        diplotext.parse("  \n ")
    with pytest.raises(InputError):
        diplotext.parse(b"bytes")  # type: ignore[arg-type]


def test_bom_is_dropped_and_crlf_kept(tmp_path: Path):
    p = tmp_path / "s.txt"
    p.write_bytes("\ufeffThe Secretary met the Minister.\r\nThey spoke.".encode())
    doc = diplotext.load(p)
    assert doc.text.startswith("The Secretary")
    for s in doc.sentences:
        assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_metadata_file_errors(tmp_path: Path):
    bad = tmp_path / "x.meta.toml"
    bad.write_text("title = [unclosed", encoding="utf-8")
    with pytest.raises(MetadataError, match="not valid TOML"):
        read_metadata_file(bad)
    bad.write_text("title = 3", encoding="utf-8")
    with pytest.raises(MetadataError, match="must be text"):
        read_metadata_file(bad)
    assert metadata_path(tmp_path / "x.txt") == bad


def test_sha256_is_of_utf8_bytes():
    assert sha256_text("é") == hashlib.sha256("é".encode()).hexdigest()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "diplotext.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: ((d / "e.txt").write_bytes(b"") and None) or d / "e.txt", "empty"),
        (lambda d: ((d / "b.bin").write_bytes(b"\x00\x01PK") and None) or d / "b.bin", "binary"),
        (lambda d: ((d / "l.txt").write_bytes(b"na\xefve") and None) or d / "l.txt", "not UTF-8"),
    ],
)
def test_cli_bad_input_one_line_exit_2(tmp_path: Path, make, message):
    target = make(tmp_path)
    r = run_cli("analyze", str(target))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1 and message in r.stderr
    assert r.stdout == ""


# --------------------------------------------------------------------------- invisible text

BLANK = "  \n\t "

INVISIBLE = {
    "BOM": "\ufeff",
    "two BOMs": "\ufeff\ufeff",
    "zero-width space": "\u200b\u200b",
    "joiner and non-joiner": "\u200d\u200c",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad\u00ad",
    "bidi marks": "\u200e\u200f\u202a\u202c",
    "Hangul filler": "\u3164",
    "mixed with whitespace": " \ufeff\n\u200b\t\u2060 \u00ad\r\n\u00a0\u3000\u2028",
}


def _error(fn, *args) -> InputError:
    with pytest.raises(InputError) as info:
        fn(*args)
    return info.value


@pytest.mark.parametrize("text", list(INVISIBLE.values()), ids=list(INVISIBLE))
def test_invisible_only_text_is_refused_exactly_like_blank_text(tmp_path: Path, text: str):
    assert str(_error(diplotext.parse, text)) == str(_error(diplotext.parse, BLANK))
    p = tmp_path / "invisible.txt"
    p.write_text(text, encoding="utf-8")
    blank = tmp_path / "blank.txt"
    blank.write_text(BLANK, encoding="utf-8")
    got = str(_error(diplotext.load, p)).replace(str(p), "PATH")
    assert got == str(_error(diplotext.load, blank)).replace(str(blank), "PATH")
    assert "empty" in got
    # One visible character among them is a text (and is kept as it is).
    for visible in (text + "-", "\ufeff\u200bThe Minister\u00ad spoke." + text):
        assert diplotext.parse(visible).text == visible


@pytest.mark.parametrize(
    ("text", "offset", "code"),
    [("ab\ud800cd", 2, "D800"), ("\udfffx", 0, "DFFF"), ("Talks \ud83d\ude00", 6, "D83D")],
)
def test_parse_refuses_lone_surrogates_with_a_typed_error_naming_the_offset(text, offset, code):
    with pytest.raises(diplotext.errors.InvalidCharacterError) as info:
        diplotext.parse(text)
    assert isinstance(info.value, InputError)
    assert info.value.offset == offset
    assert f"offset {offset}" in str(info.value) and f"U+{code}" in str(info.value)


# --------------------------------------------------------------------------- OS errors


def _fail_with(monkeypatch, name: str, code: int) -> None:
    """Make diplotext.load's os.NAME raise OSError(code) (as for a non-root user)."""
    load_module = importlib.import_module("diplotext.load")

    def fail(path, *args, **kwargs):
        raise OSError(code, os.strerror(code), os.fspath(path))

    monkeypatch.setattr(load_module.os, name, fail)


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("open", errno.EACCES, "permission denied; check that you may read it"),
        ("stat", errno.EACCES, "permission denied (a folder on the path cannot be searched)"),
        ("stat", errno.ELOOP, "symbolic link loop"),
        ("open", errno.EIO, "cannot read it (Input/output error)"),
    ],
)
def test_os_errors_on_the_text_become_one_input_error(tmp_path, monkeypatch, name, code, message):
    p = tmp_path / "s.txt"
    p.write_text("The Minister spoke.", encoding="utf-8")
    _fail_with(monkeypatch, name, code)
    with pytest.raises(InputError) as info:
        read_text(p)
    assert str(info.value) == f"text {p}: {message}" + str(info.value).split(message, 1)[1]
    assert ";" in str(info.value).split(message, 1)[1]


def test_unreadable_metadata_beside_the_text_is_an_error_not_no_metadata(tmp_path, monkeypatch):
    p = tmp_path / "s.txt"
    p.write_text("The Minister spoke.", encoding="utf-8")
    (tmp_path / "s.meta.toml").write_text('title = "T"\n', encoding="utf-8")
    _fail_with(monkeypatch, "open", errno.EACCES)
    with pytest.raises(MetadataError, match=r"^metadata file .*s\.meta\.toml: permission denied"):
        read_metadata(p)


def test_fifo_and_device_are_refused_without_being_opened(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    load_module = importlib.import_module("diplotext.load")

    opened = []
    monkeypatch.setattr(load_module.os, "open", lambda *a, **k: opened.append(a) or 1 / 0)
    with pytest.raises(InputError, match=r"is a FIFO \(named pipe\), not a regular file"):
        read_text(fifo)
    with pytest.raises(InputError, match="is a character device"):
        read_text("/dev/null")
    with pytest.raises(MetadataError, match="is a FIFO"):
        read_metadata_file(fifo)
    os.mkfifo(tmp_path / "pipe.meta.toml")
    with pytest.raises(MetadataError, match="is a FIFO"):
        read_metadata(fifo)
    assert opened == []


def test_a_file_swapped_for_a_fifo_after_the_check_is_still_refused(tmp_path, monkeypatch):
    p = tmp_path / "s.txt"
    p.write_text("The Minister spoke.", encoding="utf-8")
    load_module = importlib.import_module("diplotext.load")

    real_open = load_module.os.open

    def swap_then_open(path, flags, *args):
        os.unlink(p)
        os.mkfifo(p)
        assert flags & os.O_NONBLOCK  # so opening the FIFO does not wait for a writer
        return real_open(path, flags, *args)

    monkeypatch.setattr(load_module.os, "open", swap_then_open)
    with pytest.raises(InputError, match="is a FIFO"):
        read_text(p)


def test_symlink_loops_are_named(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(InputError, match=r"a\.txt: symbolic link loop"):
        read_text(tmp_path / "a.txt")
    with pytest.raises(MetadataError, match="symbolic link loop"):
        read_metadata_file(tmp_path / "b.txt")
    (tmp_path / "c.meta.toml").symlink_to(tmp_path / "c.meta.toml")
    with pytest.raises(MetadataError, match="symbolic link loop"):
        read_metadata(tmp_path / "c.txt")


# --------------------------------------------------------------------------- metadata fields


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('title = "A title\\n- [x](javascript:alert(1))"', r"'title' contains U\+000A"),
        ('publisher = "Office\\rof the Spokesperson"', r"'publisher' contains U\+000D"),
        ('url = "https://example.org/\\u001b[31m"', r"'url' contains U\+001B"),
        ('date = "2022\\u2028-01"', r"'date' contains U\+2028"),
        ('note = "bell \\u0007"', r"'note' contains the control character U\+0007"),
    ],
)
def test_one_line_fields_with_newlines_or_control_characters_are_refused(tmp_path, toml, message):
    p = tmp_path / "x.meta.toml"
    p.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=message):
        read_metadata_file(p)
    # A note may have several lines and tabs.
    p.write_text('note = "line one\\nline two\\ttabbed"\n', encoding="utf-8")
    assert read_metadata_file(p).note == "line one\nline two\ttabbed"
