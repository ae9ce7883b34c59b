"""The course booklet (issue #12): one PDF per edition, read back with poppler.

A fast test checks the booklet HTML of two small lessons (unique ids, glossary links,
references once); the ``handouts`` tests build booklets of two real lessons and read the
PDF back: title page, contents with the right page numbers, numbering through, the
references and the glossary once, no model answer in the student booklet.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_markdown_cell, new_notebook

from diplotext.cli import main
from diplotext.handouts.booklet import booklet_html
from diplotext.handouts.build import handout_html

ROOT = Path(__file__).resolve().parent.parent
LESSONS = [
    ROOT / "notebooks" / name
    for name in ("00-start-here.ipynb", "01-crisis-context.ipynb", "02-negotiation-formats.ipynb")
]
SHARED_REF = "Author, A. (2001). A shared book."


def small(n: int, title: str, own_ref: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=[
        new_markdown_cell(f"# {title}\n\nIntro with a [term](glossary.md#breakaway-region)."),
        new_markdown_cell("## Same heading\n\nSee [below](#Same-heading)."),
        new_markdown_cell(f"## References\n\n- {SHARED_REF}\n- {own_ref}"),
    ])  # fmt: skip
    nb.metadata["diplotext"] = {"lesson": f"0{n}", "title": title}
    return nb


def test_booklet_html_ids_links_and_references(tmp_path):
    (tmp_path / "glossary.md").write_text(
        "# Glossary\n\n## Breakaway region\n\nA region that ... See [annexation](#annexation).\n\n"
        "## Annexation\n\nThe formal incorporation ...\n",
        encoding="utf-8",
    )
    pages = []
    for n, (title, ref) in enumerate([("First lesson", "Own one."), ("Second lesson", "Own two.")]):
        nb = small(n, title, ref)
        html = handout_html(nb, name=f"0{n}-x", path=tmp_path)
        pages.append((tmp_path / f"0{n}-x.ipynb", "student", html))
    soup = BeautifulSoup(booklet_html(pages, "student", tmp_path), "html.parser")
    ids = [t["id"] for t in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert [a["href"] for a in soup.select(".booklet-contents a")] == [
        "#lesson-0", "#lesson-1", "#references", "#glossary",
    ]  # fmt: skip
    assert [a.get_text() for a in soup.select(".booklet-contents a")][:2] == [
        "Lesson 00: First lesson", "Lesson 01: Second lesson",
    ]  # fmt: skip
    for a in soup.select("a[href^='#']"):  # every internal link has a target
        assert soup.find(id=a["href"][1:]) is not None, a
    assert {a["href"] for a in soup.select("main a") if a.get_text() == "term"} == {
        "#glossary-breakaway-region"
    }
    refs = soup.select("#references li")
    assert [r.get_text(" ", strip=True) for r in refs] == [SHARED_REF, "Own one.", "Own two."]
    assert len(soup.select(".references-appendix")) == 1
    assert soup.select_one("#glossary h2#glossary-annexation")


def test_booklet_leaves_record_markup_it_did_not_write_as_it_is(tmp_path):
    """A notebook can write the records' classes and data- attributes itself (the
    sanitiser keeps them): a bad column number, a nested list or 5000 columns must not
    stop the booklet or lose the text."""
    value = '<span class="record-value">{}</span>'
    forged = (
        '<div class="record-list"><ul class="records" data-columns="id | x">'
        f'<li class="record"><span data-column="zz">{value.format("FORGEDONE")}</span>'
        f'<span data-column="99999">{value.format("FORGEDTWO")}</span>'
        '<div class="record-list"><ul class="records" data-columns="a"><li class="record">'
        f'<span data-column="0">{value.format("NESTED")}</span></li></ul></div></li></ul></div>'
        '<div class="record-list"><ul class="records" data-columns="'
        + " | ".join(["c"] * 5000)
        + '"><li class="record">MANYCOLUMNS</li></ul></div>'
    )
    nb = small(0, "First lesson", "Own one.")
    nb.cells.append(new_markdown_cell(forged))  # inside the References section
    html = handout_html(nb, name="00-x", path=tmp_path)
    assert 'data-column="zz"' in html and html.count('class="record-list"') == 3
    soup = BeautifulSoup(booklet_html([(tmp_path / "00-x.ipynb", "student", html)], "student",
                                      tmp_path), "html.parser")  # fmt: skip
    text = soup.select_one("#references").get_text(" ")
    for word in ("FORGEDONE", "FORGEDTWO", "NESTED", "MANYCOLUMNS", "Own one."):
        assert word in text


def text_pages(pdf: Path, layout: bool = True) -> list[str]:
    opts = ["-layout"] if layout else []
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *opts, str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def booklets(tmp_path_factory):
    out = tmp_path_factory.mktemp("booklet")
    assert main(["handouts", *map(str, LESSONS), "--booklet", "--out", str(out), "-q"]) == 0
    return out


@pytest.mark.handouts
def test_booklet_files(booklets):
    assert sorted(p.name for p in booklets.iterdir()) == [
        "booklet-student.pdf",
        "booklet-teacher.pdf",
    ]


@pytest.mark.handouts
@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_booklet_contents_numbering_and_back_matter(booklets, edition):
    pages = text_pages(booklets / f"booklet-{edition}.pdf")
    total = len(pages)
    assert total > 10
    for i, page in enumerate(pages, start=1):  # one numbering through the whole booklet
        assert f"Page {i} of {total}" in page
    assert "Course booklet" in pages[0] and f"{edition.capitalize()} edition" in pages[0]
    assert "Contents" in pages[1]
    entries = re.findall(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[1], re.MULTILINE)
    names = [name.rstrip(". ") for name, _ in entries]
    assert names == [
        "Lesson 00: Start here: reading the source",
        "Lesson 01: The crisis context",
        "Lesson 02: The negotiation formats",
        "References",
        "Glossary",
    ]
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] == 3 and numbers[-1] <= total
    for (name, _), number in zip(entries, numbers, strict=True):  # each entry's real page
        heading = name.split(": ", 1)[-1].rstrip(". ")
        assert heading in " ".join(pages[number - 1].split()), (name, number)
    body = "\n".join(pages[2:])
    assert len(re.findall(r"^\s*References\s*$", body, re.MULTILINE)) == 1
    assert len(re.findall(r"^\s*Glossary\s*$", body, re.MULTILINE)) == 1
    flat = " ".join(body.split())
    assert "Model answer" in flat if edition == "teacher" else "Model answer" not in flat
    assert flat.count("Check your answers") >= 2 if edition == "student" else True


def reference_ids(path: Path) -> set[str]:
    """The reference ids (first column of the references table, printed as records:
    each record's key) a lesson's handout lists."""
    html = handout_html(nbformat.read(path, as_version=4), name=path.stem, path=path.parent)
    records = BeautifulSoup(html, "html.parser").select(".references-appendix li.record")
    return {r.select_one(".record-key").get_text(strip=True) for r in records}


@pytest.mark.handouts
def test_booklet_lists_a_reference_both_lessons_cite_once(booklets):
    shared = sorted(reference_ids(LESSONS[1]) & reference_ids(LESSONS[2]))
    assert shared, "lessons 01 and 02 share no reference: pick two that do"
    pages = text_pages(booklets / "booklet-student.pdf")
    entries = dict(re.findall(r"^(References|Glossary)\s*\.{3,}\s*(\d+)\s*$", pages[1], re.M))
    raw = text_pages(booklets / "booklet-student.pdf", layout=False)
    back = "\n".join(raw[int(entries["References"]) - 1 : int(entries["Glossary"]) - 1])
    assert back.lstrip().startswith("References") and "Page " in back
    squeezed = re.sub(r"[-\s]", "", back)  # pdftotext drops a hyphen at a line's end
    for ref in shared:
        assert squeezed.count(ref.replace("-", "")) == 1, ref
