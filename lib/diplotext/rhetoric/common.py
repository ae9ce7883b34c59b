"""Helpers the rhetoric rules share: making a device and its parts from a span."""

from __future__ import annotations

from ..model import Device, Part
from ..state import State
from ..wordlists import find_terms, load_lexicon


def _device(
    state: State,
    start: int,
    end: int,
    category: str,
    rule: str,
    label: str | None = None,
    target: str | None = None,
    parts: tuple[Part, ...] = (),
) -> Device:
    """A device over ``state.text[start:end]`` (``rule`` is "": the runner stamps it)."""
    return Device(start, end, state.text[start:end], category, rule, label, target, parts)


def _part(state: State, role: str, start: int, end: int) -> Part:
    return Part(role, start, end, state.text[start:end])


def _lexicon_devices(state: State, name: str, category: str, rule: str) -> tuple[Device, ...]:
    return tuple(
        _device(state, s, e, category, rule, label)
        for s, e, label in find_terms(load_lexicon(name), state.text, index=state.words)
    )
