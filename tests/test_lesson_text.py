"""diplotext.lesson: the generated prose of the document lessons (00, 03) is true of the document.

On the seed it names the seed's specifics; on another statement it names that statement's
speakers and never the seed's; on a text without a feature it says so in a sentence; text
from the document is escaped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import diplotext as dt
from diplotext import lesson
from diplotext.display import FigureOutput, TableOutput
from diplotext.errors import InputError, MetadataError
from diplotext.model import Metadata, Quote

from .conftest import ROOT

SSD = ROOT / "seeds" / "examples" / "state-2022-01-10-ssd-extraordinary-session.txt"
READOUT = ROOT / "seeds" / "examples" / "state-2022-01-09-sherman-ryabkov-readout.txt"
TRANSCRIPT = ROOT / "seeds" / "examples" / "state-2022-01-10-sherman-briefing-excerpt.txt"

DESCRIBE = (
    lesson.source_card,
    lesson.describe_quotes,
    lesson.describe_naming,
    lesson.describe_evaluation,
    lesson.describe_speech_acts,
    lesson.describe_structure,
    lesson.describe_stance,
    lesson.describe_frames,
    lesson.rule_checks,
    lesson.describe_claims,
    lesson.answer_first_reading,
    lesson.answer_provenance,
    lesson.answer_treatment,
    lesson.answer_reporting_verbs,
    lesson.answer_naming,
    lesson.answer_speech_acts,
)

PLAIN_NOTE = """\
The European Union and the United States discussed energy security in Brussels today.
The two delegations reviewed the work of the joint task force and the next steps.
"""


@pytest.fixture(scope="module")
def seed():
    return lesson.load_document()


@pytest.fixture(scope="module")
def ssd():
    return lesson.load_document(SSD)


@pytest.fixture(scope="module")
def plain():
    return dt.parse(PLAIN_NOTE)


# --------------------------------------------------------------------------- loading


def test_load_document_defaults_to_the_seed_with_its_metadata(seed):
    assert seed.text == dt.seed_path().read_text(encoding="utf-8")
    assert seed.metadata.title == "A Diplomatic Path Is Open To Russia"


def test_load_document_reads_an_explicit_metadata_file(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text(PLAIN_NOTE, encoding="utf-8")
    meta = tmp_path / "elsewhere.toml"
    meta.write_text('title = "A test note"\ngenre = "readout"\n', encoding="utf-8")
    doc = lesson.load_document(text, meta)
    assert doc.metadata.title == "A test note"
    assert lesson.load_document(text).metadata == Metadata()


def test_load_document_bad_paths_raise_library_errors(tmp_path):
    with pytest.raises(InputError):
        lesson.load_document(tmp_path / "missing.txt")
    with pytest.raises(InputError):
        lesson.load_document(tmp_path)
    text = tmp_path / "note.txt"
    text.write_text(PLAIN_NOTE, encoding="utf-8")
    with pytest.raises(MetadataError):
        lesson.load_document(text, tmp_path / "missing.toml")


# --------------------------------------------------------------------------- output type


@pytest.mark.parametrize("fn", DESCRIBE, ids=lambda f: f.__name__)
def test_every_function_returns_non_empty_markdown_on_every_example(fn, seed, ssd, plain):
    for doc in (seed, ssd, plain, lesson.load_document(TRANSCRIPT)):
        out = fn(doc)
        assert isinstance(out, lesson.MarkdownText)
        assert out._repr_markdown_() == repr(out) == str(out)
        assert len(out.text.split()) >= 5, (fn.__name__, out.text)
        assert repr(fn(doc)) == repr(out)  # deterministic


# --------------------------------------------------------------------------- the seed


def test_source_card_says_prominently_that_the_seed_is_advocacy(seed):
    card = lesson.source_card(seed).text
    first = card.splitlines()[0]
    assert first.startswith("> **") and "government advocacy, not news" in first
    assert "VOA Editorials" in card and "Public domain" in card
    assert "the exact day of publication is not known" in card
    assert "11 sentences" in card and "six paragraphs" in card


def test_describe_quotes_on_the_seed(seed):
    text = lesson.describe_quotes(seed).text
    assert "one speaker, Antony Blinken, five times" in text
    assert "two quotations with “said”" in text and "“emphasized”" in text
    assert "one is a fragment" in text and "“if the Kremlin" in text
    assert "“underscored”" in text and "“made clear”" in text


def test_describe_naming_on_the_seed_counts_metonyms(seed):
    text = lesson.describe_naming(seed, "RUS").text
    assert "three times by metonym" in text
    assert "“Moscow” ×2" in text and "“the Kremlin” ×1" in text
    assert "“Moscow” … “aggression” (sentence 4)" in text


def test_describe_evaluation_on_the_seed_names_targets(seed):
    text = lesson.describe_evaluation(seed).text
    assert "aimed at Russia" in text
    assert "“unprovoked”" in text and "“dangerous and destabilizing”" in text


def test_describe_speech_acts_on_the_seed(seed):
    text = lesson.describe_speech_acts(seed).text
    assert "one norm, one offer and one threat" in text
    assert "**threat** (sentence 8" in text and "Russia further invades Ukraine" in text
    assert "**offer** (sentence 3" in text
    assert "“are committed to”" in text


def test_describe_structure_stance_frames_on_the_seed(seed):
    assert "“Georgia” / “Moldova” / “Ukraine”" in lesson.describe_structure(seed).text
    stance = lesson.describe_stance(seed).text
    assert "Boosters outnumber hedges" in stance and "“made clear”" in stance
    assert "in the quoted words of Antony Blinken" in stance
    frames = lesson.describe_frames(seed).text
    assert "**causal interpretation**: two sentences (1, 4)" in frames


def test_rule_checks_flag_a_real_misfire_on_the_seed(seed):
    # "massive economic and financial sanctions" (sentence 8): the U.S.'s own sanctions,
    # tagged as a negative evaluation with no target.
    text = lesson.rule_checks(seed).text
    assert "“massive” (sentence 8) is a negative evaluation with no target" in text
    assert lesson.flagged_item(seed).category == "evaluation"


def test_reporting_verbs_answer_splits_neutral_and_steering(seed):
    text = lesson.answer_reporting_verbs(seed).text
    neutral, steer = text.split("Verbs that also tell you")
    assert "“said”" in neutral and "“made clear”" not in neutral
    assert "“made clear” (sentence 8)" in steer and "“underscored” (sentence 4)" in steer


def test_claims_found_in_the_seed_and_not_elsewhere(seed, ssd):
    assert "Tagliavini" in lesson.describe_claims(seed).text
    assert "None of the contested claims" in lesson.describe_claims(ssd).text


# --------------------------------------------------------------------------- another statement


def test_another_statement_names_its_own_speakers_not_the_seeds(ssd):
    everything = "\n".join(fn(ssd).text for fn in DESCRIBE)
    assert "Blinken" not in everything and "VOA" not in everything
    assert "Wendy R. Sherman" in lesson.describe_quotes(ssd).text
    card = lesson.source_card(ssd).text
    assert "press statement" in card.splitlines()[0] and "advocacy" not in card
    assert "U.S. Department of State" in card


def test_a_readout_without_quotes_says_so_and_why(ssd):
    text = lesson.describe_quotes(ssd).text
    assert text.startswith("This statement contains no direct quotations")
    assert "typical of a readout or press statement" in text
    assert "“made clear”" in text  # its reported speech is still described


def test_a_transcript_names_the_speakers_of_its_turns():
    text = lesson.describe_quotes(lesson.load_document(TRANSCRIPT)).text
    assert "labels before each turn" in text and "Wendy R. Sherman" in text


def test_no_quotes_no_conditionals_no_metonyms_are_said(plain):
    assert "no direct quotations" in lesson.describe_quotes(plain).text
    acts = lesson.describe_speech_acts(plain).text
    assert "no conditional" in acts and "No commissive" in acts
    assert "never mentions Russia" in lesson.describe_naming(plain, "RUS").text
    assert "no conditional" in lesson.answer_speech_acts(plain).text


def test_missing_metadata_is_stated_never_invented(plain):
    card = lesson.source_card(plain).text
    assert "No metadata was found" in card
    assert card.count("not given") == 6  # title, publisher, genre, date, web address, licence
    assert "Missing fields: title, publisher, date, url, genre, licence" in (
        lesson.answer_provenance(plain).text
    )
    assert "no metadata was given" in lesson.references(plain).text


def test_empty_features_give_a_sentence_not_an_empty_figure_or_table(plain, seed):
    no_quotes = replace(plain, quotes=(), reported_speech=())
    out = lesson.figure(no_quotes, "speakers", number=1)
    assert isinstance(out, lesson.MarkdownText) and "Figure 1 is left out" in out.text
    assert isinstance(lesson.table(no_quotes, "quotes"), lesson.MarkdownText)
    assert isinstance(lesson.table(plain, "conditional"), lesson.MarkdownText)
    fig = lesson.figure(seed, "naming", number=2)
    assert isinstance(fig, FigureOutput)
    assert repr(fig).startswith("[Figure 2: Bar chart of the 13 mentions of Russia")
    assert isinstance(lesson.table(seed, "evaluation"), TableOutput)
    with pytest.raises(InputError):
        lesson.figure(seed, "pie")


# --------------------------------------------------------------------------- escaping


def test_markdown_escapes_text_from_the_document():
    text = "Secretary Blinken said, “<script>alert(1)</script> is *bold*.” The end."
    doc = dt.parse(text, Metadata(title="<img src=x onerror=alert(1)>", genre="editorial"))
    hostile = Quote(24, 60, text[24:60], "x", "<b>Eve</b>", "said", "fragment", "before", "test")
    doc = replace(doc, quotes=(hostile,))
    for fn in (lesson.describe_quotes, lesson.source_card, lesson.answer_first_reading):
        out = fn(doc).text
        assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;" in lesson.describe_quotes(doc).text


def test_references_put_the_text_first_then_context_sources(seed, ssd):
    refs = lesson.references(seed, lesson.context_sources(seed)).text.splitlines()
    assert refs[0].startswith("1. VOA Editorials")
    assert len(refs) > 3 and len(refs) == len(set(refs))
    assert lesson.references(ssd).text.startswith("1. U.S. Department of State")


def test_reference_links_are_percent_encoded_not_escaped():
    """Issue #11: an underscore in an address was escaped into the link (``%5C_``)."""
    from markdown_it import MarkdownIt

    url = "https://example.org/sec_press/a b?x=<1>"
    doc = dt.parse("A short text for the test.", Metadata(title="T_*x*", url=url))
    line = lesson.references(doc).text.splitlines()[0]
    assert "T\\_\\*x\\*" in line  # the label is escaped ...
    html = MarkdownIt().render(line)
    assert 'href="https://example.org/sec_press/a%20b?x=%3C1%3E"' in html  # ... the URL encoded
    assert "%5C" not in html and "(from the text's metadata file)" in html


