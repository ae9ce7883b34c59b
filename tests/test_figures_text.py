"""figures.text: PNG + alt text written from the data; empty data says so; profile rates."""

from __future__ import annotations

from dataclasses import replace

import pytest

from diplotext.display import FigureOutput
from diplotext.errors import InputError
from diplotext.figures import text as tfig
from diplotext.model import Device, Document, Frame, Mention, Quote
from tests.test_render import sample_doc, span

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def doc() -> Document:
    return sample_doc()


def check(fig: FigureOutput) -> None:
    assert isinstance(fig, FigureOutput)
    assert fig.png.startswith(PNG_SIGNATURE)
    assert fig.alt and fig.caption


def test_naming_figure_counts_forms_and_links_negative_evaluation(doc):
    fig = tfig.naming_figure(doc, number=2)
    check(fig)
    assert fig.number == 2
    assert fig.alt == (
        "Bar chart of the 3 mentions of Russia [RUS] by form: name 1 (Russia 1); "
        "metonym 2 (Moscow 1, The Kremlin 1). Of the 1 negative evaluation aimed at "
        "Russia [RUS], the nearest mention is: metonym 1."
    )
    linked = tfig.negative_evaluation_forms(doc, "RUS")
    assert [m.text for m in linked] == ["Moscow"]


def test_naming_figure_without_evaluations_gives_counts_only(doc):
    fig = tfig.naming_figure(replace(doc, devices=()))
    assert "name 1 (Russia 1); metonym 2" in fig.alt
    assert "links no negative evaluation" in fig.alt


def test_naming_figure_other_actor_and_missing_actor(doc):
    assert tfig.naming_figure(doc, "USA").alt == (
        "Bar chart of the 1 mention of United States [USA] by form: name 1 (United States 1). "
        "The parse links no negative evaluation to a mention of United States [USA]."
    )
    empty = tfig.naming_figure(doc, "CHN")
    check(empty)
    assert empty.alt == "No mentions of CHN were found in this text."


def test_speakers_figure(doc):
    extra = Quote(0, 6, "Moscow", None, None, None, "fragment", "none", "quotes.scare")
    fig = tfig.speakers_figure(replace(doc, quotes=(*doc.quotes, extra)))
    check(fig)
    assert fig.alt == (
        "Bar chart of 2 direct quotations and 1 reported-speech item by speaker: "
        "Antony Blinken 2 (full quote 1, reported speech 1); unattributed 1 (fragment quote 1)."
    )


def test_devices_figure_counts_and_rates(doc):
    fig = tfig.devices_figure(doc)
    check(fig)
    assert "4 rhetorical devices in a text of 33 words" in fig.alt
    assert "evaluation 1 (negative 1); conditional 1 (threat 1); commissive 0" in fig.alt
    rate = tfig.devices_figure(doc, ["evaluation", "hedge"], per_100_words=True)
    assert "per 100 words: evaluation 3.03 (1 device, negative 1); hedge 0." in rate.alt
    assert rate.png != fig.png
    with pytest.raises(Exception, match="unknown device categories"):
        tfig.devices_figure(doc, ["sarcasm"])


def test_frames_figure(doc):
    a, b = span(doc.text, "unprovoked aggression")
    more = Frame(0, "moral_evaluation", "frames.evaluation", a, b, doc.text[a:b])
    fig = tfig.frames_figure(replace(doc, frames=(*doc.frames, more)))
    check(fig)
    assert fig.alt == (
        "Grid of 4 sentences by Entman's four framing functions, 2 cues in all: "
        "problem definition in 0 sentences; causal interpretation in 0 sentences; "
        "moral evaluation in 1 sentence (1); treatment recommendation in 1 sentence (3). "
        "Sentences with no framing cue: 2, 4."
    )


@pytest.mark.parametrize(
    ("make", "phrase"),
    [
        (tfig.naming_figure, "No mentions of RUS were found"),
        (tfig.speakers_figure, "No quotations or reported speech were found"),
        (tfig.devices_figure, "No rhetorical devices of the chosen categories"),
        (tfig.frames_figure, "No framing cues were found"),
    ],
)
def test_empty_documents_say_so(make, phrase):
    fig = make(Document(text="The Department of State welcomes the talks."))
    check(fig)
    assert fig.alt.startswith(phrase)


