"""Write a file whole or not at all: one helper for every command that writes a file.

    write_atomic(path, "text")            # or bytes
    write_atomic(path, data, newline="\n")

The data go to a temporary file beside ``path`` (same folder, so same file system), are
flushed to disk, and the temporary file is renamed onto ``path`` (``os.replace``): a reader
sees the old file or the new one, never half of one, and an interrupted write leaves no
temporary file behind. The new file gets the permissions of the file it replaces, or, for
a new file, what the user's umask gives an ordinary file (``tempfile.mkstemp`` alone would
make it private, ``0600``: a teacher's ``diplotext editions`` on a shared server would then
write student notebooks nobody else can open).

Errors are ``OSError``: each command turns them into its own one-line message.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def default_mode(path: Path) -> int:
    """The mode for ``path``: that of the file it replaces, else ``0666 & ~umask``."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, newline: str | None = None
) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    mode = default_mode(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
