"""Pipeline step: rhetorical devices (evaluation, conditionals, commissives, lists of three ...).

Every device is found by a short named rule: a lexicon lookup (word lists in
``lib/diplotext/data/rhetoric_*.txt``, which a teacher can extend without touching code)
or a small pattern over the text of one sentence. Each rule returns
:class:`~diplotext.model.Device` items with a span, a category (one of
``model.DEVICE_CATEGORIES``), a label and, where the rule can tell, a ``target`` actor.

The word lists use the lexicon syntax of :mod:`diplotext.wordlists`. The rules read the
sentences, mentions, quotes and reported speech of the state when earlier steps have
filled them, and still work (less precisely) when they are empty.

One word may give several devices of different categories, on purpose: "may" is a
``modal`` and a ``hedge``; "massive" is a negative ``evaluation`` and an ``intensifier``.
Within one category, a device lying inside a longer device of that category is dropped.

The rules live in one module per kind of device (``evaluation``, ``conditionals``,
``lexical``, ``lists``, ``contrast``); this module lists them in order (``RULER``) and runs
them.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import DEVICE_CATEGORIES, Device, Document
from ..ruler import Ruler
from ..spans import inside_any
from ..state import State
from ..wordlists import Lexicon, compile_terms, find_cues, find_terms, load_lexicon, term_pattern
from .conditionals import conditional_clause
from .contrast import contrast_markers, contrast_not_but
from .evaluation import evaluation_lexicon, evaluation_target
from .lexical import (
    booster_lexicon,
    commissive_lexicon,
    hedge_lexicon,
    in_group_pronouns,
    intensifier_lexicon,
    modal_lexicon,
    presupposition_lexicon,
)
from .lists import list_anaphora, list_coordinated, list_parallel_clauses

__all__ = [
    "RULER",
    "RULERS",
    "Lexicon",
    "compile_terms",
    "drop_nested",
    "evaluation_target",
    "find_cues",
    "find_terms",
    "inside_names",
    "load_lexicon",
    "run",
    "term_pattern",
]

#: The rules of this step, in order (each returns devices; the runner stamps the rule id).
RULER = Ruler(
    "rhetoric",
    [
        evaluation_lexicon,
        conditional_clause,
        commissive_lexicon,
        list_coordinated,
        list_parallel_clauses,
        list_anaphora,
        contrast_not_but,
        contrast_markers,
        modal_lexicon,
        hedge_lexicon,
        booster_lexicon,
        intensifier_lexicon,
        in_group_pronouns,
        presupposition_lexicon,
    ],
    name="devices",
)
RULERS = (RULER,)

_CAT_ORDER = {c: i for i, c in enumerate(DEVICE_CATEGORIES)}


def drop_nested(devices: tuple[Device, ...]) -> tuple[Device, ...]:
    """Remove devices that lie inside a longer device of the same category (and exact
    duplicates), e.g. the "but" marker inside a "not X but Y" antithesis."""
    by_cat: dict[str, list[Device]] = {}
    for d in devices:
        by_cat.setdefault(d.category, []).append(d)
    kept: list[Device] = []
    for items in by_cat.values():
        items.sort(key=lambda d: (d.start, -d.end))
        reach = -1
        last: tuple[int, int] | None = None
        for d in items:
            if d.end <= reach and (d.start, d.end) != last:
                continue  # strictly inside an earlier, longer device
            if (d.start, d.end) == last:
                continue
            kept.append(d)
            last = (d.start, d.end)
            reach = max(reach, d.end)
    return tuple(sorted(kept, key=lambda d: (d.start, _CAT_ORDER.get(d.category, 99), d.end)))


def inside_names(doc: Document | State) -> Callable[[int, int], bool]:
    """A test ``f(start, end)``: does the span lie inside a negotiation format's name?

    Words inside a proper name are not rhetoric: "Dialogue" in "Strategic Stability
    Dialogue" is no call for dialogue. Uses ``doc.formats`` (empty: nothing is inside).
    """
    doc = doc.doc if isinstance(doc, State) else doc
    return inside_any(sorted((f.start, f.end) for f in doc.formats))


def run(state: State | Document) -> dict:
    """Run every rule and return ``{"devices": (Device, ...)}`` sorted by position.

    Devices lying inside a format's name are dropped (see :func:`inside_names`), then
    devices nested in a longer one of the same category (see :func:`drop_nested`).
    """
    state = State.of(state)
    names = inside_names(state)
    found = [d for d in RULER.run_items(state) if not names(d.start, d.end)]
    return {"devices": drop_nested(tuple(found))}
