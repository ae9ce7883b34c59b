"""People the gazetteer does not know, found because they speak (rule actors.speaking_person).

A capitalised name of two to four words next to a reporting verb (``Jeff Traeger said``,
``said Jim Risch``, ``Aminah Kakabaveh, a member of parliament, told``) or followed by an
apposition that gives a role (``Peskov, the Kremlin spokesman,``) is a person: the verb
or the role is the evidence. Later surname-only mentions are found by actors.short_form.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from .. import datafiles
from ..model import Actor
from ..state import State
from ..textindex import WordStarts, finditer_words, word_starts
from ..wordlists import function_words, not_name_words, reporting_verb_pattern, reporting_verbs
from .lexicon import _NAME_SUFFIXES, _form_regex, _norm, lexicon, slug
from .rules import Candidate, _name_word_sets

#: One word of a name: capitalised, an initial, or an Arabic article joined to a
#: capitalised word (``al-Arabi``, ``el-Sisi``).
_TOKEN = (
    r"(?:(?:a[lns]|el|ad|ash|at|az)-[A-Z][^\W\d_]*"
    r"|[A-Z][^\W\d_]*(?:[’'\-][A-Za-z][^\W\d_]*)*|[A-Z]\.)"
)
#: Words that may stand between a speaker and the verb ("Jones also said", "Doe, ...,
#: today confirmed").
_FILLER = (
    r"(?:(?:also|has|had|have|then|later|again|once|further|today|yesterday|earlier"
    r"|[a-z]+ly)\s+){0,3}"
)
#: An apposition in commas: ", a Kurdish member of Sweden's parliament,", or a bare role
#: (", health spokeswoman for the Labour Party,"), perhaps with a relative clause after it
#: (", which uncovered the figures,").
_APPOSITION = (
    r",\s+(?P<role>(?:(?:the|a|an|his|her|[A-Z][^\W\d_]+[’']s)\s+|[a-z]+\s+)"
    r"[^,;:“”\"\n]{2,80}?)(?:,\s+(?:which|who|whose|where)\s[^,;:“”\"\n]{2,80}?)?,"
)
#: Where the person is from, between the name and the verb (" of northwestern X province").
_FROM = r"(?:\s+(?:of|from)\s+[^,;:“”\"\n]{2,60}?)?"
_LOOK = 160  # characters read before a verb


@datafiles.cached
def _verb_re() -> re.Pattern[str]:
    return re.compile(reporting_verb_pattern())


@datafiles.cached
def _verb_starts() -> WordStarts:
    return word_starts(tuple(reporting_verbs()))


#: A preposition right before a capitalised run: its first word is a place.
_PLACE_BEFORE = re.compile(r"(?<![\w’'\-])(?i:in|at|from|near|to|outside)\s+$")
#: The last word before a verb, when a name may stand there (capitalised, or a comma).
_NEAR = re.compile(
    r"(?:[A-Z][^\s,]*|[a-z]+ly|also|has|had|have|then|later|again|once|further|today"
    r"|yesterday|earlier)$"
)
#: A capitalised word, then "of"/"from" and a few words, right before the verb.
_FROM_NEAR = re.compile(r"[A-Z][^\s,]*\s+(?:of|from)\s+[^,;:“”\"\n]{2,60}?\s*$")


def _from_near(text: str, verb_start: int) -> bool:
    """Whether "Name of <a few words>" may end right before the verb (cheap test first)."""
    near = text[max(0, verb_start - 80) : verb_start]
    if " of " not in near and " from " not in near:
        return False
    return _FROM_NEAR.search(text, max(0, verb_start - 80), verb_start) is not None


@datafiles.cached
def _before_re() -> re.Pattern[str]:
    # the name right before the verb, perhaps with an apposition and fillers between
    return re.compile(
        rf"(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{0,5}})(?:{_APPOSITION}|{_FROM},?)\s+{_FILLER}$"
    )


#: The name right before the verb, with fillers only (``_before``'s second reading).
_DIRECT = re.compile(rf"(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,5}})\s+{_FILLER}(?P<role>)$")

_AFTER = re.compile(
    rf"\s+(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,3}})(?=\s*[,.;:!?)]|\s*$|\s+(?:of|in|on|at|who)\s)"
)


def _name_like(tok: str) -> bool:
    """Whether one word can belong to a person's name (not a title, actor, stop word or a
    word of organisations' names, ``data/actors_not_names.txt``)."""
    lex = lexicon()
    _, title_words = _name_word_sets()
    word = tok.rstrip(".")
    if len(tok) == 2 and tok.endswith("."):
        return True  # an initial
    return not (
        word.isupper()
        or word in not_name_words()
        or tok in not_name_words()
        or word in lex.stopwords
        or word.casefold() in reporting_verbs()
        or tok in title_words
        or word in title_words
        or word in _form_regex("name")[1]
        or word in _form_regex("adjective")[1]
        or word in _form_regex("acronym")[1]
    )


