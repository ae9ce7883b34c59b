"""Word lists: their syntax, and matching them fast (shared by every step).

Lexicon syntax (every ``rhetoric_*.txt`` file and the cue lists of the TOML files)::

    term | label      one entry a line; "| label" is optional; "#" starts a comment
    threat*           "*" at the end of a word: any ending (threats, threatened)
    are ... committed "..." between words: 0 to 2 words in between
    ! just as         an exception: a match overlapping it is dropped

Matching is case-insensitive and whole-word; ``'`` also matches the curly ``’``; at one
place the longest entry wins. Gazetteer aliases (``formats.csv``, ``actors.toml``) are
matched case-sensitively with :func:`alternation`. Comments and sections are read by
:mod:`diplotext.datafiles` (one syntax for every file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from . import datafiles
from .textindex import SCAN_ALL, WordIndex, finditer_words, word_starts

_WORD = r"[\w’'-]+"
_GAP = rf"(?:\s+{_WORD}){{0,2}}\s+"  # the "..." of the lexicon syntax


@dataclass(frozen=True)
class Lexicon:
    """A compiled word list: one regex with a named group per entry, and the entries' labels."""

    name: str
    terms: tuple[str, ...]
    labels: tuple[str | None, ...]
    pattern: re.Pattern[str] | None
    exceptions: re.Pattern[str] | None
    exception_terms: tuple[str, ...] = ()


def term_pattern(term: str) -> str:
    """The regex (without word boundaries) for one lexicon term (see the module docstring)."""
    parts: list[str] = []
    joiner = r"\s+"
    for word in term.split():
        if word == "...":
            joiner = _GAP
            continue
        star = word.endswith("*")
        body = "".join("['’]" if ch in "'’" else re.escape(ch) for ch in word.rstrip("*"))
        if star:
            body += r"[\w’'-]*"
        if parts:
            parts.append(joiner)
        parts.append(body)
        joiner = r"\s+"
    return "".join(parts)


