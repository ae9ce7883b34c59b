"""Generated lesson prose: what the parse and the metadata say about ONE document.

Lessons 00 and 03 are re-executed for other statements (``diplotext lesson PATH``), so their
Markdown cells hold only concepts and questions. Every sentence ABOUT the document (who is
quoted, how Russia is named, which conditionals are threats, the genre and publisher) is
written here, from the parse and the metadata, by a ``describe_*`` function:

    doc = lesson.load_document()          # the seed; or load_document("other.txt")
    lesson.source_card(doc)               # title, publisher, genre, date ... ("not given")
    lesson.describe_quotes(doc)           # "The text quotes one speaker, Antony Blinken, ..."

Each function returns :class:`MarkdownText`: shown as Markdown in a notebook, with the same
text as its ``repr`` (deterministic, for nbval). Text taken from the document is escaped
(:func:`diplotext.display.md_escape`), so a statement containing ``<script>`` is shown, not
run. When a document has none of a feature, the function says so in a full sentence; it
never returns an empty string. Missing provenance is stated ("not given"), never guessed.

The counts are the rule-based parse's counts: rules miss and misfire, and
:func:`rule_checks` points at the places a reader should check first.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import actors, context
from .display import FigureOutput, TableOutput, md_escape, md_url
from .errors import InputError
from .load import read_metadata, read_metadata_file, read_text, seed_path
from .model import FRAME_FUNCTIONS, MENTION_FORMS, Device, Document, Metadata
from .pipeline import parse

__all__ = [
    "GENRE_NOTES",
    "NEUTRAL_REPORTING_VERBS",
    "MarkdownText",
    "answer_first_reading",
    "answer_naming",
    "answer_provenance",
    "answer_reporting_verbs",
    "answer_speech_acts",
    "answer_treatment",
    "context_sources",
    "describe_claims",
    "describe_evaluation",
    "describe_frames",
    "describe_naming",
    "describe_quotes",
    "describe_speech_acts",
    "describe_stance",
    "describe_structure",
    "example_item",
    "figure",
    "flagged_item",
    "load_document",
    "positions_table",
    "quote_checks",
    "references",
    "rule_checks",
    "source_card",
    "table",
]


# --------------------------------------------------------------------------- output type


@dataclass(frozen=True, repr=False)
class MarkdownText:
    """Markdown generated from a document: rendered in a notebook, the same text as ``repr``."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def _md(*paragraphs: str) -> MarkdownText:
    """Join non-empty paragraphs with blank lines."""
    return MarkdownText("\n\n".join(p for p in paragraphs if p))


# --------------------------------------------------------------------------- loading


def load_document(
    text_path: str | os.PathLike[str] | None = None,
    metadata_path: str | os.PathLike[str] | None = None,
) -> Document:
    """Read and parse a statement: the seed when ``text_path`` is None.

    The metadata comes from ``metadata_path`` when given, else from ``NAME.meta.toml``
    beside the text (none: every field "not given"). Bad paths raise
    :class:`~diplotext.errors.InputError` (text) or
    :class:`~diplotext.errors.MetadataError` (metadata) with a message saying what to fix.
    """
    path = Path(text_path) if text_path is not None else seed_path()
    text = read_text(path)
    meta = read_metadata_file(metadata_path) if metadata_path is not None else read_metadata(path)
    return parse(text, meta)


# --------------------------------------------------------------------------- small helpers

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _num(n: int) -> str:
    """Numbers up to ten in words ("three"), larger ones in digits."""
    return _SMALL[n] if 0 <= n < len(_SMALL) else str(n)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """ "one quotation", "three quotations", "no quotations"."""
    return f"{_num(n)} {noun if n == 1 else (plural or noun + 's')}"


def _times(n: int) -> str:
    """ "once", "twice", "three times"."""
    return {1: "once", 2: "twice"}.get(n, f"{_num(n)} times")


