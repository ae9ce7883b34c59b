"""Handouts: HTML/PDF from lesson notebooks, student and teacher editions.

Fast tests check the preprocessors and the HTML; tests marked ``handouts`` render PDFs with
WeasyPrint and read them back with poppler (pdftotext, pdfinfo, pdfimages).
"""

from __future__ import annotations

import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from diplotext.cli import main
from diplotext.errors import InputError, OutputError
from diplotext.handouts import HandoutHTMLExporter, HandoutPDFExporter
from diplotext.handouts.build import (
    HandoutRenderError,
    build_handouts,
    handout_html,
    read_notebook,
    write_atomic,
)
from diplotext.handouts.preprocessors import (
    WIDGET_VIEW,
    HandoutPreprocessor,
    figure_alt,
    first_title_heading,
    is_python_repr,
    remove_title_heading,
    tag_remove_preprocessor,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "handout-sample.ipynb"
LESSONS = sorted(glob.glob(str(ROOT / "notebooks" / "[0-9]*.ipynb")))

SOLUTION_PHRASES = (
    "A careful reader separates the claim",
    "Model answer (code): Russia sought",
)
#: Text that must never reach a handout: code, markup, reprs, removed cells, warnings.
FORBIDDEN = (
    "**",
    "##",
    "<IPython",
    "VBox(",
    "IntSlider(",
    "Widget",
    "<p>",
    "<div",
    "</",
    "THIS CELL IS TAGGED remove-cell",
    "UserWarning",
    "warnings.warn",
    "import ",
    "console.log",
    "In [",
    "Out[",
)
PNG_1PX = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
    "PchI7wAAAABJRU5ErkJggg=="
)


# ---- helpers ----------------------------------------------------------------------------
def fixture_nb() -> nbformat.NotebookNode:
    return nbformat.read(FIXTURE, as_version=4)


def html_of(nb, edition="student", name="handout-sample", **kw) -> str:
    return handout_html(nb, name=name, edition=edition, path=FIXTURE.parent, **kw)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.imgs: list[dict] = []
        self.html_attrs: dict = {}
        self.title = ""
        self._in_title = False
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "img":
            self.imgs.append(dict(attrs))
        elif tag == "html":
            self.html_attrs = dict(attrs)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_html(html: str) -> _Collect:
    c = _Collect()
    c.feed(html)
    return c


def text_of(html: str) -> str:
    """Visible text of the <main> element, whitespace collapsed."""
    return " ".join(BeautifulSoup(html, "html.parser").main.get_text().split())


def meta_of(html: str, name: str) -> str:
    tag = BeautifulSoup(html, "html.parser").find("meta", attrs={"name": name})
    return tag["content"] if tag else ""


def figure_outputs(nb) -> int:
    return sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if "image/png" in out.get("data", {})
    )


def tool(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    out = {}
    for line in tool("pdfinfo", str(path)).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def cell_nb(*cells, **meta) -> nbformat.NotebookNode:
    nb = new_notebook(cells=list(cells))
    nb.metadata.update(meta)
    return nb


# ---- preprocessors ------------------------------------------------------------------------
def test_tag_remove_student_drops_solution_and_remove_cell():
    nb = cell_nb(
        new_markdown_cell("Q", metadata={"tags": ["exercise"]}),
        new_markdown_cell("A", metadata={"tags": ["solution"]}),
        new_code_cell("x", metadata={"tags": ["remove-cell"]}),
        new_code_cell("y", metadata={"tags": ["remove-input"]}),
    )
    student, _ = tag_remove_preprocessor("student")(copy.deepcopy(nb), {})
    teacher, _ = tag_remove_preprocessor("teacher")(copy.deepcopy(nb), {})
    assert [c.source for c in student.cells] == ["Q", "y"]
    assert [c.source for c in teacher.cells] == ["Q", "A", "y"]
    assert student.cells[1].metadata["transient"] == {"remove_source": True}
    with pytest.raises(ValueError):
        tag_remove_preprocessor("parent")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<IPython.core.display.HTML object>", True),
        ("<Figure size 640x480 with 1 Axes>", True),
        ("<function f at 0x7f3a2b1c0d60>", True),
        ("VBox(children=(Dropdown(options=(1, 2), value=1),))", True),
        ("IntSlider(value=3, max=6)", True),
        ("6", False),
        ("The editorial has 6 paragraphs.", False),
        ("{'said': 3, 'emphasized': 1}", False),
    ],
)
def test_is_python_repr(text, expected):
    assert is_python_repr(text) is expected


