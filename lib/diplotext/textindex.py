"""A word index of a text, so that word-list rules need not scan the whole text each.

Why: a rule such as "find every hedge" is one regex over the whole text. With twenty word
lists that is twenty passes over every character. Here the text is cut into words once
(one ``re.finditer(r"\\w+", text)`` pass); a word list then only asks *which distinct
words of this text can start one of its terms* (a few hundred words to check, not every
character) and tries its full regex only at the places where those words stand.

The answer is the same as a full scan, not an approximation:

* a term that starts with a letter or digit can only match where a word of the text
  starts (the term regexes forbid a letter, digit, ``_`` or ``-`` just before them);
* which word it must be follows from the term's first word: ``may`` needs the word "may"
  (any case), ``threat*`` a word starting with "threat", ``U.S.`` the word "U" (the
  ``.`` ends the word), ``'ll`` an apostrophe;
* the same case-insensitive regex engine decides, for the words, what the term regex
  would decide for the text, letter by letter (also for letters that fold to ASCII, such
  as the long s "ſ" or the Kelvin sign "K");
* a letter never matches a non-letter, in any case, so words end in the text where they
  end in the term. One character breaks that rule: U+0345, a combining Greek accent that
  matches the letter iota when case is ignored (``tests/test_textindex.py`` checks all of
  Unicode for others); terms whose first word has such a letter use the full scan.

When that reasoning does not hold for a term (it starts with a character that is not a
letter, digit or apostrophe), :func:`word_starts` says so and the full scan is used.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from types import MappingProxyType

_TOKEN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_APOSTROPHES = "'’"
#: The one character that is not ``\w`` yet matches a ``\w`` character when case is
#: ignored (Greek iota); a test checks that there is no other one.
ODD_FOLD = "\u0345"
_ODD_FOLD = re.compile(ODD_FOLD, re.IGNORECASE)


@dataclass(frozen=True)
class WordIndex:
    """Where every word of a text starts.

    ``words`` maps each distinct ``\\w+`` word, exactly as written (so "May" and "may"
    are two keys), to its start positions in text order; ``folded`` maps each ASCII word
    in lower case to the ways it is written ("may" -> "May", "may", "MAY"), ``folded_keys``
    is the same keys sorted (for prefixes), ``other`` the words that are not ASCII;
    ``apostrophes`` holds the positions of ``'`` and ``’``.
    """

    words: Mapping[str, tuple[int, ...]]
    folded: Mapping[str, tuple[str, ...]]
    folded_keys: tuple[str, ...]
    other: tuple[str, ...]
    apostrophes: tuple[int, ...]
    #: :func:`candidate_starts` already computed for this text, by ``WordStarts``.
    places: dict[WordStarts, tuple[int, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )


def build_word_index(text: str) -> WordIndex:
    """Build the :class:`WordIndex` of ``text`` (a parse builds one, in its state)."""
    where: dict[str, list[int]] = {}
    for m in _TOKEN.finditer(text):
        where.setdefault(m.group(), []).append(m.start())
    folded: dict[str, list[str]] = {}
    other = []
    for w in where:
        if w.isascii():
            folded.setdefault(w.lower(), []).append(w)
        else:
            other.append(w)
    apostrophes = sorted(i for ch in _APOSTROPHES for i in _positions_of(text, ch))
    return WordIndex(
        words=MappingProxyType({w: tuple(p) for w, p in where.items()}),
        folded=MappingProxyType({k: tuple(v) for k, v in folded.items()}),
        folded_keys=tuple(sorted(folded)),
        other=tuple(other),
        apostrophes=tuple(apostrophes),
    )


def _positions_of(text: str, ch: str) -> Iterator[int]:
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


@dataclass(frozen=True)
class WordStarts:
    """Which words can start one of a list of terms (see :func:`word_starts`).

    For ASCII words and terms the condition is plain string comparison in lower case:
    ``exact`` first words, ``prefixes`` of ``word*`` terms, and with ``numbers`` any word
    that starts with a digit. ``source`` is the same condition as one case-insensitive
    regex; it decides for the words that are not ASCII (and for every word when some term's
    first word is not ASCII, ``unicode_terms``), where the regex engine's case folding
    ("ſ" matches "s") is the rule. It is compiled only when such a word turns up.
    ``apostrophe`` is true when a term starts with ``'``; ``scan_all`` is true when some
    term starts otherwise: then only a full scan is safe.
    """

    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    numbers: bool = False
    apostrophe: bool = False
    scan_all: bool = False
    source: str | None = None
    unicode_terms: bool = False

    def matches(self, word: str) -> bool:
        """Whether a match of one of the terms may start at ``word`` (a ``\\w+`` word)."""
        return self.source is not None and _word_regex(self.source).fullmatch(word) is not None


#: For a pattern whose terms are not known: always scan the whole text.
SCAN_ALL = WordStarts(scan_all=True)


@lru_cache(maxsize=256)
def word_starts(terms: tuple[str, ...], numbers: bool = False) -> WordStarts:
    """The :class:`WordStarts` of terms in the word-list syntax of ``rhetoric``.

    For each term, its first word gives a condition on the text's word where a match
    starts: the letters before the first ``'``, ``-`` or ``.`` must be that whole word
    ("U.S." -> "U", "don't" -> "don"); a ``*`` at the end of an all-letter first word lets
    the word go on ("threat*" -> "threat", "threats", "threatened"). With ``numbers``,
    any word that starts with a digit (``\\d``, as in the regexes: any script's digits)
    may start a match too ("10", "10am", "2022").

    >>> ws = word_starts(("may", "threat*", "U.S."))
    >>> [ws.matches(w) for w in ("MAY", "threatened", "U", "US", "mayor")]
    [True, True, True, False, False]
    """
    exact: set[str] = set()
    prefixes: set[str] = set()
    apostrophe = False
    for term in terms:
        first = term.split()[0] if term.split() else ""
        star = first.endswith("*")
        first = first.rstrip("*")
        if first[:1] in _APOSTROPHES:
            apostrophe = True
            continue
        k = 0
        while k < len(first) and _WORD_CHAR.match(first[k]):
            k += 1
        if k == 0 or any(_ODD_FOLD.fullmatch(ch) for ch in first[: k + 1]):
            return SCAN_ALL
        if star and k == len(first):
            prefixes.add(first)  # as written: IGNORECASE compares letter by letter
        else:
            exact.add(first[:k])
    if not exact and not prefixes and not numbers:
        return WordStarts(apostrophe=apostrophe)
    return WordStarts(
        exact=frozenset(w.lower() for w in exact if w.isascii()),
        prefixes=tuple(sorted(p.lower() for p in prefixes if p.isascii())),
        numbers=numbers,
        apostrophe=apostrophe,
        source=_either(exact, prefixes, numbers),
        unicode_terms=not all(w.isascii() for w in (*exact, *prefixes)),
    )


def _either(exact: set[str], prefixes: set[str], numbers: bool) -> str:
    """The regex source of the word condition, grouped by first letter behind a lookahead."""
    groups: dict[str, list[str]] = {}
    for w in sorted(exact):
        groups.setdefault(_group_key(w), []).append(re.escape(w))
    for p in sorted(prefixes):
        groups.setdefault(_group_key(p), []).append(re.escape(p) + r"\w*")
    alts = [f"(?={re.escape(k)})(?:{'|'.join(g)})" for k, g in groups.items()]
    if numbers:
        alts.append(r"\d\w*")
    return "(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=256)
def _word_regex(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


def _group_key(word: str) -> str:
    """First letter of a word, lower case if ASCII ("İ".lower() is two characters)."""
    return word[0].lower() if word[0].isascii() else word[0]


_DIGITS = tuple("0123456789")


def _starting_with(index: WordIndex, stems: Iterable[str]) -> Iterator[str]:
    """The ASCII words of the index (as written) whose lower case starts with a stem."""
    keys = index.folded_keys
    for stem in stems:
        i = bisect_left(keys, stem)
        while i < len(keys) and keys[i].startswith(stem):
            yield from index.folded[keys[i]]
            i += 1


def matching_words(index: WordIndex, starts: WordStarts) -> set[str]:
    """The distinct words of the index (as written) where a term may start."""
    if starts.source is None:
        return set()
    found = {w for e in starts.exact for w in index.folded.get(e, ())}
    found.update(_starting_with(index, starts.prefixes))
    if starts.numbers:
        found.update(_starting_with(index, _DIGITS))
    pool = index.words if starts.unicode_terms else index.other
    if pool:
        regex = _word_regex(starts.source)
        found.update(w for w in pool if regex.fullmatch(w))
    return found


def candidate_starts(index: WordIndex, starts: WordStarts) -> list[int]:
    """The positions, in text order, where a term described by ``starts`` may begin."""
    words = index.words
    lists: list[Iterable[int]] = [words[w] for w in matching_words(index, starts)]
    if starts.apostrophe:
        lists.append(index.apostrophes)
    return sorted(chain.from_iterable(lists))


@lru_cache(maxsize=8)
def word_index(text: str) -> WordIndex:
    """The :class:`WordIndex` of ``text``, cached, for callers without a parse state."""
    return build_word_index(text)


def places(index: WordIndex, starts: WordStarts) -> tuple[int, ...]:
    """:func:`candidate_starts`, computed once per index (a rule may search again)."""
    found = index.places.get(starts)
    if found is None:
        found = index.places[starts] = tuple(candidate_starts(index, starts))
    return found


def finditer_words(
    pattern: re.Pattern[str],
    starts: WordStarts,
    text: str,
    start: int = 0,
    end: int | None = None,
    index: WordIndex | None = None,
) -> Iterator[re.Match[str]]:
    """The same matches as ``pattern.finditer(text, start, end)``, found faster.

    ``pattern`` must match only where one of the terms described by ``starts`` matches
    (a term regex of ``rhetoric.compile_terms``, or one that begins with it). The regex
    is tried only at the candidate places of :func:`candidate_starts`, left to right,
    skipping places inside the previous match, exactly as ``finditer`` proceeds. Pass the
    parse's ``index`` (``state.words``); without one, the text's index is built (cached).
    Linear: the first place and the place after each match are found by bisection.
    """
    end = len(text) if end is None else end
    if starts.scan_all:
        yield from pattern.finditer(text, start, end)
        return
    where = places(index or word_index(text), starts)
    if end < len(text) and _WORD_CHAR.match(text, end) and end > start:
        # A word cut at ``end`` looks shorter to the regex than in the index.
        cut = end
        while cut > start and _WORD_CHAR.match(text, cut - 1):
            cut -= 1
        if cut < end:
            where = tuple(sorted({*where, cut}))
    match = pattern.match
    i, n = bisect_left(where, start), len(where)
    while i < n:
        p = where[i]
        if p >= end:
            break
        m = match(text, p, end)
        if m is None:
            i += 1
            continue
        yield m
        # the next place at or after the match's end (one past it for an empty match)
        i = bisect_left(where, max(m.end(), p + 1), i + 1)
