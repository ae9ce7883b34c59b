"""Write the synthetic example answer files of this folder (run from the repository root).

    python examples/answers/make_examples.py

Six made-up students ("Ash" ... "Fen") answer four annotation exercises of lesson 03 on
the seed text. They are SYNTHETIC: written to show a teacher what `diplotext class-report`
does, not the work of real students; each file says so ("synthetic": true, "note").
Each answer is a phrase of the text (and which occurrence), widened to whole words as the
annotator would mark it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import diplotext as dt
from diplotext.exercises import Mark
from diplotext.exercises.answers import build, write_atomic
from diplotext.exercises.comparison import words

LESSON = "03-rhetorical-analysis"
NOTE = (
    "Synthetic example made for diplotext's documentation (examples/answers/make_examples.py): "
    "not the work of a real student."
)
EXERCISES = {
    "ex1": ["reporting-verb"],
    "ex2": ["metonym"],
    "ex3": ["conditional-offer", "conditional-threat", "conditional-norm"],
    "ex4": ["evaluation-negative", "evaluation-positive"],
}
OFFER = (
    "if the Kremlin is prepared to reciprocate regarding its own dangerous and destabilizing "
    "behavior"
)
THREAT = "if Russia further invades Ukraine, it will face massive economic and financial sanctions"
NORM = "should face costs if they don’t live up to the solemn commitments"
NEG, POS = "evaluation-negative", "evaluation-positive"
C_OFFER, C_THREAT, C_NORM = "conditional-offer", "conditional-threat", "conditional-norm"
# student -> exercise -> category -> phrases ("said#1" is the second "said" of the text)
STUDENTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "Ash": {
        "ex1": {
            "reporting-verb": [
                "said",
                "emphasized",
                "underscored",
                "said#1",
                "made clear",
                "said#2",
            ]
        },
        "ex2": {"metonym": ["the Kremlin", "Moscow", "Moscow#1"]},
        "ex3": {C_OFFER: [OFFER], C_THREAT: [THREAT], C_NORM: [NORM]},
        "ex4": {
            NEG: ["unprovoked", "dangerous and destabilizing", "aggression", "threats"],
            POS: ["responsible", "legitimate"],
        },
    },
    "Bea": {
        "ex1": {"reporting-verb": ["said", "emphasized", "said#1", "said#2", "Speaking"]},
        "ex2": {"metonym": ["the Kremlin", "Moscow", "Crimea"]},
        "ex3": {C_THREAT: [OFFER, THREAT]},
        "ex4": {NEG: ["unprovoked", "aggression", "massive", "threats"], POS: ["vital"]},
    },
    "Cy": {
        "ex1": {"reporting-verb": ["said", "underscored", "said#1", "made clear"]},
        "ex2": {"metonym": ["Moscow", "Moscow#1"]},
        "ex3": {C_OFFER: [OFFER], C_THREAT: [THREAT, NORM]},
        "ex4": {
            NEG: ["unprovoked", "dangerous and destabilizing", "acts of aggression"],
            POS: ["responsible", "meaningful"],
        },
    },
    "Dee": {
        "ex1": {
            "reporting-verb": [
                "said",
                "emphasized",
                "underscored",
                "said#1",
                "made clear",
                "said#2",
                "hope",
            ]
        },
        "ex2": {"metonym": ["the Kremlin", "Moscow#1", "European soil"]},
        "ex3": {C_OFFER: [OFFER], C_THREAT: [THREAT], C_NORM: [NORM]},
        "ex4": {
            NEG: ["unprovoked", "aggression", "threats", "threatened"],
            POS: ["legitimate", "solemn"],
        },
    },
    "Eli": {
        "ex1": {"reporting-verb": ["said", "said#1", "said#2"]},
        "ex2": {"metonym": ["the Kremlin", "Moscow", "Moscow#1"]},
        "ex3": {C_OFFER: [OFFER], C_NORM: [THREAT]},
        "ex4": {
            NEG: ["unprovoked", "dangerous and destabilizing", "aggression", "massive"],
            POS: ["responsible"],
        },
    },
    "Fen": {
        "ex1": {"reporting-verb": ["said", "emphasized", "underscored", "made clear"]},
        "ex2": {"metonym": ["Moscow"]},
        "ex3": {C_THREAT: [THREAT], C_NORM: [NORM]},
        "ex4": {
            NEG: ["unprovoked", "aggression", "acts of aggression"],
            POS: ["legitimate", "vital"],
        },
    },
}


def span(text: str, answer: str) -> tuple[int, int]:
    """``"phrase#n"``: the nth occurrence (from 0), widened to whole words (as the annotator)."""
    phrase, _, n = answer.partition("#")
    nth = int(n or 0)
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(phrase, pos + 1)
    end = pos + len(phrase)
    toks = [(s, e) for s, e in words(text) if s < end and pos < e]
    return toks[0][0], toks[-1][1]


def main(out: Path) -> None:
    text = dt.load(dt.seed_path()).text
    for student, answers in STUDENTS.items():
        data = None
        for ex, cats in EXERCISES.items():
            given = answers.get(ex, {})
            marks = [Mark(*span(text, a), cat) for cat in cats for a in given.get(cat, [])]
            data = build(data, LESSON, ex, text, student, marks, cats)
        data = {**data, "synthetic": True, "note": NOTE}
        write_atomic(out / f"{LESSON}.{student.lower()}.json", data)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
