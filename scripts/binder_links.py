#!/usr/bin/env python3
"""Print the links that open the lessons on mybinder.org or on a JupyterHub (nbgitpuller).

    python scripts/binder_links.py REPO_URL [--branch main] [--hub https://HUB] [NOTEBOOK ...]

REPO_URL is the public git URL of this repository (see docs/binder.md). Without NOTEBOOK
arguments, every ``notebooks/[0-9]*.ipynb`` of the checkout is listed. Standard library only.

* mybinder.org: ``https://mybinder.org/v2/gh/OWNER/NAME/BRANCH?urlpath=lab/tree/PATH``
  (for a git host other than GitHub: ``/v2/git/<url-encoded URL>/BRANCH``). Binder's home
  folder IS the repository, so PATH starts at ``notebooks/``.
* nbgitpuller on a JupyterHub: ``https://HUB/hub/user-redirect/git-pull?repo=...&branch=...
  &urlpath=lab/tree/NAME/PATH?autodecode``. nbgitpuller clones into a folder named after the
  repository, so PATH starts with that folder name; ``branch`` must be given (nbgitpuller's
  default is ``master``); ``?autodecode`` (encoded) spares students JupyterLab's workspace
  prompt (nbgitpuller documentation, "Options in an nbgitpuller URL").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]


def repo_name(repo_url: str) -> str:
    """The folder name ``git clone`` (and nbgitpuller) gives the repository."""
    path = urlsplit(repo_url).path.rstrip("/")
    name = PurePosixPath(path).name
    name = name.removesuffix(".git")
    if not name:
        raise ValueError(f"cannot tell the repository name from {repo_url!r}")
    return name


def binder_url(
    repo_url: str, notebook: str, branch: str = "main", binder: str = "https://mybinder.org"
) -> str:
    """mybinder.org link that builds ``repo_url`` at ``branch`` and opens ``notebook``.

    ``notebook`` is relative to the repository root, e.g. ``notebooks/00-intro.ipynb``.
    """
    parts = urlsplit(repo_url)
    segments = [s for s in parts.path.split("/") if s]
    if parts.netloc.lower() in ("github.com", "www.github.com") and len(segments) == 2:
        owner, name = segments[0], segments[1].removesuffix(".git")
        spec = f"gh/{quote(owner)}/{quote(name)}/{quote(branch, safe='')}"
    else:
        spec = f"git/{quote(repo_url, safe='')}/{quote(branch, safe='')}"
    return f"{binder.rstrip('/')}/v2/{spec}?" + urlencode({"urlpath": f"lab/tree/{notebook}"})


def nbgitpuller_url(hub: str, repo_url: str, notebook: str, branch: str = "main") -> str:
    """JupyterHub link: nbgitpuller pulls ``repo_url`` then opens ``notebook`` in JupyterLab.

    ``notebook`` is relative to the repository root; the link adds the clone's folder name.
    """
    path = f"lab/tree/{repo_name(repo_url)}/{notebook}?autodecode"
    query = urlencode({"repo": repo_url, "branch": branch, "urlpath": path})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    """Command line: print one block of links per lesson."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repo_url", help="public git URL of this repository")
    ap.add_argument("notebooks", nargs="*", help="paths relative to the repository root")
    ap.add_argument("--branch", default="main")
    ap.add_argument("--hub", help="JupyterHub base URL, e.g. https://hub.example.edu")
    ap.add_argument("--binder", default="https://mybinder.org", help="BinderHub base URL")
    args = ap.parse_args(argv)
    notebooks = args.notebooks or [
        p.relative_to(REPO).as_posix() for p in sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))
    ]
    if not notebooks:
        print("no notebooks/[0-9]*.ipynb found; name them on the command line", file=sys.stderr)
        return 1
    for nb in notebooks:
        print(nb)
        print("  Binder:     ", binder_url(args.repo_url, nb, args.branch, args.binder))
        if args.hub:
            print("  JupyterHub: ", nbgitpuller_url(args.hub, args.repo_url, nb, args.branch))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