def _trailing_name(words: list[str], least: int) -> list[str]:
    """The longest run of name-like words at the end of ``words`` (None if shorter than
    ``least``, or if it is only initials)."""
    keep: list[str] = []
    for tok in reversed(words):
        if not _name_like(tok):
            break
        keep.insert(0, tok)
    while keep and len(keep[0]) == 2 and keep[0].endswith("."):
        keep.pop(0)  # a name does not start with an initial here
    if len(keep) > 4:
        keep = keep[-4:]
    return keep if len(keep) >= least else []


def _an_actor_name(words: list[str]) -> bool:
    """Whether the words are a state's or organisation's name (``South Korea said``)."""
    name = _norm(" ".join(words))
    return any(name in _form_regex(form)[1] for form in ("name", "acronym"))


def _candidate(state: State, start: int, words: list[str], role: str | None) -> Candidate | None:
    if _an_actor_name(words):
        return None
    name = " ".join(words)
    end = start + len(name)
    actor = Actor(slug(name), name, "person", known=False)
    role = " ".join(role.split()[1:]) if role else None  # "the Kremlin spokesman" -> role
    text = state.text[start:end]
    return Candidate(start, end, text, actor.id, "name", title=role, inferred=actor)


def _at_word_start(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "’'-.")


def _before(state: State, verb_start: int) -> Candidate | None:
    text = state.text
    near = text[max(0, verb_start - 40) : verb_start].rstrip()
    if not near.endswith(",") and not _NEAR.search(near) and not _from_near(text, verb_start):
        return None  # "he said", "the ministry said": no name before the verb (cheap test)
    lo = max(0, verb_start - _LOOK)
    m = _before_re().search(text, lo, verb_start)
    if m is None:
        return None
    words = m.group("name").split()
    keep = _trailing_name(words, 1 if m.group("role") else 2)
    if not keep and (m := _DIRECT.search(text, lo, verb_start)) is not None:
        # "Center of Excellence Commanding General MG Michael Ferriter said": the words
        # after "of" were read as where the person is from; the name stands right there
        words = m.group("name").split()
        keep = _trailing_name(words, 2)
    if not keep:
        return None
    start = m.start("name") + len(" ".join(words)) - len(" ".join(keep))
    if text[start : start + len(" ".join(keep))] != " ".join(keep):
        return None  # the name was split over a line break or tab: not read
    if len(keep) >= 3 and _PLACE_BEFORE.search(text, max(0, start - 12), start):
        start += len(keep[0]) + 1  # "In Brussels Anna Berg said": the place is not the name
        keep = keep[1:]
    if not _at_word_start(text, start) or (len(keep) == 1 and not m.group("role")):
        return None
    return _candidate(state, start, keep, m.group("role"))


def _after(state: State, verb_end: int) -> Candidate | None:
    m = _AFTER.match(state.text, verb_end)
    if m is None:
        return None
    words = m.group("name").split()
    if not all(_name_like(w) for w in words) or words[-1] in _NAME_SUFFIXES:
        return None
    if len(words[0]) == 2 and words[0].endswith("."):
        return None
    if state.text[m.start("name") : m.end("name")] != " ".join(words):
        return None
    role = re.match(_APPOSITION, state.text[m.end("name") :])
    return _candidate(state, m.start("name"), words, role.group("role") if role else None)


def speaking_person(state: State) -> list[Candidate]:
    """actors.speaking_person: a name the gazetteer does not know, next to a reporting verb.

    ``Jeff Traeger said``, ``said Jim Risch, the committee's top Republican``,
    ``Aminah Kakabaveh, a Kurdish member of Sweden's parliament, told VOA``,
    ``Peskov, the Kremlin spokesman, said``: two to four capitalised words (or one, when an
    apposition in commas follows it) right before a reporting verb (``also``, ``has`` or an
    ``-ly`` word may stand between), or right after one. The verb is the evidence that the
    name is a person's; the apposition gives the role. Words that are titles ("Minister"),
    actors' names or adjectives ("Russian") and stop words ("The") are not part of a name,
    so ``Russian Foreign Minister X said`` is left to the title rules. The person becomes an
    inferred actor (``known=False``, kind person, id = slug of the name).
    """
    out: list[Candidate] = []
    for v in finditer_words(_verb_re(), _verb_starts(), state.text, index=state.words):
        for c in (_before(state, v.start()), _after(state, v.end())):
            if c is not None:
                out.append(c)
    return out


