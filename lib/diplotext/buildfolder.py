"""The build folder of a command that writes a folder (``diplotext lesson``): private,
beside its destination, locked while in use, renamed into place, tidied after a kill.

``make_build_dir(parent, name)`` makes ``PARENT/.NAME.building-XXXX`` (mode 0700, on the
file system of the destination, so the final rename is atomic) and holds an ``flock`` on
it; ``install(tmp, out)`` renames it to ``out``, keeping an old ``out`` as
``.NAME.building-XXXX.old`` until the new one is in place. A SIGKILLed run cannot clean
up; ``clean_leftovers(parent, name)``, called by the next run, removes every build folder
whose lock no live process holds (and puts back an old pack caught between two renames).
``sigterm_raises()`` turns SIGTERM into :class:`~diplotext.errors.Terminated` so that
``finally`` blocks run on SIGTERM as they do on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError, Terminated, show_path

__all__ = ["BUILDING", "clean_leftovers", "install", "make_build_dir", "sigterm_raises"]

#: Names of a build folder beside ``PARENT/NAME`` (``.NAME.building-XXXX``) and of an old
#: folder being replaced (``.NAME.building-XXXX.old``).
BUILDING = ".{name}.building-"


def _lock(fd: int) -> bool:
    """Take the build lock on an open folder without waiting; False if someone holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no cleaning of other runs
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def make_build_dir(parent: Path, name: str) -> tuple[Path, int]:
    """A new private (0700) build folder ``.NAME.building-XXXX`` in ``parent``, locked
    for as long as the returned descriptor is open."""
    for _ in range(100):
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=BUILDING.format(name=name)))
        # A concurrent clean_leftovers may have taken (and removed) it before us.
        try:
            fd = os.open(tmp, os.O_RDONLY)
        except FileNotFoundError:
            continue
        if _lock(fd) and os.path.samestat(os.fstat(fd), os.lstat(tmp)):
            return tmp, fd
        os.close(fd)
    raise OutputError(f"{show_path(parent)}: cannot make a build folder there")  # pragma: no cover


def _unlocked(path: Path) -> int | None:
    """An open, locked descriptor of a leftover build folder no live run holds, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_NOFOLLOW)
    except OSError:
        return None
    if _lock(fd) and os.path.samestat(os.fstat(fd), os.lstat(path)):
        return fd
    os.close(fd)
    return None


def clean_leftovers(parent: str | os.PathLike[str], name: str) -> list[Path]:
    """Remove what killed runs of ``diplotext lesson --out PARENT/NAME`` left in ``parent``.

    A build folder ``.NAME.building-XXXX`` is removed once no running build holds its
    lock. An old pack ``.NAME.building-XXXX.old`` (the run was killed while replacing it)
    is put back as ``NAME`` if ``NAME`` is missing, else removed. Returns what was removed
    or put back; errors are ignored (this is tidying, not the build).
    """
    parent = Path(parent)
    prefix = BUILDING.format(name=name)
    try:
        names = sorted(n for n in os.listdir(parent) if n.startswith(prefix))
    except OSError:
        return []
    done = []
    for n in names:
        if n.endswith(".old"):
            continue
        fd = _unlocked(parent / n)
        if fd is None:
            continue  # a live run
        try:
            done += _restore_or_remove(parent / (n + ".old"), parent / name)
            shutil.rmtree(parent / n, ignore_errors=True)
            done.append(parent / n)
        finally:
            os.close(fd)
    for n in names:  # an old pack whose build folder is already gone
        if n.endswith(".old") and not os.path.lexists(parent / n.removesuffix(".old")):
            done += _restore_or_remove(parent / n, parent / name)
    return done


def _restore_or_remove(old: Path, out: Path) -> list[Path]:
    if not old.is_dir() or old.is_symlink():
        return []
    if os.path.lexists(out):
        shutil.rmtree(old, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.rename(old, out)
    return [old]


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While building, SIGTERM raises :class:`~diplotext.errors.Terminated` (unless the
    program handles SIGTERM itself), so that the build folder is removed."""
    previous = None
    try:
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def install(tmp: Path, out: Path) -> None:
    """Move the finished pack to ``out``, replacing an empty folder or an old pack.

    The old pack is renamed to ``TMP.old`` first and removed only once the new pack is in
    place; a run killed between the two renames leaves it for :func:`clean_leftovers`.
    """
    if not out.exists():
        os.rename(tmp, out)
        return
    old = tmp.with_name(tmp.name + ".old")
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
