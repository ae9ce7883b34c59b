"""A release a course can pin: one version, metadata for citing, and a wheel that works alone.

Fast checks (no marker): the version is written once and the changelog, CITATION.cff and
.zenodo.json agree with it; the base install is the parser and CLI only; CITATION.cff is
valid CFF 1.2.0 (validated against the Citation File Format's JSON Schema, copied into
tests/fixtures/ from the cffconvert 2.0.0 package); the project URLs.

Marked ``release`` (about a minute; in ``make test``, not in ``make test-fast``):
``python -m build`` once per session gives an sdist and a wheel; ``twine check --strict``
passes; both carry every data file, template and seed; the wheel is installed into fresh
virtual environments (no checkout on ``sys.path``, run from an empty temporary folder,
``pip install --no-index`` from a wheelhouse in ``build/release-cache/``, filled once
with ``pip download`` from what the wheel requires):

* the base install (wheel alone): exactly diplotext and tqdm are installed, nothing of
  Jupyter or matplotlib can be imported, and ``analyze`` (on the seed inside the wheel),
  ``rules``, ``explain`` and ``compare`` print what they print from the checkout;
  ``handouts`` and ``lesson`` say which extra to install;
* ``diplotext[handouts]``: ``diplotext handouts`` writes a PDF of a committed lesson.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest

import diplotext

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
VERSION = diplotext.__version__
CACHE = ROOT / "build" / "release-cache"
SCHEMA = ROOT / "tests" / "fixtures" / "citation-file-format-1.2.0.schema.json"
SEED_NAME = "voa-2022-01-a-diplomatic-path-is-open-to-russia.txt"
PIP_TIMEOUT = 900

#: Importable in the base install = a Jupyter or plotting package leaked into it.
NOT_IN_BASE = (
    "jupyterlab", "jupyter_core", "jupyter_client", "nbformat", "nbconvert", "nbclient",
    "papermill", "ipykernel", "IPython", "ipywidgets", "matplotlib", "numpy", "weasyprint",
)  # fmt: skip


# --- one version, and the files that repeat it (fast) ------------------------------------


def test_version_is_written_once_and_read_by_hatch():
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "lib/diplotext/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)


def changelog_entry(version: str) -> str:
    """The date (``YYYY-MM-DD``) or ``unreleased`` of ``version``'s CHANGELOG heading."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(
        rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}}|unreleased)$", text, re.M
    )
    assert match, f"CHANGELOG.md has no '## [{version}] - DATE' (or '- unreleased') heading"
    assert re.search(rf"^\[{re.escape(version)}\]: ", text, re.M), "no link for the heading"
    return match.group(1)


def citation() -> dict:
    import yaml  # pyyaml, in the test extra

    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_changelog_citation_and_zenodo_agree_with_the_version():
    when = changelog_entry(VERSION)
    cff = citation()
    assert str(cff["version"]) == VERSION
    if when == "unreleased":
        assert "date-released" not in cff, "CITATION.cff dates a release the CHANGELOG has not"
    else:
        assert str(cff["date-released"]) == when
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["version"] == VERSION
    assert zenodo["title"] == cff["title"]


def test_citation_cff_is_valid_cff_1_2():
    from jsonschema import Draft7Validator

    cff = citation()
    assert cff["cff-version"] == "1.2.0"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # YAML reads dates as datetime.date; the schema wants the ISO string, as cffconvert does.
    data = json.loads(json.dumps(cff, default=str))
    errors = sorted(Draft7Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    # The seed stays cited as a reference, not as the project's own URL.
    assert "voa.gov" not in json.dumps({k: v for k, v in cff.items() if k != "references"})


def test_zenodo_json_has_what_a_deposit_needs():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "software"
    assert zenodo["creators"] and all(c.get("name") for c in zenodo["creators"])
    assert zenodo["description"] and zenodo["license"] == "MIT"
    assert zenodo["access_right"] == "open"


def test_base_install_is_the_parser_and_cli_only():
    deps = {re.match(r"[A-Za-z0-9._-]+", d).group(0).lower(): d for d in PROJECT["dependencies"]}
    assert set(deps) == {"tqdm", "tomli"}, "the base install may depend on tqdm and nothing else"
    assert 'python_version < "3.11"' in deps["tomli"]  # tomllib's backport, 3.10 only
    assert {"lessons", "handouts", "test", "dev"} <= set(PROJECT["optional-dependencies"])


def test_project_urls_name_the_repository_not_the_article():
    urls = PROJECT["urls"]
    assert {"Repository", "Documentation", "Issues"} <= set(urls)
    for url in urls.values():
        assert url.startswith("https://github.com/OWNER/diplotext"), url
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`OWNER`" in readme and "[project.urls]" in readme  # the placeholder is explained


# --- build once, check the files -------------------------------------------------------------


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], timeout=PIP_TIMEOUT)
    wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    return Dist(wheels[0], sdists[0])


