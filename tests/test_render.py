"""render: escaped HTML, well-formed overlapping spans, legends, plain fallbacks, tables."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from diplotext import render
from diplotext.errors import InputError
from diplotext.model import (
    Actor,
    Device,
    Document,
    Frame,
    Mention,
    Paragraph,
    Quote,
    ReportedSpeech,
    Sentence,
)

# A short press statement in the genre, with an injected script and attribute breaker.
TEXT = (
    "Secretary Blinken said, “Moscow’s unprovoked aggression must end.” "
    "He stressed that the United States is ready to talk.\n"
    "If Russia further invades Ukraine, it will face massive costs. "
    'The Kremlin <script>alert(1)</script> & " onmouseover=alert(2) x.'
)


def span(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def sample_doc(text: str = TEXT) -> Document:
    """A hand-built parse of TEXT (the parser steps are written elsewhere)."""
    t = text
    p1e = t.index("\n")
    s2, s3, s4 = t.index("He stressed"), p1e + 1, t.index("The Kremlin")
    paras = (Paragraph(0, 0, p1e, "segment.lines"), Paragraph(1, p1e + 1, len(t), "segment.lines"))
    sents = (
        Sentence(0, 0, s2 - 1, 0, "segment.sentences"),
        Sentence(1, s2, p1e, 0, "segment.sentences"),
        Sentence(2, s3, s4 - 1, 1, "segment.sentences"),
        Sentence(3, s4, len(t), 1, "segment.sentences"),
    )
    mentions = []
    for sub, form, actor in [
        ("Secretary Blinken", "name", "antony-blinken"),
        ("Moscow", "metonym", "RUS"),
        ("United States", "name", "USA"),
        ("Russia", "name", "RUS"),
        ("Ukraine", "name", "UKR"),
        ("The Kremlin", "metonym", "RUS"),
    ]:
        a, b = span(t, sub)
        mentions.append(Mention(a, b, t[a:b], actor, form, "actors.gazetteer"))
    q = span(t, "Moscow’s unprovoked aggression must end.")
    rs = span(t, "the United States is ready to talk")
    ev = span(t, "unprovoked aggression")
    cond = span(t, "If Russia further invades Ukraine, it will face massive costs.")
    mass = span(t, "massive")
    # Crosses the end of the quotation: forces a split of the inner span.
    cross = span(t, "aggression must end.” He stressed")
    devices = (
        Device(
            *ev, t[ev[0] : ev[1]], "evaluation", "rhetoric.evaluation_lexicon", "negative", "RUS"
        ),
        Device(*cond, t[cond[0] : cond[1]], "conditional", "rhetoric.if_then", "threat", "RUS"),
        Device(*mass, "massive", "intensifier", "rhetoric.intensifiers"),
        Device(*cross, t[cross[0] : cross[1]], "contrast", 'rhetoric.x"><b>bad</b>'),
    )
    return Document(
        text=t,
        paragraphs=paras,
        sentences=sents,
        actors=(Actor("RUS", "Russia", "state"), Actor("USA", "United States", "state")),
        mentions=tuple(mentions),
        quotes=(
            Quote(
                *q,
                t[q[0] : q[1]],
                "antony-blinken",
                "Antony Blinken",
                "said",
                "full",
                "before",
                "quotes.said_before",
            ),
        ),
        reported_speech=(
            ReportedSpeech(
                *rs,
                t[rs[0] : rs[1]],
                "antony-blinken",
                "Antony Blinken",
                "stressed",
                "quotes.reported_that",
            ),
        ),
        devices=devices,
        frames=(
            Frame(
                2,
                "treatment_recommendation",
                "frames.conditional",
                *span(t, "If Russia"),
                "If Russia",
            ),
        ),
    )


class Checker(HTMLParser):
    """Collects tags and checks that every opened element is closed in order."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse_html(s: str) -> Checker:
    c = Checker()
    c.feed(s)
    c.close()
    return c


@pytest.fixture
def doc() -> Document:
    return sample_doc()


def test_injected_markup_is_escaped_everywhere(doc):
    for out in (
        render.highlight(doc),
        render.highlight(doc, "devices"),
        render.numbered_text(doc),
        render.items_table(doc, "contrast").to_html(),
    ):
        checked = parse_html(out)
        assert "script" not in {t for t, _ in checked.tags}
        # The legend writes codes in <b>, never with attributes; the data's <b> stays text.
        assert all(a == {} for t, a in checked.tags if t == "b")
        assert not any(k.startswith("on") for _, attrs in checked.tags for k in attrs)
        assert not checked.errors, checked.errors
    for out in (render.highlight(doc), render.numbered_text(doc)):
        assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "&quot; onmouseover=alert(2)" in out
    hl = parse_html(render.highlight(doc, "contrast"))
    rules = [a["data-rule"] for t, a in hl.tags if t == "mark"]
    # The hostile rule id comes back intact as an attribute value: escaped, not executed.
    assert rules and set(rules) == {'rhetoric.x"><b>bad</b>'}
    assert not any(t == "b" and a for t, a in hl.tags)


def test_escaped_text_round_trips(doc):
    checked = parse_html(render.numbered_text(doc))
    shown = "".join(checked.text)
    shown = re.sub(r"¶\d+|\[\d+\]", "", shown)
    assert shown == doc.text


