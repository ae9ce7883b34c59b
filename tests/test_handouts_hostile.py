"""Handouts of a notebook from someone else: no local file read, attached or run.

``tests/fixtures/hostile/hostile.ipynb`` tries every trick: ``rel="attachment"`` links and
anchors, ``file:`` images, a symlink out of its folder, CSS ``url()`` and ``@import`` of a
"secret" file one folder up (``tests/fixtures/hostile-secret.*``), event handlers,
``<svg onload>``, ``javascript:`` links, ``<form>``, ``<base>``. It is exported once through
``diplotext handouts --html`` and ``jupyter nbconvert --to handout_pdf`` / ``--to handout``;
the PDFs are read back with poppler (``pdfdetach``, ``pdftotext``, ``pdfimages``) and the
HTML with :mod:`html.parser`.
"""

from __future__ import annotations

import base64
import copy
import shutil
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from diplotext.cli import main
from diplotext.handouts import HandoutHTMLExporter, HandoutPDFExporter
from diplotext.handouts.metadata import NotebookMetadataError
from diplotext.handouts.safety import MAX_IMAGE_PIXELS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE = FIXTURES / "hostile" / "hostile.ipynb"
#: Text that is in the files a handout must not read or attach.
SECRETS = ("DIPLOTEXT-SECRET", "DIPLOTEXT-LOCAL-NOTE", "root:x:0:0")
CLI = "import sys; from diplotext.cli import main; sys.exit(main(sys.argv[1:]))"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcset"}
ACTIVE_TAGS = {"script", "form", "base", "svg", "math", "iframe", "object", "embed", "input",
               "button", "textarea", "select", "link", "frame", "frameset", "template"}  # fmt: skip
#: Allowed in the template's own <head> only.
HEAD_TAGS = {"style", "meta", "title"}


def tool(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)


# ---- one export of the hostile notebook through every door --------------------------------
@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    commands = {
        "cli": [sys.executable, "-c", CLI, "handouts", str(HOSTILE), "--html", "--out",
                str(out / "cli")],
        "pdf": [sys.executable, "-m", "jupyter", "nbconvert", "--to", "handout_pdf",
                "--output-dir", str(out / "nbconvert"), str(HOSTILE)],
        "html": [sys.executable, "-m", "jupyter", "nbconvert", "--to", "handout",
                 "--HandoutHTMLExporter.edition=teacher", "--output-dir", str(out / "nbconvert"),
                 str(HOSTILE)],
    }  # fmt: skip
    procs = {
        k: subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for k, c in commands.items()
    }
    results = {k: (p.communicate(timeout=300), p.returncode) for k, p in procs.items()}
    for k, ((_, stderr), code) in results.items():
        assert code == 0, f"{k}: exit {code}\n{stderr}"
    return {
        "out": out,
        "stderr": {k: r[0][1] for k, r in results.items()},
        "pdfs": [out / "cli" / "hostile-student.pdf", out / "cli" / "hostile-teacher.pdf",
                 out / "nbconvert" / "hostile.pdf"],
        "htmls": [out / "cli" / "hostile-student.html", out / "cli" / "hostile-teacher.html",
                  out / "nbconvert" / "hostile.html"],
    }  # fmt: skip


