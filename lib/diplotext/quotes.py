"""Pipeline step: direct quotations and reported (indirect) speech.

``run(doc)`` returns ``{"quotes": (...), "reported_speech": (...)}``. It runs after
``actors``, so the mentions of people, states and organisations are known.

The step works in four passes, each made of named rules (``diplotext.explain(rule_id)``):

1. ``quotes.marks`` pairs quotation marks into quotations, paragraph by paragraph.
2. ``quotes.reporting_verbs`` finds the reporting verbs (``data/reporting_verbs.txt``)
   outside quotations.
3. Each quotation's *construction* is recognised by the frame rules, tried in the order of
   :data:`FRAME_RULES` (the first that matches wins): ``X said: “...”``, ``X said, “...”``,
   ``X added that “...”``, ``“...,” said X.``, ``“...,” X said.``, ``“...,” he said.``.
   Every reporting verb that is not the frame of a quotation is read as reported speech
   (``X made clear that ...``, ``..., said X.``).
4. Speakers are resolved from left to right, so that ``he said`` can find the last person
   who spoke and an unframed quotation can inherit the current speaker. A speaker is always
   the actor of a mention that ``actors`` found (people first); when nothing resolves, the
   speaker is ``None``: the rules never guess.

Transcripts: a paragraph starting with a speaker label in capitals (``SECRETARY BLINKEN:``)
opens that speaker's turn. A turn is not a quotation; quotations inside it are attributed
by the same rules, and unframed ones that open a sentence inherit the turn's speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache

from . import datafiles
from .model import Actor, Document, Mention, Paragraph, Quote, ReportedSpeech, Sentence

#: Kinds of actor that can be a speaker.
SPEAKER_KINDS = ("person", "state", "organisation")

#: Longest stretch of text the rules read around a verb or a quotation mark.
WINDOW = 200

#: Longest reported content (characters). A real reporting clause is far shorter; the cap
#: keeps the step linear on run-on text with no sentence ends.
MAX_CONTENT = 1000

_CLOSERS = "”\"’'»)]}"
_SENTENCE_SUBJECT = re.compile(r"[\W]*(?:[Tt]he\s+)?")
_OPENERS = "“\"‘'«([{"
_DASHES = "—–-"
_MARK_RE = re.compile("[“”\"‘’']")


# --------------------------------------------------------------------------- data files


@cache
def _sections(name: str) -> dict[str, tuple[str, ...]]:
    """A data file in ``diplotext/data/`` as ``{section: lines}`` (``""`` before any header)."""
    text = datafiles.read(name)
    out: dict[str, list[str]] = {"": []}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            out.setdefault(section, [])
            continue
        out[section].append(line)
    return {k: tuple(v) for k, v in out.items()}


@cache
def reporting_verbs() -> dict[str, bool]:
    """Reporting verbs from ``data/reporting_verbs.txt``: ``{verb: takes_object}``."""
    out: dict[str, bool] = {}
    for line in _sections("reporting_verbs.txt")[""]:
        takes_object = line.endswith("+object")
        verb = " ".join(line.removesuffix("+object").split())
        out[verb] = takes_object
    return out


@cache
def reporting_verb_pattern() -> str:
    """A regular expression (as a string) matching any reporting verb (case-sensitive)."""
    verbs = sorted(reporting_verbs(), key=len, reverse=True)
    alts = "|".join(r"\s+".join(re.escape(w) for w in v.split()) for v in verbs)
    return r"(?<![\w’'\-])(?:" + alts + r")(?![\w’'\-])"


@cache
def _verb_re() -> re.Pattern[str]:
    return re.compile(reporting_verb_pattern())


@cache
def function_words(section: str) -> frozenset[str]:
    """A section of ``data/quotes_function_words.txt``, case-folded."""
    return frozenset(w.casefold() for w in _sections("quotes_function_words.txt").get(section, ()))


def _alt(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"


@cache
def _filler() -> str:
    return r"(?:(?i:" + _alt(function_words("fillers")) + r")|[A-Za-z]+ly)"


@cache
def _gap_re() -> re.Pattern[str]:
    # Between a speaker and the verb: optional parenthesis in commas or dashes, then fillers.
    return re.compile(
        r"\s*(?:,[^,;:“”\"\n]{1,80},\s*|\s*[—–][^—–;:“”\"\n]{1,80}[—–]\s*|,\s*)?"
        r"(?:" + _filler() + r"\s+)*"
    )


@cache
def _pronoun_before_re() -> re.Pattern[str]:
    pron = (
        function_words("person_pronouns")
        | function_words("first_person")
        | function_words("other_pronouns")
    )
    return re.compile(r"(?<![\w’'\-])(?P<p>(?i:" + _alt(pron) + r"))\s+(?:" + _filler() + r"\s+)*$")


@cache
def _coordinated_verb_re() -> re.Pattern[str]:
    # "and" + another reporting clause (up to five words, then a reporting verb):
    # where a reported clause ends ("..., and the Secretary emphasized that ...").
    return re.compile(
        r"(?:,\s*|\s+)(?i:"
        + _alt(function_words("conjunctions"))
        + r")\s+(?=(?:[^\s,.;:!?“”\"]+\s+){0,5}?"
        + reporting_verb_pattern()
        + r")"
    )


@cache
def _coordinated_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:(?<![\w’'\-])(?i:"
        + _alt(function_words("conjunctions"))
        + r")\s+(?:"
        + _filler()
        + r"\s+)*|^[\s,;]*,\s*)$"
    )


# --------------------------------------------------------------------------- small types


@dataclass(frozen=True)
class Marks:
    """A quotation found by pairing marks. ``start``/``end`` span the text inside the marks;
    ``close`` is the index of the closing mark (None when unclosed)."""

    open: int
    start: int
    end: int
    close: int | None
    paragraph: int
    continued: bool = False
    nested: bool = False


@dataclass(frozen=True)
class VerbHit:
    """A reporting verb in the text (``verb`` is lower case, single-spaced)."""

    start: int
    end: int
    verb: str


@dataclass(frozen=True)
class Subject:
    """Who a reporting clause names: ``how`` is ``"mention"`` (``actor`` set), ``"pronoun"``
    (``word`` set), ``"coordinated"`` (shares the previous speaker of the sentence),
    ``"label"`` (a transcript turn), ``"np"`` (a noun phrase naming no known actor) or
    ``"none"``."""

    how: str
    actor: str | None = None
    word: str | None = None


@dataclass(frozen=True)
class Attribution:
    """What a frame rule found for a quotation."""

    rule: str
    frame: str
    verb: VerbHit | None
    subject: Subject
    source: int | None = None  # index of a reported speech or quotation it depends on


@dataclass(frozen=True)
class Reported:
    """A reported-speech candidate before its speaker is resolved."""

    verb: VerbHit
    start: int
    end: int
    subject: Subject
    rule: str
    sentence: int
    stopped_at_quote: bool


@dataclass(frozen=True)
class Turn:
    """A transcript turn: a speaker label at the start of a paragraph."""

    paragraph: int
    start: int
    end: int  # end of the label including the colon
    label: str


@dataclass(frozen=True)
class Context:
    """Everything the rules read, built once per document (nothing global is mutated)."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    sent_starts: tuple[int, ...]
    mentions: tuple[Mention, ...]
    mention_starts: tuple[int, ...]
    kinds: dict[str, str]
    names: dict[str, str]
    marks: tuple[Marks, ...]
    mark_opens: tuple[int, ...]
    verbs: tuple[VerbHit, ...]
    verb_starts: tuple[int, ...]
    turns: tuple[Turn, ...]
    turn_paras: tuple[int, ...]
    turn_speakers: tuple[str | None, ...] = field(default=())

    # -- lookups -------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> Sentence | None:
        """The sentence containing ``pos`` (or the last one starting before it)."""
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sentences[i] if i >= 0 else None

    def clause_floor(self, sent: Sentence | None) -> int:
        """Where the writer's words of a sentence start (after a speaker label)."""
        if sent is None:
            return 0
        start = sent.start
        for t in self.turns_in_paragraph(sent.paragraph):
            if t.start == start:
                start = t.end
        return start

    def turns_in_paragraph(self, p: int) -> tuple[Turn, ...]:
        i = bisect_left(self.turn_paras, p)
        return self.turns[i : i + 1] if i < len(self.turns) and self.turn_paras[i] == p else ()

    def turn_of(self, paragraph: int) -> int:
        """Index of the transcript turn a paragraph belongs to (-1: before any label)."""
        return bisect_right(self.turn_paras, paragraph) - 1

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Speaker mentions lying inside ``[lo, hi)``."""
        i = bisect_left(self.mention_starts, lo)
        out = []
        while i < len(self.mentions) and self.mention_starts[i] < hi:
            m = self.mentions[i]
            if m.end <= hi:
                out.append(m)
            i += 1
        return out

    def verbs_in(self, lo: int, hi: int) -> list[VerbHit]:
        """Reporting verbs starting inside ``[lo, hi)``."""
        i = bisect_left(self.verb_starts, lo)
        j = bisect_left(self.verb_starts, hi)
        return list(self.verbs[i:j])

    def first_quote_in(self, lo: int, hi: int) -> Marks | None:
        """The first top-level quotation whose opening mark lies in ``[lo, hi)``."""
        i = bisect_left(self.mark_opens, lo)
        return self.marks[i] if i < len(self.marks) and self.marks[i].open < hi else None

    def last_quote_in(self, lo: int, hi: int) -> Marks | None:
        """The last top-level quotation whose opening mark lies in ``[lo, hi)``."""
        i = bisect_left(self.mark_opens, hi) - 1
        return self.marks[i] if i >= 0 and self.marks[i].open >= lo else None

    def last_verb_in(self, lo: int, hi: int) -> VerbHit | None:
        """The last reporting verb starting inside ``[lo, hi)``."""
        i = bisect_left(self.verb_starts, hi) - 1
        return self.verbs[i] if i >= 0 and self.verbs[i].start >= lo else None

    def sentence_text_end(self, sent: Sentence) -> int:
        """End of a sentence without its final punctuation and closing marks."""
        e = sent.end
        while e > sent.start and (
            self.text[e - 1] in ".?!…" + _CLOSERS or self.text[e - 1].isspace()
        ):
            e -= 1
        return e


# --------------------------------------------------------------------------- pass 1: marks


def _opens(before: str, after: str) -> bool:
    return (
        (before.isspace() or before in _OPENERS + _DASHES + ":;,/" or before == "")
        and bool(after)
        and not after.isspace()
    )


def _closes(before: str, after: str) -> bool:
    return bool(before) and not before.isspace() and not (after and after.isalnum())


def quotation_marks(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Marks, ...]:
    """quotes.marks: pair quotation marks into quotations, one paragraph at a time.

    - Double marks: curly ``“ ”`` and straight ``"``, in any mix (``“...\"`` closes). A
      straight ``"`` opens when no quotation is open and a non-space follows, else it closes.
    - Single curly marks ``‘ ’`` make a quotation of their own when no double quotation is
      open (British style). Inside a double quotation, ``‘ ’`` (or straight ``' '``) make a
      *nested* quotation. ``’`` between letters (``Russia’s``, ``don’t``) is an apostrophe.
    - A closing mark with no open quotation is ignored (a stray mark must not swallow text).
    - **Unclosed quotations end at the end of their paragraph.** If the next paragraph opens
      with a quotation mark, that is the newspaper convention for a quotation running over
      several paragraphs (the opening mark is repeated, no closing mark until the end): the
      next piece is marked ``continued`` (rule ``quotes.continued_paragraph``).
    - Empty quotations (``“”``) are dropped.
    """
    out: list[Marks] = []
    carry = False  # the previous paragraph ended inside an unclosed quotation
    for p in paragraphs:
        open_at: int | None = None
        level = ""  # "double" or "single" while a quotation is open
        nested_at: int | None = None
        first = True
        continued = False
        for m in _MARK_RE.finditer(text, p.start, p.end):
            k = m.start()
            ch = text[k]
            before = text[k - 1] if k > p.start else ""
            after = text[k + 1] if k + 1 < p.end else ""
            at_para_start = k == p.start
            if open_at is None:
                if ch == "“" or (ch == '"' and _opens(before, after)):
                    open_at, level = k, "double"
                elif ch == "‘" and _opens(before, after):
                    open_at, level = k, "single"
                if open_at is not None and first:
                    continued = carry and at_para_start
                    first = False
                continue
            if level == "double":
                if ch in '”"':
                    if text[open_at + 1 : k].strip():
                        out.append(Marks(open_at, open_at + 1, k, k, p.index, continued=continued))
                    open_at, nested_at, continued = None, None, False
                elif ch in "‘'" and nested_at is None and _opens(before, after):
                    nested_at = k
                elif ch in "’'" and nested_at is not None and _closes(before, after):
                    if text[nested_at + 1 : k].strip():
                        out.append(Marks(nested_at, nested_at + 1, k, k, p.index, nested=True))
                    nested_at = None
            else:  # single
                if (
                    ch in "’"
                    and _closes(before, after)
                    and not (before.isalpha() and after.isalpha())
                ):
                    if text[open_at + 1 : k].strip():
                        out.append(Marks(open_at, open_at + 1, k, k, p.index, continued=continued))
                    open_at, continued = None, False
        carry = False
        if open_at is not None:
            end = p.end
            if text[open_at + 1 : end].strip():
                out.append(Marks(open_at, open_at + 1, end, None, p.index, continued=continued))
            carry = True
    out.sort(key=lambda q: q.start)
    return tuple(out)


# --------------------------------------------------------------------------- pass 2: verbs


def find_reporting_verbs(text: str, marks: tuple[Marks, ...]) -> tuple[VerbHit, ...]:
    """quotes.reporting_verbs: the reporting verbs of ``data/reporting_verbs.txt`` in the text.

    Whole words only, in lower case as written in running text; ``so-called`` and other
    hyphenated forms do not match.
    Verbs inside a quotation are left out: what a speaker says inside quotation marks is
    the quotation, not the writer's report of it.
    """
    spans = sorted((q.start, q.end) for q in marks if not q.nested)
    starts = [s for s, _ in spans]
    out = []
    for m in _verb_re().finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and spans[i][0] <= m.start() < spans[i][1]:
            continue
        out.append(VerbHit(m.start(), m.end(), " ".join(m.group(0).split())))
    return tuple(out)


# --------------------------------------------------------------------------- speakers


def speaker_before(ctx: Context, verb: VerbHit, clause_start: int) -> Subject:
    """quotes.speaker_before: the speaker named just before a reporting verb.

    Read from the start of the clause (the sentence, or the text after a quotation earlier
    in the sentence) up to the verb, in this order:

    1. a mention of a person, state or organisation that stands right before the verb,
       allowing fillers between (``Jones also said``, ``Russia has repeatedly denied``,
       any ``-ly`` word), one parenthesis in commas or dashes
       (``Jones, speaking in Brussels, said``) or the comma closing an apposition
       (``Russia’s envoy, Vasily Nebenzia, said``). If several qualify, a person wins.
    2. a pronoun right before the verb (``he said``): resolved later (``he``/``she`` = the
       last person who spoke; ``I`` in a transcript = the turn's speaker; ``we``/``they``
       not resolved).
    3. ``and``/``but`` right before the verb (``..., and emphasized that``) or a comma before
       an ``-ing`` form (``, adding that``): the verb shares the previous speaker of the
       sentence; if no earlier verb of the sentence has one, the mention that opens the
       sentence (``Jones met the Minister and stressed that ...``).
    4. any other word: a noun phrase that names no known actor (``A spokesperson said``):
       no speaker.
    """
    text = ctx.text
    lo = max(clause_start, verb.start - WINDOW)
    gap_re = _gap_re()
    cands = [
        m for m in ctx.mentions_in(lo, verb.start) if gap_re.fullmatch(text, m.end, verb.start)
    ]
    if cands:
        persons = [m for m in cands if ctx.kinds.get(m.actor) == "person"]
        best = (persons or cands)[-1]
        return Subject("mention", actor=best.actor)
    window = text[lo : verb.start]
    pm = _pronoun_before_re().search(window)
    if pm:
        return Subject("pronoun", word=pm.group("p").casefold())
    if _coordinated_re().search(window) or (
        clause_start >= verb.start - WINDOW and not window.strip(" \t,;")
    ):
        # Fallback when no earlier verb of the sentence has a speaker: a mention that opens
        # the sentence is its subject ("Jones met the Minister and stressed that ...").
        sent = ctx.sentence_of(verb.start)
        floor = ctx.clause_floor(sent)
        first = [
            m
            for m in ctx.mentions_in(floor, min(verb.start, floor + WINDOW))
            if _SENTENCE_SUBJECT.fullmatch(text, floor, m.start)
        ]
        return Subject("coordinated", actor=first[0].actor if first else None)
    wm = re.search(r"([\w’'\-]+)\W*$", window)
    if wm:
        return Subject("np", word=wm.group(1))
    return Subject("none")


def speaker_after(ctx: Context, lo: int, hi: int) -> Subject:
    """quotes.speaker_after: the speaker named after a reporting verb (``said Secretary Jones``).

    Read in the words after the verb up to the next comma or the end of the clause: a
    mention of a person, state or organisation (a person wins), else a pronoun (``said he``),
    else a noun phrase naming no known actor (``said a spokesperson``).
    """
    text = ctx.text
    cands = ctx.mentions_in(lo, hi)
    if cands:
        persons = [m for m in cands if ctx.kinds.get(m.actor) == "person"]
        return Subject("mention", actor=(persons or cands)[0].actor)
    words = text[lo:hi].split()
    if words:
        w = words[0].strip(",.;:!?").casefold()
        pron = (
            function_words("person_pronouns")
            | function_words("first_person")
            | function_words("other_pronouns")
        )
        if w in pron:
            return Subject("pronoun", word=w)
        return Subject("np", word=words[0])
    return Subject("none")


def _clause_start(ctx: Context, pos: int, sent: Sentence | None) -> int:
    """Start of the clause holding ``pos``: sentence start, or after an earlier quotation."""
    start = ctx.clause_floor(sent)
    i = bisect_left(ctx.mark_opens, pos) - 1
    # quotations do not overlap: at most the one holding pos stands between
    for q in ctx.marks[max(i - 1, 0) : i + 1][::-1]:
        if q.open >= start and q.close is not None and q.close < pos:
            return q.close + 1
    return start


def _words_then(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){0,4}" + pattern)


_TAIL_COLON = _words_then(r"\s*:\s*")
_TAIL_COMMA = _words_then(r"\s*,\s*")
_TAIL_THAT = re.compile(r"(?:(?:\s+[^\s,.;:!?“”\"]+){0,4}\s+that\s*,?)?\s*")


# --------------------------------------------------------------------------- pass 3: frames


def _before_verb(ctx: Context, q: Marks) -> tuple[VerbHit, Sentence | None] | None:
    sent = ctx.sentence_of(q.open)
    lo = max(_clause_start(ctx, q.open, sent), q.open - WINDOW)
    verb = ctx.last_verb_in(lo, q.open)
    return (verb, sent) if verb else None


def said_colon(ctx: Context, q: Marks) -> Attribution | None:
    """quotes.said_colon: ``Secretary Jones said: “...”``.

    A reporting verb, up to four more words (``told reporters``, ``said on Friday``), a
    colon, then the opening mark. The speaker is read before the verb
    (rule quotes.speaker_before).
    """
    found = _before_verb(ctx, q)
    if not found:
        return None
    verb, sent = found
    if not _TAIL_COLON.fullmatch(ctx.text, verb.end, q.open):
        return None
    subj = speaker_before(ctx, verb, _clause_start(ctx, verb.start, sent))
    return Attribution("quotes.said_colon", "before", verb, subj)


def said_comma(ctx: Context, q: Marks) -> Attribution | None:
    """quotes.said_comma: ``Foreign Secretary Anna Jones said, “...”``.

    A reporting verb, up to four more words, a comma, then the opening mark. The speaker
    is read before the verb (rule quotes.speaker_before).
    """
    found = _before_verb(ctx, q)
    if not found:
        return None
    verb, sent = found
    if not _TAIL_COMMA.fullmatch(ctx.text, verb.end, q.open):
        return None
    subj = speaker_before(ctx, verb, _clause_start(ctx, verb.start, sent))
    return Attribution("quotes.said_comma", "before", verb, subj)


def said_that(ctx: Context, q: Marks) -> Attribution | None:
    """quotes.said_that: ``Mr. Price added that “...”`` (or ``said “...”`` with no comma).

    A reporting verb, optionally up to four words and ``that``, then the opening mark: the
    quotation is the content of the verb. The speaker is read before the verb.
    """
    found = _before_verb(ctx, q)
    if not found:
        return None
    verb, sent = found
    if not _TAIL_THAT.fullmatch(ctx.text, verb.end, q.open):
        return None
    subj = speaker_before(ctx, verb, _clause_start(ctx, verb.start, sent))
    return Attribution("quotes.said_that", "before", verb, subj)


def _after_parts(ctx: Context, q: Marks) -> tuple[int, int, Sentence] | None:
    if q.close is None:
        return None
    sent = ctx.sentence_of(q.close)
    if sent is None or q.close + 1 >= sent.end:
        return None
    return q.close + 1, min(sent.end, q.close + 1 + WINDOW), sent


_CLAUSE_END = re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){0,4}\s*(?:[,.;:!?—–]|$)")


def said_after(ctx: Context, q: Marks) -> Attribution | None:
    """quotes.said_after: ``“...,” said Secretary Jones.`` (verb before the speaker).

    Right after the closing mark (a comma or dash may stand between) comes a reporting
    verb; the speaker is read after it up to the next comma or the end of the sentence
    (rule quotes.speaker_after).
    """
    parts = _after_parts(ctx, q)
    if not parts:
        return None
    lo, hi, _sent = parts
    verbs = ctx.verbs_in(lo, hi)
    if not verbs or not re.fullmatch(r"[\s,—–-]*", ctx.text[lo : verbs[0].start]):
        return None
    verb = verbs[0]
    m = re.compile(r"[^,;:!?“”\"]*").match(ctx.text, verb.end, hi)
    subj = speaker_after(ctx, verb.end, m.end())
    if subj.how == "none":
        return None
    return Attribution("quotes.said_after", "after", verb, subj)


def _subject_then_verb(ctx: Context, q: Marks) -> tuple[VerbHit, Subject] | None:
    parts = _after_parts(ctx, q)
    if not parts:
        return None
    lo, hi, _sent = parts
    verbs = ctx.verbs_in(lo, hi)
    if not verbs:
        return None
    verb = verbs[0]
    between = ctx.text[lo : verb.start]
    if any(w.casefold().strip(",") in function_words("auxiliaries") for w in between.split()):
        return None  # "“...” was not announced": no speaker stands there
    plain = re.fullmatch(r"[\s,—–-]*(?:[^\s,.;:!?“”\"]+\s+){1,8}", between)
    # a named speaker may hold points ("U.S. Ambassador ...") when actors found a mention
    named = ctx.mentions_in(lo, verb.start) and re.fullmatch(r"[^;:!?“”\"]{1,120}", between)
    if not plain and not named:
        return None
    if not _CLAUSE_END.match(ctx.text, verb.end, hi):
        return None
    subj = speaker_before(ctx, verb, lo)
    return verb, subj


def speaker_said_after(ctx: Context, q: Marks) -> Attribution | None:
    """quotes.speaker_said_after: ``“...,” Secretary Jones said.`` (speaker before the verb).

    After the closing mark come up to eight words naming the speaker and a reporting verb
    that ends the clause (up to four more words, then punctuation: ``said in a statement.``).
    The speaker is read before the verb (rule quotes.speaker_before).
    """
    found = _subject_then_verb(ctx, q)
    if not found or found[1].how == "pronoun":
        return None
    verb, subj = found
    return Attribution("quotes.speaker_said_after", "after", verb, subj)


def pronoun_said_after(ctx: Context, q: Marks) -> Attribution | None:
    """quotes.pronoun_said_after: ``“...,” he said.`` / ``“...,” she added.``

    As quotes.speaker_said_after, with a pronoun for the speaker: ``he``/``she`` resolve to
    the last person who spoke before the quotation (in a transcript, ``I`` is the speaker of
    the turn); other pronouns (``we``, ``they``) are not resolved.
    """
    found = _subject_then_verb(ctx, q)
    if not found or found[1].how != "pronoun":
        return None
    verb, subj = found
    return Attribution("quotes.pronoun_said_after", "after", verb, subj)


#: Frame rules for a quotation, tried in order; the first that matches wins.
FRAME_RULES: tuple[tuple[str, Callable[[Context, Marks], Attribution | None]], ...] = (
    ("quotes.said_colon", said_colon),
    ("quotes.said_comma", said_comma),
    ("quotes.said_that", said_that),
    ("quotes.said_after", said_after),
    ("quotes.speaker_said_after", speaker_said_after),
    ("quotes.pronoun_said_after", pronoun_said_after),
)


# --------------------------------------------------------------------------- reported speech

_THAT_RE = re.compile(r"\s+that\b\s*,?")
_LISTENER_THAT = re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){1,2}?\s+that\b\s*,?")


def _content_after(ctx: Context, verb: VerbHit, sent: Sentence) -> tuple[int, int, bool] | None:
    text = ctx.text
    pos = verb.end
    m = _THAT_RE.match(text, pos)
    if m:
        pos = m.end()
    elif reporting_verbs().get(verb.verb):
        j = pos
        while j < len(text) and text[j].isspace():
            j += 1
        listener = [m.end for m in ctx.mentions_in(j, j + WINDOW) if m.start == j]
        if listener:
            pos = max(listener)
            m = _THAT_RE.match(text, pos)
            if m:
                pos = m.end()
        else:
            m = _LISTENER_THAT.match(text, pos, pos + 80)
            if m:
                pos = m.end()
    end = ctx.sentence_text_end(sent)
    stopped = False
    q = ctx.first_quote_in(pos, end)
    if q is not None:
        end, stopped = q.open, True
    cm = _coordinated_verb_re().search(text, pos, min(end, pos + 5 * WINDOW))
    if cm:
        end, stopped = cm.start(), False
    if end - pos > MAX_CONTENT:  # keep the step linear on run-on text: cut at a word break
        cut = text.rfind(" ", pos, pos + MAX_CONTENT)
        end, stopped = (cut if cut > pos else pos + MAX_CONTENT), False
    while pos < end and (text[pos].isspace() or text[pos] in ",:;"):
        pos += 1
    while end > pos and (text[end - 1].isspace() or text[end - 1] in ",:;—–-"):
        end -= 1
    if end <= pos:
        return None
    return pos, end, stopped


def reported_inverted(ctx: Context, verb: VerbHit, sent: Sentence) -> Reported | None:
    """quotes.reported_inverted: ``... the talks were useful, said Secretary Jones.``

    The reporting verb comes after a comma at the end of the reported content and before the
    speaker, and the clause ends after the speaker. The content is the clause before the
    comma (from the sentence start, or after an earlier quotation or reporting clause).
    """
    text = ctx.text
    if not re.search(r"[,—–]\s*$", text[max(sent.start, verb.start - 5) : verb.start]):
        return None
    if _THAT_RE.match(text, verb.end):
        return None  # "X, in a note, said that ...": the content follows the verb
    m = re.compile(r"[^,;:!?“”\"]*").match(text, verb.end, min(sent.end, verb.end + WINDOW))
    stop = m.end()
    tail = text[stop : stop + 1]
    if tail not in (",", ";", ":", "!", "?", "") and stop < sent.end:
        return None
    # the speaker words must end the sentence or be followed by a comma
    rest = ctx.sentence_text_end(sent)
    seg_end = min(stop, rest)
    subj = speaker_after(ctx, verb.end, seg_end)
    if subj.how == "none" or (subj.how == "np" and len(text[verb.end : seg_end].split()) > 5):
        return None
    start = _clause_start(ctx, verb.start, sent)
    prev_verb = ctx.last_verb_in(start, verb.start)
    if prev_verb is not None:
        start = prev_verb.end
    end = verb.start
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;—–-"):
        end -= 1
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return Reported(verb, start, end, subj, "quotes.reported_inverted", sent.index, False)


def reported(ctx: Context, verb: VerbHit, sent: Sentence) -> Reported | None:
    """quotes.reported: ``Secretary Jones underscored it is ...``, ``X made clear that ...``.

    A speaker (rule quotes.speaker_before), a reporting verb, an optional ``that`` (verbs
    marked ``+object`` in the data file may have a listener first: ``told reporters that``),
    then the reported content, up to the end of the clause: the end of the sentence, a
    quotation (the quotation is not reported speech), or ``and`` + another reporting clause
    (``, and emphasized``, ``, and the Secretary emphasized``: up to five words, then a verb).
    A verb after a passive or a determiner (``was said``, ``the agreed text``) is not
    reporting; a verb with no resolvable speaker is kept only if ``that`` follows.
    When the speaker is shared with an earlier verb (``..., and emphasized that``) the rule
    id is quotes.reported_coordinated.
    """
    text = ctx.text
    prev = re.search(r"([\w’'\-]+)\W*$", text[max(sent.start, verb.start - 40) : verb.start])
    if prev and prev.group(1).casefold() in function_words("not_subject"):
        return None
    clause = _clause_start(ctx, verb.start, sent)
    prev_verb = ctx.last_verb_in(clause, verb.start)
    if prev_verb is not None:
        clause = prev_verb.end
    subj = speaker_before(ctx, verb, clause)
    content = _content_after(ctx, verb, sent)
    if content is None:
        return None
    start, end, stopped = content
    has_that = bool(_THAT_RE.match(text, verb.end))
    named_np = subj.how == "np" and bool(subj.word) and subj.word[:1].isupper()
    if subj.how in ("none", "np") and not has_that and not named_np:
        return None
    rule = "quotes.reported_coordinated" if subj.how == "coordinated" else "quotes.reported"
    return Reported(verb, start, end, subj, rule, sent.index, stopped)


def reported_coordinated(ctx: Context, verb: VerbHit, sent: Sentence) -> Reported | None:
    """quotes.reported_coordinated: ``X said, “...,” and emphasized that ...``.

    A reporting verb right after ``and`` (or an ``-ing`` form after a comma: ``, adding
    that``) has no speaker of its own: it shares the speaker of the previous reporting verb
    or quotation in the same sentence. Found by quotes.reported (which names this rule).
    """
    r = reported(ctx, verb, sent)
    return r if r and r.rule == "quotes.reported_coordinated" else None


#: Reported-speech rules, tried in order for each reporting verb that frames no quotation.
REPORTED_RULES: tuple[tuple[str, Callable[[Context, VerbHit, Sentence], Reported | None]], ...] = (
    ("quotes.reported_inverted", reported_inverted),
    ("quotes.reported", reported),
)


# --------------------------------------------------------------------------- kinds


def quote_kind(ctx: Context, q: Marks, framed: bool) -> str:
    """quotes.kind: ``full`` (a whole sentence or more) or ``fragment``.

    A quotation is ``full`` when its first letter is a capital and either it carries its own
    final punctuation (``.`` ``?`` ``!`` ``…`` inside the marks) or it is framed by a
    reporting verb and ends with a comma or colon standing for that punctuation
    (``“Diplomacy is the only responsible way to resolve this crisis,” ...``) or ends the
    writer's sentence. Anything else is a ``fragment`` woven into the writer's sentence
    (``“if the other side is prepared ...”``, a scare-quoted phrase).
    """
    content = ctx.text[q.start : q.end]
    first = next((ch for ch in content if ch.isalpha()), "")
    if not first.isupper():
        return "fragment"
    body = content.rstrip(" " + _CLOSERS)
    if body.endswith((".", "?", "!", "…")):
        return "full"
    if framed:
        if body.endswith((",", ":", ";", "—", "–")):
            return "full"
        if q.close is None or re.match(r"\s*[.?!]", ctx.text[q.close + 1 : q.close + 4]):
            return "full"
    return "fragment"


def _word_count(s: str) -> int:
    return sum(1 for w in s.split() if any(ch.isalnum() for ch in w))


def _sentence_initial(ctx: Context, q: Marks) -> bool:
    sent = ctx.sentence_of(q.open)
    if sent is None:
        return False
    floor = ctx.clause_floor(sent)
    return not ctx.text[floor : q.open].strip(" \t" + _OPENERS + _DASHES)


# --------------------------------------------------------------------------- unframed rules
# These rules are applied during the left-to-right pass (see run); their docstrings are
# what explain() shows for a quotation they attributed.


def within_reported_speech(ctx: Context, q: Marks) -> None:
    """quotes.within_reported_speech: a quotation inside a reported clause.

    ``The Minister ... emphasized that her government ... would try to address them, “if the
    other side is prepared to reciprocate ...”``: the quotation continues the content of a
    reported-speech clause earlier in the same sentence (the reported content stops at the
    quotation). It takes that clause's speaker and verb; frame ``before``.
    """


def previous_paragraph(ctx: Context, q: Marks) -> None:
    """quotes.previous_paragraph: ``X said:`` ends a paragraph and the quotation opens the next.

    The quotation must open its paragraph and the previous paragraph must end with a
    reporting verb, up to four words and a colon. Speaker read before that verb; frame
    ``before``.
    """


def continued_paragraph(ctx: Context, q: Marks) -> None:
    """quotes.continued_paragraph: a quotation running over several paragraphs.

    The previous paragraph ended inside an unclosed quotation and this paragraph opens with
    a quotation mark (the newspaper convention). The piece keeps the speaker of the piece
    before; reporting verb None, frame ``none``.
    """


def inherited(ctx: Context, q: Marks) -> None:
    """quotes.inherited: an unframed quotation that opens a sentence keeps the current speaker.

    The current speaker is the speaker of the last attributed quotation or reported speech,
    if it stands in the same or the previous paragraph (and the same transcript turn).
    Example: ``..., said Secretary Jones. “Their actions have threatened ...”``.
    Reporting verb None, frame ``none``. Quotations in the middle of a sentence never
    inherit: they are scare quotes or unattributed.
    """


def speaker_label(ctx: Context, q: Marks) -> None:
    """quotes.speaker_label: in a transcript turn, an unframed quotation that opens a sentence
    belongs to the turn's speaker (``SECRETARY BLINKEN:  ... “...”``).

    The turn's speaker is a person, state or organisation mentioned in the label, or the one
    person among the document's actors whose surname is a word of the label
    (``SHERMAN`` -> Wendy R. Sherman). ``QUESTION:``, ``MODERATOR:`` name nobody: None.
    Frame ``none``, reporting verb None.
    """


def scare_quote(ctx: Context, q: Marks) -> None:
    """quotes.scare_quote: one to four words in quotation marks with no frame.

    ``Russia calls it a “special military operation”``: a phrase held at a distance, or
    quoted from someone the text does not name. Kind ``fragment``, speaker None.
    """


def unattributed(ctx: Context, q: Marks) -> None:
    """quotes.unattributed: a quotation no rule attributes. Speaker None (never guessed)."""


def nested(ctx: Context, q: Marks) -> None:
    """quotes.nested: a quotation inside a quotation (``“He told me ‘no’ twice,” she said.``).

    It is the quoted speaker's quotation of someone else; the rules do not attribute it:
    speaker None, frame ``none``.
    """


def speaker_labels(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Turn, ...]:
    """quotes.turns: transcript speaker labels (``SECRETARY BLINKEN:``, ``QUESTION:``).

    A label opens a paragraph: one to five words in capital letters (points, hyphens and
    apostrophes allowed) followed by a colon. The turn it opens runs until the next label.
    """
    out = []
    for p in paragraphs:
        m = _LABEL_RE.match(text, p.start, p.end)
        if not m:
            continue
        label = m.group("label")
        if sum(ch.isalpha() for ch in label) < 2 or label.upper() != label:
            continue
        end = m.end()
        while end < p.end and text[end].isspace():
            end += 1
        out.append(Turn(p.index, p.start, end, label))
    return tuple(out)


_LABEL_RE = re.compile(
    r"(?P<label>[^\W\d_][^\W\d_.’'\-]*\.?(?:[ \t]+[^\W\d_][^\W\d_.’'\-]*\.?){0,4})[ \t]*:(?=\s|$)"
)


def _turn_speaker(ctx: Context, turn: Turn, actors: tuple[Actor, ...]) -> str | None:
    cands = ctx.mentions_in(turn.start, turn.end)
    if cands:
        persons = [m for m in cands if ctx.kinds.get(m.actor) == "person"]
        return (persons or cands)[0].actor
    words = {w.strip(".’'").casefold() for w in turn.label.split()}
    hits = [a.id for a in actors if a.kind == "person" and a.name.split()[-1].casefold() in words]
    return hits[0] if len(set(hits)) == 1 else None


#: Every rule of this step (for diplotext.explain), in the order the step uses them.
RULES: tuple[tuple[str, Callable], ...] = (
    ("quotes.marks", quotation_marks),
    ("quotes.turns", speaker_labels),
    ("quotes.reporting_verbs", find_reporting_verbs),
    ("quotes.speaker_before", speaker_before),
    ("quotes.speaker_after", speaker_after),
    *FRAME_RULES,
    ("quotes.reported_inverted", reported_inverted),
    ("quotes.reported", reported),
    ("quotes.reported_coordinated", reported_coordinated),
    ("quotes.within_reported_speech", within_reported_speech),
    ("quotes.previous_paragraph", previous_paragraph),
    ("quotes.continued_paragraph", continued_paragraph),
    ("quotes.inherited", inherited),
    ("quotes.speaker_label", speaker_label),
    ("quotes.scare_quote", scare_quote),
    ("quotes.unattributed", unattributed),
    ("quotes.nested", nested),
    ("quotes.kind", quote_kind),
)


# --------------------------------------------------------------------------- driver


def _build_context(doc: Document) -> tuple[Context, tuple[Marks, ...]]:
    text = doc.text
    kinds = {a.id: a.kind for a in doc.actors}
    names = {a.id: a.name for a in doc.actors}
    mentions = tuple(
        sorted(
            (
                m
                for m in doc.mentions
                if m.form != "adjective" and kinds.get(m.actor) in SPEAKER_KINDS
            ),
            key=lambda m: (m.start, m.end),
        )
    )
    all_marks = quotation_marks(text, doc.paragraphs)
    top = tuple(q for q in all_marks if not q.nested)
    verbs = find_reporting_verbs(text, all_marks)
    turns = speaker_labels(text, doc.paragraphs)
    ctx = Context(
        text=text,
        paragraphs=doc.paragraphs,
        sentences=doc.sentences,
        sent_starts=tuple(s.start for s in doc.sentences),
        mentions=mentions,
        mention_starts=tuple(m.start for m in mentions),
        kinds=kinds,
        names=names,
        marks=top,
        mark_opens=tuple(q.open for q in top),
        verbs=verbs,
        verb_starts=tuple(v.start for v in verbs),
        turns=turns,
        turn_paras=tuple(t.paragraph for t in turns),
    )
    speakers = tuple(_turn_speaker(ctx, t, doc.actors) for t in turns)
    return replace(ctx, turn_speakers=speakers), all_marks


def _previous_paragraph_frame(ctx: Context, q: Marks) -> Attribution | None:
    if q.paragraph == 0 or q.open != ctx.paragraphs[q.paragraph].start:
        return None
    prev = ctx.paragraphs[q.paragraph - 1]
    if not ctx.text[prev.start : prev.end].endswith(":"):
        return None
    if (
        ctx.turns_in_paragraph(q.paragraph - 1)
        and ctx.turns_in_paragraph(q.paragraph - 1)[0].end >= prev.end
    ):
        return None  # a bare speaker label is not a frame
    verbs = ctx.verbs_in(max(prev.start, prev.end - WINDOW), prev.end)
    if not verbs or not _TAIL_COLON.fullmatch(ctx.text, verbs[-1].end, prev.end):
        return None
    verb = verbs[-1]
    sent = ctx.sentence_of(verb.start)
    subj = speaker_before(ctx, verb, _clause_start(ctx, verb.start, sent))
    return Attribution("quotes.previous_paragraph", "before", verb, subj)


def run(doc: Document) -> dict:
    """Return ``{"quotes": ..., "reported_speech": ...}`` for a segmented document."""
    ctx, all_marks = _build_context(doc)
    text = ctx.text

    # Pass 3a: frames of quotations (syntax only).
    frames: dict[int, Attribution] = {}
    used_verbs: set[int] = set()
    for qi, q in enumerate(ctx.marks):
        for _rid, rule in FRAME_RULES:
            att = rule(ctx, q)
            if att is not None:
                frames[qi] = att
                if att.verb is not None:
                    used_verbs.add(att.verb.start)
                break
        else:
            att = _previous_paragraph_frame(ctx, q)
            if att is not None:
                frames[qi] = att

    # Pass 3b: reported speech from the other verbs.
    reports: list[Reported] = []
    for v in ctx.verbs:
        if v.start in used_verbs:
            continue
        sent = ctx.sentence_of(v.start)
        if sent is None or v.start >= sent.end:
            continue
        for _rid, rule in REPORTED_RULES:
            r = rule(ctx, v, sent)
            if r is not None:
                reports.append(r)
                break

    # Quotations inside a reported clause.
    report_starts = [r.verb.start for r in reports]
    for qi, q in enumerate(ctx.marks):
        if qi in frames or q.continued:
            continue
        sent = ctx.sentence_of(q.open)
        if sent is None:
            continue
        ri = bisect_left(report_starts, q.open) - 1
        if ri < 0:
            continue
        r = reports[ri]
        if r.sentence != sent.index or not r.stopped_at_quote or q.open - r.verb.end > 5 * WINDOW:
            continue
        if not [v for v in ctx.verbs_in(r.verb.end, q.open) if v.start not in used_verbs]:
            frames[qi] = Attribution(
                "quotes.within_reported_speech", "before", r.verb, r.subject, source=ri
            )

    # Pass 4: resolve speakers left to right.
    events: list[tuple[int, int, int]] = []  # (anchor, order, index) ; order 0 = report, 1 = quote
    for ri, r in enumerate(reports):
        events.append((r.verb.start, 0, ri))
    for qi, q in enumerate(ctx.marks):
        events.append((q.open, 1, qi))
    events.sort()

    report_speaker: dict[int, str | None] = {}
    quote_out: dict[int, Quote] = {}
    last: tuple[str, int, int] | None = None  # (actor, paragraph, turn)
    last_person: str | None = None
    sentence_speaker: dict[int, str] = {}

    def resolve(subj: Subject, sent_index: int, paragraph: int) -> str | None:
        if subj.how == "mention":
            return subj.actor
        if subj.how == "pronoun":
            if subj.word in function_words("person_pronouns"):
                return last_person
            if subj.word in function_words("first_person"):
                t = ctx.turn_of(paragraph)
                return ctx.turn_speakers[t] if t >= 0 else None
            return None
        if subj.how == "coordinated":
            return sentence_speaker.get(sent_index) or subj.actor
        return None

    for _anchor, order, idx in events:
        if order == 0:
            r = reports[idx]
            para = ctx.sentences[r.sentence].paragraph
            sent_index = r.sentence
            who = resolve(r.subject, sent_index, para)
            report_speaker[idx] = who
        else:
            q = ctx.marks[idx]
            sent = ctx.sentence_of(q.open)
            sent_index = sent.index if sent else -1
            para = q.paragraph
            att = frames.get(idx)
            verb_text: str | None = None
            if att is not None:
                if att.source is not None:
                    who = report_speaker.get(att.source)
                else:
                    who = resolve(att.subject, sent_index, para)
                rule, frame = att.rule, att.frame
                verb_text = ctx.text[att.verb.start : att.verb.end] if att.verb else None
                verb_text = " ".join(verb_text.split()) if verb_text else None
                kind = quote_kind(ctx, q, framed=True)
            else:
                rule, frame, who = "quotes.unattributed", "none", None
                turn = ctx.turn_of(para)
                if q.continued:
                    prev = quote_out.get(idx - 1)
                    rule = "quotes.continued_paragraph"
                    who = prev.speaker if prev else None
                elif (
                    _sentence_initial(ctx, q)
                    and last is not None
                    and last[2] == turn
                    and (0 <= para - last[1] <= 1)
                ):
                    rule, who = "quotes.inherited", last[0]
                elif _sentence_initial(ctx, q) and turn >= 0:
                    rule, who = "quotes.speaker_label", ctx.turn_speakers[turn]
                elif _word_count(text[q.start : q.end]) <= 4:
                    rule = "quotes.scare_quote"
                kind = (
                    "fragment" if rule == "quotes.scare_quote" else quote_kind(ctx, q, framed=False)
                )
            quote_out[idx] = Quote(
                start=q.start,
                end=q.end,
                text=text[q.start : q.end],
                speaker=who,
                speaker_name=ctx.names.get(who) if who else None,
                reporting_verb=verb_text,
                kind=kind,
                frame=frame,
                rule=rule,
            )
        # update the current speaker
        if who is None:
            continue
        last = (who, para, ctx.turn_of(para))
        sentence_speaker[sent_index] = who
        if ctx.kinds.get(who) == "person":
            last_person = who

    quotes_all = list(quote_out.values())
    for q in all_marks:
        if q.nested:
            quotes_all.append(
                Quote(
                    start=q.start,
                    end=q.end,
                    text=text[q.start : q.end],
                    speaker=None,
                    speaker_name=None,
                    reporting_verb=None,
                    kind=quote_kind(ctx, q, framed=False),
                    frame="none",
                    rule="quotes.nested",
                )
            )
    quotes_all.sort(key=lambda x: (x.start, x.end))

    rs_out = []
    for ri, r in enumerate(reports):
        who = report_speaker.get(ri)
        rs_out.append(
            ReportedSpeech(
                start=r.start,
                end=r.end,
                text=text[r.start : r.end],
                speaker=who,
                speaker_name=ctx.names.get(who) if who else None,
                reporting_verb=" ".join(text[r.verb.start : r.verb.end].split()),
                rule=r.rule,
            )
        )
    rs_out.sort(key=lambda x: (x.start, x.end))
    return {"quotes": tuple(quotes_all), "reported_speech": tuple(rs_out)}
