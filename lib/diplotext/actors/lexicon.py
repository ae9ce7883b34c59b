"""The actors gazetteer (``data/actors.toml``) and the regexes built from it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .. import datafiles
from ..model import Actor
from ..textindex import WordStarts, word_starts
from ..wordlists import LEFT, RIGHT, alternation


@dataclass(frozen=True)
class Lexicon:
    """The gazetteer, read once from ``data/actors.toml``."""

    actors: dict[str, Actor]
    forms: dict[str, tuple[tuple[str, str], ...]]  # "name"/"acronym"/... -> (alias, id)
    metonyms: tuple[tuple[str, str], ...]  # (alias, state id)
    people: tuple[tuple[str, str], ...]  # (full name or surname, person id)
    full_names: frozenset[str]
    common_surnames: frozenset[str]  # surnames that are also ordinary words
    person_titles: dict[str, tuple[str, ...]]
    titles: tuple[str, ...]
    honorifics: tuple[str, ...]
    prefixes: tuple[str, ...]  # "U.S.", "Russian", "NATO", "Kremlin" before a title
    stopwords: frozenset[str]
    metonym_verbs: tuple[str, ...]
    place_prepositions: tuple[str, ...]
    not_actors: tuple[str, ...]


_NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


def surname(full_name: str) -> str:
    """The last word of a name that is not a suffix: "Joseph R. Biden Jr." -> "Biden"."""
    words = [w for w in full_name.split() if w not in _NAME_SUFFIXES]
    return words[-1] if words else full_name


def slug(name: str) -> str:
    """A lowercase ASCII id for a name: "Zbigniew Rau" -> "zbigniew-rau"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"


@datafiles.cached
def lexicon() -> Lexicon:
    """Read ``data/actors.toml`` into a :class:`Lexicon` (cached: read once)."""
    data = datafiles.read_toml("actors.toml")
    actors: dict[str, Actor] = {}
    forms: dict[str, list[tuple[str, str]]] = {
        "name": [],
        "acronym": [],
        "adjective": [],
        "group": [],
    }
    metonyms: list[tuple[str, str]] = []
    prefixes: list[str] = list(data.get("title_prefixes", []))
    for kind, key in (("state", "states"), ("organisation", "organisations")):
        for row in data.get(key, []):
            aid = row["id"]
            actors[aid] = Actor(aid, row["name"], kind, True, row.get("state"))
            forms["name"] += [(a, aid) for a in [row["name"], *row.get("names", [])]]
            forms["acronym"] += [(a, aid) for a in row.get("acronyms", [])]
            forms["adjective"] += [(a, aid) for a in row.get("adjectives", [])]
            metonyms += [(a, aid) for a in row.get("metonyms", [])]
            prefixes += row.get("acronyms", []) + row.get("adjectives", [])
    for row in data.get("groups", []):
        aid = row["id"]
        actors[aid] = Actor(aid, row["name"], "group", True, row.get("state"))
        forms["group"] += [(a, aid) for a in row.get("names", [])]
    people: list[tuple[str, str]] = []
    full_names: set[str] = set()
    common: set[str] = set()
    person_titles: dict[str, tuple[str, ...]] = {}
    for row in data.get("people", []):
        aid = row["id"]
        actors[aid] = Actor(aid, row["name"], "person", True, row.get("state"))
        person_titles[aid] = tuple(row.get("titles", []))
        for full in [row["name"], *row.get("names", [])]:
            people.append((full, aid))
            full_names.add(full)
            people.append((surname(full), aid))
            if row.get("common_surname"):
                common.add(surname(full))
    return Lexicon(
        actors=actors,
        forms={k: tuple(dict.fromkeys(v)) for k, v in forms.items()},
        metonyms=tuple(dict.fromkeys(metonyms)),
        people=tuple(dict.fromkeys(people)),
        full_names=frozenset(full_names),
        common_surnames=frozenset(common),
        person_titles=person_titles,
        titles=tuple(data.get("titles", [])),
        honorifics=tuple(data.get("honorifics", [])),
        prefixes=tuple(dict.fromkeys(p.removeprefix("the ") for p in prefixes)),
        stopwords=frozenset(data.get("name_stopwords", [])),
        metonym_verbs=tuple(data.get("metonym_verbs", [])),
        place_prepositions=tuple(data.get("place_prepositions", [])),
        not_actors=tuple(data.get("not_actors", [])),
    )


def _norm(s: str) -> str:
    """Normalise alias text for lookup: one space between words, straight apostrophes."""
    return " ".join(s.replace("’", "'").split())


def _lookup(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for alias, aid in pairs:
        out.setdefault(_norm(alias), aid)
        if alias.startswith("the "):
            out.setdefault(_norm("The " + alias[4:]), aid)
    return out


@datafiles.cached
def _form_regex(form: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A compiled regex (whole words, longest alias first) and lookup for one form."""
    pairs = lexicon().forms[form]
    rx = re.compile(rf"{LEFT}(?:{alternation(a for a, _ in pairs)}){RIGHT}")
    return rx, _lookup(pairs)


@datafiles.cached
def _form_starts(form: str) -> WordStarts:
    """Speed only: the words an alias of ``form`` can start with (see diplotext.textindex).

    Each regex below is tried only where such a word stands; what it matches is unchanged.
    """
    return word_starts(tuple(a for a, _ in lexicon().forms[form]))


@datafiles.cached
def _person_starts(with_names: bool) -> WordStarts:
    """Speed only: the words a person regex can start with: a prefix ("U.S."), a title or
    honorific, and (``with_names``) a known person's name or surname."""
    lex = lexicon()
    words = (*lex.prefixes, *lex.titles, *lex.honorifics)
    return word_starts(words + tuple(a for a, _ in lex.people) if with_names else words)


@datafiles.cached
def _person_parts() -> tuple[str, str, str, dict[str, str]]:
    """Regex pieces shared by the person rules: prefixes, titles+honorifics, names."""
    lex = lexicon()
    prefix = alternation(lex.prefixes)
    titles = alternation(lex.titles + lex.honorifics)
    names = alternation(a for a, _ in lex.people)
    return prefix, titles, names, _lookup(lex.people)
