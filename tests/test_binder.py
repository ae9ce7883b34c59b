"""The Binder (repo2docker) set-up in ``binder/`` builds an environment that runs the lessons.

No Docker and no network beyond PyPI:

* static checks of ``binder/`` (every requirement pinned, runtime, apt list, postBuild);
* (a) ``jupyter-repo2docker --no-build --debug`` prints the Dockerfile it would build, and
  that Dockerfile uses ``binder/requirements.txt``, ``runtime.txt``, ``apt.txt`` and
  ``postBuild``. repo2docker is not a lesson dependency: it is installed into its own
  virtual environment, cached in ``build/binder-cache/`` (git-ignored);
* (b) a fresh virtual environment built ONLY from ``binder/requirements.txt``, then
  ``binder/postBuild`` run from a copy of the repository (as repo2docker does), executes
  every lesson ``notebooks/[0-9]*.ipynb`` and exports a PDF handout with
  ``jupyter nbconvert --to handout_pdf``. The wheels are cached in
  ``build/binder-cache/wheels/`` (refreshed when requirements.txt changes), so a second
  run installs without downloading.

Run: ``.venv/bin/python -m pytest -q -m binder tests/test_binder.py`` (a few minutes).
``DIPLOTEXT_BINDER_NOTEBOOKS=DIR`` adds the ``[0-9]*.ipynb`` of DIR to the copy's
``notebooks/`` (for developing this test before the lessons exist).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
CACHE = REPO / "build" / "binder-cache"

#: repo2docker version the Dockerfile checks were written against.
REPO2DOCKER = "jupyter-repo2docker==2026.4.0"

#: Packages the lessons import; binder/requirements.in must list them (and every
#: base, [lessons] and [handouts] dependency of pyproject.toml, see project_dependencies()).
LESSON_PACKAGES = ("jupyterlab", "nbconvert", "nbclient", "matplotlib", "ipywidgets", "weasyprint")

#: What a class JupyterHub needs in the same image (docs/binder.md, "A class beyond one
#: machine"): nbgitpuller for the links; jupyterhub-singleuser comes from repo2docker.
HUB_PACKAGES = ("nbgitpuller",)

#: Interfaces the image offers beside JupyterLab (the annotator is tested in Notebook 7).
UI_PACKAGES = ("notebook",)

#: The repo2docker options of docs/binder.md for a hub's single-user image.
HUB_OPTIONS = ("--user-id", "1000", "--user-name", "jovyan", "--target-repo-dir", "/srv/diplotext")

PIP_TIMEOUT = 900
NOTEBOOK_TIMEOUT = 600


# --- helpers ------------------------------------------------------------------------------


def run(cmd: list[str], *, timeout: int, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, capturing text output; fail the test with its output if it fails."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
    if proc.returncode != 0:
        pytest.fail(
            f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-4000:]}",
            pytrace=False,
        )
    return proc


def runtime_version() -> str:
    """The Python version binder/runtime.txt asks for, e.g. ``"3.11"``."""
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)", text)
    assert match, f"binder/runtime.txt must be like 'python-3.11', not {text!r}"
    return match.group(1)


def apt_packages() -> list[str]:
    """Package names in binder/apt.txt (comments and blank lines left out)."""
    lines = (BINDER / "apt.txt").read_text(encoding="utf-8").splitlines()
    return [p for p in (line.partition("#")[0].strip() for line in lines) if p]


def pinned_requirements() -> dict[str, str]:
    """{normalised name: version} of binder/requirements.txt."""
    pins: dict[str, str] = {}
    for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)(\s*;.*)?", line)
        assert match, f"binder/requirements.txt: not pinned with ==: {line!r}"
        pins[normalise(match.group(1))] = match.group(2)
    return pins


#: The extras of pyproject.toml that Binder (and a hub image) must provide.
BINDER_EXTRAS = ("lessons", "handouts")


def project_dependencies() -> dict[str, bool]:
    """{normalised name: has an environment marker} of what Binder must install.

    pyproject.toml's base [project] dependencies plus its [lessons] and [handouts] extras:
    postBuild installs the package with --no-deps, so requirements.in must name them all.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in BINDER_EXTRAS:
        specs += project["optional-dependencies"][extra]
    deps = {}
    for spec in specs:
        match = re.match(r"\s*([A-Za-z0-9._-]+)", spec)
        assert match, spec
        deps[normalise(match.group(1))] = ";" in spec
    return deps


