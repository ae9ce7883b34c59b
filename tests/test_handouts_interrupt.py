"""Interrupted handout builds: no leftovers, and a good older handout is never replaced.

Each test starts ``diplotext handouts`` in a subprocess whose ``os.fsync`` blocks, so the
build stops with a half-written ``.part`` file in its private temporary folder; the test
waits for that file (a condition, not a fixed sleep), then sends a signal.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
#: The CLI, with a write that never finishes (fsync blocks): the build is caught mid-write.
STUCK_CLI = (
    "import os, sys, time\n"
    "def stuck(fd):\n"
    "    for _ in range(1200):\n"
    "        time.sleep(0.1)\n"
    "os.fsync = stuck\n"
    "from diplotext.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
CLI = "import sys; from diplotext.cli import main; sys.exit(main(sys.argv[1:]))"
GOOD = b"%PDF-1.7 an earlier, good handout\n"
WAIT_S = 120  # an upper bound for slow machines; the condition usually holds in seconds


@pytest.fixture
def lesson(tmp_path) -> Path:
    nb = new_notebook(cells=[new_markdown_cell("# Tiny\n\nOne paragraph.")])
    path = tmp_path / "01-tiny.ipynb"
    nbformat.write(nb, path)
    return path


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def start_stuck(lesson: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", STUCK_CLI, "handouts", str(lesson), "--edition", "student",
         "--out", str(out), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip


def wait_for_half_written(proc: subprocess.Popen, out: Path, name: str = "01-tiny") -> Path:
    """The private folder holding ``NAME-student.pdf.part``; fails if the build ends or
    writes its temporary file straight into the output folder."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        for entry in out.iterdir() if out.is_dir() else ():
            if entry.name.endswith(".part"):
                proc.kill()
                pytest.fail(f"temporary file written straight into the output folder: {entry}")
            if entry.is_dir() and (entry / f"{name}-student.pdf.part").is_file():
                return entry
        if proc.poll() is not None:
            pytest.fail(f"the build ended (exit {proc.returncode}): {proc.stderr.read()}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"no half-written handout in a private folder after {WAIT_S} s")


@pytest.mark.handouts
@pytest.mark.parametrize(
    ("sig", "code", "message"),
    [
        (signal.SIGINT, 130, "diplotext: interrupted"),
        (signal.SIGTERM, 128 + signal.SIGTERM, "diplotext: terminated"),
    ],
    ids=["SIGINT", "SIGTERM"],
)
def test_signal_removes_temporary_files_and_keeps_the_good_handout(
    lesson, tmp_path, sig, code, message
):
    out = tmp_path / "out"
    out.mkdir()
    (out / "01-tiny-student.pdf").write_bytes(GOOD)
    proc = start_stuck(lesson, out)
    private = wait_for_half_written(proc, out)
    assert stat.S_IMODE(private.stat().st_mode) == 0o700  # private: only the owner
    assert private.name.startswith(".diplotext-handouts-")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=WAIT_S)
    assert proc.returncode == code, err
    assert err.strip().splitlines() == [err.strip().splitlines()[0]]
    assert err.startswith(message) and "Traceback" not in err
    assert leftovers(out) == []
    assert (out / "01-tiny-student.pdf").read_bytes() == GOOD


@pytest.mark.handouts
def test_after_sigkill_the_next_build_cleans_up_but_spares_a_live_build(lesson, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "01-tiny-student.pdf").write_bytes(GOOD)
    (out / ".notes.txt").write_text("mine", encoding="utf-8")
    other = tmp_path / "02-other.ipynb"
    other.write_bytes(lesson.read_bytes())
    killed, live = start_stuck(lesson, out), start_stuck(other, out)
    try:
        folders = {wait_for_half_written(killed, out), wait_for_half_written(live, out, "02-other")}
        killed.kill()  # SIGKILL: nothing can clean up
        killed.communicate(timeout=WAIT_S)
        assert all(f.is_dir() for f in folders)  # left behind, as expected after SIGKILL
        assert (out / "01-tiny-student.pdf").read_bytes() == GOOD
        # what a killed build of an older version left: a temporary file beside the output
        (out / ".01-tiny-student.pdf.k2j4x_9a.part").write_bytes(b"%PDF-half")

        done = subprocess.run(
            [sys.executable, "-c", CLI, "handouts", str(lesson), "--edition", "student",
             "--out", str(out), "-q"],
            capture_output=True, text=True, timeout=300, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        still = [f for f in folders if f.exists()]
        assert len(still) == 1 and any(still[0].glob("02-other-student.pdf.part"))  # live one
        assert leftovers(out) == sorted([".notes.txt", still[0].name])  # others' files stay
        assert (out / "01-tiny-student.pdf").read_bytes().startswith(b"%PDF-1.")
        assert (out / "01-tiny-student.pdf").read_bytes() != GOOD
    finally:
        for proc in (killed, live):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=WAIT_S)
    assert leftovers(out) == [".notes.txt"]


def test_stale_folder_without_lock_waits_for_the_grace_period(tmp_path):
    from diplotext.handouts import staging

    young = tmp_path / f"{staging.PREFIX}young{staging.SUFFIX}"
    old = tmp_path / f"{staging.PREFIX}old{staging.SUFFIX}"
    for d in (young, old):
        d.mkdir()
        (d / "x.pdf.part").write_bytes(b"half")
    past = time.time() - staging.UNLOCKED_GRACE_S - 5
    os.utime(old, (past, past))
    assert staging.remove_stale(tmp_path) == [old]
    assert young.is_dir() and not old.exists()


def test_handout_files_follow_the_umask_and_keep_a_replaced_files_mode(tmp_path: Path) -> None:
    """Handout PDFs are written like every other output (diplotext.atomic): a new file gets
    0666 & ~umask, a file written over keeps its mode (it used to be 0644 whatever the umask)."""
    from diplotext.handouts.staging import write_into

    stage = tmp_path / "stage"
    stage.mkdir()
    new, old = tmp_path / "new.pdf", tmp_path / "old.pdf"
    old.write_bytes(b"old")
    old.chmod(0o600)
    previous = os.umask(0o027)
    try:
        write_into(stage, new, b"%PDF-new")
        write_into(stage, old, b"%PDF-old")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    assert old.read_bytes() == b"%PDF-old"
    assert list(stage.iterdir()) == []  # no .part left behind
