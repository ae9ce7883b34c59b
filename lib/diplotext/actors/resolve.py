"""After the actors rules: resolve titles to people, merge inferred people, drop spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ..model import Actor
from .lexicon import lexicon, surname
from .rules import Candidate

_RANK_WORDS = {"Deputy", "Assistant", "Under", "Vice", "Acting", "Principal", "First"}


def title_fits(query: str, office: str) -> bool:
    """Whether "the <query>" can refer to someone holding ``office``.

    >>> title_fits("Secretary", "Secretary of State"), title_fits("Minister", "Foreign Minister")
    (True, True)
    >>> title_fits("Secretary", "Deputy Secretary of State")
    False
    """
    if query == office or office.startswith(query + " of "):
        return True
    if office.endswith(" " + query):
        head = office[: -len(query) - 1].split()
        return not (_RANK_WORDS & set(head))
    return False


def _resolve_titles(kept: list[Candidate]) -> list[Candidate]:
    """Give each title mention the person it refers to (see :func:`title`); drop the rest."""
    lex = lexicon()
    offices: dict[str, set[str]] = {}
    recent: dict[str, None] = {}  # person ids, least recently mentioned first
    out = []
    for c in kept:
        if c.form == "title":
            aid = None
            for pid in reversed(recent):
                if any(title_fits(c.title or "", o) for o in offices[pid]):
                    aid = pid
                    break
            if aid is None:
                continue
            c = replace(c, actor=aid)
        if c.actor in lex.person_titles or c.inferred is not None:
            offices.setdefault(c.actor, set(lex.person_titles.get(c.actor, ())))
            if c.title and c.form == "name":
                offices[c.actor].add(c.title)
            if c.form == "title" and c.title:
                offices[c.actor].add(c.title)
            recent.pop(c.actor, None)
            recent[c.actor] = None
        out.append(c)
    return out


#: Longest line read as a headline (a longer line is running text).
_HEADLINE = 200


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a headline in title case: at most ``_HEADLINE``
    characters, no sentence ends in it, and at least three in four of its words of four
    letters or more start with a capital (short words such as "to", "of" may not)."""
    lo = max(0, pos - _HEADLINE)
    start = text.rfind("\n", lo, pos) + 1
    if start == 0 and lo > 0:
        return False
    end = text.find("\n", pos, pos + _HEADLINE)
    if end < 0 and pos + _HEADLINE < len(text):
        return False
    line = text[start : end if end >= 0 else len(text)]
    if _SENTENCE_END.search(line):
        return False
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return bool(words) and 4 * sum(w[0].isupper() for w in words) >= 3 * len(words)


_SENTENCE_END = re.compile(r"[a-z][.!?](?:\s|$)")


def _cut_run_on(kept: list[Candidate], text: str) -> list[Candidate]:
    """A title-case headline runs a verb into a name ("President Trump Speaks to ..."
    makes "Trump Speaks"): on a title-case line, an inferred name that is another
    inferred person's name plus more words is that person, and the mention ends with
    their name."""
    names = {c.inferred.name: c.inferred for c in kept if c.inferred is not None}
    out = []
    for c in kept:
        words = c.inferred.name.split() if c.inferred is not None else []
        for n in range(len(words) - 1, 0, -1):
            other = names.get(" ".join(words[:n]))
            at = c.text.find(other.name) if other is not None else -1
            if other is not None and at >= 0 and _title_case_line(text, c.start):
                end = c.start + at + len(other.name)
                c = replace(
                    c, end=end, text=c.text[: end - c.start], actor=other.id, inferred=other
                )
                break
        out.append(c)
    return out


def _merge_inferred(kept: list[Candidate], text: str) -> list[Candidate]:
    """One inferred person, not two: a surname-only inferred person ("Foreign Minister
    Kuleba" in a headline) is the same as an inferred person with that surname and a
    full name elsewhere in the text ("Dmytro Kuleba"), if exactly one has it; and a
    name run on into a headline's next word is cut (see ``_cut_run_on``)."""
    kept = _cut_run_on(kept, text)
    full: dict[str, list[Actor]] = {}
    single: dict[str, str] = {}  # id -> name
    for c in kept:
        if c.inferred is not None:
            if len(c.inferred.name.split()) > 1:
                group = full.setdefault(surname(c.inferred.name), [])
                if c.inferred not in group:
                    group.append(c.inferred)
            else:
                single[c.actor] = c.inferred.name
    remap = {aid: full[name][0] for aid, name in single.items() if len(full.get(name, ())) == 1}
    if not remap:
        return kept
    return [
        replace(c, actor=remap[c.actor].id, inferred=remap[c.actor]) if c.actor in remap else c
        for c in kept
    ]


def _outside(cands: list[Candidate], spans: Sequence[tuple[int, int]]) -> list[Candidate]:
    """The candidates that do not overlap any of the (sorted, disjoint) spans."""
    if not spans:
        return cands
    starts = [s for s, _ in spans]
    out = []
    for c in cands:
        i = bisect_right(starts, c.end - 1) - 1  # last span starting before c ends
        if i >= 0 and spans[i][1] > c.start:
            continue
        out.append(c)
    return out
