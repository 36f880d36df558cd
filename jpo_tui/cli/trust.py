"""Sub-commands for trust: ``audit`` (the chair reads the trail), ``erase`` and ``purge`` (GDPR), ``backup`` and
``restore`` (SQLite). Everything printed that may come from an applicant goes through :func:`printable`.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from jpo_tui.core.safetext import printable

if TYPE_CHECKING:
    from jpo_tui.store.models import AuditEvent

Handler = Callable[[argparse.Namespace], int]
PASSPHRASE_ENV = "JPO_PASSPHRASE"


def register(sub: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]) -> dict[str, Handler]:
    """Add the trust sub-commands to the ``jpo-tui`` parser; returns their handlers."""
    p = sub.add_parser("audit", help="show the audit trail (who did what, when, before and after)")
    add_common(p)
    p.add_argument("--vacancy", metavar="ID", help="vacancy id (default: the only or last used one)")
    p.add_argument("--applicant", metavar="KEY", help="only events about this applicant")
    p.add_argument("--action", metavar="NAME", help="only events of this kind (score, import, export, erase...)")
    p.add_argument("--limit", type=int, default=100, metavar="N", help="the newest N events (default 100)")
    p.add_argument("--verify", action="store_true", help="check the whole trail's hash chain and name the first "
                   "broken link (exit status 1 when broken)")
    p.add_argument("--passphrase-file", metavar="FILE", help=f"the chair's passphrase (default: ${PASSPHRASE_ENV} "
                   "or a prompt)")

    p = sub.add_parser("erase", help="erase an applicant and everything derived from them (GDPR)")
    add_common(p)
    p.add_argument("key", metavar="KEY", help="the applicant's key")
    p.add_argument("--vacancy", metavar="ID", help="vacancy id (default: the only or last used one)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--passphrase-file", metavar="FILE", help=f"the chair's passphrase (default: ${PASSPHRASE_ENV} "
                   "or a prompt)")

    p = sub.add_parser("purge", help="erase all applicants of a vacancy whose retention date has passed")
    add_common(p)
    p.add_argument("--vacancy", metavar="ID", required=True, help="vacancy id")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--passphrase-file", metavar="FILE", help=f"the chair's passphrase (default: ${PASSPHRASE_ENV} "
                   "or a prompt)")

    p = sub.add_parser("backup", help="copy the live SQLite database to FILE (consistent while others write)")
    add_common(p)
    p.add_argument("file", metavar="FILE", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = sub.add_parser("restore", help="replace the SQLite database by a backup (checked first)")
    add_common(p)
    p.add_argument("file", metavar="FILE", help="the backup file to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return {"audit": cmd_audit, "erase": cmd_erase, "purge": cmd_purge, "backup": cmd_backup,
            "restore": cmd_restore}


def _confirm(args: argparse.Namespace, question: str, expected: str) -> None:
    """Ask the user to type ``expected``; refuse without a terminal unless --yes."""
    from jpo_tui.cli.main import CliError

    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError("not confirmed: run it in a terminal, or pass --yes")
    answer = input(f"{question}\nType {expected!r} to confirm: ").strip()
    if answer != expected:
        raise CliError("not confirmed: nothing changed")


def _passphrase(args: argparse.Namespace, name: str, action: str, vacancy_id: str) -> str:
    from jpo_tui.cli.main import CliError

    file = getattr(args, "passphrase_file", None)
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise CliError(f"cannot read the passphrase file {printable(file)}: {exc.strerror}") from None
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is not None:
        return passphrase
    if not sys.stdin.isatty():
        raise CliError(f"only the chair may {action} on vacancy {vacancy_id}: give the chair's passphrase "
                       f"(terminal, --passphrase-file or ${PASSPHRASE_ENV})")
    return getpass.getpass(f"Passphrase of {name}: ")


def _require_chair(engine: Engine, vacancy_id: str, name: str, action: str,
                   args: argparse.Namespace | None = None) -> set[str]:
    """When the vacancy has a committee, only its chair may act, after giving their passphrase.

    ``action`` completes "only the chair may ...". Returns the keys of the applicants the chair declared a
    conflict of interest with (empty without a committee).
    """
    from jpo_tui.cli.main import CliError
    from jpo_tui.committee import members as committee
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        if not committee.has_committee(session, vacancy_id):
            return set()
        passphrase = _passphrase(args or argparse.Namespace(), name, action, vacancy_id)
        try:
            chair = committee.require_chair(
                session, vacancy_id, committee.authenticate(session, vacancy_id, name, passphrase), action)
        except committee.CommitteeError as exc:
            raise CliError(str(exc)) from None
        return {c.applicant_key for c in committee.conflicts(session, vacancy_id, chair) if c.member == chair.name}


# What a reviewer wrote about an applicant: hidden from a chair who declared a conflict with that applicant
# (blind scoring holds in the audit trail too).
SCORE_ACTIONS = frozenset({"score", "score_comment", "review_comment", "recommendation", "review_submitted"})
HIDDEN = "[hidden: conflict of interest]"


DATABASE_ACTIONS = ("backup", "restore")


def cmd_audit(args: argparse.Namespace) -> int:
    from sqlalchemy import and_, or_
    from sqlmodel import select

    from jpo_tui.cli.main import _engine, _pick_vacancy, _reviewer
    from jpo_tui.store import models as m
    from jpo_tui.store.db import session_scope

    engine = _engine(args)
    if args.verify:
        return _verify(engine)
    vacancy_id = _pick_vacancy(engine, args.vacancy)
    conflicted = _require_chair(engine, vacancy_id, _reviewer(args), "read the audit trail", args)
    ev = m.AuditEvent
    # Backups and restores concern the whole database, hence every vacancy's trail.
    about = or_(ev.vacancy_id == vacancy_id, and_(ev.vacancy_id == "", ev.action.in_(DATABASE_ACTIONS)))  # type: ignore[attr-defined]
    query = select(ev).where(about).order_by(ev.id.desc()).limit(max(1, args.limit))  # type: ignore[union-attr]
    if args.applicant:
        query = query.where(ev.applicant_key == args.applicant)
    if args.action:
        query = query.where(ev.action == args.action)
    with session_scope(engine) as session:
        rows = list(session.exec(query))
    for row in reversed(rows):
        if row.applicant_key in conflicted and row.action in SCORE_ACTIONS:
            row = m.AuditEvent(at=row.at, actor=row.actor, action=row.action, vacancy_id=row.vacancy_id,
                               applicant_key=row.applicant_key, detail=HIDDEN)
        print(format_event(row))
    if not rows:
        print(f"no audit events for vacancy {printable(vacancy_id)} with these filters", file=sys.stderr)
    return 0


def _verify(engine: Engine) -> int:
    """``audit --verify``: the chain is recomputed; it reveals no content, so anyone with the database may run it."""
    from jpo_tui.privacy import audit
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        result = audit.verify(session)
    if result.ok:
        print(f"audit trail intact: {result.events} events chained, {result.redacted} redacted by erasures "
              "(each attested)")
        return 0
    print(f"audit trail broken: {printable(result.problem or '')}", file=sys.stderr)
    return 1


def format_event(event: AuditEvent) -> str:
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


def cmd_erase(args: argparse.Namespace) -> int:
    from sqlmodel import select

    from jpo_tui.cli.main import CliError, _engine, _pick_vacancy, _reviewer
    from jpo_tui.privacy import erasure as gdpr
    from jpo_tui.store import models as m
    from jpo_tui.store.db import session_scope

    engine = _engine(args)
    vacancy_id = _pick_vacancy(engine, args.vacancy)
    with session_scope(engine) as session:
        applicant = session.exec(select(m.Applicant).where(
            m.Applicant.vacancy_id == vacancy_id, m.Applicant.key == args.key)).first()
        who = printable(applicant.name or "name unknown") if applicant is not None else ""
    if applicant is None:
        if not gdpr.erased_before(engine, vacancy_id, args.key):
            raise CliError(f"no applicant {printable(args.key)!r} in vacancy {vacancy_id}")
        # Erased while the database was open elsewhere: finish the job (compact, so no byte remains).
        compacted, pending = gdpr.compact_database(engine)
        print(f"applicant {printable(args.key)} of vacancy {vacancy_id} was erased before; "
              + ("the database is now compacted: none of their bytes remain in it" if compacted
                 else pending or _STILL_OPEN))
        return 0 if compacted else 1
    actor = _reviewer(args)
    _require_chair(engine, vacancy_id, actor, "erase an applicant", args)
    _confirm(args, f"Erase applicant {printable(args.key)} ({who}) of vacancy {vacancy_id} and everything derived "
             "from them (documents, scores, reviews, decisions)? This cannot be undone.", args.key)
    try:
        report = gdpr.erase_applicant(engine, vacancy_id, args.key, actor=actor)
    except gdpr.ErasureRefused as exc:
        raise CliError(str(exc)) from None
    print(f"erased applicant {printable(args.key)} of vacancy {vacancy_id}: {report.rows_deleted} rows deleted, "
          f"{report.events_redacted} audit events redacted"
          + ("" if report.compacted else f"; {report.pending or _STILL_OPEN} (run 'jpo-tui erase "
                                        f"{printable(args.key)}' again)"))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from jpo_tui.cli.main import CliError, _engine, _pick_vacancy, _reviewer
    from jpo_tui.privacy import erasure as gdpr

    engine = _engine(args)
    vacancy_id = _pick_vacancy(engine, args.vacancy)
    actor = _reviewer(args)
    try:
        gdpr.check_retention(engine, vacancy_id)
    except gdpr.ErasureRefused as exc:
        raise CliError(str(exc)) from None
    _require_chair(engine, vacancy_id, actor, "purge a vacancy", args)
    _confirm(args, f"Erase every applicant of vacancy {vacancy_id} and everything derived from them? "
             "This cannot be undone.", vacancy_id)
    try:
        report = gdpr.purge_vacancy(engine, vacancy_id, actor=actor)
    except gdpr.ErasureRefused as exc:
        raise CliError(str(exc)) from None
    print(f"purged vacancy {vacancy_id}: {report.applicants} applicants erased, {report.rows_deleted} rows deleted, "
          f"{report.events_redacted} audit events redacted"
          + ("" if report.compacted else f"; {report.pending or _STILL_OPEN} (run 'jpo-tui purge' again)"))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from jpo_tui.cli.main import CliError, _reviewer
    from jpo_tui.privacy.backup import BackupError, backup_sqlite
    from jpo_tui.store.db import default_url

    try:
        info = backup_sqlite(args.db or default_url(), args.file, overwrite=args.force, actor=_reviewer(args))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"backup written: {printable(str(info.path))} ({info.size_bytes:,} bytes, {info.tables} tables, "
          "integrity check ok)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from jpo_tui.cli.main import CliError
    from jpo_tui.privacy.backup import BackupError, check_file, restore_sqlite, sqlite_path
    from jpo_tui.store.db import default_url

    url = args.db or default_url()
    try:
        target = sqlite_path(url)
        check_file(Path(args.file))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    _confirm(args, f"Replace the database {printable(str(target))} by the backup {printable(args.file)}? "
             "Everything written since that backup is lost. Close the app everywhere first.", "restore")
    from jpo_tui.cli.main import _reviewer

    try:
        info = restore_sqlite(args.file, url, actor=_reviewer(args))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"restored {printable(str(target))} from {printable(args.file)} (integrity check ok); "
          f"{info.events_kept} audit events recorded since the backup kept"
          + (f", {info.erased_again} applicants erased since the backup erased again" if info.erased_again else ""))
    return 0
