"""Pipeline step: time expressions (dates, relative times, durations, clock times).

When does a statement say things happened, and how does it place itself in time? "This
week", "in 2014" and "over the past two decades" do different work: the first anchors the
text in the news, the others build a history. Each pattern is a named rule; every time
expression gets a normalised ``value`` (see :class:`~diplotext.model.TimeExpression`):

* dates: ``"2022-01-10"``, months ``"2022-01"``, years ``"2014"``, decades ``"199"``
  (ISO 8601 reduced precision, as in TimeML: "the 1990s"), ranges
  ``"2022-01-10/2022-01-13"``; a date without a year takes the year of the document's
  date (``doc.metadata.date``) if known, else it is written ``"--01-10"`` (ISO 8601
  without year);
* relative expressions ("this week", "yesterday", "two years ago") get a value only when
  the document's date is known precisely enough (a day for "today", a month for "last
  month"), else ``None``;
* durations are ISO 8601: ``"P20Y"``, ``"P8Y"``, ``"PT4H"``; an unknown count is X
  (``"PXY"`` for "several years"), as in TimeML;
* clock times: ``"T09:00"``.

The span is the expression itself, without the preposition before it ("2014" in "in
2014"), but with qualifiers that change its meaning ("nearly four hours").
"""

from __future__ import annotations

import datetime as dt
import re

from . import datafiles
from .model import Document, TimeExpression
from .ruler import Ruler
from .spans import select_longest
from .state import State
from .textindex import finditer_words, word_starts

# ---------------------------------------------------------------------------
# Calendar words (facts of the English calendar, not a gazetteer)

MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
    "July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
    "Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
}  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Duration units: ISO 8601 designator, multiplier, and whether it is a time (after "T").
UNITS: dict[str, tuple[str, int, bool]] = {
    "century": ("Y", 100, False), "centuries": ("Y", 100, False),
    "decade": ("Y", 10, False), "year": ("Y", 1, False), "month": ("M", 1, False),
    "week": ("W", 1, False), "day": ("D", 1, False), "hour": ("H", 1, True),
    "minute": ("M", 1, True),
}  # fmt: skip

_MONTH = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_NOT_NUMBER_AFTER = r"(?![\d]|[,.]\d)"
_DASH = r"\s*[-–—]\s*"

# Speed only: each ``*_STARTS`` below lists the words a match of the pattern above it can
# begin with (``numbers=True``: or any word starting with a digit). The pattern is then
# tried only where such a word stands (see diplotext.textindex); what matches is unchanged.


@datafiles.cached
def number_words() -> dict[str, str]:
    """``data/timex_numbers.txt``: number word -> value ("X" for an unknown count)."""
    out = {}
    for line in datafiles.lines("timex_numbers.txt"):
        word, _, value = line.rpartition(" ")
        out[word.strip().lower()] = value.strip()
    return out


@datafiles.cached
def qualifiers() -> tuple[str, ...]:
    """``data/timex_qualifiers.txt``: words before a duration that belong to it."""
    return tuple(line.strip().lower() for line in datafiles.lines("timex_qualifiers.txt"))


