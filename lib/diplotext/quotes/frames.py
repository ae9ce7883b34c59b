"""Frame rules: how a quotation is attributed (``X said: “...”``, ``“...,” said X.``).

Each rule ``rule(state)`` looks at one quotation (``state.here``, a
:class:`~diplotext.quotes.context.Marks`) with the step's lookups (``state.local``) and
returns an :class:`~diplotext.quotes.context.Attribution` or None; the first rule of
the chain that answers wins, and the runner stamps its id.
"""

from __future__ import annotations

import re

from .. import datafiles
from ..model import Paragraph, Sentence
from ..state import State
from .context import WINDOW, Attribution, Context, Marks, Subject, VerbHit, function_words
from .speakers import clause_start, speaker_after, speaker_before


def _words_then(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){0,4}" + pattern)


_TAIL_COLON = _words_then(r"\s*:\s*")
_TAIL_COMMA = _words_then(r"\s*,\s*")
_TAIL_THAT = re.compile(r"(?:(?:\s+[^\s,.;:!?“”\"]+){0,4}\s+that\s*,?)?\s*")


def _before_verb(ctx: Context, q: Marks) -> tuple[VerbHit, Sentence | None] | None:
    sent = ctx.sentence_of(q.open)
    lo = max(clause_start(ctx, q.open, sent), q.open - WINDOW)
    verb = ctx.last_verb_in(lo, q.open)
    if verb is None or verb.verb.casefold() == "according to":
        return None  # "According to X, “...”": the speaker follows it (a reported clause)
    return verb, sent


def said_colon(state: State) -> Attribution | None:
    """quotes.said_colon: ``Secretary Jones said: “...”``.

    A reporting verb, up to four more words (``told reporters``, ``said on Friday``), a
    colon, then the opening mark. The speaker is read before the verb
    (rule quotes.speaker_before).
    """
    ctx, q = state.local, state.here
    found = _before_verb(ctx, q)
    if not found:
        return None
    verb, sent = found
    if not _TAIL_COLON.fullmatch(ctx.text, verb.end, q.open):
        return None
    subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
    return Attribution("before", verb, subj)


def said_comma(state: State) -> Attribution | None:
    """quotes.said_comma: ``Foreign Secretary Anna Jones said, “...”``.

    A reporting verb, up to four more words, a comma, then the opening mark. The speaker
    is read before the verb (rule quotes.speaker_before).
    """
    ctx, q = state.local, state.here
    found = _before_verb(ctx, q)
    if not found:
        return None
    verb, sent = found
    if not _TAIL_COMMA.fullmatch(ctx.text, verb.end, q.open):
        return None
    subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
    return Attribution("before", verb, subj)


_ACCORDING_TAIL = re.compile(r"[^,;:!?“”\"]{1,80},\s*")


def according_to(state: State) -> Attribution | None:
    """quotes.according_to: ``According to Jane Doe, “...”`` and ``The plan, according to
    Jane Doe, “is dead.”``.

    ``according to`` (a reporting expression of ``data/reporting_verbs.txt``), the
    speaker, a comma, then the opening mark: the speaker is read after ``according to``
    up to the comma (rule quotes.speaker_after). Frame ``before``.
    """
    ctx, q = state.local, state.here
    sent = ctx.sentence_of(q.open)
    verb = ctx.last_verb_in(max(clause_start(ctx, q.open, sent), q.open - WINDOW), q.open)
    if verb is None or verb.verb.casefold() != "according to":
        return None
    m = _ACCORDING_TAIL.fullmatch(ctx.text, verb.end, q.open)
    if m is None:
        return None
    subj = speaker_after(ctx, verb.end, ctx.text.rindex(",", verb.end, q.open))
    return Attribution("before", verb, subj) if subj.how != "none" else None


def said_that(state: State) -> Attribution | None:
    """quotes.said_that: ``Mr. Price added that “...”`` (or ``said “...”`` with no comma).

    A reporting verb, optionally up to four words and ``that``, then the opening mark: the
    quotation is the content of the verb. The speaker is read before the verb.
    """
    ctx, q = state.local, state.here
    found = _before_verb(ctx, q)
    if not found:
        return None
    verb, sent = found
    if not _TAIL_THAT.fullmatch(ctx.text, verb.end, q.open):
        return None
    subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
    return Attribution("before", verb, subj)


