"""Loading: the seed's fixity, its metadata, and one clear error for each kind of bad input."""

from __future__ import annotations

import hashlib
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
