"""`diplotext lesson`: the document lessons regenerated for another statement.

The end-to-end tests run the course's real document lessons (those with a `parameters`
cell) for an example statement, from each edition, and build their handouts; the others use
a one-cell course written into tmp_path, so that errors, links and --force are tested fast.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from diplotext import cli
from diplotext.generate import (
    MARKER,
    document_lessons,
    metadata_toml,
    resolve_metadata,
    rewrite_links,
)
from diplotext.load import read_metadata_file
from diplotext.model import Metadata

from .conftest import ROOT

EXAMPLE = ROOT / "seeds" / "examples" / "state-2022-01-10-ssd-extraordinary-session.txt"

# A short readout in the genre, with no quotations and no metadata file beside it.
READOUT = (
    "Under Secretary Maria Lopez met today in Vienna with the Foreign Minister of Austria. "
    "The Under Secretary underscored that the United States remains committed to dialogue "
    "with its partners on European security.\n"
    "The two sides discussed energy security and the situation on Ukraine's borders, and "
    "agreed to stay in close contact."
)


def run(*argv: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["lesson", *argv])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


def cell_text(cell) -> str:
    """A cell's Markdown or its outputs' text (stream text, text/plain and text/markdown)."""
    if cell.cell_type == "markdown":
        return cell.source
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        for mime in ("text/plain", "text/markdown", "text/html"):
            parts.append(out.get("data", {}).get(mime, ""))
    return "\n".join(parts)


def about_the_text(nb) -> list[str]:
    """The Markdown and outputs that speak about the analysed text.

    Left out: the table of the parties' stated positions (context from
    seeds/context/positions.toml, the same for every text) and the References (which list
    the sources of that context). Rule explanations are included: rule docstrings use
    neutral examples of the genre, never the seed.
    """
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## References"):
            break
        text = cell_text(cell)
        if "Stated positions of the parties" in text:
            continue
        texts.append(text)
    return texts


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --------------------------------------------------------------------------- a tiny course


def tiny_course(folder: Path, extra_cells: list | None = None) -> Path:
    """A course folder with one document lesson, one context lesson and a glossary."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["diplotext"] = {"lesson": "07", "title": "Tiny", "course": "Test course"}
    params = nbformat.v4.new_code_cell("TEXT_PATH = None\nMETADATA_PATH = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 07 · Tiny\n\nSee the [glossary](glossary.md#hedge)."),
        params,
        nbformat.v4.new_code_cell(
            "from diplotext import lesson\ndoc = lesson.load_document(TEXT_PATH, METADATA_PATH)\n"
            "print(doc.metadata.title or 'title not given')"
        ),
        *(extra_cells or []),
        nbformat.v4.new_markdown_cell(
            "Next: [the formats](08-formats.ipynb), a [picture](img/map.png), "
            "[methods](../docs/methods.md), [the source](https://example.org/a.html)."
        ),
    ]
    nbformat.write(nb, str(folder / "07-tiny.ipynb"))
    context = nbformat.v4.new_notebook()
    context.cells = [nbformat.v4.new_markdown_cell("# 08 · Formats")]
    nbformat.write(context, str(folder / "08-formats.ipynb"))
    (folder / "glossary.md").write_text("# Glossary\n\n## Hedge\n\nA softener.\n", "utf-8")
    (folder / "img").mkdir(exist_ok=True)
    (folder / "img" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    return folder


# --------------------------------------------------------------------------- end to end


@pytest.mark.handouts
def test_pack_for_an_example_statement_with_the_real_lessons(tmp_path, capsys):
    lessons = document_lessons()
    assert lessons, "no notebook in notebooks/ has a cell tagged 'parameters'"
    out = tmp_path / "pack"
    code, stdout, err = run(str(EXAMPLE), "--out", str(out), capsys=capsys)
    assert code == 0, err
    # Not a terminal: no bar, only the one summary line naming the pack.
    assert re.fullmatch(r"lesson pack: \d+ lesson\(s\), \d+ handout\(s\); open README\.md "
                        r"there in \d+\.\d s -> .+pack\n", err), err  # fmt: skip
    manifest = json.loads((out / MARKER).read_text("utf-8"))
    assert manifest["notebooks"] == [p.name for p in lessons]
    # The text is copied unchanged; its provenance travels with it.
    assert (out / manifest["text"]).read_bytes() == EXAMPLE.read_bytes()
    meta = read_metadata_file(out / manifest["metadata"])
    assert meta.publisher == "U.S. Department of State (press statement)"
    assert (out / "glossary.md").is_file()

    for name in manifest["notebooks"]:
        nb = nbformat.read(str(out / name), as_version=4)
        assert nb.metadata["papermill"]["parameters"]["TEXT_PATH"] == manifest["text"]
        texts = []
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and cell.source.strip():
                assert cell.execution_count is not None, f"{name} cell {i} not executed"
                kinds = {o["output_type"] for o in cell.outputs}
                assert "error" not in kinds, f"{name} cell {i} has an error output"
            texts.append(cell_text(cell))
        joined = "\n".join(texts)
        assert "Wendy R. Sherman" in joined, f"{name} does not mention the statement's speaker"
        assert not any("Blinken" in t for t in about_the_text(nb)), f"{name} speaks of the seed"
        # Links inside the pack resolve.
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", cell.source):
                if not re.match(r"[a-z]+:", target):
                    assert (out / target).exists(), f"{name}: broken link {target}"
        pdf = out / "handouts" / f"{Path(name).stem}-student.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-", pdf
    # From the student edition: student handouts only (no model answers to print).
    assert len(manifest["handouts"]) == len(manifest["notebooks"])
    assert not list((out / "handouts").glob("*-teacher.pdf"))
    assert str(out / manifest["notebooks"][0]) in stdout
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary folder left"


@pytest.mark.handouts
def test_teacher_pack_prints_both_editions_with_model_answers(tmp_path, capsys):
    """From teacher/: the model answers are regenerated for the text and printed, marked."""
    import subprocess

    out = tmp_path / "pack"
    code, _, err = run(str(EXAMPLE), "--out", str(out), "--notebooks", str(ROOT / "teacher"),
                       capsys=capsys)  # fmt: skip
    assert code == 0, err
    manifest = json.loads((out / MARKER).read_text("utf-8"))
    assert len(manifest["handouts"]) == 2 * len(manifest["notebooks"])
    name = Path(manifest["notebooks"][0]).stem
    text = {}
    for ed in ("student", "teacher"):
        pdf = out / "handouts" / f"{name}-{ed}.pdf"
        r = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        text[ed] = r.stdout
    assert "Model answer" in text["teacher"] and "Model answer" not in text["student"]
    assert "Wendy R. Sherman" in text["teacher"]  # the handout is about this text


def test_text_without_metadata_or_quotes_says_not_given(tmp_path, capsys):
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "pack"
    code, _, err = run(str(text), "--out", str(out), "--no-handouts", capsys=capsys)
    assert code == 0, err
    manifest = json.loads((out / MARKER).read_text("utf-8"))
    assert manifest["handouts"] == []
    assert read_metadata_file(out / manifest["metadata"]) == Metadata()
    joined = ""
    for name in manifest["notebooks"]:
        nb = nbformat.read(str(out / name), as_version=4)
        for cell in nb.cells:
            assert not any(o["output_type"] == "error" for o in cell.get("outputs", []))
        texts = [cell_text(c) for c in nb.cells]
        assert not any("Blinken" in t for t in about_the_text(nb))
        joined += "\n".join(texts)
    assert "not given" in joined
    assert "title: not given" in (out / "README.md").read_text("utf-8")


# --------------------------------------------------------------------------- the tiny course


def test_flags_override_the_metadata_and_links_are_made_to_work(tmp_path, capsys):
    course = tiny_course(tmp_path / "course")
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    (tmp_path / "readout.meta.toml").write_text(
        'title = "From the file"\npublisher = "Office of the Spokesperson"\n', "utf-8"
    )
    out = tmp_path / "new" / "pack"  # the parent does not exist yet
    code, _, err = run(
        str(text), "--out", str(out), "--notebooks", str(course), "--no-handouts",
        "--title", "From the flag", "--date", "",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert document_lessons(course) == (course / "07-tiny.ipynb",)
    assert sorted(p.name for p in out.glob("*.ipynb")) == ["07-tiny.ipynb"]
    meta = read_metadata_file(out / "source" / "readout.meta.toml")
    assert (meta.title, meta.publisher, meta.date) == (
        "From the flag",
        "Office of the Spokesperson",
        None,
    )
    nb = nbformat.read(str(out / "07-tiny.ipynb"), as_version=4)
    assert "From the flag" in cell_text(nb.cells[3])  # cell 2 is papermill's injected cell
    assert nb.metadata["diplotext"]["edition"] == "for: From the flag"
    last = nb.cells[-1].source
    assert "[glossary](glossary.md#hedge)" in nb.cells[0].source
    assert "[picture](img/map.png)" in last and (out / "img" / "map.png").is_file()
    assert "the formats (course lesson `notebooks/08-formats.ipynb`" in last
    assert "methods (in the diplotext course: `docs/methods.md`)" in last
    assert "[the source](https://example.org/a.html)" in last


def test_force_replaces_an_earlier_pack_only(tmp_path, capsys):
    course = tiny_course(tmp_path / "course")
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "pack"
    args = (str(text), "--out", str(out), "--notebooks", str(course), "--no-handouts")
    assert run(*args, capsys=capsys)[0] == 0
    (out / "stale.txt").write_text("from an earlier run", "utf-8")
    code, _, err = run(*args, capsys=capsys)
    assert code == 2 and "--force" in err
    assert (out / "stale.txt").exists()
    assert run(*args, "--force", capsys=capsys)[0] == 0
    assert not (out / "stale.txt").exists() and (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "pack", "readout.txt"]


def test_a_failing_lesson_names_the_cell_and_writes_nothing(tmp_path, capsys):
    boom = nbformat.v4.new_code_cell("raise ValueError('this lesson is broken')")
    course = tiny_course(tmp_path / "course", extra_cells=[boom])
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    before = tree(tmp_path)
    out = tmp_path / "made" / "for" / "pack"
    code, stdout, err = run(str(text), "--out", str(out), "--notebooks", str(course), capsys=capsys)
    assert code == 2
    assert stdout == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    # Cell 4 of the course notebook (papermill's injected cell is not counted).
    assert lines[0].startswith("diplotext: error: 07-tiny.ipynb: cell 4 raised ValueError")
    assert tree(tmp_path) == before, "something was left behind"


# --------------------------------------------------------------------------- bad input


def _bad_text(tmp_path: Path, kind: str) -> str:
    p = tmp_path / "input.txt"
    if kind == "empty":
        p.write_bytes(b"")
    elif kind == "whitespace":
        p.write_bytes(b" \n\t\r\n  ")
    elif kind == "binary":
        p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif kind == "latin-1":
        p.write_bytes("Readout: the Minister’s café".encode("cp1252"))
    elif kind == "missing":
        return str(tmp_path / "no-such-file.txt")
    elif kind == "folder":
        (tmp_path / "a-folder").mkdir()
        return str(tmp_path / "a-folder")
    return str(p)


@pytest.mark.parametrize("kind", ["empty", "whitespace", "binary", "latin-1", "missing", "folder"])
def test_bad_text_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, kind):
    path = _bad_text(tmp_path, kind)
    before = tree(tmp_path)
    code, stdout, err = run(path, "--out", str(tmp_path / "out" / "pack"), capsys=capsys)
    assert code == 2
    assert stdout == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplotext: error: "), err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("kind", ["not empty", "a file", "not a pack with --force"])
def test_bad_output_folder_exits_2_and_writes_nothing(tmp_path, capsys, kind):
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "out"
    extra: tuple[str, ...] = ()
    if kind == "a file":
        out.write_text("a file, not a folder", "utf-8")
    else:
        out.mkdir()
        (out / "notes.md").write_text("my own notes", "utf-8")
        extra = ("--force",) if "force" in kind else ()
    before = tree(tmp_path)
    code, stdout, err = run(str(text), "--out", str(out), *extra, capsys=capsys)
    assert code == 2 and stdout == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplotext: error: "), err
    assert str(out) in lines[0]
    assert tree(tmp_path) == before


def test_bad_metadata_file_exits_2(tmp_path, capsys):
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "unterminated\n', "utf-8")
    before = tree(tmp_path)
    code, _, err = run(
        str(text), "--out", str(tmp_path / "o"), "--metadata", str(bad), capsys=capsys
    )
    assert code == 2 and "not valid TOML" in err and len(err.strip().splitlines()) == 1
    assert tree(tmp_path) == before


# --------------------------------------------------------------------------- helpers


def test_metadata_toml_round_trips_awkward_values(tmp_path):
    meta = Metadata(
        title='He said "no" \\ then left',
        publisher="Ministère des Affaires étrangères",
        date="2022-01",
        note="line one\nline two\ttabbed",
        extra=(("found_at", "a reprint"), ("odd key", "value")),
    )
    p = tmp_path / "m.meta.toml"
    p.write_text(metadata_toml(meta, "a comment\non two lines"), encoding="utf-8")
    assert read_metadata_file(p) == meta
    assert p.read_text("utf-8").startswith("# a comment\n# on two lines\n")


def test_resolve_metadata_reads_the_file_beside_the_text_then_flags(tmp_path):
    text = tmp_path / "s.txt"
    text.write_text(READOUT, encoding="utf-8")
    assert resolve_metadata(text) == Metadata()
    (tmp_path / "s.meta.toml").write_text('genre = "readout"\ndate = "2022-01-09"\n', "utf-8")
    meta = resolve_metadata(text, overrides={"date": "2022-01-10", "title": "  ", "url": None})
    assert (meta.genre, meta.date, meta.title, meta.url) == ("readout", "2022-01-10", None, None)


def test_rewrite_links_keeps_what_resolves_and_names_what_does_not(tmp_path):
    course = tiny_course(tmp_path / "course")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "glossary.md").write_text("x", "utf-8")
    copies: dict[str, Path] = {}
    md = (
        "[g](glossary.md#hedge) [l](08-formats.ipynb) ![map](img/map.png) "
        "[w](https://example.org) [a](#summary) [m](missing.md)"
    )
    got = rewrite_links(md, pack, course, copies)
    assert "[g](glossary.md#hedge)" in got
    assert "l (course lesson `notebooks/08-formats.ipynb`, not regenerated" in got
    assert "![map](img/map.png)" in got and copies == {"img/map.png": course / "img" / "map.png"}
    assert "[w](https://example.org)" in got and "[a](#summary)" in got
    assert "m (in the diplotext course: `notebooks/missing.md`)" in got


