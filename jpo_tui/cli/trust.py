"""Sub-commands for trust: ``audit`` (the chair reads the trail), ``erase`` and ``purge`` (GDPR), ``backup`` and
``restore`` (SQLite). Each calls one service (:mod:`jpo_tui.services.trust`), which authenticates the acting
person and asks the rulebook. Everything printed that may come from an applicant goes through :func:`printable`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from jpo_tui.cli.common import (
    CliError,
    acting_on,
    add_verb,
    confirm,
    engine,
    login,
    pick_vacancy,
    read_secret,
    reviewer,
    url,
)
from jpo_tui.committee.rules import Action
from jpo_tui.core.safetext import printable

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.privacy.erasure import ErasureReport
    from jpo_tui.services.acting import Login
    from jpo_tui.services.trust import AuditLine


def register(sub: argparse._SubParsersAction) -> None:
    """Add the trust sub-commands to the ``jpo-tui`` parser, each with its handler."""
    p = add_verb(sub, "audit", "show the audit trail (who did what, when, before and after)", cmd_audit,
                 whose="the chair's")
    p.add_argument("--applicant", metavar="KEY", help="only events about this applicant")
    p.add_argument("--action", metavar="NAME", help="only events of this kind (score, import, export, erase...)")
    p.add_argument("--limit", type=int, default=100, metavar="N", help="the newest N events (default 100)")
    p.add_argument("--verify", action="store_true", help="check the whole trail's hash chain and name the first "
                   "broken link (exit status 1 when broken)")

    p = add_verb(sub, "erase", "erase an applicant and everything derived from them (GDPR)", cmd_erase,
                 whose="the chair's")
    p.add_argument("key", metavar="KEY", help="the applicant's key")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    p = add_verb(sub, "purge", "erase all applicants of a vacancy whose retention date has passed", cmd_purge,
                 whose="the chair's", vacancy=False)
    p.add_argument("--vacancy", metavar="ID", required=True, help="vacancy id")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    p = add_verb(sub, "backup", "copy the live SQLite database to FILE (consistent while others write)", cmd_backup,
                 whose="the chair's", vacancy=False)
    p.add_argument("file", metavar="FILE", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = add_verb(sub, "restore", "replace the SQLite database by a backup (checked first)", cmd_restore,
                 whose="the chair's", vacancy=False)
    p.add_argument("file", metavar="FILE", help="the backup file to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _database_login(args: argparse.Namespace, action: Action) -> Login:
    """The acting person for a whole-database verb: a passphrase is read when any vacancy has a committee."""
    from jpo_tui.cli.common import PASSPHRASE_ENV, missing_passphrase
    from jpo_tui.services.acting import Login, database_has_committee

    name = reviewer(args)
    if not database_has_committee(url(args)):
        return Login(name)
    return Login(name, read_secret(getattr(args, "passphrase_file", None), PASSPHRASE_ENV,
                                   f"passphrase for {name}: ", missing_passphrase(name, None, action)))


def cmd_audit(args: argparse.Namespace) -> int:
    import sys

    from jpo_tui.services.trust import audit_trail

    if args.verify:
        return _verify(engine(args))
    db, vacancy_id, who = acting_on(args, Action.VIEW_AUDIT)
    lines = audit_trail(db, vacancy_id, who, applicant=args.applicant, action=args.action, limit=args.limit)
    for line in lines:
        print(format_event(line))
    if not lines:
        print(f"no audit events for vacancy {printable(vacancy_id)} with these filters", file=sys.stderr)
    return 0


def _verify(db: Engine) -> int:
    """``audit --verify``: the chain is recomputed; it reveals no content, so anyone with the database may run it."""
    import sys

    from jpo_tui.services.trust import verify_audit

    result = verify_audit(db)
    if result.ok:
        print(f"audit trail intact: {result.events} events chained, {result.redacted} redacted by erasures "
              "(each attested)")
        return 0
    print(f"audit trail broken: {printable(result.problem or '')}", file=sys.stderr)
    return 1


def format_event(event: AuditLine) -> str:
    """One audit event on one line: time (UTC), who, what, about whom, detail, before -> after (escaped)."""
    parts = [event.at.strftime("%Y-%m-%d %H:%M:%S"), event.actor or "-", event.action]
    if event.applicant_key:
        parts.append(event.applicant_key)
    line = "  ".join(parts)
    if event.detail:
        line += f"  {event.detail}"
    if event.before or event.after:
        line += f"  [{_short(event.before)} -> {_short(event.after)}]"
    return printable(line)


def _short(text: str, limit: int = 120) -> str:
    text = text or "''"
    return text if len(text) <= limit else text[: limit - 1] + "…"


_STILL_OPEN = ("but the database is open elsewhere, so the deleted bytes stay in the file (or its WAL) until it "
               "is compacted: close the app everywhere and run the command again")


def _erase(args: argparse.Namespace, question: str, expected: str, run: Callable[[], ErasureReport],
           done: Callable[[ErasureReport], str], again: str) -> int:
    """Confirm, erase (``run``), and say what was done (and what waits for the database to be closed)."""
    from jpo_tui.privacy import erasure as gdpr

    confirm(args, f"{question} This cannot be undone.", expected)
    try:
        report = run()
    except gdpr.ErasureRefused as exc:
        raise CliError(str(exc)) from None
    print(done(report) + ("" if report.compacted else f"; {report.pending or _STILL_OPEN} (run '{again}' again)"))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from jpo_tui.privacy import erasure as gdpr
    from jpo_tui.services import trust
    from jpo_tui.services.queries import applicant_id_for_key

    db, vacancy_id, who = acting_on(args, Action.ERASE)
    key = printable(args.key)
    if applicant_id_for_key(db, vacancy_id, args.key) is None:
        if not gdpr.erased_before(db, vacancy_id, args.key):
            raise CliError(f"no applicant {key!r} in vacancy {vacancy_id}")
        trust.may_erase(db, vacancy_id, who)
        # Erased while the database was open elsewhere: finish the job (compact, so no byte remains).
        compacted, pending = gdpr.compact_database(db)
        print(f"applicant {key} of vacancy {vacancy_id} was erased before; "
              + ("the database is now compacted: none of their bytes remain in it" if compacted
                 else pending or _STILL_OPEN))
        return 0 if compacted else 1
    trust.may_erase(db, vacancy_id, who, args.key)
    return _erase(args, f"Erase applicant {key} of vacancy {vacancy_id} and everything derived from them "
                  "(documents, scores, reviews, decisions)?", args.key,
                  lambda: trust.erase(db, vacancy_id, who, args.key),
                  lambda r: f"erased applicant {key} of vacancy {vacancy_id}: {r.rows_deleted} rows deleted, "
                            f"{r.events_redacted} audit events redacted", f"jpo-tui erase {key}")


def cmd_purge(args: argparse.Namespace) -> int:
    from jpo_tui.privacy import erasure as gdpr
    from jpo_tui.services import trust

    db = engine(args)
    vacancy_id = pick_vacancy(db, args.vacancy)
    try:
        gdpr.check_retention(db, vacancy_id)
    except gdpr.ErasureRefused as exc:
        raise CliError(str(exc)) from None
    who = login(args, db, vacancy_id, Action.PURGE)
    trust.may_purge(db, vacancy_id, who)
    return _erase(args, f"Erase every applicant of vacancy {vacancy_id} and everything derived from them?",
                  vacancy_id, lambda: trust.purge(db, vacancy_id, who),
                  lambda r: f"purged vacancy {vacancy_id}: {r.applicants} applicants erased, {r.rows_deleted} rows "
                            f"deleted, {r.events_redacted} audit events redacted", "jpo-tui purge")


def cmd_backup(args: argparse.Namespace) -> int:
    from jpo_tui.privacy.backup import BackupError
    from jpo_tui.services import trust

    try:
        info = trust.backup(url(args), _database_login(args, Action.BACKUP), args.file, overwrite=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"backup written: {printable(str(info.path))} ({info.size_bytes:,} bytes, {info.tables} tables, "
          "integrity check ok)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jpo_tui.privacy.backup import BackupError, check_file, sqlite_path
    from jpo_tui.services import trust

    db_url = url(args)
    try:
        target = sqlite_path(db_url)
        check_file(Path(args.file))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    who = _database_login(args, Action.RESTORE)
    trust.may_restore(db_url, who)
    confirm(args, f"Replace the database {printable(str(target))} by the backup {printable(args.file)}? "
            "Everything written since that backup is lost. Close the app everywhere first.", "restore")
    try:
        info = trust.restore(db_url, who, args.file)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"restored {printable(str(target))} from {printable(args.file)} (integrity check ok); "
          f"{info.events_kept} audit events recorded since the backup kept"
          + (f", {info.erased_again} applicants erased since the backup erased again" if info.erased_again else ""))
    return 0
