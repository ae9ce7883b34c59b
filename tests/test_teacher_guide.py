"""The teacher guide (docs/teacher-guide.md) stays in step with the lessons.

It must name every lesson notebook that exists, every relative link in it must resolve
(files, and anchors into Markdown files), it must keep the sections a teacher looks for,
and, like the lessons, it must not type years or large numbers as facts (those live in
seeds/ and are shown by the lessons).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

GUIDE = ROOT / "docs" / "teacher-guide.md"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))

REQUIRED_SECTIONS = (
    "The sequence at a glance",
    "Learning outcomes",
    "A 90-minute plan",
    "A 3 x 50-minute plan",
    "What to project and what to hand out",
    "Facilitating the contested questions",
    "Assessment rubric",
    "Where the answer key is",
    "Adapting the lessons to another statement",
    "Accessibility",
    "Known limits of the parser",
)

LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", flags=re.S)
YEAR_OR_BIG_NUMBER = re.compile(r"(?<![\w./#-])(1[89]\d\d|20\d\d|\d{1,3}(?:,\d{3})+)(?![\w/-])")
COURSE_TITLE = "Reading Diplomacy: the January 2022 talks"


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading (lowercase, punctuation dropped, spaces to -)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, flags=re.M)


def test_guide_has_one_title_and_the_required_sections_in_order(guide):
    assert len(headings(guide, 1)) == 1
    h2 = headings(guide, 2)
    found = [h2.index(s) for s in REQUIRED_SECTIONS if s in h2]
    missing = [s for s in REQUIRED_SECTIONS if s not in h2]
    assert not missing, f"teacher guide lacks sections: {missing}"
    assert found == sorted(found), "required sections out of order"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_guide_links_every_lesson_that_exists(guide, lesson):
    assert f"](../notebooks/{lesson.name})" in guide, f"teacher guide never links {lesson.name}"


def test_every_relative_link_resolves_including_anchors(guide):
    targets = LINK.findall(CODE.sub("", guide))
    assert targets, "no links found: the pattern or the guide is broken"
    own = anchors(guide)
    for target in targets:
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        if not path:
            assert anchor in own, f"no heading for #{anchor} in the guide"
            continue
        file = (GUIDE.parent / path).resolve()
        assert file.exists(), f"broken link {target}"
        if anchor and file.suffix == ".md":
            assert anchor in anchors(file.read_text(encoding="utf-8")), f"no #{anchor} in {path}"


def test_every_lesson_gets_a_place_in_a_plan(guide):
    """Each lesson appears in the 3 x 50 plan or is named as an extension there."""
    plan = guide.split("## A 3 x 50-minute plan", 1)[1].split("\n## ", 1)[0]
    for lesson in LESSONS:
        assert lesson.name[:2] in plan, f"the 3 x 50 plan never mentions lesson {lesson.name[:2]}"


def test_no_years_or_large_numbers_typed_as_facts(guide):
    text = CODE.sub("", guide).replace(COURSE_TITLE, "")
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets may contain numbers
    hits = YEAR_OR_BIG_NUMBER.findall(text)
    assert not hits, f"typed facts {hits}: point to the lessons or seeds/ instead"


def test_the_sections_name_the_contested_points_they_must_cover(guide):
    section = guide.split("## Facilitating the contested questions", 1)[1].split("\n## ", 1)[0]
    for point in (
        "unprovoked",
        "Tagliavini",
        "two decades",
        "legitimate security concerns",
        "Permanent Council",
        "estimate",
        "not one inch",
    ):
        assert point.lower() in section.lower(), f"facilitation notes do not cover {point!r}"


def test_commands_named_in_the_guide_exist():
    """The guide tells teachers to run these; they must be real targets and sub-commands."""
    guide = GUIDE.read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make (\w+)`", guide):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"no make target {target}"
    from diplotext.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest in ("command", "cmd"))
    named = re.findall(r"`diplotext (\w+)", guide)
    named += re.findall(r"^diplotext (\w+)", guide, flags=re.M)  # in shell blocks
    assert named, "the guide names no diplotext command: the pattern or the guide is broken"
    for command in set(named):
        assert command in sub.choices, f"no diplotext sub-command {command!r}"


def test_no_bare_path_to_a_missing_repo_file():
    """Paths written in backticks (`docs/x.md`, `seeds/...`) point at files that exist."""
    guide = GUIDE.read_text(encoding="utf-8")
    for path in re.findall(r"`((?:docs|notebooks|seeds|lib|scripts)/[\w./-]+)`", guide):
        if "*" in path or path.endswith("/"):
            continue
        assert (ROOT / path).exists() or Path(path).suffix == "", f"guide names missing {path}"