class _Audit(HTMLParser):
    """Everything in a page that could run, navigate, submit or fetch."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.imgs: list[dict[str, str]] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        if tag in ACTIVE_TAGS or (tag in HEAD_TAGS and self.in_body):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.problems.append("<meta http-equiv>")
        if tag == "img":
            self.imgs.append({k: v or "" for k, v in attrs})
        for name, value in attrs:
            value = "".join(ch for ch in (value or "") if ch > " ").lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "rel" and "attachment" in value:
                self.problems.append(f"<{tag} rel={value}>")
            if name in URL_ATTRIBUTES:
                scheme = value.split(":", 1)[0] if ":" in value.split("/", 1)[0] else ""
                if scheme in ("javascript", "vbscript", "file"):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
                if scheme == "data" and not (tag == "img" and value.startswith("data:image/")):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and "url(" in value:
                self.problems.append(f"<{tag} style={value[:40]}>")

    handle_startendtag = handle_starttag


def audit(html: str) -> _Audit:
    a = _Audit()
    a.feed(html)
    return a


@pytest.mark.handouts
def test_hostile_pdfs_attach_nothing_and_read_no_outside_file(exported):
    for pdf in exported["pdfs"]:
        assert tool("pdfdetach", "-list", str(pdf)).splitlines()[0] == "0 embedded files", pdf
        text = tool("pdftotext", "-enc", "UTF-8", str(pdf), "-")
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {pdf.name}"
        assert "A hostile handout" in text and "A styled paragraph." in text
        # a file inside the notebook's folder is still read: the local figure prints
        sizes = [
            line.split()[3:5] for line in tool("pdfimages", "-list", str(pdf)).splitlines()[2:]
        ]
        assert sizes.count(["60", "30"]) >= 2, pdf  # the local PNG and the output PNG


@pytest.mark.handouts
def test_hostile_html_has_nothing_active(exported):
    for path in exported["htmls"]:
        html = path.read_text(encoding="utf-8")
        doc = audit(html)
        assert doc.problems == [], f"{path.name}: {doc.problems}"
        for secret in SECRETS:
            assert secret not in html
        alts = [i.get("alt", "") for i in doc.imgs]
        assert "A blue rectangle, a figure inside the notebook folder" in alts
        assert "A blue rectangle drawn by a cell" in alts
        # SVG only as an image (a browser runs no script in an <img>), with its alt text
        svg = [i for i in doc.imgs if i.get("src", "").startswith("data:image/svg+xml;base64,")]
        assert [i["alt"] for i in svg] == ["An SVG output with a script in it"]
        assert "div with handlers" in html and "Which of the elements above" in html


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_hostile_html_in_process_has_nothing_active(edition):
    """The same audit without subprocesses or PDFs (runs in ``make test-fast``)."""
    from diplotext.handouts.build import handout_html, read_notebook

    html = handout_html(read_notebook(HOSTILE), name="hostile", edition=edition,
                        path=HOSTILE.parent)  # fmt: skip
    doc = audit(html)
    assert doc.problems == []
    assert ("Model answer: none of them" in html) is (edition == "teacher")
    assert [i.get("src") for i in doc.imgs if i.get("alt", "").startswith("A blue rectangle,")] == [
        "local-figure.png"
    ]


@pytest.mark.handouts
def test_refused_urls_are_named_in_a_warning(exported):
    for key in ("cli", "pdf"):
        err = exported["stderr"][key]
        assert "Traceback" not in err
        refused = [line for line in err.splitlines() if "diplotext: warning: not fetching" in line]
        assert any("tests/fixtures/hostile-secret.svg" in line for line in refused), err
        assert any("link-to-secret.svg" in line for line in refused), err


# ---- the URL fetcher and attachments, without the sanitiser in front ------------------------
@pytest.mark.handouts
def test_pdf_renderer_refuses_outside_files_and_attachments(tmp_path, caplog):
    from diplotext.handouts import html_to_pdf

    folder = FIXTURES / "hostile"
    html = (
        '<html lang="en"><head><title>t</title>'
        '<link rel="attachment" href="file:///etc/passwd">'
        '<link rel="attachment" href="local-note.txt">'
        '<link rel="stylesheet" href="../hostile-secret.css">'
        '<style>@import url("../hostile-secret.css"); @import url("file:///etc/passwd");'
        'p.bg { background-image: url("../hostile-secret.svg"); height: 20mm; }</style></head>'
        '<body><main><p>Raw page.</p><p class="bg">x</p>'
        '<a rel="attachment" href="../hostile-secret.txt">secret</a> '
        '<a rel="attachment" href="local-note.txt">note</a>'
        '<img alt="s" src="../hostile-secret.svg"><img alt="l" src="link-to-secret.svg">'
        '<img alt="w" src="https://example.org/x.png">'
        '<img alt="ok" src="local-figure.png"></main></body></html>'
    )
    with caplog.at_level("WARNING", logger="diplotext.handouts"):
        pdf_bytes = html_to_pdf(html, base_url=folder.resolve().as_uri() + "/")
    pdf = tmp_path / "raw.pdf"
    pdf.write_bytes(pdf_bytes)
    assert tool("pdfdetach", "-list", str(pdf)).splitlines()[0] == "0 embedded files"
    text = tool("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    assert "Raw page." in text
    for secret in SECRETS:
        assert secret not in text
    sizes = [line.split()[3:5] for line in tool("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    assert ["60", "30"] in sizes  # the notebook folder's own file is read
    messages = "\n".join(r.getMessage() for r in caplog.records)
    secret_dir = FIXTURES.resolve().as_uri()
    for url in (f"{secret_dir}/hostile-secret.css", f"{secret_dir}/hostile-secret.svg",
                "file:///etc/passwd", "https://example.org/x.png",
                f"{secret_dir}/hostile/link-to-secret.svg"):  # fmt: skip
        assert f"not fetching {url} " in messages, url
    assert messages.count("not attaching") == 4


# ---- an image too large to print ------------------------------------------------------------
def huge_png(width: int, height: int) -> bytes:
    """A 1-bit black PNG of ``width x height`` (about 110 KB for 30000 x 30000)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.handouts
