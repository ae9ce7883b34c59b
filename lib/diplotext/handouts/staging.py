"""A private temporary folder inside the output folder, for writing handouts safely.

Files are written into ``OUT/.diplotext-handouts-XXXXXXXX.tmp/`` (mode 0700, on the same
file system as the output, so :func:`os.replace` moves a finished file into place
atomically). The folder is removed when the build ends, fails, or gets SIGINT or SIGTERM.
A build killed with SIGKILL cannot clean up: the next build in the same folder removes
the leftovers (see :func:`remove_stale`). A live build holds an ``flock`` on the folder's
``lock`` file, so a concurrent build in the same output folder is never disturbed (on a
file system without locks, a leftover is removed once it is a day old).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..atomic import default_mode
from ..errors import OutputError

try:  # POSIX; elsewhere stale folders are recognised by age alone
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

PREFIX = ".diplotext-handouts-"
SUFFIX = ".tmp"
LOCK = "lock"
#: A leftover with no lock file (killed while being created) is removed after this long.
UNLOCKED_GRACE_S = 60.0
#: Where locks do not work, a leftover folder is removed when its lock file is this old.
UNLOCKABLE_AGE_S = 24 * 3600.0
#: What older versions left in the output folder: ``.NAME.pdf.XXXXXXXX.part``.
LEGACY_PART = re.compile(r"^\..+\.(pdf|html)\.[A-Za-z0-9_]{8}\.part$")


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like KeyboardInterrupt, so ``finally`` blocks clean up."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` in this block (SIGINT already raises
    KeyboardInterrupt); the previous handler comes back after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM wait (they are delivered on exit), so the folder and its lock
    are never half made."""
    mask = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _lock(folder: Path) -> IO[bytes]:
    """Create ``folder/lock`` already locked (locked as ``lock.new``, then renamed)."""
    fh = open(folder / f"{LOCK}.new", "wb")  # noqa: SIM115 (held open while building)
    # a new file is never busy; on a file system without locks, leftovers go by age
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.replace(folder / f"{LOCK}.new", folder / LOCK)
    return fh


def _is_stale(folder: Path) -> bool:
    lock = folder / LOCK
    if not lock.exists():
        try:
            return time.time() - folder.stat().st_mtime > UNLOCKED_GRACE_S
        except OSError:
            return False
    try:
        if fcntl is None:  # pragma: no cover
            raise OSError("no flock here")
        with open(lock, "rb") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a live build holds it
    except OSError:  # no locks on this file system (or none here): only a day-old one
        try:
            return time.time() - lock.stat().st_mtime > UNLOCKABLE_AGE_S
        except OSError:
            return False
    return True


def remove_stale(outdir: Path, targets: tuple[str, ...] = ()) -> list[Path]:
    """Remove what killed builds left in ``outdir``: private folders no live build holds,
    and the older ``.NAME.part`` files of the ``targets`` about to be written."""
    removed: list[Path] = []
    try:
        entries = list(outdir.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if name.startswith(PREFIX) and name.endswith(SUFFIX) and entry.is_dir():
            if _is_stale(entry):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
        elif LEGACY_PART.match(name) and any(name.startswith(f".{t}.") for t in targets):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def private_folder(outdir: Path) -> Iterator[Path]:
    """A new private temporary folder in ``outdir``, removed on leaving (also on SIGINT or
    SIGTERM inside :func:`signals_unwind`)."""
    with _signals_blocked():
        try:
            folder = Path(tempfile.mkdtemp(prefix=PREFIX, suffix=SUFFIX, dir=outdir))
        except OSError as exc:
            raise OutputError(f"{outdir}: cannot write there ({exc.strerror or exc})") from exc
        try:
            lock = _lock(folder)
        except BaseException as exc:
            shutil.rmtree(folder, ignore_errors=True)
            if isinstance(exc, OSError):
                raise OutputError(f"{outdir}: cannot write there ({exc.strerror or exc})") from exc
            raise
    try:
        yield folder
    finally:
        with _signals_blocked():
            shutil.rmtree(folder, ignore_errors=True)
            lock.close()


def write_into(folder: Path, target: Path, payload: bytes) -> None:
    """Write ``payload`` as ``folder/<target name>.part``, then move it onto ``target``.

    The file gets the mode of the one it replaces, else what the umask gives an ordinary
    file (:func:`diplotext.atomic.default_mode`, as every other command writes)."""
    tmp = folder / f"{target.name}.part"
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, default_mode(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
