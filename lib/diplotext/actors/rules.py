"""The rules of the actors step: each proposes candidate mentions (``rule(state)``).

A rule reads the text, the word index and ``state.items``: the candidates of the rules
before it (``actors.short_form`` reads the people named so far).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import datafiles
from ..model import Actor
from ..state import State
from ..textindex import finditer_words, word_starts
from ..wordlists import LEFT, RIGHT, alternation, reporting_verbs
from .lexicon import (
    _NAME_SUFFIXES,
    Lexicon,
    _form_regex,
    _form_starts,
    _lookup,
    _norm,
    _person_parts,
    _person_starts,
    lexicon,
    slug,
    surname,
)


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


def _by_form(state: State, form: str, mention_form: str) -> list[Candidate]:
    rx, lookup = _form_regex(form)
    return [
        Candidate(m.start(), m.end(), m.group(0), lookup[_norm(m.group(0))], mention_form)
        for m in finditer_words(rx, _form_starts(form), state.text, index=state.words)
    ]


_LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Z.’' \-]*[A-Z.])(?=[ \t]*:)", re.MULTILINE)


def transcript_label(state: State) -> list[Candidate]:
    """Speaker labels in capitals at the start of a line, before a colon:
    "SECRETARY BLINKEN:", "MR PRICE:", "MS. DOE:".

    Transcripts name each speaker this way, and only there are names in capitals, so
    this is the one case-insensitive rule. Leading titles and honorifics are set aside
    and the rest is looked up as a known person's name or surname. An unknown name after
    a title or honorific becomes an inferred person; so does a label of two or three
    words with neither ("LINDA CHAVEZ:", a radio script's label) when the text also
    writes them as a name in capitalised words ("Others, like Linda Chavez from ...").
    A label with neither that the text never writes so ("QUESTION:", "MODERATOR:") is
    not a mention.
    """
    lex = lexicon()
    by_upper = {_norm(a).upper(): aid for a, aid in lex.people}
    title_words = sorted({_norm(t).upper() for t in lex.titles + lex.honorifics}, key=len)
    written: dict[str, str] | None = None
    out = []
    for m in _LABEL.finditer(state.text):
        label = " ".join(m.group("label").split())
        rest, had_title = label, False
        for t in reversed(title_words):  # longest title first
            if rest.startswith(t + " "):
                rest, had_title = rest[len(t) + 1 :], True
                break
        start, end = m.start("label"), m.end("label")
        text = state.text[start:end]
        aid = by_upper.get(rest) or by_upper.get(surname(rest))
        if aid:
            out.append(Candidate(start, end, text, aid, "name", title=None))
        elif had_title and rest and all(w[0].isalpha() for w in rest.split()):
            name = " ".join(w.capitalize() for w in rest.split())
            actor = Actor(slug(name), name, "person", known=False)
            out.append(Candidate(start, end, text, actor.id, "name", inferred=actor))
        elif not had_title and 2 <= len(rest.split()) <= 3:
            written = _capitalised_names(state.text, lex) if written is None else written
            if name := written.get(rest.casefold()):
                actor = Actor(slug(name), name, "person", known=False)
                out.append(Candidate(start, end, text, actor.id, "name", inferred=actor))
    return out


_CAP_WORD = re.compile(r"[A-Z][a-z][\w’'\-]*")


def _capitalised_names(text: str, lex: Lexicon) -> dict[str, str]:
    """Every run of two or three capitalised words that can be a person's name
    (``_name_tokens``), by its case-folded form: one pass over the text."""
    out: dict[str, str] = {}
    run: list[re.Match[str]] = []
    for m in _CAP_WORD.finditer(text):
        if run and text[run[-1].end() : m.start()] != " ":
            run = []
        run = [*run[-2:], m]
        for k in (2, 3):
            if len(run) >= k:
                words = [w.group(0) for w in run[-k:]]
                if len(_name_tokens(" ".join(words), lex)) == k:
                    out.setdefault(" ".join(words).casefold(), " ".join(words))
    return out


@datafiles.cached
def _known_person_regex() -> re.Pattern[str]:
    prefix, titles, names, _ = _person_parts()
    return re.compile(
        rf"{LEFT}(?:(?P<prefix>{prefix})\s+)?(?P<titles>(?:(?:{titles})\s+){{0,3}})"
        rf"(?P<name>{names}){RIGHT}"
    )


def known_person(state: State) -> list[Candidate]:
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
    for m in finditer_words(
        _known_person_regex(), _person_starts(True), state.text, index=state.words
    ):
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
                state.text[start : m.end()],
                lookup[name],
                "name",
                title=_norm(titles) or None,
            )
        )
    return out


_NAME_TOKEN = r"[^\W\d_]+(?:-[^\W\d_]+)*\.?"


@datafiles.cached
def _inferred_regex() -> re.Pattern[str]:
    prefix, titles, _, _ = _person_parts()
    return re.compile(
        rf"{LEFT}(?:(?P<prefix>{prefix})\s+)?(?P<titles>(?:(?:{titles})[ \t]+){{1,3}})"
        rf"(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,3}})"
    )


@datafiles.cached
def _name_word_sets() -> tuple[frozenset[str], frozenset[str]]:
    """Known people's surnames (the last word of each name the gazetteer gives them: a
    first name such as "Joseph" is not one, so "Cmdr. Joseph Paulding" is read), and
    one-word titles ("Secretary", "Mr.")."""
    lex = lexicon()
    known = frozenset(surname(a) for a, _ in lex.people)
    titles = frozenset(t for t in lex.titles + lex.honorifics if " " not in t)
    return known, titles


def _name_tokens(raw: str, lex: Lexicon) -> list[str]:
    """The leading capitalised words of ``raw`` that can be a person's name."""
    keep: list[str] = []
    known_words, title_words = _name_word_sets()
    for tok in raw.split():
        initial = len(tok) == 2 and tok[0].isupper() and tok[1] == "."
        word = tok.rstrip(".")
        if tok in title_words or word in title_words:
            return []  # "Press Secretary Navy Rear Adm. John Kirby": "Navy Rear" is no name
        if not initial and (
            not word[:1].isupper()
            or word.isupper()
            or word in lex.stopwords
            or word.casefold() in reporting_verbs()  # a headline's "Minister Says Ukraine"
            or word in _form_regex("name")[1]
            or word in _form_regex("adjective")[1]
        ):
            break
        if word in known_words and not (keep and word in lex.common_surnames):
            return []  # a known person: actors.known_person's job ("Dan Austin" is not)
        keep.append(tok)
        if tok.endswith(".") and not initial and word not in _NAME_SUFFIXES:
            break  # "Doe." ends a sentence
    while keep and len(keep[-1]) == 2 and keep[-1].endswith("."):
        keep.pop()  # a trailing initial is not part of the name
    return keep


