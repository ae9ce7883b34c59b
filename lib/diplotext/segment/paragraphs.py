"""Paragraph rules (segment.hard_wrapped, segment.paragraphs) and list items
(segment.list_items): what the sentence boundary rules then work inside."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..model import Paragraph
from ..state import State
from .boundaries import LINE_BREAKS

_PARA_RE = re.compile(f"[^{LINE_BREAKS}]+")

_LINE = re.compile(f"[^{LINE_BREAKS}]*(?:\r\n|[{LINE_BREAKS}]|$)")
_ENDS_SENTENCE = '.?!:;"”’)]'
_ITEM_START = re.compile(r"\s|[•⁃‣◦▪*\-–]\s|\(?(?:\d{1,3}|[a-z])[.)]\s|[A-Z][A-Z.’' -]*:")


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line's content (end before the line break)."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        end = m.end()
        while end > m.start() and text[end - 1] in LINE_BREAKS:
            end -= 1
        out.append((m.start(), end))
    return out


def _goes_on(line: str) -> bool:
    """Whether a line starts like the rest of a sentence: a lowercase word or a number."""
    first = line.lstrip()[:1]
    return first.islower() or first.isdigit()


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width a text is hard-wrapped at, or None (see segment.hard_wrapped)."""
    inner = [
        (a, b) for a, b in pairwise(lines) if text[slice(*a)].strip() and text[slice(*b)].strip()
    ]
    if len(inner) < 4:
        return None
    lengths = sorted(len(text[slice(*a)].rstrip()) for a, _ in inner)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    near = sum(1 for n in lengths if width - 15 <= n <= width + 5)
    mid = sum(
        1
        for a, b in inner
        if text[slice(*a)].rstrip()[-1:] not in _ENDS_SENTENCE and _goes_on(text[slice(*b)])
    )
    return width if near >= 0.6 * len(inner) and mid >= 0.3 * len(inner) else None


def hard_wrapped(state: State) -> list[Paragraph] | None:
    """segment.hard_wrapped: a text hard-wrapped at one width is unwrapped into paragraphs.

    Archives and e-mail store text with lines broken at about 72 columns. The text counts
    as hard-wrapped when, of the lines followed by another non-blank line, at least 60%
    are within 15 characters of one width (40 to 100 characters: the longest 10% left
    out) and at least 30% end in mid-sentence: not in ``. ? ! : ;`` or a closing mark, and
    the next line goes on with a lowercase word or a number (a list of headlines in Title
    Case is not wrapped prose).
    Then a paragraph runs over its lines, so that a line break inside it is a space; it
    ends at a blank line, after a line that is short (20 characters under the width) and
    ends a sentence, or before an indented line, a list item or a speaker label.
    Texts with one paragraph per line (like the seed) are not hard-wrapped: their lines
    are longer than 100 characters or end their sentences. ``parse(keep_lines=True)`` (or
    disabling this rule) keeps one paragraph per line.
    """
    text = state.text
    lines = _lines(text)
    width = _wrap_width(text, lines)
    if width is None:
        return None

    def breaks_after(k: int) -> bool:
        s, e = lines[k]
        content = text[s:e].strip()
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        short_end = len(text[s:e].rstrip()) < width - 20 and content[-1:] in _ENDS_SENTENCE
        return (
            nxt is None
            or not text[nxt[0] : nxt[1]].strip()
            or short_end
            or bool(_ITEM_START.match(text, nxt[0], nxt[1]))
        )

    return _paragraphs_of(text, lines, breaks_after)