def anchor(doc: Document | State) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of the document's date (``doc.metadata.date``), as known.

    >>> from diplotext.model import Metadata
    >>> anchor(Document("x", metadata=Metadata(date="2022-01")))
    (2022, 1, None)
    """
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", doc.metadata.date or "")
    if not m:
        return None, None, None
    return tuple(int(g) if g else None for g in m.groups())  # type: ignore[return-value]


def _ymd(year: int | None, month: int, day: int) -> str | None:
    """ISO date, or ``--MM-DD`` without a year; None if the day does not exist."""
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: "--02-29" is fine
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))  # type: ignore[union-attr]


def _te(m: re.Match[str], value: str | None, kind: str, group: str | int = 0) -> TimeExpression:
    return TimeExpression(m.start(group), m.end(group), m.group(group), value, kind, "")


# ---------------------------------------------------------------------------
# Rules

_DATE_RANGE = re.compile(
    rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
    rf"{_NOT_NUMBER_AFTER}"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<e1>{_DAY}){_DASH}(?P<e2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"{_NOT_NUMBER_AFTER}"
)
_DATE_RANGE_STARTS = word_starts(tuple(MONTHS), numbers=True)


def date_range(state: State) -> list[TimeExpression]:
    """A range of days in one month: "10-13 January", "January 10–13, 2022".

    Value: an ISO 8601 interval ``"2022-01-10/2022-01-13"``; without a year in the text,
    the year of the document's date, else ``"--01-10/--01-13"``.
    """
    year0 = anchor(state)[0]
    out = []
    for m in finditer_words(_DATE_RANGE, _DATE_RANGE_STARTS, state.text, index=state.words):
        month = MONTHS[m.group("m") or m.group("m2")]
        d1, d2 = (m.group("d1"), m.group("d2")) if m.group("m") else (m.group("e1"), m.group("e2"))
        y = m.group("y") or m.group("y2")
        year = int(y) if y else year0
        a, b = _ymd(year, month, _day(d1)), _ymd(year, month, _day(d2))
        out.append(_te(m, f"{a}/{b}" if a and b else None, "date"))
    return out


_FULL_DATE = re.compile(
    rf"\b(?:(?:{_WEEKDAY}),?\s+)?"
    rf"(?:(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?"
    rf"|(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)"
    rf"{_NOT_NUMBER_AFTER}(?!:)"
)
_FULL_DATE_STARTS = word_starts((*WEEKDAYS, *MONTHS, "the"), numbers=True)


def calendar_date(state: State) -> list[TimeExpression]:
    """A day of a month, with or without the year and weekday: "January 10",
    "January 10, 2022", "12 January 2022", "Monday, January 10".

    Value: ``"2022-01-10"``. Without a year, the year of the document's date if known,
    else ``"--01-10"``. A day that does not exist ("February 30") gets no value.
    """
    year0 = anchor(state)[0]
    out = []
    for m in finditer_words(_FULL_DATE, _FULL_DATE_STARTS, state.text, index=state.words):
        month = MONTHS[m.group("m") or m.group("m2")]
        day = _day(m.group("d") or m.group("d2"))
        y = m.group("y") or m.group("y2")
        out.append(_te(m, _ymd(int(y) if y else year0, month, day), "date"))
    return out


_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR}){_NOT_NUMBER_AFTER}")


def month_year(state: State) -> list[TimeExpression]:
    """A month of a year: "December 2021", "May 1997". Value ``"2021-12"``."""
    return [
        _te(m, f"{m.group('y')}-{MONTHS[m.group('m')]:02d}", "date")
        for m in finditer_words(
            _MONTH_YEAR, word_starts(tuple(MONTHS)), state.text, index=state.words
        )
    ]


_YEAR_RANGE = re.compile(
    rf"(?<![\d,.$€£])(?P<a>{_YEAR}){_DASH}(?P<b>{_YEAR}|\d\d){_NOT_NUMBER_AFTER}"
)


def year_range(state: State) -> list[TimeExpression]:
    """A span of years: "2014-2015", "2014–15". Value ``"2014/2015"``.

    A hyphen between two four-digit years from 1900 to 2099 is date context enough.
    """
    out = []
    for m in _YEAR_RANGE.finditer(state.text):
        a, b = m.group("a"), m.group("b")
        if len(b) == 2:
            b = a[:2] + b
        if int(b) > int(a):
            out.append(_te(m, f"{a}/{b}", "date"))
    return out


_YEAR_IN_CONTEXT = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Bb]y|of|[Ff]rom|[Uu]ntil|[Tt]ill|[Bb]efore|[Aa]fter|[Dd]uring|"
    r"[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id-?|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn|[Ff]all)"
    rf"\s*(?<![\d,.$€£])(?P<y>{_YEAR}){_NOT_NUMBER_AFTER}"
)

#: "\s*" may be empty ("in2014" is one word), so the context words are prefixes here.
_YEAR_IN_CONTEXT_STARTS = word_starts((
    "in*", "since*", "by*", "of*", "from*", "until*", "till*", "before*", "after*", "during*",
    "throughout*", "early*", "late*", "mid*", "summer*", "winter*", "spring*", "autumn*", "fall*",
))  # fmt: skip

_MORE_YEARS = re.compile(
    rf"(?:,\s*|\s+(?:and|or)\s+|,\s+(?:and|or)\s+)(?P<y>{_YEAR}){_NOT_NUMBER_AFTER}"
)


def year(state: State) -> list[TimeExpression]:
    """A year after a word that makes it a date: "in 2014", "since 2014", "by 2022",
    "of 1997", "from 2008", "early 2021". Value ``"2014"``; the span is the year alone.

    Years listed after such a year count too ("in 2008, 2014 and 2022").

    Why the context: a bare four-digit number may be a count ("2014 troops"), and the
    "2014" inside "142,014" or "2014.5" is no year at all; only years 1900-2099 count.
    """
    out = []
    for m in finditer_words(
        _YEAR_IN_CONTEXT, _YEAR_IN_CONTEXT_STARTS, state.text, index=state.words
    ):
        out.append(_te(m, m.group("y"), "date", "y"))
        more = _MORE_YEARS.match(state.text, m.end())
        while more:
            out.append(_te(more, more.group("y"), "date", "y"))
            more = _MORE_YEARS.match(state.text, more.end())
    return out


_DECADE = re.compile(
    r"(?:\b[Tt]he\s+)?(?<![\w,.])(?P<d>(?:19|20)\d0)s\b|(?:\b[Tt]he\s+)?['’](?P<s>\d0)s\b"
)


def decade(state: State) -> list[TimeExpression]:
    """A decade: "the 1990s", "the ’90s". Value: the first three digits, ``"199"``
    (ISO 8601 reduced precision; TimeML writes decades the same way).

    "’90s" is read as the 1990s (the genre's usage); "’20s" as the 2020s."""
    if "0s" not in state.text:  # speed only: every decade ends in "0s"
        return []
    out = []
    for m in _DECADE.finditer(state.text):
        if m.group("d"):
            value = m.group("d")[:3]
        else:
            s = m.group("s")
            value = ("20" if int(s) <= 20 else "19") + s[0]
        out.append(_te(m, value, "date"))
    return out


_RELATIVE_DAY = re.compile(
    r"\b(?P<w>[Tt]oday|[Tt]onight|[Tt]omorrow|[Yy]esterday|"
    r"[Tt]his\s+(?:morning|afternoon|evening))\b"
)
_RELATIVE_DAY_STARTS = word_starts(("today", "tonight", "tomorrow", "yesterday", "this"))
_DAY_OFFSET = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


def relative_day(state: State) -> list[TimeExpression]:
    """Days relative to the text's own date: "today", "tonight", "tomorrow",
    "yesterday", "this morning". Value: the date, if the document's date is known to
    the day (``"2022-01-10"``), else None."""
    y, mo, d = anchor(state)
    out = []
    for m in finditer_words(_RELATIVE_DAY, _RELATIVE_DAY_STARTS, state.text, index=state.words):
        value = None
        if y and mo and d:
            word = m.group("w").split()[0].lower()
            day = dt.date(y, mo, d) + dt.timedelta(days=_DAY_OFFSET.get(word, 0))
            value = day.isoformat()
        out.append(_te(m, value, "relative"))
    return out


_RELATIVE_PERIOD = re.compile(
    r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext|[Pp]revious|[Cc]oming)"
    r"\s+(?P<unit>week|month|year)\b"
    r"|\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<the>[Tt]he\s+(?:coming|previous))"
    r"\s+(?P<unit2>week|month|year)\b"
)
_RELATIVE_PERIOD_STARTS = word_starts(
    ("earlier", "later", "this", "last", "next", "previous", "coming", "the")
)
_PERIOD_STEP = {"this": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}