def normalise(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


def base_python() -> str:
    """A Python of the runtime.txt version (``python3.11``), or the one running the tests."""
    wanted = runtime_version()
    current = "{}.{}".format(*sys.version_info[:2])
    if current == wanted:
        return getattr(sys, "_base_executable", sys.executable)
    found = shutil.which(f"python{wanted}")
    if found:
        return found
    pytest.fail(f"binder/runtime.txt asks for Python {wanted}; install python{wanted}")


def clean_env(**extra: str) -> dict[str, str]:
    """Environment for the fresh venv: nothing from the developer's venv or Jupyter set-up."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV", "DIPLOTEXT", "CONDA", "IPYTHON"))
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def copy_repository(dest: Path) -> None:
    """Copy the working tree as git sees it (tracked + untracked, not ignored files)."""
    listing = run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        timeout=60,
    ).stdout
    for rel in filter(None, listing.split("\0")):
        src = REPO / rel
        if not src.is_file():  # deleted in the working tree but still in the index
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def requirements_digest() -> str:
    return hashlib.sha256((BINDER / "requirements.txt").read_bytes()).hexdigest()


def wheelhouse(python: str) -> Path:
    """Wheels for binder/requirements.txt, downloaded once per version of that file."""
    wheels = CACHE / "wheels"
    stamp = wheels / ".requirements.sha256"
    digest = requirements_digest()
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return wheels
    wheels.mkdir(parents=True, exist_ok=True)
    run(
        [
            python,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--only-binary=:all:",
            "-d",
            str(wheels),
            "-r",
            str(BINDER / "requirements.txt"),
        ],
        timeout=PIP_TIMEOUT,
        env=clean_env(),
    )
    stamp.write_text(digest + "\n")
    return wheels


@dataclass(frozen=True)
class BinderEnv:
    """A fresh venv built from binder/ plus the repository copy it was built from."""

    venv: Path
    repo: Path
    work: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    @property
    def python(self) -> str:
        return str(self.bin / "python")

    def env(self) -> dict[str, str]:
        """Environment in which the venv's tools run, with throw-away Jupyter dirs."""
        jupyter = self.work / "jupyter"
        for sub in ("config", "data", "runtime"):
            (jupyter / sub).mkdir(parents=True, exist_ok=True)
        return clean_env(
            PATH=f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
            VIRTUAL_ENV=str(self.venv),
            JUPYTER_CONFIG_DIR=str(jupyter / "config"),
            JUPYTER_DATA_DIR=str(jupyter / "data"),
            JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
            MPLCONFIGDIR=str(self.work / "mpl"),
            # postBuild warms the figure cache: keep it in the work folder, not in ~/.cache
            DIPLOTEXT_CACHE=str(self.work / "figure-cache"),
        )


def lessons(repo: Path) -> list[Path]:
    return sorted((repo / "notebooks").glob("[0-9]*.ipynb"))


# --- static checks (fast, no network) -------------------------------------------------------


def test_requirements_fully_pinned_and_cover_the_lessons() -> None:
    pins = pinned_requirements()
    for name in (*LESSON_PACKAGES, *HUB_PACKAGES, *UI_PACKAGES):
        assert name in pins, f"binder/requirements.txt does not pin {name}"
    listed = (BINDER / "requirements.in").read_text(encoding="utf-8")
    for name in (*LESSON_PACKAGES, *UI_PACKAGES):
        assert re.search(rf"^{name}\b", listed, re.M), f"requirements.in lacks {name}"
    # The package's own dependencies (postBuild installs it with --no-deps) must be there too.
    listed_names = {
        normalise(m.group(1))
        for m in re.finditer(r"^([A-Za-z0-9._-]+)", listed, re.M)
        if not m.group(1).startswith("#")
    }
    for name, has_marker in project_dependencies().items():
        assert name in listed_names, (
            f"pyproject.toml depends on {name}; add it to binder/requirements.in and re-run "
            "scripts/binder_compile_requirements.sh"
        )
        if not has_marker:
            assert name in pins, f"{name} is not pinned in binder/requirements.txt; recompile"
    header = (BINDER / "requirements.txt").read_text(encoding="utf-8")[:1000]
    assert "pip-compile" in header, "requirements.txt must record how it was compiled"
    assert "-e " not in header and "--extra-index-url" not in header


def test_runtime_apt_and_postbuild() -> None:
    assert runtime_version() == "3.11"
    packages = apt_packages()
    for needed in ("libpango-1.0-0", "libpangoft2-1.0-0"):
        assert needed in packages, f"binder/apt.txt lacks {needed} (WeasyPrint needs Pango)"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", p) for p in packages), packages
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable"
    assert re.search(r"pip install .*--no-deps .*(-e )?\.(\s|$)", post.read_text()), (
        "postBuild must install the package from the repository without dependencies"
    )
    assert not (BINDER / "environment.yml").exists(), (
        "binder/environment.yml would make repo2docker ignore requirements.txt"
    )


# --- (a) repo2docker's Dockerfile --------------------------------------------------------------


@pytest.fixture(scope="module")
def repo2docker() -> str:
    """``jupyter-repo2docker`` in its own cached venv (build/binder-cache/repo2docker)."""
    home = CACHE / "repo2docker"
    exe = home / "bin" / "jupyter-repo2docker"
    stamp = home / ".installed"
    if not (exe.exists() and stamp.is_file() and stamp.read_text().strip() == REPO2DOCKER):
        shutil.rmtree(home, ignore_errors=True)
        venv.EnvBuilder(with_pip=True).create(home)
        run(
            [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", REPO2DOCKER],
            timeout=PIP_TIMEOUT,
            env=clean_env(),
        )
        stamp.write_text(REPO2DOCKER + "\n")
    return str(exe)


@pytest.mark.binder
def test_repo2docker_dockerfile_uses_binder_folder(repo2docker: str) -> None:
    proc = run([repo2docker, "--no-build", "--debug", str(REPO)], timeout=300, env=clean_env())
    dockerfile, log = proc.stdout, proc.stderr
    assert "FROM " in dockerfile, f"no Dockerfile printed:\n{log[-2000:]}"
    # requirements.txt from binder/, not the root.
    assert re.search(r'pip install [^\n]*-r "?binder/requirements\.txt', dockerfile)
    assert not re.search(r'-r "?requirements\.txt', dockerfile)
    # runtime.txt: the conda environment is built for that Python.
    version = runtime_version()
    assert f"python={version}" in log + dockerfile, log[-2000:]
    # apt.txt: every package in the apt-get install line.
    install = next(
        (line for line in dockerfile.splitlines() if "apt-get install" in line and "pango" in line),
        "",
    )
    for pkg in apt_packages():
        assert re.search(rf"(?<![\w.+-]){re.escape(pkg)}(?![\w.+-])", install), (
            f"{pkg} from apt.txt is not installed by the Dockerfile"
        )
    # postBuild runs (after the repository is copied in).
    assert re.search(r"^RUN \./binder/postBuild\s*$", dockerfile, re.M)
    assert dockerfile.index("binder/postBuild") > dockerfile.index("COPY --chown")


def r2d_encoded(name: str) -> str:
    """A file name as repo2docker writes it under build_script_files/ ('.' -> '-2e')."""
    return "".join(c if c.isalnum() else f"-{ord(c):x}" for c in name)


@pytest.mark.binder
def test_repo2docker_hub_image_keeps_the_package_outside_home(repo2docker: str) -> None:
    """The image of docs/binder.md for a hub: the repository in REPO_DIR, set at build time."""
    proc = run(
        [repo2docker, "--no-build", "--debug", *HUB_OPTIONS, str(REPO)],
        timeout=300,
        env=clean_env(),
    )
    dockerfile = proc.stdout
    for arg in ("NB_USER", "NB_UID", "REPO_DIR"):  # what the three options set
        assert re.search(rf"^ARG {arg}\b", dockerfile, re.M), f"no ARG {arg}"
    assert re.search(r"^WORKDIR \$\{REPO_DIR\}$", dockerfile, re.M)
    copy = re.search(r"^COPY --chown=\S+ src/ \$\{REPO_DIR\}/$", dockerfile, re.M)
    post = re.search(r"^RUN \./binder/postBuild\s*$", dockerfile, re.M)
    assert copy and post and copy.start() < post.start(), "postBuild must run in the copy"
    assert re.search(
        r'\$\{KERNEL_PYTHON_PREFIX\}/bin/pip install [^\n]*-r "binder/requirements\.txt"',
        dockerfile,
    ), "binder/requirements.txt (with nbgitpuller) must go into the kernel's environment"
    # The base environment: repo2docker's lock for runtime.txt's Python, with the
    # jupyterhub-singleuser that a hub starts in each container.
    lock_name = f"environment.py-{runtime_version()}-linux-64.lock"
    assert r2d_encoded(lock_name) in dockerfile, f"the Dockerfile does not use {lock_name}"
    conda = Path(repo2docker).resolve().parents[1] / "lib"
    locks = list(conda.glob(f"python3*/site-packages/repo2docker/buildpacks/conda/{lock_name}"))
    assert len(locks) == 1, locks
    assert re.search(r"/jupyterhub-singleuser-5\.", locks[0].read_text(encoding="utf-8")), (
        f"{lock_name} of {REPO2DOCKER} has no jupyterhub-singleuser 5.x: update docs/binder.md"
    )


# --- (b) a fresh environment from binder/ runs the lessons -----------------------------------


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BinderEnv]:
    """Fresh venv <- binder/requirements.txt, then ./binder/postBuild in a repository copy.

    The venv (about 450 MB) is deleted afterwards; the executed notebooks and handouts stay
    in pytest's temporary folder for inspection.
    """
    work = tmp_path_factory.mktemp("binder")
    repo = work / "repo"
    copy_repository(repo)
    extra = os.environ.get("DIPLOTEXT_BINDER_NOTEBOOKS")
    if extra:
        (repo / "notebooks").mkdir(exist_ok=True)
        for nb in sorted(Path(extra).glob("[0-9]*.ipynb")):
            shutil.copy2(nb, repo / "notebooks" / nb.name)
    env_dir = work / "venv"
    run([base_python(), "-m", "venv", str(env_dir)], timeout=300, env=clean_env())
    benv = BinderEnv(venv=env_dir, repo=repo, work=work)
    wheels = wheelhouse(benv.python)
    run(
        [
            benv.python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--find-links",
            str(wheels),
            "-r",
            str(repo / "binder" / "requirements.txt"),
        ],
        timeout=PIP_TIMEOUT,
        env=benv.env(),
    )
    post = repo / "binder" / "postBuild"
    post.chmod(post.stat().st_mode | 0o111)  # repo2docker does `chmod +x binder/postBuild`
    run(["./binder/postBuild"], cwd=repo, timeout=PIP_TIMEOUT, env=benv.env())
    yield benv
    shutil.rmtree(env_dir, ignore_errors=True)


@pytest.mark.binder
def test_binder_env_has_the_pinned_stack_and_the_package(binder_env: BinderEnv) -> None:
    env = binder_env.env()
    where = run(
        [binder_env.python, "-c", "import diplotext, sys; print(diplotext.__file__)"],
        cwd=binder_env.work,
        timeout=120,
        env=env,
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(binder_env.repo.resolve()), (
        f"diplotext imported from {where}, not from the repository copy"
    )
    frozen = run(
        [binder_env.python, "-m", "pip", "list", "--format=json"], timeout=120, env=env
    ).stdout
    installed = {normalise(p["name"]): p["version"] for p in json.loads(frozen)}
    for name, version in pinned_requirements().items():
        assert installed.get(name) == version, (
            f"{name}: pinned {version}, got {installed.get(name)}"
        )
    run([binder_env.python, "-m", "pip", "check"], timeout=120, env=env)
    specs = json.loads(
        run(["jupyter", "kernelspec", "list", "--json"], timeout=120, env=env).stdout
    )["kernelspecs"]
    assert "python3" in specs, specs
    assert Path(specs["python3"]["resource_dir"]).is_relative_to(binder_env.venv), (
        f"the python3 kernel is not the fresh venv's: {specs['python3']['resource_dir']}"
    )


@pytest.mark.binder
def test_binder_env_enables_nbgitpuller_for_a_hub(binder_env: BinderEnv) -> None:
    proc = run(["jupyter", "server", "extension", "list"], timeout=120, env=binder_env.env())
    listing = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + proc.stderr)  # on stderr, coloured
    assert re.search(r"nbgitpuller\s+enabled", listing), listing[-2000:]
    assert re.search(r"nbgitpuller\s+\S+\s+OK", listing), listing[-2000:]


@pytest.mark.binder
def test_binder_env_executes_every_lesson(binder_env: BinderEnv) -> None:
    found = lessons(binder_env.repo)
    assert found, "no lesson notebooks (notebooks/[0-9]*.ipynb) to execute"
    out = binder_env.work / "executed"
    out.mkdir(exist_ok=True)
    failures = []
    for nb in found:
        proc = subprocess.run(
            [
                "jupyter",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--output-dir",
                str(out),
                f"--ExecutePreprocessor.timeout={NOTEBOOK_TIMEOUT}",
                nb.name,
            ],
            cwd=nb.parent,
            env=binder_env.env(),
            capture_output=True,
            text=True,
            timeout=NOTEBOOK_TIMEOUT + 120,
        )
        if proc.returncode != 0:
            failures.append(f"{nb.name}:\n{proc.stderr[-3000:]}")
            continue
        executed = json.loads((out / nb.name).read_text(encoding="utf-8"))
        for i, cell in enumerate(executed["cells"]):
            tags = cell.get("metadata", {}).get("tags", [])
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error" and "raises-exception" not in tags:
                    failures.append(f"{nb.name} cell {i}: {o.get('ename')}: {o.get('evalue')}")
    assert not failures, "\n\n".join(failures)


HANDOUT_PROBE = {
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": "# Binder handout probe\n\nA paragraph from the Binder test.",
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": "import diplotext as dt\nlen(dt.read_text(dt.seed_path()))",
        },
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.binder
def test_binder_env_exports_a_pdf_handout(binder_env: BinderEnv) -> None:
    env = binder_env.env()
    probe = run(
        [
            binder_env.python,
            "-c",
            "from importlib.metadata import entry_points as e; "
            "print([x.value for x in e(group='nbconvert.exporters') if x.name == 'handout_pdf'])",
        ],
        timeout=120,
        env=env,
    ).stdout
    assert "HandoutPDFExporter" in probe, (
        "the nbconvert exporter 'handout_pdf' is not registered in the Binder environment "
        f"(pyproject entry point diplotext.handouts:HandoutPDFExporter); got {probe.strip()}"
    )
    run(
        [binder_env.python, "-c", "from diplotext.handouts import HandoutPDFExporter"],
        timeout=120,
        env=env,
    )
    found = lessons(binder_env.repo)
    if found:  # the first lesson, executed by nbconvert (seeds/ is beside notebooks/ in the copy)
        nb = found[0]
        expected = next(
            (
                line.lstrip("# ").strip()
                for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]
                if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines()
                if line.startswith("# ")
            ),
            None,
        )
    else:  # no lessons yet: a small notebook still proves the exporter works here
        nb = binder_env.work / "handout-probe" / "00-probe.ipynb"
        nb.parent.mkdir(exist_ok=True)
        nb.write_text(json.dumps(HANDOUT_PROBE), encoding="utf-8")
        expected = "Binder handout probe"
    out = binder_env.work / "handouts"
    proc = run(
        [
            "jupyter",
            "nbconvert",
            "--to",
            "handout_pdf",
            "--execute",
            "--output-dir",
            str(out),
            f"--ExecutePreprocessor.timeout={NOTEBOOK_TIMEOUT}",
            nb.name,
        ],
        cwd=nb.parent,
        timeout=NOTEBOOK_TIMEOUT + 120,
        env=env,
    )
    pdf = out / (nb.stem + ".pdf")
    assert pdf.is_file(), f"no {pdf.name} written:\n{proc.stderr[-3000:]}"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-"), "the handout is not a PDF"
    if shutil.which("pdftotext") and expected:
        text = run(["pdftotext", str(pdf), "-"], timeout=120).stdout
        squash = " ".join(text.split())
        # The handout may restyle a numbered title ("00 · Start here" -> "Lesson 00 ...").
        title = re.sub(r"^\d+\s*[·:.\-–—]?\s*", "", " ".join(expected.split()))
        assert title in squash, f"the handout does not contain the notebook title {expected!r}"