def broken_lines(state: State) -> list[Paragraph] | None:
    """segment.broken_lines: a line that goes on the sentence of the line above it is part
    of that line's paragraph.

    In a text that is not hard-wrapped (segment.hard_wrapped), one paragraph a line, a
    stray line break sometimes cuts a sentence: ``... today released a message to the
    force`` / ``reinforcing the department's priorities.``. When a line ends with a letter
    or a digit (no punctuation at all: a treaty's preamble clauses, each on its own line
    and ending in a comma, stay apart) and the next line, with no blank line between,
    starts with a lowercase word, the two are one paragraph and the break is a space.
    None when no line is joined (segment.paragraphs then makes one paragraph a line).
    ``parse(keep_lines=True)`` switches this off too.
    """
    text = state.text
    lines = _lines(text)
    joined = {
        k
        for k in range(1, len(lines))
        if text[slice(*lines[k - 1])].rstrip()[-1:].isalnum()
        and text[slice(*lines[k])].lstrip()[:1].islower()
        and not _ITEM_START.match(text, *lines[k])
    }
    if not joined:
        return None
    return _paragraphs_of(text, lines, lambda k: k + 1 not in joined)


def _paragraphs_of(
    text: str, lines: list[tuple[int, int]], breaks_after: Callable[[int], bool]
) -> list[Paragraph]:
    """Paragraphs over runs of non-blank lines: each run ends after a line ``k`` for which
    ``breaks_after(k)`` holds (segment.hard_wrapped and segment.broken_lines)."""
    out: list[Paragraph] = []
    start = None
    for k, (s, e) in enumerate(lines):
        if not text[s:e].strip():
            continue
        if start is None:
            start = s
        if breaks_after(k):
            out.append(Paragraph(len(out), *_trim_span(text, start, e), rule=""))
            start = None
    return out


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(state: State) -> list[Paragraph]:
    """segment.paragraphs: a paragraph is one line of the text.

    Lines end at ``\\n``, ``\\r\\n``, ``\\r`` (and the other line breaks Python's
    ``str.splitlines`` knows). Blank lines give no paragraph, so one or several blank lines
    between paragraphs make no difference. Spans leave out the whitespace around the line.
    Why lines and not blank lines: statements copied from web pages put one paragraph on
    each line (like the seed text); a text with blank lines between paragraphs gives the
    same result.
    """
    text = state.text
    out: list[Paragraph] = []
    for m in _PARA_RE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Paragraph(index=len(out), start=start, end=end, rule=""))
    return out


_MARKER = re.compile(
    r"(?P<bullet>[•⁃‣◦▪]\s*)?"
    r"(?:\((?P<plabel>\d{1,3}|[a-z])\)|(?P<label>\d{1,3}|[a-z])(?P<punct>\.\)|[.)]))"
    r"(?=\s)"
)


def list_items(state: State) -> tuple[tuple[int, int], ...] | None:
    """segment.list_items: numbered, lettered and bulleted list items start a sentence.

    A paragraph that opens with a list marker (``1.``, ``1)``, ``1.)``, ``(a)``, ``a.``,
    optionally after a bullet ``•`` ``⁃``: ``• 9.``) is a list item, and so is every later
    marker of the same style in the paragraph that continues the sequence (``2.`` after
    ``1.``, ``b.`` after ``a.``, ``• 10.`` after ``• 9.``): each item starts a new sentence
    (``1. The first item 2. The second item`` is two), and the marker's point never ends one
    (a numbered paragraph of a communiqué, ``1. We, the Heads of State ...``, stays whole).
    ``state.here`` is the paragraph; the answer is ``(start, marker end)`` of each item.
    """
    p, text = state.here, state.text
    m = _MARKER.match(text, p.start, p.end)
    if m is None:
        return None
    items = [(m.start(), m.end())]
    label, style = _label(m), _style(m)
    for later in _LATER_MARKER.finditer(text, m.end(), p.end):  # one pass: linear
        if _style(later) == style and _label(later) == _next_label(label):
            items.append((later.start(), later.end()))
            label = _label(later)
    return tuple(items)


_LATER_MARKER = re.compile(r"(?<=\s)" + _MARKER.pattern)


def _label(m: re.Match[str]) -> str:
    return m.group("plabel") or m.group("label")


def _style(m: re.Match[str]) -> tuple[str, str]:
    """The bullet and the punctuation of a marker: items of one list share them."""
    punct = "()" if m.group("plabel") else m.group("punct")
    return (m.group("bullet") or "").strip(), punct


def _next_label(label: str) -> str:
    """The label after ``label`` in a list: "2" after "1", "b" after "a"."""
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
