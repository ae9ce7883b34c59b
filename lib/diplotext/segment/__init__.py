"""Pipeline step: segment the text into paragraphs and sentences.

``run(state)`` returns ``{"paragraphs": (...), "sentences": (...)}``.

Paragraphs are the lines of the text (rule ``segment.paragraphs``), or, in text
hard-wrapped at one width, the runs of lines between blank lines (``segment.hard_wrapped``;
``parse(keep_lines=True)`` switches that off): chain :data:`PARAGRAPHS`, in
``paragraphs.py``. A paragraph that is a numbered or lettered list is cut into its items
(``segment.list_items``, chain :data:`ITEMS`). Sentences are found inside each paragraph
(or item) in one left-to-right pass: a regular expression finds every
*candidate* end (a run of ``.``, ``?``, ``!`` or ``…``, plus any closing quotation marks
or brackets after it), and the boundary rules of the chain :data:`BOUNDARIES` are asked
about it in order (``state.here`` is the candidate; the rules are in ``boundaries.py``).
The first rule that answers ``True`` (a sentence ends here), an offset (it ends there,
inside the punctuation) or ``False`` (it does not) decides; a rule that has no opinion
returns ``None`` and the next rule is asked. Each :class:`~diplotext.model.Sentence`
records the rule that ended it, so ``diplotext.explain(sentence.rule)`` says why the
sentence ended where it did.

Word lists (abbreviations, frequent sentence starters) are plain data files in
``diplotext/data/``; a teacher can extend them without touching this code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, Paragraph, Sentence
from ..ruler import Ruler
from ..state import State
from .boundaries import (
    _WINDOW,
    _WORD_RE,
    CLOSERS,
    LINE_BREAKS,
    OPENERS,
    QUOTE_MARKS,
    Candidate,
    abbreviation,
    abbreviations,
    after_time,
    ellipsis,
    full_stop,
    initial,
    no_content,
    paragraph_end,
    question_exclamation,
    quote_attribution,
    sentence_starters,
    time_of_day,
)
from .paragraphs import broken_lines, hard_wrapped, list_items, paragraphs

__all__ = [
    "CLOSERS",
    "LINE_BREAKS",
    "OPENERS",
    "QUOTE_MARKS",
    "RULERS",
    "Candidate",
    "abbreviations",
    "after_time",
    "run",
    "sentence_starters",
]

# A candidate sentence end: terminal punctuation (dots may be spaced, as in ". . ."),
# then any closing quotation marks or brackets.
_END_RE = re.compile(
    r"(?P<punct>[.?!…](?:[.?!…]|[ \u00a0]\.)*)(?P<close>[" + re.escape(CLOSERS) + r"]*)"
)

#: List items: which parts of a paragraph are items of a list (``state.here`` = paragraph).
ITEMS = Ruler("segment", [list_items], name="items")

#: Paragraphs: the first rule that answers gives the paragraphs (``state.here`` = None).
PARAGRAPHS = Ruler("segment", [hard_wrapped, broken_lines, paragraphs], name="paragraphs")

#: The boundary rules, asked in this order about each candidate end (``state.here``);
#: the first answer wins.
BOUNDARIES = Ruler(
    "segment",
    [
        no_content,
        ellipsis,
        quote_attribution,
        question_exclamation,
        time_of_day,
        abbreviation,
        initial,
        full_stop,
    ],
    name="boundaries",
)

#: What ends the last sentence of a paragraph.
CLOSING = Ruler("segment", [paragraph_end], name="closing")

RULERS = (PARAGRAPHS, ITEMS, BOUNDARIES, CLOSING)


def _candidate(
    text: str,
    m: re.Match[str],
    span: tuple[int, int],
    content_before: bool,
    content_after: bool,
) -> Candidate:
    sent_start, pend = span
    start, end = m.start(), m.end()
    # The word before the punctuation (bounded look-back keeps this linear).
    before = text[max(start - _WINDOW, 0, sent_start) : start]
    words = before.split()
    token = words[-1] if before and not before[-1].isspace() else ""
    prev_word = (words[-2] if len(words) > 1 else "") if token else (words[-1] if words else "")
    ahead = text[max(sent_start, start - 2 * _WINDOW) : start].split()
    token = token.rsplit("…", 1)[-1].rsplit("...", 1)[-1]  # "statements…Mr" -> "Mr"
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
        prev_word=prev_word,
        words_before=min(len(ahead) - (1 if token else 0), 8),
    )


def _split_paragraph(
    state: State, pstart: int, pend: int, skip: int, close: str | None
) -> list[tuple[int, int, str]]:
    """Sentences of a paragraph (or one list item of it) as ``(start, end, rule)``, trimmed
    of whitespace. Sentence ends before ``skip`` (a list marker) are not considered; the
    rest is closed by the rule ``close`` (a list item's) or by the closing chain."""
    text = state.text
    # Last letter or digit of the paragraph (one backward scan).
    last_alnum = pend - 1
    while last_alnum >= pstart and not text[last_alnum].isalnum():
        last_alnum -= 1
    out: list[tuple[int, int, str]] = []
    sent_start = pstart
    scanned = pstart  # text[sent_start:scanned] has been searched for a letter or digit
    seen = False
    for m in _END_RE.finditer(text, skip, pend):
        if m.end() >= pend:
            break
        punct = m.group("punct")
        glued = not m.group("close") and not text[m.end()].isspace()
        if glued and "…" not in punct and punct.count(".") < 2:
            continue  # glued to the next character (3.5, state.gov, the first point of U.S.)
        if not seen:
            seen = any(ch.isalnum() for ch in text[scanned : m.start()])
            scanned = max(scanned, m.start())
        cand = _candidate(text, m, (sent_start, pend), seen, last_alnum >= m.end())
        decided = BOUNDARIES.decide(state, cand)
        if decided is not None and decided[1]:
            # a rule may end the sentence inside the punctuation (an int: where)
            end = decided[1] if type(decided[1]) is int else cand.end
            out.append((sent_start, end, decided[0]))
            sent_start = end if end < cand.end else cand.end + cand.gap
            scanned = sent_start
            seen = False
    closed = (close, True) if close else CLOSING.decide(state, (sent_start, pend))
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
        decided = ITEMS.decide(state, p)
        items = decided[1] if decided else ((p.start, p.start),)
        for k, (start, skip) in enumerate(items):
            last = k == len(items) - 1
            end = p.end if last else items[k + 1][0]
            close = None if last else decided[0]  # type: ignore[index]
            for s, e, rule in _split_paragraph(state, start, end, skip, close):
                out.append(Sentence(len(out), s, e, p.index, rule))
    return tuple(out)


def run(state: State | Document) -> dict:
    """Return ``{"paragraphs": ..., "sentences": ...}`` for the document's text."""
    state = State.of(state)
    rule, found = PARAGRAPHS.decide(state, None)  # type: ignore[misc]  # paragraphs answers
    paras = tuple(replace(p, index=i, rule=rule) for i, p in enumerate(found))
    return {"paragraphs": paras, "sentences": sentences(state, paras)}