# --- the link builder of docs/binder.md (fast, no network) -----------------------------------


def _links_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "binder_links", REPO / "scripts" / "binder_links.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nbgitpuller_link_names_repo_branch_and_folder() -> None:
    from urllib.parse import parse_qs, urlsplit

    links = _links_module()
    url = links.nbgitpuller_url(
        "https://hub.example.edu/",
        "https://git.example.org/teacher/diplotext.git",
        "notebooks/02-quotes.ipynb",
        branch="spring-term",
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.edu")
    assert parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query)
    assert query["repo"] == ["https://git.example.org/teacher/diplotext.git"]
    assert query["branch"] == ["spring-term"]
    # nbgitpuller clones into a folder named after the repository (".git" dropped).
    assert query["urlpath"] == ["lab/tree/diplotext/notebooks/02-quotes.ipynb?autodecode"]
    assert "%3Fautodecode" in parts.query  # encoded, so it stays inside urlpath


def test_binder_link_for_github_and_other_hosts() -> None:
    from urllib.parse import parse_qs, urlsplit

    links = _links_module()
    gh = urlsplit(links.binder_url("https://github.com/someone/diplotext", "notebooks/00-a.ipynb"))
    assert gh.path == "/v2/gh/someone/diplotext/main"
    assert parse_qs(gh.query)["urlpath"] == ["lab/tree/notebooks/00-a.ipynb"]
    other = links.binder_url(
        "https://git.example.org/t/diplotext.git", "notebooks/00-a.ipynb", "v1"
    )
    assert urlsplit(other).path.startswith("/v2/git/https%3A%2F%2Fgit.example.org%2F")
    assert urlsplit(other).path.endswith("/v1")
