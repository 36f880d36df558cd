"""The ``jpo-tui`` command: the app by default, and the verbs of :mod:`jpo_tui.cli.data` (import, export, demo),
:mod:`jpo_tui.cli.committee`, :mod:`jpo_tui.cli.trust` and :mod:`jpo_tui.cli.profiles`.

Each verb module has ``register(subparsers)`` adding its sub-parsers, each with ``set_defaults(handler=...)``;
no module global is patched. Verbs call services only; a refusal, a missing thing or bad input is one line on
standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jpo_tui.cli import committee, data, facts, profiles, trust
from jpo_tui.cli.common import CliError, add_common, check_output, url
from jpo_tui.cli.common import engine as _engine

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["CliError", "build_parser", "main", "run_app"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jpo-tui",
        description="Keyboard-first workbench for preselecting JPO candidates. Without a command, opens the app.",
    )
    add_common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (data, committee, trust, profiles, facts):
        module.register(sub)
    return parser


def run_app(args: argparse.Namespace, engine: Engine | None = None) -> int:
    """Open the Textual app (imported here so the domain never needs Textual)."""
    from jpo_tui.screens.app import JpoApp

    engine = engine or _engine(args)
    app = JpoApp(engine=engine, reviewer=args.reviewer or None)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jpo-tui`` console script."""
    from jpo_tui.core.errors import NotFound, message
    from jpo_tui.core.safetext import printable

    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("db", "reviewer"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        if args.command is None:
            return run_app(args)
        if isinstance(getattr(args, "format", None), str) and hasattr(args, "out"):
            check_output(args.out, args.format)  # before any passphrase, read or audit event
        return args.handler(args)
    except (CliError, PermissionError, NotFound, ValueError) as exc:  # user errors, refused actions
        print(f"jpo-tui: {printable(message(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (``jpo-tui rank | head``): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141
    except Exception as exc:  # database errors a user can cause (unreachable server, not a database...)
        from jpo_tui.services.workspace import (
            explain,  # here: --help and the verbs' parsing never load SQLAlchemy
        )

        explained = explain(exc, url(args))
        if explained is None:
            raise
        print(f"jpo-tui: {printable(explained)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("jpo-tui: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
