"""``diplotext handouts``: progress on a terminal only, one summary line, --quiet, --jobs.

The handouts are built from the small fixture; the terminal is a stream that says it is a
TTY (no real terminal is needed), and the bar's delay is set to zero so it always shows.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from diplotext import progress
from diplotext.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "handout-sample.ipynb"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def notebook(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    path = tmp_path / "01-sample.ipynb"
    shutil.copy2(FIXTURE, path)
    return path


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          check=True, capture_output=True, text=True)  # fmt: skip
    return done.stdout


@pytest.mark.handouts
def test_terminal_gets_a_bar_then_one_summary_line(notebook, tmp_path, monkeypatch, capsys):
    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    monkeypatch.setattr(progress, "DELAY", 0)
    out = tmp_path / "out"
    assert main(["handouts", str(notebook), "--out", str(out)]) == 0
    written = term.getvalue()
    assert "\r" in written and "handouts" in written  # tqdm drew (and cleared) its bar
    last = written.replace("\r", "\n").strip().splitlines()[-1]
    assert last.startswith("2 handout(s) from 1 notebook(s) in ")
    assert f"{out / '01-sample-student.pdf'}, {out / '01-sample-teacher.pdf'}" in last
    assert capsys.readouterr().out == ""


@pytest.mark.handouts
def test_log_gets_only_the_summary_and_quiet_gets_nothing(notebook, tmp_path, capsys):
    assert main(["handouts", str(notebook), "--out", str(tmp_path / "a")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "\r" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "-> " in lines[0] and "01-sample-teacher.pdf" in lines[0]
    assert main(["handouts", str(notebook), "--out", str(tmp_path / "b"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "01-sample-student.pdf",
        "01-sample-teacher.pdf",
    ]


@pytest.mark.handouts
def test_parallel_and_sequential_builds_print_the_same(notebook, tmp_path):
    other = notebook.with_name("02-sample.ipynb")
    shutil.copy2(notebook, other)
    for jobs in ("1", "2"):
        argv = ["handouts", str(notebook), str(other), "--jobs", jobs, "-q"]
        assert main([*argv, "--out", str(tmp_path / jobs)]) == 0
    names = sorted(p.name for p in (tmp_path / "1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "2").iterdir()) and len(names) == 4
    for name in names:
        assert pdf_text(tmp_path / "1" / name) == pdf_text(tmp_path / "2" / name)


def test_jobs_must_be_positive(notebook, tmp_path, capsys):
    assert main(["handouts", str(notebook), "--jobs", "0", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "diplotext: error: --jobs must be 1 or more, not 0"