def test_a_javascript_address_is_text_not_a_link():
    doc = dt.parse("A short text for the test.", Metadata(title="T", url="javascript:alert(1)"))
    from markdown_it import MarkdownIt

    html = MarkdownIt().render(lesson.references(doc).text)
    assert "href" not in html and "javascript:alert(1)" in html


def test_example_item_points_into_the_text(seed, plain):
    for doc in (seed, plain):
        item = lesson.example_item(doc)
        assert doc.text[item.start : item.end] == item.text if hasattr(item, "text") else True
        assert dt.explain(item.rule, source=False)


def test_notebooks_hold_no_sentence_about_the_seed():
    """The document lessons' markdown must not name the seed's specifics (they are generated)."""
    import json

    for name in ("00-start-here.ipynb", "03-rhetorical-analysis.ipynb"):
        path = Path(ROOT / "notebooks" / name)
        if not path.exists():
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        md = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for word in ("Blinken", "VOA", "Voice of America", "unprovoked", "Crimea"):
            assert word not in md, f"{name}: markdown mentions {word!r}; generate it instead"


def test_quotes_from_several_speakers_and_unattributed_ones(plain):
    t = plain.text
    quotes = (
        Quote(0, 12, t[0:12], "ned-price", "Ned Price", "said", "full", "before", "t"),
        Quote(13, 20, t[13:20], "wendy-sherman", "Wendy R. Sherman", None, "full", "none", "t"),
        Quote(21, 30, t[21:30], "ned-price", "Ned Price", "added", "full", "after", "t"),
        Quote(31, 40, t[31:40], None, None, None, "fragment", "none", "t"),
    )
    text = lesson.describe_quotes(replace(plain, quotes=quotes)).text
    assert "The text quotes two speakers: Ned Price (twice) and Wendy R. Sherman (once)." in text
    assert "One quotation has no speaker the rules could identify" in text
    assert "Three quotations are full (whole sentences) and one is a fragment" in text
    assert "One quotation has no reporting verb" not in text  # two lack one
    assert "Two quotations have no reporting verb of their own" in text


def test_rule_checks_flag_a_negation_the_evaluation_rule_does_not_read():
    doc = dt.parse("The Deputy Secretary said the talks were not very constructive.")
    text = lesson.rule_checks(doc).text
    assert "“constructive” (sentence 1) is counted as a positive evaluation" in text
    # right before, the rule itself flips the label: no flag
    assert "negation" not in lesson.rule_checks(dt.parse("The talks were not constructive.")).text


def test_quote_checks_table_for_the_seed_and_a_sentence_elsewhere(seed, ssd):
    from diplotext import context

    table = lesson.quote_checks(seed)
    assert len(table.rows) == len(context.seed_quotes())
    other = lesson.quote_checks(ssd)
    assert isinstance(other, lesson.MarkdownText) and "holds none of them" in other.text
