"""The data model: frozen dataclasses, each item with a character span and a rule id.

Every item the parser emits carries ``start``/``end`` (Python ``str`` indices into
``Document.text``, end exclusive) and ``rule``: the id of the rule that produced it
(``"quotes.said_after"``, ``"rhetoric.evaluation_lexicon"``, ...). ``diplotext.explain(rule)``
shows a rule's docstring and source, so a lesson can always answer "why was this tagged?".

The classes hold data only; the work is done by one module per pipeline step
(``segment``, ``formats``, ``actors``, ``quotes``, ``timex``, ``rhetoric``, ``frames``)
and summarised by ``present``. :func:`to_dict` (``Document.to_dict``) turns a document
into plain JSON-ready data; this module imports no other module of the package.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

#: Categories of rhetorical devices (``Device.category``), in the order lessons show them.
DEVICE_CATEGORIES: tuple[str, ...] = (
    "evaluation",  # evaluative language; label = "negative" | "positive"
    "conditional",  # if-clause + main clause; label = "offer" | "threat" | "norm"
    "commissive",  # the speaker commits to a future act ("we are committed to", "will face")
    "list_of_three",  # three coordinated items
    "contrast",  # antithesis and contrast ("not X but Y", "just as", "while")
    "modal",  # modal verbs (can, must, will, ...)
    "hedge",  # softening (may, could, try to, some)
    "booster",  # strengthening (clearly, fully, made clear)
    "intensifier",  # intensifiers and superlatives ("only", "massive", "not seen before")
    "in_group",  # first-person plural ("we", "our", "us")
    "presupposition",  # presupposition triggers ("further", "the latest", "again")
)

#: Entman's (1993) four framing functions (``Frame.function``).
FRAME_FUNCTIONS: tuple[str, ...] = (
    "problem_definition",
    "causal_interpretation",
    "moral_evaluation",
    "treatment_recommendation",
)

#: Forms a mention can take (``Mention.form``).
MENTION_FORMS: tuple[str, ...] = (
    "name",  # a proper name, with or without a title: "Russia", "Secretary Blinken"
    "acronym",  # "U.S.", "NATO", "EU"
    "metonym",  # a place or building standing for a state: "Moscow", "the Kremlin"
    "title",  # a role without the name: "the Secretary", "the Deputy Secretary"
    "group",  # a group of actors: "its Allies and partners"
    "adjective",  # a demonym or adjective: "Russian", "American"
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: a run of text between blank lines or line breaks."""

    index: int
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Sentence:
    """A sentence, with the index of the paragraph it belongs to."""

    index: int
    start: int
    end: int
    paragraph: int
    rule: str


@dataclass(frozen=True)
class Actor:
    """Someone who can speak or be spoken of: a state, organisation, group or person.

    ``id`` is canonical: ISO 3166-1 alpha-3 for states (``"RUS"``), the acronym for
    organisations (``"NATO"``), a lowercase slug for people (``"antony-blinken"``) and
    groups. ``known`` is False for actors the rules inferred from the text (a titled
    name not in the gazetteer).
    """

    id: str
    name: str
    kind: str  # "state" | "organisation" | "group" | "person"
    known: bool = True
    state: str | None = None  # the state a person or group speaks for, if known


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to an actor, and the form it takes (see MENTION_FORMS)."""

    start: int
    end: int
    text: str
    actor: str
    form: str
    rule: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation. ``start``/``end`` span the text *inside* the quotation marks.

    ``kind`` is ``"full"`` (the quote is a whole sentence or more) or ``"fragment"`` (a
    piece woven into the writer's own sentence). ``frame`` says where the attribution
    stands: ``"before"`` the quote, ``"after"`` it, or ``"none"`` (inherited from the
    current speaker).
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_name: str | None
    reporting_verb: str | None
    kind: str
    frame: str
    rule: str


@dataclass(frozen=True)
class ReportedSpeech:
    """Indirect speech: a speaker, a reporting verb and the span of the reported content."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_name: str | None
    reporting_verb: str
    rule: str


@dataclass(frozen=True)
class FormatMention:
    """A negotiation format or body ("Strategic Stability Dialogue", "NRC") and its id."""

    start: int
    end: int
    text: str
    id: str
    name: str
    rule: str


