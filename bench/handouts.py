"""Handout benchmarks (issue #12), run by ``bench/run --only handouts``.

Measured side by side in one session, best of ``ROUNDS`` alternating rounds:

- ``jupyter nbconvert --to html`` of the lesson notebooks (the 6 in ``notebooks/``, as in
  the issue, and the 12 that are printed: ``notebooks/`` and ``teacher/``);
- ``diplotext handouts`` of the same lessons, both editions (12 PDFs), in parallel (one
  process per core, the default) and sequentially (``--jobs 1``);
- ``diplotext handouts --booklet`` (one booklet per edition).

Goals: handouts <= 3x nbconvert's HTML of the same notebooks; the booklet <= 1.5x building
the same lessons' PDFs one after another. Timing is never a test: this script measures.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 2


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the command and its worker processes)."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed: {done.stderr.strip()[-400:]}")
    return seconds, cpu


def run(lessons: list[Path], rounds: int = ROUNDS) -> dict:
    """The figures (seconds are the best of ``rounds``) and the two ratios."""
    if not lessons:
        return {"skipped": "no lessons in notebooks/"}
    bindir = Path(sys.executable).parent
    teacher = [ROOT / "teacher" / p.name for p in lessons if (ROOT / "teacher" / p.name).is_file()]
    dt = str(bindir / "diplotext")
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cmds = {
                "nbconvert_html_s": [str(bindir / "jupyter"), "nbconvert", "--to", "html",
                                     "--output-dir", f"{tmp}/html", *map(str, lessons)],
                "nbconvert_html_all_s": [str(bindir / "jupyter"), "nbconvert", "--to", "html",
                                         "--output-dir", f"{tmp}/html2",
                                         *map(str, lessons + teacher)],
                "handouts_s": [dt, "handouts", "-q", "--out", f"{tmp}/par", *map(str, lessons)],
                "sequential_s": [dt, "handouts", "-q", "--jobs", "1", "--out", f"{tmp}/seq",
                                 *map(str, lessons)],
                "booklet_s": [dt, "handouts", "-q", "--booklet", "--out", f"{tmp}/book",
                              *map(str, lessons)],
            }  # fmt: skip
            for _ in range(rounds):
                for key, cmd in cmds.items():
                    wall, used = _run(cmd)
                    times.setdefault(key, []).append(wall)
                    cpu.setdefault(key, []).append(used)
            pdfs = len(list(Path(tmp, "par").glob("*.pdf")))
            booklets = len(list(Path(tmp, "book").glob("booklet-*.pdf")))
    except RuntimeError as exc:
        return {"error": str(exc)}
    best = {k: min(v) for k, v in times.items()}
    out = {"lessons": len(lessons), "printed_notebooks": len(lessons) + len(teacher),
           "pdfs": pdfs, "booklets": booklets, "rounds": rounds, **best}  # fmt: skip
    out["ratio"] = best["handouts_s"] / best["nbconvert_html_s"]
    out["ratio_all"] = best["handouts_s"] / best["nbconvert_html_all_s"]
    out["sequential_ratio"] = best["sequential_s"] / best["nbconvert_html_s"]
    out["booklet_ratio"] = best["booklet_s"] / best["sequential_s"]
    out["met"] = out["ratio"] <= 3.0 and out["booklet_ratio"] <= 1.5
    # CPU seconds (best of the rounds): what the work costs, whatever else the shared
    # machine runs; the goals are on wall-clock time.
    out["cpu"] = {k.removesuffix("_s"): min(v) for k, v in cpu.items()}
    out["runs"] = times
    return out


def markdown(h: dict) -> str:
    """The figures as the paragraph docs/benchmarks.md records."""
    return (
        f"**Handouts** (goals: <= 3x `jupyter nbconvert --to html` of the same notebooks; the "
        f"booklet <= 1.5x the same PDFs built one after another; best of {h['rounds']} "
        f"alternating rounds): {h['pdfs']} PDFs (every lesson, both editions, in parallel) in "
        f"{h['handouts_s']:.1f} s vs nbconvert's HTML of the same {h['lessons']} notebooks in "
        f"{h['nbconvert_html_s']:.1f} s: **{h['ratio']:.2f}x** (vs the HTML of all "
        f"{h['printed_notebooks']} printed notebooks, student and teacher, "
        f"{h['nbconvert_html_all_s']:.1f} s: {h['ratio_all']:.2f}x; sequentially, `--jobs 1`, "
        f"{h['sequential_s']:.1f} s: {h['sequential_ratio']:.2f}x). The {h['booklets']} "
        f"booklets (`--booklet`) in {h['booklet_s']:.1f} s vs {h['sequential_s']:.1f} s for the "
        f"PDFs one after another: **{h['booklet_ratio']:.2f}x** "
        f"({'both met' if h['met'] else 'NOT both met'})." + _cpu_sentence(h)
    )


def _cpu_sentence(h: dict) -> str:
    cpu = h.get("cpu") or {}
    if not {"handouts", "nbconvert_html"} <= cpu.keys():
        return ""
    return (
        f" CPU time (all processes, best of the rounds): the {h['pdfs']} PDFs "
        f"{cpu['handouts']:.1f} s, nbconvert's HTML {cpu['nbconvert_html']:.1f} s."
    )