# --------------------------------------------------------------------------- hostile metadata

HOSTILE = {
    "title": "<img src=x onerror=alert(1)> # Not a heading *bold* [x](javascript:alert(1)) &amp;",
    "publisher": "<script>alert('publisher')</script> | table | `code`",
    "genre": "readout <a href='https://evil.example'>click</a>",
    "date": "2022-01-10 <b>",
}


def _html_of(markdown: str) -> str:
    """The README as a Markdown viewer shows it (mistune passes raw HTML through)."""
    import mistune

    return mistune.html(markdown)


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("javascript:alert(document.cookie)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ('https://example.org/a b(c)"<x>/sec\\_press%zz?q=1&r=é#top', "PCT"),
    ],
)
def test_pack_readme_escapes_every_field_and_links_only_web_addresses(tmp_path, capsys, url, href):
    course = tiny_course(tmp_path / "course")
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "pack"
    flags = [f"--{k}={v}" for k, v in HOSTILE.items()] + [f"--url={url}"]
    args = (str(text), "--out", str(out), "--notebooks", str(course), "--no-handouts")
    code, _, err = run(*args, *flags, capsys=capsys)
    assert code == 0, err
    readme = (out / "README.md").read_text("utf-8")
    html = _html_of(readme)
    # No tag, attribute or link comes from the metadata; each value is shown as text.
    tags = re.findall(r"<([a-zA-Z][^\s>/]*)([^>]*)>", html)
    assert {t for t, _ in tags} <= {"h1", "h2", "p", "code", "ul", "li", "a"}, tags
    assert [attrs.split("=")[0].strip() for t, attrs in tags if attrs] == ["href"] * len(
        [1 for t, attrs in tags if attrs]
    )
    assert html.count("<h1>") == 1 and html.count("<h2>") == 3
    assert html.count("<code>") == 2  # `diplotext lesson` and `source/readout.txt` only
    import html as html_module

    shown = html_module.unescape(re.sub(r"<[^>]+>", "", html))
    for value in [*HOSTILE.values(), url]:
        assert value in shown, value
    links = re.findall(r'href="([^"]*)"', html)
    assert links == [
        *(
            ["https://example.org/a%20b%28c%29%22%3Cx%3E/sec%5C_press%25zz?q=1&amp;r=%C3%A9#top"]
            if href
            else []
        ),
        "07-tiny.ipynb",
    ]
    # The notebooks carry the title as data (metadata), never as Markdown source.
    nb = nbformat.read(str(out / "07-tiny.ipynb"), as_version=4)
    assert nb.metadata["diplotext"]["document"]["title"] == HOSTILE["title"]
    assert not any(HOSTILE["title"] in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--title", "A title\n- [x](javascript:alert(1))", r"--title: 'title' contains U\+000A"),
        (
            "--publisher",
            "Office\rof the Spokesperson",
            r"--publisher: 'publisher' contains U\+000D",
        ),
        ("--title", "Red \x1b[31malert", r"--title: 'title' contains U\+001B"),
        ("--url", "https://example.org/\u2028x", r"--url: 'url' contains U\+2028"),
        ("--genre", "readout\udcff", r"--genre: 'genre' has a lone surrogate"),
    ],
)
def test_one_line_fields_with_newlines_or_control_characters_are_refused(
    tmp_path, capsys, flag, value, message
):
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    before = tree(tmp_path)
    code, stdout, err = run(str(text), "--out", str(tmp_path / "pack"), flag, value, capsys=capsys)
    assert code == 2 and stdout == ""
    assert re.fullmatch(rf"diplotext: error: {message}[^\n]*\n", err), err
    assert tree(tmp_path) == before