def run_pre(outputs, tags=(), edition="student"):
    cell = new_code_cell("pass", outputs=outputs, metadata={"tags": list(tags)})
    nb = cell_nb(cell)
    nb, res = HandoutPreprocessor(edition=edition, enabled=True)(nb, {"metadata": {"name": "t"}})
    return nb.cells[0], res


def test_widget_bundle_prints_its_static_fallback():
    out = new_output(
        "display_data",
        data={
            WIDGET_VIEW: {"model_id": "m1", "version_major": 2, "version_minor": 0},
            "image/png": PNG_1PX,
            "text/plain": "VBox(children=(IntSlider(value=1),))",
        },
        metadata={"image/png": {"alt": "A bar chart of reporting verbs"}},
    )
    cell, _ = run_pre([out])
    (only,) = cell.outputs
    assert set(only.data) == {"image/png"}
    assert only.metadata["handout_alt"] == "A bar chart of reporting verbs"
    assert cell.metadata["transient"] == {"remove_source": True}


def test_widget_without_fallback_becomes_a_note_and_reprs_are_dropped():
    widget = new_output(
        "execute_result",
        data={WIDGET_VIEW: {"model_id": "m2"}, "text/plain": "IntSlider(value=3)"},
        execution_count=1,
    )
    js = new_output(
        "display_data",
        data={
            "application/javascript": "console.log(1)",
            "text/plain": "<IPython.core.display.Javascript object>",
        },
    )
    repr_only = new_output("execute_result", data={"text/plain": "<Figure size 640x480>"})
    stderr = new_output("stream", name="stderr", text="UserWarning: careful\n")
    stdout = new_output("stream", name="stdout", text="6 paragraphs\n")
    cell, res = run_pre([widget, js, repr_only, stderr, stdout])
    kinds = [(o.output_type, dict(o.get("data", {})) or o.get("text")) for o in cell.outputs]
    assert kinds == [
        (
            "execute_result",
            {"text/markdown": "*(Interactive element: open the notebook to use it.)*"},
        ),
        ("stream", "6 paragraphs\n"),
    ]
    assert res["handout_log"] == {"widgets": 1, "reprs": 2, "stderr": 1}


def test_figure_and_its_markdown_caption_are_joined():
    fig = new_output(
        "display_data",
        data={"image/png": PNG_1PX, "text/plain": "[Figure 2: Six bars, one per paragraph]"},
        metadata={"image/png": {"caption": "Words per paragraph"}},
    )
    cap = new_output(
        "display_data",
        data={
            "text/markdown": "*Figure 2. Words per paragraph*",
            "text/plain": "<IPython.core.display.Markdown object>",
        },
    )
    after = new_output("stream", name="stdout", text="done\n")
    cell, _ = run_pre([fig, cap, after])
    assert len(cell.outputs) == 2
    assert cell.outputs[0].metadata["handout_caption_md"] == "*Figure 2. Words per paragraph*"
    # no alt in metadata: the caption is the next best description
    assert cell.outputs[0].metadata["handout_alt"] == "Words per paragraph"
    assert cell.outputs[1].text == "done\n"


def test_figure_alt_sources():
    out = new_output(
        "display_data", data={"image/png": PNG_1PX, "text/plain": "[Figure 4: Two lines]"}
    )
    assert figure_alt(out) == "Two lines"
    out.data["text/plain"] = "<Figure size 640x480 with 1 Axes>"
    assert figure_alt(out) is None
    out.metadata = {"image/png": {"alt": "  Three   dots "}}
    assert figure_alt(out) == "Three dots"