def _after_parts(ctx: Context, q: Marks) -> tuple[int, int, Sentence] | None:
    if q.close is None:
        return None
    sent = ctx.sentence_of(q.close)
    if sent is None or q.close + 1 >= sent.end:
        return None
    return q.close + 1, min(sent.end, q.close + 1 + WINDOW), sent


#: After ``X said``: up to ten words (``at the press conference following the European
#: Council``), then punctuation: the clause ends, the verb is the frame's.
_CLAUSE_END = re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){0,10}\s*(?:[,.;:!?—–]|$)")


def said_after(state: State) -> Attribution | None:
    """quotes.said_after: ``“...,” said Secretary Jones.`` (verb before the speaker).

    Right after the closing mark (a comma or dash may stand between) comes a reporting
    verb, not an ``-ing`` form (``“...”, saying ...`` opens a participle clause); the
    speaker is read after it up to the next comma or the end of the sentence (rule
    quotes.speaker_after).
    """
    ctx, q = state.local, state.here
    parts = _after_parts(ctx, q)
    if not parts:
        return None
    lo, hi, _sent = parts
    verbs = ctx.verbs_in(lo, hi)
    if not verbs or not re.fullmatch(r"[\s,—–-]*", ctx.text[lo : verbs[0].start]):
        return None
    verb = verbs[0]
    if verb.verb.endswith("ing"):
        return None  # "“...”, saying they were ...": a participle clause, not "said X"
    m = re.compile(r"[^,;:!?“”\"]*").match(ctx.text, verb.end, hi)
    subj = speaker_after(ctx, verb.end, m.end())
    if subj.how == "none":
        return None
    return Attribution("after", verb, subj)


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
    if all(w.casefold().strip(",") in function_words("conjunctions") for w in between.split()):
        return None  # "“...” and announced ...": the verb goes on the writer's sentence
    plain = re.fullmatch(r"[\s,—–-]*(?:[^\s,.;:!?“”\"]+\s+){1,8}", between)
    # a named speaker may hold points ("U.S. Ambassador ...") when actors found a mention
    named = ctx.mentions_in(lo, verb.start) and re.fullmatch(r"[^;:!?“”\"]{1,120}", between)
    if not plain and not named:
        return None
    if not _CLAUSE_END.match(ctx.text, verb.end, hi):
        return None
    subj = speaker_before(ctx, verb, lo)
    return verb, subj


def speaker_said_after(state: State) -> Attribution | None:
    """quotes.speaker_said_after: ``“...,” Secretary Jones said.`` (speaker before the verb).

    After the closing mark come up to eight words naming the speaker and a reporting verb
    that ends the clause (up to ten more words, then punctuation: ``said in a statement.``).
    The speaker is read before the verb (rule quotes.speaker_before).
    """
    ctx, q = state.local, state.here
    found = _subject_then_verb(ctx, q)
    if not found or found[1].how == "pronoun":
        return None
    verb, subj = found
    return Attribution("after", verb, subj)


def pronoun_said_after(state: State) -> Attribution | None:
    """quotes.pronoun_said_after: ``“...,” he said.`` / ``“...,” she added.``

    As quotes.speaker_said_after, with a pronoun for the speaker: ``he``/``she``/``they``
    resolve to the most recent speaker they fit (quotes.pronoun_antecedent; none when
    another fitting person was named since); in a transcript, ``I`` is the speaker of the
    turn; ``we`` is not resolved.
    """
    ctx, q = state.local, state.here
    found = _subject_then_verb(ctx, q)
    if not found or found[1].how != "pronoun":
        return None
    verb, subj = found
    return Attribution("after", verb, subj)


def previous_paragraph(state: State) -> Attribution | None:
    """quotes.previous_paragraph: ``X said:`` ends a paragraph and the quotation opens the next.

    The quotation must open its paragraph and the previous paragraph must end with a
    reporting verb, up to four words and a colon (a bare transcript label is not a frame).
    Speaker read before that verb (rule quotes.speaker_before); frame ``before``.
    """
    ctx, q = state.local, state.here
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
    subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
    return Attribution("before", verb, subj)


