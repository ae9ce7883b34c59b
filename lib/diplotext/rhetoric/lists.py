"""Lists of three: coordinated items, parallel clauses, anaphora."""

from __future__ import annotations

import re
from itertools import islice

from ..model import Device
from ..spans import trim as _trim
from ..state import State
from ..wordlists import load_lexicon
from .common import _device, _part

_CLAUSE_BREAK = re.compile(r"[;:—–“”\"]")

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


#: How far back a run of capitalised words is looked for (linear on long sentences).
_BACK = 300


def _words_back(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text, lo, hi))


def _window_start(text: str, lo: int, hi: int, width: int = _BACK) -> int:
    """``hi - width`` (not before ``lo``), moved back to the start of the word it cuts."""
    start = max(lo, hi - width)
    floor = max(lo, start - 40)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    return start


def _cap_run_back(text: str, lo: int, hi: int, limit: int = 4) -> tuple[int, int] | None:
    words = _words_back(text, _window_start(text, lo, hi), hi)
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


def list_coordinated(state: State) -> tuple[Device, ...]:
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
    text = state.text
    out = []
    openers = _openers()
    for s_start, s_end in state.sentence_spans:
        for m in _LIST_HEAD.finditer(text, s_start, s_end):
            b_start, b_end = m.span("b")
            b_words = _WORD_RE.findall(text, b_start, b_end)
            if not b_words or len(b_words) > 8 or b_words[0].lower() in _NOT_ITEM_START:
                continue
            cls = _word_class(b_words[0])
            sent = (s_start, s_end)
            if cls == "cap":
                found = _name_items(text, sent, m, b_words)
            elif cls == "word":
                found = _word_items(text, sent, m, b_words)
            else:
                found = _class_items(text, sent, m, cls, openers)
            if found is None:
                continue
            a, c = found
            b = _trim(text, b_start, b_end)
            parts = tuple(_part(state, "item", *span) for span in (a, b, c))
            out.append(_device(state, a[0], c[1], "list_of_three", "", parts=parts))
    return tuple(out)


Span = tuple[int, int]


def _found(a: Span | None, c: Span | None) -> tuple[Span, Span] | None:
    return (a, c) if a and c and c[0] < c[1] else None


def _name_items(
    text: str, sent: Span, m: re.Match[str], b_words: list[str]
) -> tuple[Span, Span] | None:
    """Items A and C around a capitalised B: runs of capitalised words (names)."""
    s_start, s_end = sent
    if not all(w[:1].isupper() or w.lower() in ("of", "the") for w in b_words):
        return None
    a = _cap_run_back(text, s_start, m.start())
    c = _cap_run_fwd(text, m.end(), s_end)
    if (
        a
        and re.search(r",\s+$", text[max(s_start, a[0] - 3) : a[0]])
        and _cap_run_back(text, s_start, text.rfind(",", s_start, a[0]))
    ):
        return None  # "A, B, C, and D": a longer list
    before = text.rfind(",", s_start, a[0]) if a else -1
    if before >= 0 and _NAME_ITEM_BEFORE.fullmatch(text, before + 1, a[0]):  # type: ignore[index]
        return None  # "Department of State, Department of Defense, B, and C": longer
    if (
        any(item and text[item[0] : item[1]] in _CAP_PRONOUNS for item in (a, c))
        or b_words[0] in _CAP_PRONOUNS
    ):
        return None  # "Tonight, Jill and I": a pronoun is not a name-like item
    return _found(a, c)


def _word_items(
    text: str, sent: Span, m: re.Match[str], b_words: list[str]
) -> tuple[Span, Span] | None:
    """Items A and C around a plain lowercase B: as many words as B."""
    s_start, s_end = sent
    a_hi, c_lo = m.start(), m.end()
    if len(b_words) > 3:
        return None
    a = c = None
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
        fwd = list(islice(_WORD_RE.finditer(text, c_lo, s_end), len(b_words)))
        if len(fwd) == len(b_words):
            c = _trim(text, fwd[0].start(), fwd[-1].end())
    return _found(a, c)


def _class_items(
    text: str, sent: Span, m: re.Match[str], cls: str, openers: re.Pattern[str] | None
) -> tuple[Span, Span] | None:
    """Items A and C around a B that opens with a determiner or preposition."""
    s_start, s_end = sent
    a_hi, c_lo = m.start(), m.end()
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
        return None
    if fourth and _word_class(words[0].group()) == cls and first is words[0]:
        return None  # "the A, the B, the C, and the D"
    c_first = _WORD_RE.match(text, c_lo)
    if c_first is None or _word_class(c_first.group()) != cls:
        return None
    stop = _ITEM_END.search(text, c_first.end(), s_end)
    return _found((first.start(), a_hi), _trim(text, c_lo, stop.start() if stop else s_end))


def _first_words(text: str, start: int, end: int, n: int) -> tuple[str, ...]:
    return tuple(w.group().lower() for w in islice(_WORD_RE.finditer(text, start, end), n))


def list_parallel_clauses(state: State) -> tuple[Device, ...]:
    """Three parallel clauses separated by semicolons that open with the same word.

    "... principles ...: that the borders ... cannot be changed by force; that it is the
    inherent right ...; that all members ... make." The first clause starts after a colon
    if the sentence has one. Exactly three clauses with the same first word make a list of
    three (four or more is a longer list, not counted); the clauses are the ``parts``.
    """
    text = state.text
    out = []
    for s_start, s_end in state.sentence_spans:
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
                parts = tuple(_part(state, "item", a, b) for a, b in run)
                out.append(
                    _device(
                        state,
                        run[0][0],
                        run[-1][1],
                        "list_of_three",
                        "",
                        label="clauses",
                        parts=parts,
                    )
                )
            k = j + 1
    return tuple(out)


def list_anaphora(state: State) -> tuple[Device, ...]:
    """Three consecutive sentences that open with the same two words (anaphora).

    "We will defend ... We will support ... We will hold ..." (quotation marks before the
    first word are ignored). Exactly three: a run of four or more is not a list of three.
    The sentences are the ``parts``. Two shared words, not one, so that a run of sentences
    that merely start with "We" or "The" does not count.
    """
    text = state.text
    heads = [_first_words(text, s, e, 2) for s, e in state.sentence_spans]
    out = []
    k = 0
    while k < len(heads):
        j = k
        while j + 1 < len(heads) and len(heads[k]) == 2 and heads[j + 1] == heads[k]:
            j += 1
        if j - k + 1 == 3:
            spans = [
                _trim(text, *state.sentence_spans[i], chars=' \t\n“”"') for i in range(k, j + 1)
            ]
            parts = tuple(_part(state, "item", a, b) for a, b in spans)
            out.append(
                _device(
                    state,
                    spans[0][0],
                    spans[-1][1],
                    "list_of_three",
                    "",
                    label="anaphora",
                    parts=parts,
                )
            )
        k = j + 1
    return tuple(out)