def test_committed_error_refused_unless_tagged_raises_exception():
    err = new_output("error", ename="KeyError", evalue="'said'", traceback=["Traceback..."])
    with pytest.raises(InputError, match=r"cell 1 has a committed error output \(KeyError"):
        run_pre([copy.deepcopy(err)])
    cell, _ = run_pre([err], tags=["raises-exception"])
    assert [(o.output_type, o.text) for o in cell.outputs] == [("stream", "KeyError: 'said'")]


def test_show_input_keeps_code_other_code_is_hidden():
    shown, _ = run_pre([], tags=["show-input"])
    hidden, _ = run_pre([])
    assert "transient" not in shown.metadata
    assert hidden.metadata["transient"] == {"remove_source": True}


def test_title_heading_found_and_removed():
    nb = cell_nb(
        new_markdown_cell("```python\n# not a heading\n```\n# Lesson *3*: Frames\n\nIntro."),
        new_markdown_cell("## Part one"),
    )
    assert first_title_heading(nb) == (0, 3, "Lesson *3*: Frames")
    assert remove_title_heading(nb) == "Lesson 3: Frames"
    assert nb.cells[0].source == "```python\n# not a heading\n```\n\nIntro."
    only_h1 = cell_nb(new_markdown_cell("# Title"), new_markdown_cell("text"))
    assert remove_title_heading(only_h1) == "Title"
    assert [c.source for c in only_h1.cells] == ["text"]
    starts_h2 = cell_nb(new_markdown_cell("## Section\n\n# Later H1"))
    assert first_title_heading(starts_h2) is None


# ---- HTML ---------------------------------------------------------------------------------
def test_html_accessibility_and_no_active_content():
    nb = fixture_nb()
    for edition in ("student", "teacher"):
        html = html_of(nb, edition)
        doc = parse_html(html)
        assert doc.html_attrs.get("lang") == "en"
        assert doc.title.startswith("Who speaks in an official editorial?")
        assert doc.headings[0] == 1 and doc.headings.count(1) == 1
        for prev, cur in zip(doc.headings, doc.headings[1:], strict=False):
            assert cur <= prev + 1, f"heading skips from h{prev} to h{cur}: {doc.headings}"
        assert len(doc.imgs) == figure_outputs(nb) == 1
        fixture_alt = next(
            o.metadata["image/png"]["alt"]
            for c in nb.cells
            if c.cell_type == "code"
            for o in c.outputs
            if "image/png" in o.get("data", {})
        )
        assert [i["alt"] for i in doc.imgs] == [fixture_alt]
        assert "No description has been provided" not in html
        assert "Out[" not in html and "In&nbsp;[" not in html and "In [" not in html
        assert "script" not in doc.tags and "iframe" not in doc.tags
        assert not re.search(r'(src|href)="https?://[^"]*\.(js|css)', html)
        assert "mathjax" not in html.lower() and "require.js" not in html.lower()


def test_html_editions_solutions_exercises_and_code():
    nb = fixture_nb()
    student, teacher = text_of(html_of(nb, "student")), text_of(html_of(nb, "teacher"))
    for phrase in SOLUTION_PHRASES:
        assert phrase not in student
        assert phrase in teacher
    assert "Model answer (teacher edition)" not in student
    assert teacher.count("Model answer (teacher edition)") == 2
    s_html = html_of(nb, "student")
    # 7 ruled lines (default) after exercise 1, 4 (cell metadata) after exercise 2
    assert s_html.count('class="answer-line"') == 11
    assert html_of(nb, "teacher").count('class="answer-line"') == 0
    assert "len(paragraphs)" in student  # tagged show-input
    assert "SEED = Path" not in student and "FigureOutput(" not in student
    assert "Static view of the paragraph explorer" in student  # widget fallback
    assert "Interactive element: open the notebook" in student
    for bad in ("<IPython", "VBox(", "IntSlider(", "UserWarning", "THIS CELL IS TAGGED"):
        assert bad not in student and bad not in teacher
    assert "Figure 1. Words per paragraph" in student  # caption joined to the figure
    assert student.count("Figure 1. Words per paragraph") == 1