_BYLINE = re.compile(
    rf"[ \t]*(?:[—–-][ \t]*)?(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,3}})"
    r"[ \t]*(?:,[^.!?;:“”\"\n]{0,80}\.?)?[ \t]*"
)


def byline_person(state: State) -> list[Candidate]:
    """actors.byline_person: a name standing alone on the line after a quotation.

    ``“We are ready.”`` then ``Jeff Traeger, union president`` or ``— Jeff Traeger``: a
    paragraph that is two to four capitalised words, perhaps after a dash, with at most a
    comma and a date, place or office after them, right after a paragraph that ends with a
    closing quotation mark. The byline is the evidence that the name is a person's
    (quotes.byline attributes the quotation to them).
    """
    text, paras = state.text, state.paragraphs
    out = []
    for prev, p in pairwise(paras):
        if not text[prev.start : prev.end].rstrip(" \t.").endswith(("”", '"', "’", "'")):
            continue
        m = _BYLINE.fullmatch(text, p.start, p.end)
        if m is None:
            continue
        words = m.group("name").split()
        if all(_name_like(w) for w in words) and text[m.start("name") : m.end("name")] == " ".join(
            words
        ):
            c = _candidate(state, m.start("name"), words, None)
            if c is not None:
                out.append(c)
    return out


#: One capitalised word right before a reporting verb ("Costello noted", "Yoon told").
_ONE_WORD = re.compile(rf"(?P<w>{_TOKEN})\s+{_FILLER}$")
#: A run of capitalised words (a name is a part of it).
_RUN = re.compile(rf"(?:[A-Z]\.|{_TOKEN})(?:[ \t]+(?:[A-Z]\.|{_TOKEN}))+")
_WORD = re.compile(r"\S+")


def _naming_verbs() -> tuple[str, ...]:
    # the naming verbs of the quotes rules ("Bush has described the plan as “...”"), longest first
    return tuple(sorted(function_words("naming_verbs"), key=len, reverse=True))


@datafiles.cached
def _naming_re() -> re.Pattern[str]:
    alt = "|".join(map(re.escape, _naming_verbs()))
    return re.compile(r"(?<![\w’'\-])(?:" + alt + r")(?![\w’'\-])")


@datafiles.cached
def _naming_starts() -> WordStarts:
    return word_starts(_naming_verbs())


def _lone_names(state: State) -> list[tuple[int, str]]:
    """Single name-like words right before a reporting or naming verb (``described ...
    as``), with no capitalised word right before them (two words are
    actors.speaking_person's), or right after a reporting verb and before punctuation
    (``said Berg, who ...``)."""
    text, found = state.text, []
    verbs = list(finditer_words(_verb_re(), _verb_starts(), text, index=state.words))
    naming = finditer_words(_naming_re(), _naming_starts(), text, index=state.words)
    for v in [*verbs, *naming]:
        near = text[max(0, v.start() - 30) : v.start()].split()
        if not near or not (near[-1][:1].isupper() or _NEAR.search(near[-1])):
            continue  # cheap test: no capitalised word or filler right before the verb
        m = _ONE_WORD.search(text, max(0, v.start() - 60), v.start())
        if m is None or not _at_word_start(text, m.start("w")):
            continue
        line = text[max(0, m.start("w") - 40) : m.start("w")].rsplit("\n", 1)[-1]
        prev = re.search(r"(\S+)\s*$", line)  # the word before, on the same line
        if not (prev and re.fullmatch(_TOKEN, prev.group(1))):
            found.append((m.start("w"), m.group("w")))
    for v in verbs:
        m = _AFTER_ONE.match(text, v.end())
        if m is not None:
            found.append((m.start("w"), m.group("w")))
    metonyms = {a for a, _ in lexicon().metonyms}
    return sorted((at, w) for at, w in found if len(w) > 2 and _name_like(w) and w not in metonyms)


