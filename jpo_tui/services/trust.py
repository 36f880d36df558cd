"""Trust services: the audit trail, erasure and purge (GDPR), backup and restore (SQLite).

The audit trail's visibility (a conflicted reader loses the detail of review events about that applicant) is
the rulebook's; backup and restore act on the whole database, so the acting person must be allowed them on
every vacancy it holds (the chair of each committee, or the single user where a vacancy has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from jpo_tui.committee.rules import CONFLICT_HIDDEN, Action, audit_event_visible, require
from jpo_tui.services.acting import Who, acting, actor_in

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.privacy.audit import Verification
    from jpo_tui.privacy.backup import BackupInfo
    from jpo_tui.privacy.erasure import ErasureReport

DATABASE_ACTIONS = ("backup", "restore")  # events about the whole database, shown in every vacancy's trail


@dataclass(frozen=True)
class AuditLine:
    """One audit event as the reader may see it."""

    at: datetime
    actor: str
    action: str
    applicant_key: str
    detail: str
    before: str
    after: str


def audit_trail(engine: Engine, vacancy_id: str, who: Who, *, applicant: str | None = None,
                action: str | None = None, limit: int = 100) -> tuple[AuditLine, ...]:
    """The newest ``limit`` events of the vacancy (and the database's backups and restores), oldest first."""
    from sqlalchemy import and_, or_
    from sqlmodel import col, select

    from jpo_tui.store import models as m

    with acting(engine, vacancy_id, who, Action.VIEW_AUDIT, write=False) as (session, actor):
        keys = set(session.exec(select(m.Applicant.key).where(col(m.Applicant.id).in_(actor.conflicts)))) \
            if actor.conflicts else set()
        ev = m.AuditEvent
        about = or_(col(ev.vacancy_id) == vacancy_id,
                    and_(col(ev.vacancy_id) == "", col(ev.action).in_(DATABASE_ACTIONS)))
        query = select(ev).where(about).order_by(col(ev.id).desc()).limit(max(1, limit))
        if applicant:
            query = query.where(ev.applicant_key == applicant)
        if action:
            query = query.where(ev.action == action)
        out = []
        for row in reversed(list(session.exec(query))):
            if audit_event_visible(actor, row.action, row.applicant_key, keys):
                out.append(AuditLine(row.at, row.actor, row.action, row.applicant_key, row.detail, row.before,
                                     row.after))
            else:
                out.append(AuditLine(row.at, row.actor, row.action, row.applicant_key, CONFLICT_HIDDEN, "", ""))
        return tuple(out)


def verify_audit(engine: Engine) -> Verification:
    """The audit trail's hash chain recomputed (:func:`jpo_tui.privacy.audit.verify`). It shows no content (event
    numbers and actions only), so anyone who can open the database may check it."""
    from jpo_tui.privacy import audit
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        return audit.verify(session)


def may_erase(engine: Engine, vacancy_id: str, who: Who, key: str = "") -> str:
    """The acting person's name once the rulebook allows them to erase (applicant ``key``), before asking for
    confirmation."""
    with acting(engine, vacancy_id, who, Action.ERASE, write=False, applicant_key=key) as (_session, actor):
        return actor.name


def erase(engine: Engine, vacancy_id: str, who: Who, key: str) -> ErasureReport:
    """Erase applicant ``key`` and everything derived from them (the domain records the erasure)."""
    from jpo_tui.privacy import erasure

    name = may_erase(engine, vacancy_id, who, key)
    return erasure.erase_applicant(engine, vacancy_id, key, actor=name)


def may_purge(engine: Engine, vacancy_id: str, who: Who) -> str:
    with acting(engine, vacancy_id, who, Action.PURGE, write=False) as (_session, actor):
        return actor.name


def purge(engine: Engine, vacancy_id: str, who: Who) -> ErasureReport:
    from jpo_tui.privacy import erasure

    name = may_purge(engine, vacancy_id, who)
    return erasure.purge_vacancy(engine, vacancy_id, actor=name)


def _database_actor(engine: Engine, who: Who, action: Action) -> str:
    """The acting person's name when ``action`` is allowed to them on every vacancy of the database."""
    from sqlmodel import select

    from jpo_tui.store import models as m
    from jpo_tui.store.db import session_scope

    name = who.name
    with session_scope(engine) as session:
        for vacancy_id in session.exec(select(m.Vacancy.id).order_by(m.Vacancy.id)):
            actor = actor_in(session, vacancy_id, who)
            require(actor, action)
            name = actor.name
    return name


def may_back_up(url: str, who: Who) -> str:
    from jpo_tui.store.db import open_database

    engine = open_database(url)
    try:
        return _database_actor(engine, who, Action.BACKUP)
    finally:
        engine.dispose()


def backup(url: str, who: Who, dest: str, *, overwrite: bool = False) -> BackupInfo:
    """Copy the SQLite database to ``dest`` (the chair(s) or the single user only; audited in the database)."""
    from jpo_tui.privacy.backup import backup_sqlite, sqlite_path

    sqlite_path(url)  # PostgreSQL: BackupError naming pg_dump, before any connection
    return backup_sqlite(url, dest, overwrite=overwrite, actor=may_back_up(url, who))


def may_restore(url: str, who: Who) -> str:
    """The acting person's name when they may replace the database at ``url`` (checked on the database as it is
    now: whoever may not act on it cannot undo it). A missing or unreadable database protects nothing."""
    from sqlalchemy.exc import SQLAlchemyError

    from jpo_tui.privacy.backup import sqlite_path
    from jpo_tui.store.db import open_database

    if not sqlite_path(url).is_file():
        return who.name
    try:
        engine = open_database(url)
    except SQLAlchemyError:  # damaged: the reason for restoring
        return who.name
    try:
        return _database_actor(engine, who, Action.RESTORE)
    finally:
        engine.dispose()


def restore(url: str, who: Who, backup_file: str) -> BackupInfo:
    from jpo_tui.privacy.backup import restore_sqlite, sqlite_path

    sqlite_path(url)
    return restore_sqlite(backup_file, url, actor=may_restore(url, who))
