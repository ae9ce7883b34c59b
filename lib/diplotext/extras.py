"""Which commands need an optional extra, and one clear message when it is missing.

``pip install diplotext`` gives the parser and the command line (standard library and
tqdm). The lessons and the handouts need more, installed as *extras*::

    pip install 'diplotext[lessons]'     # the notebook stack: JupyterLab, nbconvert, papermill...
    pip install 'diplotext[handouts]'    # PDF handouts: WeasyPrint, nbconvert

A command that needs an extra calls :func:`require` (or is listed in :data:`COMMANDS`, which
:func:`annotate` turns into a check before the command runs and a line in its ``--help``).
A missing extra is a :class:`MissingExtraError`: the command line prints
``diplotext: error: 'diplotext handouts' needs the handouts extra: pip install
'diplotext[handouts]'`` and exits with status 2, never a ``ModuleNotFoundError`` traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Sequence

from .errors import DiplotextError

#: Extra name -> the modules (import names) the commands import from it; each is provided
#: by a requirement of that extra in pyproject.toml (tests/test_extras.py checks). JupyterLab
#: is in the lessons extra but no command imports it, so it is not checked for.
EXTRAS: dict[str, tuple[str, ...]] = {
    "lessons": ("nbformat", "nbclient", "nbconvert", "papermill", "matplotlib", "ipywidgets"),
    "handouts": ("nbformat", "nbconvert", "weasyprint"),
}

#: Sub-command -> the extras it needs. ``diplotext lesson`` runs the lessons with papermill
#: and builds both handout editions, so it needs both.
COMMANDS: dict[str, tuple[str, ...]] = {
    "handouts": ("handouts",),
    "lesson": ("lessons", "handouts"),
}


class MissingExtraError(DiplotextError):
    """A command needs an optional extra that is not installed."""


def install_hint(extras: Sequence[str]) -> str:
    """``pip install 'diplotext[a,b]'``."""
    return f"pip install 'diplotext[{','.join(extras)}]'"


def needs(extras: Sequence[str]) -> str:
    """``the handouts extra`` / ``the lessons and handouts extras``."""
    names = list(extras)
    if len(names) == 1:
        return f"the {names[0]} extra"
    return f"the {', '.join(names[:-1])} and {names[-1]} extras"


def missing_modules(extra: str, modules: Sequence[str] = ()) -> list[str]:
    """The modules of ``extra`` (or the given ``modules``) that cannot be imported.

    Looks the modules up without importing them (``importlib.util.find_spec``), so the
    check costs nothing when everything is installed.
    """
    if extra not in EXTRAS:
        raise KeyError(f"unknown extra {extra!r}; known: {', '.join(EXTRAS)}")
    wanted = modules or EXTRAS[extra]
    return [m for m in wanted if _find(m) is None]


def _find(module: str) -> object | None:
    try:
        return importlib.util.find_spec(module)
    except (ImportError, ValueError):  # a parent package missing, or a broken __spec__
        return None


def require(*extras: str, command: str | None = None, modules: Sequence[str] = ()) -> None:
    """Raise :class:`MissingExtraError` unless every module of ``extras`` can be imported.

    ``require("handouts", command="handouts")`` before importing nbconvert or WeasyPrint;
    ``modules`` narrows the check to the modules a function really uses
    (``require("handouts", modules=("weasyprint",))``).
    """
    absent = [m for extra in extras for m in missing_modules(extra, modules)]
    if not absent:
        return
    who = f"'diplotext {command}' needs" if command else "this needs"
    raise MissingExtraError(
        f"{who} {needs(extras)}: {install_hint(extras)} "
        f"(not installed: {', '.join(dict.fromkeys(absent))})"
    )


def help_note(command: str) -> str:
    """The line a command's ``--help`` ends with: which extra it needs and how to get it."""
    extras = COMMANDS[command]
    return f"Needs {needs(extras)}: {install_hint(extras)}"


def annotate(sub: argparse._SubParsersAction) -> None:
    """Name each command's extra in its ``--help`` and check for it before it runs.

    Called once by :func:`diplotext.cli.build_parser` after every sub-command has
    registered itself; commands not in :data:`COMMANDS` are left as they are.
    """
    helps = {action.dest: action for action in sub._choices_actions}
    for name, parser in sub.choices.items():
        if name not in COMMANDS:
            continue
        note = help_note(name)
        parser.epilog = f"{parser.epilog}\n\n{note}" if parser.epilog else note
        if name in helps and helps[name].help:
            helps[name].help = f"{helps[name].help} (needs {needs(COMMANDS[name])})"
        handler = parser.get_default("handler")
        if handler is not None:
            parser.set_defaults(handler=_checked(name, handler))


def _checked(command: str, handler):
    def run(args: argparse.Namespace) -> int:
        require(*COMMANDS[command], command=command)
        return handler(args)

    run.__wrapped__ = handler  # type: ignore[attr-defined]
    return run
