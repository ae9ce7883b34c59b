"""progress.py: a bar on a terminal only, nothing with --quiet, one summary line at the end."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from diplotext import progress
from diplotext.cli import main
from diplotext.progress import Progress, bar_wanted, in_ci, summary_line

from .conftest import ROOT, SEED

EXAMPLES = sorted((ROOT / "seeds" / "examples").glob("*.txt"))
SUMMARY = re.compile(r"diplotext compare: (\d+) statement\(s\), [\d,]+ words in \d+\.\d s -> (.+)")


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch):
    """These tests decide for themselves whether they run "in CI"."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "MININTERVAL", 0.0)


def run_steps(stream, quiet=False, names=("a.txt", "b.txt", "c.txt")) -> str:
    with Progress(len(names), "reading", quiet=quiet, stream=stream) as bar:
        for name in names:
            bar.doing(name)
            bar.advance()
    return bar.summary("read 3 files", ["out/x.json"])


def test_on_a_terminal_the_bar_shows_progress_and_what_is_being_done():
    term = Terminal()
    line = run_steps(term)
    out = term.getvalue()
    assert "\r" in out and "reading" in out
    assert "3/3" in out and "c.txt" in out  # the count and the file being read
    # The bar is cleared (leave=False); the last line is the summary.
    assert out.rstrip("\n").rsplit("\r", 1)[-1].strip() == line
    assert re.fullmatch(r"read 3 files in \d+\.\d s -> out/x\.json", line)


def test_not_on_a_terminal_only_the_summary_line_is_written():
    log = io.StringIO()
    line = run_steps(log)
    assert log.getvalue() == line + "\n"
    assert "\r" not in log.getvalue() and "%" not in log.getvalue()


def test_quiet_writes_nothing_even_on_a_terminal():
    term = Terminal()
    line = run_steps(term, quiet=True)
    assert term.getvalue() == ""
    assert line.startswith("read 3 files in ")  # still returned to the caller


@pytest.mark.parametrize(
    "value, expected", [("true", True), ("1", True), ("false", False), ("", False)]
)
def test_ci_variable_turns_the_bar_off(monkeypatch, value, expected):
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected
    assert bar_wanted(Terminal()) is (not expected)
    term = Terminal()
    run_steps(term)
    assert ("\r" in term.getvalue()) is (not expected)


def test_dumb_terminal_gets_no_bar(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    assert not bar_wanted(Terminal())


def test_summary_lists_few_outputs_and_counts_many():
    assert summary_line("built", 1.234) == "built in 1.2 s"
    assert summary_line("built", 2, ["a.pdf", "b.pdf"]) == "built in 2.0 s -> a.pdf, b.pdf"
    many = [f"build/handouts/{i:02}-student.pdf" for i in range(12)]
    assert (
        summary_line("12 handouts", 19.25, many)
        == "12 handouts in 19.2 s -> 12 files in build/handouts/"
    )


# --- diplotext compare --------------------------------------------------------------------


def test_compare_on_a_terminal_draws_a_bar_then_one_summary(monkeypatch, capsys):
    term = Terminal()
    paths = [str(SEED), *map(str, EXAMPLES)]
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["compare", *paths]) == 0
    err = term.getvalue()
    assert f"{len(paths)}/{len(paths)}" in err and EXAMPLES[-1].name in err
    last = err.rstrip("\n").rsplit("\r", 1)[-1].strip()
    match = SUMMARY.fullmatch(last)
    assert match and match.groups() == (str(len(paths)), "standard output"), last
    assert "per 100 words" in capsys.readouterr().out  # the table itself is on stdout


