"""Figures about the text itself: how actors are named, who speaks, devices, framing.

Each function takes a parsed :class:`~diplotext.model.Document` and returns a
:class:`~diplotext.display.FigureOutput`: a PNG, an **alt text written from the same
numbers the figure draws** (so a screen reader, a handout and nbval all get the data) and a
caption. Colours are Okabe-Ito (:func:`diplotext.display.colour`) paired with hatches
(:data:`diplotext.display.HATCHES`), so the figures survive greyscale printing. When there is
nothing to draw, the figure says so, in the image and in the alt text.

:func:`profile` turns a document into per-100-words rates, to compare statements.

The figures use :class:`matplotlib.figure.Figure` directly (no pyplot state), at fixed
sizes, so the same document always gives the same picture. Every figure function is
:func:`~diplotext.display.cached_figure`: a figure drawn once is read back from the figure
cache, and matplotlib is imported only when a figure is actually drawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..compare import Comparison, metric_label, profile  # profile re-exported
from ..display import HATCHES, FigureOutput, cached_figure, colour, png_bytes
from ..model import DEVICE_CATEGORIES, FRAME_FUNCTIONS, MENTION_FORMS, Document, Mention

__all__ = [
    "comparison_figure",
    "devices_figure",
    "frames_figure",
    "naming_figure",
    "negative_evaluation_forms",
    "profile",
    "speakers_figure",
]

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_METHOD_NOTE = (
    "Counts come from diplotext's rule-based parse; rules can miss or over-count, "
    "and every item names its rule (diplotext.explain)."
)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _n(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 quotation", "2 quotations"."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def _hatch(i: int) -> str:
    """The hatch for category i: shifted once per colour cycle, so colour + hatch stay unique."""
    return HATCHES[(i + i // len(HATCHES)) % len(HATCHES)]


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # here, not at the top: a cache hit draws nothing

    fig = Figure(figsize=(width, height), dpi=100)
    fig.patch.set_facecolor("white")
    return fig


def _empty(message: str, caption: str, number: int | None) -> FigureOutput:
    """A small figure that says, in the image and the alt text, that there is nothing to draw."""
    fig = _new_figure(6.5, 1.4)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, wrap=True)
    return FigureOutput(png_bytes(fig), message, caption, number)


def _style_axes(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="both", labelsize=9)


def _actor_name(doc: Document, actor: str) -> str:
    a = doc.actor(actor)
    return f"{a.name} [{actor}]" if a and a.name != actor else actor


# --------------------------------------------------------------------------- naming


def negative_evaluation_forms(doc: Document, actor: str = "RUS") -> tuple[Mention, ...]:
    """The mentions of ``actor`` that stand next to a negative evaluation aimed at it.

    For each device with category ``evaluation``, label ``negative`` and target ``actor``,
    take the mention of ``actor`` in the same sentence that ends nearest **before** the
    evaluation (``Moscow’s aggression`` -> ``Moscow``); if there is none before it, the
    nearest one after it. This approximates "the form that is the agent of the negative
    evaluation" without a syntactic parser: it is right for possessives and simple
    subjects, and can be wrong in long sentences with several mentions of the same actor.
    Returns an empty tuple when the document has no targeted negative evaluations.
    """
    found: list[Mention] = []
    mine = [m for m in doc.mentions if m.actor == actor]
    for d in doc.devices:
        if d.category != "evaluation" or d.label != "negative" or d.target != actor:
            continue
        sent = doc.sentence_at(d.start)
        lo, hi = (sent.start, sent.end) if sent else (0, len(doc.text))
        # A mention inside the evaluation span itself does not name its agent.
        pool = [m for m in mine if lo <= m.start < hi and not (d.start <= m.start < d.end)]
        before = [m for m in pool if m.end <= d.start]
        after = [m for m in pool if m.start >= d.end]
        if before:
            found.append(max(before, key=lambda m: m.end))
        elif after:
            found.append(min(after, key=lambda m: m.start))
    return tuple(found)


@cached_figure
def naming_figure(doc: Document, actor: str = "RUS", number: int | None = None) -> FigureOutput:
    """How the text names one actor: its mentions counted by form (name, metonym, adjective ...).

    Each bar is labelled with the wordings ("Moscow ×2, the Kremlin ×1"). When the parse
    has negative evaluations aimed at the actor, a second, hatched bar per form counts
    the mentions standing next to them (see :func:`negative_evaluation_forms`): does the
    text blame "Russia", or "Moscow" and "the Kremlin"?
    """
    from matplotlib.patches import Patch

    who = _actor_name(doc, actor)
    caption = f"How the text names {who}: mentions by form. {_METHOD_NOTE}"
    mentions = [m for m in doc.mentions if m.actor == actor]
    if not mentions:
        return _empty(f"No mentions of {who} were found in this text.", caption, number)
    by_form = Counter(m.form for m in mentions)
    forms = [f for f in MENTION_FORMS if by_form[f]] + sorted(set(by_form) - set(MENTION_FORMS))
    words: dict[str, Counter[str]] = {f: Counter() for f in forms}
    for m in mentions:
        words[m.form][" ".join(m.text.split())] += 1
    linked = Counter(m.form for m in negative_evaluation_forms(doc, actor))

    fig = _new_figure(7.5, 0.75 * len(forms) + 1.5)
    ax = fig.add_subplot()
    ys = list(range(len(forms)))[::-1]
    h = 0.38 if linked else 0.6
    for i, (y, form) in enumerate(zip(ys, forms, strict=True)):
        n = by_form[form]
        ax.barh(
            y + (h / 2 if linked else 0),
            n,
            height=h,
            color=colour(i),
            hatch=_hatch(i),
            edgecolor="black",
            linewidth=0.6,
        )
        wording = ", ".join(
            f"{w} ×{k}" for w, k in sorted(words[form].items(), key=lambda kv: (-kv[1], kv[0]))
        )
        ax.text(
            n + 0.1,
            y + (h / 2 if linked else 0),
            f"{n}  ({_clip(wording, 48)})",
            va="center",
            fontsize=9,
        )
        if linked:
            k = linked[form]
            ax.barh(
                y - h / 2, k, height=h, color="white", hatch="//", edgecolor="black", linewidth=0.6
            )
            ax.text(k + 0.1, y - h / 2, f"{k}", va="center", fontsize=9)
    ax.set_yticks(ys, forms)
    ax.set_xlabel(f"mentions of {who}")
    ax.set_xlim(0, max(by_form.values()) * 1.9 + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style_axes(ax)
    if linked:
        ax.legend(
            handles=[
                Patch(facecolor="#dddddd", edgecolor="black", label="all mentions (colour = form)"),
                Patch(
                    facecolor="white",
                    hatch="//",
                    edgecolor="black",
                    label="next to a negative evaluation of it",
                ),
            ],
            fontsize=8,
            loc="lower right",
            frameon=False,
        )
    ax.set_title(f"How the text names {who}", fontsize=11, loc="left")

    parts = []
    for form in forms:
        wording = ", ".join(
            f"{w} {k}" for w, k in sorted(words[form].items(), key=lambda kv: (-kv[1], kv[0]))
        )
        parts.append(f"{form} {by_form[form]} ({wording})")
    alt = (
        f"Bar chart of the {_n(len(mentions), 'mention')} of {who} by form: "
        + "; ".join(parts)
        + "."
    )
    if linked:
        alt += (
            f" Of the {_n(sum(linked.values()), 'negative evaluation')} aimed at {who}, "
            "the nearest mention is: "
            + ", ".join(f"{f} {linked[f]}" for f in forms if linked[f])
            + "."
        )
    else:
        alt += f" The parse links no negative evaluation to a mention of {who}."
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- speakers

_SPEECH_KINDS = ("full quote", "fragment quote", "reported speech")


@cached_figure
def speakers_figure(doc: Document, number: int | None = None) -> FigureOutput:
    """Who speaks in the text: direct quotes (full / fragment) and reported speech per speaker."""
    caption = f"Who speaks in the text: quotations and reported speech per speaker. {_METHOD_NOTE}"
    table: dict[str, Counter[str]] = {}
    for q in doc.quotes:
        who = q.speaker_name or q.speaker or "unattributed"
        table.setdefault(who, Counter())[f"{q.kind} quote"] += 1
    for r in doc.reported_speech:
        who = r.speaker_name or r.speaker or "unattributed"
        table.setdefault(who, Counter())["reported speech"] += 1
    if not table:
        return _empty("No quotations or reported speech were found in this text.", caption, number)
    kinds = [k for k in _SPEECH_KINDS if any(c[k] for c in table.values())]
    kinds += sorted({k for c in table.values() for k in c} - set(_SPEECH_KINDS))
    speakers = sorted(table, key=lambda s: (-sum(table[s].values()), s))

    fig = _new_figure(7.5, 0.6 * len(speakers) + 1.6)
    ax = fig.add_subplot()
    ys = list(range(len(speakers)))[::-1]
    left = [0] * len(speakers)
    for j, kind in enumerate(kinds):
        vals = [table[s][kind] for s in speakers]
        ax.barh(
            ys,
            vals,
            left=left,
            height=0.6,
            color=colour(j),
            hatch=_hatch(j),
            edgecolor="black",
            linewidth=0.6,
            label=kind,
        )
        left = [a + b for a, b in zip(left, vals, strict=True)]
    for y, total in zip(ys, left, strict=True):
        ax.text(total + 0.1, y, str(total), va="center", fontsize=9)
    ax.set_yticks(ys, [_clip(s, 28) for s in speakers])
    ax.set_xlabel("number of items")
    ax.set_xlim(0, max(left) * 1.25 + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    _style_axes(ax)
    ax.set_title("Who speaks in the text", fontsize=11, loc="left")

    parts = []
    for s in speakers:
        detail = ", ".join(f"{k} {table[s][k]}" for k in kinds if table[s][k])
        parts.append(f"{s} {sum(table[s].values())} ({detail})")
    alt = (
        f"Bar chart of {_n(len(doc.quotes), 'direct quotation')} and "
        f"{_n(len(doc.reported_speech), 'reported-speech item')} by speaker: "
        + "; ".join(parts)
        + "."
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- devices


def _split_note(n: int, labels: Counter[str], per_100_words: bool) -> str:
    """ " (negative 5, positive 1)", with the raw count first when the value is a rate."""
    split = [f"{lab} {k}" for lab, k in sorted(labels.items())]
    if per_100_words and n:
        split.insert(0, f"{_n(n, 'device')}")
    return f" ({', '.join(split)})" if split else ""


def _no_devices(cats: list[str], devs: list, no_words: bool) -> str | None:
    """Why there is nothing to draw, or None when there is."""
    if not cats:
        return "No device categories were chosen."
    if not devs:
        names = ", ".join(c.replace("_", " ") for c in cats)
        return f"No rhetorical devices of the chosen categories ({names}) were found in this text."
    if no_words:
        return "The text has no words, so rates per 100 words cannot be computed."
    return None


@cached_figure
def devices_figure(
    doc: Document,
    categories: Iterable[str] | None = None,
    per_100_words: bool = False,
    number: int | None = None,
) -> FigureOutput:
    """Rhetorical devices counted by category (optionally per 100 words), with label splits.

    ``categories`` defaults to all of :data:`~diplotext.model.DEVICE_CATEGORIES`; a category
    with no devices is drawn as 0 (an absence is a finding too).
    """
    cats = list(DEVICE_CATEGORIES if categories is None else categories)
    unknown = [c for c in cats if c not in DEVICE_CATEGORIES]
    if unknown:
        from ..errors import InputError

        raise InputError(
            f"unknown device categories {unknown}; use: {', '.join(DEVICE_CATEGORIES)}"
        )
    words = doc.word_count()
    unit = "per 100 words" if per_100_words else "count"
    caption = f"Rhetorical devices by category ({unit}). {_METHOD_NOTE}"
    devs = [d for d in doc.devices if d.category in cats]
    nothing = _no_devices(cats, devs, per_100_words and words == 0)
    if nothing:
        return _empty(nothing, caption, number)
    count = Counter(d.category for d in devs)
    labels: dict[str, Counter[str]] = {c: Counter() for c in cats}
    for d in devs:
        if d.label:
            labels[d.category][d.label] += 1

    def value(n: int) -> float:
        return round(100 * n / words, 2) if per_100_words else n

    fig = _new_figure(7.5, 0.42 * len(cats) + 1.5)
    ax = fig.add_subplot()
    ys = list(range(len(cats)))[::-1]
    for y, c in zip(ys, cats, strict=True):
        i = DEVICE_CATEGORIES.index(c)
        v = value(count[c])
        ax.barh(
            y,
            v,
            height=0.65,
            color=colour(i),
            hatch=_hatch(i),
            edgecolor="black",
            linewidth=0.6,
        )
        txt = f"{v:g}" + _split_note(count[c], labels[c], per_100_words)
        ax.text(v, y, "  " + txt, va="center", fontsize=8.5)
    ax.set_yticks(ys, [c.replace("_", " ") for c in cats])
    top = max(value(count[c]) for c in cats)
    ax.set_xlim(0, top * 1.6 + (0.2 if per_100_words else 1))
    ax.set_xlabel(f"devices ({unit}; text of {words} words)")
    if not per_100_words:
        ax.xaxis.get_major_locator().set_params(integer=True)
    _style_axes(ax)
    ax.set_title("Rhetorical devices by category", fontsize=11, loc="left")

    parts = []
    for c in cats:
        note = _split_note(count[c], labels[c], per_100_words)
        parts.append(f"{c.replace('_', ' ')} {value(count[c]):g}{note}")
    alt = (
        f"Bar chart of {_n(len(devs), 'rhetorical device')} in a text of "
        f"{_n(words, 'word')}, {unit}: " + "; ".join(parts) + "."
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- frames


@cached_figure
def frames_figure(doc: Document, number: int | None = None) -> FigureOutput:
    """Sentences (rows) by Entman's four framing functions (columns); a filled cell shows the cue.

    Entman (1993): a frame defines a problem, diagnoses a cause, makes a moral judgement
    and recommends a treatment. A filled cell means a cue rule fired in that sentence;
    the cell shows the cue words.
    """
    from matplotlib.patches import Rectangle

    caption = (
        "Framing functions (Entman 1993) by sentence: a filled cell shows the cue that "
        f"triggered a rule. {_METHOD_NOTE}"
    )
    if not doc.frames:
        return _empty("No framing cues were found in this text.", caption, number)
    n_sent = max(len(doc.sentences), max(f.sentence for f in doc.frames) + 1)
    cues: dict[tuple[int, str], list[str]] = {}
    for f in sorted(doc.frames, key=lambda f: (f.sentence, f.start)):
        cues.setdefault((f.sentence, f.function), []).append(" ".join(f.text.split()))
    funcs = list(FRAME_FUNCTIONS) + sorted({f.function for f in doc.frames} - set(FRAME_FUNCTIONS))

    fig = _new_figure(8.5, 0.36 * n_sent + 1.6)
    ax = fig.add_subplot()
    for j, func in enumerate(funcs):
        for s in range(n_sent):
            got = cues.get((s, func))
            ax.add_patch(
                Rectangle(
                    (j, n_sent - 1 - s),
                    1,
                    1,
                    facecolor=colour(j) if got else "white",
                    hatch=_hatch(j + 1) if got else None,
                    edgecolor="#777777",
                    linewidth=0.6,
                    alpha=0.55 if got else 1.0,
                )
            )
            if got:
                label = _clip(got[0], 22) + (f" +{len(got) - 1}" if len(got) > 1 else "")
                ax.text(
                    j + 0.5,
                    n_sent - 1 - s + 0.5,
                    label,
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.8},
                )
    ax.set_xlim(-0.02, len(funcs) + 0.02)
    ax.set_ylim(0, n_sent)
    ax.set_xticks(
        [j + 0.5 for j in range(len(funcs))], [f.replace("_", "\n") for f in funcs], fontsize=8.5
    )
    ax.xaxis.tick_top()
    ax.set_yticks(
        [n_sent - 1 - s + 0.5 for s in range(n_sent)],
        [f"sentence {s + 1}" for s in range(n_sent)],
        fontsize=8,
    )
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)

    parts = []
    for func in funcs:
        sents = sorted({s + 1 for (s, f) in cues if f == func})
        parts.append(
            f"{func.replace('_', ' ')} in {len(sents)} sentence{'s' if len(sents) != 1 else ''}"
            + (f" ({', '.join(map(str, sents))})" if sents else "")
        )
    none = [s + 1 for s in range(n_sent) if not any((s, f) in cues for f in funcs)]
    alt = (
        f"Grid of {_n(n_sent, 'sentence')} by Entman's four framing functions, "
        f"{_n(len(doc.frames), 'cue')} in all: " + "; ".join(parts) + "."
    )
    if none:
        alt += f" Sentences with no framing cue: {', '.join(map(str, none))}."
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- profile


# --------------------------------------------------------------------------- comparison


@cached_figure
def comparison_figure(
    comp: Comparison,
    metrics: Iterable[str] | None = None,
    skip_empty: bool = True,
    number: int | None = None,
) -> FigureOutput:
    """Several statements' rhetorical profiles side by side, per 100 words (small multiples).

    One panel per measure of :func:`diplotext.compare.profile` (quotations, reported
    speech, how the actor is named, evaluation, threats and offers, hedges, boosters,
    in-group "we"); in every panel one bar per statement, with the same colour and hatch
    for a statement throughout. Measures that are zero in every statement are left out
    (``skip_empty``) and named in the alt text. Rates of short texts move a lot with one
    item more or less: the legend gives each statement's length in words.
    """
    from matplotlib.patches import Patch

    caption = (
        "Rhetorical profiles per 100 words, one panel per measure and one bar per statement "
        f"(naming counted for {comp.actor}). {_METHOD_NOTE}"
    )
    if not comp.statements:
        return _empty("No statements to compare.", caption, number)
    keys = list(comp.metrics() if metrics is None else metrics)
    unknown = [k for k in keys if k not in comp.metrics()]
    if unknown:
        from ..errors import InputError

        raise InputError(f"unknown measures {unknown}; use: {', '.join(comp.metrics())}")
    labels = [s.label for s in comp.statements]
    values = {k: [comp.value(lab, k) for lab in labels] for k in keys}
    empty = [k for k in keys if not any(values[k])]
    shown = [k for k in keys if k not in empty] if skip_empty else keys
    if not shown:
        return _empty(
            "None of the chosen measures was found in any of the statements.", caption, number
        )

    ncols = min(3, len(shown))
    nrows = -(-len(shown) // ncols)
    panel_h = 0.32 * len(labels) + 0.75
    leg_rows = -(-len(labels) // 3)
    fig = _new_figure(3.2 * ncols + 0.4, panel_h * nrows + 0.5 + 0.25 * leg_rows)
    top = max(max(v) for v in values.values()) or 1.0
    ys = list(range(len(labels)))[::-1]
    for n, key in enumerate(shown):
        ax = fig.add_subplot(nrows, ncols, n + 1)
        for i, (y, v) in enumerate(zip(ys, values[key], strict=True)):
            ax.barh(
                y,
                v,
                height=0.7,
                color=colour(i),
                hatch=_hatch(i),
                edgecolor="black",
                linewidth=0.6,
            )
            ax.text(v + top * 0.02, y, f"{v:.2f}", va="center", fontsize=7.5)
        ax.set_xlim(0, top * 1.3)
        ax.set_yticks([])
        ax.set_title(metric_label(key), fontsize=9, loc="left")
        _style_axes(ax)
        ax.tick_params(axis="x", labelsize=7.5)
        if n >= len(shown) - ncols:
            ax.set_xlabel("per 100 words", fontsize=8)
    fig.legend(
        handles=[
            Patch(
                facecolor=colour(i),
                hatch=_hatch(i),
                edgecolor="black",
                label=f"{s.label} ({_n(s.words, 'word')})",
            )
            for i, s in enumerate(comp.statements)
        ],
        loc="upper center",
        ncol=min(3, len(labels)),
        fontsize=8,
        frameon=False,
        bbox_to_anchor=(0.5, 1.0),
    )
    fig.tight_layout(rect=(0, 0, 1, 1 - (0.25 * leg_rows + 0.1) / fig.get_figheight()))

    who = "; ".join(f"{s.label}, {_n(s.words, 'word')}" for s in comp.statements)
    parts = [
        f"{metric_label(k)}: "
        + ", ".join(f"{lab} {v:.2f}" for lab, v in zip(labels, values[k], strict=True))
        for k in shown
    ]
    alt = (
        f"Small multiples comparing {_n(len(labels), 'statement')} ({who}) per 100 words, "
        f"one panel per measure: " + "; ".join(parts) + "."
    )
    if skip_empty and empty:
        alt += " Zero in every statement, not drawn: " + ", ".join(map(metric_label, empty)) + "."
    return FigureOutput(png_bytes(fig), alt, caption, number)