def _join(items: Sequence[str], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _q(text: str, n: int = 70) -> str:
    """Text from the document, clipped, escaped and in curly quotation marks."""
    return f"“{md_escape(_clip(text, n))}”"


def _esc(text: str | None) -> str:
    return md_escape(text) if text else ""


def _sentence_no(doc: Document, pos: int) -> int | None:
    s = doc.sentence_at(pos)
    return s.index + 1 if s else None


def _where(doc: Document, positions: Iterable[int]) -> str:
    """ "sentence 4" / "sentences 3 and 7" for character offsets."""
    nums = sorted({n for n in (_sentence_no(doc, p) for p in positions) if n is not None})
    if not nums:
        return ""
    word = "sentence" if len(nums) == 1 else "sentences"
    return f"{word} {_join([str(n) for n in nums])}"


def _wordings(texts: Iterable[str]) -> str:
    """ "“Moscow” ×2, “the Kremlin” ×1", most frequent first."""
    c = Counter(" ".join(t.split()) for t in texts)
    return ", ".join(
        f"{_q(w, 40)} ×{k}" for w, k in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _actor_name(doc: Document, actor: str | None) -> str:
    """The actor's name from the document, else from the gazetteer, else its id."""
    if actor is None:
        return "no identified target"
    a = doc.actor(actor) or actors.lexicon().actors.get(actor)
    return a.name if a else actor


def _speaker(name: str | None, sid: str | None) -> str:
    return name or sid or "an unidentified speaker"


def _voice(doc: Document, pos: int) -> str:
    """Whose words the text at ``pos`` is: a quotation, reported speech, or the writer's own."""
    for q in doc.quotes:
        if q.start <= pos < q.end:
            return f"in the quoted words of {_esc(_speaker(q.speaker_name, q.speaker))}"
    for r in doc.reported_speech:
        if r.start <= pos < r.end:
            return f"in speech reported from {_esc(_speaker(r.speaker_name, r.speaker))}"
    return "in the writer's own voice"


def _genre(doc: Document) -> str:
    return (doc.metadata.genre or "").lower()


# --------------------------------------------------------------------------- source card

#: What each genre means for a reader, matched in order against the metadata's ``genre``
#: (lower case, substring). The first match is used; extend by adding a pair.
GENRE_NOTES: tuple[tuple[str, str], ...] = (
    (
        "editorial",
        "An official editorial argues a position in the name of its publisher. Read it as an "
        "argument, not as a report: ask what it wants you to believe and do, whose words it "
        "borrows to say so, and what it leaves out.",
    ),
    (
        "readout",
        "A readout is one side's official account of a meeting. It tells you what that side "
        "wants known about the meeting, in its own words; the other side may publish a "
        "different account, and neither is a neutral record.",
    ),
    (
        "press statement",
        "A press statement is an official account written by one side for journalists. It "
        "chooses what to report and how to word it; compare it with the other side's account.",
    ),
    (
        "transcript",
        "A transcript records spoken words, with labels saying who speaks. The speakers chose "
        "their words for a live audience of journalists; an excerpt also leaves the rest out.",
    ),
    (
        "statement",
        "An official statement speaks in the name of a government or its leader. It is "
        "written to be quoted: it states a position and often commits to action.",
    ),
    (
        "news",
        "A news report describes events for the public. Ask whose account it relies on, and "
        "which voices it quotes or leaves out.",
    ),
)


def _genre_note(doc: Document) -> str:
    genre = _genre(doc)
    if not genre:
        return (
            "The metadata does not say what kind of text this is. Decide it yourself from the "
            "text and say what evidence you used (who signs it, who it addresses, what it does)."
        )
    for key, note in GENRE_NOTES:
        if key in genre:
            return note
    return (
        "The genre named in the metadata has no reading note in this library yet: ask who "
        "wrote the text, for whom, and what it is meant to do."
    )


def source_card(doc: Document) -> MarkdownText:
    """The document's provenance from its metadata, with "not given" for every missing field.

    A genre that says "advocacy" or "not news" is stated first, in bold, because it changes
    how every later finding should be read.
    """
    m = doc.metadata
    if m == Metadata():
        head = (
            "**No metadata was found for this text**, so its title, publisher, date and genre "
            "are unknown. Find them out before you rely on it: an unsourced text cannot be "
            "weighed."
        )
    elif m.genre:
        head = f"**What kind of text this is (from its metadata): {_esc(m.genre)}.**"
    else:
        head = "**The metadata does not say what kind of text this is.**"
    date = _esc(m.date) if m.date else "not given"
    if m.date_note:
        date += f". Note: {_esc(m.date_note)}"
    rows = [
        ("Title", _esc(m.title) or "not given"),
        ("Publisher", _esc(m.publisher) or "not given"),
        ("Genre", _esc(m.genre) or "not given"),
        ("Date", date),
        ("Web address", _esc(m.url) or "not given"),
        ("Licence", _esc(m.licence) or "not given"),
        (
            "Length (from the parse)",
            f"{_count(len(doc.paragraphs), 'paragraph')}, "
            f"{_count(len(doc.sentences), 'sentence')}, "
            f"{doc.word_count()} words",
        ),
    ]
    card = "\n".join(f"- **{k}:** {v}" for k, v in rows)
    return _md("> " + head + "\n>\n> " + _genre_note(doc), card)


# --------------------------------------------------------------------------- quotations

#: Reporting verbs that report without telling the reader how to take the words
#: (Caldas-Coulthard 1994: "neutral structuring" verbs). Every other reporting verb in the
#: parse ("underscored", "made clear", "warned") is treated as one that also evaluates.
NEUTRAL_REPORTING_VERBS: frozenset[str] = frozenset(
    {
        "said",
        "says",
        "say",
        "saying",
        "added",
        "adds",
        "told",
        "tells",
        "stated",
        "states",
        "noted",
        "notes",
        "asked",
        "replied",
        "answered",
        "wrote",
        "spoke",
    }
)


def _turn_speakers(doc: Document) -> list[str]:
    """Names of the speakers of transcript turns (mentions found by a speaker-label rule)."""
    return [
        _esc(_actor_name(doc, m.actor)) for m in doc.mentions if m.rule.endswith("transcript_label")
    ]


def _no_quotes_sentence(doc: Document) -> str:
    genre = _genre(doc)
    base = "This statement contains no direct quotations: everything is in the writer's voice"
    if "transcript" in genre:
        turns = list(dict.fromkeys(_turn_speakers(doc)))
        who = f" Here the turns belong to {_join(turns)}." if turns else ""
        return (
            "This transcript contains no quotations inside its turns. In a transcript the "
            "speakers' own words are the text: the labels before each turn say who speaks, "
            "so no quotation marks are needed." + who
        )
    if any(k in genre for k in ("readout", "press statement")):
        return (
            base + ", which is typical of a readout or press statement: the writer sums up "
            "what was said instead of quoting it."
        )
    return base + "."


def _quote_speakers(doc: Document) -> str:
    named = Counter(q.speaker_name or q.speaker for q in doc.quotes if q.speaker_name or q.speaker)
    unknown = sum(1 for q in doc.quotes if not (q.speaker_name or q.speaker))
    tail = (
        f" {_count(unknown, 'quotation').capitalize()} {'has' if unknown == 1 else 'have'} no "
        "speaker the rules could identify (a scare quote, or words the text does not attribute)."
        if unknown
        else ""
    )
    if not named:
        return tail.strip()
    if len(named) == 1:
        ((who, n),) = named.items()
        return f"The text quotes one speaker, {_esc(who)}, {_times(n)}." + tail
    parts = [
        f"{_esc(w)} ({_times(n)})" for w, n in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return f"The text quotes {_count(len(named), 'speaker')}: {_join(parts)}." + tail


def _quote_framing(doc: Document) -> str:
    verbs = Counter(q.reporting_verb for q in doc.quotes if q.reporting_verb)
    parts = [
        f"{_count(n, 'quotation')} with “{_esc(v)}”"
        for v, n in sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    out = (
        f"The writer frames {_join(parts)}."
        if parts
        else "No quotation has a reporting verb of its own."
    )
    bare = sum(1 for q in doc.quotes if not q.reporting_verb)
    if bare and parts:
        out += (
            f" {_count(bare, 'quotation').capitalize()} "
            f"{'has' if bare == 1 else 'have'} no reporting "
            f"verb of {'its' if bare == 1 else 'their'} own: the reader takes the speaker from the "
            "sentence before."
        )
    return out


def _quote_kinds(doc: Document) -> str:
    frags = [q for q in doc.quotes if q.kind == "fragment"]
    full = len(doc.quotes) - len(frags)
    if not frags:
        every = "The quotation is" if full == 1 else f"All {_num(full)} quotations are"
        return f"{every} full (whole sentences): there are no fragment quotations."
    shown = "; ".join(f"{_q(q.text, 60)} ({_where(doc, [q.start])})" for q in frags[:3])
    if full == 0:
        head = "The quotation is a fragment" if len(frags) == 1 else "Every quotation is a fragment"
    else:
        n_full = f"{_num(full).capitalize()} {'quotation is' if full == 1 else 'quotations are'}"
        n_frag = f"{_num(len(frags))} {'is a fragment' if len(frags) == 1 else 'are fragments'}"
        head = f"{n_full} full (whole sentences) and {n_frag}"
    return f"{head}, woven into the writer's own sentence: {shown}."


def _reported_summary(doc: Document) -> str:
    rs = doc.reported_speech
    if not rs:
        return (
            "There is no indirect (reported) speech: no sentence of the form "
            "“X said that ...” was found."
        )
    by = Counter(_speaker(r.speaker_name, r.speaker) for r in rs)
    verbs = Counter(r.reporting_verb for r in rs)
    who = _join(
        [f"{_esc(w)} ({_times(n)})" for w, n in sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))]
    )
    vs = _join([f"“{_esc(v)}”" for v, _ in sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))])
    return (
        f"The writer also reports speech indirectly {_times(len(rs))}, in their own words: {who}; "
        f"reporting verbs {vs}."
    )


