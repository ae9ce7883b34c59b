"""The ``diplotext`` command line.

``diplotext analyze PATH [--json] [--keep-lines]``  print what the parser finds in a statement
``diplotext explain RULE_ID``                     show why a rule fires (its docstring and code)
``diplotext rules``                  list every rule, step by step
``diplotext compare A B [...]``      compare statements per 100 words (compare.py)
``diplotext handouts``               PDF handouts, student and teacher (handouts/cli.py)
``diplotext lesson PATH --out DIR``  the lessons regenerated for another text (generate.py)
``diplotext --version``              the version (``python -m diplotext`` works the same)

Bad input never gives a traceback: any :class:`~diplotext.errors.DiplotextError` becomes
one line ``diplotext: error: ...`` on stderr and exit status 2, and so does an OS error on a
path that a step did not turn into one. Ctrl-C (SIGINT) and SIGTERM stop with status 130
and 143; commands that write clean up their temporary files first.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable, Sequence

from .errors import DiplotextError, Terminated, show_path

Handler = Callable[[argparse.Namespace], int]


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .load import read_metadata, read_metadata_file, read_text
    from .pipeline import parse
    from .present import summary

    text = read_text(args.path)  # --metadata replaces the file beside the text: not read
    meta = read_metadata_file(args.metadata) if args.metadata else read_metadata(args.path)
    doc = parse(text, meta, keep_lines=args.keep_lines)
    if args.json:
        json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(summary(doc))
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    from .pipeline import explain

    print(explain(args.rule_id, source=not args.no_source))
    return 0


def _cmd_rules(args: argparse.Namespace) -> int:
    import inspect

    from .pipeline import iter_rules

    for step, rule_id, fn in iter_rules():
        first = (inspect.getdoc(fn) or "").split("\n", 1)[0]
        print(f"{step:9} {rule_id:40} {first}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (sub-commands register themselves here)."""
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="diplotext",
        description="Read diplomatic statements with transparent rules; build lessons, handouts.",
    )
    parser.add_argument("--version", action="version", version=f"diplotext {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("analyze", help="print what the parser finds in a statement")
    p.add_argument("path", help="a UTF-8 plain-text file")
    p.add_argument("--json", action="store_true", help="print the full parse as JSON")
    p.add_argument("--metadata", help="a metadata .toml file (default: NAME.meta.toml beside PATH)")
    p.add_argument(
        "--keep-lines",
        action="store_true",
        help="one paragraph per line even in hard-wrapped text (no unwrapping, no joining)",
    )
    p.set_defaults(handler=_cmd_analyze)

    p = sub.add_parser("explain", help="show a rule's description and code")
    p.add_argument("rule_id", help='a rule id such as "quotes.said_after"')
    p.add_argument("--no-source", action="store_true", help="description only")
    p.set_defaults(handler=_cmd_explain)

    p = sub.add_parser("rules", help="list every rule of every step")
    p.set_defaults(handler=_cmd_rules)

    _register_extra(sub)
    from .extras import annotate

    annotate(sub)  # names each command's extra in its --help; a clear error if it is missing
    return parser


#: Modules that add their own sub-command with ``register(subparsers)``; imported lazily so
#: that ``diplotext analyze`` does not pay for nbconvert or matplotlib.
_EXTRA_COMMANDS: tuple[str, ...] = (
    "diplotext.compare",
    "diplotext.handouts.cli",
    "diplotext.generate",
    "diplotext.editions",
    "diplotext.exercises.report",  # class-report (docs/annotator.md)
)


def _register_extra(sub: argparse._SubParsersAction) -> None:
    import importlib

    for modname in _EXTRA_COMMANDS:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name != modname:  # a missing dependency inside the module is a real error
                raise
            continue
        module.register(sub)


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "(no message)"


def _os_error_line(exc: OSError) -> str:
    """One line for an OS error that no step turned into a DiplotextError."""
    from .load import os_error_reason

    why, todo = os_error_reason(exc, opening=True)
    if exc.filename is None:
        return f"{why}; {todo}"
    return f"path {show_path(exc.filename)}: {why}; {todo}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``diplotext`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave SIGTERM alone
        previous = None
    try:
        return args.handler(args)
    except DiplotextError as exc:
        print(f"diplotext: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"diplotext: error: {_os_error_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("diplotext: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("diplotext: terminated", file=sys.stderr)
        return 143
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