#: What may follow the name in a byline: a comma and a date, place or office, no sentence.
_BYLINE_TAIL = re.compile(r"\s*(?:,\s*[^.!?;:“”\"\n]{0,80}[.]?)?\s*")
_BYLINE_LEAD = re.compile(r"[ \t]*(?:[—–-][ \t]*)?")
#: What may stand between a closing mark and the end of its paragraph (read from the mark
#: on, never the whole rest of the paragraph: many quotations in one paragraph stay linear).
_TRAILING = re.compile(r"[ \t.,]*")
#: A dash after the closing mark, on the quotation's own line.
_BYLINE_DASH = re.compile(r"[ \t]*[—–][ \t]*(?=[A-Z])")
#: Capitalised title words before the name (``Secretary of Defense``), or nothing.
_BYLINE_TITLE = re.compile(r"(?:(?:[A-Z][\w.’'\-]*|of|the|for)[ \t]+){0,6}")


def byline(state: State) -> Attribution | None:
    """quotes.byline: a quotation that ends its paragraph, and a byline on the next line.

    ``“Diplomacy is the only responsible way forward.”`` then
    ``Secretary of State Antony Blinken, January 7, 2022`` (or ``— Jeff Traeger``): the
    next paragraph is a mention of a person (perhaps after a dash and capitalised title
    words) and at most a comma and a date, place or office, with no sentence of its own. The
    byline may also stand after a dash on the quotation's own line (``...the team.” –
    Secretary of Defense Lloyd J. Austin III``). Speaker: that person; frame ``after``, no
    reporting verb.
    """
    ctx, q = state.local, state.here
    if q.close is None:
        return None
    para = ctx.paragraphs[q.paragraph]
    dash = _BYLINE_DASH.match(ctx.text, q.close + 1, para.end)
    if dash is not None:  # “... the team.” – Secretary of Defense Lloyd J. Austin III
        lo, hi = dash.end(), para.end
    elif q.paragraph + 1 >= len(ctx.paragraphs):
        return None
    elif _TRAILING.match(ctx.text, q.close + 1, para.end).end() != para.end:
        return None  # the quotation does not end its paragraph
    else:
        nxt = ctx.paragraphs[q.paragraph + 1]
        lo, hi = _BYLINE_LEAD.match(ctx.text, nxt.start, nxt.end).end(), nxt.end
    found = ctx.mentions_in(lo, hi)
    if not found or ctx.kinds.get(found[0].actor) != "person":
        return None
    if not _BYLINE_TITLE.fullmatch(ctx.text, lo, found[0].start):
        return None
    if not _BYLINE_TAIL.fullmatch(ctx.text, found[0].end, hi):
        return None
    return Attribution("after", None, Subject("mention", actor=found[0].actor))


#: A dateline opening a sentence: ``Washington, D.C., June 9, 2005 -`` (place, date, dash).
#: The first lower-case word of a sentence that is not inside a name (``Voice of America``).
_LOWER_WORD = re.compile(r"(?<![\w’'\-])(?!(?:of|the|and|for|de|van|von)\s)[a-z]")
_DATELINE = re.compile(r"[A-Z][\w.’' ]{1,40}(?:,[\w.’' ]{1,40}){0,3}\s+[-–—]\s+")


def _announcer(ctx: Context, sent: Sentence) -> str | None:
    """The actor a sentence that announces a text opens with: the mentions in its first
    capitalised words (after a dateline), a person first (``Voice of America Director
    David S. Jackson issued ...``); when it opens with anything else, the person named
    right before the announcing verb (``_announcing_subject``)."""
    floor = ctx.clause_floor(sent)
    d = _DATELINE.match(ctx.text, floor, min(sent.end, floor + WINDOW))
    if d is not None:
        floor = d.end()
    lower = _LOWER_WORD.search(ctx.text, floor, min(sent.end, floor + WINDOW))
    head = ctx.mentions_in(floor, lower.start() if lower else min(sent.end, floor + WINDOW))
    if not head:
        return _announcing_subject(ctx, sent)
    people = [m for m in head if ctx.kinds.get(m.actor) == "person"]
    return (people or head)[0].actor


#: After the announcer's name: a parenthesis (``(D-RI)``), an apposition in commas (``, the
#: top Democrat on the committee,``), ``today``, then the verb that issues the text.
_ANNOUNCES = re.compile(
    r"\s*(?:\([^()]{1,20}\))?\s*(?:,[^,;:“”\"]{1,100},)?\s*(?:today\s+|also\s+)?"
    r"(?:issued|released|made|gave|delivered|sent|published)\s+the\s+following\s"
)