def inferred_person(state: State) -> list[Candidate]:
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
    while (
        m := next(
            finditer_words(rx, _person_starts(False), state.text, pos, index=state.words), None
        )
    ) is not None:
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
        home = adj.get(_norm(m.group("prefix") or ""))
        actor = Actor(slug(name), name, "person", known=False, state=home)
        out.append(
            Candidate(
                start,
                end,
                state.text[start:end],
                actor.id,
                "name",
                title=_norm(m.group("titles")),
                inferred=actor,
            )
        )
    return out


def group(state: State) -> list[Candidate]:
    """Groups of actors named as one: "Allies and partners" (the U.S. and its allies
    and partners, id ``us-allies-partners``), case as written in the gazetteer.

    The span is the phrase itself; a determiner before it ("its", "our") stays out
    (in-group pronouns are the rhetoric step's subject, not actor mentions).
    """
    return _by_form(state, "group", "group")


def name(state: State) -> list[Candidate]:
    """Proper names of states and organisations: "Russia", "the United States",
    "Russian Federation", "Organization for Security and Cooperation in Europe".

    Case-sensitive, whole words; a leading "the" that belongs to the name is part of the
    span ("The United States"). A possessive ’s stays outside the span ("Russia" in
    "Russia’s").
    """
    return _by_form(state, "name", "name")


def acronym(state: State) -> list[Candidate]:
    """Acronyms of states and organisations: "U.S.", "UK", "EU", "NATO", "OSCE", "UN".

    Case-sensitive, so "us" (the pronoun) is never the United States. Inside a longer
    mention ("U.S. Secretary of State Antony Blinken") the longer mention wins.
    """
    return _by_form(state, "acronym", "acronym")


def adjective(state: State) -> list[Candidate]:
    """Adjectives and demonyms: "Russian", "American", "Ukrainian", "Russians".

    They refer to a state indirectly ("Russian forces"), which is why they have their own
    form: a lesson can count how often a state is named outright and how often only
    described.
    """
    return _by_form(state, "adjective", "adjective")


@datafiles.cached
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


