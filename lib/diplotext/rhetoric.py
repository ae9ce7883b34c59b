"""Pipeline step: rhetorical devices (evaluation, conditionals, commissives, lists of three ...).

Every device is found by a short named rule: a lexicon lookup (word lists in
``lib/diplotext/data/rhetoric_*.txt``, which a teacher can extend without touching code)
or a small pattern over the text of one sentence. Each rule returns
:class:`~diplotext.model.Device` items with a span, a category (one of
``model.DEVICE_CATEGORIES``), a label and, where the rule can tell, a ``target`` actor.

Lexicon syntax (the same in every ``rhetoric_*.txt`` file; frames reuse it)::

    term | label      one entry a line; "| label" is optional; "#" starts a comment
    threat*           "*" at the end of a word: any ending (threats, threatened)
    are ... committed "..." between words: 0 to 2 words in between
    ! just as         an exception: a match overlapping it is dropped

Matching is case-insensitive and whole-word; ``'`` also matches the curly ``’``; at one
place the longest entry wins. The rules read ``doc.sentences``, ``doc.mentions``,
``doc.quotes`` and ``doc.reported_speech`` when earlier steps have filled them, and still
work (less precisely) when they are empty.

One word may give several devices of different categories, on purpose: "may" is a
``modal`` and a ``hedge``; "massive" is a negative ``evaluation`` and an ``intensifier``.
Within one category, a device lying inside a longer device of that category is dropped.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from types import MappingProxyType

from . import datafiles
from .model import DEVICE_CATEGORIES, Device, Document, Mention, Part, ReportedSpeech
from .textindex import SCAN_ALL, finditer_words, word_starts

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - exercised on Python 3.10 only
    pass


_WORD = r"[\w’'-]+"
_GAP = rf"(?:\s+{_WORD}){{0,2}}\s+"  # the "..." of the lexicon syntax


# ---------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------


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


def _parse_lines(text: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    entries: list[tuple[str, str | None]] = []
    exceptions: list[str] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            exceptions.append(line[1:].strip())
            continue
        term, _, label = line.partition("|")
        entries.append((" ".join(term.split()), label.strip() or None))
    return entries, exceptions


@lru_cache(maxsize=64)
def load_lexicon(name: str) -> Lexicon:
    """Read and compile ``data/rhetoric_<name>.txt`` (cached: files are read once).

    >>> load_lexicon("modals").labels[0]
    'can'
    """
    entries, exceptions = _parse_lines(datafiles.read(f"rhetoric_{name}.txt"))
    terms = tuple(t for t, _ in entries)
    return Lexicon(
        name=name,
        terms=terms,
        labels=tuple(lab for _, lab in entries),
        pattern=compile_terms(terms),
        exceptions=compile_terms(tuple(exceptions)),
        exception_terms=tuple(exceptions),
    )


@lru_cache(maxsize=8)
def load_toml(filename: str) -> Mapping[str, object]:
    """Read a TOML data file from ``lib/diplotext/data/`` (cached)."""
    return MappingProxyType(datafiles.read_toml(filename))


@lru_cache(maxsize=32)
def cue_terms(filename: str, section: str, key: str = "cues") -> tuple[str, ...]:
    """The terms of the list ``[section] key`` of a TOML data file (lexicon syntax)."""
    table = load_toml(filename).get(section, {})
    assert isinstance(table, dict)
    return tuple(" ".join(t.split()) for t in table.get(key, ()))


@lru_cache(maxsize=32)
def cue_pattern(filename: str, section: str, key: str = "cues") -> re.Pattern[str] | None:
    """Compiled regex for the list ``[section] key`` of a TOML data file (lexicon syntax)."""
    return compile_terms(cue_terms(filename, section, key))


def find_cues(text: str, filename: str, section: str, key: str = "cues") -> Iterator[re.Match[str]]:
    """Every match of the cue list ``[section] key`` of a TOML data file in ``text``.

    The same matches as ``cue_pattern(...).finditer(text)``, tried only where a word that
    can start a cue stands (see :mod:`diplotext.textindex`).
    """
    pattern = cue_pattern(filename, section, key)
    if pattern is not None:
        yield from finditer_words(pattern, word_starts(cue_terms(filename, section, key)), text)


def find_terms(
    lex: Lexicon, text: str, start: int = 0, end: int | None = None
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
        blocked = [m.span() for m in finditer_words(lex.exceptions, starts, text, start, end)]
    bi = 0
    for m in finditer_words(lex.pattern, word_starts(lex.terms), text, start, end):
        s, e = m.span()
        while bi < len(blocked) and blocked[bi][1] <= s:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] < e:
            continue
        idx = int(m.lastgroup[1:]) if m.lastgroup else 0
        yield s, e, lex.labels[idx]


# ---------------------------------------------------------------------------
# A small index over the document, built once per run
# ---------------------------------------------------------------------------

_FALLBACK_SENT = re.compile(r"[^\n]+?(?:[.!?][”\"’)]*(?=\s+[“\"(]?[A-Z0-9])|$)", re.MULTILINE)


def sentence_spans(doc: Document) -> tuple[tuple[int, int], ...]:
    """Sentence spans: ``doc.sentences`` if the segment step ran, else a crude fallback.

    The fallback (used only when a Document is built without the segment step) ends a
    sentence at ``.``, ``!`` or ``?`` (plus closing quotes) before a capital, and at line
    breaks; it does not know abbreviations ("U.S. Secretary" is split).
    """
    if doc.sentences:
        return tuple((s.start, s.end) for s in doc.sentences)
    spans = []
    for m in _FALLBACK_SENT.finditer(doc.text):
        s, e = m.span()
        while s < e and doc.text[s].isspace():
            s += 1
        if s < e:
            spans.append((s, e))
    return tuple(spans)


@dataclass(frozen=True)
class TextIndex:
    """Lookups the rules share: sentence spans, mentions sorted by position, actor kinds."""

    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]
    mentions: tuple[Mention, ...]
    mention_starts: tuple[int, ...]
    actor_kind: Mapping[str, str]
    actor_state: Mapping[str, str | None]


def text_index(doc: Document) -> TextIndex:
    """Build the :class:`TextIndex` of a document (linear in its size)."""
    sents = sentence_spans(doc)
    mentions = tuple(sorted(doc.mentions, key=lambda m: (m.start, m.end)))
    return TextIndex(
        sentences=sents,
        sentence_starts=tuple(s for s, _ in sents),
        mentions=mentions,
        mention_starts=tuple(m.start for m in mentions),
        actor_kind=MappingProxyType({a.id: a.kind for a in doc.actors}),
        actor_state=MappingProxyType({a.id: a.state for a in doc.actors}),
    )


def sentence_of(ix: TextIndex, pos: int) -> tuple[int, int]:
    """The span of the sentence holding ``pos`` (or ``(pos, pos)`` if none)."""
    i = bisect_right(ix.sentence_starts, pos) - 1
    if i >= 0 and ix.sentences[i][0] <= pos < ix.sentences[i][1]:
        return ix.sentences[i]
    return (pos, pos)


def mentions_between(ix: TextIndex, start: int, end: int) -> tuple[Mention, ...]:
    """Mentions lying wholly inside ``[start, end)``, in text order."""
    i = bisect_left(ix.mention_starts, start)
    j = bisect_left(ix.mention_starts, end)
    return tuple(m for m in ix.mentions[i:j] if m.end <= end)


def _device(
    doc: Document,
    start: int,
    end: int,
    category: str,
    rule: str,
    label: str | None = None,
    target: str | None = None,
    parts: tuple[Part, ...] = (),
) -> Device:
    return Device(start, end, doc.text[start:end], category, rule, label, target, parts)


def _part(doc: Document, role: str, start: int, end: int) -> Part:
    return Part(role, start, end, doc.text[start:end])


def _trim(text: str, start: int, end: int, chars: str = ' \t\n,;:.!?“”"‘') -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace and punctuation in ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _lexicon_devices(doc: Document, name: str, category: str, rule: str) -> tuple[Device, ...]:
    return tuple(
        _device(doc, s, e, category, rule, label)
        for s, e, label in find_terms(load_lexicon(name), doc.text)
    )


# ---------------------------------------------------------------------------
# evaluation
# ---------------------------------------------------------------------------

_NEGATOR_BEFORE = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+$", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"['’]s?(?:\s+[\w-]+){0,3}\s+")
_ITS_BEFORE = re.compile(r"\b(?:its|their)(?:\s+own)?(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE)
_AGENT_GAP = re.compile(r"(?:\s+[\w-]+){0,2}\s+(?:by|from)\s+", re.IGNORECASE)
_RELATIVE_GAP = re.compile(r"(?:\s+[\w-]+){0,2}\s+(?:(?:that|which)\s+)?", re.IGNORECASE)
_SUBJECT_VERB = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|may|might|will|would|could|can|continues?|poses?)\b",
    re.IGNORECASE,
)


def evaluation_target(doc: Document, ix: TextIndex, start: int, end: int) -> str | None:
    """The actor an evaluative phrase at ``[start, end)`` is about, or None.

    Tried in order, inside the phrase's sentence, using actor mentions:

    1. possessive: a mention + ’s up to 3 words before ("Russia’s unprovoked military
       buildup", "Moscow’s actions have threatened") -> that actor;
    2. adjective: an adjective mention right before ("Russian aggression");
    3. its/their (own): "its own dangerous and destabilizing behavior" -> the nearest
       state/organisation/group mention before it in the sentence (the usual antecedent
       of "its" in the genre: "if the Kremlin is prepared ... its own");
    4. agent after: "aggression by Russia", "threats from Moscow";
    5. relative clause: "acts of aggression Russia has committed", "legitimate security
       concerns Russia may have" (a mention 0-2 words after, then a verb).

    Limits: no parsing, so "its" may pick the wrong antecedent when two states are named
    before it; a predicate ("Russia’s plan is dangerous") is not linked.
    """
    text = doc.text
    s_start, s_end = sentence_of(ix, start)
    before = mentions_between(ix, s_start, start)
    after = mentions_between(ix, end, s_end)
    if before:
        m = before[-1]
        gap = text[m.end : start]
        if _POSSESSIVE_GAP.fullmatch(gap) and gap[:1] in "'’" and gap[1:2] in "sS":
            return m.actor
        if m.form == "adjective" and gap.isspace():
            return m.actor
    its = _ITS_BEFORE.search(text, max(s_start, start - 60), start)
    if its:
        for m in reversed(mentions_between(ix, s_start, its.start())):
            if ix.actor_kind.get(m.actor, "state") != "person":
                return m.actor
    if after:
        m = after[0]
        gap = text[end : m.start]
        if _AGENT_GAP.fullmatch(gap):
            return m.actor
        if _RELATIVE_GAP.fullmatch(gap) and _SUBJECT_VERB.match(text, m.end):
            return m.actor
    return None


def evaluation_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Evaluative words and phrases from ``data/rhetoric_evaluation.txt``.

    Martin & White (2005) call this attitude: judgement of behaviour ("unprovoked",
    "responsible") and appreciation of things ("dangerous and destabilizing", "vital").
    The label ("negative"/"positive") comes from the word list; it flips when "not",
    "never" or "n't" stands right before ("not legitimate" -> negative). ``target`` is the
    actor the evaluation is about, found by :func:`evaluation_target` (possessive before,
    "its own", "by X" after ...), else None. A word list cannot see irony or quotation
    of the other side's words: read the hits.
    """
    ix = ix or text_index(doc)
    out = []
    flip = {"negative": "positive", "positive": "negative"}
    for s, e, label in find_terms(load_lexicon("evaluation"), doc.text):
        if label in flip and _NEGATOR_BEFORE.search(doc.text, max(0, s - 12), s):
            label = flip[label]
        target = evaluation_target(doc, ix, s, e)
        out.append(_device(doc, s, e, "evaluation", "rhetoric.evaluation_lexicon", label, target))
    return tuple(out)


# ---------------------------------------------------------------------------
# conditional
# ---------------------------------------------------------------------------

_IF = re.compile(r"(?<![\w-])(?:if|unless)(?![\w-])", re.IGNORECASE)
_FRONTED_AFTER = re.compile(
    r"(?:[;:—–(]|\b(?:that|and|but|so|or|yet|then|because))$", re.IGNORECASE
)
_COMPLEMENTIZER = re.compile(
    r"\b(?:said|says|say|made\s+clear|makes\s+clear|\w+ed)\s+that\s+", re.IGNORECASE
)
_COORDINATED = re.compile(r",\s+(?:but|and|or|yet|so)\s+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:—–“”\"]")
_IF_END = re.compile(r"[;,—–”\"]")


def _clause_start(
    doc: Document, sent_start: int, pos: int, reported: tuple[ReportedSpeech, ...] = ()
) -> int:
    """Where the clause that ends at ``pos`` begins: after the last ; : — or quote mark,
    after ", but" / ", and" (coordinated clauses), after "<reporting verb> that", or at the
    start of a reported-speech content span."""
    text = doc.text
    start = sent_start
    for m in _CLAUSE_BREAK.finditer(text, sent_start, pos):
        start = max(start, m.end())
    for m in _COMPLEMENTIZER.finditer(text, sent_start, pos):
        start = max(start, m.end())
    for m in _COORDINATED.finditer(text, sent_start, pos):
        start = max(start, m.end())
    for r in reported:
        if r.start < pos <= r.end and r.start >= sent_start:
            start = max(start, r.start)
    return start


_THAT = re.compile(r"^(?:that\s+)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _norm_subjects() -> frozenset[str]:
    """The generic subjects of ``[norm] subjects`` in ``rhetoric_conditional.toml``, lower case."""
    norm = load_toml("rhetoric_conditional.toml").get("norm", {})
    assert isinstance(norm, dict)
    return frozenset(w.lower() for w in norm.get("subjects", ()))


def _classify_conditional(main: str) -> str | None:
    first = _THAT.sub("", main.strip()).split(" ", 1)[0]
    deontic = cue_pattern("rhetoric_conditional.toml", "norm", "deontic")
    if first.lower() in _norm_subjects() and (deontic is not None and deontic.search(main)):
        return "norm"
    for label in ("threat", "offer"):
        pat = cue_pattern("rhetoric_conditional.toml", label)
        if pat is not None and pat.search(main):
            return label
    return None


def conditional_clause(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
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
    ix = ix or text_index(doc)
    text = doc.text
    skip = cue_pattern("rhetoric_conditional.toml", "skip", "phrases")
    skipped = [m.span() for m in skip.finditer(text)] if skip is not None else []
    reported = sorted(doc.reported_speech, key=lambda r: r.start)
    rs_starts = [r.start for r in reported]
    out = []
    for m in _IF.finditer(text):
        i = m.start()
        k = bisect_right(skipped, (i, len(text)))
        if any(a < m.end() and i < b for a, b in skipped[max(0, k - 2) : k + 1]):
            continue
        s_start, s_end = sentence_of(ix, i)
        if s_start == s_end:
            continue
        pre = i
        while pre > s_start and text[pre - 1] in ' \t\n“"‘':
            pre -= 1
        fronted = pre == s_start or _FRONTED_AFTER.search(text, s_start, pre)
        if not fronted and text[pre - 1] == ",":
            pre -= 1
        if fronted:
            stop = _CLAUSE_BREAK.search(text, m.end(), s_end)
            clause_end = stop.start() if stop else s_end
            comma = text.find(",", m.end(), clause_end)
            if comma < 0:
                continue
            if_span = _trim(text, i, comma)
            main_span = _trim(text, comma + 1, clause_end)
        else:
            stop = _IF_END.search(text, m.end(), s_end)
            if_span = _trim(text, i, stop.start() if stop else s_end)
            i0 = bisect_left(rs_starts, s_start)
            here = tuple(reported[i0 : bisect_left(rs_starts, pre)])
            main_span = _trim(text, _clause_start(doc, s_start, pre, here), pre)
        if if_span[1] <= m.end() or main_span[0] >= main_span[1]:
            continue
        label = _classify_conditional(text[main_span[0] : main_span[1]])
        cond_mentions = mentions_between(ix, *if_span)
        target = cond_mentions[0].actor if cond_mentions else None
        parts = (_part(doc, "if", *if_span), _part(doc, "main", *main_span))
        start = min(if_span[0], main_span[0])
        end = max(if_span[1], main_span[1])
        out.append(
            _device(
                doc, start, end, "conditional", "rhetoric.conditional_clause", label, target, parts
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------
# commissive
# ---------------------------------------------------------------------------

_REST_OF_CLAUSE = re.compile(r"[^.,;:!?“”\"]{0,80}")


def commissive_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Commissives (Searle 1976): phrases that commit the speaker's side to a future act.

    The phrases are in ``data/rhetoric_commissive.txt`` ("we are committed to", "we
    will", "are willing to", "are prepared to", "will face"), each labelled ``promise`` or
    ``threat``. A promise is relabelled ``threat`` when the rest of its clause (up to 80
    characters, to the next punctuation mark) holds a cost or sanction cue from
    ``data/rhetoric_conditional.toml`` ("we will impose severe costs"). The subject is not
    checked (see the word list's limits).
    """
    out = []
    threat = cue_pattern("rhetoric_conditional.toml", "threat")
    for s, e, label in find_terms(load_lexicon("commissive"), doc.text):
        if label == "promise" and threat is not None:
            rest = _REST_OF_CLAUSE.match(doc.text, e)
            if rest and threat.search(rest.group()):
                label = "threat"
        out.append(_device(doc, s, e, "commissive", "rhetoric.commissive_lexicon", label))
    return tuple(out)


# ---------------------------------------------------------------------------
# list_of_three
# ---------------------------------------------------------------------------

_LIST_HEAD = re.compile(
    r",\s+(?P<b>[^,;:!?“”\"()—–]{1,60}?)(?P<c2>,?)\s+(?P<conj>and|or)\s+", re.IGNORECASE
)
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "our",
        "his",
        "her",
        "this",
        "these",
        "those",
        "every",
        "all",
        "any",
        "some",
        "each",
    ]
)
_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "against",
        "of",
        "between",
        "into",
        "through",
        "along",
        "across",
        "about",
        "under",
        "over",
        "after",
        "before",
        "during",
        "within",
        "without",
        "toward",
        "towards",
    ]
)
_NOT_ITEM_START = frozenset(
    ["he", "she", "it", "they", "we", "i", "you", "which", "who", "that", "as", "said"]
)
_ITEM_END = re.compile(
    r"[,;:.!?“”\"()—–]|\s(?:when|which|that|who|where|while|because|if|including)\b"
)
_WORD_RE = re.compile(r"[\w’'.-]+")


def _word_class(word: str) -> str:
    w = word.lower()
    if w in _DETERMINERS:
        return "det"
    if w in _PREPOSITIONS:
        return "prep:" + w
    if word[:1].isupper():
        return "cap"
    return "word"


def _words_back(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text, lo, hi))


def _cap_run_back(text: str, lo: int, hi: int, limit: int = 4) -> tuple[int, int] | None:
    words = _words_back(text, lo, hi)
    run: list[re.Match[str]] = []
    for w in reversed(words):
        if not w.group()[:1].isupper() or len(run) >= limit:
            break
        if text[w.end() : (run[-1].start() if run else hi)].strip():
            break
        run.append(w)
    return (run[-1].start(), run[0].end()) if run else None


def _cap_run_fwd(text: str, lo: int, hi: int, limit: int = 4) -> tuple[int, int] | None:
    run: list[re.Match[str]] = []
    for w in _WORD_RE.finditer(text, lo, hi):
        prev_end = run[-1].end() if run else lo
        if not w.group()[:1].isupper() or len(run) >= limit or text[prev_end : w.start()].strip():
            break
        run.append(w)
    if not run:
        return None
    end = run[-1].end()
    while end > run[0].start() and text[end - 1] == ".":  # "Ukraine." at sentence end
        if text[run[-1].start() : end].count(".") > 1:  # keep "U.S."
            break
        end -= 1
    return (run[0].start(), end)


def _openers() -> re.Pattern[str] | None:
    return load_lexicon("list_openers").pattern


#: Capitalised words that are not names: a list of names does not have them as items.
_CAP_PRONOUNS = frozenset({"I", "We", "You", "He", "She", "They", "It"})
#: The end of a name-like item (capitalised words joined by "of"/"the"/"and") standing
#: before A, after a comma: the list has a fourth item.
_NAME_ITEM_BEFORE = re.compile(
    r"\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|and))*\s+(?:of|the|for)\s+"
    r"|\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|and))*\s*"
)


def list_coordinated(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Three coordinated items, "A, B, and C" or "A, B and C", with the items as ``parts``.

    Found from the middle item B (between a comma and ", and"/", or"); A and C are then
    taken to match B's shape (parallelism, Atkinson 1984):

    * B capitalised (names: "Georgia, Moldova, and Ukraine"): A and C are the runs of
      capitalised words (up to 4) before the first comma and after "and";
    * B starting with a determiner or preposition ("the ..., a ..., and a ..."; "in ...,
      in ..., and in ..."): A starts at the first word of the same class after the list's
      opening (";", ":", sentence start or a word in ``data/rhetoric_list_openers.txt``
      such as "include"), within 15 words; C must start with the same class and runs to
      the next punctuation or "when/which/that/including/and";
    * B a plain lowercase phrase of up to 3 words ("peace, security, and prosperity"): A and
      C have as many words as B (A without a leading "of"/"the"; a C opening with "the"
      runs to the next punctuation: "sovereignty, territorial integrity, and the freedom
      of nations to choose").

    Not a list of three: a fourth item before A (a longer list, also when A is the end of
    a longer name: "Department of State, Department of Defense, Joint Staff, and ..."), a
    B starting with a pronoun or "as" ("Russia, he said, and ..."), a capitalised pronoun
    as an item ("Tonight, Jill and I"), or a B starting with a preposition that A does not
    share ("The United States, along with its Allies and partners, is ...").
    """
    ix = ix or text_index(doc)
    text = doc.text
    out = []
    openers = _openers()
    for s_start, s_end in ix.sentences:
        for m in _LIST_HEAD.finditer(text, s_start, s_end):
            b_start, b_end = m.span("b")
            b_words = _WORD_RE.findall(text, b_start, b_end)
            if not b_words or len(b_words) > 8 or b_words[0].lower() in _NOT_ITEM_START:
                continue
            cls = _word_class(b_words[0])
            a_hi = m.start()
            c_lo = m.end()
            a = c = None
            if cls == "cap":
                if not all(w[:1].isupper() or w.lower() in ("of", "the") for w in b_words):
                    continue
                a = _cap_run_back(text, s_start, a_hi)
                c = _cap_run_fwd(text, c_lo, s_end)
                if a and re.search(r",\s+$", text[max(s_start, a[0] - 3) : a[0]]):
                    prev = _cap_run_back(text, s_start, text.rfind(",", s_start, a[0]))
                    if prev:
                        continue  # "A, B, C, and D": a longer list
                before = text.rfind(",", s_start, a[0]) if a else -1
                if before >= 0 and _NAME_ITEM_BEFORE.fullmatch(text, before + 1, a[0]):
                    continue  # "Department of State, Department of Defense, B, and C": longer
                if (
                    any(item and text[item[0] : item[1]] in _CAP_PRONOUNS for item in (a, c))
                    or b_words[0] in _CAP_PRONOUNS
                ):
                    continue  # "Tonight, Jill and I": a pronoun is not a name-like item
            elif cls == "word":
                if len(b_words) > 3:
                    continue
                back = _words_back(text, max(s_start, a_hi - 80), a_hi)[-len(b_words) :]
                while back and _word_class(back[0].group()) not in ("word", "cap"):
                    back = back[1:]  # "of sovereignty" -> "sovereignty"
                if back and not _CLAUSE_BREAK.search(text, back[0].start(), a_hi):
                    a = (back[0].start(), back[-1].end())
                c_first = _WORD_RE.match(text, c_lo)
                if c_first and _word_class(c_first.group()) == "det":
                    stop = _ITEM_END.search(text, c_first.end(), s_end)
                    c = _trim(text, c_lo, stop.start() if stop else s_end)
                else:
                    fwd = list(_WORD_RE.finditer(text, c_lo, s_end))[: len(b_words)]
                    if len(fwd) == len(b_words):
                        c = _trim(text, fwd[0].start(), fwd[-1].end())
            else:
                lo = max(s_start, a_hi - 200)
                for br in _CLAUSE_BREAK.finditer(text, lo, a_hi):
                    lo = br.end()
                comma = text.rfind(",", lo, a_hi)
                fourth = comma >= 0
                lo = max(lo, comma + 1)
                if openers is not None:
                    for op in openers.finditer(text, lo, a_hi):
                        lo = op.end()
                words = _words_back(text, lo, a_hi)[-15:]
                first = next((w for w in words if _word_class(w.group()) == cls), None)
                if first is None:
                    continue
                if fourth and _word_class(words[0].group()) == cls and first is words[0]:
                    continue  # "the A, the B, the C, and the D"
                a = (first.start(), a_hi)
                c_first = _WORD_RE.match(text, c_lo)
                if c_first is None or _word_class(c_first.group()) != cls:
                    continue
                stop = _ITEM_END.search(text, c_first.end(), s_end)
                c = _trim(text, c_lo, stop.start() if stop else s_end)
            if not a or not c or c[0] >= c[1]:
                continue
            b = _trim(text, b_start, b_end)
            parts = tuple(_part(doc, "item", *span) for span in (a, b, c))
            out.append(
                _device(doc, a[0], c[1], "list_of_three", "rhetoric.list_coordinated", parts=parts)
            )
    return tuple(out)


def _first_words(text: str, start: int, end: int, n: int) -> tuple[str, ...]:
    return tuple(w.group().lower() for w in islice(_WORD_RE.finditer(text, start, end), n))


def list_parallel_clauses(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Three parallel clauses separated by semicolons that open with the same word.

    "... principles ...: that the borders ... cannot be changed by force; that it is the
    inherent right ...; that all members ... make." The first clause starts after a colon
    if the sentence has one. Exactly three clauses with the same first word make a list of
    three (four or more is a longer list, not counted); the clauses are the ``parts``.
    """
    ix = ix or text_index(doc)
    text = doc.text
    out = []
    for s_start, s_end in ix.sentences:
        if text.find(";", s_start, s_end) < 0:
            continue
        first_semi = text.find(";", s_start, s_end)
        colon = text.rfind(":", s_start, first_semi)
        lo = colon + 1 if colon >= 0 else s_start
        bounds = [lo]
        bounds += [i + 1 for i in range(first_semi, s_end) if text[i] == ";"]
        spans = []
        for k, b0 in enumerate(bounds):
            b1 = bounds[k + 1] - 1 if k + 1 < len(bounds) else s_end
            spans.append(_trim(text, b0, b1))
        heads = [_first_words(text, a, b, 1) for a, b in spans]
        k = 0
        while k < len(spans):
            j = k
            while j + 1 < len(spans) and heads[j + 1] and heads[j + 1] == heads[k]:
                j += 1
            if j - k + 1 == 3 and heads[k]:
                run = spans[k : j + 1]
                parts = tuple(_part(doc, "item", a, b) for a, b in run)
                out.append(
                    _device(
                        doc,
                        run[0][0],
                        run[-1][1],
                        "list_of_three",
                        "rhetoric.list_parallel_clauses",
                        label="clauses",
                        parts=parts,
                    )
                )
            k = j + 1
    return tuple(out)


def list_anaphora(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Three consecutive sentences that open with the same two words (anaphora).

    "We will defend ... We will support ... We will hold ..." (quotation marks before the
    first word are ignored). Exactly three: a run of four or more is not a list of three.
    The sentences are the ``parts``. Two shared words, not one, so that a run of sentences
    that merely start with "We" or "The" does not count.
    """
    ix = ix or text_index(doc)
    text = doc.text
    heads = [_first_words(text, s, e, 2) for s, e in ix.sentences]
    out = []
    k = 0
    while k < len(heads):
        j = k
        while j + 1 < len(heads) and len(heads[k]) == 2 and heads[j + 1] == heads[k]:
            j += 1
        if j - k + 1 == 3:
            spans = [_trim(text, *ix.sentences[i], chars=' \t\n“”"') for i in range(k, j + 1)]
            parts = tuple(_part(doc, "item", a, b) for a, b in spans)
            out.append(
                _device(
                    doc,
                    spans[0][0],
                    spans[-1][1],
                    "list_of_three",
                    "rhetoric.list_anaphora",
                    label="anaphora",
                    parts=parts,
                )
            )
        k = j + 1
    return tuple(out)


# ---------------------------------------------------------------------------
# contrast
# ---------------------------------------------------------------------------

_NOT_BUT = re.compile(
    r"(?<![\w-])not\s+(?!only\b)(?P<x>(?:[\w’'-]+,?\s+){1,10}?)but(?![\w-])"
    r"(?!\s+also\b)(?P<y>(?:\s+[\w’'-]+){1,8})",
    re.IGNORECASE,
)


def contrast_not_but(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Antithesis "not X but Y" (Atkinson 1984: a contrast the audience can anticipate).

    "not" and "but" at most 10 words apart, with no full stop, colon or semicolon between;
    Y runs up to 8 words, to the next punctuation. Parts: ``not`` (X) and ``but`` (Y).
    "not only ... but also" is additive, not a contrast, and is skipped.
    """
    out = []
    for m in _NOT_BUT.finditer(doc.text):
        x = _trim(doc.text, *m.span("x"))
        y = _trim(doc.text, *m.span("y"))
        parts = (_part(doc, "not", *x), _part(doc, "but", *y))
        out.append(
            _device(
                doc,
                m.start(),
                y[1],
                "contrast",
                "rhetoric.contrast_not_but",
                "antithesis",
                parts=parts,
            )
        )
    return tuple(out)


def contrast_markers(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Contrast markers from ``data/rhetoric_contrast.txt``: "but", "however", "rather
    than", "just as", "more than just", "while" ...

    Labels: ``antithesis``, ``comparison``, ``concession``, ``marker``. A marker inside a
    "not X but Y" antithesis is dropped in favour of the whole antithesis (the step keeps
    the longer device of a category). Limit: "while" may be temporal.
    """
    return _lexicon_devices(doc, "contrast", "contrast", "rhetoric.contrast_markers")


# ---------------------------------------------------------------------------
# modal, hedge, booster, intensifier, presupposition
# ---------------------------------------------------------------------------


def modal_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Modal verbs from ``data/rhetoric_modals.txt``; label = the modal's lemma.

    "cannot"/"can't" -> ``can``; "won't"/"’ll" -> ``will``. "May" with a capital inside a
    sentence (the month: "in May 1997") is skipped; "the will of ..." is an exception in
    the list. A modal that is also a hedge ("may", "might", "could", "would") gets a
    second device from :func:`hedge_lexicon`.
    """
    ix = ix or text_index(doc)
    out = []
    for s, e, label in find_terms(load_lexicon("modals"), doc.text):
        if doc.text[s:e] == "May" and sentence_of(ix, s)[0] != s:
            continue
        out.append(_device(doc, s, e, "modal", "rhetoric.modal_lexicon", label))
    return tuple(out)


def hedge_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Hedges (Hyland 2005) from ``data/rhetoric_hedges.txt``: "may", "might", "try to",
    "hope", "believe", "possible" ... They soften a claim or a commitment.

    The modal hedges also get a ``modal`` device (two categories for one word, on
    purpose). "May" the month is skipped as in :func:`modal_lexicon`.
    """
    ix = ix or text_index(doc)
    return tuple(
        d
        for d in _lexicon_devices(doc, "hedges", "hedge", "rhetoric.hedge_lexicon")
        if not (d.text == "May" and sentence_of(ix, d.start)[0] != d.start)
    )


def booster_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Boosters (Hyland 2005) from ``data/rhetoric_boosters.txt``: "made clear",
    "underscored", "clearly", "fully", "certainly", "never", "inherent" ... They present a
    claim as certain and close down alternatives."""
    return _lexicon_devices(doc, "boosters", "booster", "rhetoric.booster_lexicon")


def intensifier_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Intensifiers and superlatives from ``data/rhetoric_intensifiers.txt``.

    Labels: ``intensifier`` ("only", "just", "massive") and ``superlative`` ("the latest",
    "most", "on a scale not seen before"). Superlatives come from the list, not from any
    word ending in -est ("interest", "request"). "just as" and "not only" are exceptions.
    """
    return _lexicon_devices(doc, "intensifiers", "intensifier", "rhetoric.intensifier_lexicon")


def presupposition_lexicon(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """Presupposition triggers from ``data/rhetoric_presupposition.txt``.

    "if Russia further invades" takes an earlier invasion for granted (label
    ``iterative``); "only the latest in a series" a series (``series``); "continue",
    "still" an ongoing state (``continuative``); "a new precedent" an old order replaced
    (``novelty``); "its own" the thing's existence (``existential``). The trigger is
    tagged; what it presupposes is for the reader to state.
    """
    return _lexicon_devices(
        doc, "presupposition", "presupposition", "rhetoric.presupposition_lexicon"
    )


# ---------------------------------------------------------------------------
# in_group
# ---------------------------------------------------------------------------


def in_group_pronouns(doc: Document, ix: TextIndex | None = None) -> tuple[Device, ...]:
    """First-person plural "we", "us", "our", "ours", "ourselves" (``data/rhetoric_in_group.txt``).

    The label is the form in lowercase. ``target`` is the state the speaker speaks for,
    when the pronoun is inside a direct quote whose speaker the quotes step resolved:
    the ``state`` of that person in ``doc.actors`` (or the speaker itself if it is a state
    or organisation). Outside quotes, or with an unresolved speaker, ``target`` is None:
    who "we" are is then for the reader to decide. All-capital "US" is the acronym of the
    United States, not the pronoun, and is skipped.
    """
    ix = ix or text_index(doc)
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    q_starts = [q.start for q in quotes]
    out = []
    for s, e, label in find_terms(load_lexicon("in_group"), doc.text):
        if doc.text[s:e] == "US":
            continue
        target = None
        qi = bisect_right(q_starts, s) - 1
        if qi >= 0 and quotes[qi].start <= s and e <= quotes[qi].end and quotes[qi].speaker:
            spk = quotes[qi].speaker
            kind = ix.actor_kind.get(spk)
            target = ix.actor_state.get(spk) if kind in ("person", "group") else spk
        out.append(_device(doc, s, e, "in_group", "rhetoric.in_group_pronouns", label, target))
    return tuple(out)


# ---------------------------------------------------------------------------
# The step
# ---------------------------------------------------------------------------

Rule = Callable[..., tuple[Device, ...]]

#: The rules of this step, in order: ``(rule_id, function)``.
RULES: tuple[tuple[str, Rule], ...] = (
    ("rhetoric.evaluation_lexicon", evaluation_lexicon),
    ("rhetoric.conditional_clause", conditional_clause),
    ("rhetoric.commissive_lexicon", commissive_lexicon),
    ("rhetoric.list_coordinated", list_coordinated),
    ("rhetoric.list_parallel_clauses", list_parallel_clauses),
    ("rhetoric.list_anaphora", list_anaphora),
    ("rhetoric.contrast_not_but", contrast_not_but),
    ("rhetoric.contrast_markers", contrast_markers),
    ("rhetoric.modal_lexicon", modal_lexicon),
    ("rhetoric.hedge_lexicon", hedge_lexicon),
    ("rhetoric.booster_lexicon", booster_lexicon),
    ("rhetoric.intensifier_lexicon", intensifier_lexicon),
    ("rhetoric.in_group_pronouns", in_group_pronouns),
    ("rhetoric.presupposition_lexicon", presupposition_lexicon),
)

_CAT_ORDER = {c: i for i, c in enumerate(DEVICE_CATEGORIES)}


def drop_nested(devices: tuple[Device, ...]) -> tuple[Device, ...]:
    """Remove devices that lie inside a longer device of the same category (and exact
    duplicates), e.g. the "but" marker inside a "not X but Y" antithesis."""
    by_cat: dict[str, list[Device]] = {}
    for d in devices:
        by_cat.setdefault(d.category, []).append(d)
    kept: list[Device] = []
    for items in by_cat.values():
        items.sort(key=lambda d: (d.start, -d.end))
        reach = -1
        last: tuple[int, int] | None = None
        for d in items:
            if d.end <= reach and (d.start, d.end) != last:
                continue  # strictly inside an earlier, longer device
            if (d.start, d.end) == last:
                continue
            kept.append(d)
            last = (d.start, d.end)
            reach = max(reach, d.end)
    return tuple(sorted(kept, key=lambda d: (d.start, _CAT_ORDER.get(d.category, 99), d.end)))


def inside_names(doc: Document) -> Callable[[int, int], bool]:
    """A test ``f(start, end)``: does the span lie inside a negotiation format's name?

    Words inside a proper name are not rhetoric: "Dialogue" in "Strategic Stability
    Dialogue" is no call for dialogue. Uses ``doc.formats`` (empty: nothing is inside).
    """
    spans = sorted((f.start, f.end) for f in doc.formats)
    starts = [s for s, _ in spans]

    def inside(start: int, end: int) -> bool:
        i = bisect_right(starts, start) - 1
        return i >= 0 and spans[i][0] <= start and end <= spans[i][1]

    return inside


def run(doc: Document) -> dict:
    """Run every rule and return ``{"devices": (Device, ...)}`` sorted by position.

    Devices lying inside a format's name are dropped (see :func:`inside_names`), then
    devices nested in a longer one of the same category (see :func:`drop_nested`).
    """
    ix = text_index(doc)
    names = inside_names(doc)
    found: list[Device] = []
    for _rule_id, rule in RULES:
        found.extend(d for d in rule(doc, ix) if not names(d.start, d.end))
    return {"devices": drop_nested(tuple(found))}