def _announcing_subject(ctx: Context, sent: Sentence) -> str | None:
    """A sentence that opens with something else (``Today, after the Senate voted ...,``):
    the person whose name (perhaps with a parenthesis and an apposition) stands right
    before ``issued the following ...``; None when no person does."""
    for m in reversed(ctx.mentions_in(sent.start, sent.end)):
        if ctx.kinds.get(m.actor) == "person" and _ANNOUNCES.match(ctx.text, m.end, sent.end):
            return m.actor
    return None


def _names_a_text(ctx: Context, lo: int, hi: int) -> bool:
    words = {w.strip(",.;:").casefold() for w in ctx.text[lo:hi].split()}
    return bool(words & function_words("statement_nouns"))


_FOLLOWING = re.compile(r"(?<![\w’'\-])following\s+(\w+)")


def _following_text(ctx: Context, para: Paragraph) -> Sentence | None:
    """The first sentence of a paragraph that announces ``the following statement`` (or
    remarks, message ...), wherever the sentence ends."""
    for m in _FOLLOWING.finditer(ctx.text, para.start, min(para.end, para.start + 5 * WINDOW)):
        if m.group(1).casefold() in function_words("statement_nouns"):
            return ctx.sentence_of(m.start())
    return None


def statement_intro(state: State) -> Attribution | None:
    """quotes.statement_intro: ``Senator Jane Doe today released the following statement:``
    then the quotation, at the start of the next paragraph or right after the colon.
    The announcing paragraph may also go on after ``the following statement`` and end in a
    full stop (``... released the following statement after voting to confirm Lloyd Austin.``).

    As quotes.previous_paragraph, for an announcement without a reporting verb: the
    sentence before the quotation ends with a colon, names a kind of text (``statement``,
    ``remarks``, ``message``) and opens (after a dateline such as ``Washington, D.C., June 9,
    2005 -``) with a mention of a person, state or organisation: that is the speaker (a
    person mentioned in the opening words wins: ``Voice of America Director David S.
    Jackson``). Frame ``before``, no reporting verb.
    """
    ctx, q = state.local, state.here
    sent = ctx.sentence_of(q.open)
    if (
        sent is not None
        and sent.start < q.open
        and ctx.text[sent.start : q.open].rstrip().endswith(":")
    ):
        lo = sent.start  # "... issued the following statement today: “...”"
    elif q.paragraph > 0 and q.open == ctx.paragraphs[q.paragraph].start:
        prev = ctx.paragraphs[q.paragraph - 1]
        if ctx.text[prev.start : prev.end].rstrip().endswith(":"):
            sent = ctx.sentence_of(max(prev.start, prev.end - 1))
        else:  # "... released the following statement after voting to confirm ... ."
            sent = _following_text(ctx, prev)
        lo = sent.start if sent is not None else 0
    else:
        return None
    if sent is None or sent.end - sent.start > 5 * WINDOW:
        return None
    if not _names_a_text(ctx, lo, min(q.open, sent.end)):
        return None
    who = _announcer(ctx, sent)
    return Attribution("before", None, Subject("mention", actor=who)) if who else None


