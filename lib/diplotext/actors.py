"""Pipeline step: actors and their mentions (states, organisations, groups, people).

Who is named, and how? "Russia", "Moscow", "the Kremlin" and "Russian" can all refer to
the same state, but they do different work: a name, a metonym that makes a city act, an
adjective. This step finds every mention of an actor, gives it the actor's canonical id
(ISO 3166-1 alpha-3 for states, the acronym for organisations, a slug for people and
groups) and the form it takes (``model.MENTION_FORMS``).

The gazetteer is ``data/actors.toml``; a teacher extends it without touching code. Each
rule in ``RULES`` proposes spans; then the longest span wins and spans never overlap, a
name inside a negotiation format ("NATO-Russia Council") is not an actor mention, and
titles ("the Secretary") are resolved to the person last mentioned with that title.

``run(doc)`` returns ``{"actors": (Actor, ...), "mentions": (Mention, ...)}``:
``actors`` holds every actor that has a mention, in order of first mention.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from . import datafiles
from .formats import LEFT, RIGHT, alternation, select_longest
from .model import Actor, Document, Mention
from .textindex import WordStarts, finditer_words, word_starts

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - exercised on Python 3.10 only
    pass


# ---------------------------------------------------------------------------
# The gazetteer


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


@lru_cache(maxsize=1)
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


@cache
def _form_regex(form: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A compiled regex (whole words, longest alias first) and lookup for one form."""
    pairs = lexicon().forms[form]
    rx = re.compile(rf"{LEFT}(?:{alternation(a for a, _ in pairs)}){RIGHT}")
    return rx, _lookup(pairs)


@cache
def _form_starts(form: str) -> WordStarts:
    """Speed only: the words an alias of ``form`` can start with (see diplotext.textindex).

    Each regex below is tried only where such a word stands; what it matches is unchanged.
    """
    return word_starts(tuple(a for a, _ in lexicon().forms[form]))


@lru_cache(maxsize=2)
def _person_starts(with_names: bool) -> WordStarts:
    """Speed only: the words a person regex can start with: a prefix ("U.S."), a title or
    honorific, and (``with_names``) a known person's name or surname."""
    lex = lexicon()
    words = (*lex.prefixes, *lex.titles, *lex.honorifics)
    return word_starts(words + tuple(a for a, _ in lex.people) if with_names else words)


@lru_cache(maxsize=1)
def _person_parts() -> tuple[str, str, str, dict[str, str]]:
    """Regex pieces shared by the person rules: prefixes, titles+honorifics, names."""
    lex = lexicon()
    prefix = alternation(lex.prefixes)
    titles = alternation(lex.titles + lex.honorifics)
    names = alternation(a for a, _ in lex.people)
    return prefix, titles, names, _lookup(lex.people)


# ---------------------------------------------------------------------------
# Candidates: what a rule proposes before the longest match wins


@dataclass(frozen=True)
class Candidate:
    """A proposed mention. ``title`` is set for title mentions (resolved later) and for
    person mentions that carry a title; ``actor`` is "" for spans claimed by
    ``actors.not_actor`` (kept out of the output); ``inferred`` holds a new Actor."""

    start: int
    end: int
    text: str
    actor: str
    form: str
    rule: str = ""
    title: str | None = None
    inferred: Actor | None = None


Rule = Callable[[Document, Sequence[Candidate]], list[Candidate]]


def _by_form(doc: Document, form: str, mention_form: str) -> list[Candidate]:
    rx, lookup = _form_regex(form)
    return [
        Candidate(m.start(), m.end(), m.group(0), lookup[_norm(m.group(0))], mention_form)
        for m in finditer_words(rx, _form_starts(form), doc.text)
    ]


# ---------------------------------------------------------------------------
# Rules


_LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Z.’' \-]*[A-Z.])(?=[ \t]*:)", re.MULTILINE)


