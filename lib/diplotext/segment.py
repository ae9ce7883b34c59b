"""Pipeline step: segment the text into paragraphs and sentences.

``run(state)`` returns ``{"paragraphs": (...), "sentences": (...)}``.

Paragraphs are the lines of the text (rule ``segment.paragraphs``). Sentences are found
inside each paragraph in one left-to-right pass: a regular expression finds every
*candidate* end (a run of ``.``, ``?``, ``!`` or ``…``, plus any closing quotation marks
or brackets after it), and the boundary rules of the chain :data:`BOUNDARIES` are asked
about it in order (``state.here`` is the candidate). The first rule that answers ``True``
(a sentence ends here) or ``False`` (it does not) decides; a rule that has no opinion
returns ``None`` and the next rule is asked. Each :class:`~diplotext.model.Sentence`
records the rule that ended it, so ``diplotext.explain(sentence.rule)`` says why the
sentence ended where it did.

Word lists (abbreviations, frequent sentence starters) are plain data files in
``diplotext/data/``; a teacher can extend them without touching this code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import datafiles
from .model import Document, Paragraph, Sentence
from .ruler import Ruler
from .state import State
from .wordlists import reporting_verb_pattern

#: Characters that end a line (and so a paragraph): the ones ``str.splitlines`` uses.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: Closing quotation marks and brackets that may follow sentence-final punctuation.
CLOSERS = "”\"’'»)]}›"

#: Opening quotation marks and brackets that may precede the first word of a sentence.
OPENERS = "“\"‘'«([{‹"

#: Quotation marks (opening or closing) among the characters above.
QUOTE_MARKS = "“”\"‘’'«»‹›"

_PARA_RE = re.compile(f"[^{LINE_BREAKS}]+")

# A candidate sentence end: terminal punctuation (dots may be spaced, as in ". . ."),
# then any closing quotation marks or brackets.
_END_RE = re.compile(
    r"(?P<punct>[.?!…](?:[.?!…]|[ \u00a0]\.)*)(?P<close>[" + re.escape(CLOSERS) + r"]*)"
)

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


def paragraphs(state: State) -> list[Paragraph]:
    """segment.paragraphs: a paragraph is one line of the text.

    Lines end at ``\\n``, ``\\r\\n``, ``\\r`` (and the other line breaks Python's
    ``str.splitlines`` knows). Blank lines give no paragraph, so one or several blank lines
    between paragraphs make no difference. Spans leave out the whitespace around the line.
    Why lines and not blank lines: statements copied from web pages put one paragraph on
    each line (like the seed text); a text with blank lines between paragraphs gives the
    same result.
    """
    text = state.text
    out: list[Paragraph] = []
    for m in _PARA_RE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Paragraph(index=len(out), start=start, end=end, rule=""))
    return out


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
    - An ellipsis followed by a lowercase word (``we will . . . respond``) never ends one.
    """
    c: Candidate = state.here
    if not c.is_ellipsis:
        return None
    if not c.next_char.isupper():
        return False
    point_then_ellipsis = c.dots >= 4 or bool(re.match(r"[.?!][ \u00a0]?…", c.punct))
    if point_then_ellipsis:
        return True
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
    frequent sentence starter (``... under Article I. The ...``).
    """
    c: Candidate = state.here
    if c.punct != "." or not (len(c.token) == 1 and c.token.isupper()):
        return None
    if c.next_char.isupper():
        return c.next_word.casefold() in sentence_starters()
    return None


def full_stop(state: State) -> bool | None:
    """segment.full_stop: a point followed by space and a word not in lowercase ends a sentence.

    The sentence ends after any closing quotation marks or brackets, so
    ``... resolve this crisis.” Then`` ends after the ``”``. A point glued to the next
    character (``3.5``, ``state.gov``, ``U.S`` inside ``U.S.``) is not an end; neither is a
    point before a lowercase word (an abbreviation the list does not know).
    """
    c: Candidate = state.here
    if not c.gap and not c.closers:
        return False
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


#: Paragraphs: an item chain (each rule returns paragraphs).
PARAGRAPHS = Ruler("segment", [paragraphs], name="paragraphs")

#: The boundary rules, asked in this order about each candidate end (``state.here``);
#: the first answer wins.
BOUNDARIES = Ruler(
    "segment",
    [
        no_content,
        ellipsis,
        quote_attribution,
        question_exclamation,
        abbreviation,
        initial,
        full_stop,
    ],
    name="boundaries",
)

#: What ends the last sentence of a paragraph.
CLOSING = Ruler("segment", [paragraph_end], name="closing")

RULERS = (PARAGRAPHS, BOUNDARIES, CLOSING)


@datafiles.cached
def _attribution_re() -> re.Pattern[str]:
    return re.compile(
        r"(?!(?:He|She|They|We|It|I|You)\b)"
        r"[A-Z][\w’'.\-]*(?:\s+(?:of|the|for|[A-Z][\w’'.\-]*)){0,5}\s+"
        + reporting_verb_pattern()
        + r"(?=\s*(?:[.!?]|,(?!\s*[“\"‘'])))"
    )


# --------------------------------------------------------------------------- driver


def _candidate(
    text: str, m: re.Match[str], pend: int, content_before: bool, content_after: bool
) -> Candidate:
    start, end = m.start(), m.end()
    # The word before the punctuation (bounded look-back keeps this linear).
    before = text[max(start - _WINDOW, 0) : start]
    token = before.split()[-1] if before and not before[-1].isspace() else ""
    k = 0
    while k < len(token) and not token[k].isalnum():
        k += 1
    token = token[k:]
    # Whitespace, opening marks and the next word.
    j = end
    while j < pend and text[j].isspace():
        j += 1
    gap = j - end
    o = j
    while o < pend and o - j < 4 and text[o] in OPENERS:
        o += 1
    wm = _WORD_RE.match(text, o, min(o + _WINDOW, pend))
    next_word = wm.group(0).rstrip(".’'-") if wm else text[o : o + 1]
    return Candidate(
        start=start,
        end=end,
        punct=m.group("punct"),
        closers=m.group("close"),
        token=token,
        gap=gap,
        openers=text[j:o],
        next_word=next_word,
        next_text=text[j : min(j + 80, pend)],
        content_before=content_before,
        content_after=content_after,
    )


def _split_paragraph(state: State, para: Paragraph) -> list[tuple[int, int, str]]:
    """Sentences of one paragraph as ``(start, end, rule)``, trimmed of whitespace."""
    text = state.text
    pstart, pend = para.start, para.end
    # Last letter or digit of the paragraph (one backward scan).
    last_alnum = pend - 1
    while last_alnum >= pstart and not text[last_alnum].isalnum():
        last_alnum -= 1
    out: list[tuple[int, int, str]] = []
    sent_start = pstart
    scanned = pstart  # text[sent_start:scanned] has been searched for a letter or digit
    seen = False
    for m in _END_RE.finditer(text, pstart, pend):
        if m.end() >= pend:
            break
        punct = m.group("punct")
        glued = not m.group("close") and not text[m.end()].isspace()
        if glued and "…" not in punct and punct.count(".") < 2:
            continue  # glued to the next character (3.5, state.gov, the first point of U.S.)
        if not seen:
            seen = any(ch.isalnum() for ch in text[scanned : m.start()])
            scanned = max(scanned, m.start())
        cand = _candidate(text, m, pend, seen, last_alnum >= m.end())
        decided = BOUNDARIES.decide(state, cand)
        if decided is not None and decided[1]:
            out.append((sent_start, cand.end, decided[0]))
            sent_start = cand.end + cand.gap
            scanned = sent_start
            seen = False
    closed = CLOSING.decide(state, (sent_start, pend))
    if closed is not None and closed[1]:
        out.append((sent_start, pend, closed[0]))
    return _trimmed(text, out)


def _trimmed(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans without surrounding whitespace; empty ones dropped."""
    out = []
    for s, e, r in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, r))
    return out


def sentences(state: State, paras: tuple[Paragraph, ...]) -> tuple[Sentence, ...]:
    """Split each paragraph into sentences (see the boundary rules above)."""
    out: list[Sentence] = []
    for p in paras:
        for s, e, rule in _split_paragraph(state, p):
            out.append(Sentence(index=len(out), start=s, end=e, paragraph=p.index, rule=rule))
    return tuple(out)


def run(state: State | Document) -> dict:
    """Return ``{"paragraphs": ..., "sentences": ...}`` for the document's text."""
    state = State.of(state)
    found = PARAGRAPHS.run_items(state)
    paras = tuple(replace(p, index=i) for i, p in enumerate(found))
    return {"paragraphs": paras, "sentences": sentences(state, paras)}