@datafiles.cached
def _described_as_re() -> re.Pattern[str]:
    verbs = "|".join(sorted(function_words("naming_verbs"), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w’'\-])(?P<v>{verbs})\s+(?:[^\s,.;:!?“”\"]+\s+){{0,6}}?as\s+(?:an?\s+|the\s+)?$"
    )


def described_as(state: State) -> Attribution | None:
    """quotes.described_as: ``Bush has described the plan as “wild speculation”``.

    A naming verb (``described``, ``termed``, ``branded``: the ``naming_verbs`` of
    ``data/quotes_function_words.txt``), up to six words of its object, ``as`` (and an
    article), then the opening mark: the quotation is the speaker's own name for the
    thing. The speaker is read before the verb (rule quotes.speaker_before); a verb with
    no subject (``the plan, described as “...”``) gives no speaker. Frame ``before``.
    """
    ctx, q = state.local, state.here
    sent = ctx.sentence_of(q.open)
    lo = max(clause_start(ctx, q.open, sent), q.open - WINDOW)
    m = _described_as_re().search(ctx.text, lo, q.open)
    if m is None:
        return None
    verb = VerbHit(m.start("v"), m.end("v"), m.group("v").casefold())
    subj = speaker_before(ctx, verb, clause_start(ctx, verb.start, sent))
    return Attribution("before", verb, subj)


#: A line of a name card: a role or an office (``Foreign Minister, Russia``), no sentence.
_CARD_LINE = re.compile(r"[^\n.!?;:“”\"]{1,60}")


def _card_person(ctx: Context, paragraph: int) -> str | None:
    """The person a paragraph names when it is only their name (a name card line)."""
    p = ctx.paragraphs[paragraph]
    found = ctx.mentions_in(p.start, p.end)
    if len(found) != 1 or ctx.kinds.get(found[0].actor) != "person":
        return None
    m = found[0]
    if ctx.text[p.start : m.start].strip() or ctx.text[m.end : p.end].strip(" \t,"):
        return None
    return m.actor


#: Before the name's mention on a label line: nothing, or the first names of a person
#: whose surname alone is the mention (``Charles`` in ``Charles Bolden,``).
_LABEL_HEAD = re.compile(r"[ \t]*(?:[A-Z][\w.’'\-]*[ \t]+){0,2}")
#: After the name on a label line: perhaps a comma and a role, then the colon.
_LABEL_TAIL = re.compile(r"[ \t]*(?:,[^\n.!?;:“”\"]{1,60})?:[ \t]*")


def _label_person(ctx: Context, paragraph: int) -> str | None:
    """The person a label line names (``Charles Bolden, NASA Administrator:``, a video
    script's line above a sound bite): the line opens with a person's mention and has
    at most a comma and a role after it, then a colon; no reporting verb."""
    p = ctx.paragraphs[paragraph]
    found = ctx.mentions_in(p.start, p.end)
    if not found or ctx.kinds.get(found[0].actor) != "person":
        return None
    m = found[0]
    if not _LABEL_HEAD.fullmatch(ctx.text, p.start, m.start):
        return None  # the line opens with the name (a first name may stand outside it)
    if not _LABEL_TAIL.fullmatch(ctx.text, m.end, p.end):
        return None
    return None if ctx.verbs_in(p.start, p.end) else m.actor


def _title_person(ctx: Context, paragraph: int) -> str | None:
    """The person a title line names as the author of a text (``Statement by VOA Director
    David S. Jackson on ...``): a line that opens with a kind of text (statement nouns)
    and ``by``, no sentence end; the first person mentioned after ``by``."""
    p = ctx.paragraphs[paragraph]
    m = _TITLE_BY.match(ctx.text, p.start, p.end)
    if m is None or m.group(1).casefold() not in function_words("statement_nouns"):
        return None
    if _SENTENCE_END.search(ctx.text, p.start, p.end):
        return None
    people = [x for x in ctx.mentions_in(m.end(), p.end) if ctx.kinds.get(x.actor) == "person"]
    return people[0].actor if people else None


_TITLE_BY = re.compile(r"([A-Z][a-z]+)\s+by\s+")
_SENTENCE_END = re.compile(r"[a-z][.!?:](?:\s|$)")


def name_card(state: State) -> Attribution | None:
    """quotes.name_card: a pull quotation under a name card or a text's title.

    ``Sergey Lavrov`` / ``Foreign Minister, Russia`` / ``“But in fact ...”``: the
    quotation fills its paragraph, and the paragraph before it is only a person's name,
    or a short role line (``Foreign Minister, Russia``: no sentence, no colon) under a
    paragraph that is only a person's name, or a title naming the text's author
    (``Statement by VOA Director David S. Jackson on ...``, a statement noun and ``by``),
    or a label line (``Charles Bolden, NASA Administrator:``, ``_label_person``).
    Speaker: that person; frame ``before``, no reporting verb. A quotation under a
    headline of any other kind or under a sentence is not on a card.
    """
    ctx, q = state.local, state.here
    para = ctx.paragraphs[q.paragraph]
    if q.paragraph == 0 or q.open != para.start or q.close is None:
        return None
    if ctx.text[q.close + 1 : para.end].strip(" \t.,"):
        return None  # the quotation does not fill its paragraph
    who = (
        _card_person(ctx, q.paragraph - 1)
        or _title_person(ctx, q.paragraph - 1)
        or _label_person(ctx, q.paragraph - 1)
    )
    if who is None and q.paragraph >= 2:
        prev = ctx.paragraphs[q.paragraph - 1]
        if _CARD_LINE.fullmatch(ctx.text, prev.start, prev.end):
            who = _card_person(ctx, q.paragraph - 2)
    return Attribution("before", None, Subject("mention", actor=who)) if who else None
