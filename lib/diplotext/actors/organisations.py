"""Organisations the gazetteer does not know, found because they speak
(rule actors.speaking_organisation).

``“We are ready,” said the Kenya Red Cross Society.``, ``the Ministry of Health said``,
``UNICEF said in a statement``: a capitalised name whose last word is an organisation's
(``Society``, ``Ministry``, ``Corp.``: ``data/actors_organisation_heads.txt``), or that
starts with ``Ministry of`` and the like, or an acronym in capitals, right before or right
after a reporting verb, is an organisation. The verb is the evidence that the name acts;
the head word is the evidence that it is an organisation, not a person.
"""

from __future__ import annotations

import re

from .. import datafiles
from ..model import Actor
from ..state import State
from ..textindex import finditer_words
from ..wordlists import reporting_verbs
from .lexicon import _form_regex, _norm, lexicon, slug
from .rules import Candidate
from .speakers import _FILLER, _verb_re, _verb_starts

#: A word of an organisation's name: capitalised (``Red``, ``Corp.``, ``Médecins``).
_WORD = r"[A-Z][\w’'\-]*\.?"
#: The words that may join two capitalised words inside a name (``Ministry of Health``).
_JOIN = r"(?:[ \t]+(?:of|for|and|on|the|&)[ \t]+|[ \t]+)"
_NAME = rf"{_WORD}(?:{_JOIN}{_WORD}){{0,7}}"
_ACRONYM = r"[A-Z]{2,6}"
_BEFORE = re.compile(rf"(?:(?<=\s)|^)(?P<name>{_NAME}|{_ACRONYM})\s+{_FILLER}$")
_AFTER = re.compile(
    rf"\s+(?:the\s+)?(?P<name>{_NAME}|{_ACRONYM})(?=\s*[,.;:!?)]|\s*$|\s+(?:in|on|at)\s)"
)
_LOOK = 120  # characters read before a verb


@datafiles.cached
def _heads() -> dict[str, frozenset[str]]:
    found = datafiles.sections("actors_organisation_heads.txt")
    return {k: frozenset(v) for k, v in found.items()}


def _organisation_name(name: str) -> str | None:
    """The organisation's name in ``name`` (leading ``The`` dropped), or None when it is not
    one: an acronym, or a name that ends with a [last] head word or starts with a [first]
    head word and ``of``; never a state or organisation the gazetteer knows."""
    heads = _heads()
    words = name.split()
    while words and words[0] in lexicon().stopwords and words[0] not in heads["first"]:
        words = words[1:]  # "The", "Monday" are not part of the name
    if words and words[-1].endswith(".") and words[-1] not in heads["last"]:
        words[-1] = words[-1][:-1]  # the full stop after "Society." ends the sentence
    if not words:
        return None
    full = " ".join(words)
    if not (
        re.fullmatch(_ACRONYM, full)
        or (len(words) >= 2 and words[-1] in heads["last"])
        or (len(words) >= 3 and words[0] in heads["first"] and words[1] == "of")
    ):
        return None
    if words[-1] in ("of", "for", "and", "on", "the", "&"):
        return None
    if any(_norm(full) in _form_regex(f)[1] for f in ("name", "acronym", "adjective")):
        return None  # the gazetteer's rules name it
    return full


def _state_of(name: str) -> str | None:
    """The state a name's first word names (``Kenya Red Cross Society``), if any."""
    first = _norm(name.split()[0])
    for form in ("name", "adjective", "acronym"):
        actor = _form_regex(form)[1].get(first)
        if actor and lexicon().actors.get(actor) and lexicon().actors[actor].kind == "state":
            return actor
    return None


def _candidate(state: State, start: int, raw: str) -> Candidate | None:
    name = _organisation_name(raw)
    if name is None:
        return None
    start += raw.index(name)
    if state.text[start : start + len(name)] != name:
        return None
    actor = Actor(slug(name), name, "organisation", state=_state_of(name), known=False)
    return Candidate(start, start + len(name), name, actor.id, "name", inferred=actor)


def speaking_organisation(state: State) -> list[Candidate]:
    """actors.speaking_organisation: an organisation the gazetteer does not know, next to a
    reporting verb.

    ``the Kenya Red Cross Society said``, ``said the Ministry of Health``, ``UNICEF said in
    a statement``: a capitalised name (``of``/``for``/``and`` may join its words) ending in
    a word of ``data/actors_organisation_heads.txt`` (``[last]``: Society, Ministry, Corp.,
    ...), or starting with one of its ``[first]`` words and ``of`` (``Ministry of ...``),
    or an acronym of two to six capitals, right before a reporting verb (``also``, ``has``
    or an ``-ly`` word may stand between) or right after one. The organisation becomes an
    inferred actor (``known=False``, kind organisation, id = slug of the name). Names the
    gazetteer knows are left to its rules.
    """
    out: list[Candidate] = []
    text = state.text
    verbs = reporting_verbs()
    for v in finditer_words(_verb_re(), _verb_starts(), text, index=state.words):
        near = text[max(0, v.start() - 30) : v.start()].split()
        if v.group(0).endswith("ing"):
            pass  # "interviews to VOA emphasizing ...": a participle, not the name's verb
        elif near and (near[-1][:1].isupper() or _NEAR.fullmatch(near[-1])):
            m = _BEFORE.search(text, max(0, v.start() - _LOOK), v.start())
            if m is not None and (c := _candidate(state, m.start("name"), m.group("name"))):
                out.append(c)
        if verbs.get(" ".join(v.group(0).split()), False):
            continue  # "told the Security Council": after the verb stands the addressee
        m = _AFTER.match(text, v.end())
        if m is not None and (c := _candidate(state, m.start("name"), m.group("name"))):
            out.append(c)
    return out


#: A filler word right before the verb (cheap test before the name regex).
_NEAR = re.compile(r"[a-z]+ly|also|has|have|had|again|today|yesterday|earlier|later")
