"""Running handout work in processes: how many, in which order, with less garbage collection.

- :func:`workers` and :func:`worker_pool`: one process per core (or ``--jobs``), one pool
  for a whole build, so the processes start (and import WeasyPrint) once.
- :func:`run_parallel`: results in order (the HTML of every page).
- :func:`run_longest_first`: the costliest task first, results as they finish (the PDFs):
  with a dozen tasks of very different lengths on two cores, starting the long ones first
  keeps one core from idling at the end while the other finishes a long task.
- :func:`fewer_collections`: WeasyPrint builds hundreds of thousands of small objects per
  page (boxes, styles, text runs) and keeps them all until the PDF is written, so Python's
  cyclic garbage collector runs full passes over a growing heap that it cannot free; a
  higher first-generation threshold while rendering took about 15-25% off each PDF here
  (``docs/benchmarks.md``). The thresholds come back afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

#: The collector's thresholds while a handout is built (Python's default: 700, 10, 10).
BUILD_GC_THRESHOLDS = (100_000, 50, 100)


@contextlib.contextmanager
def fewer_collections(thresholds: tuple[int, int, int] = BUILD_GC_THRESHOLDS) -> Iterator[None]:
    """Collect garbage less often inside this block (never more often than before)."""
    old = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(thresholds, old, strict=False)))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def workers(tasks: int, jobs: int | None = None) -> int:
    """How many processes to use for ``tasks`` tasks: ``jobs`` (default: every core)."""
    return max(1, min(jobs or os.cpu_count() or 1, tasks))


@contextlib.contextmanager
def worker_pool(tasks: int, jobs: int | None = None) -> Iterator[Any]:
    """A :class:`~concurrent.futures.ProcessPoolExecutor` with :func:`workers` processes,
    or ``None`` when one process is enough (the work then runs in this one). Tasks not
    started yet are cancelled when the block is left early (an error, SIGINT, SIGTERM)."""
    n = workers(tasks, jobs)
    if n == 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=n)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_parallel(
    fn: Callable[[Any], Any], items: Sequence[Any], jobs: int | None = None, pool: Any = None
) -> Iterator[Any]:
    """``fn`` over ``items``, results in order: in ``pool``, else in a pool of its own
    (:func:`worker_pool`), or in this process if one worker is enough."""
    if pool is None:
        with worker_pool(len(items), jobs) as own:
            if own is None:
                yield from map(fn, items)
            else:
                yield from run_parallel(fn, items, pool=own)
        return
    futures = [pool.submit(fn, item) for item in items]
    try:
        for future in futures:
            yield future.result()
    finally:
        for future in futures:
            future.cancel()


def run_longest_first(
    fn: Callable[[Any], Any],
    items: Sequence[Any],
    costs: Sequence[float],
    jobs: int | None = None,
    pool: Any = None,
) -> Iterator[tuple[int, Any]]:
    """``(index, fn(items[index]))`` for every item as it finishes, the items submitted
    costliest first (in this process, in order, if one worker is enough)."""
    if pool is None:
        with worker_pool(len(items), jobs) as own:
            if own is None:
                yield from ((i, fn(item)) for i, item in enumerate(items))
            else:
                yield from run_longest_first(fn, items, costs, pool=own)
        return
    from concurrent.futures import as_completed

    order = sorted(range(len(items)), key=lambda i: (-costs[i], i))
    futures = {pool.submit(fn, items[i]): i for i in order}
    try:
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        for future in futures:
            future.cancel()
