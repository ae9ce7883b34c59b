"""Show a parsed :class:`~diplotext.model.Document` as numbered text, highlighted HTML and tables.

Everything here is a pure function of the document: no widgets, no global state, and the
same document always gives the same output (nbval compares it). Every piece of text that
comes from the document is HTML-escaped, in element content and in attribute values, so a
statement containing ``<script>`` or ``" onmouseover=`` is shown, never run.

Three views, each with an HTML and a plain-text form:

* :func:`numbered_text` / :func:`numbered_text_plain` (and :class:`TextView`): the text with
  paragraph numbers (``¶1``) and sentence numbers (``[1]``), so a lesson can say "sentence 4".
* :func:`highlight` / :func:`highlight_plain` (and :class:`Highlighted`): coloured ``<mark>``
  spans for chosen categories (see :data:`CATEGORIES`), each with a tooltip naming the
  category, label, target and the **rule id** that found it (``diplotext.explain(rule)``
  shows that rule). Colours are Okabe-Ito (colour-blind safe) and every category has a
  second cue that survives greyscale printing: an underline style and a short code
  (``Ev``, ``Q`` ...) written after each span.
* :func:`items_table`, :func:`quotes_table`, :func:`reported_table`,
  :func:`mentions_by_form`: :class:`~diplotext.display.TableOutput` tables.

Overlapping items (a device inside a quote, two devices that cross) are nested; where two
spans cross, the inner one is closed and re-opened around the boundary, so the HTML is
always well formed. The code after a span is written once, where the item ends.
"""

from __future__ import annotations

import html
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .display import TableOutput, colour
from .errors import InputError
from .model import DEVICE_CATEGORIES, FRAME_FUNCTIONS, MENTION_FORMS, Document

__all__ = [
    "CATEGORIES",
    "GROUPS",
    "Category",
    "Highlighted",
    "Item",
    "TextView",
    "category",
    "counts",
    "highlight",
    "highlight_plain",
    "items",
    "items_table",
    "mentions_by_form",
    "numbered_text",
    "numbered_text_plain",
    "quotes_table",
    "reported_table",
    "resolve_categories",
]


# --------------------------------------------------------------------------- categories


@dataclass(frozen=True)
class Category:
    """A kind of item the highlighter can mark.

    ``key`` is what you pass to :func:`highlight` (``"quotes"``, ``"mention:metonym"``,
    ``"evaluation"``, ``"moral_evaluation"`` ...); ``group`` is one of :data:`GROUPS`;
    ``code`` is the short tag printed after each span (the greyscale cue); ``colour`` an
    Okabe-Ito hex colour and ``line`` a CSS border style (solid, dashed, dotted, double).
    """

    key: str
    group: str
    name: str
    code: str
    colour: str
    line: str


#: Category groups, in display order, with a readable title. A group name can be used
#: wherever a category key is expected and stands for all its categories.
GROUPS: dict[str, str] = {
    "speech": "Speech",
    "mentions": "Mentions (by form)",
    "context": "Formats and time",
    "devices": "Rhetorical devices",
    "frames": "Framing functions (Entman)",
}

_LINES = ("solid", "dashed", "dotted", "double")

_DEVICE_CODES = {
    "evaluation": "Ev",
    "conditional": "If",
    "commissive": "Cm",
    "list_of_three": "L3",
    "contrast": "Ct",
    "modal": "Mo",
    "hedge": "H",
    "booster": "B",
    "intensifier": "In",
    "in_group": "We",
    "presupposition": "Ps",
}
_MENTION_CODES = {
    "name": "N",
    "acronym": "A",
    "metonym": "M",
    "title": "Ti",
    "group": "G",
    "adjective": "Adj",
}
_FRAME_CODES = {
    "problem_definition": "Pd",
    "causal_interpretation": "Ci",
    "moral_evaluation": "Me",
    "treatment_recommendation": "Tr",
}