@dataclass(frozen=True)
class TimeExpression:
    """A time expression. ``value`` is normalised where possible.

    Values: ISO dates ``"2022-01-10"``, months ``"2022-01"``, years ``"2014"``, ISO 8601
    durations ``"P20Y"``; relative expressions that need an anchor date get a value only
    when the document's date is known (else ``None``). ``kind`` is one of ``"date"``,
    ``"relative"``, ``"duration"``, ``"time"``.
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str
    rule: str


@dataclass(frozen=True)
class Part:
    """A named piece of a device, e.g. the ``"if"`` and ``"main"`` clauses of a conditional."""

    role: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Device:
    """A rhetorical device (see DEVICE_CATEGORIES).

    ``label`` refines the category (``"negative"`` evaluation, ``"threat"`` conditional,
    ``"superlative"`` intensifier ...). ``target`` is the actor id the device is about,
    where one can be identified. ``parts`` holds sub-spans (the items of a list of three,
    the two clauses of a conditional).
    """

    start: int
    end: int
    text: str
    category: str
    rule: str
    label: str | None = None
    target: str | None = None
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Frame:
    """One of Entman's four framing functions, assigned to a sentence by a cue rule.

    ``start``/``end``/``text`` are the cue that triggered the rule.
    """

    sentence: int
    function: str
    rule: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Metadata:
    """Provenance of a document. Unknown fields are ``None`` (stated, never invented)."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # as precise as known: "2022-01", "2022-01-10"
    date_note: str | None = None
    url: str | None = None
    genre: str | None = None
    licence: str | None = None
    sha256: str | None = None
    note: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Turn:
    """A transcript turn: a speaker label at the start of a paragraph (``MR PRICE:``,
    ``QUESTION:``, ``Q``) and what follows it up to the next label. ``start``/``end`` span
    the label and the turn; ``speaker`` is the labelled speaker's actor (None for a
    questioner or a label that names nobody the parser knows)."""

    start: int
    end: int
    label: str
    speaker: str | None
    speaker_name: str | None
    rule: str


@dataclass(frozen=True)
class Document:
    """A parsed statement: the text plus tuples of items with spans into it."""

    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    formats: tuple[FormatMention, ...] = ()
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reported_speech: tuple[ReportedSpeech, ...] = ()
    turns: tuple[Turn, ...] = ()
    time_expressions: tuple[TimeExpression, ...] = ()
    devices: tuple[Device, ...] = ()
    frames: tuple[Frame, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing character offset ``pos``, or None."""
        from bisect import bisect_right

        i = bisect_right([s.start for s in self.sentences], pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def word_count(self) -> int:
        """Number of words (whitespace-separated tokens containing a letter or digit)."""
        return sum(1 for w in self.text.split() if any(c.isalnum() for c in w))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the public schema in docs/schema.json)."""
        return to_dict(self)


# --------------------------------------------------------------------------- plain data

SCHEMA_VERSION = "1.0"


def metadata_dict(meta: Metadata) -> dict[str, Any]:
    """Metadata as a flat dict (``extra`` pairs folded in)."""
    out = {f.name: getattr(meta, f.name) for f in fields(meta) if f.name != "extra"}
    out.update(dict(meta.extra))
    return out


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain JSON-ready data (see docs/schema.json).

    The keys and field names are a public interface, described by ``docs/schema.json``
    (validated in the tests). New keys may be added; these stay.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "metadata": metadata_dict(doc.metadata),
        "text": doc.text,
        "paragraphs": [asdict(p) for p in doc.paragraphs],
        "sentences": [asdict(s) for s in doc.sentences],
        "actors": {
            a.id: {"name": a.name, "kind": a.kind, "known": a.known, "state": a.state}
            for a in doc.actors
        },
        "mentions": [asdict(m) for m in doc.mentions],
        "quotes": [asdict(q) for q in doc.quotes],
        "reported_speech": [asdict(r) for r in doc.reported_speech],
        "turns": [asdict(t) for t in doc.turns],
        "formats": [asdict(f) for f in doc.formats],
        "time_expressions": [asdict(t) for t in doc.time_expressions],
        "devices": [asdict(d) for d in doc.devices],
        "frames": [asdict(f) for f in doc.frames],
    }
