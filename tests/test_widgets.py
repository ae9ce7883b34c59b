"""widgets: one bundle with live view + static fallback + text/plain; controls re-render."""

from __future__ import annotations

import base64
import sys
import types
from dataclasses import dataclass

import pytest

from diplotext import render, widgets
from diplotext.display import FigureOutput
from diplotext.model import Document
from tests.test_render import parse_html, sample_doc

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def doc() -> Document:
    return sample_doc()


def test_highlighter_bundle_has_view_fallback_and_plain(doc):
    view = widgets.highlighter(doc, ["quotes", "evaluation"])
    data, meta = view._repr_mimebundle_()
    assert set(data) == {widgets.WIDGET_VIEW_MIMETYPE, "text/html", "text/plain"}
    assert data[widgets.WIDGET_VIEW_MIMETYPE]["model_id"] == view.widget.model_id
    assert data["text/html"] == render.highlight(doc, ("quotes", "evaluation"))
    assert "base64" not in data["text/html"] and "<img" not in data["text/html"]
    assert data["text/plain"].startswith(
        "[Interactive highlighter: 2 categories shown; static version below in handouts]\n"
    )
    assert "[[unprovoked aggression]]{Ev}" in data["text/plain"]
    assert repr(view) == data["text/plain"]
    assert meta == {widgets.INTERACTIVE_KEY: {"kind": "highlighter"}}


def test_highlighter_fallback_is_deterministic(doc):
    a = widgets.highlighter(doc)._repr_mimebundle_()[0]
    b = widgets.highlighter(doc)._repr_mimebundle_()[0]
    assert a["text/html"] == b["text/html"]
    assert a["text/plain"] == b["text/plain"]
    # Different widget models, same static output.
    assert a[widgets.WIDGET_VIEW_MIMETYPE] != b[widgets.WIDGET_VIEW_MIMETYPE]


def test_highlighter_controls_rerender(doc):
    view = widgets.highlighter(doc, ["quotes"])
    before = view.output.value
    assert 'data-category="evaluation"' not in before
    view.controls["categories"].value = ("quotes", "evaluation")
    after = view.output.value
    assert after != before and 'data-category="evaluation"' in after
    assert not parse_html(after).errors
    # Ticking one checkbox updates the group's value and the HTML.
    view.controls["categories"].checkboxes["hedge"].value = True
    assert view.categories == ("quotes", "evaluation", "hedge")
    assert 'data-category="hedge" data-count="0"' in view.output.value
    view.controls["numbers"].value = False
    assert 'class="dt-sn"' not in view.output.value
    # The fallback follows the state shown.
    assert view._repr_mimebundle_()[0]["text/html"] == view.output.value
    assert "3 categories shown" in repr(view)


def test_checkbox_group_rejects_unknown_choices(doc):
    view = widgets.highlighter(doc)
    with pytest.raises(Exception, match="unknown"):
        view.controls["categories"].value = ("sarcasm",)


def test_highlighter_on_an_empty_document_says_so():
    view = widgets.highlighter(Document(text="The United States welcomes the talks."))
    data, _ = view._repr_mimebundle_()
    assert "no items in any category" in data["text/html"]
    assert "0 categories shown" in data["text/plain"]


# --------------------------------------------------------------------------- stubs


@dataclass(frozen=True)
class Ev:
    date: str
    category: str
    title: str


EVENTS = (
    Ev("1975-08-01", "institution", "Helsinki"),
    Ev("2008-08", "conflict", "Georgia"),
    Ev("2014", "conflict", "Crimea"),
    Ev("2022-01-10", "diplomacy", "SSD"),
)


def fake_timeline_figure(events=None, categories=None, start_year=1991, end_year=2022, number=None):
    shown = [
        e
        for e in (events or EVENTS)
        if (categories is None or e.category in categories)
        and start_year <= int(e.date[:4]) <= end_year
    ]
    alt = (
        f"{len(shown)} events: " + ", ".join(e.title for e in shown) if shown else "no events match"
    )
    return FigureOutput(PNG + alt.encode(), alt, "Timeline (stub).", number)


