"""The word index finds exactly what a full regex scan finds (textindex.finditer_words)."""

from __future__ import annotations

import re
import sys
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from diplotext import rhetoric, textindex, timex
from diplotext.model import Document
from diplotext.rhetoric import compile_terms, load_lexicon
from diplotext.state import State

# Letters that fold to ASCII under re.IGNORECASE (long s, dotless i, dotted I, Kelvin sign)
# are mixed into the texts on purpose: the index must agree with the regex on them too.
SPECIAL = "ſıİ\u212a"
PIECES = [
    "may",
    "May",
    "MAY",
    "mayor",
    "threat",
    "threats",
    "threatened",
    "U.S.",
    "US",
    "we",
    "We’re",
    "we're",
    "don't",
    "'ll",
    "’ll",
    "are",
    "fully",
    "committed",
    "to",
    "not",
    "just",
    "as",
    "de-escalate",
    "escalate",
    "it",
    "is",
    "Russia’s",
    "that",
    "ſo",
    "ıf",
    "İf",
    "\u212aremlin",
    "li\u212aely",
    "poſſible",
    "Türkiye",
    "TÜRKIYE",
    "türkiyeli",
    "İstanbul",
    "istanbul",
    "ıstanbul",
]
SEPARATORS = [" ", "  ", "\n", ", ", ". ", "-", "’", "'", "“", "”", ";", ""]

texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(alphabet="abcdiklmstuy" + SPECIAL + "’'-. ", max_size=8),
    ),
    max_size=40,
).flatmap(
    lambda words: st.lists(
        st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)
    ).map(lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True)))
)

TERMS = (
    "may",
    "threat*",
    "U.S.",
    "we",
    "we're",
    "'ll",
    "are ... committed to",
    "fully",
    "just as",
    "escalate",
    "it is",
    "so",
    "if",
    "kremlin",
    "likely",
    "possible",
    "don't",
    "türkiye",
    "İstanbul*",
)


def spans(matches):
    return [(m.start(), m.end(), m.lastgroup) for m in matches]


@settings(max_examples=300, deadline=None)
@given(text=texts, pick=st.sets(st.sampled_from(TERMS), min_size=1))
def test_same_matches_as_full_scan(text, pick):
    terms = tuple(sorted(pick))
    pattern = compile_terms(terms)
    starts = textindex.word_starts(terms)
    assert not starts.scan_all
    assert spans(textindex.finditer_words(pattern, starts, text)) == spans(pattern.finditer(text))


@settings(max_examples=200, deadline=None)
@given(text=texts, a=st.integers(0, 200), b=st.integers(0, 200))
def test_same_matches_in_a_range(text, a, b):
    """A range may cut a word ("mayor" cut after "may" is "may" to the regex)."""
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    pattern = compile_terms(TERMS)
    starts = textindex.word_starts(TERMS)
    got = spans(textindex.finditer_words(pattern, starts, text, start, end))
    assert got == spans(pattern.finditer(text, start, end))


def full_scan_terms(lex, text):
    """find_terms as it was before the index: two full finditer scans."""
    blocked = [m.span() for m in lex.exceptions.finditer(text)] if lex.exceptions else []
    out = []
    for m in lex.pattern.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        out.append((m.start(), m.end(), lex.labels[int(m.lastgroup[1:])]))
    return out


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_real_word_lists_agree_with_full_scan(text):
    for name in (
        "modals",
        "hedges",
        "boosters",
        "evaluation",
        "in_group",
        "contrast",
        "intensifiers",
        "presupposition",
        "commissive",
    ):
        lex = load_lexicon(name)
        assert list(rhetoric.find_terms(lex, text)) == full_scan_terms(lex, text), name


def test_special_letters_match_like_the_regex():
    text = "It is poſſible that the \u212aremlin ıs ready; İF so, we'll see."
    terms = ("possible", "kremlin", "is", "if", "'ll")
    pattern = compile_terms(terms)
    found = [
        m.group() for m in textindex.finditer_words(pattern, textindex.word_starts(terms), text)
    ]
    assert found == [m.group() for m in pattern.finditer(text)]
    assert "poſſible" in found and "\u212aremlin" in found


def test_word_starts_condition():
    ws = textindex.word_starts(("may", "threat*", "U.S.", "don't"))
    ok = [w for w in ("MAY", "mayor", "threatened", "U", "US", "don", "dont") if ws.matches(w)]
    assert ok == ["MAY", "threatened", "U", "don"]
    assert textindex.word_starts(("'ll",)).apostrophe
    assert not textindex.word_starts(("Chişinău", "Türkiye")).scan_all
    assert textindex.word_starts(("\u03b9ota",)).scan_all  # iota folds with U+0345
    assert textindex.word_starts(("(the) end",)).scan_all  # starts with punctuation


