"""Pipeline step: negotiation formats ("Strategic Stability Dialogue", "NATO-Russia Council").

Diplomacy happens in *formats*: standing bodies and series of talks with their own
membership and rules (bilateral, an alliance with a partner, a pan-European body, a UN
organ). Naming the format tells a reader who is at the table. The list of formats is a
plain CSV file, ``data/formats.csv`` (id, name, aliases, kind), that a teacher can extend.

``run(state)`` returns ``{"formats": (FormatMention, ...)}``. Later steps use these spans:
the "NATO" and "Russia" inside "NATO-Russia Council" are part of a format's name, not
mentions of the two actors.

"""

from __future__ import annotations

import csv
import re

from . import datafiles
from .model import Document, FormatMention
from .ruler import Ruler
from .spans import select_longest
from .state import State
from .textindex import WordStarts, finditer_words, word_starts
from .wordlists import LEFT, RIGHT, alternation, split_list

# ---------------------------------------------------------------------------
# The gazetteer


@datafiles.cached
def gazetteer() -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """Rows of ``data/formats.csv``: ``(id, name, aliases, kind)``."""
    rows = csv.DictReader(datafiles.lines("formats.csv"))
    return tuple(
        (r["id"].strip(), r["name"].strip(), tuple(split_list(r["aliases"])), r["kind"].strip())
        for r in rows
    )


def format_name(format_id: str) -> str | None:
    """The name of a format id from the gazetteer, or None."""
    for fid, name, _aliases, _kind in gazetteer():
        if fid == format_id:
            return name
    return None


@datafiles.cached
def _gazetteer_regex() -> tuple[re.Pattern[str], dict[str, str], WordStarts]:
    """One regex for every alias, a map from normalised alias text to format id, and the
    words an alias can start with (the regex is tried only where they stand)."""
    plain: list[str] = []
    after_the: list[str] = []
    lookup: dict[str, str] = {}
    for fid, _name, aliases, _kind in gazetteer():
        for alias in aliases:
            if alias.startswith("the "):
                after_the.append(alias[4:])
                lookup[_norm(alias[4:])] = fid
            else:
                plain.append(alias)
                lookup[_norm(alias)] = fid
    pattern = (
        rf"{LEFT}(?:(?P<plain>{alternation(plain)})"
        rf"|(?<=[Tt]he )(?P<after_the>{alternation(after_the)})){RIGHT}"
    )
    return re.compile(pattern), lookup, word_starts(tuple(plain + after_the))


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split())


# ---------------------------------------------------------------------------
# Rules


def gazetteer_names(state: State) -> list[FormatMention]:
    """Names and acronyms of formats listed in ``data/formats.csv``.

    Matches each alias case-sensitively as a whole word ("NATO-Russia Council", "SSD",
    "U.S.-Russia Strategic Stability Dialogue"); where two aliases start at the same
    place the longer wins. An alias written "the X" in the file (the UN's "the Security
    Council") only counts right after "the", so "National Security Council" is not it.
    Why: a format's name is a fixed phrase, so a list is the most transparent method.
    """
    rx, lookup, starts = _gazetteer_regex()
    out = []
    for m in finditer_words(rx, starts, state.text, index=state.words):
        fid = lookup[_norm(m.group(0))]
        out.append(FormatMention(m.start(), m.end(), m.group(0), fid, format_name(fid) or fid, ""))
    return out


_PERMANENT_COUNCIL = re.compile(rf"{LEFT}Permanent\s+Council{RIGHT}")
_OSCE_CONTEXT = re.compile(
    r"\bOSCE\b|Organi[sz]ation\s+for\s+Security\s+and\s+Co-?operation\s+in\s+Europe"
)


def osce_permanent_council(state: State) -> list[FormatMention]:
    """ "Permanent Council" alone is the OSCE Permanent Council when the OSCE is named
    in the same sentence ("a Permanent Council meeting at the Organization for Security
    and Cooperation in Europe").

    Why: several bodies are called a permanent council (NATO's old Permanent Joint
    Council, the Organization of American States' Permanent Council), so the bare phrase
    needs context. Without the OSCE in its sentence it is left untagged rather than
    guessed.
    """
    out = []
    text = state.text
    for m in _PERMANENT_COUNCIL.finditer(text):
        start, end = state.sentence_span(m.start())
        if start == end:  # outside every sentence: the 1,000 characters around it
            start, end = max(0, m.start() - 1000), min(len(text), m.end() + 1000)
        if _OSCE_CONTEXT.search(text, start, end):
            out.append(
                FormatMention(
                    m.start(), m.end(), m.group(0), "OSCE-PC", format_name("OSCE-PC") or "", ""
                )
            )
    return out


#: The rules: every rule proposes format mentions; the longest span wins.
RULER = Ruler("formats", name="names")
RULER.push(gazetteer_names, "gazetteer")
RULER.push(osce_permanent_council)
RULERS = (RULER,)


def run(state: State | Document) -> dict:
    """Find formats: every rule in ``RULER`` proposes spans; the longest span wins."""
    return {"formats": tuple(select_longest(RULER.run_items(State.of(state))))}
