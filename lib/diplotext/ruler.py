"""An ordered list of named rules, in the spirit of markdown-it-py's ``Ruler``.

A step of the pipeline keeps its rules in one or more :class:`Ruler` chains. Every rule is
a plain function with one signature, ``rule(state)``, over the per-document
:class:`~diplotext.state.State`. A rule's id is the step's name and the function's name
(``"quotes.said_colon"``), written once: the runner stamps it on every item the rule makes,
so no rule types its own id.

Three kinds of chain:

* **item chains** (``run_items``): each rule returns the items it finds (``Device``,
  ``TimeExpression`` ...) with an empty ``rule`` field; the runner stamps the rule id;
* **decision chains** (``decide``): the driver points ``state.here`` at one thing to decide
  (a possible sentence end, a quotation, a reporting verb); each rule answers or returns
  ``None`` (no opinion); the first answer wins and is returned with the rule's id;
* **scan chains** (``collect``): each rule returns what it found (the quotation marks of a
  text), kept by rule id for the rules that read it.

>>> r = Ruler("demo")
>>> r.push(len); r.push(str); r.before("str", repr)
>>> [rid for rid, _ in r.rules()]
['demo.len', 'demo.repr', 'demo.str']
>>> r.disable("demo.repr"); [rid for rid, _ in r.rules()]
['demo.len', 'demo.str']
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

Rule = Callable[..., Any]


def stamp(item: Any, rule_id: str) -> None:
    """Write ``rule_id`` into the ``rule`` field of an item a rule has just made.

    Items are frozen dataclasses; a rule returns new ones with ``rule=""``, and the runner
    fills the field once, before anything else sees the item (as ``__init__`` would; a
    ``dataclasses.replace`` copy per item would cost an eighth of the parse time).
    """
    if item.rule:
        raise ValueError(f"{rule_id}: an item came back already stamped {item.rule!r}")
    object.__setattr__(item, "rule", rule_id)


@dataclass
class _Entry:
    rule_id: str
    fn: Rule
    enabled: bool = True


class Ruler:
    """The ordered rules of one chain of a step (``push``, ``before``, ``after``, ``at``,
    ``enable``, ``disable``). The list of enabled rules is cached until the chain changes."""

    def __init__(self, step: str, rules: Iterable[Rule] = (), *, name: str = "") -> None:
        self.step = step
        self.name = name  # which chain of the step ("boundaries", "frames" ...), for the docs
        self._entries: list[_Entry] = []
        self._chain: tuple[tuple[str, Rule], ...] | None = None
        for fn in rules:
            self.push(fn)

    # -- building ----------------------------------------------------------------------
    def _new(self, fn: Rule, name: str | None) -> _Entry:
        rule_id = f"{self.step}.{name or fn.__name__}"
        if any(e.rule_id == rule_id for e in self._entries):
            raise ValueError(f"rule {rule_id!r} is already in the chain")
        self._chain = None
        return _Entry(rule_id, fn)

    def _find(self, rule_id: str) -> int:
        full = rule_id if "." in rule_id else f"{self.step}.{rule_id}"
        for i, e in enumerate(self._entries):
            if e.rule_id == full:
                return i
        raise KeyError(f"no rule {full!r} in this chain")

    def push(self, fn: Rule, name: str | None = None) -> None:
        """Add a rule at the end of the chain."""
        self._entries.append(self._new(fn, name))

    def before(self, anchor: str, fn: Rule, name: str | None = None) -> None:
        """Add a rule just before the rule ``anchor``."""
        self._entries.insert(self._find(anchor), self._new(fn, name))

    def after(self, anchor: str, fn: Rule, name: str | None = None) -> None:
        """Add a rule just after the rule ``anchor``."""
        self._entries.insert(self._find(anchor) + 1, self._new(fn, name))

    def at(self, rule_id: str, fn: Rule) -> None:
        """Replace the function of the rule ``rule_id`` (its id stays)."""
        self._entries[self._find(rule_id)].fn = fn
        self._chain = None

    def enable(self, rule_ids: str | Iterable[str]) -> None:
        """Switch rules on again (ids as in ``diplotext rules``)."""
        self._set(rule_ids, True)

    def disable(self, rule_ids: str | Iterable[str]) -> None:
        """Switch rules off for every later parse (``parse(disable=...)`` does it for one)."""
        self._set(rule_ids, False)

    def _set(self, rule_ids: str | Iterable[str], on: bool) -> None:
        for rid in [rule_ids] if isinstance(rule_ids, str) else rule_ids:
            self._entries[self._find(rid)].enabled = on
        self._chain = None

    # -- reading -----------------------------------------------------------------------
    def all_rules(self) -> tuple[tuple[str, Rule], ...]:
        """Every rule of the chain, enabled or not: ``(rule_id, function)``."""
        return tuple((e.rule_id, e.fn) for e in self._entries)

    def rules(self, disabled: Collection[str] = ()) -> tuple[tuple[str, Rule], ...]:
        """The enabled rules, in order, leaving out the ids in ``disabled``."""
        if self._chain is None:
            self._chain = tuple((e.rule_id, e.fn) for e in self._entries if e.enabled)
        if not disabled:
            return self._chain
        return tuple(pair for pair in self._chain if pair[0] not in disabled)

    def __iter__(self) -> Iterator[tuple[str, Rule]]:
        return iter(self.all_rules())

    # -- running -----------------------------------------------------------------------
    def run_items(self, state: Any) -> list[Any]:
        """Run every enabled rule over ``state``; stamp each item with its rule id.

        ``state.items`` holds the items of the rules run so far (a rule may read them).
        """
        state.items = items = []
        for rule_id, fn in self.rules(state.disabled):
            for item in fn(state):
                stamp(item, rule_id)
                items.append(item)
        return items

    def collect(self, state: Any) -> dict[str, Any]:
        """Run every enabled rule once; ``{rule_id: result}``. ``state.items`` holds the
        results so far (a scan rule may read an earlier one's)."""
        state.items = found = {}
        for rule_id, fn in self.rules(state.disabled):
            found[rule_id] = fn(state)
        return found

    def decide(self, state: Any, here: Any) -> tuple[str, Any] | None:
        """Ask the enabled rules in order about ``here``: the first ``(rule_id, answer)``
        that is not None, else None."""
        state.here = here
        for rule_id, fn in self.rules(state.disabled):
            answer = fn(state)
            if answer is not None:
                return rule_id, answer
        return None