def test_a_title_on_several_lines_in_the_metadata_file_is_refused(tmp_path, capsys):
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    (tmp_path / "readout.meta.toml").write_text('title = "One\\n# Two"\n', encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = run(str(text), "--out", str(tmp_path / "pack"), capsys=capsys)
    assert code == 2 and "readout.meta.toml: 'title' contains U+000A" in err
    assert err.count("\n") == 1 and tree(tmp_path) == before


# --------------------------------------------------------------------------- output folder


def test_an_output_folder_that_cannot_be_written_is_one_line_and_leaves_nothing(
    tmp_path, capsys, monkeypatch
):
    course = tiny_course(tmp_path / "course")
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "new" / "pack"
    before = tree(tmp_path)

    def full_disk(*args, **kwargs):  # as on a full or read-only disk, even for root
        raise OSError(28, "No space left on device", str(out.parent / ".pack.building-x"))

    monkeypatch.setattr("tempfile.mkdtemp", full_disk)
    args = (str(text), "--out", str(out), "--notebooks", str(course), "--no-handouts")
    code, stdout, err = run(*args, capsys=capsys)
    assert code == 2 and stdout == ""
    assert err == (
        f"diplotext: error: output folder {out}: cannot write it (No space left on device); "
        "nothing was written: free some space or choose a folder you can write to for --out\n"
    )
    assert tree(tmp_path) == before  # the folder "new" made for --out is removed again


def test_a_course_file_linked_out_of_the_course_folder_is_not_copied(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("a file outside the course", encoding="utf-8")
    course = tiny_course(tmp_path / "course")
    (course / "img" / "map.png").unlink()
    (course / "img" / "map.png").symlink_to(secret)  # the lesson links img/map.png
    text = tmp_path / "readout.txt"
    text.write_text(READOUT, encoding="utf-8")
    out = tmp_path / "pack"
    args = (str(text), "--out", str(out), "--notebooks", str(course), "--no-handouts")
    code, _, err = run(*args, capsys=capsys)
    assert code == 0, err
    assert not (out / "img").exists()
    assert not any(
        "outside the course" in p.read_text("utf-8", "replace")
        for p in out.rglob("*")
        if p.is_file()
    )
