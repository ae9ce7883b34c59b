"""Figures about the world around the text: timeline, locator map, troops, memberships, week.

Every number, date and name drawn here comes from ``seeds/context`` through
:mod:`diplotext.context`, and every figure's **alt text is written from the same data**
(so it changes when the data change, and nbval notices). Captions name the sources.
Colours are Okabe-Ito (:data:`diplotext.display.PALETTE`) paired with hatches or marker
shapes, so categories survive greyscale printing. Figures are built with
:class:`matplotlib.figure.Figure` at fixed sizes: the same data give the same picture.

Every public figure function is :func:`~diplotext.display.cached_figure`: a figure drawn
once is read back from the figure cache, and matplotlib is imported only when a figure is
actually drawn (the imports are inside the functions).
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .. import context as ctx
from ..display import HATCHES, PALETTE, FigureOutput, cached_figure, colour, png_bytes
from ..load import seeds_dir

__all__ = [
    "epilogue_figure",
    "locator_map",
    "membership_figure",
    "timeline_figure",
    "troops_figure",
    "week_figure",
]

_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")


def _fmt_n(n: int) -> str:
    return f"{n:,}"


def _sources_note(items: Iterable[object]) -> str:
    ids = ctx.sources_of(list(items))
    return "Sources: " + ", ".join(ids) + " (see seeds/context/sources.toml)." if ids else ""


# --------------------------------------------------------------------------- timeline


def _year_frac(d: str) -> float:
    parts = [int(x) for x in d.split("-")]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return y + (m - 1) / 12 + (day - 1) / 365


@cached_figure
def timeline_figure(
    events: Sequence[ctx.Event] | None = None,
    categories: Iterable[str] | None = None,
    start_year: int = 1991,
    end_year: int = 2022,
    number: int | None = None,
) -> FigureOutput:
    """Events as markers on a time axis, one row per category.

    ``events`` defaults to the whole timeline; ``categories`` keeps only those
    categories; ``start_year``/``end_year`` keep events whose start year lies in the
    range. An empty selection gives a figure that says "No events match" (image and alt).
    """
    from matplotlib.figure import Figure

    evs = list(ctx.timeline() if events is None else events)
    cats = tuple(ctx.CATEGORIES if categories is None else categories)
    sel = [e for e in evs if e.category in cats and start_year <= e.year <= end_year]
    fig = Figure(figsize=(10, 4.6))
    ax = fig.add_subplot(1, 1, 1)
    crit = f"categories {', '.join(cats) or 'none'}, years {start_year}-{end_year}"
    if not sel:
        ax.set_axis_off()
        ax.text(0.5, 0.5, f"No events match\n({crit})", ha="center", va="center", fontsize=13)
        alt = f"Timeline: no events match the selection ({crit})."
        return FigureOutput(png_bytes(fig), alt, "Timeline: empty selection.", number)
    rows = [c for c in ctx.CATEGORIES if any(e.category == c for e in sel)]
    for i, c in enumerate(rows):
        ci = ctx.CATEGORIES.index(c)
        mine = [e for e in sel if e.category == c]
        for e in mine:
            x0 = _year_frac(e.date)
            if e.end_date and _year_frac(e.end_date) - x0 > 0.05:
                ax.plot([x0, _year_frac(e.end_date)], [i, i], color=colour(ci), lw=5, alpha=0.6)
        ax.scatter(
            [_year_frac(e.date) for e in mine],
            [i] * len(mine),
            marker=_MARKERS[ci % len(_MARKERS)],
            s=60,
            color=colour(ci),
            edgecolor="black",
            linewidth=0.6,
            zorder=3,
            label=c,
        )
    # label a few events per row (those marked as key) without clutter: the first event
    # of each year-cluster, alternating above/below
    last_x: dict[int, float] = {}
    for e in sel:
        i = rows.index(e.category)
        x = _year_frac(e.date)
        if x - last_x.get(i, -99) < 2.2:
            continue
        last_x[i] = x
        short = e.title if len(e.title) <= 28 else e.title[:26] + "…"
        ax.annotate(
            f"{e.date[:4]} {short}",
            (x, i),
            xytext=(0, 9),
            textcoords="offset points",
            fontsize=7,
            ha="left",
            rotation=18,
        )
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(-0.6, len(rows) - 0.1)
    lo = min(start_year, min(e.year for e in sel))
    hi = max(end_year, max(e.year for e in sel))
    ax.set_xlim(lo - 0.5, hi + 3.0)
    ax.set_xlabel("Year")
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    ax.set_title(f"Timeline {start_year}-{end_year}: {len(sel)} events")
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    counts = "; ".join(f"{c} {sum(e.category == c for e in sel)}" for c in rows)
    first, last = sel[0], sel[-1]
    alt = (
        f"Timeline of {len(sel)} events, {sel[0].date} to {sel[-1].date} ({counts}). "
        f"First: {first.date} {first.title}. Last: {last.date} {last.title}."
    )
    caption = (
        f"Events {start_year}-{end_year} by category; bars show events that lasted days or "
        f"more. {_sources_note(sel)}"
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- map


@lru_cache(maxsize=1)
def _geo() -> dict:
    path = seeds_dir() / "geo" / "ne_110m_europe.geojson"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ctx.ContextDataError(f"{path}: cannot read the map data ({exc}).") from None


_MAP_FOCUS = {"UKR": "bluish_green", "RUS": "orange", "GEO": "sky_blue", "MDA": "sky_blue"}
_MAP_LABELS = {
    "UKR": (31.5, 49.0),
    "RUS": (44.0, 56.5),
    "GEO": (44.9, 41.3),
    "MDA": (28.3, 47.3),
    "BLR": (28.0, 53.5),
    "POL": (19.5, 52.0),
    "ROU": (24.8, 45.8),
    "TUR": (35.0, 39.0),
}


@cached_figure
def locator_map(number: int | None = None) -> FigureOutput:
    """Locator map: Ukraine, Russia, Georgia, Moldova and neighbours, the contested regions
    (Crimea hatched and labelled; Abkhazia, South Ossetia, Transnistria as labelled
    markers) and the three venues of the week (Geneva, Brussels, Vienna).

    Equirectangular projection with a cos(latitude) aspect; outlines from Natural Earth
    1:110m (seeds/geo), places from seeds/context/places.csv.
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon, Rectangle

    geo = _geo()
    lon0, lon1, lat0, lat1 = -2.0, 50.0, 38.5, 60.5
    fig = Figure(figsize=(10, 7.2))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor("#eef6fb")
    for f in geo["features"]:
        iso = f["properties"]["iso_a3"]
        face = PALETTE[_MAP_FOCUS[iso]] if iso in _MAP_FOCUS else "#f2f2f2"
        alpha = 0.55 if iso in _MAP_FOCUS else 1.0
        for poly in f["geometry"]["coordinates"]:
            ax.add_patch(
                Polygon(
                    poly[0],
                    closed=True,
                    facecolor=face,
                    alpha=alpha,
                    edgecolor="#555555",
                    linewidth=0.5,
                )
            )
    for iso, (x, y) in _MAP_LABELS.items():
        ax.text(
            x,
            y,
            ctx.country_name(iso) if iso != "BLR" else "Belarus",
            fontsize=8,
            ha="center",
            color="#222222",
            style="italic",
        )
    places = ctx.places()
    legend: list[object] = []
    crimea = [p for p in places if p.kind == "occupied territory"]
    for p in crimea:
        # hatched ellipse-like box over the peninsula's main city, plus a label
        ax.add_patch(
            Rectangle(
                (p.lon - 1.6, p.lat - 0.6),
                3.4,
                1.3,
                facecolor="none",
                edgecolor=PALETTE["vermillion"],
                hatch="////",
                linewidth=1.2,
            )
        )
        ax.annotate(
            "\n".join(textwrap.wrap(f"{p.name}: {p.status}", 40)),
            (p.lon, p.lat - 0.6),
            xytext=(p.lon - 11.5, p.lat - 4.2),
            fontsize=7.5,
            arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.7},
            bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["vermillion"]},
        )
    legend.append(
        Patch(
            facecolor="none",
            edgecolor=PALETTE["vermillion"],
            hatch="////",
            label="; ".join(f"{p.name}: {p.status.split(';')[0]}" for p in crimea),
        )
    )
    breakaway = [p for p in places if p.kind == "breakaway region"]
    offsets = {"abkhazia": (0.5, 2.4), "south-ossetia": (2.0, 0.9), "transnistria": (-10.5, -2.0)}
    for p in breakaway:
        ax.scatter(
            [p.lon],
            [p.lat],
            marker="^",
            s=70,
            color=PALETTE["reddish_purple"],
            edgecolor="black",
            zorder=4,
        )
        dx, dy = offsets.get(p.id, (1.0, 1.0))
        host = ctx.country_name(p.country)
        ax.annotate(
            f"{p.name} ({host})",
            (p.lon, p.lat),
            xytext=(p.lon + dx, p.lat + dy),
            fontsize=7.5,
            arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.7},
            bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["reddish_purple"]},
        )
    legend.append(
        Line2D(
            [],
            [],
            marker="^",
            ls="",
            color=PALETTE["reddish_purple"],
            markeredgecolor="black",
            label="Russian-backed breakaway region with Russian troops (marker at main town)",
        )
    )
    venues = [p for p in places if p.kind == "venue"]
    week = {m.place: m for m in ctx.week()}  # last meeting per place (Geneva: 10 Jan SSD)
    for p in venues:
        ax.scatter(
            [p.lon], [p.lat], marker="s", s=70, color=PALETTE["blue"], edgecolor="black", zorder=4
        )
        m = week.get(p.name)
        day = f" ({m.format_id}, {_short_date(m.date)})" if m else ""
        ax.annotate(
            p.name + day,
            (p.lon, p.lat),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=8,
            weight="bold",
            color=PALETTE["blue"],
        )
    legend.append(
        Line2D(
            [],
            [],
            marker="s",
            ls="",
            color=PALETTE["blue"],
            markeredgecolor="black",
            label=f"Venue of the talks of {_talks_month()}",
        )
    )
    for p in places:
        if p.kind == "capital":
            ax.scatter([p.lon], [p.lat], marker="o", s=22, color="black", zorder=4)
            ax.annotate(
                p.name, (p.lon, p.lat), xytext=(4, -9), textcoords="offset points", fontsize=7.5
            )
    legend.append(Patch(facecolor=PALETTE["bluish_green"], alpha=0.55, label="Ukraine"))
    legend.append(Patch(facecolor=PALETTE["orange"], alpha=0.55, label="Russia"))
    legend.append(Patch(facecolor=PALETTE["sky_blue"], alpha=0.55, label="Georgia, Moldova"))
    ax.legend(handles=legend, loc="upper left", fontsize=7.5, framealpha=0.95)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"Ukraine, Russia and their neighbours; venues of the talks of {_talks_month()}")
    alt = (
        "Map of Europe centred on Ukraine and Russia. "
        + " ".join(f"{p.name}: {p.status}." for p in crimea)
        + " Breakaway regions marked with triangles: "
        + "; ".join(f"{p.name} in {ctx.country_name(p.country)}" for p in breakaway)
        + ". Venues marked with squares: "
        + ", ".join(p.name for p in venues)
        + "."
    )
    caption = (
        "Outlines: Natural Earth 1:110m (made with Natural Earth; public domain), in which "
        "Crimea is drawn inside Ukraine and the breakaway regions have no shapes; markers "
        "at the main towns. " + _sources_note(places)
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- troops


@cached_figure
def troops_figure(number: int | None = None) -> FigureOutput:
    """Troop estimates as points (single figures) and range bars (low-high), one row per
    estimate, each labelled "U.S./allied estimate" with who made it. Planned totals are
    drawn hollow and hatched, estimates of forces in place solid."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    ests = ctx.troop_estimates()
    fig = Figure(figsize=(10, 4.2))
    ax = fig.add_subplot(1, 1, 1)
    for i, t in enumerate(ests):
        planned = t.kind == "planned"
        c = PALETTE["vermillion"] if planned else PALETTE["blue"]
        if t.is_range:
            ax.barh(
                i,
                t.high - t.low,
                left=t.low,
                height=0.35,
                color=c,
                alpha=0.5,
                hatch=HATCHES[1] if planned else "",
                edgecolor=c,
            )
        ax.scatter(
            [t.low, t.high] if t.is_range else [t.low],
            [i] * (2 if t.is_range else 1),
            marker="D" if planned else "o",
            s=60,
            facecolor="white" if planned else c,
            edgecolor=c,
            linewidth=1.8,
            zorder=3,
        )
        num = f"{_fmt_n(t.low)}-{_fmt_n(t.high)}" if t.is_range else f"about {_fmt_n(t.low)}"
        ax.annotate(
            f"{num}" + (" (planned)" if planned else ""),
            (t.high, i),
            xytext=(8, -3),
            textcoords="offset points",
            fontsize=8.5,
        )
    ax.set_yticks(range(len(ests)), [t.label for t in ests], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 230_000)
    ax.xaxis.set_major_formatter(lambda v, _pos: _fmt_n(int(v)))
    ax.set_xlabel("Russian personnel near Ukraine (estimates, not counts)")
    ax.set_title("Troop numbers are U.S. or allied estimates")
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    ax.legend(
        handles=[
            Line2D(
                [], [], marker="o", ls="", color=PALETTE["blue"], label="estimated forces in place"
            ),
            Line2D(
                [],
                [],
                marker="D",
                ls="",
                markerfacecolor="white",
                color=PALETTE["vermillion"],
                label="planned total (intelligence on plans)",
            ),
        ],
        loc="upper left",
        fontsize=8,
    )
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    parts = []
    for t in ests:
        num = f"{_fmt_n(t.low)} to {_fmt_n(t.high)}" if t.is_range else f"about {_fmt_n(t.low)}"
        parts.append(
            f"{t.date}: {num}{' planned' if t.kind == 'planned' else ''} ({t.estimate_by})"
        )
    alt = "Troop estimates, all U.S. or allied: " + "; ".join(parts) + "."
    scope_notes = [
        f"{_long_date(t.date)}: {t.note.rstrip('.')}" for t in ests if t.note and "scope" in t.note
    ]
    caption = (
        "Each row is one published estimate and who made it; scopes differ"
        + (" (" + "; ".join(scope_notes) + ")" if scope_notes else "")
        + ". "
        + _sources_note(ests)
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- membership

_SHOWN = ("USA", "RUS", "UKR", "GEO", "MDA", "BLR", "DEU", "FRA", "GBR", "POL", "TUR", "FIN", "SWE")


@cached_figure
def membership_figure(number: int | None = None, states: Sequence[str] = _SHOWN) -> FigureOutput:
    """A states x formats dot matrix (SSD, NRC, OSCE-PC) for a readable subset of states,
    with the total number of seats at each table beneath. Filled marker = has a seat."""
    from matplotlib.figure import Figure

    fmts = [f.id for f in ctx.formats()]
    mem = {f: set(ctx.members(f)) for f in fmts}
    fig = Figure(figsize=(7.6, 0.42 * len(states) + 2.0))
    ax = fig.add_subplot(1, 1, 1)
    for j, f in enumerate(fmts):
        for i, s in enumerate(states):
            has = s in mem[f]
            ax.scatter(
                [j],
                [i],
                marker=_MARKERS[j],
                s=130 if has else 60,
                facecolor=colour(j) if has else "white",
                edgecolor=colour(j) if has else PALETTE["grey"],
                linewidth=1.4,
            )
    ax.set_xticks(range(len(fmts)), [f"{f}\n({len(mem[f])} seats)" for f in fmts])
    ax.set_yticks(range(len(states)), [f"{ctx.country_name(s)} ({s})" for s in states])
    ax.invert_yaxis()
    ax.set_xlim(-0.6, len(fmts) - 0.4)
    ax.xaxis.tick_top()
    ax.set_title(
        f"Who sits at which table ({_talks_month()}); filled = member", pad=44, fontsize=10
    )
    for s in ("top", "right", "bottom", "left"):
        ax.spines[s].set_visible(False)
    rest = {f: len(mem[f] - set(states)) for f in fmts}
    ax.text(
        0.5,
        -0.06,
        "Not shown: " + ", ".join(f"{f} {rest[f]} more" for f in fmts),
        transform=ax.transAxes,
        ha="center",
        va="top",
        fontsize=8,
    )
    seats_txt = "; ".join(
        f"{ctx.country_name(s)}: {', '.join(f for f in fmts if s in mem[f]) or 'none'}"
        for s in states
    )
    alt = (
        "Membership matrix. Seats: "
        + ", ".join(f"{f} {len(mem[f])}" for f in fmts)
        + ". "
        + seats_txt
        + "."
    )
    caption = (
        "SSD: the U.S. and Russia; NRC: NATO's 30 Allies plus Russia; OSCE Permanent "
        "Council: all 57 participating States. Ukraine, Georgia and Moldova sit only in the "
        "OSCE. Sources: formats.toml, memberships.csv (nato-member-countries, "
        "osce-participating-states)."
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- week


@cached_figure
def week_figure(number: int | None = None) -> FigureOutput:
    """The week of talks (``week.csv``) as a sequence of boxes, one per meeting,
    each headed by date, place and the data's ``heading`` (the format, or "working dinner
    before the SSD"), with chair, heads of delegation and length (where known)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    meetings = ctx.week()
    fig = Figure(figsize=(11, 4.2))
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    ax.set_xlim(0, len(meetings))
    ax.set_ylim(0, 1)
    fmt_ids = [f.id for f in ctx.formats()]
    for i, m in enumerate(meetings):
        j = fmt_ids.index(m.format_id) if m.format_id in fmt_ids else 0
        ax.add_patch(
            Rectangle(
                (i + 0.05, 0.08),
                0.82,
                0.8,
                facecolor=colour(j),
                alpha=0.18,
                edgecolor=colour(j),
                linewidth=1.6,
                hatch=HATCHES[j],
            )
        )
        day = _long_date(m.date)
        lines = [day, f"{m.place} — {m.heading}", ""]
        body = [m.event]
        if m.chair:
            body.append("Chair: " + m.chair)
        body.append("U.S.: " + m.us_delegation)
        body.append("Russia: " + m.russian_delegation)
        if m.duration:
            body.append("Length: " + m.duration)
        wrapped = []
        for b in body:
            wrapped.extend(textwrap.wrap(b, 31))
        ax.text(i + 0.1, 0.84, "\n".join(lines[:2]), fontsize=9.5, weight="bold", va="top")
        ax.text(i + 0.1, 0.68, "\n".join(wrapped[:14]), fontsize=6.6, va="top")
        if i < len(meetings) - 1:
            ax.annotate(
                "",
                (i + 1.05, 0.5),
                (i + 0.88, 0.5),
                arrowprops={"arrowstyle": "->", "lw": 1.5, "color": "#333333"},
            )
    places = []
    for m in meetings:
        if m.place not in places:
            places.append(m.place)
    span = f"{_long_date(meetings[0].date)} to {_long_date(meetings[-1].date)}"
    ax.set_title(f"The week of talks, {span}: " + " → ".join(places))
    alt = (
        "Sequence of meetings: "
        + "; ".join(
            f"{m.date} {m.place}, {m.heading}"
            + (f", chaired by {m.chair}" if m.chair else "")
            + (f", {m.duration}" if m.duration else "")
            for m in meetings
        )
        + "."
    )
    notes = [f"{m.event}: {m.note}" for m in meetings if m.format_id == "OSCE-PC" and m.note]
    caption = " ".join(notes) + (" " if notes else "") + _sources_note(meetings)
    return FigureOutput(png_bytes(fig), alt, caption, number)


# --------------------------------------------------------------------------- epilogue

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _short_date(iso: str) -> str:
    """ "2022-01-10" -> "10 Jan"."""
    parts = iso.split("-")
    return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1][:3]}" if len(parts) == 3 else iso


