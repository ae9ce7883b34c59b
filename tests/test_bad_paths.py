"""Every OS error on a path given to a command is one line, exit 2, and nothing is written.

The commands run as subprocesses (``python -m diplotext``). Permission cases need a user
that permissions apply to: as root the command runs as ``nobody`` through ``setpriv``, in
a world-readable folder of its own (pytest's ``tmp_path`` is private to root). FIFOs must
never block: each run has a timeout, and a blocked read fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

TEXT = "The Under Secretary met the Foreign Minister in Vienna. They spoke about security.\n"
NOBODY = 65534
AS_ROOT = os.geteuid() == 0


def _unprivileged_python_works() -> bool:
    """As root: can ``nobody`` run this Python and import diplotext (a checkout or venv
    inside a private folder would stop it)?"""
    if not AS_ROOT:
        return True
    if shutil.which("setpriv") is None:
        return False
    probe = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe += [sys.executable, "-c", "import diplotext.cli"]
    r = subprocess.run(probe, capture_output=True, timeout=120, cwd=tempfile.gettempdir())
    return r.returncode == 0


needs_unprivileged = pytest.mark.skipif(
    not _unprivileged_python_works(),
    reason="as root, permissions are tested as 'nobody' via setpriv, which cannot run "
    "this Python here (no setpriv, or the checkout is in a private folder)",
)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder that the unprivileged user can enter and write to (0o777)."""
    d = Path(tempfile.mkdtemp(prefix="diplotext-bad-paths-"))
    d.chmod(0o777)
    yield d
    for p in [d, *d.rglob("*")]:  # give back the permissions the tests took away
        if not p.is_symlink():
            p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(d)


def run(*args: str, unprivileged: bool = False, cwd: Path | None = None):
    cmd = [sys.executable, "-m", "diplotext", *args]
    env = dict(os.environ)
    if unprivileged and AS_ROOT:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
        env["HOME"] = str(cwd or tempfile.gettempdir())
        env.pop("DIPLOTEXT_CACHE", None)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, cwd=cwd)