def _shift(y: int, mo: int | None, d: int | None, unit: str, step: int) -> str | None:
    """The week, month or year ``step`` periods from the anchor, as ISO, if known."""
    if unit == "year":
        return f"{y + step:04d}"
    if unit == "month" and mo:
        total = y * 12 + (mo - 1) + step
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "week" and mo and d:
        iso = (dt.date(y, mo, d) + dt.timedelta(weeks=step)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return None


def relative_period(state: State) -> list[TimeExpression]:
    """Weeks, months and years relative to the text's date: "this week", "last month",
    "next year", "earlier this week", "the coming week".

    Value when the document's date is precise enough: an ISO week ``"2022-W02"`` (needs
    the day), a month ``"2021-12"`` (needs the month), a year ``"2021"``; else None.
    The seed's date is only "2022-01", so its "this week" has no value: honest, not
    guessed.
    """
    y, mo, d = anchor(state)
    out = []
    for m in finditer_words(
        _RELATIVE_PERIOD, _RELATIVE_PERIOD_STARTS, state.text, index=state.words
    ):
        rel = (m.group("rel") or m.group("the").split()[-1]).lower()
        unit = m.group("unit") or m.group("unit2")
        value = _shift(y, mo, d, unit, _PERIOD_STEP[rel]) if y else None
        out.append(_te(m, value, "relative"))
    return out


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


@datafiles.cached
def _number_regex() -> str:
    words = sorted(number_words(), key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    tens = "|".join(_TENS)
    ones = "one|two|three|four|five|six|seven|eight|nine"
    return rf"(?P<n>\d+(?:\.\d+)?|(?:{tens})[\s-]+(?:{ones})|{alts})"


def _could_start(*phrases: str) -> str:
    """A lookahead: a digit or the first letter of one of ``phrases``.

    Speed only: a regex that starts with it gives up at once on a word that cannot begin
    a match, instead of trying every alternative in turn. It never changes what matches
    (the phrases are all the words a match can begin with).
    """
    letters = "".join(sorted({re.escape(p[0].lower()) for p in phrases if p}))
    return rf"(?=[\d{letters}])"


def _count(raw: str) -> str | None:
    """The value of a number ("two" -> "2", "twenty-five" -> "25", "several" -> "X")."""
    raw = " ".join(raw.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return raw
    words = number_words()
    if raw in words:
        return words[raw]
    parts = raw.split()
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        a, b = words[parts[0]], words[parts[1]]
        if a.isdigit() and b.isdigit():
            return str(int(a) + int(b))
    return None


def _iso_duration(count: str, unit: str) -> str | None:
    designator, mult, is_time = UNITS[unit]
    if count == "X":
        n = "X"
    else:
        num = float(count) * mult
        n = str(int(num)) if num == int(num) else f"{num:g}"
    return f"PT{n}{designator}" if is_time else f"P{n}{designator}"


_UNIT = r"(?P<u>centur(?:y|ies)|decades?|years?|months?|weeks?|days?|hours?|minutes?)"


@datafiles.cached
def _duration_regex() -> re.Pattern[str]:
    quals = "|".join(
        r"\s+".join(map(re.escape, q.split())) for q in sorted(qualifiers(), key=len, reverse=True)
    )
    first = _could_start(*qualifiers(), *number_words(), *_TENS)
    return re.compile(
        rf"(?<![\w-]){first}(?:(?:{quals})\s+){{0,2}}{_number_regex()}(?:\s+|-){_UNIT}"
        r"(?![\w-])(?:-long)?",
        re.IGNORECASE,
    )


def _unit(raw: str) -> str:
    raw = raw.lower()
    if raw.startswith("centur"):
        return "century"
    return raw.rstrip("s") if raw not in ("centuries",) else "century"


def duration(state: State) -> list[TimeExpression]:
    """A length of time: "over the past two decades" (P20Y), "eight years" (P8Y),
    "nearly four hours" (PT4H), "a decade" (P10Y), "several years" (PXY).

    Qualifiers that change the meaning ("nearly", "more than", "the past"; see
    ``data/timex_qualifiers.txt``) are part of the span; the value keeps the stated
    number, so "nearly four hours" is PT4H. A number of units followed by "ago" is a
    point in time, not a length (``timex.ago``, which wins as the longer span).
    """
    out = []
    starts = word_starts((*qualifiers(), *number_words(), *_TENS), numbers=True)
    for m in finditer_words(_duration_regex(), starts, state.text, index=state.words):
        count = _count(m.group("n"))
        if count is None:
            continue
        out.append(_te(m, _iso_duration(count, _unit(m.group("u"))), "duration"))
    return out


@datafiles.cached
def _ago_regex() -> re.Pattern[str]:
    return re.compile(
        rf"\b{_could_start(*number_words(), *_TENS)}{_number_regex()}\s+{_UNIT}\s+ago\b",
        re.IGNORECASE,
    )


_AGO_WORD = re.compile("ago", re.IGNORECASE)


def ago(state: State) -> list[TimeExpression]:
    """A point in time counted back from the text's date: "two years ago", "a week ago".

    Value when the document's date is precise enough for the unit (a year for years and
    decades, a month for months, the day for weeks and days), else None."""
    if not _AGO_WORD.search(state.text):  # speed only: no "ago", nothing to find
        return []
    y, mo, d = anchor(state)
    out = []
    for m in _ago_regex().finditer(state.text):
        count, unit = _count(m.group("n")), _unit(m.group("u"))
        value = None
        if y and count and count.isdigit():
            n = int(count)
            if unit in ("year", "decade", "century"):
                value = f"{y - n * UNITS[unit][1]:04d}"
            elif unit == "month" and mo:
                value = _shift(y, mo, d, "month", -n)
            elif unit in ("week", "day") and mo and d:
                delta = dt.timedelta(weeks=n) if unit == "week" else dt.timedelta(days=n)
                value = (dt.date(y, mo, d) - delta).isoformat()
        out.append(_te(m, value, "relative"))
    return out


_CLOCK = re.compile(
    r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?"
    r"|\b(?P<w>noon|midnight)\b",
    re.IGNORECASE,
)


def clock_time(state: State) -> list[TimeExpression]:
    """A time of day: "9 a.m.", "10:30 p.m.", "noon". Value ``"T09:00"``, ``"T22:30"``.

    The period after "a.m." is taken as part of the time (it often also ends the
    sentence)."""
    out = []
    for m in finditer_words(
        _CLOCK, word_starts(("noon", "midnight"), numbers=True), state.text, index=state.words
    ):
        if m.group("w"):
            value = "T12:00" if m.group("w").lower() == "noon" else "T00:00"
        else:
            h = int(m.group("h")) % 12 + (12 if m.group("ap").lower() == "p" else 0)
            value = f"T{h:02d}:{m.group('mi') or '00'}"
        out.append(_te(m, value, "time"))
    return out


#: The rules, in order: each proposes time expressions; the longest span wins (a tie goes
#: to the earlier rule).
RULER = Ruler(
    "timex",
    [
        date_range,
        calendar_date,
        month_year,
        year_range,
        year,
        decade,
        relative_day,
        relative_period,
        ago,
        duration,
        clock_time,
    ],
    name="expressions",
)
RULERS = (RULER,)


def run(state: State | Document) -> dict:
    """Find time expressions: every rule proposes spans and the longest span wins
    (a tie goes to the earlier rule in ``RULER``)."""
    rank = {rid: i for i, (rid, _) in enumerate(RULER.all_rules())}
    found = RULER.run_items(State.of(state))
    return {"time_expressions": tuple(select_longest(found, rank=lambda t: rank[t.rule]))}
