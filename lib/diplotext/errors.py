"""The one exception family the library raises on bad input.

The CLI turns any ``DiplotextError`` into one line on stderr and exit status 2; it never
shows a traceback for bad input. Messages read ``<what> <path>: <why>; <what to do>``.
"""

from __future__ import annotations

import os


class DiplotextError(Exception):
    """Base class: something the user can fix. The message says what and how."""


class InputError(DiplotextError):
    """The input text or file cannot be parsed (missing, empty, binary, not UTF-8, too large)."""


class InvalidCharacterError(InputError):
    """The text holds a character no UTF-8 text can (a lone surrogate); ``offset`` is its
    character offset in the text."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


class MetadataError(DiplotextError):
    """A metadata file is malformed or disagrees with its text."""


class OutputError(DiplotextError):
    """An output location cannot be written (exists and is not empty, not writable)."""


def show_path(path: str | os.PathLike[str]) -> str:
    """A path as it can be printed on one line: control characters, and bytes that were
    not valid in the file system's encoding, are shown as escapes."""
    s = os.fspath(path)
    if isinstance(s, bytes):
        s = os.fsdecode(s)
    return s if s.isprintable() else ascii(s)[1:-1]


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM (see ``cli.main``), so that the ``finally``
    and ``except BaseException`` blocks of a build remove its temporary files."""
