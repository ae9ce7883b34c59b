"""Interactive views for the lessons (ipywidgets 8), each with a static fallback in the same output.

Every public function returns a view object. Displayed in a notebook, the object's
``_repr_mimebundle_`` returns **one** bundle with three things:

1. ``application/vnd.jupyter.widget-view+json``: the live widget (JupyterLab shows this);
2. a static fallback of the view's current state, which nbconvert and the handout exporters
   show when they drop the widget mimetype: ``text/html`` for the highlighter and the seats
   explorer (deterministic HTML, no base64 images), ``image/png`` with ``alt`` and
   ``caption`` metadata for the timeline explorer;
3. a deterministic ``text/plain`` (``[Interactive highlighter: 4 categories shown; ...]``
   followed by the plain-text version), which nbval compares.

The widgets update an ``ipywidgets.HTML`` or ``ipywidgets.Image`` from ``observe``
callbacks; they never use ``ipywidgets.Output`` or ``interact`` (those leak prints into cell
outputs under nbval). There is no module-level state: each view holds its own widgets.

Driving a view without a browser (tests, scripts)::

    view = highlighter(doc)
    view.controls["categories"].value = ("quotes", "evaluation")
    view.output.value          # the re-rendered HTML

Every view has ``.widget`` (the ipywidgets container to display), ``.controls`` (a dict of
named control widgets) and ``.output`` (the ``HTML`` or ``Image`` widget that changes).
"""

from __future__ import annotations

import base64
import html
import importlib
from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from . import render
from .display import FigureOutput, TableOutput
from .errors import InputError
from .model import Document

__all__ = [
    "INTERACTIVE_KEY",
    "WIDGET_VIEW_MIMETYPE",
    "CheckboxGroup",
    "Highlighter",
    "InteractiveView",
    "SeatsExplorer",
    "TimelineExplorer",
    "highlighter",
    "seats_explorer",
    "timeline_explorer",
]

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
INTERACTIVE_KEY = "diplotext-interactive"


