"""What the sentences do: evaluation, speech acts (conditionals, commissives), structure
(lists of three, contrasts), stance (hedges, boosters) and Entman's frames.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import FRAME_FUNCTIONS, Device, Document
from .prose import (
    MarkdownText,
    _actor_name,
    _clip,
    _count,
    _esc,
    _join,
    _md,
    _num,
    _q,
    _times,
    _voice,
    _where,
    _wordings,
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