#: One capitalised word right after a reporting verb, then punctuation (``said Berg,``).
_AFTER_ONE = re.compile(rf"\s+(?P<w>{_TOKEN})(?=\s*[,.;:!?)]|\s*$)")


def _initial(word: str) -> bool:
    return len(word) == 2 and word.endswith(".")


def _name_runs(text: str) -> dict[str, list[tuple[int, list[str]]]]:
    """Every run of two to four name-like capitalised words in the text, by its first and
    its last word: word -> [(start, words), ...] in text order."""
    runs: dict[str, list[tuple[int, list[str]]]] = {}

    def keep(part: list[re.Match[str]]) -> None:
        while part and _initial(part[-1].group(0)):
            part = part[:-1]  # a name does not end with an initial
        if 2 <= len(part) <= 4 and not _initial(part[0].group(0)):
            words = [t.group(0) for t in part]
            for key in {words[0], words[-1]}:
                runs.setdefault(key, []).append((part[0].start(), words))

    for m in _RUN.finditer(text):
        part: list[re.Match[str]] = []
        for tok in _WORD.finditer(text, m.start(), m.end()):
            word = tok.group(0)
            if _name_like(word) and (part or not _initial(word)):
                part.append(tok)  # initials inside a name: "George W. Bush"
            else:
                keep(part)
                part = []
        keep(part)
    return runs


def _headline(text: str, at: int) -> bool:
    """Whether ``at`` is on a line of its own that does not end like a sentence."""
    lo, hi = text.rfind("\n", max(0, at - 200), at) + 1, text.find("\n", at, at + 200)
    if (lo == 0 and at > 200) or (hi < 0 and len(text) > at + 200):
        return False  # a line this long is no headline
    line = text[lo : len(text) if hi < 0 else hi].rstrip().rstrip("”\"’'")
    return bool(line) and not line.endswith((".", "!", "?", ":"))


def named_earlier(state: State) -> list[Candidate]:
    """actors.named_earlier: one name before a reporting verb, named in full earlier.

    ``treasurer, Peter Costello (Division of Higgins). Costello noted ...``,
    ``an interview with Yoon Suk-yeol ... Yoon told VOA ...``, ``“...,” said Berg.``: a
    single capitalised word right before a reporting verb (or a naming verb, ``described
    ... as``) or right after one is not a name on its own evidence, but when it is the
    last (or, as in Korean and Chinese names, the first) word of a run of two to four
    name-like capitalised words earlier in the text, that run is a person's full name:
    the verb is the evidence that it is a person, the earlier run gives the name. The
    nearest such run before the word wins. With no run before it, a headline's surname
    (``Jackson says charges are false``, on a line of its own that does not end like a
    sentence) takes the full name the text gives later, when it gives only one such name
    (``David S. Jackson``; two different ones: nothing). In running text a surname before
    the full name is not read (``Walcott noted ... Peter Walcott left.``). Both
    become mentions of one inferred person. With no such run at all, nothing is found: one
    word alone is not a name.
    """
    lone = _lone_names(state)
    if not lone:
        return []
    runs = _name_runs(state.text)
    ends = {w: [s + len(" ".join(words)) for s, words in found] for w, found in runs.items()}
    names = {w for w, found in runs.items() if len({tuple(words) for _, words in found}) == 1}
    out = []
    for at, w in lone:
        i = bisect_left(ends.get(w, ()), at) - 1  # the nearest run ending before the word
        if i < 0:  # a headline's surname: the one full name the story gives later
            if w not in names or not runs.get(w) or not _headline(state.text, at):
                continue
            i = 0
        start, words = runs[w][i]
        full = _candidate(state, start, words, None)
        if full is None:
            continue
        out.append(full)
        out.append(Candidate(at, at + len(w), w, full.actor, "name", inferred=full.inferred))
    return out


def _role_nouns() -> tuple[str, ...]:
    # the role nouns of the quotes rules' descriptions ("the envoy", "a spokesman") and the
    # occupations ("head coach"), longest first
    nouns = function_words("description_nouns") | function_words("occupation_nouns")
    return tuple(sorted(nouns, key=len, reverse=True))


@datafiles.cached
def _role_re() -> re.Pattern[str]:
    alt = "|".join(map(re.escape, _role_nouns()))
    return re.compile(rf"(?<![\w’'\-])(?:{alt})(?=[ \t]*[,.;:)]|[ \t]+(?:of|for|to)\s)")


@datafiles.cached
def _role_starts() -> WordStarts:
    return word_starts(_role_nouns())


