"""extras.py: the base install is the parser and CLI; a missing extra is one clear line."""

from __future__ import annotations

import re
import sys

import pytest

from diplotext import extras
from diplotext.cli import build_parser, main
from diplotext.extras import COMMANDS, EXTRAS, MissingExtraError, require

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def names(requirements: list[str]) -> set[str]:
    return {re.match(r"[A-Za-z0-9._-]+", r).group(0).lower() for r in requirements}


def test_every_checked_module_comes_from_its_extra_in_pyproject():
    optional = PROJECT["optional-dependencies"]
    for extra, modules in EXTRAS.items():
        assert extra in optional, f"pyproject.toml has no [{extra}] extra"
        assert set(modules) <= names(optional[extra]), (extra, modules)
    for command, needed in COMMANDS.items():
        assert set(needed) <= set(EXTRAS), command


def test_dev_extra_brings_the_tests_lessons_handouts_and_book():
    dev = " ".join(PROJECT["optional-dependencies"]["dev"])
    for extra in ("test", "lessons", "handouts", "book"):
        assert re.search(rf"diplotext\[[^\]]*\b{extra}\b", dev), extra


@pytest.fixture
def without(monkeypatch):
    """without("weasyprint"): make a module look uninstalled to the extras check."""

    def hide(*modules: str) -> None:
        real = extras._find
        monkeypatch.setattr(extras, "_find", lambda m: None if m in modules else real(m))

    return hide


def test_require_passes_when_installed_and_names_the_extra_when_not(without):
    require("handouts", command="handouts")  # the dev environment has everything
    without("weasyprint")
    with pytest.raises(MissingExtraError) as err:
        require("handouts", command="handouts")
    assert str(err.value) == (
        "'diplotext handouts' needs the handouts extra: pip install 'diplotext[handouts]' "
        "(not installed: weasyprint)"
    )
    require("handouts", modules=("nbconvert",))  # narrowed to what is there: passes
    with pytest.raises(KeyError):
        require("no-such-extra")


def test_a_command_whose_extra_is_missing_exits_2_with_one_line(without, capsys, tmp_path):
    without("papermill", "weasyprint")
    status = main(
        ["lesson", str(ROOT / "seeds" / "examples" / "README.md"), "--out", str(tmp_path / "p")]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert err == (
        "diplotext: error: 'diplotext lesson' needs the lessons and handouts extras: "
        "pip install 'diplotext[lessons,handouts]' (not installed: papermill, weasyprint)\n"
    )
    assert not (tmp_path / "p").exists()  # checked before anything was done
    status = main(["handouts", "--out", str(tmp_path / "h")])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith(
        "diplotext: error: 'diplotext handouts' needs the handouts extra: "
        "pip install 'diplotext[handouts]'"
    )
    assert not (tmp_path / "h").exists()


def test_the_parser_commands_need_no_extra(without, capsys):
    without(*{m for modules in EXTRAS.values() for m in modules})
    assert main(["rules"]) == 0
    assert "quotes." in capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_of_each_command_names_its_extra(command, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    hint = f"pip install 'diplotext[{','.join(COMMANDS[command])}]'"
    assert hint in out
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    listing = " ".join(capsys.readouterr().out.split())
    assert f"(needs {extras.needs(COMMANDS[command])})" in listing


@pytest.mark.parametrize("command", ["analyze", "explain", "rules", "compare"])
def test_help_of_parser_commands_mentions_no_extra(command, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    assert "extra" not in capsys.readouterr().out
