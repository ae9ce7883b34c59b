"""atomic.py: a file is written whole or not at all, with ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from diplotext import atomic


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_file_gets_what_the_umask_gives_not_private_0600(tmp_path, umask_022):
    p = tmp_path / "a.ipynb"
    atomic.write_atomic(p, "{}\n")
    assert p.read_text(encoding="utf-8") == "{}\n"
    assert mode(p) == 0o644  # mkstemp alone would give 0600


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask_022):
    p = tmp_path / "a.json"
    p.write_text("old", encoding="utf-8")
    p.chmod(0o600)
    atomic.write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and mode(p) == 0o600


def test_newline_is_kept_as_given_and_text_is_utf8(tmp_path):
    p = tmp_path / "t.txt"
    atomic.write_atomic(p, "é\nx\n", newline="\n")
    assert p.read_bytes() == "é\nx\n".encode()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    p = tmp_path / "keep.txt"
    p.write_text("good", encoding="utf-8")

    def boom(*a, **k):
        raise KeyboardInterrupt  # Ctrl-C between the write and the rename

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(p, "half")
    assert p.read_text(encoding="utf-8") == "good"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["keep.txt"]


def test_editions_write_student_notebooks_others_can_read(tmp_path, umask_022):
    from diplotext.editions import _write_atomic

    p = tmp_path / "00.ipynb"
    _write_atomic(p, "{}")
    assert mode(p) & stat.S_IROTH
