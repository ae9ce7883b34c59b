"""The context figures: FigureOutput with data-bearing alt text, PNG bytes, working filters."""

from __future__ import annotations

import pytest

from diplotext import context as ctx
from diplotext.display import FigureOutput
from diplotext.figures import context as fc

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "name", ["timeline_figure", "locator_map", "troops_figure", "membership_figure", "week_figure"]
)
def test_each_figure_is_a_png_with_alt_and_caption(name):
    out = getattr(fc, name)(number=3)
    assert isinstance(out, FigureOutput)
    assert out.png.startswith(PNG)
    assert out.alt and out.caption
    assert out.number == 3
    assert out._repr_mimebundle_()[0]["text/plain"].startswith("[Figure 3: ")


def test_timeline_alt_names_counts_and_dates():
    out = fc.timeline_figure()
    n = sum(1991 <= e.year <= 2022 for e in ctx.timeline())
    assert f"Timeline of {n} events" in out.alt
    assert "1991-12-25" in out.alt  # first event in range
    assert "Helsinki" not in out.alt  # 1975 is outside the default range


def test_timeline_filters_change_content():
    full = fc.timeline_figure()
    only = fc.timeline_figure(categories=["sanctions"])
    n_sanctions = sum(e.category == "sanctions" for e in ctx.timeline())
    assert f"Timeline of {n_sanctions} events" in only.alt
    assert "sanctions" in only.alt and "conflict" not in only.alt
    assert only.png != full.png
    early = fc.timeline_figure(start_year=1991, end_year=1999)
    n_early = sum(1991 <= e.year <= 1999 for e in ctx.timeline())
    assert f"Timeline of {n_early} events" in early.alt
    assert "2022" not in early.alt and "Last: 1999" in early.alt


def test_timeline_empty_selection_says_so():
    out = fc.timeline_figure(categories=["sanctions"], start_year=1991, end_year=2000)
    assert "no events match" in out.alt
    assert out.png.startswith(PNG)
    assert fc.timeline_figure(events=[]).alt.startswith("Timeline: no events match")


def test_locator_map_alt_names_regions_status_and_venues():
    alt = fc.locator_map().alt
    for word in (
        "Crimea",
        "68/262",
        "Abkhazia in Georgia",
        "South Ossetia in Georgia",
        "Transnistria in Moldova",
        "Geneva",
        "Brussels",
        "Vienna",
    ):
        assert word in alt
    assert "Natural Earth" in fc.locator_map().caption


def test_troops_alt_carries_every_estimate_and_who_made_it():
    alt = fc.troops_figure().alt
    assert alt.startswith("Troop estimates, all U.S. or allied")
    assert "169,000 to 190,000" in alt and "175,000 planned" in alt
    for t in ctx.troop_estimates():
        assert t.estimate_by in alt


def test_membership_alt_shows_ukraine_only_in_osce():
    alt = fc.membership_figure().alt
    assert "Seats: SSD 2, NRC 31, OSCE-PC 57" in alt
    assert "Ukraine: OSCE-PC;" in alt
    assert "Russia: SSD, NRC, OSCE-PC" in alt
    small = fc.membership_figure(states=("UKR", "USA"))
    assert "Germany" not in small.alt and small.png != fc.membership_figure().png


def test_week_alt_is_the_sequence():
    alt = fc.week_figure().alt
    g, b, v = alt.index("Geneva"), alt.index("Brussels"), alt.index("Vienna")
    assert g < b < v
    assert "Stoltenberg" in alt and "nearly eight hours" in alt


def test_week_heads_the_working_dinner_as_a_dinner_not_an_ssd_session():
    alt = fc.week_figure().alt
    assert "2022-01-09 Geneva, working dinner before the SSD" in alt
    assert "2022-01-10 Geneva, SSD" in alt
    assert "2022-01-09 Geneva, SSD" not in alt


def test_figures_are_deterministic():
    assert fc.troops_figure().png == fc.troops_figure().png


def test_epilogue_figure_lists_every_event_in_date_order_with_who_acted():
    from diplotext import context
    from diplotext.figures.context import epilogue_figure

    events = context.epilogue()
    fig = epilogue_figure(number=3)
    assert fig.png.startswith(b"\x89PNG")
    assert fig.alt.startswith(f"Dated list of {len(events)} events")
    positions = [fig.alt.index(f"{e.date} (") for e in events]
    assert positions == sorted(positions)
    assert "(Russia) Russia launches a full-scale invasion" in fig.alt
    assert "(United Nations) UN General Assembly resolution" in fig.alt
    assert repr(fig).startswith("[Figure 3: Dated list")


def test_week_figure_title_comes_from_the_data():
    from diplotext import context
    from diplotext.figures.context import week_figure

    week = context.week()
    fig = week_figure()
    assert all(m.place in fig.alt for m in week)
