"""The README's promises: the two set-up commands, and the library example's printed output."""

from __future__ import annotations

import contextlib
import io
import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_two_setup_commands_exist_in_readme_and_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make lab" in README and "make test" in README
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_library_example_prints_what_the_readme_says():
    block = README.split("## The library in a short example", 1)[1].split("```python", 1)[1]
    code = block.split("```", 1)[0]
    expected = [line.lstrip("# ") for line in code.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README example", "exec"), {})
    printed = out.getvalue().splitlines()
    assert printed[0] == expected[0]
    assert printed[1].startswith("quotes.")  # explain() names the rule first


def test_every_lesson_is_listed_in_the_readme():
    for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        assert f"(notebooks/{nb.name})" in README, nb.name