def test_figures_are_deterministic(doc):
    assert tfig.devices_figure(doc).png == tfig.devices_figure(doc).png
    assert tfig.frames_figure(doc).alt == tfig.frames_figure(doc).alt


def test_profile(doc):
    p = tfig.profile(doc)
    assert list(p)[:3] == ["quotes", "reported_speech", "mentions_rus_name"]
    assert doc.word_count() == 33
    assert p["quotes"] == pytest.approx(100 / 33, abs=1e-3)
    assert p["mentions_rus_metonym"] == pytest.approx(200 / 33, abs=1e-3)
    assert p["evaluation_negative"] == pytest.approx(100 / 33, abs=1e-3)
    assert p["threats"] == pytest.approx(100 / 33, abs=1e-3)
    assert p["offers"] == 0.0 and p["hedges"] == 0.0
    # Adding a hedge raises only the hedge rate.
    hedged = replace(doc, devices=(*doc.devices, Device(0, 3, "may", "hedge", "rhetoric.hedges")))
    q = tfig.profile(hedged)
    assert q["hedges"] > 0 and {k: v for k, v in q.items() if k != "hedges"} == {
        k: v for k, v in p.items() if k != "hedges"
    }
    ukr = tfig.profile(doc, actor="UKR")
    assert ukr["mentions_ukr_name"] == pytest.approx(100 / 33, abs=1e-3)
    assert set(tfig.profile(Document(text="…")).values()) == {0.0}


def test_mention_in_other_sentence_is_not_linked(doc):
    # The only RUS mention in the evaluation's sentence is removed: no link is made.
    mentions = tuple(m for m in doc.mentions if m.text != "Moscow")
    assert tfig.negative_evaluation_forms(replace(doc, mentions=mentions)) == ()
    far = Mention(0, 3, "Sec", "RUS", "name", "actors.test")
    linked = tfig.negative_evaluation_forms(replace(doc, mentions=(far, *mentions)))
    assert [m.text for m in linked] == ["Sec"]


# --------------------------------------------------------------------------- comparison


def _comparison():
    from diplotext import parse
    from diplotext.compare import compare

    a = parse(
        "Moscow must choose. We urge Russia to de-escalate. We are ready to talk. "
        "The Kremlin's aggression is dangerous."
    )
    b = parse("The Deputy Secretary met the Minister. They discussed energy and trade.")
    return compare([a, b], ["editorial", "readout"])


def test_comparison_figure_alt_text_states_every_drawn_value():
    comp = _comparison()
    fig = tfig.comparison_figure(comp, number=4)
    check(fig)
    assert fig.number == 4
    assert "2 statements" in fig.alt
    for s in comp.statements:
        assert f"{s.label}, {s.words} words" in fig.alt
    drawn = [k for k in comp.metrics() if any(comp.value(s.label, k) for s in comp.statements)]
    assert drawn, "the sample should give some non-zero measures"
    from diplotext.compare import metric_label

    for k in drawn:
        part = f"{metric_label(k)}: editorial {comp.value('editorial', k):.2f}, "
        assert part + f"readout {comp.value('readout', k):.2f}" in fig.alt
    # Measures zero everywhere are named as not drawn (e.g. quotations: the sample has none).
    assert "not drawn: direct quotations" in fig.alt
    assert f"naming counted for {comp.actor}" in fig.caption


def test_comparison_figure_metrics_choice_and_empty_cases():
    from diplotext.compare import Comparison

    comp = _comparison()
    one = tfig.comparison_figure(comp, metrics=["in_group"])
    assert "one panel per measure: in-group" in one.alt and "hedges" not in one.alt
    none = tfig.comparison_figure(comp, metrics=["quotes"])
    check(none)
    assert none.alt == "None of the chosen measures was found in any of the statements."
    empty = tfig.comparison_figure(Comparison((), "RUS"))
    assert empty.alt == "No statements to compare."
    with pytest.raises(InputError):
        tfig.comparison_figure(comp, metrics=["no_such_measure"])