class CheckboxGroup(widgets.VBox):
    """Checkboxes shown in titled columns, with one ``value``: the tuple of checked keys.

    ``options`` are ``(key, label)`` pairs; ``groups`` are ``(title, keys)`` columns (one
    untitled column if omitted). ``value`` lists checked keys in option order; set it to
    check exactly those boxes (one change notification, however many boxes change).
    Observe it like any widget value: ``group.observe(callback, names="value")``.
    """

    value = traitlets.Tuple()

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        value: Iterable[str] = (),
        groups: Sequence[tuple[str, Sequence[str]]] | None = None,
        **kwargs: Any,
    ) -> None:
        self._order = [k for k, _ in options]
        chosen = set(value)
        unknown = chosen - set(self._order)
        if unknown:
            raise InputError(f"unknown choices {sorted(unknown)}; choose from {self._order}")
        self.checkboxes: dict[str, widgets.Checkbox] = {
            key: widgets.Checkbox(
                value=key in chosen,
                description=label,
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            for key, label in options
        }
        columns = []
        for title, keys in groups or [("", self._order)]:
            kids: list[widgets.Widget] = []
            if title:
                kids.append(widgets.HTML(value=f"<b>{html.escape(title)}</b>"))
            kids.extend(self.checkboxes[k] for k in keys if k in self.checkboxes)
            columns.append(
                widgets.VBox(kids, layout=widgets.Layout(margin="0 1.5em 0.5em 0", width="auto"))
            )
        self._syncing = False
        super().__init__(
            [widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap"))], **kwargs
        )
        self.value = tuple(k for k in self._order if k in chosen)
        for box in self.checkboxes.values():
            box.observe(self._box_changed, names="value")

    def _box_changed(self, _change: dict) -> None:
        if not self._syncing:
            self.value = tuple(k for k in self._order if self.checkboxes[k].value)

    @traitlets.validate("value")
    def _check_value(self, proposal: dict) -> tuple:
        wanted = set(proposal["value"])
        unknown = wanted - set(self._order)
        if unknown:
            raise traitlets.TraitError(f"unknown choices {sorted(unknown)}")
        return tuple(k for k in self._order if k in wanted)

    @traitlets.observe("value")
    def _value_changed(self, change: dict) -> None:
        self._syncing = True
        try:
            for key, box in self.checkboxes.items():
                box.value = key in change["new"]
        finally:
            self._syncing = False


class InteractiveView:
    """A live widget plus its static fallback, displayed as one bundle (see module docstring).

    Subclasses set ``kind`` and implement :meth:`fallback` (the static mimetypes and their
    metadata) and :meth:`plain` (the deterministic text/plain).
    """

    kind = "view"

    def __init__(
        self,
        widget: widgets.Widget,
        controls: dict[str, widgets.Widget],
        output: widgets.Widget,
    ) -> None:
        #: The ipywidgets container to show.
        self.widget = widget
        #: Named control widgets; set ``.value`` to drive the view.
        self.controls = controls
        #: The widget whose value the controls change (``HTML`` or ``Image``).
        self.output = output

    def fallback(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The static mimetypes (data, metadata) for the current state."""
        raise NotImplementedError

    def plain(self) -> str:
        """The deterministic text/plain for the current state."""
        raise NotImplementedError

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        live = self.widget._repr_mimebundle_() or {}
        data, meta = self.fallback()
        bundle: dict[str, Any] = {}
        if WIDGET_VIEW_MIMETYPE in live:
            bundle[WIDGET_VIEW_MIMETYPE] = live[WIDGET_VIEW_MIMETYPE]
        bundle.update(data)
        bundle["text/plain"] = self.plain()
        # Marks the output as an interactive view, also once a committed notebook has lost
        # its live view (scripts/execute_notebooks.py drops it): tests and exporters tell
        # a widget's static fallback from a figure by this key.
        return bundle, {**meta, INTERACTIVE_KEY: {"kind": self.kind}}

    def __repr__(self) -> str:
        return self.plain()


# --------------------------------------------------------------------------- highlighter


class Highlighter(InteractiveView):
    """The highlighter: category checkboxes (by group) above the highlighted text.

    Controls: ``controls["categories"]`` (a :class:`CheckboxGroup`; its ``value`` is the
    tuple of category keys shown) and ``controls["numbers"]`` (a ``Checkbox``: paragraph
    and sentence numbers). ``output`` is the ``HTML`` widget with
    :func:`diplotext.render.highlight`.
    """

    kind = "highlighter"

    def __init__(self, doc: Document, categories: str | Iterable[str] | None = None) -> None:
        self.doc = doc
        found = render.counts(doc)
        initial = render.resolve_categories(categories, doc)
        options = [(c.key, f"{c.code} · {c.name} ({found[c.key]})") for c in render.CATEGORIES]
        groups = [
            (title, [c.key for c in render.CATEGORIES if c.group == g])
            for g, title in render.GROUPS.items()
        ]
        cats = CheckboxGroup(options, initial, groups)
        numbers = widgets.Checkbox(
            value=True, description="paragraph and sentence numbers", indent=False
        )
        output = widgets.HTML(value=render.highlight(doc, initial, True))
        hint = widgets.HTML(
            value=(
                "<small>Tick categories to highlight them; hover a highlighted span to see "
                "the rule that found it (then <code>dt.explain(rule)</code>).</small>"
            )
        )
        box = widgets.VBox([hint, cats, numbers, output])
        super().__init__(box, {"categories": cats, "numbers": numbers}, output)
        cats.observe(self._update, names="value")
        numbers.observe(self._update, names="value")

    @property
    def categories(self) -> tuple[str, ...]:
        """The category keys shown now."""
        return tuple(self.controls["categories"].value)

    def _update(self, _change: dict | None = None) -> None:
        self.output.value = self.static_html()

    def static_html(self) -> str:
        """The highlighted HTML for the current state (deterministic)."""
        return render.highlight(self.doc, self.categories, self.controls["numbers"].value)

    def fallback(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"text/html": self.static_html()}, {}

    def plain(self) -> str:
        n = len(self.categories)
        head = (
            f"[Interactive highlighter: {n} categor{'y' if n == 1 else 'ies'} shown; "
            "static version below in handouts]"
        )
        body = render.highlight_plain(self.doc, self.categories, self.controls["numbers"].value)
        return f"{head}\n{body}"


def highlighter(doc: Document, categories: str | Iterable[str] | None = None) -> Highlighter:
    """An interactive highlighter for ``doc`` (static highlighted HTML as fallback).

    ``categories`` are the categories ticked at first: keys or group names as in
    :func:`diplotext.render.highlight`; ``None`` ticks every category that has items.
    """
    return Highlighter(doc, categories)


# --------------------------------------------------------------------------- timeline


def _module(name: str) -> Any:
    """Import a sibling module at call time (written by other parts of the package)."""
    return importlib.import_module(f"diplotext.{name}")


def _event_year(event: Any) -> int | None:
    year = getattr(event, "year", None)
    if isinstance(year, int):
        return year
    date = str(getattr(event, "date", "") or "")
    return int(date[:4]) if date[:4].isdigit() else None


class TimelineExplorer(InteractiveView):
    """The timeline filtered by category and years.

    Controls: ``controls["categories"]`` (a :class:`CheckboxGroup` of event categories) and
    ``controls["years"]`` (an ``IntRangeSlider``). ``output`` is an ``Image`` widget with
    the PNG of ``diplotext.figures.context.timeline_figure``; ``alt`` is an ``HTML`` widget
    with the figure's alt text (also what screen readers get). ``figure`` is the current
    :class:`~diplotext.display.FigureOutput`.
    """

    kind = "timeline"

    def __init__(
        self,
        events: Sequence[Any] | None = None,
        start_year: int = 1991,
        end_year: int = 2022,
        number: int | None = None,
        categories: Sequence[str] | None = None,
    ) -> None:
        self.events = events
        self.number = number
        listed = tuple(events) if events is not None else tuple(_module("context").timeline())
        cats = sorted({str(getattr(e, "category", "")) for e in listed} - {""})
        years = [y for y in (_event_year(e) for e in listed) if y is not None]
        lo, hi = (min(years), max(years)) if years else (start_year, end_year)
        lo, hi = min(lo, start_year), max(hi, end_year)
        if categories is None:
            ticked = cats
        else:
            unknown = sorted(set(categories) - set(cats))
            if unknown:
                raise InputError(f"unknown timeline categories {unknown}; choose from {cats}")
            ticked = [c for c in cats if c in categories]
        choose = CheckboxGroup([(c, c) for c in cats], ticked)
        years_slider = widgets.IntRangeSlider(
            value=(max(lo, start_year), min(hi, end_year)),
            min=lo,
            max=hi,
            step=1,
            description="years",
            continuous_update=False,
            layout=widgets.Layout(width="32em"),
        )
        self.figure = self._figure(choose.value, years_slider.value)
        output = widgets.Image(
            value=self.figure.png, format="png", layout=widgets.Layout(max_width="100%")
        )
        self.alt = widgets.HTML(value=self._alt_html())
        box = widgets.VBox([choose, years_slider, output, self.alt])
        super().__init__(box, {"categories": choose, "years": years_slider}, output)
        choose.observe(self._update, names="value")
        years_slider.observe(self._update, names="value")

    def _figure(self, categories: Sequence[str], years: tuple[int, int]) -> FigureOutput:
        fn = _module("figures.context").timeline_figure
        kwargs: dict[str, Any] = {
            "categories": tuple(categories),
            "start_year": int(years[0]),
            "end_year": int(years[1]),
        }
        if self.number is not None:
            kwargs["number"] = self.number
        return fn(self.events, **kwargs)

    def _alt_html(self) -> str:
        return f"<small>{html.escape(self.figure.label())}: {html.escape(self.figure.alt)}</small>"

    def _update(self, _change: dict | None = None) -> None:
        self.figure = self._figure(self.controls["categories"].value, self.controls["years"].value)
        self.output.value = self.figure.png
        self.alt.value = self._alt_html()

    def fallback(self) -> tuple[dict[str, Any], dict[str, Any]]:
        fig = self.figure
        meta: dict[str, Any] = {"alt": fig.alt, "caption": fig.caption}
        if fig.width:
            meta["width"] = fig.width
        return {"image/png": base64.b64encode(fig.png).decode("ascii")}, {"image/png": meta}

    def plain(self) -> str:
        cats = self.controls["categories"].value
        a, b = self.controls["years"].value
        head = (
            f"[Interactive timeline: {len(cats)} categor{'y' if len(cats) == 1 else 'ies'} "
            f"({', '.join(cats) or 'none'}), years {a}-{b}; static figure below in handouts]"
        )
        return f"{head}\n[{self.figure.label()}: {self.figure.alt}]"


def timeline_explorer(
    events: Sequence[Any] | None = None,
    start_year: int = 1991,
    end_year: int = 2022,
    number: int | None = None,
    categories: Sequence[str] | None = None,
) -> TimelineExplorer:
    """Filter the timeline by category and years; the static fallback is the figure as first shown.

    ``events`` defaults to ``diplotext.context.timeline()``; the figure comes from
    ``diplotext.figures.context.timeline_figure(events, categories=..., start_year=...,
    end_year=...)``. ``categories`` are ticked at first (default: all), so a lesson that
    already shows the full timeline can start the explorer on another view.
    """
    return TimelineExplorer(events, start_year, end_year, number, categories)


# --------------------------------------------------------------------------- seats


def _format_ids(ctx: Any) -> list[str]:
    return [str(getattr(f, "id", f)) for f in ctx.formats()]


def _format_name(ctx: Any, fid: str) -> str:
    try:
        return str(getattr(ctx.format_info(fid), "name", fid))
    except Exception:  # a missing entry is shown by its id, not as an error
        return fid


class SeatsExplorer(InteractiveView):
    """Pick a country, see which negotiation formats it sits in.

    Controls: ``controls["country"]`` (a ``Dropdown`` of ISO3 codes labelled with names).
    ``output`` is an ``HTML`` widget: a sentence and a table, one row per format.
    """

    kind = "seats"

    def __init__(self, countries: Iterable[str] | None = None, initial: str | None = None) -> None:
        ctx = _module("context")
        self._ctx = ctx
        self.format_ids = _format_ids(ctx)
        self.format_names = {fid: _format_name(ctx, fid) for fid in self.format_ids}
        if countries is None:
            pool: set[str] = set()
            for fid in self.format_ids:
                pool.update(ctx.members(fid))
            countries = pool
        codes = sorted(set(countries), key=lambda c: (ctx.country_name(c), c))
        if not codes:
            raise InputError("no countries to choose from: the formats have no members")
        if initial is None:
            initial = "UKR" if "UKR" in codes else codes[0]
        if initial not in codes:
            raise InputError(f"{initial!r} is not one of the countries offered")
        dropdown = widgets.Dropdown(
            options=[(f"{ctx.country_name(c)} ({c})", c) for c in codes],
            value=initial,
            description="country",
        )
        output = widgets.HTML(value=self._html(initial))
        box = widgets.VBox([dropdown, output])
        super().__init__(box, {"country": dropdown}, output)
        dropdown.observe(self._update, names="value")

    def _table(self, iso3: str) -> tuple[str, TableOutput]:
        ctx = self._ctx
        seats = set(ctx.seats(iso3))
        name = ctx.country_name(iso3)
        inside = [self.format_names[f] for f in self.format_ids if f in seats]
        total = len(self.format_ids)
        if inside:
            sentence = (
                f"{name} ({iso3}) sits in {len(inside)} of the {total} formats: "
                + ", ".join(inside)
                + "."
            )
        else:
            sentence = f"{name} ({iso3}) sits in none of the {total} formats."
        rows = [(self.format_names[f], f, "yes" if f in seats else "no") for f in self.format_ids]
        table = TableOutput.from_rows(("format", "id", f"{name} at the table?"), rows)
        return sentence, table

    def _html(self, iso3: str) -> str:
        sentence, table = self._table(iso3)
        return f"<p>{html.escape(sentence)}</p>{table.to_html()}"

    def _update(self, _change: dict | None = None) -> None:
        self.output.value = self._html(self.controls["country"].value)

    def fallback(self) -> tuple[dict[str, Any], dict[str, Any]]:
        return {"text/html": self._html(self.controls["country"].value)}, {}

    def plain(self) -> str:
        iso3 = self.controls["country"].value
        sentence, table = self._table(iso3)
        n = len(self.controls["country"].options)
        head = (
            f"[Interactive seats explorer: pick one of {n} countries; "
            f"static view for {iso3} below in handouts]"
        )
        return f"{head}\n{sentence}\n{table.to_text()}"


def seats_explorer(
    countries: Iterable[str] | None = None, initial: str | None = None
) -> SeatsExplorer:
    """Pick a country (Dropdown), see the negotiation formats it sits in.

    Reads ``diplotext.context``: ``formats()``, ``members(id)``, ``seats(iso3)``,
    ``country_name(iso3)``. ``countries`` defaults to every member of any format;
    ``initial`` to Ukraine (``"UKR"``) when offered.
    """
    return SeatsExplorer(countries, initial)