def _talks_month() -> str:
    """ "January 2022": the month and year of the week of talks, from ``week.csv``."""
    first = ctx.week()[0].date.split("-")
    return f"{_MONTHS[int(first[1]) - 1]} {first[0]}"


def _long_date(iso: str) -> str:
    """ "2022-01-09" -> "9 January 2022" (shorter ISO dates are returned as they are)."""
    parts = iso.split("-")
    if len(parts) != 3:
        return iso
    return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"


def _side(actors: Sequence[str]) -> str:
    """Who acted, for the epilogue's colours: Russia, the UN, or the U.S. and its partners."""
    if "RUS" in actors:
        return "Russia"
    if any(a in ("UN", "UNGA") for a in actors):
        return "United Nations"
    return "U.S., EU and partners"


@cached_figure
def epilogue_figure(number: int | None = None) -> FigureOutput:
    """What came after the talks (``epilogue.csv``): one row per event in date order, a
    marker on a day axis coloured (and shaped) by who acted, each side's words beside it."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    events = ctx.epilogue()
    sides = ("Russia", "U.S., EU and partners", "United Nations")
    style = {
        "Russia": (PALETTE["vermillion"], "o"),
        "U.S., EU and partners": (PALETTE["blue"], "s"),
        "United Nations": (PALETTE["bluish_green"], "D"),
    }
    import datetime as _dt

    days = [_dt.date.fromisoformat(e.date) for e in events]
    first = min(days)
    fig = Figure(figsize=(11, 0.55 * len(events) + 1.4))
    ax = fig.add_subplot(1, 1, 1)
    span = (max(days) - first).days
    for i, (e, d) in enumerate(zip(events, days, strict=True)):
        colour_, marker = style[_side(e.actors)]
        x = (d - first).days
        ax.plot([x], [i], marker=marker, markersize=9, color=colour_, markeredgecolor="black")
        label = e.action
        if e.actor_words or e.other_words:
            words = "; ".join(w for w in (e.actor_words, e.other_words) if w)
            label += f" [{words}]"
        ax.text(span + 1.2, i, "\n".join(textwrap.wrap(label, 95)), va="center", fontsize=7.8)
    ax.set_yticks(range(len(events)), [_long_date(e.date) for e in events], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-0.8, span + 0.8)
    ax.set_xticks(range(0, span + 1, max(1, span // 8)))
    ax.set_xlabel(f"days after {_long_date(first.isoformat())}")
    for side_name in ("top", "right"):
        ax.spines[side_name].set_visible(False)
    ax.grid(axis="x", color="#dddddd")
    handles = [
        Line2D([], [], marker=style[s][1], color=style[s][0], markeredgecolor="black",
               linestyle="", markersize=8, label=s)
        for s in sides
        if any(_side(e.actors) == s for e in events)
    ]  # fmt: skip
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
    fig.subplots_adjust(right=0.42)
    alt = (
        f"Dated list of {len(events)} events from {_long_date(events[0].date)} to "
        f"{_long_date(events[-1].date)}: "
        + "; ".join(f"{e.date} ({_side(e.actors)}) {e.action}" for e in events)
        + "."
    )
    caption = (
        "What came after the talks, in date order; words in brackets are each side's own "
        "name for the event where the data records one. " + _sources_note(events)
    )
    return FigureOutput(png_bytes(fig), alt, caption, number)