def _build_categories() -> tuple[Category, ...]:
    raw: list[tuple[str, str, str, str]] = [
        ("quotes", "speech", "quote", "Q"),
        ("reported_speech", "speech", "reported speech", "R"),
    ]
    raw += [
        (f"mention:{f}", "mentions", f"mention ({f})", _MENTION_CODES.get(f, f[:2].title()))
        for f in MENTION_FORMS
    ]
    raw += [
        ("formats", "context", "negotiation format", "F"),
        ("time_expressions", "context", "time expression", "T"),
    ]
    raw += [
        (c, "devices", c.replace("_", " "), _DEVICE_CODES.get(c, c[:2].title()))
        for c in DEVICE_CATEGORIES
    ]
    raw += [
        (f, "frames", f"frame: {f.replace('_', ' ')}", _FRAME_CODES.get(f, f[:2].title()))
        for f in FRAME_FUNCTIONS
    ]
    out = []
    for i, (key, group, name, code) in enumerate(raw):
        # Colour cycles through the 8 palette colours; the line style changes every cycle,
        # so no two categories share both colour and line style.
        out.append(Category(key, group, name, code, colour(i), _LINES[(i // 8) % len(_LINES)]))
    return tuple(out)


#: Every category the highlighter knows, in legend order.
CATEGORIES: tuple[Category, ...] = _build_categories()
_BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}


def category(key: str) -> Category:
    """The :class:`Category` with this key; :class:`~diplotext.errors.InputError` if unknown."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise InputError(
            f"unknown category {key!r}; use a group ({', '.join(GROUPS)}) or one of: "
            + ", ".join(c.key for c in CATEGORIES)
        ) from None


def resolve_categories(categories: str | Iterable[str] | None, doc: Document) -> tuple[str, ...]:
    """Turn a category choice into category keys, in legend order, without duplicates.

    ``None`` means every category with at least one item in ``doc``. A string is one key
    or group; group names (``"devices"``, ``"mentions"`` ...) expand to their categories;
    ``"mentions"`` also accepts ``"mention"`` and a bare form such as ``"metonym"``.
    Unknown names raise :class:`~diplotext.errors.InputError`.
    """
    if categories is None:
        found = counts(doc)
        return tuple(c.key for c in CATEGORIES if found[c.key])
    if isinstance(categories, str):
        categories = (categories,)
    wanted: set[str] = set()
    for name in categories:
        if name in GROUPS:
            wanted.update(c.key for c in CATEGORIES if c.group == name)
        elif name in _BY_KEY:
            wanted.add(name)
        elif f"mention:{name}" in _BY_KEY:
            wanted.add(f"mention:{name}")
        else:
            category(name)  # raises with the list of valid names
    return tuple(c.key for c in CATEGORIES if c.key in wanted)


# --------------------------------------------------------------------------- items


@dataclass(frozen=True)
class Item:
    """One span to mark: where, which category, and what the tooltip says."""

    start: int
    end: int
    text: str
    key: str
    label: str
    target: str
    rule: str
    tip: str


def _tip(cat: Category, label: str, who: str, arrow: str, rule: str) -> str:
    out = cat.name
    if label:
        out += f" ({label})"
    if who:
        out += f" by {who}"
    if arrow:
        out += f" -> {arrow}"
    return f"{out}; rule {rule}"


#: One found item before it becomes an :class:`Item`:
#: (start, end, text, label, target, rule, who).
_Raw = tuple[int, int, str, str, str, str, str]


def _raw_quotes(doc: Document, key: str) -> Iterator[_Raw]:
    for q in doc.quotes:
        label = q.kind + (f", {q.reporting_verb}" if q.reporting_verb else "")
        who = q.speaker_name or q.speaker or "unattributed"
        yield q.start, q.end, q.text, label, "", q.rule, who


def _raw_reported(doc: Document, key: str) -> Iterator[_Raw]:
    for r in doc.reported_speech:
        who = r.speaker_name or r.speaker or "unattributed"
        yield r.start, r.end, r.text, r.reporting_verb, "", r.rule, who


def _raw_mentions(doc: Document, key: str) -> Iterator[_Raw]:
    form = key.split(":", 1)[1]
    for m in doc.mentions:
        if m.form == form:
            yield m.start, m.end, m.text, m.form, m.actor, m.rule, ""


def _raw_formats(doc: Document, key: str) -> Iterator[_Raw]:
    for f in doc.formats:
        yield f.start, f.end, f.text, f.name, f.id, f.rule, ""


def _raw_times(doc: Document, key: str) -> Iterator[_Raw]:
    for t in doc.time_expressions:
        label = t.kind + (f" = {t.value}" if t.value else ", no fixed value")
        yield t.start, t.end, t.text, label, "", t.rule, ""


def _raw_devices(doc: Document, key: str) -> Iterator[_Raw]:
    for d in doc.devices:
        if d.category == key:
            yield d.start, d.end, d.text, d.label or "", d.target or "", d.rule, ""


def _raw_frames(doc: Document, key: str) -> Iterator[_Raw]:
    for fr in doc.frames:
        if fr.function == key:
            yield fr.start, fr.end, fr.text, f"sentence {fr.sentence + 1}", "", fr.rule, ""


#: Where the items of a category come from: by key, else by the category's group.
_SOURCE_BY_KEY = {
    "quotes": _raw_quotes,
    "reported_speech": _raw_reported,
    "formats": _raw_formats,
    "time_expressions": _raw_times,
}
_SOURCE_BY_GROUP = {"mentions": _raw_mentions, "devices": _raw_devices, "frames": _raw_frames}


def items(doc: Document, key: str) -> tuple[Item, ...]:
    """The items of one category (a key of :data:`CATEGORIES`), in text order."""
    cat = category(key)
    source = _SOURCE_BY_KEY.get(key) or _SOURCE_BY_GROUP.get(cat.group)
    out: list[Item] = []
    for start, end, text, label, target, rule, who in source(doc, key) if source else ():
        # A mention's form is already in the category name ("mention (metonym)").
        tip = _tip(cat, "" if cat.group == "mentions" else label, who, target, rule)
        out.append(Item(start, end, text, key, label, target, rule, tip))
    return tuple(sorted(out, key=lambda it: (it.start, -it.end)))


def counts(doc: Document) -> Counter[str]:
    """How many items each category has in ``doc`` (every key of :data:`CATEGORIES`)."""
    out: Counter[str] = Counter({c.key: 0 for c in CATEGORIES})
    for c in CATEGORIES:
        out[c.key] = len(items(doc, c.key))
    return out


# --------------------------------------------------------------------------- the span engine


@dataclass(frozen=True)
class _Open:
    item: Item
    order: int
    resumed: bool


@dataclass(frozen=True)
class _Close:
    item: Item
    order: int
    final: bool


@dataclass(frozen=True)
class _Marker:
    kind: str  # "paragraph" | "sentence"
    number: int


_Span = tuple[int, int, int, Item]  # (start, end, order, item)
_Token = str | _Open | _Close | _Marker


def _tokens(doc: Document, chosen: Sequence[Item], numbers: bool) -> list[_Token]:
    """Text pieces and open/close/marker events that nest properly.

    Items are opened longest first at a shared start, so they nest; where an open item
    ends while items opened after it are still open (crossing spans), those are closed
    (``final=False``) and re-opened (``resumed=True``) right after. Spans are clipped to
    the text; empty spans are dropped.
    """
    n = len(doc.text)
    live = _clipped(chosen, n)
    markers = _markers(doc, n) if numbers else {}
    starts: dict[int, list[_Span]] = {}
    for entry in live:
        starts.setdefault(entry[0], []).append(entry)
    bounds = sorted({0, n, *markers, *(x[0] for x in live), *(x[1] for x in live)})

    out: list[_Token] = []
    stack: list[_Span] = []
    for i, pos in enumerate(bounds):
        _close_at(pos, stack, out)
        # Markers after closes, before opens: "¶2 [5] <mark>..."
        out.extend(sorted(markers.get(pos, ()), key=lambda m: m.kind != "paragraph"))
        for entry in sorted(starts.get(pos, ()), key=lambda x: (-x[1], x[2])):
            stack.append(entry)
            out.append(_Open(entry[3], entry[2], False))
        if i + 1 < len(bounds):
            out.append(doc.text[pos : bounds[i + 1]])
    return out


def _clipped(chosen: Sequence[Item], n: int) -> list[_Span]:
    """The chosen items' spans clipped to ``[0, n]``, empty ones dropped, in order."""
    live = []
    for order, it in enumerate(chosen):
        s, e = max(0, min(it.start, n)), max(0, min(it.end, n))
        if e > s:
            live.append((s, e, order, it))
    return live


def _markers(doc: Document, n: int) -> dict[int, list[_Marker]]:
    """Paragraph and sentence number markers, by the offset where they stand."""
    markers: dict[int, list[_Marker]] = {}
    for p in doc.paragraphs:
        if 0 <= p.start <= n:
            markers.setdefault(p.start, []).append(_Marker("paragraph", p.index + 1))
    for st in doc.sentences:
        if 0 <= st.start <= n:
            markers.setdefault(st.start, []).append(_Marker("sentence", st.index + 1))
    return markers


def _close_at(pos: int, stack: list[_Span], out: list[_Token]) -> None:
    """Close every open item ending at ``pos``; re-open those closed only to nest."""
    reopen: list[_Span] = []
    while any(e == pos for _, e, _, _ in stack):
        top = stack.pop()
        final = top[1] == pos
        out.append(_Close(top[3], top[2], final))
        if not final:
            reopen.append(top)
    for entry in reversed(reopen):
        stack.append(entry)
        out.append(_Open(entry[3], entry[2], True))


def _chosen_items(doc: Document, keys: Sequence[str]) -> list[Item]:
    chosen: list[Item] = []
    for key in keys:
        chosen.extend(items(doc, key))
    return chosen


# --------------------------------------------------------------------------- HTML output

_BOX = (
    "font-family:Georgia,'Times New Roman',serif;font-size:1rem;line-height:1.9;"
    "white-space:pre-wrap;max-width:48em;color:#000;background:#fff;"
)
_PN = (
    "display:inline-block;margin-top:0.7em;font-family:sans-serif;font-size:0.75em;"
    "font-weight:bold;color:#333;padding-right:0.3em;user-select:none;"
)
_SN = "font-family:sans-serif;font-size:0.7em;color:#555;user-select:none;margin-right:0.25em;"


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[k : k + 2], 16) for k in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _mark_style(cat: Category) -> str:
    width = "3px" if cat.line == "double" else "2px"
    return (
        f"background-color:{_rgba(cat.colour, 0.22)};"
        f"border-bottom:{width} {cat.line} {cat.colour};"
        "padding:0 1px;border-radius:2px;color:inherit;"
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _marker_html(m: _Marker) -> str:
    if m.kind == "paragraph":
        return f'<span class="dt-pn" style="{_PN}">¶{m.number}</span>'
    return f'<span class="dt-sn" style="{_SN}">[{m.number}]</span>'


def _render_html(tokens: Sequence[str | _Open | _Close | _Marker]) -> str:
    parts: list[str] = []
    for tok in tokens:
        if isinstance(tok, str):
            parts.append(_esc(tok))
        elif isinstance(tok, _Marker):
            parts.append(_marker_html(tok))
        elif isinstance(tok, _Open):
            it = tok.item
            cat = _BY_KEY[it.key]
            cls = f"dt-hl dt-{cat.key.replace(':', '-').replace('_', '-')}"
            if tok.resumed:
                cls += " dt-cont"
            parts.append(
                f'<mark class="{cls}" data-category="{_esc(cat.key)}" '
                f'data-rule="{_esc(it.rule)}" title="{_esc(it.tip)}" '
                f'style="{_mark_style(cat)}">'
            )
        else:
            if tok.final:
                cat = _BY_KEY[tok.item.key]
                parts.append(
                    f'<sup class="dt-code" style="font-family:sans-serif;font-size:0.65em;'
                    f'font-weight:bold;color:#000;">{_esc(cat.code)}</sup>'
                )
            parts.append("</mark>")
    return "".join(parts)


def _swatch(cat: Category) -> str:
    return (
        f'<span style="display:inline-block;width:1.4em;height:0.9em;vertical-align:middle;'
        f'{_mark_style(cat)}"></span>'
    )


def _legend_html(doc: Document, keys: Sequence[str], found: Counter[str]) -> str:
    if not keys:
        return (
            '<p class="dt-legend-empty" style="font-family:sans-serif;font-size:0.9em;">'
            "No categories are highlighted: this text has no items in any category, "
            "or none was chosen.</p>"
        )
    entries = []
    for key in keys:
        cat = _BY_KEY[key]
        n = found[key]
        count = f"{n}" if n else "0 (none found in this text)"
        entries.append(
            f'<li data-category="{_esc(key)}" data-count="{n}" '
            'style="display:inline-block;margin:0 1.2em 0.3em 0;">'
            f"{_swatch(cat)} <b>{_esc(cat.code)}</b> {_esc(cat.name)}: {count}</li>"
        )
    empty = [_BY_KEY[k].name for k in keys if not found[k]]
    note = ""
    if len(empty) == len(keys):
        note = (
            '<p class="dt-none" style="margin:0.3em 0;">None of the chosen categories ('
            + _esc(", ".join(empty))
            + ") was found in this text, so nothing is highlighted.</p>"
        )
    return (
        '<div class="dt-legend" style="font-family:sans-serif;font-size:0.85em;'
        'margin:0 0 0.6em 0;"><span style="font-weight:bold;">Legend</span> '
        "(colour, underline style and the code after each span"
        '<span class="screen-only">; hover a span for the rule that found it</span>)'
        '<ul style="list-style:none;padding:0;margin:0.3em 0 0 0;">'
        + "".join(entries)
        + "</ul>"
        + note
        + "</div>"
    )


def highlight(
    doc: Document, categories: str | Iterable[str] | None = None, numbers: bool = True
) -> str:
    """The document as HTML with a coloured ``<mark>`` for every item of the chosen categories.

    ``categories``: keys of :data:`CATEGORIES` or group names (see
    :func:`resolve_categories`); ``None`` shows every category that has items. Each mark
    has a ``title`` tooltip ("evaluation (negative) -> RUS; rule rhetoric.evaluation_lexicon"),
    a ``data-rule`` and ``data-category`` attribute, a tinted background, an underline
    style and a code after the span (greyscale cue). A legend above the text gives each
    chosen category with its count; an empty category says so in words. With
    ``numbers=True`` paragraph (¶1) and sentence ([1]) numbers are shown. All text and
    attribute values are HTML-escaped; inline CSS only, no scripts.
    """
    keys = resolve_categories(categories, doc)
    found = counts(doc)
    body = _render_html(_tokens(doc, _chosen_items(doc, keys), numbers))
    return (
        '<div class="diplotext-highlight">'
        + _legend_html(doc, keys, found)
        + f'<div class="dt-text" style="{_BOX}">{body}</div></div>'
    )


# --------------------------------------------------------------------------- plain output


def _render_plain(tokens: Sequence[str | _Open | _Close | _Marker]) -> str:
    parts: list[str] = []
    for tok in tokens:
        if isinstance(tok, str):
            parts.append(tok)
        elif isinstance(tok, _Marker):
            parts.append(f"¶{tok.number} " if tok.kind == "paragraph" else f"[{tok.number}] ")
        elif isinstance(tok, _Open):
            parts.append("[[")
        else:
            code = _BY_KEY[tok.item.key].code
            parts.append(f"]]{{{code}}}" if tok.final else f"]]{{{code}…}}")
    return "".join(parts)


def _wrap(text: str, width: int | None) -> str:
    if not width:
        return text
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if line else ""
        for line in text.split("\n")
    )


def _legend_plain(keys: Sequence[str], found: Counter[str]) -> str:
    if not keys:
        return (
            "No categories highlighted: this text has no items in any category, or none was chosen."
        )
    lines = ["Legend (code: category, count):"]
    for key in keys:
        cat = _BY_KEY[key]
        n = found[key]
        lines.append(f"  {cat.code}: {cat.name}, {n if n else '0 (none found in this text)'}")
    if all(not found[k] for k in keys):
        lines.append("None of the chosen categories was found in this text, so nothing is marked.")
    return "\n".join(lines)


def highlight_plain(
    doc: Document,
    categories: str | Iterable[str] | None = None,
    numbers: bool = True,
    style: str = "inline",
    width: int | None = 100,
) -> str:
    """A plain-text version of :func:`highlight` (for text/plain, handouts, screen readers).

    ``style="inline"``: a legend, then the text with every item written as
    ``[[span]]{Code}`` (codes as in the legend; ``{Code…}`` marks a span that continues
    after a crossing one). ``style="list"``: one line per item, in text order:
    ``sentence 3: “unprovoked” evaluation (negative) -> RUS; rule rhetoric.evaluation_lexicon``.
    Lines are wrapped at ``width`` characters (``None``: no wrapping).
    """
    keys = resolve_categories(categories, doc)
    found = counts(doc)
    legend = _legend_plain(keys, found)
    if style == "list":
        chosen = sorted(_chosen_items(doc, keys), key=lambda it: (it.start, -it.end))
        lines = [legend]
        for it in chosen:
            lines.append(f"{_where(doc, it.start)}: “{_clip(it.text)}” {it.tip}")
        return _wrap("\n".join(lines), width)
    if style != "inline":
        raise InputError(f"style must be 'inline' or 'list', not {style!r}")
    body = _render_plain(_tokens(doc, _chosen_items(doc, keys), numbers))
    return legend + "\n\n" + _wrap(body, width)


def _where(doc: Document, pos: int) -> str:
    s = doc.sentence_at(pos)
    return f"sentence {s.index + 1}" if s else f"character {pos}"


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- numbered text


def _numbering_note(doc: Document) -> str:
    if not doc.sentences and not doc.paragraphs:
        return "This document has not been segmented, so paragraphs and sentences are not numbered."
    if not doc.sentences:
        return "No sentences were found, so only paragraphs are numbered."
    return ""


def numbered_text(doc: Document) -> str:
    """The text as HTML with paragraph numbers (¶1 ...) and sentence numbers ([1] ...).

    Numbers are 1-based (``Sentence.index + 1``), the same as lessons and tables use.
    A document without paragraphs or sentences is shown unnumbered, with a note saying so.
    """
    body = _render_html(_tokens(doc, (), True))
    note = _numbering_note(doc)
    note_html = (
        f'<p class="dt-note" style="font-family:sans-serif;font-size:0.85em;">{_esc(note)}</p>'
        if note
        else ""
    )
    return (
        f'<div class="diplotext-numbered">{note_html}'
        f'<div class="dt-text" style="{_BOX}">{body}</div></div>'
    )


def numbered_text_plain(doc: Document, width: int | None = 100) -> str:
    """Plain-text :func:`numbered_text`: ``¶1 [1] The first sentence. [2] ...`` per paragraph."""
    body = _wrap(_render_plain(_tokens(doc, (), True)), width)
    note = _numbering_note(doc)
    return f"{note}\n\n{body}" if note else body


@dataclass(frozen=True, repr=False)
class TextView:
    """The numbered text: HTML in a notebook, a deterministic plain text as ``repr``."""

    doc: Document

    def _repr_html_(self) -> str:
        return numbered_text(self.doc)

    def __repr__(self) -> str:
        return numbered_text_plain(self.doc)


@dataclass(frozen=True, repr=False)
class Highlighted:
    """A highlighted document: :func:`highlight` as HTML, :func:`highlight_plain` as ``repr``."""

    doc: Document
    categories: tuple[str, ...] | None = None
    numbers: bool = True

    def html(self) -> str:
        """The HTML (same as ``_repr_html_``)."""
        return highlight(self.doc, self.categories, self.numbers)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return highlight_plain(self.doc, self.categories, self.numbers)


# --------------------------------------------------------------------------- tables


def _sentence_no(doc: Document, pos: int) -> str:
    s = doc.sentence_at(pos)
    return str(s.index + 1) if s else "-"


def _none_table(what: str, caption: str) -> TableOutput:
    return TableOutput.from_rows(("result",), [(f"No {what} were found in this text.",)], caption)


def items_table(doc: Document, category: str | Iterable[str]) -> TableOutput:
    """A table of the items of one category (or group): text, sentence, label, target, rule.

    ``category`` is a key of :data:`CATEGORIES` or a group name. With no items the table
    says so in words (one row) instead of being empty.
    """
    keys = resolve_categories(category, doc)
    if isinstance(category, str) and category in GROUPS:
        names = GROUPS[category].lower()
    else:
        names = ", ".join(_BY_KEY[k].name for k in keys)
    chosen = sorted(_chosen_items(doc, keys), key=lambda it: (it.start, -it.end))
    caption = f"{names}: {len(chosen)} item{'s' if len(chosen) != 1 else ''}"
    if not chosen:
        return _none_table(f"{names} items", f"{names}: none found")
    rows = [
        (
            i,
            _sentence_no(doc, it.start),
            f"“{_clip(it.text, 80)}”",
            _BY_KEY[it.key].name,
            it.label,
            it.target,
            it.rule,
        )
        for i, it in enumerate(chosen, 1)
    ]
    return TableOutput.from_rows(
        ("#", "sentence", "text", "category", "label", "target", "rule"), rows, caption
    )


def quotes_table(doc: Document) -> TableOutput:
    """Direct quotations: sentence, speaker, reporting verb, kind, frame, the quote, rule."""
    if not doc.quotes:
        return _none_table("direct quotations", "Direct quotations: none found")
    rows = [
        (
            i,
            _sentence_no(doc, q.start),
            q.speaker_name or q.speaker or "unattributed",
            q.reporting_verb or "-",
            q.kind,
            q.frame,
            f"“{_clip(q.text, 90)}”",
            q.rule,
        )
        for i, q in enumerate(sorted(doc.quotes, key=lambda q: q.start), 1)
    ]
    return TableOutput.from_rows(
        ("#", "sentence", "speaker", "verb", "kind", "frame", "quote", "rule"),
        rows,
        f"Direct quotations: {len(rows)}",
    )


def reported_table(doc: Document) -> TableOutput:
    """Reported (indirect) speech: sentence, speaker, reporting verb, reported content, rule."""
    if not doc.reported_speech:
        return _none_table("reported speech items", "Reported speech: none found")
    rows = [
        (
            i,
            _sentence_no(doc, r.start),
            r.speaker_name or r.speaker or "unattributed",
            r.reporting_verb,
            _clip(r.text, 90),
            r.rule,
        )
        for i, r in enumerate(sorted(doc.reported_speech, key=lambda r: r.start), 1)
    ]
    return TableOutput.from_rows(
        ("#", "sentence", "speaker", "verb", "reported content", "rule"),
        rows,
        f"Reported speech: {len(rows)}",
    )


def mentions_by_form(doc: Document) -> TableOutput:
    """Mentions of each actor counted by form (name, acronym, metonym ...), with the wordings.

    One row per actor, most mentioned first; the last column lists the wordings used
    (e.g. ``Russia ×6; Moscow ×2; the Kremlin ×1``): the "Russia vs Moscow vs the Kremlin"
    question in a table.
    """
    if not doc.mentions:
        return _none_table("mentions of actors", "Mentions by form: none found")
    by_actor: dict[str, Counter[str]] = {}
    wordings: dict[str, Counter[str]] = {}
    for m in doc.mentions:
        by_actor.setdefault(m.actor, Counter())[m.form] += 1
        wordings.setdefault(m.actor, Counter())[" ".join(m.text.split())] += 1
    extra_forms = sorted({m.form for m in doc.mentions} - set(MENTION_FORMS))
    forms = (*MENTION_FORMS, *extra_forms)
    names = {a.id: a.name for a in doc.actors}
    order = sorted(by_actor, key=lambda a: (-sum(by_actor[a].values()), a))
    rows: list[tuple[Any, ...]] = []
    for actor in order:
        c = by_actor[actor]
        words = "; ".join(
            f"{w} ×{n}" for w, n in sorted(wordings[actor].items(), key=lambda kv: (-kv[1], kv[0]))
        )
        rows.append(
            (names.get(actor, actor), actor, sum(c.values()), *(c[f] for f in forms), words)
        )
    return TableOutput.from_rows(
        ("actor", "id", "total", *forms, "as written"),
        rows,
        f"Mentions by form: {len(doc.mentions)} mentions of {len(order)} actors",
    )
