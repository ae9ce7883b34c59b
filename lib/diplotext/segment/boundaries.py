"""Sentence boundary rules: each answers whether a possible sentence end (``state.here``,
a :class:`Candidate`) is one: True, False, an offset inside the punctuation, or None (no
opinion: the next rule is asked)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import datafiles
from ..state import State
from ..wordlists import reporting_verb_pattern

#: Characters that end a line (and so a paragraph): the ones ``str.splitlines`` uses.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: Closing quotation marks and brackets that may follow sentence-final punctuation.
CLOSERS = "”\"’'»)]}›"

#: Opening quotation marks and brackets that may precede the first word of a sentence.
OPENERS = "“\"‘'«([{‹"

#: Quotation marks (opening or closing) among the characters above.
QUOTE_MARKS = "“”\"‘’'«»‹›"

_WORD_RE = re.compile(r"[^\W_][\w’'.\-]*")

#: Longest stretch looked at when reading the word before or after a candidate end.
_WINDOW = 40


@datafiles.cached
def abbreviations() -> dict[str, str]:
    """Known abbreviations (case-folded, with their final point) -> class.

    Classes: ``"never_end"``, ``"before_number"``, ``"may_end"`` (see
    ``data/abbreviations.txt``, which explains each).
    """
    out: dict[str, str] = {}
    for section, entries in datafiles.sections("abbreviations.txt").items():
        for line in entries:
            out[line.casefold()] = section or "never_end"
    return out


@datafiles.cached
def sentence_starters() -> frozenset[str]:
    """Frequent sentence starters (case-folded), from ``data/segment_sentence_starters.txt``."""
    return frozenset(w.casefold() for w in datafiles.lines("segment_sentence_starters.txt"))


@dataclass(frozen=True)
class Candidate:
    """A place where a sentence might end, with what the boundary rules need to know.

    ``start``/``end``: the punctuation and any closing marks (``end`` is where the sentence
    would end). ``punct``: the punctuation (``"."``, ``"?"``, ``".. . ."``); ``closers``:
    closing quotation marks or brackets after it; ``token``: the word just before the
    punctuation (``"U.S"`` for ``"U.S."``); ``gap``: how many whitespace characters follow;
    ``openers``: opening marks before the next word; ``next_word``: the next word ("" at
    the end of the paragraph); ``next_text``: up to 80 characters from the next word on;
    ``content_before``/``content_after``: whether a letter or digit stands between the
    current sentence start and here / between here and the paragraph end.
    """

    start: int
    end: int
    punct: str
    closers: str
    token: str
    gap: int
    openers: str
    next_word: str
    next_text: str
    content_before: bool
    content_after: bool
    prev_word: str = ""  # the word before ``token`` (up to 40 characters back)
    words_before: int = 0  # words of the sentence before ``token``, counted up to 8

    @property
    def dots(self) -> int:
        """How many points the punctuation has (``…`` counts as three)."""
        return self.punct.count(".") + 3 * self.punct.count("…")

    @property
    def is_ellipsis(self) -> bool:
        """Whether the punctuation is (or contains) an ellipsis."""
        return self.dots >= 2

    @property
    def next_char(self) -> str:
        """First character of the next word ("" at the end of the paragraph)."""
        return self.next_word[:1]


# --------------------------------------------------------------------------- rules


def no_content(state: State) -> bool | None:
    """segment.no_content: never make a sentence with no letter or digit in it.

    Punctuation at the very start of a paragraph (``“. . . we will``) or at its very end
    (``Thank you! ?``) does not make a sentence of its own: it stays with its neighbour.
    """
    c: Candidate = state.here
    if not c.content_before or not c.content_after:
        return False
    return None


def ellipsis(state: State) -> bool | None:
    """segment.ellipsis: an ellipsis ends a sentence only before a capitalised word.

    - A point followed by an ellipsis (four points, ``formats.. . .We believe``, ``. . . .``,
      ``.…``) then a capitalised word ends the sentence: in Chicago style the point ends the
      sentence and the three dots mark words left out after it.
    - A plain three-dot ellipsis (``...``, ``…``, ``. . .``) marks words left out *inside* a
      sentence in Chicago style, but ends a sentence in informal use (transcripts). Choice:
      it ends the sentence only when the next word is capitalised and a frequent sentence
      starter (``... We will``), not before a name (``talks with . . . Russia``).
    - An ellipsis followed by a lowercase word (``we will . . . respond``) never ends one,
      nor does a three-dot ellipsis before "I" (``the thing is . . . I didn’t mean it``:
      the speaker trails off and goes on), nor one glued to the words on both sides
      (``as well…the facts``, ``statements…Mr. Peskov``: words left out inside a sentence).
    - A point glued to its word, then a spaced ellipsis and a capitalised word
      (``compounds. . . . The practice``): the sentence ends at the point, and the ellipsis
      opens the next sentence (words left out at its start). The answer is then the offset
      where the sentence ends.
    """
    c: Candidate = state.here
    if not c.is_ellipsis:
        return None
    if not c.next_char.isupper():
        return False
    point_then_ellipsis = c.dots >= 4 or bool(re.match(r"[.?!][ \u00a0]?…", c.punct))
    if point_then_ellipsis:
        if c.token and c.punct.startswith((". .", ".\u00a0.")) and not c.closers:
            return c.start + 1
        return True
    if c.next_word == "I":
        return False
    if c.gap == 0 and c.token and not c.closers:
        return False  # glued to the words on both sides: ``statements…Mr. Peskov``
    return c.next_word.casefold() in sentence_starters()


def quote_attribution(state: State) -> bool | None:
    """segment.quote_attribution: ``“Why now?” Secretary Blinken asked.`` is one sentence.

    When the punctuation stands inside a closing quotation mark and the next words are a
    capitalised speaker (up to six words, e.g. ``Secretary of State Blinken``; not a
    pronoun: ``She said`` starts a new sentence) and a reporting verb
    (``data/reporting_verbs.txt``) directly followed by ``.`` ``!`` ``?`` or a comma that
    does not open a new quotation, the quote and its attribution form one sentence.
    (After ``?`` and ``!`` this is standard; after ``.`` it repairs a common slip.)
    A lowercase attribution (``“Why?” he asked.``) never splits anyway (rule segment.full_stop and
    segment.question_exclamation).
    """
    c: Candidate = state.here
    if c.is_ellipsis or not any(ch in QUOTE_MARKS for ch in c.closers) or not c.gap:
        return None
    m = _attribution_re().match(c.next_text)
    return False if m else None


def question_exclamation(state: State) -> bool | None:
    """segment.question_exclamation: ``?`` and ``!`` end a sentence unless a lowercase word follows.

    ``Will Russia choose diplomacy? We hope so.`` is two sentences;
    ``“Why now?” he asked.`` is one (the lowercase ``he`` continues the sentence). The end
    goes after any closing quotation marks or brackets. ``?`` or ``!`` glued to the next
    word (``Yahoo!News``) is not an end.
    """
    c: Candidate = state.here
    if "?" not in c.punct and "!" not in c.punct:
        return None
    if not c.gap and not c.closers:
        return False
    return not c.next_char.islower()


_CLOCK_NUMBER = re.compile(r"\d{1,2}(?:[:.]\d\d)?")


def time_of_day(state: State) -> bool | None:
    """segment.time_of_day: "a.m."/"p.m." after a time, then a capitalised word, ends a
    sentence that has a clause before the time (``He left the bank at 6 P.M. Mr. Smith then
    went ...``), not one that opens with it (``At 5 a.m. Mr. Smith went ...``: fewer than
    four words before the time).

    Not an end before a word that continues a time (``6 p.m. EST``, ``Moscow time``, a
    weekday or month: ``data/segment_after_time.txt``).
    """
    c: Candidate = state.here
    if c.punct != "." or c.token.casefold() not in ("a.m", "p.m"):
        return None
    if not _CLOCK_NUMBER.fullmatch(c.prev_word) or not c.next_char.isupper():
        return None
    if c.next_word in after_time() or c.next_text.split()[1:2] == ["time"]:
        return False
    return True if c.words_before >= 4 else None


@datafiles.cached
def after_time() -> frozenset[str]:
    """Words that go on with a time of day (``data/segment_after_time.txt``)."""
    return frozenset(datafiles.lines("segment_after_time.txt"))


def abbreviation(state: State) -> bool | None:
    """segment.abbreviation: the point of a known abbreviation is usually not a sentence end.

    Abbreviations are listed in ``data/abbreviations.txt`` in three classes:
    ``never_end`` (titles before a name: ``Mr. Price``, ``Lt. Gen. Mingus``; ``e.g.``,
    ``i.e.``) never end a sentence; ``before_number`` (``No. 5``, ``Jan. 10``) do not end
    one before a number; ``may_end`` (``U.S.``, ``a.m.``, ``etc.``) and dotted acronyms not
    in the list (``D.C.``) end a sentence only when the next word is capitalised and a
    frequent sentence starter (``data/segment_sentence_starters.txt``) or an opening
    quotation mark follows.

    The ambiguous case, a sentence ending in ``U.S.`` followed by a capitalised word: the
    rule keeps ``U.S.`` inside the sentence (``U.S. Secretary``, ``U.S. Mission``,
    ``U.S. Government`` are far more common in this genre) unless the next word is a
    sentence starter (``... the U.S. The talks ...`` splits; ``... the U.S. Russia said ...``
    stays one sentence: a known, documented error).
    """
    c: Candidate = state.here
    if c.punct != ".":
        return None
    key = c.token.casefold() + "."
    kind = abbreviations().get(key)
    if kind is None and re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", c.token):
        kind = "may_end"
    if kind is None:
        return None
    if kind == "never_end":
        return False
    if kind == "before_number":
        return False if c.next_char.isdigit() else None
    # may_end
    if any(ch in QUOTE_MARKS for ch in c.openers) and c.next_char.isupper():
        return True
    return c.next_char.isupper() and c.next_word.casefold() in sentence_starters()


def initial(state: State) -> bool | None:
    """segment.initial: a single capital letter and a point is an initial (``Wendy R. Sherman``).

    Before a capitalised word the point does not end the sentence, unless that word is a
    frequent sentence starter (``... under Article I. The ...``) or the letter is the
    pronoun "I" after a lowercase word (``you and I. Did you see Albert I. Jones?``).
    """
    c: Candidate = state.here
    if c.punct != "." or not (len(c.token) == 1 and c.token.isupper()):
        return None
    if c.next_char.isupper():
        if c.token == "I" and c.prev_word[:1].islower():
            return True  # the pronoun: "... you and I. Did you see ..."
        return c.next_word.casefold() in sentence_starters()
    return None


def full_stop(state: State) -> bool | None:
    """segment.full_stop: a point followed by space and a word not in lowercase ends a sentence.

    The sentence ends after any closing quotation marks or brackets, so
    ``... resolve this crisis.” Then`` ends after the ``”``. A point glued to the next
    character (``3.5``, ``state.gov``, ``U.S`` inside ``U.S.``) is not an end; neither is a
    point before a lowercase word (an abbreviation the list does not know), before a
    comma, semicolon or colon (``Bob Menendez (D-N.J.), ranking member``) or before a spaced
    dash (a dateline ``ARLINGTON, Va. – Three hurricanes ...``; after a closing quotation
    mark the dash opens a byline, and the sentence does end).
    """
    c: Candidate = state.here
    if not c.gap and not c.closers:
        return False
    if c.next_char in ",;:":
        return False  # "(D-N.J.), ranking member": no sentence starts with a comma
    if c.next_char in "–—" and not c.closers and c.next_text[1:2].isspace():
        return False  # a dateline "ARLINGTON, Va. – Three ...": nor with a dash
    return not c.next_char.islower()


def paragraph_end(state: State) -> bool | None:
    """segment.paragraph_end: the last sentence of a paragraph ends where the paragraph ends.

    Sentences never cross paragraphs: a heading or a line without final punctuation is a
    sentence of its own, and so is a speaker label on a line of its own. ``state.here`` is
    ``(start, end)``: what is left of the paragraph after the last sentence end; it is a
    sentence if anything but whitespace is left.
    """
    start, end = state.here
    return True if state.text[start:end].strip() else None


@datafiles.cached
def _attribution_re() -> re.Pattern[str]:
    return re.compile(
        r"(?!(?:He|She|They|We|It|I|You)\b)"
        r"[A-Z][\w’'.\-]*(?:\s+(?:of|the|for|[A-Z][\w’'.\-]*)){0,5}\s+"
        + reporting_verb_pattern()
        + r"(?=\s*(?:[.!?]|,(?!\s*[“\"‘'])))"
    )


# --------------------------------------------------------------------------- driver
