"""Step 1 of the pipeline: read a statement from disk, safely.

``read_text(path)`` checks the file and decodes it; ``read_metadata(path)`` reads the
provenance file beside it (``NAME.meta.toml``); ``load(path)`` does both and parses.
Every problem raises :class:`~diplotext.errors.InputError` (or its subclasses) with one
line ``<what> <path>: <why>; <what to do>``.

Files are opened only after ``stat`` says they are regular files, and then with
``O_NONBLOCK``, so a FIFO or a device given as a text never blocks the command; the type
is checked again on the open file (it may have been swapped in between). Nothing is read
past :data:`MAX_BYTES`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from .errors import DiplotextError, InputError, InvalidCharacterError, MetadataError, show_path
from .model import Metadata

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Largest file accepted. Diplomatic statements are a few KB; 5 MB is a book.
MAX_BYTES = 5_000_000

#: Metadata keys understood in ``NAME.meta.toml`` (other keys are kept in ``extra``).
METADATA_KEYS = (
    "title",
    "publisher",
    "date",
    "date_note",
    "url",
    "genre",
    "licence",
    "sha256",
    "note",
)

#: Metadata fields that must fit on one line (no newline, tab or other control character):
#: they are written into headings, list items and links. ``date_note`` and ``note`` may
#: have several lines.
SINGLE_LINE_KEYS = ("title", "publisher", "date", "url", "genre", "licence", "sha256")

SEED_NAME = "voa-2022-01-a-diplomatic-path-is-open-to-russia.txt"

_FILE_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def seeds_dir() -> Path:
    """The ``seeds/`` folder: ``$DIPLOTEXT_SEEDS``, the checkout's, or the copy in the wheel."""
    env = os.environ.get("DIPLOTEXT_SEEDS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "seeds", here / "_seeds"):
        if (candidate / SEED_NAME).is_file():
            return candidate
    raise InputError(
        "cannot find the seeds/ folder; run from a checkout of diplotext or set DIPLOTEXT_SEEDS"
    )


def seed_path() -> Path:
    """Path of the seed text (the VOA editorial)."""
    return seeds_dir() / SEED_NAME


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the metadata of a text lives: ``NAME.meta.toml`` beside ``NAME.txt``."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.toml")


# --------------------------------------------------------------------------- opening files


def os_error_reason(exc: OSError, opening: bool = False) -> tuple[str, str]:
    """(why, what to do) for an OSError met on a path; ``opening``: the file itself, not
    a folder on the way to it, was refused."""
    code = exc.errno
    if code == errno.ENOENT:
        return "no such file", "check the path"
    if code in (errno.EACCES, errno.EPERM):
        if opening:
            return "permission denied", "check that you may read it (ls -l; chmod u+r)"
        return (
            "permission denied (a folder on the path cannot be searched)",
            "check the folders' permissions (ls -ld; chmod u+rx)",
        )
    if code == errno.ELOOP:
        return "symbolic link loop", "point the link at a real file"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder", "check the path"
    if code == errno.ENAMETOOLONG:
        return "the name is too long", "use a shorter path"
    return f"cannot read it ({exc.strerror or exc})", "check the path and the disk"


def _file_kind(mode: int) -> str:
    return _FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_regular(
    path: str | os.PathLike[str],
    what: str = "text",
    error: type[DiplotextError] = InputError,
    missing: str = "no such file",
) -> tuple[int, os.stat_result]:
    """Open a regular file for reading without ever blocking; returns (fd, stat).

    Refuses, with one ``error`` naming ``what`` and the path: a missing path, a folder, a
    FIFO, a device or a socket (checked before opening, and again on the open file), a
    permission problem, a symbolic-link loop.
    """
    shown = f"{what} {show_path(path)}"
    try:
        st = os.stat(path)
    except OSError as exc:
        why, todo = os_error_reason(exc)
        if exc.errno == errno.ENOENT:
            why = missing
        raise error(f"{shown}: {why}; {todo}") from None
    _check_regular(st, shown, error)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        why, todo = os_error_reason(exc, opening=True)
        raise error(f"{shown}: {why}; {todo}") from None
    try:
        st = os.fstat(fd)
        _check_regular(st, shown, error)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def _check_regular(st: os.stat_result, shown: str, error: type[DiplotextError]) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{shown}: is a folder; give the path of a file inside it")
    if not stat.S_ISREG(st.st_mode):
        raise error(
            f"{shown}: is {_file_kind(st.st_mode)}, not a regular file; "
            "copy it to a regular file and give that"
        )