def run_compare(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "diplotext.cli", "compare", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compare_in_a_log_prints_the_summary_only_and_quiet_prints_nothing(tmp_path):
    paths = [str(SEED), *map(str, EXAMPLES)]
    r = run_compare(*paths)
    assert r.returncode == 0, r.stderr
    assert "\r" not in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and SUMMARY.fullmatch(lines[0]), r.stderr
    q = run_compare("--quiet", *paths)
    assert q.returncode == 0 and q.stderr == "" and q.stdout == r.stdout


def test_compare_out_writes_the_file_and_names_it(tmp_path):
    out = tmp_path / "comparison.json"
    r = run_compare("--json", "--out", str(out), str(SEED), str(EXAMPLES[0]))
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert SUMMARY.fullmatch(r.stderr.strip()).group(2) == str(out)
    assert run_compare("--json", str(SEED), str(EXAMPLES[0])).stdout == out.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["comparison.json"]  # no temporary left


def test_compare_out_in_a_missing_folder_is_one_line_and_writes_nothing(tmp_path):
    r = run_compare("--out", str(tmp_path / "no" / "x.txt"), str(SEED))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("diplotext: error: ") and len(r.stderr.splitlines()) == 1
    assert "no such folder" in r.stderr and not (tmp_path / "no").exists()
    r = run_compare("--out", str(tmp_path), str(SEED))
    assert r.returncode == 2 and "is a folder" in r.stderr


def test_lesson_on_a_terminal_shows_each_lesson_then_one_summary(monkeypatch, capsys, tmp_path):
    from .test_generate import READOUT, tiny_course

    course = tiny_course(tmp_path / "course")
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    args = ["lesson", str(text), "--notebooks", str(course), "--no-handouts"]
    assert main([*args, "--out", str(tmp_path / "pack")]) == 0
    out = term.getvalue()
    assert "running 07-tiny.ipynb" in out and "1/1" in out and "\r" in out
    last = out.rstrip("\n").rsplit("\r", 1)[-1].strip()
    assert re.fullmatch(r"lesson pack: 1 lesson\(s\), 0 handout\(s\); .* -> .*pack", last)
    assert "07-tiny.ipynb" in capsys.readouterr().out  # the files written, on stdout
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main([*args, "--out", str(tmp_path / "pack2"), "--quiet"]) == 0
    assert quiet.getvalue() == ""


# --- make book (scripts/build_book.py) ------------------------------------------------------


@pytest.fixture
def book_script(monkeypatch):
    """scripts/build_book.py with its two slow steps replaced: staging and Sphinx."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts" / "build_book.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    calls = []

    def fake_stage(handouts, bar):
        bar.doing("student handouts")
        bar.advance()
        bar.advance()

    def fake_run(cmd, cwd=None):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, mod.STATUS)

    mod.STATUS = 0
    monkeypatch.setattr(mod, "stage", fake_stage)
    monkeypatch.setattr(mod.subprocess, "run", fake_run)
    return mod, calls


def test_book_on_a_terminal_shows_its_steps_then_the_index_page(book_script, monkeypatch, tmp_path):
    mod, calls = book_script
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert mod.main(["--out", str(tmp_path / "html")]) == 0
    err = term.getvalue()
    assert "\r" in err and "3/3" in err and "Sphinx" in err
    last = err.rstrip("\n").rsplit("\r", 1)[-1].strip()
    assert re.fullmatch(
        rf"built the web book \(student edition\) in \d+\.\d s -> {tmp_path}/html/index\.html", last
    )
    assert calls[0][-1] == "-q"  # Sphinx says only warnings and errors under the bar


def test_book_in_a_log_prints_one_line_quiet_nothing_verbose_the_sphinx_log(
    book_script, monkeypatch, tmp_path
):
    mod, calls = book_script
    for args, lines in (([], 1), (["--quiet"], 0), (["--verbose"], 1)):
        log = io.StringIO()
        monkeypatch.setattr(sys, "stderr", log)
        assert mod.main(["--out", str(tmp_path), *args]) == 0
        assert "\r" not in log.getvalue() and len(log.getvalue().splitlines()) == lines, args
    assert [c[-1] == "-q" for c in calls] == [True, True, False]


def test_book_says_when_sphinx_failed(book_script, monkeypatch, tmp_path):
    mod, _ = book_script
    mod.STATUS = 2
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    assert mod.main(["--out", str(tmp_path)]) == 2
    assert log.getvalue() == "build_book: error: Sphinx failed (its messages are above)\n"