def compile_terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive regex for a tuple of terms; group ``t<i>`` is term ``i``.

    Longer terms come first in the alternation, so at one place the longest entry wins.
    For speed the alternatives are grouped by their first letter behind a lookahead (the
    engine then tries only the terms that can start at a place), and the whole-word
    boundaries are checked once, outside the alternation. Terms starting with an
    apostrophe ("'ll") need no word boundary before them.
    """
    if not terms:
        return None
    order = sorted(range(len(terms)), key=lambda i: (-len(terms[i].split()), -len(terms[i])))
    groups: dict[str, list[int]] = {}
    for i in order:
        first = terms[i][0]
        # lower() of a few letters is two characters ("İ" -> "i̇"): keep those as written,
        # the IGNORECASE lookahead still matches them.
        key = first.lower() if len(first.lower()) == 1 else first
        groups.setdefault("'" if key in "'’" else key, []).append(i)

    def alternation(keys: list[str]) -> str:
        out = []
        for key in keys:
            look = "['’]" if key == "'" else re.escape(key)
            alts = "|".join(f"(?P<t{i}>{term_pattern(terms[i])})" for i in groups[key])
            out.append(f"(?={look})(?:{alts})")
        return "|".join(out)

    words = [k for k in groups if k != "'"]
    branches = []
    if words:
        branches.append(r"(?<![\w-])(?:" + alternation(words) + ")")
    if "'" in groups:
        branches.append(alternation(["'"]))
    return re.compile("(?:" + "|".join(branches) + r")(?![\w-])", re.IGNORECASE)


def _parse_lines(name: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    entries: list[tuple[str, str | None]] = []
    exceptions: list[str] = []
    for line in datafiles.lines(name):
        if line.startswith("!"):
            exceptions.append(line[1:].strip())
            continue
        term, _, label = line.partition("|")
        entries.append((" ".join(term.split()), label.strip() or None))
    return entries, exceptions


@datafiles.cached
def load_lexicon(name: str) -> Lexicon:
    """Read and compile ``data/rhetoric_<name>.txt`` (cached: files are read once).

    >>> load_lexicon("modals").labels[0]
    'can'
    """
    entries, exceptions = _parse_lines(f"rhetoric_{name}.txt")
    terms = tuple(t for t, _ in entries)
    return Lexicon(
        name=name,
        terms=terms,
        labels=tuple(lab for _, lab in entries),
        pattern=compile_terms(terms),
        exceptions=compile_terms(tuple(exceptions)),
        exception_terms=tuple(exceptions),
    )


@datafiles.cached
def load_toml(filename: str) -> Mapping[str, object]:
    """Read a TOML data file from ``lib/diplotext/data/`` (cached)."""
    return MappingProxyType(datafiles.read_toml(filename))


@datafiles.cached
def cue_terms(filename: str, section: str, key: str = "cues") -> tuple[str, ...]:
    """The terms of the list ``[section] key`` of a TOML data file (lexicon syntax)."""
    table = load_toml(filename).get(section, {})
    assert isinstance(table, dict)
    return tuple(" ".join(t.split()) for t in table.get(key, ()))


@datafiles.cached
def cue_pattern(filename: str, section: str, key: str = "cues") -> re.Pattern[str] | None:
    """Compiled regex for the list ``[section] key`` of a TOML data file (lexicon syntax)."""
    return compile_terms(cue_terms(filename, section, key))


def find_cues(
    text: str, filename: str, section: str, key: str = "cues", index: WordIndex | None = None
) -> Iterator[re.Match[str]]:
    """Every match of the cue list ``[section] key`` of a TOML data file in ``text``.

    The same matches as ``cue_pattern(...).finditer(text)``, tried only where a word that
    can start a cue stands (see :mod:`diplotext.textindex`).
    """
    pattern = cue_pattern(filename, section, key)
    if pattern is not None:
        starts = word_starts(cue_terms(filename, section, key))
        yield from finditer_words(pattern, starts, text, index=index)


def find_terms(
    lex: Lexicon,
    text: str,
    start: int = 0,
    end: int | None = None,
    index: WordIndex | None = None,
) -> Iterator[tuple[int, int, str | None]]:
    """Yield ``(start, end, label)`` for every lexicon match in ``text[start:end]``.

    Matches overlapping an exception (``!`` lines) are skipped. The regexes are tried only
    where a word that can start a term stands (:func:`diplotext.textindex.finditer_words`:
    the same matches as ``finditer`` over the whole text, without reading every character).
    """
    if lex.pattern is None:
        return
    end = len(text) if end is None else end
    blocked: list[tuple[int, int]] = []
    if lex.exceptions is not None:
        starts = word_starts(lex.exception_terms) if lex.exception_terms else SCAN_ALL
        blocked = [
            m.span() for m in finditer_words(lex.exceptions, starts, text, start, end, index)
        ]
    bi = 0
    for m in finditer_words(lex.pattern, word_starts(lex.terms), text, start, end, index):
        s, e = m.span()
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] < e:
            continue
        idx = int(m.lastgroup[1:]) if m.lastgroup else 0
        yield s, e, lex.labels[idx]


# --------------------------------------------------------------------------- gazetteers


def split_list(value: str | None) -> list[str]:
    """Split a ``|``-separated CSV cell into its stripped, non-empty items."""
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def alias_pattern(alias: str) -> str:
    """The regex for one alias: spaces match any whitespace, both apostrophes match.

    A leading "the " may be capitalised ("The United States" at a sentence start).
    """
    words = alias.split()
    out = []
    for i, word in enumerate(words):
        piece = re.escape(word).replace("'", "['’]").replace("’", "['’]")
        if i == 0 and word == "the":
            piece = "[Tt]he"
        out.append(piece)
    return r"\s+".join(out)


def alternation(aliases: Iterable[str]) -> str:
    r"""One regex alternation of aliases, longest first (so the longest match wins).

    For speed the aliases are grouped by their first letter, whatever its case
    (``(?:Ukraine|United\s+States)|(?:Russia|Russian)|...``): at a given place the regex
    engine then tries one group instead of every alias. Within a group the aliases stay
    longest first, and two groups can never match at the same place, so the result is
    the same as with one flat list.
    """
    unique = sorted(set(aliases), key=lambda a: (-len(a), a))
    groups: dict[str, list[str]] = {}
    for alias in unique:
        first = "'" if alias[:1] in ("'", "’") else alias[:1].casefold()  # "the" matches "The" too
        groups.setdefault(first, []).append(alias_pattern(alias))
    return "|".join("(?:" + "|".join(g) + ")" for g in groups.values()) or r"(?!x)x"


#: Where a word ends: "U.S." ends at its dot; "Russia" in "Russia’s" ends before the ’.
LEFT = r"(?<![\w])"
RIGHT = r"(?![\w])"


# --------------------------------------------------------------------------- function words
# data/quotes_function_words.txt is read by two steps: quotes (fillers, conjunctions,
# descriptions, naming verbs of its frames) and actors (naming verbs and role nouns as the
# evidence that a name is a person's).


@datafiles.cached
def function_words(section: str) -> frozenset[str]:
    """A section of ``data/quotes_function_words.txt``, case-folded."""
    return frozenset(
        w.casefold() for w in datafiles.sections("quotes_function_words.txt").get(section, ())
    )


@datafiles.cached
def not_name_words() -> frozenset[str]:
    """Words of organisations', places' and media's names and ranks, never of a person's
    name (``data/actors_not_names.txt``, case-sensitive). Read by two steps: actors (a
    capitalised run next to "said" with one of them is not a person) and quotes (a
    capitalised pair with one of them is not an unknown person)."""
    return frozenset(datafiles.lines("actors_not_names.txt"))


# --------------------------------------------------------------------------- reporting verbs
# The reporting verbs are read by two steps: quotes (attribution) and segment (a quote
# and its attribution, "“Why now?” Secretary Blinken asked.", stay one sentence).


@datafiles.cached
def reporting_verbs() -> Mapping[str, bool]:
    """Reporting verbs from ``data/reporting_verbs.txt``: ``{verb: takes_object}``."""
    out: dict[str, bool] = {}
    for line in datafiles.lines("reporting_verbs.txt"):
        takes_object = line.endswith("+object")
        verb = " ".join(line.removesuffix("+object").split())
        out[verb] = takes_object
    return MappingProxyType(out)


@datafiles.cached
def reporting_verb_pattern() -> str:
    """A regular expression (as a string) matching any reporting verb (case-sensitive)."""
    verbs = sorted(reporting_verbs(), key=len, reverse=True)
    alts = "|".join(r"\s+".join(re.escape(w) for w in v.split()) for v in verbs)
    return r"(?<![\w’'\-])(?:" + alts + r")(?![\w’'\-])"