def transcript_label(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Speaker labels in capitals at the start of a line, before a colon:
    "SECRETARY BLINKEN:", "MR PRICE:", "MS. DOE:".

    Transcripts name each speaker this way, and only there are names in capitals, so
    this is the one case-insensitive rule. Leading titles and honorifics are set aside
    and the rest is looked up as a known person's name or surname. An unknown name after
    a title or honorific becomes an inferred person; a label with neither ("QUESTION:",
    "MODERATOR:") is not a mention.
    """
    lex = lexicon()
    by_upper = {_norm(a).upper(): aid for a, aid in lex.people}
    title_words = sorted({_norm(t).upper() for t in lex.titles + lex.honorifics}, key=len)
    out = []
    for m in _LABEL.finditer(doc.text):
        label = " ".join(m.group("label").split())
        rest, had_title = label, False
        for t in reversed(title_words):  # longest title first
            if rest.startswith(t + " "):
                rest, had_title = rest[len(t) + 1 :], True
                break
        start, end = m.start("label"), m.end("label")
        text = doc.text[start:end]
        aid = by_upper.get(rest) or by_upper.get(surname(rest))
        if aid:
            out.append(Candidate(start, end, text, aid, "name", title=None))
        elif had_title and rest and all(w[0].isalpha() for w in rest.split()):
            name = " ".join(w.capitalize() for w in rest.split())
            actor = Actor(slug(name), name, "person", known=False)
            out.append(Candidate(start, end, text, actor.id, "name", inferred=actor))
    return out


@lru_cache(maxsize=1)
def _known_person_regex() -> re.Pattern[str]:
    prefix, titles, names, _ = _person_parts()
    return re.compile(
        rf"{LEFT}(?:(?P<prefix>{prefix})\s+)?(?P<titles>(?:(?:{titles})\s+){{0,3}})"
        rf"(?P<name>{names}){RIGHT}"
    )


def known_person(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """People in the gazetteer, by full name or surname, with what stands before it:
    an office ("Secretary of State"), whose office ("U.S.", "Russian", "NATO") and an
    honorific ("Mr."). "U.S. Secretary of State Antony Blinken" is one mention of
    ``antony-blinken``, and the "U.S." in it is not a separate mention of the USA.

    A surname that is also an ordinary word or place ("Price", "Austin"; marked
    ``common_surname`` in the gazetteer) counts here only with a title or honorific
    ("Mr. Price"); alone it waits for ``actors.short_form``.
    """
    lex = lexicon()
    _, _, _, lookup = _person_parts()
    out = []
    for m in finditer_words(_known_person_regex(), _person_starts(True), doc.text):
        name = _norm(m.group("name"))
        titles = m.group("titles").strip()
        if name in lex.common_surnames and not titles:
            continue
        start = m.start() if titles else m.start("name")  # a bare prefix is not part of it
        if not titles and m.group("prefix"):
            start = m.start("name")
        out.append(
            Candidate(
                start,
                m.end(),
                doc.text[start : m.end()],
                lookup[name],
                "name",
                title=_norm(titles) or None,
            )
        )
    return out


_NAME_TOKEN = r"[^\W\d_]+(?:-[^\W\d_]+)*\.?"


@lru_cache(maxsize=1)
def _inferred_regex() -> re.Pattern[str]:
    prefix, titles, _, _ = _person_parts()
    return re.compile(
        rf"{LEFT}(?:(?P<prefix>{prefix})\s+)?(?P<titles>(?:(?:{titles})[ \t]+){{1,3}})"
        rf"(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,3}})"
    )


@lru_cache(maxsize=1)
def _name_word_sets() -> tuple[frozenset[str], frozenset[str]]:
    """Words of known people's names, and one-word titles ("Secretary", "Mr.")."""
    lex = lexicon()
    known = frozenset(w for a, _ in lex.people for w in a.split())
    titles = frozenset(t for t in lex.titles + lex.honorifics if " " not in t)
    return known, titles


def _name_tokens(raw: str, lex: Lexicon) -> list[str]:
    """The leading capitalised words of ``raw`` that can be a person's name."""
    keep: list[str] = []
    known_words, title_words = _name_word_sets()
    for tok in raw.split():
        initial = len(tok) == 2 and tok[0].isupper() and tok[1] == "."
        word = tok.rstrip(".")
        if not initial and (
            not word[:1].isupper()
            or word.isupper()
            or word in lex.stopwords
            or tok in title_words
            or word in title_words
            or word in _form_regex("name")[1]
            or word in _form_regex("adjective")[1]
        ):
            break
        if word in known_words:
            return []  # a known person: actors.known_person's job
        keep.append(tok)
        if tok.endswith(".") and not initial and word not in _NAME_SUFFIXES:
            break  # "Doe." ends a sentence
    while keep and len(keep[-1]) == 2 and keep[-1].endswith("."):
        keep.pop()  # a trailing initial is not part of the name
    return keep


def inferred_person(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """A title or honorific followed by a capitalised name not in the gazetteer:
    "Foreign Minister Jane Doe", "Ambassador John Smith", "Mr. Smith".

    The name becomes an inferred actor (``known=False``, kind person, id = slug of the
    name). Its state is taken from the word before the title when that word is a state's
    acronym or adjective ("Polish Foreign Minister ..."). Why: readouts introduce new
    officials by title and full name; the title is the evidence that this is a person.
    The name stops at the first word that is not capitalised, a stop word (months, "The")
    or an actor's name.
    """
    lex = lexicon()
    adj = {**_form_regex("adjective")[1], **_form_regex("acronym")[1]}
    out = []
    rx = _inferred_regex()
    pos = 0
    while (m := next(finditer_words(rx, _person_starts(False), doc.text, pos), None)) is not None:
        # the name part may run past the name ("Jenkins and Lt."): resume after the name
        tokens = _name_tokens(m.group("name"), lex)
        if not tokens:
            pos = m.start("name")
            continue
        spans = [t.span() for t in re.finditer(r"\S+", m.group("name"))][: len(tokens)]
        end = m.start("name") + spans[-1][1]
        if tokens[-1].endswith(".") and tokens[-1] not in _NAME_SUFFIXES:
            end -= 1  # "Doe." at the end of a sentence
        pos = end
        name = " ".join(t if t in _NAME_SUFFIXES else t.rstrip(".") for t in tokens)
        start = m.start() if m.group("prefix") else m.start("titles")
        state = adj.get(_norm(m.group("prefix") or ""))
        actor = Actor(slug(name), name, "person", known=False, state=state)
        out.append(
            Candidate(
                start,
                end,
                doc.text[start:end],
                actor.id,
                "name",
                title=_norm(m.group("titles")),
                inferred=actor,
            )
        )
    return out


def group(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Groups of actors named as one: "Allies and partners" (the U.S. and its allies
    and partners, id ``us-allies-partners``), case as written in the gazetteer.

    The span is the phrase itself; a determiner before it ("its", "our") stays out
    (in-group pronouns are the rhetoric step's subject, not actor mentions).
    """
    return _by_form(doc, "group", "group")


def name(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Proper names of states and organisations: "Russia", "the United States",
    "Russian Federation", "Organization for Security and Cooperation in Europe".

    Case-sensitive, whole words; a leading "the" that belongs to the name is part of the
    span ("The United States"). A possessive ’s stays outside the span ("Russia" in
    "Russia’s").
    """
    return _by_form(doc, "name", "name")


def acronym(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Acronyms of states and organisations: "U.S.", "UK", "EU", "NATO", "OSCE", "UN".

    Case-sensitive, so "us" (the pronoun) is never the United States. Inside a longer
    mention ("U.S. Secretary of State Antony Blinken") the longer mention wins.
    """
    return _by_form(doc, "acronym", "acronym")


def adjective(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Adjectives and demonyms: "Russian", "American", "Ukrainian", "Russians".

    They refer to a state indirectly ("Russian forces"), which is why they have their own
    form: a lesson can count how often a state is named outright and how often only
    described.
    """
    return _by_form(doc, "adjective", "adjective")


@lru_cache(maxsize=1)
def _metonym_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict]:
    lex = lexicon()
    rx = re.compile(rf"{LEFT}(?:{alternation(a for a, _ in lex.metonyms)}){RIGHT}")
    verbs = "|".join(re.escape(v) for v in lex.metonym_verbs)
    acts = re.compile(
        r"['’]s(?!\w)"  # possessive: "Moscow’s actions"
        r"|(?:\s+and\s+(?:[Tt]he\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?"  # "Moscow and Minsk"
        r"(?:,?\s+\w+ly,?)?\s+(?:(?:not|also|now|still|again)\s+)?"
        rf"(?:{verbs})(?!\w)"
    )
    preps = "|".join(
        r"\s+".join(map(re.escape, p.split()))
        for p in sorted(lex.place_prepositions, key=len, reverse=True)
    )
    place = re.compile(rf"(?:^|\W)(?:{preps})\s+$", re.IGNORECASE)
    return rx, acts, place, _lookup(lex.metonyms)


def metonym(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """A capital or a seat of government standing for its state: "Moscow", "the
    Kremlin" -> RUS; "Washington", "the White House" -> USA; "Kyiv" -> UKR.

    Only when the place *acts*: it is followed by a possessive ("Moscow’s actions") or,
    after at most one adverb, by a verb from the gazetteer's ``metonym_verbs`` ("the
    Kremlin is prepared", "Moscow has", "Moscow and Minsk have"); and it is not right
    after a place preposition ("talks in Moscow", "travel to Kyiv"), which make it a
    place. Venues shared by many actors ("Brussels", "Geneva", "Vienna" as the OSCE's
    seat) are not in the list at all, or never act in the genre.
    """
    rx, acts, place, lookup = _metonym_regexes()
    text = doc.text
    out = []
    places = word_starts(tuple(a for a, _ in lexicon().metonyms))
    for m in finditer_words(rx, places, text):
        after = acts.match(text, m.end())
        if not after:
            continue
        possessive = text[m.end() : m.end() + 1] in ("'", "’")
        if not possessive and place.search(text, max(0, m.start() - 25), m.start()):
            continue
        out.append(Candidate(m.start(), m.end(), m.group(0), lookup[_norm(m.group(0))], "metonym"))
    return out


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern[str]:
    titles = alternation(lexicon().titles)
    return re.compile(
        rf"{LEFT}(?:[Tt]he|Mr\.?|Madam)\s+(?P<title>{titles}){RIGHT}(?!\s+[A-Z][a-z])"
    )


def title(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """An office without a name: "the Secretary", "the Deputy Secretary", "the President",
    and the same office used to address someone ("Mr. Secretary", "Madam Secretary").

    Resolved (in ``run``) to the person mentioned most recently before it whose office
    fits: "the Secretary" fits "Secretary of State" but "the Secretary" does not fit
    "Deputy Secretary of State" (a rank word like Deputy, Assistant, Under, Vice makes
    it another office). With no such person earlier in the text, the gazetteer decides
    only if exactly one known person fits ("the Deputy Secretary" -> Wendy R. Sherman);
    otherwise ("the President": which one?) there is no mention.
    """
    rx = _title_regex()
    return [
        Candidate(m.start(), m.end(), m.group(0), "", "title", title=_norm(m.group("title")))
        for m in finditer_words(rx, word_starts(("the", "Mr", "Madam")), doc.text)
    ]


@lru_cache(maxsize=1)
def _not_actor_regex() -> re.Pattern[str]:
    return re.compile(rf"{LEFT}(?:{alternation(lexicon().not_actors)}){RIGHT}")


def not_actor(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Phrases that contain an actor's name but are not the actor ("Latin America",
    "Voice of America"): listed in the gazetteer's ``not_actors``. They claim their span
    so that the name inside is not a mention, and are then dropped from the output."""
    rx = _not_actor_regex()
    starts = word_starts(lexicon().not_actors)
    return [
        Candidate(m.start(), m.end(), m.group(0), "", "name")
        for m in finditer_words(rx, starts, doc.text)
    ]


def short_form(doc: Document, found: Sequence[Candidate]) -> list[Candidate]:
    """Later short forms of a person already named in the text: the surname, alone or
    after an honorific or title ("Doe", "Ms. Doe", "Minister Doe").

    Applies to inferred people ("Foreign Minister Jane Doe" ... "Doe") and to known
    people whose surname is also an ordinary word ("Ned Price" ... "Price"). Only
    *after* the fuller mention: a text that merely says "Price" is about prices.
    """
    lex = lexicon()
    first: dict[str, tuple[int, str]] = {}  # surname -> (end of first full mention, id)
    for c in found:
        if c.form != "name" or not c.actor:
            continue
        if c.inferred is not None and c.inferred.known is False:
            sur = surname(c.inferred.name)
        elif c.actor in lex.person_titles and _norm(c.text).endswith(
            tuple(n for n in lex.full_names if surname(n) in lex.common_surnames)
        ):
            sur = surname(lex.actors[c.actor].name)
        else:
            continue
        if sur not in first or c.end < first[sur][0]:
            first[sur] = (c.end, c.actor)
    if not first:
        return []
    _, titles, _, _ = _person_parts()
    rx = re.compile(
        rf"{LEFT}(?P<titles>(?:(?:{titles})\s+){{0,2}})(?P<name>{alternation(first)}){RIGHT}"
    )
    starts = word_starts((*lex.titles, *lex.honorifics, *first))
    out = []
    for m in finditer_words(rx, starts, doc.text):
        end_first, aid = first[_norm(m.group("name"))]
        if m.start() >= end_first:
            out.append(Candidate(m.start(), m.end(), m.group(0), aid, "name"))
    return out


RULES: tuple[tuple[str, Rule], ...] = (
    ("actors.transcript_label", transcript_label),
    ("actors.not_actor", not_actor),
    ("actors.known_person", known_person),
    ("actors.inferred_person", inferred_person),
    ("actors.group", group),
    ("actors.name", name),
    ("actors.acronym", acronym),
    ("actors.metonym", metonym),
    ("actors.adjective", adjective),
    ("actors.title", title),
    ("actors.short_form", short_form),
)


# ---------------------------------------------------------------------------
# Putting it together

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
                fits = [
                    pid
                    for pid, titles in lex.person_titles.items()
                    if any(title_fits(c.title or "", o) for o in titles)
                ]
                aid = fits[0] if len(fits) == 1 else None
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


def _merge_inferred(kept: list[Candidate]) -> list[Candidate]:
    """One inferred person, not two: a surname-only inferred person ("Foreign Minister
    Kuleba" in a headline) is the same as an inferred person with that surname and a
    full name elsewhere in the text ("Dmytro Kuleba"), if exactly one has it."""
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


def run(doc: Document) -> dict:
    """Find actors and mentions: every rule proposes spans, spans inside negotiation
    formats are dropped, the longest span wins (ties go to the earlier rule, except that a
    short form of a person named earlier beats a new inferred person), titles are
    resolved, and the actors with at least one mention are listed by first mention."""
    rank = {rid: float(i) for i, (rid, _) in enumerate(RULES)}
    # "Mr. Kowalski" after "Jan Kowalski" is him, not a new person: on the same span the
    # short form beats the inferred-person rule.
    rank["actors.short_form"] = rank["actors.inferred_person"] - 0.5
    cands: list[Candidate] = []
    for rid, fn in RULES:
        cands.extend(replace(c, rule=rid) for c in fn(doc, tuple(cands)))
    spans = sorted((f.start, f.end) for f in doc.formats)
    cands = _outside(cands, spans)
    kept = select_longest(cands, rank=lambda c: rank[c.rule])
    kept = [c for c in kept if c.actor or c.form == "title"]
    kept = _resolve_titles(_merge_inferred(kept))
    lex = lexicon()
    actors: dict[str, Actor] = {}
    mentions = []
    for c in kept:
        if c.actor not in actors:
            actors[c.actor] = (
                lex.actors.get(c.actor)
                or c.inferred
                or Actor(c.actor, c.text, "person", known=False)
            )
        mentions.append(Mention(c.start, c.end, c.text, c.actor, c.form, c.rule))
    return {"actors": tuple(actors.values()), "mentions": tuple(mentions)}