def describe_quotes(doc: Document) -> MarkdownText:
    """Who is quoted, how often, with which reporting verbs; full vs fragment; reported speech."""
    if not doc.quotes:
        return _md(_no_quotes_sentence(doc), _reported_summary(doc))
    return _md(
        " ".join((_quote_speakers(doc), _quote_framing(doc), _quote_kinds(doc))),
        _reported_summary(doc),
    )


def _verbs_in(doc: Document) -> list[tuple[str, str, int]]:
    """(verb, speaker, start) for every quotation and reported-speech item with a verb."""
    out = [
        (q.reporting_verb, _speaker(q.speaker_name, q.speaker), q.start)
        for q in doc.quotes
        if q.reporting_verb
    ]
    out += [
        (r.reporting_verb, _speaker(r.speaker_name, r.speaker), r.start)
        for r in doc.reported_speech
    ]
    return sorted(out, key=lambda t: t[2])


def answer_reporting_verbs(doc: Document) -> MarkdownText:
    """Model answer: the reporting verbs, split into neutral ones and ones that steer the reader."""
    found = _verbs_in(doc)
    if not found:
        return _md(
            "**Model answer.** The parse finds no reporting verb in this text: nobody is "
            "reported as saying anything, so the writer's voice carries every claim."
        )
    uses = list(dict.fromkeys(f"“{_esc(v)}” ({_where(doc, [p])})" for v, _, p in found))
    kinds = dict.fromkeys(uses)
    for v, _, p in found:
        kinds[f"“{_esc(v)}” ({_where(doc, [p])})"] = v.lower() in NEUTRAL_REPORTING_VERBS
    neutral = [u for u in uses if kinds[u]]
    steer = [u for u in uses if not kinds[u]]
    lines = ["**Model answer.**"]
    lines.append(
        f"Neutral verbs: {_join(neutral)}."
        if neutral
        else "No neutral verb such as “said” is used."
    )
    lines.append(
        f"Verbs that also tell you how to take the words: {_join(steer)}. Such a verb presents "
        "the content as important or settled (“made clear” implies it is clear), so the writer "
        "endorses it without saying so."
        if steer
        else "Every verb is neutral: the writer does not tell you how to weigh what was said."
    )
    return _md(*lines)


# --------------------------------------------------------------------------- naming


#: How each mention form reads in a sentence ("three times by metonym").
_FORM_AS = {
    "name": "by name",
    "acronym": "by acronym",
    "metonym": "by metonym",
    "title": "by title",
    "group": "as part of a group",
    "adjective": "as an adjective",
}
#: The same forms with an article ("the nearest mention is a metonym").
_FORM_NOUN = {
    "name": "the name",
    "acronym": "an acronym",
    "metonym": "a metonym",
    "title": "a title",
    "group": "a group",
    "adjective": "an adjective",
}