def test_overlapping_spans_are_well_formed_and_split(doc):
    out = render.highlight(doc)
    checked = parse_html(out)
    assert not checked.errors and not checked.stack
    marks = [a for t, a in checked.tags if t == "mark"]
    # The contrast crosses the quote's end, so one of them is split into two pieces.
    assert any("dt-cont" in a["class"] for a in marks)
    # Each item still gets exactly one code after it.
    assert out.count(">Ct</sup>") == 1
    assert out.count(">Q</sup>") == 1


def test_tooltips_name_category_label_target_and_rule(doc):
    hl = parse_html(render.highlight(doc, ["evaluation", "quotes"]))
    titles = {a["data-category"]: a["title"] for t, a in hl.tags if t == "mark"}
    assert titles["evaluation"] == "evaluation (negative) -> RUS; rule rhetoric.evaluation_lexicon"
    assert titles["quotes"] == "quote (full, said) by Antony Blinken; rule quotes.said_before"


def test_every_legend_entry_has_a_count(doc):
    chosen = ["quotes", "mention:metonym", "hedge", "treatment_recommendation"]
    hl = parse_html(render.highlight(doc, chosen))
    entries = {a["data-category"]: a["data-count"] for t, a in hl.tags if t == "li"}
    assert entries == {
        "quotes": "1",
        "mention:metonym": "2",
        "hedge": "0",
        "treatment_recommendation": "1",
    }
    assert "hedge: 0 (none found in this text)" in "".join(hl.text)


def test_default_categories_are_those_with_items(doc):
    keys = render.resolve_categories(None, doc)
    assert "hedge" not in keys and "evaluation" in keys and "mention:metonym" in keys
    assert render.resolve_categories("metonym", doc) == ("mention:metonym",)
    with pytest.raises(InputError, match="unknown category"):
        render.resolve_categories(["sarcasm"], doc)


def test_empty_categories_are_said_in_words():
    bare = Document(text="The Department of State issued the following statement.")
    out = render.highlight(bare)
    assert "no items in any category" in out
    out = render.highlight(bare, ["hedge", "booster"])
    assert "None of the chosen categories (hedge, booster) was found" in out
    plain = render.highlight_plain(bare, ["hedge"])
    assert "0 (none found in this text)" in plain
    table = render.items_table(bare, "quotes")
    assert table.rows == (("No quote items were found in this text.",),)
    assert "none found" in repr(render.quotes_table(bare))
    assert "not been segmented" in render.numbered_text(bare)


def test_plain_fallback_marks_spans_and_is_deterministic(doc):
    plain = render.highlight_plain(doc, ["evaluation", "quotes"], width=None)
    assert "“[[Moscow’s [[unprovoked aggression]]{Ev} must end.]]{Q}”" in plain
    assert plain == render.highlight_plain(doc, ["evaluation", "quotes"], width=None)
    listed = render.highlight_plain(doc, ["evaluation"], style="list", width=None)
    assert (
        "sentence 1: “unprovoked aggression” evaluation (negative) -> RUS; "
        "rule rhetoric.evaluation_lexicon" in listed
    )
    assert render.highlight(doc) == render.highlight(doc)


def test_numbered_text_numbers_paragraphs_and_sentences(doc):
    plain = render.numbered_text_plain(doc, width=None)
    assert plain.splitlines()[0].startswith("¶1 [1] Secretary Blinken said")
    assert "[2] He stressed" in plain
    assert plain.splitlines()[1].startswith("¶2 [3] If Russia")
    view = render.TextView(doc)
    assert repr(view) == render.numbered_text_plain(doc)
    assert view._repr_html_().count('class="dt-sn"') == 4


def test_highlighted_object(doc):
    h = render.Highlighted(doc, ("evaluation",))
    assert repr(h) == render.highlight_plain(doc, ("evaluation",))
    assert h._repr_html_() == render.highlight(doc, ("evaluation",))


def test_tables(doc):
    q = render.quotes_table(doc)
    assert q.rows[0][1:6] == ("1", "Antony Blinken", "said", "full", "before")
    r = render.reported_table(doc)
    assert r.rows[0][2:4] == ("Antony Blinken", "stressed")
    m = render.mentions_by_form(doc)
    first = dict(zip(m.header, m.rows[0], strict=True))
    assert first["id"] == "RUS" and first["total"] == "3"
    assert first["metonym"] == "2" and first["name"] == "1"
    assert "Moscow ×1" in first["as written"] and "The Kremlin ×1" in first["as written"]
    t = render.items_table(doc, "devices")
    assert [row[3] for row in t.rows] == ["evaluation", "contrast", "conditional", "intensifier"]
    assert t.rows[0][4:7] == ("negative", "RUS", "rhetoric.evaluation_lexicon")


def test_spans_outside_the_text_are_clipped(doc):
    bad = replace(
        doc,
        devices=(
            Device(-5, 10_000, "x", "hedge", "rhetoric.test"),
            Device(3, 3, "", "booster", "r.t"),
        ),
    )
    checked = parse_html(render.highlight(bad, ["hedge", "booster"]))
    assert not checked.errors
    assert sum(1 for t, _ in checked.tags if t == "mark") == 1


def test_categories_have_distinct_colour_and_line():
    pairs = {(c.colour, c.line) for c in render.CATEGORIES}
    assert len(pairs) == len(render.CATEGORIES)
    assert len({c.code for c in render.CATEGORIES}) == len(render.CATEGORIES)