def test_oversized_image_becomes_a_visible_box(tmp_path):
    png = base64.b64encode(huge_png(30000, 30000)).decode()
    alt = "A map far too large to print"
    out = new_output("display_data", data={"image/png": png, "text/plain": "[Figure 1: map]"},
                     metadata={"image/png": {"alt": alt}})  # fmt: skip
    nb = new_notebook(cells=[new_markdown_cell("# Big"), new_code_cell("m", outputs=[out])])
    path = tmp_path / "01-big.ipynb"
    nbformat.write(nb, path)
    done = run(sys.executable, "-c", CLI, "handouts", str(path), "--edition", "student",
               "--html", "--out", str(tmp_path / "out"), "-q")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"over the {MAX_IMAGE_PIXELS}-pixel limit" in done.stderr and alt in done.stderr
    assert "30000 x 30000 pixels" in done.stderr
    html = (tmp_path / "out" / "01-big-student.html").read_text(encoding="utf-8")
    assert png[:200] not in html
    text = " ".join(tool("pdftotext", str(tmp_path / "out" / "01-big-student.pdf"), "-").split())
    assert "Image not printed: 30000 x 30000 pixels" in text
    assert f"Description: {alt}" in text


# ---- metadata of the wrong type -------------------------------------------------------------
def _exercise(nb):
    return next(c for c in nb.cells if "exercise" in c.metadata.get("tags", []))


BAD_METADATA = {
    "answer_lines text": (lambda nb: _exercise(nb).metadata.diplotext.update(answer_lines="x"),
                          "cell 6 (id 'hostile-5'): metadata.diplotext.answer_lines"),
    "answer_lines 51": (lambda nb: _exercise(nb).metadata.diplotext.update(answer_lines=51),
                          "metadata.diplotext.answer_lines must be an integer from 0 to 50"),
    "answer_lines negative": (lambda nb: _exercise(nb).metadata.diplotext.update(answer_lines=-1),
                              "answer_lines"),
    "answer_lines bool": (lambda nb: _exercise(nb).metadata.diplotext.update(answer_lines=True),
                          "answer_lines"),
    "cell diplotext a list": (lambda nb: _exercise(nb).metadata.update(diplotext=[3]),
                              "cell 6 (id 'hostile-5'): metadata.diplotext must be an object"),
    "title with newline": (lambda nb: nb.metadata.diplotext.update(title="One\n- fake item"),
                           "metadata.diplotext.title must be a string of one line"),
    "course a list": (lambda nb: nb.metadata.diplotext.update(course=["a"]),
                      "metadata.diplotext.course"),
    "lesson an object": (lambda nb: nb.metadata.diplotext.update(lesson={"n": 1}),
                         "metadata.diplotext.lesson"),
    "author name": (lambda nb: nb.metadata.update(authors=[{"name": 5}]),
                    "metadata.authors[0].name"),
    "figure alt": (lambda nb: nb.cells[4].outputs[2].metadata["image/png"].update(alt=["x"]),
                   "cell 5 (id 'hostile-4'): outputs[2].metadata['image/png'].alt"),
    "figure width": (lambda nb: nb.cells[4].outputs[2].metadata["image/png"].update(width="9e9"),
                     "outputs[2].metadata['image/png'].width must be a positive integer"),
    "tags of numbers": (lambda nb: nb.cells[1].metadata.update(tags=[1, 2]),
                        "cell 2 (id 'hostile-1'): metadata.tags must be a list of strings"),
}  # fmt: skip


