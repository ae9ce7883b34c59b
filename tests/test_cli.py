"""The command line: analyze (summary and JSON), explain, rules."""

from __future__ import annotations

import json
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
