"""The scan rules of the quotes step: quotation marks, transcript turns, reporting verbs.

Each is a rule ``rule(state)`` that returns what it found; the driver keeps the results
in the step's :class:`~diplotext.quotes.context.Context`. ``state.items`` holds the result
of quotes.marks when quotes.reporting_verbs runs (verbs inside quotations are left out).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..model import Actor, Paragraph
from ..state import State
from .context import _DASHES, _MARK_RE, _OPENERS, Context, Marks, Turn, VerbHit, _verb_re


def _opens(before: str, after: str) -> bool:
    return (
        (before.isspace() or before in _OPENERS + _DASHES + ":;,/" or before == "")
        and bool(after)
        and not after.isspace()
    )


def _closes(before: str, after: str) -> bool:
    return bool(before) and not before.isspace() and not (after and after.isalnum())


def marks(state: State) -> tuple[Marks, ...]:
    """quotes.marks: pair quotation marks into quotations, one paragraph at a time.

    - Double marks: curly ``“ ”`` and straight ``"``, in any mix (``“...\"`` closes). A
      straight ``"`` opens when no quotation is open and a non-space follows, else it closes.
    - Single curly marks ``‘ ’`` make a quotation of their own when no double quotation is
      open (British style); so do straight ``' '`` (``accuses 'an attempt to intimidate'``),
      but only when a letter follows the opening mark and the closing mark comes in the
      same paragraph (else the first ``'`` was an apostrophe: ``'90s``, ``'em``), and a
      double or curly mark opening meanwhile ends that reading. Inside a double
      quotation, ``‘ ’`` (or straight ``' '``) make a *nested* quotation. ``’`` between
      letters (``Russia’s``, ``don’t``) is an apostrophe.
    - A closing mark with no open quotation is ignored (a stray mark must not swallow text).
    - **Unclosed quotations end at the end of their paragraph.** If the next paragraph opens
      with a quotation mark, that is the newspaper convention for a quotation running over
      several paragraphs (the opening mark is repeated, no closing mark until the end): the
      next piece is marked ``continued`` (rule ``quotes.continued_paragraph``).
    - Empty quotations (``“”``) are dropped.
    """
    text, paragraphs = state.text, state.paragraphs
    out: list[Marks] = []
    carry = False  # the previous paragraph ended inside an unclosed quotation
    for p in paragraphs:
        pairing = _Pairing(text, p, carry)
        for m in _MARK_RE.finditer(text, p.start, p.end):
            pairing.see(m.start())
        carry = pairing.finish()
        out += pairing.out
    out.sort(key=lambda q: q.start)
    return tuple(out)


@dataclass
class _Pairing:
    """Pairs the marks of one paragraph, left to right (see quotes.marks)."""

    text: str
    p: Paragraph
    carry: bool
    out: list[Marks] = field(default_factory=list)
    open_at: int | None = None
    level: str = ""  # "double" or "single" while a quotation is open
    nested_at: int | None = None
    first: bool = True
    continued: bool = False

    def see(self, k: int) -> None:
        text, p = self.text, self.p
        ch = text[k]
        before = text[k - 1] if k > p.start else ""
        after = text[k + 1] if k + 1 < p.end else ""
        if self.open_at is None:
            self._open(k, ch, before, after)
        elif self.level == "double":
            self._in_double(k, ch, before, after)
        elif self.level == "straight":
            self._in_straight(k, ch, before, after)
        elif ch in "’" and _closes(before, after) and not (before.isalpha() and after.isalpha()):
            self._close(k)

    def _in_straight(self, k: int, ch: str, before: str, after: str) -> None:
        if ch == "'" and _closes(before, after) and not (before.isalpha() and after.isalpha()):
            self._close(k)
        elif ch in '“"‘':  # a real quotation opens: the ' was an apostrophe ('em, '90s)
            self.open_at, self.level = None, ""
            self._open(k, ch, before, after)

    def _open(self, k: int, ch: str, before: str, after: str) -> None:
        if ch == "“" or (ch == '"' and _opens(before, after)):
            self.open_at, self.level = k, "double"
        elif ch == "‘" and _opens(before, after):
            self.open_at, self.level = k, "single"
        elif ch == "'" and _opens(before, after) and after.isalpha():
            self.open_at, self.level = k, "straight"
        if self.open_at is not None and self.first:
            self.continued = self.carry and k == self.p.start
            self.first = False

    def _in_double(self, k: int, ch: str, before: str, after: str) -> None:
        if ch in '”"':
            self._close(k)
            self.nested_at = None
        elif ch in "‘'" and self.nested_at is None and _opens(before, after):
            self.nested_at = k
        elif ch in "’'" and self.nested_at is not None and _closes(before, after):
            if self.text[self.nested_at + 1 : k].strip():
                self.out.append(
                    Marks(self.nested_at, self.nested_at + 1, k, k, self.p.index, nested=True)
                )
            self.nested_at = None

    def _close(self, k: int) -> None:
        start = self.open_at + 1  # type: ignore[operator]
        if self.text[start:k].strip():
            self.out.append(Marks(start - 1, start, k, k, self.p.index, continued=self.continued))
        self.open_at, self.continued = None, False

    def finish(self) -> bool:
        """Close a quotation left open at the paragraph end; True if one was. A straight
        single mark never closed in its paragraph was an apostrophe: no quotation."""
        if self.open_at is None or self.level == "straight":
            return False
        end = self.p.end
        if self.text[self.open_at + 1 : end].strip():
            self.out.append(
                Marks(
                    self.open_at,
                    self.open_at + 1,
                    end,
                    None,
                    self.p.index,
                    continued=self.continued,
                )
            )
        return True


def turns(state: State) -> tuple[Turn, ...]:
    """quotes.turns: transcript speaker labels (``SECRETARY BLINKEN:``, ``QUESTION:``, ``Q:``).

    A label opens a paragraph: one to five words in capital letters (points, hyphens and
    apostrophes allowed; one letter only for ``Q``) followed by a colon. The turn it opens
    runs until the next label.
    """
    text, paragraphs = state.text, state.paragraphs
    out = []
    for p in paragraphs:
        m = _LABEL_RE.match(text, p.start, p.end)
        if not m:
            continue
        label = m.group("label")
        if (sum(ch.isalpha() for ch in label) < 2 and label != "Q") or label.upper() != label:
            continue
        end = m.end()
        while end < p.end and text[end].isspace():
            end += 1
        out.append(Turn(p.index, p.start, end, label))
    return tuple(out)


_BARE_Q = re.compile(r"Q(?:[ \t]+|\.[ \t]+)(?=\S)")


def bare_q_label(state: State) -> tuple[Turn, ...]:
    """quotes.bare_q_label: ``Q`` with no colon opening a paragraph (White House and
    interview transcripts: ``Q   Thank you, Karine.``) is the questioner's label.

    Counted only in a transcript: when the text has another speaker label (quotes.turns)
    or at least two such paragraphs, so that a sentence starting with the letter Q is not
    read as a label. A questioner is nobody: the turn's speaker is None.
    """
    text = state.text
    out = []
    for p in state.paragraphs:
        m = _BARE_Q.match(text, p.start, p.end)
        if m:
            out.append(Turn(p.index, p.start, m.end(), "Q"))
    if len(out) < 2 and not state.items.get("quotes.turns"):
        return ()
    return tuple(out)


_LABEL_RE = re.compile(
    r"(?P<label>{w}(?:[ \t]+{w}){{0,4}})[ \t]*:(?=\s|$)".format(
        w=r"[^\W\d_](?:[^\W\d_.’'\-]|-(?=[^\W\d_]))*\.?"  # a word, hyphens inside (JEAN-PIERRE)
    )
)


def turn_speaker(ctx: Context, turn: Turn, actors: tuple[Actor, ...]) -> str | None:
    """Who a transcript turn belongs to (see quotes.speaker_label)."""
    cands = ctx.mentions_in(turn.start, turn.end)
    if cands:
        persons = [m for m in cands if ctx.kinds.get(m.actor) == "person"]
        return (persons or cands)[0].actor
    words = {w.strip(".’'").casefold() for w in turn.label.split()}
    hits = [a.id for a in actors if a.kind == "person" and a.name.split()[-1].casefold() in words]
    return hits[0] if len(set(hits)) == 1 else None


#: Every rule of this step (for diplotext.explain), in the order the step uses them.


def reporting_verbs(state: State) -> tuple[VerbHit, ...]:
    """quotes.reporting_verbs: the reporting verbs of ``data/reporting_verbs.txt`` in the text.

    Whole words only, in lower case as written in running text; ``so-called`` and other
    hyphenated forms do not match.
    Verbs inside a quotation are left out: what a speaker says inside quotation marks is
    the quotation, not the writer's report of it. Reads the quotations of quotes.marks
    (``state.items``, the results of the scan rules so far).
    """
    text, marks = state.text, state.items.get("quotes.marks", ())
    spans = sorted((q.start, q.end) for q in marks if not q.nested)
    starts = [s for s, _ in spans]
    out = []
    for m in _verb_re().finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and spans[i][0] <= m.start() < spans[i][1]:
            continue
        out.append(VerbHit(m.start(), m.end(), " ".join(m.group(0).split())))
    return tuple(out)