def run(cmd: list[str], *, timeout: int, check: bool = True, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if check and proc.returncode != 0:
        pytest.fail(
            f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"--- stdout ---\n{proc.stdout[-3000:]}\n--- stderr ---\n{proc.stderr[-3000:]}",
            pytrace=False,
        )
    return proc


def tracked(folder: str) -> list[str]:
    """Files git tracks under ``folder`` (relative to it)."""
    listing = run(["git", "ls-files", "-z", folder], cwd=ROOT, timeout=60).stdout
    return [p[len(folder) + 1 :] for p in listing.split("\0") if p]


def wheel_metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(zf.read(name).decode("utf-8"))


@pytest.mark.release
def test_wheel_and_sdist_carry_the_data_templates_and_seeds(dist: Dist):
    assert dist.wheel.name == f"diplotext-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(dist.wheel) as zf:
        in_wheel = set(zf.namelist())
    package = [p for p in tracked("lib/diplotext") if "__pycache__" not in p]
    assert any(p.startswith("data/") for p in package) and any("templates/" in p for p in package)
    missing = [p for p in package if f"diplotext/{p}" not in in_wheel]
    missing += [f"_seeds/{p}" for p in tracked("seeds") if f"diplotext/_seeds/{p}" not in in_wheel]
    assert not missing, f"not in the wheel: {missing}"
    assert "diplotext/py.typed" in in_wheel
    assert f"diplotext/_seeds/{SEED_NAME}" in in_wheel
    assert not [n for n in in_wheel if n.startswith(("tests/", "notebooks/", "seeds/"))]

    with tarfile.open(dist.sdist) as tf:
        in_sdist = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    needed = [f"lib/diplotext/{p}" for p in package] + [f"seeds/{p}" for p in tracked("seeds")]
    needed += ["pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "CITATION.cff"]
    assert not [p for p in needed if p not in in_sdist], "sdist lacks files"


@pytest.mark.release
def test_wheel_metadata_version_requirements_and_urls(dist: Dist):
    meta = wheel_metadata(dist.wheel)
    assert meta["Version"] == VERSION
    base = sorted(r for r in meta.get_all("Requires-Dist") if "extra ==" not in r)
    assert [re.match(r"[\w.-]+", r).group(0) for r in base] == ["tomli", "tqdm"], base
    assert set(meta.get_all("Provides-Extra")) >= {"lessons", "handouts", "test", "dev"}
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Repository", "Documentation", "Issues"} <= set(urls)


@pytest.mark.release
def test_twine_check_passes(dist: Dist):
    proc = run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist.wheel), str(dist.sdist)],
        timeout=300,
    )
    assert proc.stdout.count("PASSED") == 2, proc.stdout


# --- fresh environments from the wheel -------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """The environment minus anything that could point back at the checkout or its venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DIPLOTEXT", "JUPYTER", "CONDA", "PIP_"))
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def wheelhouse(dist: Dist, extras: str) -> Path:
    """Wheels for what ``diplotext[extras]`` requires, downloaded once per requirement set."""
    from packaging.requirements import Requirement

    wanted = [e for e in extras.split(",") if e] or [""]
    reqs = set()
    for line in wheel_metadata(dist.wheel).get_all("Requires-Dist"):
        req = Requirement(line)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in wanted):
            reqs.add(f"{req.name}{req.specifier}")
    text = "\n".join(sorted(reqs)) + "\n"
    house = CACHE / "wheels"
    stamp = house / f".{hashlib.sha256(text.encode()).hexdigest()[:16]}"
    if not stamp.exists():
        house.mkdir(parents=True, exist_ok=True)
        (house / "requirements.txt").write_text(text, encoding="utf-8")
        run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
             "-d", str(house), "-r", str(house / "requirements.txt")],
            timeout=PIP_TIMEOUT,
        )  # fmt: skip
        stamp.touch()
    return house


@dataclass(frozen=True)
class Fresh:
    """A fresh virtual environment with the wheel installed, and an empty folder to run in."""

    venv: Path
    cwd: Path

    def env(self) -> dict[str, str]:
        bin_dir = self.venv / "bin"
        return clean_env(
            PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
            VIRTUAL_ENV=str(self.venv),
            MPLCONFIGDIR=str(self.cwd.parent / "mpl"),
            DIPLOTEXT_CACHE=str(self.cwd.parent / "figure-cache"),
        )

    def run(
        self, *args: str, check: bool = True, timeout: int = 300
    ) -> subprocess.CompletedProcess:
        exe = self.venv / "bin" / args[0]
        return run(
            [str(exe), *args[1:]], cwd=self.cwd, env=self.env(), timeout=timeout, check=check
        )

    def python(self, code: str) -> str:
        return self.run("python", "-c", code).stdout


