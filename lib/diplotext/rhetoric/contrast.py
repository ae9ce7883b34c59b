"""Contrast: "not X but Y" antithesis and contrast markers."""

from __future__ import annotations

import re

from ..model import Device
from ..spans import trim as _trim
from ..state import State
from ..textindex import finditer_words, word_starts
from .common import _device, _lexicon_devices, _part

_NOT_BUT = re.compile(
    r"(?<![\w-])not\s+(?!only\b)(?P<x>(?:[\w’'-]+,?\s+){1,10}?)but(?![\w-])"
    r"(?!\s+also\b)(?P<y>(?:\s+[\w’'-]+){1,8})",
    re.IGNORECASE,
)
#: Where ``_NOT_BUT`` can match: the word "not" (tried only there: word index).
_NOT_WORD = word_starts(("not",))


def contrast_not_but(state: State) -> tuple[Device, ...]:
    """Antithesis "not X but Y" (Atkinson 1984: a contrast the audience can anticipate).

    "not" and "but" at most 10 words apart, with no full stop, colon or semicolon between;
    Y runs up to 8 words, to the next punctuation. Parts: ``not`` (X) and ``but`` (Y).
    "not only ... but also" is additive, not a contrast, and is skipped.
    """
    out = []
    for m in finditer_words(_NOT_BUT, _NOT_WORD, state.text, index=state.words):
        x = _trim(state.text, *m.span("x"))
        y = _trim(state.text, *m.span("y"))
        parts = (_part(state, "not", *x), _part(state, "but", *y))
        out.append(
            _device(
                state,
                m.start(),
                y[1],
                "contrast",
                "",
                "antithesis",
                parts=parts,
            )
        )
    return tuple(out)


def contrast_markers(state: State) -> tuple[Device, ...]:
    """Contrast markers from ``data/rhetoric_contrast.txt``: "but", "however", "rather
    than", "just as", "more than just", "while" ...

    Labels: ``antithesis``, ``comparison``, ``concession``, ``marker``. A marker inside a
    "not X but Y" antithesis is dropped in favour of the whole antithesis (the step keeps
    the longer device of a category). Limit: "while" may be temporal.
    """
    return _lexicon_devices(state, "contrast", "contrast", "")