def bad_notebook(tmp_path: Path, case: str) -> Path:
    nb = nbformat.read(HOSTILE, as_version=4)
    change, _ = BAD_METADATA[case]
    change(nb)
    folder = tmp_path / "nb"
    folder.mkdir(exist_ok=True)
    path = folder / "07-bad.ipynb"
    path.write_text(nbformat.writes(nb, version=4), encoding="utf-8")  # no validation: bad input
    return path


@pytest.mark.parametrize("case", sorted(BAD_METADATA))
def test_bad_metadata_is_one_error_naming_cell_and_field(case, tmp_path, capsys):
    path = bad_notebook(tmp_path, case)
    out = tmp_path / "out"
    assert main(["handouts", str(path), "--out", str(out), "-q"]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("diplotext: error: "), err
    assert "\n" not in err and "Traceback" not in err
    if case != "tags of numbers":  # nbformat's validator names that one itself
        assert BAD_METADATA[case][1] in err
    assert captured.out == ""
    assert not out.exists()
    with pytest.raises(NotebookMetadataError, match=r"07-bad: .*must be"):
        HandoutHTMLExporter().from_filename(str(path))
    with pytest.raises(NotebookMetadataError):
        HandoutPDFExporter().from_filename(str(path))


@pytest.mark.handouts
def test_nbconvert_reports_bad_metadata_clearly(tmp_path):
    path = bad_notebook(tmp_path, "answer_lines text")
    done = run(sys.executable, "-m", "jupyter", "nbconvert", "--to", "handout_pdf",
               "--output-dir", str(tmp_path / "out"), str(path))  # fmt: skip
    assert done.returncode != 0
    assert "NotebookMetadataError: 07-bad: cell 6 (id 'hostile-5'): " in done.stderr
    assert "metadata.diplotext.answer_lines must be an integer from 0 to 50, not 'x'" in done.stderr
    assert "TypeError" not in done.stderr and "jinja2" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_embed_images_cannot_read_files_outside_the_folder():
    nb = new_notebook(cells=[new_markdown_cell("![secret](../hostile-secret.svg)")])
    exporter = HandoutHTMLExporter(embed_images=True)
    assert exporter.embed_images is False
    html, _ = exporter.from_notebook_node(nb, {"metadata": {"path": str(HOSTILE.parent)}})
    assert "data:image/svg+xml" not in html and "DIPLOTEXT-SECRET" not in html


def test_good_metadata_still_prints_its_answer_lines():
    nb = nbformat.read(HOSTILE, as_version=4)
    nb = copy.deepcopy(nb)
    _exercise(nb).metadata.diplotext["answer_lines"] = 50
    html, _ = HandoutHTMLExporter(edition="student").from_notebook_node(
        nb, {"metadata": {"name": "hostile", "path": str(HOSTILE.parent)}}
    )
    assert html.count('<div class="answer-line">') == 50


def test_fixture_secrets_are_outside_the_notebook_folder():
    """The test is only meaningful if the secret files exist where the notebook points."""
    for name in ("hostile-secret.txt", "hostile-secret.css", "hostile-secret.svg"):
        assert "DIPLOTEXT-SECRET" in (FIXTURES / name).read_text(encoding="utf-8")
    link = FIXTURES / "hostile" / "link-to-secret.svg"
    assert link.is_symlink() and link.resolve() == (FIXTURES / "hostile-secret.svg").resolve()
    assert shutil.which("pdfdetach"), "poppler-utils is needed (apt-get install poppler-utils)"
