"""Conditionals: an if/unless clause and its main clause (offer, threat, norm)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .. import datafiles
from ..model import Device, ReportedSpeech
from ..spans import trim as _trim
from ..state import State
from ..textindex import finditer_words, word_starts
from ..wordlists import cue_pattern, cue_terms, find_cues, load_toml
from .common import _device, _part

_IF = re.compile(r"(?<![\w-])(?:if|unless)(?![\w-])", re.IGNORECASE)
#: Where ``_IF`` can match: the words "if" and "unless" (tried only there: word index).
_IF_WORDS = word_starts(("if", "unless"))
_FRONTED_AFTER = re.compile(
    r"(?:[;:—–(]|\b(?:that|and|but|so|or|yet|then|because))$", re.IGNORECASE
)
_COMPLEMENTIZER = re.compile(
    r"\b(?:said|says|say|made\s+clear|makes\s+clear|\w+ed)\s+that\s+", re.IGNORECASE
)
_COORDINATED = re.compile(r",\s+(?:but|and|or|yet|so)\s+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:—–“”\"]")
_IF_END = re.compile(r"[;,—–”\"]")


#: Longest if-clause or main clause (characters): a real clause is far shorter; the cap
#: keeps the rule linear on run-on text ("if Russia if Russia ..." with no punctuation).
MAX_CLAUSE = 1000


@dataclass(frozen=True)
class _Breaks:
    """Where clauses break in one sentence, found in one forward pass (then bisected)."""

    clause_starts: tuple[int, ...]  # ends of ; : — quote marks, "<verb>ed that", ", but"
    stops: tuple[int, ...]  # starts of ; : — – and quote marks (end of a fronted if-clause)
    if_ends: tuple[int, ...]  # starts of ; , — – and closing quotes (end of a trailing one)
    commas: tuple[int, ...]

    @classmethod
    def of(cls, text: str, start: int, end: int) -> _Breaks:
        ends = [m.end() for rx in _STARTERS for m in rx.finditer(text, start, end)]
        return cls(
            clause_starts=tuple(sorted(ends)),
            stops=tuple(m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)),
            if_ends=tuple(m.start() for m in _IF_END.finditer(text, start, end)),
            commas=tuple(m.start() for m in _COMMA.finditer(text, start, end)),
        )


_STARTERS = (_CLAUSE_BREAK, _COMPLEMENTIZER, _COORDINATED)
_COMMA = re.compile(",")


def _next(positions: tuple[int, ...], pos: int, default: int) -> int:
    """The first position at or after ``pos``, else ``default``."""
    k = bisect_left(positions, pos)
    return positions[k] if k < len(positions) else default


def _clause_start(
    breaks: _Breaks, sent_start: int, pos: int, reported: tuple[ReportedSpeech, ...] = ()
) -> int:
    """Where the clause that ends at ``pos`` begins: after the last ; : — or quote mark,
    after ", but" / ", and" (coordinated clauses), after "<reporting verb> that", or at the
    start of a reported-speech content span."""
    k = bisect_right(breaks.clause_starts, pos) - 1
    start = max(sent_start, breaks.clause_starts[k]) if k >= 0 else sent_start
    for r in reported[-8:]:  # the last few reports before pos (bounded: linear)
        if r.start < pos <= r.end and r.start >= sent_start:
            start = max(start, r.start)
    return start


_THAT = re.compile(r"^(?:that\s+)", re.IGNORECASE)


@datafiles.cached
def _norm_subjects() -> frozenset[str]:
    """The generic subjects of ``[norm] subjects`` in ``rhetoric_conditional.toml``, lower case."""
    norm = load_toml("rhetoric_conditional.toml").get("norm", {})
    assert isinstance(norm, dict)
    return frozenset(w.lower() for w in norm.get("subjects", ()))


def _classify_conditional(state: State, start: int, end: int) -> str | None:
    """The label of a main clause ``[start, end)``: norm, threat, offer or None."""
    main = state.text[start : min(end, start + 80)]  # enough for "that" and the first word
    first = _THAT.sub("", main.strip()).split(" ", 1)[0]
    if first.lower() in _norm_subjects() and _cue_in(state, "norm", "deontic", start, end):
        return "norm"
    for label in ("threat", "offer"):
        if _cue_in(state, label, "cues", start, end):
            return label
    return None


def _cue_in(state: State, section: str, key: str, start: int, end: int) -> bool:
    """Whether a cue of ``[section] key`` stands in ``[start, end)`` (word index: linear)."""
    pat = cue_pattern("rhetoric_conditional.toml", section, key)
    if pat is None:
        return False
    starts = word_starts(cue_terms("rhetoric_conditional.toml", section, key))
    found = finditer_words(pat, starts, state.text, start, end, index=state.words)
    return next(found, None) is not None


def conditional_clause(state: State) -> tuple[Device, ...]:
    """Conditionals: an if/unless clause and its main clause, as ``parts`` ("if", "main").

    Order: the if-clause comes first when "if" opens a clause (sentence start, after ";",
    ":", "that", "and", "but" ...) and a comma closes it ("if Russia further invades
    Ukraine, it will face ..."): the main clause runs from the comma to the end of the
    clause. Otherwise the if-clause follows its main clause ("try to address them, if the
    Kremlin is prepared to reciprocate ..."): the main clause runs back to the clause start
    (after ; : — or a quote mark, or after "<verb>ed that"), the if-clause to the next
    comma, ; or closing quote. Fronted ifs without a comma are skipped (no safe split).

    Label (cue lists in ``data/rhetoric_conditional.toml``, checked on the main clause):
    ``norm`` (generic subject + should/must: "all members ... should face costs if they
    don’t live up to ..."), ``threat`` (a cost or sanction: "it will face massive ...
    sanctions"), ``offer`` (talks, listening, progress: "willing to listen ... if the
    Kremlin is prepared to reciprocate"); else None. ``target`` = the first actor named in
    the if-clause (the party whose act is the condition), else None.
    """
    text = state.text
    skipped = [
        m.span()
        for m in find_cues(text, "rhetoric_conditional.toml", "skip", "phrases", index=state.words)
    ]
    reported = sorted(state.doc.reported_speech, key=lambda r: r.start)
    breaks: dict[int, _Breaks] = {}
    out = []
    for m in finditer_words(_IF, _IF_WORDS, text, index=state.words):
        k = bisect_right(skipped, (m.start(), len(text)))
        if any(a < m.end() and m.start() < b for a, b in skipped[max(0, k - 2) : k + 1]):
            continue
        spans = _clauses(state, m, reported, breaks)
        if spans is None:
            continue
        if_span, main_span = spans
        label = _classify_conditional(state, *main_span)
        first = state.first_mention_in(*if_span)
        target = first.actor if first else None
        parts = (_part(state, "if", *if_span), _part(state, "main", *main_span))
        start = min(if_span[0], main_span[0])
        end = max(if_span[1], main_span[1])
        out.append(_device(state, start, end, "conditional", "", label, target, parts))
    return tuple(out)


def _clauses(
    state: State,
    m: re.Match[str],
    reported: list[ReportedSpeech],
    breaks: dict[int, _Breaks],
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The if-clause and main-clause spans around the "if" of ``m`` (see above), or None."""
    text, i = state.text, m.start()
    n = state.sentence_index(i)
    if n is None:
        return None
    s_start, s_end = state.sentence_spans[n]
    if n not in breaks:
        breaks[n] = _Breaks.of(text, s_start, s_end)
    br = breaks[n]
    pre = i
    while pre > s_start and text[pre - 1] in ' \t\n“"‘':
        pre -= 1
    # bounded look-behind: the longest cue ("because") is 7 characters
    fronted = pre == s_start or _FRONTED_AFTER.search(text, max(s_start, pre - 16), pre)
    if not fronted and text[pre - 1] == ",":
        pre -= 1
    if fronted:
        clause_end = _next(br.stops, m.end(), s_end)
        comma = _next(br.commas, m.end(), clause_end)
        if comma >= clause_end:
            return None
        if_span = _trim(text, i, min(comma, i + MAX_CLAUSE))
        main_span = _trim(text, comma + 1, _cap_end(text, comma + 1, clause_end))
    else:
        if_span = _trim(text, i, _cap_end(text, i, _next(br.if_ends, m.end(), s_end)))
        lo = bisect_left(reported, s_start, key=lambda r: r.start)
        hi = bisect_left(reported, pre, key=lambda r: r.start)
        here = tuple(reported[max(lo, hi - 8) : hi])
        start = _cap_start(text, _clause_start(br, s_start, pre, here), pre)
        main_span = _trim(text, start, pre)
    if if_span[1] <= m.end() or main_span[0] >= main_span[1]:
        return None
    return if_span, main_span


def _cap_end(text: str, start: int, end: int) -> int:
    """``end``, or the last word break within :data:`MAX_CLAUSE` characters of ``start``."""
    if end - start <= MAX_CLAUSE:
        return end
    cut = text.rfind(" ", start, start + MAX_CLAUSE)
    return cut if cut > start else start + MAX_CLAUSE


def _cap_start(text: str, start: int, end: int) -> int:
    """``start``, or the first word break within :data:`MAX_CLAUSE` characters of ``end``."""
    if end - start <= MAX_CLAUSE:
        return start
    cut = text.find(" ", end - MAX_CLAUSE, end)
    return cut + 1 if cut >= 0 else end - MAX_CLAUSE