#: A name, a comma, perhaps an article, and up to eight words, ending where a role noun
#: starts (", the envoy", ", Air Force volleyball head coach and Paralympic athlete").
_APPOSED = re.compile(
    rf"(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,3}}),[ \t]+(?:(?:the|a|an|its|their)[ \t]+)?"
    r"(?:[\w’'\-]+[ \t]+){0,8}?$"
)


def apposition_person(state: State) -> list[Candidate]:
    """actors.apposition_person: a name with a role in apposition, away from any verb.

    ``Anna Berg, the envoy, arrived``, ``Ivan Petrov, a spokesman for the ministry,``,
    ``Kari Miller, Air Force volleyball head coach and Paralympic athlete,``: two to four
    capitalised name-like words, a comma, then perhaps ``the``/``a`` and (within nine
    words) a role noun of ``data/quotes_function_words.txt`` (``description_nouns``:
    spokesman, minister, envoy, ...; ``occupation_nouns``: coach, athlete, ...) before a
    comma, full stop or ``of``/``for``/``to``. The role is the evidence that the name is a
    person's (so that a later ``she said`` has someone to stand for); the person becomes
    an inferred actor with that role. A name followed by anything else stays unknown.
    """
    out, text = [], state.text
    for r in finditer_words(_role_re(), _role_starts(), text, index=state.words):
        if "," not in text[max(0, r.start() - 60) : r.start()]:
            continue  # cheap test: no comma before the role, no apposition
        m = _APPOSED.search(text, max(0, r.start() - 120), r.start())
        if m is None:
            continue
        words = m.group("name").split()
        keep = _trailing_name(words, 2)
        if not keep or state.text[m.start("name") : m.end("name")] != " ".join(words):
            continue
        start = m.end("name") - len(" ".join(keep))
        c = _candidate(state, start, keep, "the " + r.group(0))
        if c is not None:
            out.append(c)
    return out


@datafiles.cached
def _occupations() -> tuple[str, ...]:
    return tuple(sorted(function_words("occupation_nouns"), key=len, reverse=True))


@datafiles.cached
def _occupation_re() -> re.Pattern[str]:
    alt = "|".join(map(re.escape, _occupations()))
    return re.compile(
        rf"(?<![\w’'\-])(?i:{alt})[ \t]+(?P<name>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,2}})"
        r"(?=[ \t]*[,.;:]|[ \t]+[a-z])"
        # or the name in dashes after the occupation and where it is held: "The top
        # Democrat in the Senate - Harry Reid - spoke"
        rf"|(?<![\w’'\-])(?i:{alt})(?:[ \t]+(?:of|in|at|on|for)[ \t]+(?:the[ \t]+)?"
        r"(?:[A-Z][\w’'\-]*[ \t]+){1,3}|[ \t]+)[—–-][ \t]+"
        rf"(?P<dashed>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,2}})[ \t]+[—–-]"
    )


@datafiles.cached
def _occupation_starts() -> WordStarts:
    return word_starts(_occupations())


def role_person(state: State) -> list[Candidate]:
    """actors.role_person: an occupation written before a name, away from any verb.

    ``Olympic weightlifter Cheryl Haworth won ...``, ``producer Roger Hsu``, ``Gymnast
    Yewki Tomita learned ...``: a noun of ``data/quotes_function_words.txt``
    (``occupation_nouns``: reporter, lawyer, athlete, ...), then two or three name-like
    capitalised words, then a lowercase word or punctuation; or the name in dashes after
    the occupation and where it is held (``The top Democrat in the Senate - Harry Reid -
    spoke``). The occupation is the evidence that the name is a person's (so that a later
    ``she says`` has someone to stand for); it becomes the person's role. Words that are
    titles, actors' names or organisations' words are not part of a name (``a lawyer Human
    Rights Watch hired`` names nobody). A known limit: two capitalised words of a place the
    gazetteer does not know, right after an occupation with no comma (``the reporter
    Capitol Hill sources trusted``), are read as a person.
    """
    out = []
    for m in finditer_words(_occupation_re(), _occupation_starts(), state.text, index=state.words):
        group = "name" if m.group("name") else "dashed"
        words = m.group(group).split()
        if _trailing_name(words, 2) != words:
            continue
        role = state.text[m.start() : m.start(group)].strip(" \t—–-")
        c = _candidate(state, m.start(group), words, "the " + role.casefold())
        if c is not None:
            out.append(c)
    return out