@pytest.fixture
def stubs(monkeypatch):
    figs = types.ModuleType("diplotext.figures.context")
    figs.timeline_figure = fake_timeline_figure
    ctx = types.ModuleType("diplotext.context")
    ctx.timeline = lambda: EVENTS
    members = {
        "SSD": ("USA", "RUS"),
        "NRC": ("USA", "POL", "RUS"),
        "OSCE-PC": ("USA", "POL", "RUS", "UKR"),
    }

    @dataclass(frozen=True)
    class Fmt:
        id: str
        name: str

    names = {
        "SSD": "Strategic Stability Dialogue",
        "NRC": "NATO-Russia Council",
        "OSCE-PC": "OSCE Permanent Council",
    }
    ctx.formats = lambda: tuple(Fmt(k, names[k]) for k in members)
    ctx.format_info = lambda fid: Fmt(fid, names[fid])
    ctx.members = lambda fid: members[fid]
    ctx.seats = lambda iso3: tuple(f for f, m in members.items() if iso3 in m)
    ctx.country_name = lambda iso3: {
        "USA": "United States",
        "RUS": "Russia",
        "POL": "Poland",
        "UKR": "Ukraine <&>",
        "CHE": "Switzerland",
    }[iso3]
    monkeypatch.setitem(sys.modules, "diplotext.figures.context", figs)
    monkeypatch.setitem(sys.modules, "diplotext.context", ctx)


def test_timeline_bundle_has_view_png_alt_and_plain(stubs):
    view = widgets.timeline_explorer(number=3)
    data, meta = view._repr_mimebundle_()
    assert set(data) == {widgets.WIDGET_VIEW_MIMETYPE, "image/png", "text/plain"}
    assert base64.b64decode(data["image/png"]).startswith(PNG)
    # Helsinki (1975) is outside the default 1991-2022 window.
    assert meta["image/png"]["alt"] == "3 events: Georgia, Crimea, SSD"
    assert meta["image/png"]["caption"] == "Timeline (stub)."
    assert data["text/plain"] == (
        "[Interactive timeline: 3 categories (conflict, diplomacy, institution), years 1991-2022;"
        " static figure below in handouts]\n[Figure 3: 3 events: Georgia, Crimea, SSD]"
    )
    assert view.controls["years"].min == 1975 and view.controls["years"].max == 2022


def test_timeline_controls_change_the_image(stubs):
    view = widgets.timeline_explorer()
    first = view.output.value
    view.controls["categories"].value = ("diplomacy",)
    assert view.output.value != first
    assert view.figure.alt == "1 events: SSD"
    assert "1 events: SSD" in view.alt.value
    view.controls["years"].value = (1975, 2010)
    assert view.figure.alt == "no events match"
    view.controls["categories"].value = ("conflict", "institution")
    assert view.figure.alt == "2 events: Helsinki, Georgia"
    assert "2 categories (conflict, institution), years 1975-2010" in repr(view)


def test_seats_explorer(stubs):
    view = widgets.seats_explorer()
    assert view.controls["country"].value == "UKR"
    data, _ = view._repr_mimebundle_()
    assert set(data) == {widgets.WIDGET_VIEW_MIMETYPE, "text/html", "text/plain"}
    html = data["text/html"]
    assert "Ukraine &lt;&amp;&gt; (UKR) sits in 1 of the 3 formats: OSCE Permanent Council." in html
    assert not parse_html(html).errors
    assert "Ukraine <&> (UKR) sits in 1 of the 3 formats" in data["text/plain"]
    view.controls["country"].value = "POL"
    assert (
        "Poland (POL) sits in 2 of the 3 formats: NATO-Russia Council, OSCE Permanent Council."
        in view.output.value
    )
    assert view._repr_mimebundle_()[0]["text/html"] == view.output.value
    labels = [label for label, _ in view.controls["country"].options]
    assert labels == ["Poland (POL)", "Russia (RUS)", "Ukraine <&> (UKR)", "United States (USA)"]


def test_seats_country_in_no_format(stubs):
    view = widgets.seats_explorer(countries=["CHE", "RUS"], initial="RUS")
    assert "Russia (RUS) sits in 3 of the 3 formats" in view.output.value
    view.controls["country"].value = "CHE"
    assert "Switzerland (CHE) sits in none of the 3 formats." in view.output.value
    assert view.output.value.count("<td>no</td>") == 3
    with pytest.raises(Exception, match="not one of"):
        widgets.seats_explorer(countries=["USA"], initial="UKR")


def test_timeline_explorer_starts_with_the_chosen_categories():
    from diplotext import widgets
    from diplotext.errors import InputError

    view = widgets.timeline_explorer(categories=("conflict",))
    assert view.controls["categories"].value == ("conflict",)
    assert "conflict" in view.figure.alt and "diplomacy" not in view.figure.alt
    with pytest.raises(InputError, match="unknown timeline categories"):
        widgets.timeline_explorer(categories=("no-such-category",))