def metonym(state: State) -> list[Candidate]:
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
    text = state.text
    out = []
    places = word_starts(tuple(a for a, _ in lexicon().metonyms))
    for m in finditer_words(rx, places, text, index=state.words):
        after = acts.match(text, m.end())
        if not after:
            continue
        possessive = text[m.end() : m.end() + 1] in ("'", "’")
        if not possessive and place.search(text, max(0, m.start() - 25), m.start()):
            continue
        out.append(Candidate(m.start(), m.end(), m.group(0), lookup[_norm(m.group(0))], "metonym"))
    return out


@datafiles.cached
def _title_regex() -> re.Pattern[str]:
    titles = alternation(lexicon().titles)
    return re.compile(
        rf"{LEFT}(?:[Tt]he|Mr\.?|Madam)\s+(?P<title>{titles}){RIGHT}(?!\s+[A-Z][a-z])"
    )


def title(state: State) -> list[Candidate]:
    """An office without a name: "the Secretary", "the Deputy Secretary", "the President",
    and the same office used to address someone ("Mr. Secretary", "Madam Secretary").

    Resolved (in ``run``) to the person mentioned most recently before it whose office
    fits: "the Secretary" fits "Secretary of State" but "the Secretary" does not fit
    "Deputy Secretary of State" (a rank word like Deputy, Assistant, Under, Vice makes
    it another office). With no such person earlier in the text there is no mention: the
    gazetteer's office-holders are those of January 2022, and another text's "Deputy
    Secretary" or "spokesman" may be someone else (no speaker is better than a wrong one).
    """
    rx = _title_regex()
    return [
        Candidate(m.start(), m.end(), m.group(0), "", "title", title=_norm(m.group("title")))
        for m in finditer_words(
            rx, word_starts(("the", "Mr", "Madam")), state.text, index=state.words
        )
    ]


@datafiles.cached
def _not_actor_regex() -> re.Pattern[str]:
    return re.compile(rf"{LEFT}(?:{alternation(lexicon().not_actors)}){RIGHT}")


def not_actor(state: State) -> list[Candidate]:
    """Phrases that contain an actor's name but are not the actor ("Latin America",
    "Voice of America"): listed in the gazetteer's ``not_actors``. They claim their span
    so that the name inside is not a mention, and are then dropped from the output."""
    rx = _not_actor_regex()
    starts = word_starts(lexicon().not_actors)
    return [
        Candidate(m.start(), m.end(), m.group(0), "", "name")
        for m in finditer_words(rx, starts, state.text, index=state.words)
    ]


#: A romanised Korean given name, written after the family name ("Ki-moon", "Jong-un").
_GIVEN_AFTER = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _family_name_first(c: Candidate) -> tuple[str, ...]:
    """The family name of an inferred person whose name puts it first ("Ban Ki-moon" ->
    "Ban", so that "Mr. Ban" is him): two words, the second a hyphenated given name."""
    words = c.inferred.name.split() if c.inferred is not None else []
    if len(words) == 2 and _GIVEN_AFTER.fullmatch(words[1]):
        return (words[0],)
    return ()


def short_form(state: State) -> list[Candidate]:
    """Later short forms of a person already named in the text: the surname, alone or
    after an honorific or title ("Doe", "Ms. Doe", "Minister Doe"); for a name whose
    family name comes first ("Ban Ki-moon"), that name ("Mr. Ban").

    Applies to inferred people ("Foreign Minister Jane Doe" ... "Doe") and to known
    people whose surname is also an ordinary word ("Ned Price" ... "Price"). Only
    *after* the fuller mention: a text that merely says "Price" is about prices.
    """
    lex = lexicon()
    first: dict[str, tuple[int, str]] = {}  # surname -> (end of first full mention, id)
    for c in state.items:
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
        for key in (sur, *_family_name_first(c)):
            if key not in first or c.end < first[key][0]:
                first[key] = (c.end, c.actor)
    if not first:
        return []
    _, titles, _, _ = _person_parts()
    rx = re.compile(
        rf"{LEFT}(?P<titles>(?:(?:{titles})\s+){{0,2}})(?P<name>{alternation(first)}){RIGHT}"
    )
    starts = word_starts((*lex.titles, *lex.honorifics, *first))
    out = []
    for m in finditer_words(rx, starts, state.text, index=state.words):
        end_first, aid = first[_norm(m.group("name"))]
        if m.start() >= end_first:
            out.append(Candidate(m.start(), m.end(), m.group(0), aid, "name"))
    return out