def test_index_groups_words_as_written():
    ix = textindex.word_index("May may MAY’s may-be")
    assert ix.words["may"] == (4, 14)
    assert ix.words["May"] == (0,)
    assert ix.words["MAY"] == (8,)
    assert ix.apostrophes == (11,)


def test_a_word_cut_by_the_range_end_is_still_tried():
    text = "The mayor may resign."
    pattern = compile_terms(("may",))
    starts = textindex.word_starts(("may",))
    cut = text.index("mayor") + 3  # the regex sees "may" at the end of the range
    got = [m.span() for m in textindex.finditer_words(pattern, starts, text, 0, cut)]
    assert got == [m.span() for m in pattern.finditer(text, 0, cut)] == [(4, 7)]


DATE_PIECES = [
    "10-13",
    "January",
    "Jan.",
    "May",
    "2022",
    "in2014",
    "In",
    "since",
    "mid-",
    "the",
    "The",
    "coming",
    "week",
    "this",
    "morning",
    "two",
    "twenty-five",
    "nearly",
    "the past",
    "years",
    "\u0663",  # ARABIC-INDIC DIGIT THREE: \d matches it
    "10am",
    "9:30",
    "p.m.",
    "noon",
    "Monday",
    ",",
]


def full_scan_timex():
    """Patch timex so that every pattern scans the whole text, as before the index."""
    starts = {a: textindex.SCAN_ALL for a in dir(timex) if a.endswith("_STARTS")}
    return mock.patch.multiple(timex, word_starts=lambda *a, **k: textindex.SCAN_ALL, **starts)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(DATE_PIECES), max_size=30),
    seps=st.lists(st.sampled_from([" ", "", "-", ", ", "\n"]), min_size=30, max_size=30),
)
@example(words=["10-13", "January"], seps=[" "] * 30)
def test_timex_patterns_agree_with_full_scan(words, seps):
    doc = Document(text="".join(w + s for w, s in zip(words, seps, strict=False)) or "x")
    rules = [fn for _, fn in timex.RULER.all_rules()]
    fast = [rule(State(doc)) for rule in rules]
    with full_scan_timex():
        slow = [rule(State(doc)) for rule in rules]
    assert fast == slow


def test_timex_on_a_readout_agrees_with_full_scan():
    doc = Document(
        text="On Monday, January 10, 2022, the talks held 10–13 January in Geneva (in2014 "
        "and mid-2015, 2016 or 2017) lasted nearly four hours; this morning and the coming "
        "week, twenty-five years, \u0663 days, at 10am and noon, December 2021, two years "
        "ago, 2014-15 and the 1990s."
    )
    fast = [fn(State(doc)) for _, fn in timex.RULER.all_rules()]
    with full_scan_timex():
        slow = [fn(State(doc)) for _, fn in timex.RULER.all_rules()]
    assert fast == slow
    assert sum(map(len, fast)) >= 14


def test_only_one_non_word_character_folds_with_a_word_character():
    """The proof behind textindex: under re.IGNORECASE no character outside ``\\w`` matches
    a character inside it, except U+0345 (checked over all of Unicode, about 2 s)."""
    word = re.compile(r"\w")
    ranges: list[list[int]] = []
    others = []
    for i in range(sys.maxunicode + 1):
        if 0xD800 <= i <= 0xDFFF:
            continue
        if word.match(chr(i)):
            if ranges and ranges[-1][1] == i - 1:
                ranges[-1][1] = i
            else:
                ranges.append([i, i])
        else:
            others.append(chr(i))
    cls = "".join(re.escape(chr(a)) + "-" + re.escape(chr(b)) for a, b in ranges)
    folds_with_a_word_char = re.compile(f"[{cls}]", re.IGNORECASE)
    assert folds_with_a_word_char.findall("".join(others)) == [textindex.ODD_FOLD]


def test_a_term_starting_with_a_letter_whose_lower_case_is_two_letters():
    """ "İ".lower() is "i̇" (two characters); the index must still find "istanbul"."""
    text = "From istanbul, ISTANBUL and İstanbul: İSTANBULS."
    terms = ("İstanbul*",)
    pattern = re.compile(r"(?<![\w-])İstanbul[\w’'-]*(?![\w-])", re.IGNORECASE)
    fast = textindex.finditer_words(pattern, textindex.word_starts(terms), text)
    assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)]
    assert len(list(pattern.finditer(text))) == 4
