"""What the quotes rules read: the small types, the function-word lists, and ``Context``.

``Context`` is the quotes step's own lookups over the document (built once per parse by
the driver and kept in ``state.local``): the quotation marks, reporting verbs and
transcript turns found by the scan rules, and, while speakers are resolved left to right,
who spoke last.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .. import datafiles
from ..model import Mention, Paragraph, Quote, Sentence
from ..state import State
from ..wordlists import function_words, reporting_verb_pattern

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


def _verb_re() -> re.Pattern[str]:
    return re.compile(reporting_verb_pattern())


def _alt(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"


@datafiles.cached
def _filler() -> str:
    return r"(?:(?i:" + _alt(function_words("fillers")) + r")|[A-Za-z]+ly)"


@datafiles.cached
def _gap_re() -> re.Pattern[str]:
    # Between a speaker and the verb: where the speaker is from (" of X province"), one
    # parenthesis in commas (two parts at most: ", health spokeswoman for the Labour Party,
    # which uncovered the figures,") or dashes, then fillers.
    return re.compile(
        r"(?:\s+(?:of|from)\s+[^,;:“”\"\n]{2,60}?)?"
        r"\s*(?:(?:,[^,;:“”\"\n]{1,80}){1,2},\s*|\s*[—–][^—–;:“”\"\n]{1,80}[—–]\s*|,\s*)?"
        r"(?:" + _filler() + r"\s+)*"
    )


@datafiles.cached
def _pronoun_before_re() -> re.Pattern[str]:
    pron = (
        function_words("person_pronouns")
        | function_words("first_person")
        | function_words("other_pronouns")
    )
    return re.compile(r"(?<![\w’'\-])(?P<p>(?i:" + _alt(pron) + r"))\s+(?:" + _filler() + r"\s+)*$")


@datafiles.cached
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


@datafiles.cached
def _coordinated_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:(?<![\w’'\-])(?i:"
        + _alt(function_words("conjunctions"))
        + r")\s+(?:"
        + _filler()
        + r"\s+)*|^[\s,;]*,\s*)$"
    )


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
    role: str | None = None  # "np" that is a definite description ("the Russian president")
    role_state: str | None = None  # the state its adjective names ("Russian" -> RUS)


@dataclass(frozen=True)
class Attribution:
    """What a frame rule found for a quotation (``rule`` is stamped by the runner)."""

    frame: str
    verb: VerbHit | None
    subject: Subject
    source: int | None = None  # index of a reported speech or quotation it depends on
    rule: str = ""


@dataclass(frozen=True)
class Reported:
    """A reported-speech candidate before its speaker is resolved."""

    verb: VerbHit
    start: int
    end: int
    subject: Subject
    sentence: int
    stopped_at_quote: bool
    rule: str = ""


@dataclass(frozen=True)
class Turn:
    """A transcript turn: a speaker label at the start of a paragraph."""

    paragraph: int
    start: int
    end: int  # end of the label including the colon
    label: str
    rule: str = ""


@dataclass
class Context:
    """Everything the rules read, built once per document (nothing global is mutated).

    The fields after ``turn_speakers`` are filled while the step runs: the frame of each
    quotation, the reported speech, and the state of the left-to-right speaker pass.
    """

    state: State
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
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
    all_marks: tuple[Marks, ...] = ()  # nested quotations too
    frames: dict[int, Attribution] = field(default_factory=dict)
    used_verbs: set[int] = field(default_factory=set)
    reports: list[Reported] = field(default_factory=list)
    report_starts: list[int] = field(default_factory=list)
    clauses: dict[int, Reported | None] = field(default_factory=dict)  # by verb start
    report_speaker: dict[int, str | None] = field(default_factory=dict)
    quote_out: dict[int, Quote] = field(default_factory=dict)
    last: tuple[str, int, int] | None = None  # (actor, paragraph, turn) of the last speaker
    last_person: str | None = None
    last_at: int = 0  # where the last speaker's item ends
    recent: list[tuple[str, int]] = field(default_factory=list)  # (speaker, end), in order
    gender: dict[str, str] = field(default_factory=dict)  # "m"/"f", only from the text
    adjectives: dict[int, str] = field(default_factory=dict)  # adjective/acronym start -> actor
    home: dict[str, str | None] = field(default_factory=dict)  # actor -> the state it speaks for
    sentence_speaker: dict[int, str] = field(default_factory=dict)
    unresolved: int = 0  # frames and reports whose named speaker no rule resolved
    sole: tuple[str | None, int] | None = None  # quotes.first_speaker's reading, once
    heading: tuple[str | None] | None = None  # quotes.statement_heading's reading, once

    # -- lookups -------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> Sentence | None:
        """The sentence containing ``pos`` (or the last one starting before it)."""
        i = self.state.sentence_index(pos, containing=False)
        return self.sentences[i] if i is not None and self.sentences else None

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


def word_count(s: str) -> int:
    """Words with a letter or digit in ``s``."""
    return sum(1 for w in s.split() if any(ch.isalnum() for ch in w))


def sentence_initial(ctx: Context, q: Marks) -> bool:
    """Whether the quotation opens its sentence (after a speaker label, opening marks, dashes)."""
    sent = ctx.sentence_of(q.open)
    if sent is None:
        return False
    floor = ctx.clause_floor(sent)
    k = q.open  # walk back over what may stand before it (linear: stops at the first word)
    while k > floor and ctx.text[k - 1] in " \t" + _OPENERS + _DASHES:
        k -= 1
    return k <= floor