def describe_naming(doc: Document, actor: str = "RUS") -> MarkdownText:
    """How the text names one actor: forms (name, metonym, adjective ...), wordings, and which
    form stands next to the negative evaluations aimed at it."""
    name = _esc(_actor_name(doc, actor))
    ms = [m for m in doc.mentions if m.actor == actor]
    if not ms:
        return _md(
            f"This statement never mentions {name} (actor id `{md_escape(actor)}`), "
            "so there is nothing to count."
        )
    by_form = Counter(m.form for m in ms)
    forms = [f for f in MENTION_FORMS if by_form[f]] + sorted(set(by_form) - set(MENTION_FORMS))
    parts = [
        f"{_times(by_form[f])} {_FORM_AS.get(f, 'as ' + f)} "
        f"({_wordings(m.text for m in ms if m.form == f)})"
        for f in forms
    ]
    out = [f"The text refers to {name} {_times(len(ms))}: {_join(parts)}."]
    metos = [m for m in ms if m.form == "metonym"]
    if metos:
        out.append(
            f"The metonyms stand in {_where(doc, [m.start for m in metos])}: a city or a "
            "building takes the place of the state."
        )
    else:
        out.append(
            f"The text uses no metonym for {name}: it never puts a capital or a seat of "
            "government in its place."
        )
    out.append(_blame_sentence(doc, actor, name))
    return _md(" ".join(out[:2]), out[2])


