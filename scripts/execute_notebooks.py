#!/usr/bin/env python3
"""Re-execute lesson notebooks in place so their committed outputs are fresh.

    python scripts/execute_notebooks.py                 # every teacher/[0-9]*.ipynb, then
                                                        # the student editions in notebooks/
    python scripts/execute_notebooks.py teacher/03-*.ipynb

The teacher edition (``teacher/``) is the source of every lesson; after executing it, the
script writes the student edition (``notebooks/``) with ``diplotext editions`` (solution
cells removed, reveal outputs collapsed), so both editions carry the same outputs.

Outputs are what nbval (strict) later compares, so this script makes them reproducible:
each notebook runs in its own folder with a fresh kernel from the current environment,
widget state is not stored and the live widget view is dropped from committed outputs
(both hold random model ids; a notebook opened without a kernel then shows each widget's
static fallback, which a fresh run displays beside the live view), per-cell timing metadata
is dropped and execution counts are renumbered 1..N. A notebook whose execution raises is
not written, and the script exits 1 naming it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from diplotext.atomic import write_atomic

ROOT = Path(__file__).resolve().parent.parent


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop volatile metadata so a re-run produces the same file."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            if cell.get("source", "").strip():
                count += 1
                cell.execution_count = count
                for out in cell.outputs:
                    if "execution_count" in out:
                        out["execution_count"] = count
            else:
                cell.execution_count = None
                cell.outputs = []
    return nb


def execute(path: Path, timeout: int = 600) -> None:
    """Execute one notebook in place (written atomically, only on success)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    clean(nb)
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.get("output_type") == "error"
        or (o.get("output_type") == "stream" and o.get("name") == "stderr")
    ]
    if errors:
        raise RuntimeError(f"{path.name}: a cell wrote an error or stderr output: {errors[0]}")
    text = nbformat.writes(nb)
    write_atomic(path, text if text.endswith("\n") else text + "\n")  # as nbformat.write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "teacher").glob("[0-9]*.ipynb"))
    if not paths:
        print("no notebooks to execute", file=sys.stderr)
        return 1
    failed = []
    for p in paths:
        try:
            execute(p.resolve(), args.timeout)
            print(f"executed {p}")
        except (CellExecutionError, RuntimeError) as exc:
            failed.append(p)
            print(f"FAILED {p}:\n{exc}", file=sys.stderr)
    teacher = [p.resolve() for p in paths if p.resolve().parent == ROOT / "teacher"]
    bad = {q.resolve() for q in failed}
    done = {p.name for p in teacher if p not in bad}
    if done:
        from diplotext.editions import build

        problems = build(ROOT / "teacher", ROOT / "notebooks", names=done)
        for problem in problems:
            print(f"editions: {problem}", file=sys.stderr)
        print(f"wrote the student edition of {len(done)} lesson(s) in notebooks/")
        if problems:
            return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
