"""The one exception family the library raises on bad input.

The CLI turns any ``DiplotextError`` into one line on stderr and exit status 2; it never
shows a traceback for bad input.
"""

from __future__ import annotations


class DiplotextError(Exception):
    """Base class: something the user can fix. The message says what and how."""


class InputError(DiplotextError):
    """The input text or file cannot be parsed (missing, empty, binary, not UTF-8, too large)."""


class MetadataError(DiplotextError):
    """A metadata file is malformed or disagrees with its text."""


class OutputError(DiplotextError):
    """An output location cannot be written (exists and is not empty, not writable)."""
