"""Loading the document a lesson is about, and its source card (genre notes included)."""

from __future__ import annotations

import os
from pathlib import Path

from ..load import read_metadata, read_metadata_file, read_text, seed_path
from ..model import Document, Metadata
from ..parsecache import cached_parse
from .prose import (
    MarkdownText,
    _count,
    _esc,
    _genre,
    _md,
)

# --------------------------------------------------------------------------- loading


def load_document(
    text_path: str | os.PathLike[str] | None = None,
    metadata_path: str | os.PathLike[str] | None = None,
) -> Document:
    """Read and parse a statement: the seed when ``text_path`` is None.

    The metadata comes from ``metadata_path`` when given, else from ``NAME.meta.toml``
    beside the text (none: every field "not given"). Bad paths raise
    :class:`~diplotext.errors.InputError` (text) or
    :class:`~diplotext.errors.MetadataError` (metadata) with a message saying what to fix.
    """
    path = Path(text_path) if text_path is not None else seed_path()
    text = read_text(path)
    meta = read_metadata_file(metadata_path) if metadata_path is not None else read_metadata(path)
    return cached_parse(text, meta)


# --------------------------------------------------------------------------- source card

#: What each genre means for a reader, matched in order against the metadata's ``genre``
#: (lower case, substring). The first match is used; extend by adding a pair.
GENRE_NOTES: tuple[tuple[str, str], ...] = (
    (
        "editorial",
        "An official editorial argues a position in the name of its publisher. Read it as an "
        "argument, not as a report: ask what it wants you to believe and do, whose words it "
        "borrows to say so, and what it leaves out.",
    ),
    (
        "readout",
        "A readout is one side's official account of a meeting. It tells you what that side "
        "wants known about the meeting, in its own words; the other side may publish a "
        "different account, and neither is a neutral record.",
    ),
    (
        "press statement",
        "A press statement is an official account written by one side for journalists. It "
        "chooses what to report and how to word it; compare it with the other side's account.",
    ),
    (
        "transcript",
        "A transcript records spoken words, with labels saying who speaks. The speakers chose "
        "their words for a live audience of journalists; an excerpt also leaves the rest out.",
    ),
    (
        "statement",
        "An official statement speaks in the name of a government or its leader. It is "
        "written to be quoted: it states a position and often commits to action.",
    ),
    (
        "news",
        "A news report describes events for the public. Ask whose account it relies on, and "
        "which voices it quotes or leaves out.",
    ),
)


def _genre_note(doc: Document) -> str:
    genre = _genre(doc)
    if not genre:
        return (
            "The metadata does not say what kind of text this is. Decide it yourself from the "
            "text and say what evidence you used (who signs it, who it addresses, what it does)."
        )
    for key, note in GENRE_NOTES:
        if key in genre:
            return note
    return (
        "The genre named in the metadata has no reading note in this library yet: ask who "
        "wrote the text, for whom, and what it is meant to do."
    )


def source_card(doc: Document) -> MarkdownText:
    """The document's provenance from its metadata, with "not given" for every missing field.

    A genre that says "advocacy" or "not news" is stated first, in bold, because it changes
    how every later finding should be read.
    """
    m = doc.metadata
    if m == Metadata():
        head = (
            "**No metadata was found for this text**, so its title, publisher, date and genre "
            "are unknown. Find them out before you rely on it: an unsourced text cannot be "
            "weighed."
        )
    elif m.genre:
        head = f"**What kind of text this is (from its metadata): {_esc(m.genre)}.**"
    else:
        head = "**The metadata does not say what kind of text this is.**"
    date = _esc(m.date) if m.date else "not given"
    if m.date_note:
        date += f". Note: {_esc(m.date_note)}"
    rows = [
        ("Title", _esc(m.title) or "not given"),
        ("Publisher", _esc(m.publisher) or "not given"),
        ("Genre", _esc(m.genre) or "not given"),
        ("Date", date),
        ("Web address", _esc(m.url) or "not given"),
        ("Licence", _esc(m.licence) or "not given"),
        (
            "Length (from the parse)",
            f"{_count(len(doc.paragraphs), 'paragraph')}, "
            f"{_count(len(doc.sentences), 'sentence')}, "
            f"{doc.word_count()} words",
        ),
    ]
    card = "\n".join(f"- **{k}:** {v}" for k, v in rows)
    return _md("> " + head + "\n>\n> " + _genre_note(doc), card)