def read_bytes(
    path: str | os.PathLike[str],
    what: str = "text",
    limit: int = MAX_BYTES,
    error: type[DiplotextError] = InputError,
    missing: str = "no such file",
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`open_regular`)."""
    shown = f"{what} {show_path(path)}"
    fd, st = open_regular(path, what, error, missing)
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > limit:
            raise error(_too_large(shown, st.st_size, limit))
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            why, todo = os_error_reason(exc, opening=True)
            raise error(f"{shown}: {why}; {todo}") from None
    if len(data) > limit:
        raise error(_too_large(shown, len(data), limit))
    return data


def _too_large(shown: str, size: int, limit: int) -> str:
    return (
        f"{shown}: is {size / 1e6:.1f} MB, more than the {limit / 1e6:.0f} MB diplotext "
        "reads; split the file into separate statements"
    )


# --------------------------------------------------------------------------- text


#: Characters that show nothing although their category is a letter, mark or symbol
#: (Hangul fillers, Khmer inherent vowels, braille blank, combining grapheme joiner,
#: variation selectors).
_INVISIBLE_EXTRA = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0\ufe00-\ufe0f]")

#: Categories that show nothing: format characters (BOM, zero-width space, joiners, soft
#: hyphen, word joiner, bidi controls), space separators, line and paragraph separators,
#: control characters.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zs", "Zl", "Zp", "Cc"})

_SURROGATE = re.compile("[\ud800-\udfff]")


def is_visible(ch: str) -> bool:
    """True if a character shows something on the page (a letter, digit, punctuation...)."""
    if ch.isspace() or _INVISIBLE_EXTRA.match(ch) or "\U000e0100" <= ch <= "\U000e01ef":
        return False
    return unicodedata.category(ch) not in _INVISIBLE_CATEGORIES


def decode(data: bytes, name: str = "input") -> str:
    """Decode bytes as UTF-8 text, rejecting what is not a statement."""
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(name, len(data), MAX_BYTES))
    if b"\x00" in data:
        raise InputError(
            f"{name}: looks like a binary file (it contains NUL bytes); "
            "give a plain-text (.txt) file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (bad byte at offset {exc.start}); "
            "save it as UTF-8 (e.g. in a text editor: Save As > Encoding: UTF-8)"
        ) from None
    text = text.removeprefix("\ufeff")
    return check_text(text, name)


def check_text(text: str, name: str = "input") -> str:
    """Reject text that cannot be a statement: not a str, empty or only whitespace and
    invisible characters (BOM, zero-width space ...), lone surrogates, NUL, too large."""
    if not isinstance(text, str):
        raise InputError(f"{name} must be a str, not {type(text).__name__}")
    if not any(map(is_visible, text)):
        raise InputError(
            f"{name}: is empty (only whitespace or invisible characters such as a BOM or a "
            "zero-width space); give the text of a statement"
        )
    bad = _SURROGATE.search(text)
    if bad:
        raise InvalidCharacterError(
            f"{name}: lone surrogate U+{ord(bad.group()):04X} at character offset "
            f"{bad.start()}, which no UTF-8 text can hold; decode the source with "
            "errors='replace' or remove the character",
            offset=bad.start(),
        )
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError(
            f"{name}: is larger than {MAX_BYTES / 1e6:.0f} MB; split it into separate statements"
        )
    if "\x00" in text:
        raise InputError(f"{name}: contains NUL characters; it looks binary, not text")
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, with one clear error for each way it can be wrong."""
    return decode(read_bytes(path, "text"), f"text {show_path(path)}")


def sha256_text(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes (the fixity check of ``seeds/``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- metadata


def check_field(key: str, value: str, where: str) -> str:
    """Raise :class:`MetadataError` if a field holds a lone surrogate, or if a one-line
    field (:data:`SINGLE_LINE_KEYS`) holds a newline or another control character."""
    bad = _SURROGATE.search(value)
    if bad:
        raise MetadataError(
            f"{where}: '{key}' has a lone surrogate at character {bad.start()}; remove it"
        )
    for i, ch in enumerate(value):
        cat = unicodedata.category(ch)
        if key in SINGLE_LINE_KEYS and (cat in ("Cc", "Zl", "Zp")):
            raise MetadataError(
                f"{where}: '{key}' contains {_char_name(ch)} at character {i}; "
                f"give the {key} on one line, without control characters"
            )
        if cat == "Cc" and ch not in "\n\t":
            raise MetadataError(
                f"{where}: '{key}' contains the control character {_char_name(ch)} at "
                f"character {i}; remove it"
            )
    return value


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name:
        name = {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB"}.get(ch, "control")
    return f"U+{ord(ch):04X} ({name})"


def parse_metadata(data: dict, name: str = "metadata") -> Metadata:
    """Build :class:`Metadata` from a mapping (e.g. a parsed TOML file)."""
    if not isinstance(data, dict):
        raise MetadataError(f"{name} must be a table of key = value pairs")
    known = {}
    extra = []
    for key, value in data.items():
        if key in METADATA_KEYS:
            if value is not None and not isinstance(value, str):
                raise MetadataError(f"{name}: '{key}' must be text, got {type(value).__name__}")
            known[key] = check_field(key, value, name) if value else None
        elif isinstance(value, (str, int, float, bool)):
            extra.append((key, check_field(key, str(value), name)))
    return Metadata(**known, extra=tuple(sorted(extra)))


def read_metadata(path: str | os.PathLike[str]) -> Metadata:
    """Read ``NAME.meta.toml`` beside a text; an empty :class:`Metadata` if there is none.

    A metadata file that exists but cannot be read (permission, a loop, a FIFO ...) is an
    error, not "no metadata"."""
    mp = metadata_path(path)
    try:
        os.lstat(mp)
    except FileNotFoundError:
        return Metadata()
    except OSError as exc:
        why, todo = os_error_reason(exc)
        raise MetadataError(f"metadata file {show_path(mp)}: {why}; {todo}") from None
    return read_metadata_file(mp)


def read_metadata_file(mp: str | os.PathLike[str]) -> Metadata:
    """Read a metadata TOML file (the format of ``seeds/*.meta.toml``)."""
    mp = Path(mp)
    data = read_bytes(
        mp, "metadata file", 1_000_000, MetadataError, missing="no such metadata file"
    )
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MetadataError(
            f"metadata file {show_path(mp)}: not valid TOML ({exc}); "
            "compare it with the seed's .meta.toml"
        ) from None
    return parse_metadata(table, f"metadata file {show_path(mp)}")


def verify_fixity(text: str, meta: Metadata, name: str = "text") -> None:
    """Raise :class:`MetadataError` if the metadata's checksum does not match the text."""
    if meta.sha256 and meta.sha256 != sha256_text(text):
        raise MetadataError(
            f"{name} does not match the sha256 in its metadata; the text was changed. "
            "Restore the original or update the checksum deliberately."
        )
