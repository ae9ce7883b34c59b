"""The output type of the generated prose (:class:`MarkdownText`) and the small helpers
every section uses: numbers in words, joined lists, escaped and clipped quotations,
sentence numbers, speakers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import actors
from ..display import md_escape
from ..model import Document

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
