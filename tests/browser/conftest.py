"""Fixtures for the browser tests: a real JupyterLab server driven by Debian's Chromium.

The server runs from the same virtual environment as pytest (``sys.executable -m jupyter
lab``) on 127.0.0.1 with a random free port and a random token. Its root is a temporary
COPY of the lessons (``notebooks/``, with ``seeds/`` beside it), and its settings,
workspaces, config, data and runtime dirs are temporary too, so a test run never writes
into the repository or into the user's Jupyter setup.

Chromium is launched through Playwright's sync API (no pytest-playwright) with the
system binary: ``$CHROMIUM`` or ``/usr/bin/chromium``. Without it the tests SKIP (or FAIL
when ``CI=true``) with a message that says how to install it.

Environment:

* ``CHROMIUM``: path of the Chromium binary (default ``/usr/bin/chromium``).
* ``CI=true``: a missing Chromium is a failure, not a skip.
* ``DIPLOTEXT_BROWSER_NOTEBOOKS``: test the ``[0-9]*.ipynb`` of another folder instead of
  ``notebooks/`` (for developing these tests before the lessons exist).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from lab_support import REPO, LabServer, notebooks_dir

ARTIFACTS = REPO / "test-artifacts" / "lab"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Seconds to wait for the server to answer /api/status.
SERVER_START_TIMEOUT = 90

#: JupyterLab user settings written for the test server (plugin id -> settings).
LAB_SETTINGS: dict[str, dict] = {
    # No "Would you like to get notified about official Jupyter news?" pop-up over the page.
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Keep every cell in the DOM: with windowing, off-screen outputs are not rendered,
    # and the test counts rendered images and widgets over the whole notebook.
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    # The extension manager would query PyPI; nothing here needs it.
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}


def chromium_path() -> str | None:
    """The Chromium binary to use, or None when it is not installed."""
    candidate = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    found = shutil.which(candidate)
    return found if found and os.access(found, os.X_OK) else None


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of Chromium; skip (or fail with CI=true) when it is missing."""
    path = chromium_path()
    if path is None:
        wanted = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
        message = (
            f"Chromium not found at {wanted}: install it with `apt-get install chromium` "
            "(or set CHROMIUM to its path) to run the browser tests."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def _write_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        package, _, name = plugin.partition(":")
        target = settings_dir / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")


def _wait_for_server(server: LabServer, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    status_url = server.url("api/status")
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"jupyter lab exited with code {proc.returncode}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(status_url, timeout=5) as resp:
                if resp.status == 200:
                    json.load(resp)
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError(
        f"jupyter lab did not answer {server.base_url}api/status within "
        f"{SERVER_START_TIMEOUT}s:\n{server.log_tail()}"
    )


@pytest.fixture(scope="session")
def lab_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_executable: str
) -> Iterator[LabServer]:
    """Start ``jupyter lab`` on a copy of the lessons; stop it at the end of the session.

    Depends on ``chromium_executable`` so that a missing browser skips before the server
    starts.
    """
    base = tmp_path_factory.mktemp("lab")
    work = base / "work"
    root = work / "notebooks"
    shutil.copytree(
        notebooks_dir(),
        root,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
    )
    # Lessons may read ../seeds relative to themselves; the package reads DIPLOTEXT_SEEDS.
    shutil.copytree(REPO / "seeds", work / "seeds")

    dirs = {name: base / name for name in ("config", "data", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir()
    _write_settings(dirs["settings"])

    port = free_port()
    token = secrets.token_hex(24)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_PLATFORM_DIRS="1",
        DIPLOTEXT_SEEDS=str(work / "seeds"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_PATH", None)
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={dirs['settings']}",
        f"--LabApp.workspaces_dir={dirs['workspaces']}",
        "--expose-app-in-browser",
        "--JupyterNotebookApp.expose_app_in_browser=True",  # Notebook 7 at /notebooks/
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")

    log = base / "jupyter-lab.log"
    server = LabServer(base_url=f"http://127.0.0.1:{port}/", token=token, root=root, log=log)
    with log.open("w", encoding="utf-8") as log_fh:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=log_fh, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_for_server(server, proc)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[object]:
    """A headless Chromium (Playwright sync API) for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser context and page per test; console errors are kept on the page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on(
        "console",
        lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: page.console_errors.append(f"pageerror: {exc}"))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/lab/`` (git-ignored): screenshots of each lesson."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
