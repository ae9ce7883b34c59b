"""How handouts share out their work (``diplotext.handouts.parallel``): one pool, the
longest pages first, results back in order, and fewer garbage collections while rendering.
"""

from __future__ import annotations

import gc
import shutil
from concurrent.futures import Future
from pathlib import Path

import pytest

from diplotext.handouts.build import build_handouts, render_cost
from diplotext.handouts.parallel import (
    BUILD_GC_THRESHOLDS,
    fewer_collections,
    run_longest_first,
    run_parallel,
    worker_pool,
    workers,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "handout-sample.ipynb"


def square(x: int) -> int:
    return x * x


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


class RecordingPool:
    """Runs each task at once, in this process, and remembers the order of submission."""

    def __init__(self) -> None:
        self.submitted: list[object] = []

    def submit(self, fn, item):
        self.submitted.append(item)
        future: Future = Future()
        future.set_result(fn(item))
        return future


def test_fewer_collections_raises_the_thresholds_and_restores_them():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == BUILD_GC_THRESHOLDS
        assert gc.get_threshold() == (700, 10, 10)
        with pytest.raises(RuntimeError), fewer_collections():
            raise RuntimeError("boom")
        assert gc.get_threshold() == (700, 10, 10)
        # never more often than before: a higher threshold already set is kept
        gc.set_threshold(500_000, 5, 1000)
        with fewer_collections():
            assert gc.get_threshold() == (500_000, 50, 1000)
    finally:
        gc.set_threshold(*before)


def test_workers_is_bounded_by_tasks_and_jobs():
    assert workers(1, 8) == 1
    assert workers(12, 2) == 2
    assert workers(3, 8) == 3
    assert workers(0, 4) == 1


def test_longest_first_submits_the_costliest_task_first_and_keeps_indices():
    pool = RecordingPool()
    items = [10, 20, 30, 40]
    costs = [5, 50, 1, 20]
    results = dict(run_longest_first(square, items, costs, pool=pool))
    assert pool.submitted == [20, 40, 10, 30]
    assert results == {0: 100, 1: 400, 2: 900, 3: 1600}


def test_longest_first_in_one_process_keeps_the_given_order():
    got = list(run_longest_first(square, [3, 1, 2], [1, 3, 2], jobs=1))
    assert got == [(0, 9), (1, 1), (2, 4)]


def test_longest_first_in_processes_returns_every_result_once():
    items = list(range(7))
    got = dict(run_longest_first(square, items, costs=items, jobs=2))
    assert got == {i: i * i for i in items}


def test_run_parallel_keeps_order_in_a_shared_pool_and_raises_the_error():
    with worker_pool(4, 2) as pool:
        assert pool is not None
        assert list(run_parallel(square, [4, 1, 3], pool=pool)) == [16, 1, 9]
        with pytest.raises(ValueError, match="three"):
            list(run_parallel(fail_on_three, [1, 2, 3, 4], pool=pool))
        # the pool still works after a failed task
        assert list(run_parallel(square, [2], pool=pool)) == [4]


def test_one_worker_means_no_pool():
    with worker_pool(5, 1) as pool:
        assert pool is None
    assert list(run_parallel(square, [1, 2], jobs=1)) == [1, 4]


def test_render_cost_does_not_count_embedded_images():
    text = "<p>" + "word " * 100 + "</p>"
    image = '<img src="data:image/png;base64,' + "A" * 50_000 + '" alt="x">'
    assert render_cost(text + image) == len(text) + len('<img src="" alt="x">')
    assert render_cost(text * 3) > render_cost(text + image)


@pytest.mark.handouts
def test_handouts_come_back_in_order_though_the_longest_is_printed_first(tmp_path):
    short = tmp_path / "01-short.ipynb"
    shutil.copy2(FIXTURE, short)
    long = tmp_path / "02-long.ipynb"
    import nbformat

    nb = nbformat.read(FIXTURE, as_version=4)
    extra = nbformat.v4.new_markdown_cell("Another paragraph of text for the long one. " * 400)
    nb.cells.append(extra)
    nbformat.write(nb, long)
    built = build_handouts([short, long], out=tmp_path / "out", jobs=2)
    assert [(h.notebook.name, h.edition) for h in built] == [
        ("01-short.ipynb", "student"),
        ("01-short.ipynb", "teacher"),
        ("02-long.ipynb", "student"),
        ("02-long.ipynb", "teacher"),
    ]
    assert [h.path.name for h in built] == [
        "01-short-student.pdf",
        "01-short-teacher.pdf",
        "02-long-student.pdf",
        "02-long-teacher.pdf",
    ]
    for h in built:
        assert h.path.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        h.path.name for h in built
    )
