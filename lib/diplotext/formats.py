"""Pipeline step: negotiation formats ("Strategic Stability Dialogue", "NATO-Russia Council").

Diplomacy happens in *formats*: standing bodies and series of talks with their own
membership and rules (bilateral, an alliance with a partner, a pan-European body, a UN
organ). Naming the format tells a reader who is at the table. The list of formats is a
plain CSV file, ``data/formats.csv`` (id, name, aliases, kind), that a teacher can extend.

``run(doc)`` returns ``{"formats": (FormatMention, ...)}``. Later steps use these spans:
the "NATO" and "Russia" inside "NATO-Russia Council" are part of a format's name, not
mentions of the two actors.

This module also holds the small helpers the actors and timex steps share: reading a data
file with ``#`` comment lines, and turning a list of aliases into one compiled regex.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from . import datafiles
from .model import Document, FormatMention

# ---------------------------------------------------------------------------
# Shared helpers (data files, alias regexes, sentence windows)


def data_text(name: str) -> str:
    """The text of a file in ``diplotext/data/`` (see :mod:`diplotext.datafiles`)."""
    return datafiles.read(name)


def data_lines(name: str) -> list[str]:
    """Lines of a data file without ``#`` comment lines and blank lines."""
    return [
        line
        for line in data_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def split_list(value: str | None) -> list[str]:
    """Split a ``|``-separated CSV cell into its stripped, non-empty items."""
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def alias_pattern(alias: str) -> str:
    """The regex for one alias: spaces match any whitespace, both apostrophes match.

    A leading "the " may be capitalised ("The United States" at a sentence start).
    """
    words = alias.split()
    out = []
    for i, word in enumerate(words):
        piece = re.escape(word).replace("'", "['’]").replace("’", "['’]")
        if i == 0 and word == "the":
            piece = "[Tt]he"
        out.append(piece)
    return r"\s+".join(out)


def alternation(aliases: Iterable[str]) -> str:
    r"""One regex alternation of aliases, longest first (so the longest match wins).

    For speed the aliases are grouped by their first letter, whatever its case
    (``(?:Ukraine|United\s+States)|(?:Russia|Russian)|...``): at a given place the regex
    engine then tries one group instead of every alias. Within a group the aliases stay
    longest first, and two groups can never match at the same place, so the result is
    the same as with one flat list.
    """
    unique = sorted(set(aliases), key=lambda a: (-len(a), a))
    groups: dict[str, list[str]] = {}
    for alias in unique:
        first = "'" if alias[:1] in ("'", "’") else alias[:1].casefold()  # "the" matches "The" too
        groups.setdefault(first, []).append(alias_pattern(alias))
    return "|".join("(?:" + "|".join(g) + ")" for g in groups.values()) or r"(?!x)x"


#: Where a word ends: "U.S." ends at its dot; "Russia" in "Russia’s" ends before the ’.
LEFT = r"(?<![\w])"
RIGHT = r"(?![\w])"

_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])|\n")


def sentence_window(doc: Document, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around ``pos``: ``doc.sentences`` if segmented,
    else the text between the nearest sentence ends (``. `` before a capital, or a line
    break) on either side, looked for at most 1,000 characters away."""
    sent = doc.sentence_at(pos)
    if sent is not None:
        return sent.start, sent.end
    text = doc.text
    lo = max(0, pos - 1000)
    start = lo if lo else 0
    for m in _SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos, min(len(text), pos + 1000))
    end = m.start() + 1 if m else min(len(text), pos + 1000)
    return start, end


# ---------------------------------------------------------------------------
# The gazetteer


@lru_cache(maxsize=1)
def gazetteer() -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """Rows of ``data/formats.csv``: ``(id, name, aliases, kind)``."""
    rows = csv.DictReader(data_lines("formats.csv"))
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


@lru_cache(maxsize=1)
def _gazetteer_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every alias, and a map from normalised alias text to format id."""
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
    return re.compile(pattern), lookup


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split())


# ---------------------------------------------------------------------------
# Rules


def gazetteer_names(doc: Document) -> list[FormatMention]:
    """Names and acronyms of formats listed in ``data/formats.csv``.

    Matches each alias case-sensitively as a whole word ("NATO-Russia Council", "SSD",
    "U.S.-Russia Strategic Stability Dialogue"); where two aliases start at the same
    place the longer wins. An alias written "the X" in the file (the UN's "the Security
    Council") only counts right after "the", so "National Security Council" is not it.
    Why: a format's name is a fixed phrase, so a list is the most transparent method.
    """
    rx, lookup = _gazetteer_regex()
    out = []
    for m in rx.finditer(doc.text):
        fid = lookup[_norm(m.group(0))]
        out.append(FormatMention(m.start(), m.end(), m.group(0), fid, format_name(fid) or fid, ""))
    return out


_PERMANENT_COUNCIL = re.compile(rf"{LEFT}Permanent\s+Council{RIGHT}")
_OSCE_CONTEXT = re.compile(
    r"\bOSCE\b|Organi[sz]ation\s+for\s+Security\s+and\s+Co-?operation\s+in\s+Europe"
)


def osce_permanent_council(doc: Document) -> list[FormatMention]:
    """ "Permanent Council" alone is the OSCE Permanent Council when the OSCE is named
    in the same sentence ("a Permanent Council meeting at the Organization for Security
    and Cooperation in Europe").

    Why: several bodies are called a permanent council (NATO's old Permanent Joint
    Council, the Organization of American States' Permanent Council), so the bare phrase
    needs context. Without the OSCE in its sentence it is left untagged rather than
    guessed.
    """
    out = []
    for m in _PERMANENT_COUNCIL.finditer(doc.text):
        start, end = sentence_window(doc, m.start())
        if _OSCE_CONTEXT.search(doc.text, start, end):
            out.append(
                FormatMention(
                    m.start(), m.end(), m.group(0), "OSCE-PC", format_name("OSCE-PC") or "", ""
                )
            )
    return out


RULES: tuple[tuple[str, Callable[[Document], list[FormatMention]]], ...] = (
    ("formats.gazetteer", gazetteer_names),
    ("formats.osce_permanent_council", osce_permanent_council),
)


def select_longest(items: Iterable, rank: Callable | None = None) -> list:
    """Leftmost-longest selection of non-overlapping spans.

    Items are sorted by start, then longest first, then ``rank`` (lower wins a tie);
    an item is kept if it does not overlap one already kept.
    """
    order = sorted(items, key=lambda x: (x.start, -(x.end - x.start), rank(x) if rank else 0))
    kept = []
    last_end = -1
    for item in order:
        if item.start >= last_end:
            kept.append(item)
            last_end = item.end
    return kept


def run(doc: Document) -> dict:
    """Find formats: every rule in ``RULES`` proposes spans; the longest span wins."""
    found: list[FormatMention] = []
    for rid, fn in RULES:
        for f in fn(doc):
            found.append(FormatMention(f.start, f.end, f.text, f.id, f.name, rid))
    return {"formats": tuple(select_longest(found))}