def fresh(dist: Dist, where: Path, extras: str = "") -> Fresh:
    house = wheelhouse(dist, extras)
    venv.EnvBuilder(with_pip=True).create(where / "venv")
    (where / "cwd").mkdir()
    env = Fresh(where / "venv", where / "cwd")
    target = f"{dist.wheel}[{extras}]" if extras else str(dist.wheel)
    env.run("python", "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(house),
            target, timeout=PIP_TIMEOUT)  # fmt: skip
    return env


@pytest.fixture(scope="session")
def base(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Fresh:
    return fresh(dist, tmp_path_factory.mktemp("base"))


@pytest.fixture(scope="session")
def with_handouts(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Fresh:
    return fresh(dist, tmp_path_factory.mktemp("handouts"), "handouts")


def checkout_cli(*args: str) -> str:
    """What the checkout's own CLI prints for ``args`` (the reference output)."""
    return run([sys.executable, "-m", "diplotext.cli", *args], cwd=ROOT, timeout=300).stdout


@pytest.mark.release
def test_base_install_has_diplotext_and_tqdm_and_no_jupyter(base: Fresh):
    listed = json.loads(base.run("python", "-m", "pip", "list", "--format=json").stdout)
    names = {p["name"].lower() for p in listed} - {"pip", "setuptools", "wheel"}
    assert names == {"diplotext", "tqdm"}, names
    found = base.python(
        "import importlib.util as u, json, sys; "
        f"print(json.dumps([m for m in {list(NOT_IN_BASE)!r} if u.find_spec(m)]))"
    )
    assert json.loads(found) == []
    where = base.python(
        "import diplotext, sys; print(diplotext.__file__); print(diplotext.__version__)"
    )
    path, version = where.split()
    assert Path(path).is_relative_to(base.venv) and version == VERSION
    meta = base.python("from importlib.metadata import version; print(version('diplotext'))")
    assert meta.strip() == VERSION


@pytest.mark.release
def test_base_install_runs_the_parser_commands_on_the_seed_in_the_wheel(base: Fresh):
    seed = Path(base.python("import diplotext; print(diplotext.seed_path())").strip())
    assert seed.is_relative_to(base.venv) and seed.name == SEED_NAME  # from the wheel's _seeds
    checkout_seed = ROOT / "seeds" / SEED_NAME
    assert base.run("diplotext", "analyze", str(seed)).stdout == checkout_cli(
        "analyze", str(checkout_seed)
    )
    assert base.run("diplotext", "rules").stdout == checkout_cli("rules")
    assert base.run("diplotext", "explain", "quotes.said_after").stdout == checkout_cli(
        "explain", "quotes.said_after"
    )
    examples = sorted((seed.parent / "examples").glob("*.txt"))
    assert len(examples) == len(list((ROOT / "seeds" / "examples").glob("*.txt")))
    compared = base.run("diplotext", "compare", "--json", str(seed), *map(str, examples))
    reference = checkout_cli(
        "compare", "--json", str(checkout_seed),
        *(str(ROOT / "seeds" / "examples" / e.name) for e in examples),
    )  # fmt: skip
    assert json.loads(compared.stdout) == json.loads(reference)
    assert list(base.cwd.iterdir()) == []  # nothing written where it ran


@pytest.mark.release
def test_base_install_names_the_extra_a_command_needs(base: Fresh):
    r = base.run("diplotext", "handouts", "--out", "h", check=False)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(
        "diplotext: error: 'diplotext handouts' needs the handouts extra: "
        "pip install 'diplotext[handouts]'"
    ), r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1
    r = base.run("diplotext", "lesson", "x.txt", "--out", "p", check=False)
    assert r.returncode == 2 and "pip install 'diplotext[lessons,handouts]'" in r.stderr
    assert list(base.cwd.iterdir()) == []
    helptext = " ".join(base.run("diplotext", "handouts", "--help").stdout.split())
    assert "Needs the handouts extra: pip install 'diplotext[handouts]'" in helptext


@pytest.mark.release
def test_handouts_extra_exports_a_lesson_handout(with_handouts: Fresh):
    lesson = ROOT / "notebooks" / "00-start-here.ipynb"
    out = with_handouts.cwd / "handouts"
    with_handouts.run(
        "diplotext", "handouts", str(lesson), "--edition", "student", "--out", str(out),
        timeout=600,
    )  # fmt: skip
    pdf = out / "00-start-here-student.pdf"
    assert pdf.is_file(), sorted(p.name for p in out.iterdir())
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert shutil.which("pdftotext"), "install poppler-utils to read the handout back"
    text = run(["pdftotext", str(pdf), "-"], timeout=120).stdout
    assert "Start here" in text
