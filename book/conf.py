"""Sphinx configuration of the web book (the Jupyter Book 1 stack: sphinx-book-theme, myst-nb).

Built by ``make book`` (scripts/build_book.py), which first stages the sources in
``build/book-src/``: the student edition of the lessons (no ``solution`` cells), the
glossary, the method docs and the pages of this folder. Nothing is executed: the pages
show the outputs committed in the notebooks. Nothing is fetched at build or view time.

Settings from the environment (the staging script passes them on):
``DIPLOTEXT_REPO_URL`` (default: the placeholder ``https://github.com/OWNER/diplotext``),
``DIPLOTEXT_BRANCH`` (``main``), ``DIPLOTEXT_HUB_URL`` (the class JupyterHub for the
nbgitpuller launch button; default ``https://hub.example.edu``, a placeholder) and
``DIPLOTEXT_BINDER_URL`` (``https://mybinder.org``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

REPO_URL = os.environ.get("DIPLOTEXT_REPO_URL", "https://github.com/OWNER/diplotext")
BRANCH = os.environ.get("DIPLOTEXT_BRANCH", "main")
HUB_URL = os.environ.get("DIPLOTEXT_HUB_URL", "https://hub.example.edu")
BINDER_URL = os.environ.get("DIPLOTEXT_BINDER_URL", "https://mybinder.org")

project = "Reading Diplomacy: the January 2022 talks"
author = "diplotext contributors"
copyright = "2026, diplotext contributors (lesson text CC BY 4.0, code MIT)"
language = "en"

extensions = ["myst_nb", "diplotext_alt"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
root_doc = "index"

# myst-nb: show the committed outputs, never run a kernel; no widget JavaScript from a CDN
# (the lessons' widgets have static views in their committed outputs).
nb_execution_mode = "off"
nb_ipywidgets_js: dict = {}
nb_merge_streams = True
myst_heading_anchors = 2  # "glossary.md#breakaway-region" links to the "## Breakaway region" entry
myst_enable_extensions: list = []  # no dollarmath: no MathJax, nothing loaded from a CDN

html_theme = "sphinx_book_theme"
html_title = project
html_copy_source = True
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": REPO_URL,
    "repository_branch": BRANCH,
    "path_to_docs": "",  # the staged sources mirror the repository: notebooks/, docs/
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "launch_buttons": {
        "binderhub_url": BINDER_URL,
        "jupyterhub_url": HUB_URL,
        "notebook_interface": "jupyterlab",
    },
    "show_toc_level": 2,
}
# Light or dark as the reader's system says; left unset, the theme logs a console error.
html_context = {"default_mode": "auto"}
