"""Span helpers shared by the steps: longest-span selection and trimming."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def select_longest(items: Iterable[T], rank: Callable[[T], Any] | None = None) -> list[T]:
    """Leftmost-longest selection of non-overlapping spans.

    Items (anything with ``start`` and ``end``) are sorted by start, then longest first,
    then ``rank`` (lower wins a tie); an item is kept if it does not overlap one already kept.
    """
    order = sorted(
        items,
        key=lambda x: (x.start, -(x.end - x.start), rank(x) if rank else 0),  # type: ignore[attr-defined]
    )
    kept = []
    last_end = -1
    for item in order:
        if item.start >= last_end:  # type: ignore[attr-defined]
            kept.append(item)
            last_end = item.end  # type: ignore[attr-defined]
    return kept


def trim(text: str, start: int, end: int, chars: str = ' \t\n,;:.!?“”"‘') -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace and punctuation in ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def inside_any(spans: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test ``f(start, end)``: does the span lie inside one of the sorted ``spans``?"""
    from bisect import bisect_right

    starts = [s for s, _ in spans]

    def inside(start: int, end: int) -> bool:
        i = bisect_right(starts, start) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]

    return inside
