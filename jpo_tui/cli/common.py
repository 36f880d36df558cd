"""What every CLI verb shares: the common options, the database, the acting person and their one secret reader,
the vacancy chosen, the atomic output write and the confirmation prompt.

Nothing heavy is imported at module level (``jpo-tui --help`` stays fast): SQLAlchemy and the domain load inside
the functions that need them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.committee.rules import Action
    from jpo_tui.services.acting import Login

PASSPHRASE_ENV = "JPO_PASSPHRASE"
NEW_PASSPHRASE_ENV = "JPO_NEW_PASSPHRASE"


class CliError(Exception):
    """A user error: printed as one line, exit status 2."""


def add_common(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--db`` and ``--reviewer`` on the top parser and (without defaults overriding it) on every verb."""
    default = None if top else argparse.SUPPRESS
    p.add_argument("--db", metavar="URL", default=default,
                   help="database URL or SQLite file (default: $JPO_DB or sqlite:///jpo.db)")
    p.add_argument("--reviewer", metavar="NAME", default=default,
                   help="act as this committee member (default: the OS user)")


def add_passphrase(p: argparse.ArgumentParser, whose: str = "your") -> None:
    p.add_argument("--passphrase-file", metavar="FILE",
                   help=f"{whose} passphrase, once the vacancy has a committee (default: ${PASSPHRASE_ENV} or a prompt)")


def add_vacancy(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vacancy", metavar="ID", help="vacancy id (default: the only or last used one)")


def add_verb(sub: argparse._SubParsersAction, name: str, help: str, handler: Callable[[argparse.Namespace], int],
             *, whose: str = "your", vacancy: bool = True) -> argparse.ArgumentParser:
    """The sub-command ``name`` run by ``handler``, with the common options, ``--vacancy`` (unless ``vacancy``
    is False) and the passphrase options; the caller adds the verb's own arguments."""
    p = sub.add_parser(name, help=help)
    add_common(p)
    if vacancy:
        add_vacancy(p)
    add_passphrase(p, whose)
    p.set_defaults(handler=handler)
    return p


def url(args: argparse.Namespace) -> str:
    from jpo_tui.services.workspace import default_url

    return args.db or default_url()


CREATING_COMMANDS = ("import", "demo", "restore")  # the only commands that may create a database


def engine(args: argparse.Namespace) -> Engine:
    """The database of ``--db``; a SQLite file that does not exist is refused unless the command fills one."""
    from jpo_tui.services.workspace import open_database

    return open_database(url(args), create=getattr(args, "command", None) in CREATING_COMMANDS)


def reviewer(args: argparse.Namespace) -> str:
    """The acting person's name: ``--reviewer``, ``$JPO_REVIEWER`` or the OS user."""
    from jpo_tui.committee.reviewers import os_user

    return args.reviewer or os_user()


def read_secret(file: str | None, env: str, prompt: str, missing: str = "") -> str:
    """A secret from ``file`` (its first line's end stripped), else ``$env`` when set and not empty, else a
    prompt on a terminal; a one-line :class:`CliError` otherwise. The only passphrase reader of the CLI."""
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            from jpo_tui.core.safetext import printable

            raise CliError(f"cannot read the passphrase file {printable(file)}: {exc.strerror}") from None
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise CliError(missing or f"no passphrase: use --passphrase-file FILE or set ${env}")


def login(args: argparse.Namespace, engine: Engine, vacancy_id: str | None, action: Action | None = None,
          name: str | None = None) -> Login:
    """The acting person with their passphrase, read only when the vacancy has a committee (the single user of
    a vacancy without one is never asked). Without a passphrase, the message says who may take ``action``."""
    from jpo_tui.services.acting import Login, needs_passphrase

    name = name or reviewer(args)
    if vacancy_id is not None and not needs_passphrase(engine, vacancy_id):
        return Login(name)
    return Login(name, read_secret(getattr(args, "passphrase_file", None), PASSPHRASE_ENV,
                                   f"passphrase for {name}: ", missing_passphrase(name, vacancy_id, action)))


def missing_passphrase(name: str, where: str | None, action: Action | None) -> str:
    """The one line shown when no passphrase was given (who may take ``action``, how to give it)."""
    how = f"(terminal, --passphrase-file or ${PASSPHRASE_ENV})"
    if action is None:
        return f"no passphrase for {name}: give it {how}"
    from jpo_tui.committee.rules import RULES, Role

    rule = RULES[action]
    on = f" on vacancy {where}" if where else ""
    if Role.REVIEWER not in rule.allowed:
        return f"only the chair may {rule.phrase}{on}: give the chair's passphrase {how}"
    return f"{name} gives their passphrase to {rule.phrase}{on} {how}"



def acting_on(args: argparse.Namespace, action: Action) -> tuple[Engine, str, Login]:
    """The database, the vacancy (``--vacancy``, or the only or last used one) and the person taking ``action``."""
    db = engine(args)
    vacancy_id = pick_vacancy(db, args.vacancy)
    return db, vacancy_id, login(args, db, vacancy_id, action)


def pick_vacancy(engine: Engine, wanted: str | None) -> str:
    """``wanted``, or the database's only vacancy, or the last one used; a :class:`CliError` otherwise."""
    from jpo_tui.services.queries import list_vacancies
    from jpo_tui.services.workspace import last_vacancy

    ids = [v.id for v in list_vacancies(engine)]
    if wanted:
        if wanted not in ids:
            raise CliError(f"no vacancy {wanted!r} in this database (it has: {', '.join(ids) or 'none'})")
        return wanted
    if not ids:
        raise CliError("this database holds no vacancy yet: run 'jpo-tui import --vacancy FILE.toml DIR' first")
    if len(ids) == 1:
        return ids[0]

    last = last_vacancy(str(engine.url))
    if last is not None and last in ids:
        return last
    raise CliError(f"this database holds several vacancies ({', '.join(ids)}): choose one with --vacancy ID")


BINARY_FORMATS = ("xlsx",)


def check_output(out: str | None, fmt: str) -> None:
    """Refuse, before anything is exported or recorded, an output that cannot be written: a missing folder, a
    folder given as the file, binary data for a terminal."""
    if out:
        target = Path(out).expanduser()
        if target.is_dir():
            raise CliError(f"{out} is a folder: give a file name, e.g. {Path(out) / ('export.' + fmt)}")
        if not target.parent.is_dir():
            raise CliError(f"{target.parent}: no such folder (create it first, or choose another --out)")
    elif fmt in BINARY_FORMATS and sys.stdout.isatty():
        raise CliError(f"{fmt} is a binary format: write it to a file with --out FILE.{fmt} (or redirect the output)")


def write_output(out: str | None, data: bytes | str) -> None:
    """``data`` to the file ``out`` atomically (a ``.part`` file renamed), or to standard output."""
    from jpo_tui.core.files import write_atomic

    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out:
        write_atomic(out, payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()


def confirm(args: argparse.Namespace, question: str, expected: str) -> None:
    """Ask the user to type ``expected``; refuse without a terminal unless ``--yes``."""
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError("not confirmed: run it in a terminal, or pass --yes")
    answer = input(f"{question}\nType {expected!r} to confirm: ").strip()
    if answer != expected:
        raise CliError("not confirmed: nothing changed")
