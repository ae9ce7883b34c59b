"""`diplotext lesson` interrupted: Ctrl-C and SIGTERM clean up, SIGKILL is tidied next time.

Each test runs the command on a one-lesson course whose lesson waits (in its kernel) while
a flag file exists, after writing where it runs (the build folder) and its process id.
The test waits for that file with a bounded poll, then signals the command.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from .test_generate import READOUT

MARKER = "diplotext-pack.json"

STALL = """\
import json, os, pathlib, time
_flag = os.environ.get("DIPLOTEXT_TEST_STALL", "")
if _flag and os.path.exists(_flag):
    pathlib.Path(_flag + ".running").write_text(
        json.dumps({"cwd": os.getcwd(), "pid": os.getpid()})
    )
    while os.path.exists(_flag):
        time.sleep(0.1)
print("lesson ran")
"""


def course(folder: Path) -> Path:
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    params = nbformat.v4.new_code_cell("TEXT_PATH = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# 07 · Waits"), params]
    nb.cells.append(nbformat.v4.new_code_cell(STALL))
    nbformat.write(nb, str(folder / "07-waits.ipynb"))
    return folder


def wait_for(condition, what: str, timeout: float = 120.0):
    """Poll ``condition`` until it is true (returns its value) or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"gave up waiting for {what} after {timeout:.0f} s")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def setup(tmp_path):
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "packs" / "pack"
    flag = tmp_path / "stall"
    argv = [
        sys.executable, "-m", "diplotext", "lesson", str(text), "--out", str(out),
        "--notebooks", str(course(tmp_path / "course")), "--no-handouts", "--force",
    ]  # fmt: skip
    env = {**os.environ, "DIPLOTEXT_TEST_STALL": str(flag)}
    kernels: list[int] = []

    def start() -> tuple[subprocess.Popen, dict]:
        """Start a run that stops inside its lesson; returns it and what the lesson saw."""
        flag.write_text("wait", encoding="utf-8")
        running = Path(str(flag) + ".running")
        running.unlink(missing_ok=True)
        proc = subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        seen = wait_for(lambda: running.is_file() and running.read_text("utf-8"), "the lesson")
        info = json.loads(seen)
        kernels.append(info["pid"])
        return proc, info

    def finish() -> subprocess.CompletedProcess:
        flag.unlink(missing_ok=True)
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)

    yield out, start, finish
    flag.unlink(missing_ok=True)  # lets a kernel left by a killed run finish its cell
    for pid in kernels:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    ("signum", "code", "line"),
    [
        (signal.SIGINT, 130, "diplotext: interrupted"),
        (signal.SIGTERM, 143, "diplotext: terminated"),
    ],
)
def test_an_interrupted_build_is_removed_and_the_old_pack_kept(setup, signum, code, line):
    out, start, finish = setup
    first = finish()
    assert first.returncode == 0, first.stderr
    old = (out / MARKER).read_bytes()
    (out / "teacher-notes.md").write_text("kept until a new pack is complete", "utf-8")

    proc, info = start()
    build = Path(info["cwd"])
    assert build.parent == out.parent and build.name.startswith(".pack.building-")
    assert stat.S_IMODE(build.stat().st_mode) == 0o700  # private while it is being built
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == code, stderr
    assert stderr.splitlines()[-1] == line
    wait_for(lambda: not alive(info["pid"]), "the lesson's kernel to stop", 60)
    assert leftovers(out) == []
    assert (out / MARKER).read_bytes() == old
    assert (out / "teacher-notes.md").is_file()


def test_a_killed_build_is_tidied_by_the_next_run(setup):
    out, start, finish = setup
    proc, info = start()
    proc.kill()
    proc.communicate(timeout=60)
    assert leftovers(out) == [Path(info["cwd"]).name]  # SIGKILL cannot clean up
    assert not out.exists()

    again = finish()
    assert again.returncode == 0, again.stderr
    assert leftovers(out) == []
    assert (out / MARKER).is_file()


def test_a_running_build_is_not_tidied_by_another_run(setup):
    from diplotext.buildfolder import clean_leftovers

    out, start, _ = setup
    proc, info = start()
    try:  # another run for the same --out would call this before building
        assert clean_leftovers(out.parent, out.name) == []
        assert Path(info["cwd"]).is_dir()
    finally:
        proc.kill()
        proc.communicate(timeout=60)
    assert [p.name for p in clean_leftovers(out.parent, out.name)] == [Path(info["cwd"]).name]


def test_a_pack_caught_between_two_renames_is_put_back(tmp_path):
    from diplotext.buildfolder import clean_leftovers

    parent = tmp_path / "packs"
    parent.mkdir()
    build = parent / ".pack.building-abc123"
    (build / "source").mkdir(parents=True)  # the new pack, complete but never renamed
    old = parent / ".pack.building-abc123.old"
    old.mkdir()
    (old / MARKER).write_text("{}", "utf-8")  # the old pack, renamed away
    (parent / ".other.building-x").mkdir()  # another --out's build: not ours to touch
    removed = clean_leftovers(parent, "pack")
    assert sorted(p.name for p in removed) == [build.name, old.name]
    assert sorted(p.name for p in parent.iterdir()) == [".other.building-x", "pack"]
    assert (parent / "pack" / MARKER).read_text("utf-8") == "{}"