def _blame_sentence(doc: Document, actor: str, name: str) -> str:
    from .figures.text import negative_evaluation_forms  # lazy: matplotlib only when needed

    linked = negative_evaluation_forms(doc, actor)
    if not linked:
        return (
            f"The parse links no negative evaluation to {name}, so the naming carries no "
            "blame that the rules can see."
        )
    by_form = Counter(m.form for m in linked)
    parts = [
        f"{_FORM_NOUN.get(f, f)} {_times(n)}"
        for f, n in sorted(by_form.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    examples = []
    for d in doc.devices:
        if d.category == "evaluation" and d.label == "negative" and d.target == actor:
            near = [m for m in linked if doc.sentence_at(m.start) == doc.sentence_at(d.start)]
            if near:
                examples.append(
                    f"{_q(near[0].text, 30)} … {_q(d.text, 40)} ({_where(doc, [d.start])})"
                )
    shown = "; ".join(dict.fromkeys(examples[:4]))
    return (
        f"Next to the {_count(len(linked), 'negative evaluation')} aimed at {name}, the nearest "
        f"mention is {_join(parts)}: {shown}."
    )


def answer_naming(doc: Document, actor: str = "RUS") -> MarkdownText:
    """Model answer: where the actor is named by a metonym (or that it never is)."""
    name = _esc(_actor_name(doc, actor))
    metos = [m for m in doc.mentions if m.actor == actor and m.form == "metonym"]
    if not metos:
        return _md(
            f"**Model answer.** The parse finds no metonym for {name} in this text: it names the "
            "state directly. Compare with a text that says “Moscow” or “the Kremlin”: the state "
            "then appears as a government acting, not as a country and its people."
        )
    items = [
        f"- {_q(m.text, 30)} in {_where(doc, [m.start])}, {_voice(doc, m.start)}" for m in metos
    ]
    return _md(
        "**Model answer.**",
        "\n".join(items),
        "Rewritten with the name of the state, the blame spreads from a government to a whole "
        "country; with the metonym it points at the leadership. Which fits the writer's purpose?",
    )


# --------------------------------------------------------------------------- evaluation


def _eval_group(doc: Document, devs: Sequence[Device], label: str) -> str:
    if not devs:
        return f"None is {label}."
    by = Counter(_actor_name(doc, d.target) for d in devs)
    parts = []
    for who, n in sorted(
        by.items(), key=lambda kv: (kv[0] == "no identified target", -kv[1], kv[0])
    ):
        words = ", ".join(_q(d.text, 30) for d in devs if _actor_name(doc, d.target) == who)
        whom = (
            "with no target identified"
            if who == "no identified target"
            else f"aimed at {_esc(who)}"
        )
        parts.append(f"{_num(n)} {whom} ({words})")
    verb = "is" if len(devs) == 1 else "are"
    return f"{_num(len(devs)).capitalize()} {verb} {label}: " + "; ".join(parts) + "."


def describe_evaluation(doc: Document) -> MarkdownText:
    """Evaluative words and phrases, negative and positive, with the actor each is aimed at."""
    ev = [d for d in doc.devices if d.category == "evaluation"]
    if not ev:
        return _md(
            "The rules found no evaluative words in this statement: on the project's word list "
            "its wording is neutral. Words the list does not know are missed, so read the text "
            "for judgements the rules cannot see."
        )
    neg = [d for d in ev if d.label == "negative"]
    pos = [d for d in ev if d.label == "positive"]
    other = len(ev) - len(neg) - len(pos)
    out = [
        f"The rules found "
        f"{_count(len(ev), 'evaluative word or phrase', 'evaluative words or phrases')}."
    ]
    out.append(_eval_group(doc, neg, "negative"))
    out.append(_eval_group(doc, pos, "positive"))
    if other:
        out.append(
            f"{_count(other, 'item').capitalize()} {'has' if other == 1 else 'have'} no label."
        )
    return _md(out[0] + " " + out[1], out[2] + (" " + out[3] if len(out) > 3 else ""))


# --------------------------------------------------------------------------- speech acts


def _main_at(d: Device) -> int:
    """Where a conditional's main clause starts (whose commitment it is), else the device."""
    return next((p.start for p in d.parts if p.role == "main"), d.start)


def _part(d: Device, role: str) -> str:
    for p in d.parts:
        if p.role == role:
            return p.text
    return ""


def describe_speech_acts(doc: Document) -> MarkdownText:
    """Conditionals (offer / threat / norm) with their two clauses, and commissives."""
    conds = [d for d in doc.devices if d.category == "conditional"]
    if conds:
        labels = Counter(d.label or "unlabelled" for d in conds)
        head = (
            f"The text has {_count(len(conds), 'conditional')}: "
            + _join([_count(n, lab) for lab, n in sorted(labels.items())])
            + "."
        )
        lines = [
            f"- **{_esc(d.label or 'unlabelled')}** ({_where(doc, [d.start])}, "
            f"{_voice(doc, _main_at(d))}): "
            f"if {_q(_part(d, 'if').removeprefix('if ').removeprefix('If '), 60)} "
            f"→ {_q(_part(d, 'main'), 60)}"
            for d in conds
        ]
        cond = head + "\n\n" + "\n".join(lines)
    else:
        cond = (
            "This statement contains no conditional (“if ... then”) sentences, so it makes no "
            "explicit conditional offer or threat; look at its commitments instead."
        )
    return _md(cond, _commissives(doc))


def _commissives(doc: Document) -> str:
    com = [d for d in doc.devices if d.category == "commissive"]
    if not com:
        return (
            "No commissive was found: the text does not commit anyone to a future act in "
            "words the rules know (“will”, “are committed to”, “stands ready to”)."
        )
    labels = Counter(d.label or "unlabelled" for d in com)
    items = "; ".join(
        f"{_q(d.text, 30)} ({_esc(d.label or 'unlabelled')}, {_where(doc, [d.start])}, "
        f"{_voice(doc, d.start)})"
        for d in com
    )
    split = _join([_count(n, lab) for lab, n in sorted(labels.items())])
    head = (
        "One commissive"
        if len(com) == 1
        else f"{_num(len(com)).capitalize()} commissives ({split})"
    )
    return f"{head}, where the speaker commits to a future act: {items}."


def answer_speech_acts(doc: Document) -> MarkdownText:
    """Model answer: each conditional, what it does, and who is committed by it."""
    conds = [d for d in doc.devices if d.category == "conditional"]
    if not conds:
        return _md(
            "**Model answer.** The parse finds no conditional sentence here. The text's "
            "commitments are unconditional; check the commissives instead: " + _commissives(doc)
        )
    meaning = {
        "offer": "an offer: the reader is promised something wanted if a condition is met",
        "threat": "a threat: a cost is announced for an act the speaker wants to prevent",
        "norm": "a norm: a rule said to bind everyone, not a promise by the speaker",
    }
    lines = ["**Model answer.**"]
    for d in conds:
        what = meaning.get(d.label or "", "the rules leave it unlabelled: decide yourself")
        lines.append(
            f"- {_where(doc, [d.start]).capitalize()}: {_q(d.text, 80)} is {what} "
            f"(main clause {_voice(doc, _main_at(d))})."
        )
    return _md(lines[0], "\n".join(lines[1:]))


# --------------------------------------------------------------------------- structure


def describe_structure(doc: Document) -> MarkdownText:
    """Lists of three and contrasts (antithesis), with their items."""
    lists = [d for d in doc.devices if d.category == "list_of_three"]
    if lists:
        rows = [
            f"- {_where(doc, [d.start])}: "
            + " / ".join(_q(p.text, 40) for p in d.parts if p.role == "item")
            for d in lists
        ]
        lst = (
            f"The rules found {_count(len(lists), 'list of three', 'lists of three')}:\n\n"
            + "\n".join(rows)
        )
    else:
        lst = "The rules found no list of three in this statement."
    con = [d for d in doc.devices if d.category == "contrast"]
    if con:
        ct = (
            f"Contrasts: {_count(len(con), 'item')}: "
            + "; ".join(f"{_q(d.text, 40)} ({_where(doc, [d.start])})" for d in con)
            + "."
        )
    else:
        ct = "The rules found no contrast (“not X but Y”, “while”, “just as”)."
    return _md(lst, ct)


# --------------------------------------------------------------------------- stance


def _cat_line(doc: Document, category: str, title: str) -> str:
    ds = [d for d in doc.devices if d.category == category]
    if not ds:
        return f"{title}: none found."
    return f"{title}: {len(ds)} ({_wordings(d.text.lower() for d in ds)})."


def describe_stance(doc: Document) -> MarkdownText:
    """Modals, hedges, boosters and the in-group "we" (Hyland's stance markers), counted."""
    n = {
        c: sum(1 for d in doc.devices if d.category == c) for c in ("hedge", "booster", "in_group")
    }
    lines = [
        "- " + _cat_line(doc, "modal", "Modal verbs"),
        "- " + _cat_line(doc, "hedge", "Hedges (softening)"),
        "- " + _cat_line(doc, "booster", "Boosters (strengthening)"),
        "- " + _cat_line(doc, "in_group", "In-group “we/our/us”"),
    ]
    if n["booster"] > n["hedge"]:
        bal = "Boosters outnumber hedges: the text speaks with more certainty than caution."
    elif n["hedge"] > n["booster"]:
        bal = (
            "Hedges outnumber boosters: the text leaves room for doubt more often than it insists."
        )
    elif n["hedge"]:
        bal = "Hedges and boosters are equally frequent."
    else:
        bal = "The text uses neither hedges nor boosters on the rules' word lists."
    we = [d for d in doc.devices if d.category == "in_group"]
    if we:
        voices = Counter(_voice(doc, d.start) for d in we)
        bal += (
            " The “we” appears "
            + _join([f"{_times(k)} {v}" for v, k in sorted(voices.items())])
            + "."
        )
    else:
        bal += " There is no first-person plural: nobody speaks as “we”."
    return _md("\n".join(lines), bal)


# --------------------------------------------------------------------------- frames


def describe_frames(doc: Document) -> MarkdownText:
    """Entman's four functions: in which sentences each has a cue, and sentences with none."""
    if not doc.frames:
        return _md(
            "No framing cues were found in this statement: the rules see no problem, "
            "cause, judgement or remedy in its words."
        )
    by_fn: dict[str, list[int]] = {f: [] for f in FRAME_FUNCTIONS}
    for fr in doc.frames:
        by_fn.setdefault(fr.function, []).append(fr.sentence + 1)
    lines = []
    for fn, sents in by_fn.items():
        s = sorted(set(sents))
        cues = _wordings(fr.text for fr in doc.frames if fr.function == fn)
        where = (
            f"{_count(len(s), 'sentence')} ({', '.join(map(str, s))}); cues {cues}"
            if s
            else "no sentence"
        )
        lines.append(f"- **{fn.replace('_', ' ')}**: {where}")
    all4 = [
        i + 1 for i in range(len(doc.sentences)) if all(i + 1 in by_fn[f] for f in FRAME_FUNCTIONS)
    ]
    none = [i + 1 for i in range(len(doc.sentences)) if not any(i + 1 in v for v in by_fn.values())]
    tail = (
        f"Sentences with all four functions: {', '.join(map(str, all4))}."
        if all4
        else "No single sentence carries all four functions."
    )
    tail += (
        f" Sentences with no cue: {', '.join(map(str, none))}."
        if none
        else " Every sentence has at least one cue."
    )
    return _md("\n".join(lines), tail)


def answer_treatment(doc: Document) -> MarkdownText:
    """Model answer: the sentences that recommend a remedy (treatment recommendation cues)."""
    tr = [f for f in doc.frames if f.function == "treatment_recommendation"]
    if not tr:
        return _md(
            "**Model answer.** The rules find no remedy cue here. Read again for what the text "
            "asks of its reader or of the other side; if you find nothing, the text may only "
            "inform, or its demand may be implicit."
        )
    sents = sorted({f.sentence for f in tr})
    spans = [(i, doc.sentences[i]) for i in sents if i < len(doc.sentences)]
    rows = [f"- Sentence {i + 1}: {_esc(_clip(doc.text[s.start : s.end], 110))}" for i, s in spans]
    return _md(
        "**Model answer.** The sentences with a remedy cue are:",
        "\n".join(rows),
        "The rules mark a sentence when it contains a remedy word from their cue list, so "
        "check each: does it propose an action, or only mention one? For those that do, ask "
        "who is to act, and who decides that the remedy is the right one.",
    )


# --------------------------------------------------------------------------- 00 answers


def answer_first_reading(doc: Document) -> MarkdownText:
    """Model answer to "who speaks?": the publisher's voice plus the quoted and reported voices."""
    pub = _esc(doc.metadata.publisher) or "a publisher the metadata does not give"
    voices = sorted(
        {_speaker(q.speaker_name, q.speaker) for q in doc.quotes}
        | {_speaker(r.speaker_name, r.speaker) for r in doc.reported_speech}
    )
    lines = [f"**Model answer.** The text speaks in the voice of its publisher: {pub}."]
    if voices:
        lines.append(
            "It also lets others speak, quoted or reported: "
            + _join([_esc(v) for v in voices])
            + "."
        )
    else:
        lines.append("It quotes and reports nobody: every claim is the writer's own.")
    lines.append(
        "Who is addressed and what the reader should think or do are for you to argue "
        "from the text."
    )
    return _md(" ".join(lines))


def answer_provenance(doc: Document) -> MarkdownText:
    """Model answer: which provenance fields are missing or uncertain, and what to check."""
    m = doc.metadata
    missing = [
        k for k in ("title", "publisher", "date", "url", "genre", "licence") if not getattr(m, k)
    ]
    lines = ["**Model answer.**"]
    lines.append(
        "Missing fields: " + ", ".join(missing) + ". Find them before relying on the text."
        if missing
        else "Every field of the source card is filled."
    )
    if m.date_note:
        lines.append(
            f"The date comes with a note, so it is less certain than it looks: {_esc(m.date_note)}."
        )
    found_at = dict(m.extra).get("found_at")
    if found_at:
        lines.append(f"The provenance file says where this copy was found: {_esc(found_at)}")
    if m.url and not missing:
        lines.append(
            "Check the web address against the publisher's own site: a reprint can differ "
            "from the original."
        )
    return _md(" ".join(lines))


# --------------------------------------------------------------------------- a first item


def example_item(doc: Document):
    """One item to show the span-and-rule idea: the first quotation, else reported speech,
    else a mention, else the first sentence."""
    for pool in (doc.quotes, doc.reported_speech, doc.mentions, doc.sentences):
        if pool:
            return pool[0]
    raise InputError("this document has no parsed items at all")


# --------------------------------------------------------------------------- checking the rules

#: A negation one or two words before an evaluative word: the evaluation rule flips the
#: label only when "not", "never" or "n't" stands RIGHT before, so "not very constructive"
#: keeps "positive"; "no" and "without" it does not read at all.
_W = r"[\w’'-]+\s+"
_NEGATION = re.compile(
    rf"(?:\b(?:no|without|nor)\s+(?:{_W}){{0,2}}|\b(?:not|never)\s+(?:{_W}){{1,2}}"
    rf"|n[’']t\s+(?:{_W}){{1,2}})$",
    re.I,
)


def _negated(doc: Document, d: Device) -> bool:
    sent = doc.sentence_at(d.start)
    lo = sent.start if sent else max(0, d.start - 40)
    return bool(_NEGATION.search(doc.text[lo : d.start]))


def _at(doc: Document, text: str, pos: int) -> str:
    """ "“massive” (sentence 4)"."""
    return f"{_q(text, 40)} ({_where(doc, [pos])})"


def _checks(doc: Document) -> list[tuple[str, str]]:
    """(kind, Markdown line) for every place a rule may be wrong, in text order within kind."""
    out: list[tuple[str, str]] = []
    evals = [d for d in doc.devices if d.category == "evaluation"]
    for d in evals:
        if _negated(doc, d):
            out.append(
                (
                    "negation",
                    f"{_at(doc, d.text, d.start)} is counted as a {d.label} evaluation, but a "
                    f"negation stands a few words before it, which rule `{d.rule}` does not "
                    "take into account: is the label right?",
                )
            )
    for d in evals:
        if d.label == "negative" and d.target is None:
            out.append(
                (
                    "no target",
                    f"{_at(doc, d.text, d.start)} is a negative evaluation with no target: rule "
                    f"`{d.rule}` could not tell whom it is aimed at. Is it aimed at anyone?",
                )
            )
    same: dict[tuple[int, int], list[Device]] = {}
    for d in doc.devices:
        same.setdefault((d.start, d.end), []).append(d)
    for ds in same.values():
        cats = sorted({d.category.replace("_", " ") for d in ds})
        if len(cats) > 1:
            out.append(
                (
                    "two categories",
                    f"{_at(doc, ds[0].text, ds[0].start)} is counted in "
                    f"{_count(len(cats), 'category', 'categories')} at once "
                    f"({', '.join(cats)}): which reading fits here?",
                )
            )
    for q in doc.quotes:
        if q.speaker is None:
            out.append(
                (
                    "no speaker",
                    f"The quotation {_at(doc, q.text, q.start)} has no speaker: rule "
                    f"`{q.rule}` could not attribute it. Who said it?",
                )
            )
    for r in doc.reported_speech:
        if r.speaker is None:
            out.append(
                (
                    "no speaker",
                    f"Reported speech {_at(doc, r.text, r.start)} "
                    f"(verb “{_esc(r.reporting_verb)}”) "
                    f"has no speaker: is it speech at all? (rule `{r.rule}`)",
                )
            )
    return out


def rule_checks(doc: Document, per_kind: int = 2) -> MarkdownText:
    """Places where the rules may be wrong on THIS text: negated evaluations, evaluations
    without a target, one span in two categories, speech without a speaker.

    At most ``per_kind`` examples of each kind. An empty list is said in words: no flag
    does not mean the parse is right.
    """
    found = _checks(doc)
    if not found:
        return _md(
            "The automatic checks flag nothing in this text. That does not prove the parse "
            "right: rules also miss things silently (an evaluative word not on the list, a "
            "speaker named only by a pronoun)."
        )
    kinds = Counter(k for k, _ in found)
    shown: list[str] = []
    used: Counter[str] = Counter()
    lines_seen: set[tuple[str, str]] = set()
    for k, line in found:
        key = (k, line.split(" (", 1)[0])  # one example per wording and kind
        if key in lines_seen:
            continue
        lines_seen.add(key)
        if used[k] < per_kind:
            shown.append(f"- {line}")
            used[k] += 1
    more = sum(kinds.values()) - len(shown)
    tail = f"\n\n({_count(more, 'further flag')} of the same kinds not shown.)" if more else ""
    return _md(
        f"The automatic checks flag {_count(len(found), 'place')} in this text where a "
        "rule may be wrong:",
        "\n".join(shown) + tail,
    )


# --------------------------------------------------------------------------- the other side


def positions_table() -> TableOutput:
    """Stated positions from ``seeds/context/positions.toml``: Russia's first, then the others."""
    order = {"Russia": 0}
    rows = [
        (p.side, p.topic, p.speaker, p.date, p.summary, p.quote or "-", p.confidence)
        for p in sorted(context.positions(), key=lambda p: (order.get(p.side, 1), p.side, p.date))
    ]
    return TableOutput.from_rows(
        ("side", "topic", "speaker", "date", "stated position", "in their words", "status"),
        rows,
        "Stated positions of the parties (seeds/context/positions.toml)",
    )


def describe_claims(doc: Document) -> MarkdownText:
    """The contested claims of ``seeds/context/claims.toml`` found word for word in the text."""
    spans = context.claim_spans(doc.text)
    if not spans:
        return _md(
            "None of the contested claims recorded in the project's data "
            "(`seeds/context/claims.toml`) appears word for word in this statement. Find its "
            "claims yourself: which could the other side dispute, and with what evidence?"
        )
    lines = [
        f"- {_q(c.quote, 80)} ({_where(doc, [s])}): the record: {_esc(c.record)}"
        + (f" Russia's view: {_esc(c.russia_view)}" if c.russia_view else "")
        for c, s, _ in spans
    ]
    return _md(
        f"The project's data records {_count(len(spans), 'contested claim')} in this "
        "statement, each with what the record shows:",
        "\n".join(lines),
    )


def quote_checks(doc: Document) -> MarkdownText | TableOutput:
    """Whether the text's quotations could be checked against a transcript.

    The project's data (``seeds/context/seed_quotes.toml``) records such checks for the
    course text; for a statement that holds none of those quotations, a sentence says so
    and what to do instead.
    """
    if not any(q.text in doc.text for q in context.seed_quotes()):
        return _md(
            "The project's data records transcript checks only for the quotations of the "
            "course text, and this statement holds none of them. To check a quotation here, "
            "look for a transcript or recording of the occasion: the speaker's own office, a "
            "news agency's full text, a video."
        )
    return context.seed_quotes_table()


# --------------------------------------------------------------------------- references


def _own_reference(doc: Document) -> tuple[str, str]:
    """The analysed text's entry as (text, address): from its source record if the
    metadata's URL is a known source, else from the metadata, with "not given" fields."""
    m = doc.metadata
    for s in context.sources():
        if m.url and s.url == m.url:
            return context.reference_parts(s)
    if m == Metadata():
        return "The text analysed: no metadata was given (publisher, title and date unknown).", ""
    text = " ".join(
        [
            (m.publisher or "Publisher not given").rstrip(".") + ".",
            f"“{m.title or 'Title not given'}”.",
            (m.date or "Date not given") + ".",
        ]
    )
    return text, m.url or "Web address not given"


def _reference_line(text: str, where: str) -> str:
    """Escape the text, link the address (percent-encoded), never both."""
    if not where:
        return md_escape(text)
    return f"{md_escape(text)} {md_url(where)}."


def references(doc: Document, source_ids: Iterable[str] = ()) -> MarkdownText:
    """The bibliography: the analysed text first, then the context sources used (from
    ``seeds/context/sources.toml`` via :func:`diplotext.context.references`). Text is
    Markdown-escaped; a web address is a percent-encoded autolink, not escaped."""
    own = _own_reference(doc)
    rest = [e for e in context.reference_entries(source_ids) if e != own]
    lines = [f"{i}. {_reference_line(*e)}" for i, e in enumerate([own, *rest], 1)]
    known = any(s.url and s.url == doc.metadata.url for s in context.sources())
    if not known and doc.metadata != Metadata():
        lines[0] += " (from the text's metadata file)"
    return _md("\n".join(lines))


def context_sources(doc: Document) -> tuple[str, ...]:
    """Source ids behind the context shown with ``doc``: the positions table, and the
    contested claims that occur in its text."""
    found = [c for c, _, _ in context.claim_spans(doc.text)]
    return context.sources_of([*context.positions(), *found])


# --------------------------------------------------------------------------- figures and tables


def _left_out(what: str, number: int | None, reason: str) -> MarkdownText:
    label = f"{what} {number}" if number is not None else what
    return _md(f"*{label} is left out: {reason}*")


def figure(
    doc: Document, kind: str, number: int | None = None, actor: str = "RUS"
) -> FigureOutput | MarkdownText:
    """A text figure (``"speakers"``, ``"naming"``, ``"devices"``, ``"frames"``) from
    :mod:`diplotext.figures.text`, or one sentence saying why it is left out when the
    document has nothing to draw (never an empty figure)."""
    return _figure(doc, kind, number, actor)


def _figure(
    doc: Document, kind: str, number: int | None, actor: str
) -> FigureOutput | MarkdownText:
    from .figures import text as tf

    if kind == "speakers":
        if not doc.quotes and not doc.reported_speech:
            return _left_out("Figure", number, "this statement quotes and reports nobody.")
        return tf.speakers_figure(doc, number)
    if kind == "naming":
        if not any(m.actor == actor for m in doc.mentions):
            who = _esc(_actor_name(doc, actor))
            return _left_out("Figure", number, f"this statement never mentions {who}.")
        return tf.naming_figure(doc, actor, number)
    if kind == "devices":
        if not doc.devices:
            return _left_out("Figure", number, "the rules found no rhetorical devices here.")
        return tf.devices_figure(doc, per_100_words=True, number=number)
    if kind == "frames":
        if not doc.frames:
            return _left_out("Figure", number, "the rules found no framing cues here.")
        return tf.frames_figure(doc, number)
    raise InputError(f"unknown figure {kind!r}; use speakers, naming, devices or frames")


def table(doc: Document, kind: str) -> TableOutput | MarkdownText:
    """A table of the parse (``"quotes"``, ``"reported"``, ``"mentions"`` or a highlighter
    category such as ``"evaluation"``), or one sentence when there is nothing to list."""
    from . import render

    if kind == "quotes":
        if not doc.quotes:
            return _md("*No table: this statement contains no direct quotations.*")
        return render.quotes_table(doc)
    if kind == "reported":
        if not doc.reported_speech:
            return _md("*No table: this statement contains no reported speech.*")
        return render.reported_table(doc)
    if kind == "mentions":
        if not doc.mentions:
            return _md("*No table: the rules found no mentions of actors.*")
        return render.mentions_by_form(doc)
    keys = render.resolve_categories(kind, doc)
    if not any(render.items(doc, k) for k in keys):
        return _md(f"*No table: the rules found no {md_escape(kind.replace('_', ' '))} items.*")
    return render.items_table(doc, kind)


def flagged_item(doc: Document):
    """The first item :func:`rule_checks` would flag (to run ``dt.explain`` on), else the
    first rhetorical device, else :func:`example_item`."""
    for d in doc.devices:
        if d.category == "evaluation" and (
            (d.label == "negative" and d.target is None) or _negated(doc, d)
        ):
            return d
    for q in doc.quotes:
        if q.speaker is None:
            return q
    return doc.devices[0] if doc.devices else example_item(doc)
