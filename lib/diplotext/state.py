"""The per-document state every rule reads: the text and everything found so far.

One :class:`State` is made per parse. The pipeline folds each step's fields into
``state.doc`` (a frozen :class:`~diplotext.model.Document`); a rule reads the text, the
paragraphs and sentences, the word index and the items of earlier steps from the state,
and asks :meth:`State.sentence_at` which sentence holds an offset (the one place this is
computed). Decision chains point ``state.here`` at the thing being decided, and a step may
keep its own lookups in ``state.local`` (see :mod:`diplotext.ruler`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from dataclasses import replace
from functools import cached_property
from typing import Any

from .model import Document, Mention, Metadata, Paragraph, Sentence
from .textindex import WordIndex, build_word_index

# Used only when a Document is built without the segment step (tests, disabled rules):
# a sentence ends at . ! or ? (plus closing quotes) before a capital, and at line breaks.
_FALLBACK_SENT = re.compile(r"[^\n]+?(?:[.!?][”\"’)]*(?=\s+[“\"(]?[A-Z0-9])|$)", re.MULTILINE)


#: Lookups derived from ``doc``: forgotten when a step adds fields.
_DERIVED = (
    "sentence_spans",
    "_sentence_starts",
    "_mentions",
    "_mention_starts",
    "actor_kind",
    "actor_state",
    "actor_name",
)


class State:
    """Everything the rules of one parse read (see the module docstring)."""

    def __init__(
        self, doc: Document, disabled: Collection[str] = (), words: WordIndex | None = None
    ) -> None:
        self.doc = doc
        self.disabled = frozenset(disabled)
        self.here: Any = None  # what a decision chain is deciding about
        self.items: list[Any] = []  # items of the rules of this chain run so far
        self.local: Any = None  # a step's own lookups, built by its driver
        if words is not None:
            self.__dict__["words"] = words

    @classmethod
    def of(cls, doc: Document | State) -> State:
        """``doc`` itself if it is a State, else a new State over the Document."""
        return doc if isinstance(doc, State) else cls(doc)

    @classmethod
    def new(cls, text: str, metadata: Metadata | None = None, disabled=()) -> State:
        """A state over a text nothing has been found in yet."""
        return cls(Document(text=text, metadata=metadata or Metadata()), disabled)

    def update(self, fields: Mapping[str, Any]) -> None:
        """Fold a step's fields into ``doc`` (and forget lookups built on the old ones)."""
        self.doc = replace(self.doc, **fields)
        for name in _DERIVED:
            self.__dict__.pop(name, None)

    # -- the document so far ---------------------------------------------------------
    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def metadata(self) -> Metadata:
        return self.doc.metadata

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.doc.paragraphs

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.doc.sentences

    @cached_property
    def words(self) -> WordIndex:
        """The word index of the text (:mod:`diplotext.textindex`), built once per parse."""
        return build_word_index(self.doc.text)

    # -- sentences ----------------------------------------------------------------------
    @cached_property
    def sentence_spans(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of every sentence: the segment step's, or a crude fallback."""
        if self.doc.sentences:
            return tuple((s.start, s.end) for s in self.doc.sentences)
        text = self.doc.text
        spans = []
        for m in _FALLBACK_SENT.finditer(text):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            if s < e:
                spans.append((s, e))
        return tuple(spans)

    @cached_property
    def _sentence_starts(self) -> tuple[int, ...]:
        return tuple(s for s, _ in self.sentence_spans)

    def sentence_index(self, pos: int, containing: bool = True) -> int | None:
        """Index of the sentence holding ``pos`` (one bisect). With ``containing=False``,
        the last sentence starting at or before ``pos`` even if it ends before it."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i < 0 or (containing and pos >= self.sentence_spans[i][1]):
            return None
        return i

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding character offset ``pos`` (None between sentences)."""
        i = self.sentence_index(pos)
        if i is None:
            return None
        if self.doc.sentences:
            return self.doc.sentences[i]
        s, e = self.sentence_spans[i]
        return Sentence(i, s, e, 0, "segment.fallback")

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``pos``, or ``(pos, pos)``."""
        i = self.sentence_index(pos)
        return (pos, pos) if i is None else self.sentence_spans[i]

    # -- mentions and actors ------------------------------------------------------------
    @cached_property
    def _mentions(self) -> tuple[Mention, ...]:
        return tuple(sorted(self.doc.mentions, key=lambda m: (m.start, m.end)))

    @cached_property
    def _mention_starts(self) -> tuple[int, ...]:
        return tuple(m.start for m in self._mentions)

    def mentions_in(self, start: int, end: int) -> tuple[Mention, ...]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        i = bisect_left(self._mention_starts, start)
        j = bisect_left(self._mention_starts, end)
        return tuple(m for m in self._mentions[i:j] if m.end <= end)

    def first_mention_in(self, start: int, end: int) -> Mention | None:
        """The first mention lying wholly inside ``[start, end)`` (no list is built)."""
        i = bisect_left(self._mention_starts, start)
        while i < len(self._mentions) and self._mentions[i].start < end:
            if self._mentions[i].end <= end:
                return self._mentions[i]
            i += 1
        return None

    @cached_property
    def actor_kind(self) -> Mapping[str, str]:
        return {a.id: a.kind for a in self.doc.actors}

    @cached_property
    def actor_state(self) -> Mapping[str, str | None]:
        return {a.id: a.state for a in self.doc.actors}

    @cached_property
    def actor_name(self) -> Mapping[str, str]:
        return {a.id: a.name for a in self.doc.actors}
