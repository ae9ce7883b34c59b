"""Printing each thing once (issue #12, round 2): the numbered text and long tables.

Fast tests build handout HTML from small notebooks whose outputs are made here by the real
annotator and renderer; tests marked ``handouts`` render lessons 03 and 01 with
WeasyPrint and read the PDFs back with pdftotext.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import diplotext as dt
from diplotext import render
from diplotext.cli import main
from diplotext.handouts import HandoutHTMLExporter
from diplotext.handouts.build import build_handouts, handout_html, handout_pages
from diplotext.handouts.paper import records_as_table, records_layout, tables_as_records

ROOT = Path(__file__).resolve().parent.parent
SEED = "Russia has said it wants security guarantees. We are ready to talk, officials said."
OTHER = "A second text. It is not the first one."


def sheet_output(doc, exercise: str, categories=("metonym",), tmp: Path | None = None):
    widget = dt.annotate(doc, lesson="09", exercise=exercise, categories=categories,
                         answers_dir=tmp or Path("/nonexistent-answers"))  # fmt: skip
    data = {"text/html": widget.static_html(), "text/plain": widget.plain()}
    return new_output("display_data", data=data, metadata={"diplotext-interactive": {}})


def html_out(html: str):
    return new_output("display_data", data={"text/html": html, "text/plain": "<HTML>"})


def lesson(tmp_path: Path, *, standalone: bool = False) -> nbformat.NotebookNode:
    seed, other = dt.parse(SEED), dt.parse(OTHER)
    cells = [new_markdown_cell("# Sheets")]
    if standalone:
        cells += [
            new_markdown_cell("## The text, numbered"),
            new_code_cell("dt.text(doc)", outputs=[html_out(render.numbered_text(seed))]),
        ]
    for n, (ex, doc) in enumerate([("one", seed), ("two", seed), ("three", other)], 1):
        cells.append(
            new_markdown_cell(f"**Exercise {n} (annotate).** Mark it.",
                              metadata={"tags": ["exercise"], "diplotext": {"exercise": ex}})
        )  # fmt: skip
        cells.append(
            new_code_cell("dt.annotate(...)", outputs=[sheet_output(doc, ex, tmp=tmp_path)],
                          metadata={"tags": ["check"], "diplotext": {"exercise": ex}})
        )  # fmt: skip
    return new_notebook(cells=cells)


def soup_of(nb, tmp_path: Path, edition: str = "student", **traits) -> BeautifulSoup:
    exporter = HandoutHTMLExporter(**traits) if traits else None
    html = handout_html(nb, name="09-sheets", edition=edition, path=tmp_path, exporter=exporter)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_numbered_text_printed_once_per_text_later_sheets_point_to_it(tmp_path, edition):
    soup = soup_of(lesson(tmp_path), tmp_path, edition)
    sheets = soup.select(".dt-annotator-static")
    assert len(sheets) == 3
    texts = [s.select(".diplotext-numbered") for s in sheets]
    assert [len(t) for t in texts] == [1, 0, 1]  # the second text is another document
    assert texts[0][0]["id"] == "numbered-text-1" and texts[2][0]["id"] == "numbered-text-2"
    pointer = sheets[1].select_one("p.numbered-text-ref")
    assert pointer is not None and "text-elsewhere" in sheets[1]["class"]
    assert " ".join(pointer.get_text(" ", strip=True).split()) == (
        "Mark on the numbered text printed with Exercise 1 ; use a different colour or "
        "symbol for this exercise."
    )
    assert pointer.a["href"] == "#numbered-text-1"
    # the later sheet keeps its heading and its own answer lines
    assert "exercise two" in sheets[1].get_text() and sheets[1].select(".dt-answer-line")
    assert "security guarantees" in texts[0][0].get_text()


def test_a_text_the_lesson_shows_prints_and_every_sheet_points_to_it(tmp_path):
    soup = soup_of(lesson(tmp_path, standalone=True), tmp_path)
    numbered = soup.select(".diplotext-numbered")
    assert len(numbered) == 2  # the lesson's own copy, and the other document's
    assert numbered[0].find_parent(class_="dt-annotator-static") is None
    refs = soup.select("p.numbered-text-ref")
    assert len(refs) == 2
    assert all("printed under “The text, numbered”" in r.get_text() for r in refs)
    assert {r.a["href"] for r in refs} == {"#" + numbered[0]["id"]}


def test_repeat_numbered_text_keeps_every_copy(tmp_path):
    soup = soup_of(lesson(tmp_path), tmp_path, repeat_numbered_text=True)
    assert len(soup.select(".dt-annotator-static .diplotext-numbered")) == 3
    assert soup.select("p.numbered-text-ref") == []


def test_repeat_text_reaches_every_page_built(tmp_path):
    path = tmp_path / "09-sheets.ipynb"
    nbformat.write(lesson(tmp_path), path)
    for repeat, copies in ((False, 2), (True, 3)):
        pages = handout_pages([path], ("student",), jobs=1, repeat_text=repeat)
        for _, _, html in pages:
            soup = BeautifulSoup(html, "html.parser")
            assert len(soup.select(".dt-annotator-static .diplotext-numbered")) == copies


@pytest.mark.handouts
def test_cli_repeat_text_prints_the_text_on_every_sheet(tmp_path):
    path = tmp_path / "09-sheets.ipynb"
    nbformat.write(lesson(tmp_path), path)
    for flag, out in (([], tmp_path / "once"), (["--repeat-text"], tmp_path / "every")):
        args = ["handouts", str(path), "--edition", "student", "--html", "-q", "--out", str(out)]
        assert main([*args, *flag]) == 0
        text = " ".join(pages_of(out / "09-sheets-student.pdf"))
        assert text.count("security guarantees") == (2 if flag else 1)
        assert text.count("Mark on the numbered text") == (0 if flag else 1)


# ---- long tables as records -----------------------------------------------------------
def table_html(rows: int, prose: bool = True, caption: str = "") -> str:
    head = "<tr><th>id</th><th>reference</th><th>class</th><th>used for</th></tr>"
    title = "A long title of a work, " * 2
    body = "".join(
        f"<tr><td>ref-{i}</td><td>{f'Author {i}, {title}' if prose else i}"
        f"<a href='https://example.org/{i}'>link</a></td><td>{'primary' if i % 2 else ''}</td>"
        f"<td>{'the dates of event ' + str(i) if prose else i * 2}</td></tr>"
        for i in range(rows)
    )
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table>{cap}<thead>{head}</thead><tbody>{body}</tbody></table>"


def test_long_table_of_prose_prints_as_records_with_every_row_and_cell():
    soup = BeautifulSoup(table_html(20, caption="Sources"), "html.parser")
    cells = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("tbody tr")
    ]
    assert tables_as_records(soup) == 1
    assert soup.find("table") is None
    records = soup.select("ul.records > li.record")
    assert len(records) == 20
    assert soup.select_one(".record-caption").get_text() == "Sources"
    for row, rec in zip(cells, records, strict=True):
        text = rec.get_text(" ", strip=True)
        assert rec["data-key"] == row[0] and rec.select_one(".record-key").get_text() == row[0]
        assert all(cell in text for cell in row)
        labels = [s.get_text() for s in rec.select(".record-label")]
        # short cells first, after the key; an empty cell prints nothing; all but the
        # key are labelled
        assert labels == ["class: "] * bool(row[2]) + ["used for: ", "reference: "]
    assert len(soup.select("li.record a[href]")) == 20  # links kept


@pytest.mark.parametrize(
    "html",
    [table_html(12), table_html(20, prose=False),
     "<table><tr><th>a</th><th>b</th></tr>"
     + "<tr><td colspan='2'>x y z w v u</td></tr>" * 20 + "</table>"],
    ids=["short", "numbers", "colspan"],
)  # fmt: skip
def test_short_numeric_or_spanned_tables_stay_tables(html):
    soup = BeautifulSoup(html, "html.parser")
    assert records_layout(soup.table) is None
    assert tables_as_records(soup) == 0 and soup.find("table") is not None


def test_a_few_rows_of_long_prose_print_as_records_too():
    cell = "A claim and what the record shows about it, with its sources. " * 8
    rows = "".join(f"<tr><td>claim {i}</td><td>{cell}</td><td>{cell}</td></tr>" for i in range(6))
    soup = BeautifulSoup(
        f"<table><tr><th>says</th><th>record</th><th>view</th></tr>{rows}</table>", "html.parser"
    )
    assert records_layout(soup.table) == [True, False, False]  # the key, two prose fields
    assert tables_as_records(soup) == 1 and len(soup.select("li.record")) == 6
    assert [s.get_text() for s in soup.select("li.record")[0].select(".record-label")] == [
        "record: ", "view: "
    ]  # fmt: skip


def test_records_read_back_as_the_table_they_were():
    original = BeautifulSoup(table_html(15, caption="Sources"), "html.parser")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all(["td", "th"])]
        for tr in original.find_all("tr")
    ]
    soup = BeautifulSoup(table_html(15, caption="Sources"), "html.parser")
    tables_as_records(soup)
    table = records_as_table(soup, soup.select_one(".record-list"))
    back = [
        [td.get_text(" ", strip=True) for td in tr.find_all(["td", "th"])]
        for tr in table.find_all("tr")
    ]
    assert back == rows and table.caption.get_text() == "Sources"


# ---- the real lessons, on paper ---------------------------------------------------------
def pages_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return [" ".join(p.split()) for p in out.split("\f")]


@pytest.fixture(scope="module")
def lesson_pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("paper")
    names = ["01-crisis-context", "03-rhetorical-analysis"]
    build_handouts([ROOT / "notebooks" / f"{n}.ipynb" for n in names], out=out)
    return out


@pytest.mark.handouts
@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_lesson_03_prints_the_text_once_and_points_to_its_page(lesson_pdfs, edition):
    pages = pages_of(lesson_pdfs / f"03-rhetorical-analysis-{edition}.pdf")
    doc = dt.parse(dt.read_text(dt.seed_path()))
    last = doc.text[doc.sentences[-1].start : doc.sentences[-1].end].split()
    tail = " ".join(last[-6:])  # the text's last words, printed once with its numbers
    on = [n for n, page in enumerate(pages, 1) if tail in page]
    assert len(on) == 1, on
    refs = re.findall(r"Mark on the numbered text printed with Exercise 1 \(page (\d+)\)",
                      " ".join(pages))  # fmt: skip
    assert len(refs) == 7  # every later annotator exercise (9 exercises, 8 annotators)
    start = next(n for n, page in enumerate(pages, 1) if "¶1" in page)
    assert set(refs) == {str(start)} and start <= on[0]


@pytest.mark.handouts
def test_lesson_01_references_print_as_records_with_every_reference(lesson_pdfs):
    nb = nbformat.read(ROOT / "notebooks" / "01-crisis-context.ipynb", as_version=4)
    ids = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            for table in BeautifulSoup(html, "html.parser").find_all("table"):
                head = [th.get_text(strip=True) for th in table.find_all("th")][:2]
                if head == ["id", "reference"]:
                    ids |= {tr.td.get_text(strip=True) for tr in table.select("tbody tr")}
    assert len(ids) > 60
    text = re.sub(r"[-\s]", "", " ".join(pages_of(lesson_pdfs / "01-crisis-context-student.pdf")))
    assert "copyused:" in text  # the records' labels, not a table's header row
    missing = [i for i in ids if re.sub(r"[-\s]", "", i) not in text]
    assert missing == []
