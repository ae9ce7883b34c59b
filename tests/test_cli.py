"""The command line: analyze (summary and JSON), explain, rules."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys

from .conftest import SEED


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "diplotext.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_analyze_seed_summary_names_the_findings():
    r = run_cli("analyze", str(SEED))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("A Diplomatic Path Is Open To Russia")
    assert "6 paragraphs, 11 sentences" in out
    assert "Direct quotations (5)" in out
    assert out.count("Antony Blinken (said)") == 2
    assert "[RUS]" in out and "metonym 3" in out
    for name in ("Strategic Stability Dialogue", "NATO-Russia Council", "Permanent Council"):
        assert name in out


def test_analyze_json_is_the_full_parse():
    r = run_cli("analyze", str(SEED), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["quotes"]) == 5
    assert {f["id"] for f in data["formats"]} >= {"SSD", "NRC", "OSCE-PC"}
    assert data["text"] == SEED.read_text(encoding="utf-8")


def test_analyze_keep_lines_keeps_one_paragraph_per_line(tmp_path):
    line = "The minister said the talks would go on and that no one should expect a quick end"
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n\n".join([f"{line[:60]}\n{line[61:]}."] * 6), encoding="utf-8")
    unwrapped = json.loads(run_cli("analyze", str(wrapped), "--json").stdout)
    kept = json.loads(run_cli("analyze", str(wrapped), "--json", "--keep-lines").stdout)
    assert len(unwrapped["paragraphs"]) == 6
    assert len(kept["paragraphs"]) == 12


def test_explain_shows_docstring_and_source_and_rejects_unknown():
    rules = run_cli("rules")
    assert rules.returncode == 0
    first_rule = rules.stdout.split()[1]
    r = run_cli("explain", first_rule)
    assert r.returncode == 0 and "def " in r.stdout and first_rule in r.stdout
    bad = run_cli("explain", "no.such_rule")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "no rule named" in bad.stderr


def test_metadata_option_and_missing_metadata_file(tmp_path):
    text = tmp_path / "s.txt"
    text.write_text("The Secretary met the Minister in Vienna.", encoding="utf-8")
    meta = tmp_path / "other.toml"
    meta.write_text(
        'title = "A readout"\npublisher = "Office of the Spokesperson"\n', encoding="utf-8"
    )
    r = run_cli("analyze", str(text), "--metadata", str(meta))
    assert r.returncode == 0 and r.stdout.startswith("A readout")
    r = run_cli("analyze", str(text))
    assert "title not given" in r.stdout and "Publisher: not given" in r.stdout
    r = run_cli("analyze", str(text), "--metadata", str(tmp_path / "nope.toml"))
    assert r.returncode == 2 and "no such metadata file" in r.stderr


def test_python_dash_m_diplotext_and_version():
    import diplotext

    cmd = [sys.executable, "-m", "diplotext"]
    r = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"diplotext {diplotext.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+", diplotext.__version__)
    r = subprocess.run([*cmd, "rules"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout == run_cli("rules").stdout


def test_an_os_error_no_step_caught_is_one_line_exit_2(monkeypatch, capsys):
    from diplotext import cli, pipeline

    def unreadable(rule_id, source=True):
        raise PermissionError(13, "Permission denied", "/srv/rules/secret.py")

    monkeypatch.setattr(pipeline, "explain", unreadable)
    assert cli.main(["explain", "segment.paragraphs"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "diplotext: error: path /srv/rules/secret.py: permission denied; "
        "check that you may read it (ls -l; chmod u+r)\n"
    )


def test_a_lone_surrogate_in_the_text_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    from diplotext import cli

    text = tmp_path / "s.txt"
    text.write_text("x", encoding="utf-8")

    # A text decoded with errors="surrogateescape" somewhere upstream.
    def read_text(path):
        return "The Minister\udce9 spoke."

    for module in ("diplotext.load", "diplotext.parsecache"):
        monkeypatch.setattr(importlib.import_module(module), "read_text", read_text)
    assert cli.main(["analyze", str(text)]) == 2
    cap = capsys.readouterr()
    assert cap.out == ""
    assert cap.err.startswith(
        "diplotext: error: text: lone surrogate U+DCE9 at character offset 12,"
    )
    assert cap.err.count("\n") == 1


def test_metadata_option_replaces_the_file_beside_the_text(tmp_path):
    text = tmp_path / "s.txt"
    text.write_text("The Secretary met the Minister in Vienna.", encoding="utf-8")
    (tmp_path / "s.meta.toml").write_text("title = [broken", encoding="utf-8")
    meta = tmp_path / "other.toml"
    meta.write_text('title = "A readout"\n', encoding="utf-8")
    r = run_cli("analyze", str(text), "--metadata", str(meta))
    assert r.returncode == 0, r.stderr  # the broken file beside the text is not read
    assert r.stdout.startswith("A readout")
