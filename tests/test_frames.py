"""Tests of the frames step: Entman's four functions assigned to sentences by cue rules."""

from __future__ import annotations

from dataclasses import replace

import diplotext
from diplotext import frames, rhetoric
from diplotext.model import FRAME_FUNCTIONS, Document, FormatMention
from diplotext.state import State

CONTROL = "The meeting took place in Geneva on Monday."


def functions(text: str) -> dict[int, tuple[str, ...]]:
    return frames.functions_by_sentence(diplotext.parse(text))


def seed_sentence(doc, startswith: str) -> int:
    hits = [s.index for s in doc.sentences if doc.text[s.start : s.end].startswith(startswith)]
    assert len(hits) == 1, startswith
    return hits[0]


def test_frames_are_true_spans_inside_their_sentence(seed_doc):
    assert seed_doc.frames
    for f in seed_doc.frames:
        assert f.function in FRAME_FUNCTIONS
        assert f.rule.startswith("frames.")
        assert f.text == seed_doc.text[f.start : f.end]
        s = seed_doc.sentences[f.sentence]
        assert s.start <= f.start < f.end <= s.end


def test_seed_first_sentence_has_all_four_functions(seed_doc):
    fns = frames.functions_by_sentence(seed_doc)[0]
    assert fns == FRAME_FUNCTIONS
    cues = {f.function: f.text for f in seed_doc.frames if f.sentence == 0}
    assert cues["causal_interpretation"] == "caused by"
    moral = [f for f in seed_doc.frames if f.sentence == 0 and f.function == "moral_evaluation"]
    assert [(f.text, f.rule) for f in moral] == [("unprovoked", "frames.moral_from_evaluation")]
    treat = {f.text for f in seed_doc.frames if f.sentence == 0}
    assert "de-escalate" in treat


def test_seed_causal_and_treatment_sentences(seed_doc):
    by = frames.functions_by_sentence(seed_doc)
    brought = seed_sentence(seed_doc, "Secretary Blinken underscored")
    assert "causal_interpretation" in by[brought]
    rules = {f.rule for f in seed_doc.frames if f.sentence == brought}
    assert {"frames.causal_cues", "frames.causal_cleft"} <= rules
    sanctions = seed_sentence(seed_doc, "Secretary Blinken made clear")
    cues = {f.text for f in seed_doc.frames if f.sentence == sanctions}
    assert "treatment_recommendation" in by[sanctions]
    assert "sanctions" in cues


def test_cue_inside_a_format_name_does_not_count(seed_doc):
    talks = seed_sentence(seed_doc, "These talks include")
    cues = [f.text for f in seed_doc.frames if f.sentence == talks]
    assert cues == ["talks"]  # not the "Dialogue" of "Strategic Stability Dialogue"
    text = "The Strategic Stability Dialogue met."
    doc = Document(text=text, formats=(FormatMention(4, 32, text[4:32], "SSD", "SSD", "t"),))
    assert frames.run(doc)["frames"] == ()
    assert [f.text for f in frames.run(replace(doc, formats=()))["frames"]] == ["Dialogue"]


def test_neutral_control_has_no_frame():
    assert functions(CONTROL) == {}


def test_each_function_on_genre_sentences():
    text = (
        "Tensions on the border are rising. "
        "The escalation is due to Moscow’s decisions. "
        "All states have the right to choose their alliances. "
        "Russia must withdraw its forces."
    )
    by = functions(text)
    assert by[0] == ("problem_definition",)
    assert "causal_interpretation" in by[1]
    assert by[2] == ("moral_evaluation",)
    assert by[3] == ("treatment_recommendation",)
    deontic = [f for f in diplotext.parse(text).frames if f.rule == "frames.treatment_deontic"]
    assert [f.text for f in deontic] == ["must withdraw"]


def test_de_escalate_is_not_escalation():
    by = functions("We urge Russia to de-escalate.")
    assert by == {0: ("treatment_recommendation",)}


def test_cleft_assigns_cause():
    doc = diplotext.parse("It is Russia’s choice that will decide the outcome.")
    assert [f.text for f in doc.frames if f.rule == "frames.causal_cleft"] == [
        "It is Russia’s choice that"
    ]


def test_moral_from_evaluation_needs_rhetoric_devices():
    text = "The buildup is reckless."
    bare = Document(text=text)
    assert frames.moral_from_evaluation(State(bare)) == ()
    with_devices = replace(bare, **rhetoric.run(bare))
    found = frames.moral_from_evaluation(State(with_devices))
    assert [(f.sentence, f.text) for f in found] == [(0, "reckless")]


def test_every_rule_is_explainable():
    for rule_id, fn in frames.RULER.all_rules():
        assert rule_id == "frames." + fn.__name__
        assert rule_id in diplotext.explain(rule_id, source=False)