def assert_one_line(r, what: str, path: Path | str, why: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stdout == ""
    pattern = rf"diplotext: error: {what} {re.escape(str(path))}: {re.escape(why)}; [^\n]+\n"
    assert re.fullmatch(pattern, r.stderr), r.stderr


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --------------------------------------------------------------------------- bad paths

PERMISSION = "permission denied"
SEARCH = "permission denied (a folder on the path cannot be searched)"


def make_bad(d: Path, kind: str, name: str = "bad.txt") -> Path:
    """A path that cannot be read, in one of several ways."""
    p = d / name
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "device":
        p.symlink_to("/dev/zero")  # a name of our own, for the "beside the text" case
    elif kind == "loop":
        p.symlink_to(d / ("loop-" + name))
        (d / ("loop-" + name)).symlink_to(p)
    elif kind == "unreadable file":
        p.write_text('title = "x"\n' if name.endswith(".toml") else TEXT, encoding="utf-8")
        p.chmod(0)
    elif kind == "unreadable folder":
        sub = d / "locked"
        sub.mkdir(exist_ok=True)
        p = sub / name
        p.write_text('title = "x"\n' if name.endswith(".toml") else TEXT, encoding="utf-8")
        sub.chmod(0)
    return p


WHY = {
    "fifo": "is a FIFO (named pipe), not a regular file",
    "device": "is a character device, not a regular file",
    "loop": "symbolic link loop",
    "unreadable file": PERMISSION,
    "unreadable folder": SEARCH,
}
KINDS = [
    "fifo",
    "device",
    "loop",
    pytest.param("unreadable file", marks=needs_unprivileged),
    pytest.param("unreadable folder", marks=needs_unprivileged),
]


def good_text(d: Path) -> Path:
    p = d / "good.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def command(name: str, d: Path, target: Path) -> list[str]:
    out = str(d / "pack")
    good = str(good_text(d))
    return {
        "analyze": ["analyze", str(target)],
        "compare": ["compare", good, str(target)],
        "lesson": ["lesson", str(target), "--out", out, "--no-handouts"],
    }[name]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("cmd", ["analyze", "compare", "lesson"])
def test_a_bad_text_path_is_one_line_naming_the_problem(open_dir, cmd, kind):
    target = make_bad(open_dir, kind)
    args = command(cmd, open_dir, target)
    before = tree(open_dir)
    r = run(*args, unprivileged=kind.startswith("unreadable"), cwd=open_dir)
    assert_one_line(r, "text", target, WHY[kind])
    assert tree(open_dir) == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("cmd", ["analyze", "lesson"])
def test_a_bad_metadata_option_is_one_line_naming_the_problem(open_dir, cmd, kind):
    target = make_bad(open_dir, kind, "bad.meta.toml")
    good = good_text(open_dir)
    args = {
        "analyze": ["analyze", str(good), "--metadata", str(target)],
        "lesson": ["lesson", str(good), "--metadata", str(target), "--out", str(open_dir / "o")],
    }[cmd]
    before = tree(open_dir)
    r = run(*args, unprivileged=kind.startswith("unreadable"), cwd=open_dir)
    assert_one_line(r, "metadata file", target, WHY[kind])
    assert tree(open_dir) == before


@pytest.mark.parametrize(
    "kind", ["fifo", "device", "loop", pytest.param("unreadable file", marks=needs_unprivileged)]
)
@pytest.mark.parametrize("cmd", ["analyze", "compare", "lesson"])
def test_a_bad_metadata_file_beside_the_text_is_an_error_not_no_metadata(open_dir, cmd, kind):
    target = make_bad(open_dir, kind, "good.meta.toml")
    args = command(cmd, open_dir, open_dir / "good.txt")
    before = tree(open_dir)
    r = run(*args, unprivileged=kind.startswith("unreadable"), cwd=open_dir)
    assert_one_line(r, "metadata file", target, WHY[kind])
    assert tree(open_dir) == before


# --------------------------------------------------------------------------- lesson output


def test_a_symlinked_out_is_refused_and_nothing_is_written_through_it(open_dir):
    good = good_text(open_dir)
    real = open_dir / "real"
    real.mkdir()
    link = open_dir / "pack"
    link.symlink_to(real)
    r = run("lesson", str(good), "--out", str(link), "--no-handouts", cwd=open_dir)
    assert_one_line(r, "output folder", link, f"is a symbolic link (to {real})")
    assert list(real.iterdir()) == []


@needs_unprivileged
@pytest.mark.parametrize("kind", ["parent not writable", "parent not searchable", "unreadable"])
def test_an_output_folder_that_cannot_be_used_is_one_line(open_dir, kind):
    good = good_text(open_dir)
    box = open_dir / "box"
    box.mkdir()
    out = box / "pack"
    why = {
        "parent not writable": f"cannot write in {box} (permission denied)",
        "parent not searchable": SEARCH,
        "unreadable": PERMISSION,
    }[kind]
    if kind == "unreadable":
        out.mkdir()
        (out / "notes.md").write_text("mine", encoding="utf-8")
        out.chmod(0o333)  # may enter and write, may not list
    else:
        box.chmod(0o555 if kind == "parent not writable" else 0o666)
    args = ("lesson", str(good), "--out", str(out), "--no-handouts")
    r = run(*args, unprivileged=True, cwd=open_dir)
    assert_one_line(r, "output folder", out, why)
    box.chmod(0o777)
    assert [p.name for p in box.iterdir()] == (["pack"] if kind == "unreadable" else [])


def tiny_course(d: Path) -> Path:
    """A notebooks folder with one document lesson (never run: the checks come first)."""
    import nbformat

    course = d / "course"
    course.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("TEXT_PATH = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params]
    nbformat.write(nb, str(course / "07-tiny.ipynb"))
    return course


@pytest.mark.parametrize(
    "kind",
    [
        "fifo lesson",
        pytest.param("unreadable lesson", marks=needs_unprivileged),
        pytest.param("unreadable folder", marks=needs_unprivileged),
    ],
)
def test_a_notebooks_folder_that_cannot_be_read_is_one_line_and_never_blocks(open_dir, kind):
    good = good_text(open_dir)
    course = tiny_course(open_dir)
    if kind == "fifo lesson":
        target, what, why = course / "05-pipe.ipynb", "notebook", WHY["fifo"]
        os.mkfifo(target)
    elif kind == "unreadable lesson":
        target, what, why = course / "07-tiny.ipynb", "notebook", PERMISSION
        target.chmod(0)
    else:
        target, what, why = course, "notebooks folder", PERMISSION
        course.chmod(0o311)
    args = ("lesson", str(good), "--notebooks", str(course), "--out", str(open_dir / "pack"))
    r = run(*args, "--no-handouts", unprivileged=kind != "fifo lesson", cwd=open_dir)
    assert_one_line(r, what, target, why)
    assert not (open_dir / "pack").exists()


def test_paths_with_control_characters_are_printed_on_one_line(open_dir):
    odd = open_dir / "two\nlines.txt"
    r = run("analyze", str(odd), cwd=open_dir)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "two\\nlines.txt: no such file" in r.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_notebook_for_handouts_is_one_line_and_never_blocks(open_dir, kind):
    """``diplotext handouts`` on a FIFO, a device, a link loop or an unreadable notebook."""
    target = make_bad(open_dir, kind, "bad.ipynb")
    out = open_dir / "h"
    r = run("handouts", str(target), "--out", str(out), unprivileged=True, cwd=open_dir)
    assert_one_line(r, "notebook", target, WHY[kind])
    assert not out.exists() or tree(out) == []
