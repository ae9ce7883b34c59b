"""Who speaks and how: direct quotations, reported speech, reporting verbs, and how an
actor (Russia by default) is named.
"""

from __future__ import annotations

from collections import Counter

from ..display import md_escape
from ..model import MENTION_FORMS, Document
from .prose import (
    MarkdownText,
    _actor_name,
    _count,
    _esc,
    _genre,
    _join,
    _md,
    _num,
    _q,
    _speaker,
    _times,
    _voice,
    _where,
    _wordings,
)

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
    from ..figures.text import negative_evaluation_forms  # lazy: matplotlib only when needed

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