def test_title_block_metadata_and_fallbacks(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1641772800")  # 2022-01-10
    nb = fixture_nb()
    html = html_of(nb, "teacher", course="Civics 11")
    assert '<h1 class="lesson-title">Who speaks in an official editorial?</h1>' in html
    assert "Civics 11" in html and "Lesson 1" in html and "10 January 2022" in html
    assert meta_of(html, "author") == "diplotext contributors"
    assert meta_of(html, "description") == (
        "Lesson 1: Who speaks in an official editorial? Teacher edition handout, Civics 11."
    )
    assert "Teacher edition" in html
    nb.metadata["diplotext"]["title"] = "Reporting verbs"
    assert '<h1 class="lesson-title">Reporting verbs</h1>' in html_of(nb)
    bare = cell_nb(new_markdown_cell("Just text, no heading."))
    assert '<h1 class="lesson-title">07-verbs</h1>' in handout_html(bare, name="07-verbs")
    assert "Lesson 7" in handout_html(bare, name="07-verbs")


def test_edition_from_notebook_metadata_when_not_configured():
    nb = fixture_nb()
    nb.metadata["diplotext"]["edition"] = "teacher"
    html, _ = HandoutHTMLExporter().from_notebook_node(nb, {"metadata": {"name": "x"}})
    assert "Model answer (teacher edition)" in html
    html, _ = HandoutHTMLExporter(edition="student").from_notebook_node(nb)
    assert "Model answer (teacher edition)" not in html


def test_bad_notebooks_are_input_errors(tmp_path):
    bad_json = tmp_path / "bad.ipynb"
    bad_json.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid notebook JSON \(line 1"):
        read_notebook(bad_json)
    not_nb = tmp_path / "notnb.ipynb"
    not_nb.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    with pytest.raises(InputError, match="not a valid Jupyter notebook"):
        read_notebook(not_nb)
    with pytest.raises(InputError, match="no such notebook"):
        read_notebook(tmp_path / "missing.ipynb")


# ---- writing safely -----------------------------------------------------------------------
def test_write_atomic_keeps_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_render_failure_leaves_no_file(tmp_path, monkeypatch):
    import diplotext.handouts.build as build

    def fail(html, base_url=None):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(build, "html_to_pdf", fail)
    out = tmp_path / "out"
    with pytest.raises(HandoutRenderError, match="layout exploded"):
        build_handouts([FIXTURE], out=out)
    assert list(out.iterdir()) == []


def test_cli_errors_are_one_line_and_write_nothing(tmp_path, capsys):
    bad = tmp_path / "01-bad.ipynb"
    bad.write_text("not json", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["handouts", str(FIXTURE), str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("diplotext: error: ") and "01-bad.ipynb" in err
    assert "\n" not in err
    assert not out.exists()  # the good notebook was not written either

    broken = fixture_nb()
    broken.cells[3].outputs.append(
        new_output("error", ename="NameError", evalue="name 'x' is not defined", traceback=[])
    )
    broken_path = tmp_path / "02-broken.ipynb"
    nbformat.write(broken, broken_path)
    assert main(["handouts", str(broken_path), "--out", str(out)]) == 2
    assert "committed error output (NameError" in capsys.readouterr().err
    assert not out.exists()

    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    for target in (a_file, a_file / "sub"):
        assert main(["handouts", str(FIXTURE), "--out", str(target)]) == 2
        assert "diplotext: error:" in capsys.readouterr().err
    assert a_file.read_text(encoding="utf-8") == "x"


def test_cli_no_default_notebooks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["handouts"]) == 2
    assert "no lesson notebooks match notebooks/[0-9]*.ipynb" in capsys.readouterr().err


# ---- PDF ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both editions (A4) of a copy of the fixture, via the CLI; and the source's state."""
    src_dir = tmp_path_factory.mktemp("src")
    nb_path = src_dir / "01-sample.ipynb"
    shutil.copy2(FIXTURE, nb_path)
    before = (nb_path.read_bytes(), nb_path.stat().st_mtime_ns)
    out = tmp_path_factory.mktemp("handouts")
    assert main(["handouts", str(nb_path), "--out", str(out), "-q"]) == 0
    after = (nb_path.read_bytes(), nb_path.stat().st_mtime_ns)
    return {"out": out, "nb": nb_path, "before": before, "after": after}


def pdf_text(path: Path) -> str:
    return tool("pdftotext", "-enc", "UTF-8", str(path), "-")


@pytest.mark.handouts
def test_pdf_files_and_source_unchanged(built):
    out = built["out"]
    assert sorted(p.name for p in out.iterdir()) == [
        "01-sample-student.pdf",
        "01-sample-teacher.pdf",
    ]
    assert built["before"] == built["after"]


@pytest.mark.handouts
def test_pdf_editions_text(built):
    student = pdf_text(built["out"] / "01-sample-student.pdf")
    teacher = pdf_text(built["out"] / "01-sample-teacher.pdf")
    flat_s, flat_t = " ".join(student.split()), " ".join(teacher.split())
    for phrase in SOLUTION_PHRASES:
        assert phrase not in flat_s
        assert phrase in flat_t
    assert "Model answer (teacher edition)" in flat_t
    assert "Model answer" not in flat_s
    for text in (flat_s, flat_t):
        assert "Who speaks in an official editorial?" in text
        assert "Page 1 of" in text
        assert "Static view of the paragraph explorer" in text
        assert "<https://editorials.voa.gov/" in text  # link address printed
        for bad in FORBIDDEN:
            assert bad not in text, f"{bad!r} in the PDF text"
        assert not re.search(r"\bWidget\b|object at 0x|\[Figure \d", text)


@pytest.mark.handouts
def test_pdf_images_metadata_and_paper(built, tmp_path):
    nb = fixture_nb()
    for edition in ("student", "teacher"):
        pdf = built["out"] / f"01-sample-{edition}.pdf"
        images = [
            line
            for line in tool("pdfimages", "-list", str(pdf)).splitlines()[2:]
            if line.split()[2] == "image"
        ]
        assert len(images) >= figure_outputs(nb) >= 1
        info = pdfinfo(pdf)
        assert info["Title"] == f"Who speaks in an official editorial? ({edition} edition)"
        assert info["Author"] == "diplotext contributors"
        assert f"{edition.capitalize()} edition handout" in info["Subject"]
        assert "A4" in info["Page size"]
        assert info["Tagged"] == "yes"
    assert main(["handouts", str(built["nb"]), "--edition", "student", "--paper", "letter",
                 "--out", str(tmp_path), "-q"]) == 0  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-sample-student.pdf"]
    info = pdfinfo(tmp_path / "01-sample-student.pdf")
    assert "612 x 792" in info["Page size"]


@pytest.mark.handouts
def test_nbconvert_entry_point(tmp_path):
    from nbconvert.exporters import get_exporter

    assert get_exporter("handout_pdf") is HandoutPDFExporter
    assert get_exporter("handout") is HandoutHTMLExporter
    exporter = HandoutPDFExporter(edition="teacher", paper="letter")
    pdf, resources = exporter.from_filename(str(FIXTURE))
    assert pdf.startswith(b"%PDF-") and resources["output_extension"] == ".pdf"
    (tmp_path / "x.pdf").write_bytes(pdf)
    assert "A careful reader" in " ".join(pdf_text(tmp_path / "x.pdf").split())


# ---- the real lessons, when they exist ---------------------------------------------------
@pytest.mark.parametrize("lesson", LESSONS, ids=[Path(p).name for p in LESSONS])
def test_lesson_handout_html(lesson):
    nb = nbformat.read(lesson, as_version=4)
    before = Path(lesson).read_bytes()
    for edition in ("student", "teacher"):
        html = handout_html(nb, name=Path(lesson).stem, edition=edition, path=Path(lesson).parent)
        doc = parse_html(html)
        assert doc.headings and doc.headings[0] == 1
        assert all(i.get("alt", "").strip() for i in doc.imgs)
        assert len(doc.imgs) >= figure_outputs(nb)
        text = text_of(html)
        for bad in ("<IPython", "VBox(", "object at 0x", "Traceback"):
            assert bad not in text
        if edition == "student":
            solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
            assert "Model answer (teacher edition)" not in text or not solutions
    assert Path(lesson).read_bytes() == before


@pytest.mark.handouts
def test_pdf_render_fetches_nothing_from_the_network(monkeypatch):
    import socket

    from diplotext.handouts import html_to_pdf

    attempts: list[tuple] = []

    def no_network(*args, **kwargs):
        attempts.append(args)  # WeasyPrint turns fetch errors into warnings: record them
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    html = (
        '<html lang="en"><head><title>t</title>'
        '<link rel="stylesheet" href="https://fonts.example.org/css2?family=X">'
        "<style>@import url(http://cdn.example.org/x.css);</style></head>"
        '<body><p>Offline.</p><img alt="remote" src="https://example.org/x.png">'
        f'<img alt="local" src="data:image/png;base64,{PNG_1PX}"></body></html>'
    )
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF-")
    assert attempts == []


def test_short_tables_kept_together_and_links_printed():
    html = html_of(fixture_nb())
    soup = BeautifulSoup(html, "html.parser")
    assert all("short-table" in t.get("class", []) for t in soup.find_all("table"))
    urls = [s.get_text() for s in soup.select("span.print-url")]
    # the link with text gets its address printed; the bare autolink does not
    assert urls == [
        " <https://editorials.voa.gov/a/a-diplomatic-path-is-open-to-russia/6392688.html>"
    ]


def test_cli_registration_does_not_import_nbconvert():
    """Every ``diplotext`` command registers ``handouts``: that must stay cheap."""
    code = (
        "import sys, argparse; import diplotext.handouts.cli as c; "
        "p = argparse.ArgumentParser(); c.register(p.add_subparsers()); "
        "print('nbconvert' in sys.modules, 'weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.handouts
def test_stylesheet_has_nothing_weasyprint_ignores(caplog):
    from diplotext.handouts import html_to_pdf

    html = html_of(fixture_nb(), "teacher")
    assert "var(--jp" not in html  # lab theme variables are undefined in a handout
    with caplog.at_level("WARNING", logger="weasyprint"):
        html_to_pdf(html)
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []


@pytest.mark.handouts
def test_wide_table_of_quotations_stays_inside_the_page(tmp_path):
    from diplotext.handouts import html_to_pdf

    HEADERS = ("#", "sentence", "speaker", "verb", "kind", "frame", "quote", "rule")
    row = (
        "<tr><td>{i}</td><td>3</td><td>Antony Blinken</td><td>emphasized</td><td>fragment</td>"
        "<td>before</td><td>“if the Kremlin is prepared to reciprocate regarding its own "
        "dangerous and destabilizing behavior”</td><td>quotes.within_reported_speech</td></tr>"
    )
    table = (
        "<table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in HEADERS)
        + "</tr></thead><tbody>"
        + "".join(row.format(i=i) for i in range(4))
        + "</tbody></table>"
    )
    out = new_output("display_data", data={"text/html": table, "text/plain": "table"})
    nb = cell_nb(new_markdown_cell("# Quotes"), new_code_cell("t", outputs=[out]))
    html = handout_html(nb, name="wide")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("colgroup") is not None and soup.find("wbr") is not None
    pdf = tmp_path / "wide.pdf"
    pdf.write_bytes(html_to_pdf(html))
    bbox = tool("pdftotext", "-bbox", str(pdf), "-")
    page_width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert right_edges and max(right_edges) <= page_width - 50  # inside the 21 mm margin
    text = " ".join(pdf_text(pdf).split())
    assert "reciprocate regarding its own dangerous" in text
