"""Step 1 of the pipeline: read a statement from disk, safely.

``read_text(path)`` checks the file and decodes it; ``read_metadata(path)`` reads the
provenance file beside it (``NAME.meta.toml``); ``load(path)`` does both and parses.
Every problem raises :class:`~diplotext.errors.InputError` with a message that names the
problem and what to do.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from .errors import InputError, MetadataError
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

SEED_NAME = "voa-2022-01-a-diplomatic-path-is-open-to-russia.txt"


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


def decode(data: bytes, name: str = "input") -> str:
    """Decode bytes as UTF-8 text, rejecting what is not a statement."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name} is {len(data) / 1e6:.1f} MB; diplotext reads statements up to "
            f"{MAX_BYTES / 1e6:.0f} MB. Split the file into separate statements."
        )
    if b"\x00" in data[:65536] or b"\x00" in data:
        raise InputError(
            f"{name} looks like a binary file (it contains NUL bytes); "
            "give a plain-text (.txt) file."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (bad byte at offset {exc.start}); "
            "save it as UTF-8 (e.g. in a text editor: Save As > Encoding: UTF-8)."
        ) from None
    text = text.removeprefix("\ufeff")
    return check_text(text, name)


def check_text(text: str, name: str = "input") -> str:
    """Reject text that cannot be a statement (empty, whitespace only, control bytes)."""
    if not isinstance(text, str):
        raise InputError(f"{name} must be a str, not {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{name} is empty (or only whitespace); give the text of a statement.")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(
            f"{name} is larger than {MAX_BYTES / 1e6:.0f} MB; split it into separate statements."
        )
    if "\x00" in text:
        raise InputError(f"{name} contains NUL characters; it looks binary, not text.")
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, with one clear error for each way it can be wrong."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file; check the path.")
    if p.is_dir():
        raise InputError(f"{p} is a folder; give the path of a .txt file inside it.")
    if not p.is_file():
        raise InputError(f"{p} is not a regular file; give a plain-text (.txt) file.")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{p} is {size / 1e6:.1f} MB; diplotext reads statements up to "
                f"{MAX_BYTES / 1e6:.0f} MB. Split the file into separate statements."
            )
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{p}: permission denied; check that you can read the file.") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file ({exc.strerror}).") from None
    return decode(data, str(p))


def sha256_text(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes (the fixity check of ``seeds/``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
            known[key] = value or None
        elif isinstance(value, (str, int, float, bool)):
            extra.append((key, str(value)))
    return Metadata(**known, extra=tuple(sorted(extra)))


def read_metadata(path: str | os.PathLike[str]) -> Metadata:
    """Read ``NAME.meta.toml`` beside a text; an empty :class:`Metadata` if there is none."""
    mp = metadata_path(path)
    if not mp.is_file():
        return Metadata()
    return read_metadata_file(mp)


def read_metadata_file(mp: str | os.PathLike[str]) -> Metadata:
    """Read a metadata TOML file (the format of ``seeds/*.meta.toml``)."""
    mp = Path(mp)
    if not mp.is_file():
        raise MetadataError(f"{mp}: no such metadata file; check the path.")
    try:
        data = tomllib.loads(mp.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MetadataError(
            f"{mp} is not valid TOML ({exc}); compare it with the seed's .meta.toml."
        ) from None
    return parse_metadata(data, str(mp))


def verify_fixity(text: str, meta: Metadata, name: str = "text") -> None:
    """Raise :class:`MetadataError` if the metadata's checksum does not match the text."""
    if meta.sha256 and meta.sha256 != sha256_text(text):
        raise MetadataError(
            f"{name} does not match the sha256 in its metadata; the text was changed. "
            "Restore the original or update the checksum deliberately."
        )
