"""GDPR: erasing an applicant (right to erasure) and purging a vacancy after its retention date.

Erasure removes the applicant's row and every row derived from it, in any table that points at the applicant
(``applicant_id``), at one of their documents (``document_id``) or names them by key (``applicant_key``), so
tables added later are covered without change. Audit events are never deleted: those about the applicant are
*redacted* (key replaced by an ``erased:`` pseudonym, text cleared) and one ``erase`` event records that an
erasure happened, without saying whose. Afterwards the SQLite file is compacted (WAL checkpointed and
truncated, ``VACUUM``) so that no byte of the applicant remains in the database file or its WAL.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import MetaData, Table, delete, inspect, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jpo_tui.committee.rules import Action
from jpo_tui.privacy import audit
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope

ERASED = "[erased]"
PSEUDONYM_PREFIX = "erased:"
_MIN_IDENTIFIER = 4  # shorter strings are not searched for in other events' text (too many false hits)


class ErasureRefused(Exception):
    """Erasure or purge not allowed now (message says why)."""


@dataclass(frozen=True)
class ErasureReport:
    vacancy_id: str
    applicants: int
    rows_deleted: int
    events_redacted: int
    compacted: bool


def pseudonym(vacancy_id: str, key: str) -> str:
    """What stands for an erased applicant in the audit trail: a one-way hash of vacancy and key."""
    digest = hashlib.sha256(f"{vacancy_id}\x00{key}".encode()).hexdigest()[:16]
    return f"{PSEUDONYM_PREFIX}{digest}"


def _allowed(session: Session, vacancy_id: str, actor: str, action: Action) -> None:
    """The rulebook's answer for ``actor`` (the chair, or the single user of a vacancy without a committee)."""
    from jpo_tui.committee import members as committee

    try:
        committee.check(session, vacancy_id, actor, action)
    except committee.CommitteeError as exc:
        raise ErasureRefused(str(exc)) from None


def _tables(session: Session) -> list[Table]:
    """Every table of the database (reflected, so tables of later migrations count), children first."""
    meta = MetaData()
    meta.reflect(bind=session.connection())
    return list(reversed(meta.sorted_tables))


def _identifiers(applicant: m.Applicant, file_paths: list[str]) -> list[str]:
    found = {applicant.key, applicant.name, applicant.email, *file_paths}
    if applicant.first_name and applicant.family_name:
        found.add(f"{applicant.first_name} {applicant.family_name}")
        found.add(f"{applicant.family_name} {applicant.first_name}")
    return sorted((s for s in found if s and len(s) >= _MIN_IDENTIFIER), key=len, reverse=True)


def _delete_applicant(session: Session, tables: list[Table], applicant: m.Applicant) -> tuple[int, list[str]]:
    """Delete the applicant and everything derived; returns (rows deleted, strings identifying them)."""
    docs = session.exec(select(m.Document.id, m.Document.file_path)
                        .where(m.Document.applicant_id == applicant.id)).all()
    doc_ids = [d[0] for d in docs]
    identifiers = _identifiers(applicant, [d[1] for d in docs])
    deleted = 0
    for table in tables:
        if table.name in ("applicant", "auditevent"):
            continue
        cols = table.c
        where = None
        if "applicant_id" in cols:
            where = cols.applicant_id == applicant.id
        elif "document_id" in cols and doc_ids:
            where = cols.document_id.in_(doc_ids)
        elif "applicant_key" in cols and "vacancy_id" in cols:
            where = (cols.applicant_key == applicant.key) & (cols.vacancy_id == applicant.vacancy_id)
        if where is not None:
            deleted += session.execute(delete(table).where(where)).rowcount or 0
    deleted += session.execute(delete(m.Applicant).where(m.Applicant.id == applicant.id)).rowcount or 0
    return deleted, identifiers


def _redact_events(session: Session, vacancy_id: str, key: str, identifiers: list[str]) -> int:
    """Redact the applicant's audit events, and their name/e-mail/key wherever another event quotes it."""
    ev = m.AuditEvent
    own = session.execute(
        update(ev).where(ev.vacancy_id == vacancy_id, ev.applicant_key == key)
        .values(applicant_key=pseudonym(vacancy_id, key), detail=ERASED, before="", after="")
    ).rowcount or 0
    if not identifiers:
        return own
    patterns = [re.compile(r"(?<![\w-])" + re.escape(s) + r"(?![\w-])") for s in identifiers]
    mentions = or_(*(getattr(ev, col).contains(s, autoescape=True)
                     for s in identifiers for col in ("detail", "before", "after")))
    other = 0
    for row in session.exec(select(ev).where(mentions)).all():
        values = {}
        for col in ("detail", "before", "after"):
            text = getattr(row, col)
            for pattern in patterns:
                text = pattern.sub(ERASED, text)
            if text != getattr(row, col):
                values[col] = text
        if values:  # the database accepts an update of an audit event only as a visible redaction
            session.execute(update(ev).where(ev.id == row.id).values(**values))
            other += 1
    return own + other


def _forget_settings(session: Session, key: str) -> None:
    session.execute(delete(m.Setting).where(m.Setting.value == key))


def erase_applicant(engine: Engine, vacancy_id: str, key: str, *, actor: str, compact: bool = True) -> ErasureReport:
    """Erase one applicant of one vacancy and everything derived from them (see the module docstring)."""
    with session_scope(engine, write=True) as session:
        if session.get(m.Vacancy, vacancy_id) is None:
            raise ErasureRefused(f"no vacancy {vacancy_id!r} in this database")
        _allowed(session, vacancy_id, actor, Action.ERASE)
        applicant = session.exec(select(m.Applicant).where(
            m.Applicant.vacancy_id == vacancy_id, m.Applicant.key == key)).first()
        if applicant is None:
            raise ErasureRefused(f"no applicant {key!r} in vacancy {vacancy_id}")
        rows, identifiers = _delete_applicant(session, _tables(session), applicant)
        redacted = _redact_events(session, vacancy_id, key, identifiers)
        _forget_settings(session, key)
        audit.record(session, actor, "erase", vacancy_id=vacancy_id, applicant_key=pseudonym(vacancy_id, key),
                     detail=f"applicant erased on request: {rows} rows deleted, {redacted} audit events redacted")
    compacted = compact_database(engine) if compact else False
    return ErasureReport(vacancy_id, 1, rows, redacted, compacted)


def reapply_erasures(engine: Engine, *, actor: str = "restore") -> int:
    """Erase again every applicant the audit trail says was erased, or purged with their vacancy, but who is
    in the database (a restore from a backup made before the erasure brings them back). No role check: the
    erasure was authorised when it was first made. Returns how many applicants were erased again."""
    ev = m.AuditEvent
    with session_scope(engine, write=True) as session:
        erased = set(session.exec(select(ev.vacancy_id, ev.applicant_key).where(ev.action == "erase")))
        purged: dict[str, object] = {}
        for vacancy_id, at in session.exec(select(ev.vacancy_id, ev.at).where(ev.action == "purge")):
            purged[vacancy_id] = max(at, purged.get(vacancy_id, at))  # type: ignore[type-var]
        again = [a for a in session.exec(select(m.Applicant)).all()
                 if (a.vacancy_id, pseudonym(a.vacancy_id, a.key)) in erased
                 or (a.vacancy_id in purged and a.created_at <= purged[a.vacancy_id])]  # type: ignore[operator]
        tables = _tables(session) if again else []
        for applicant in again:
            rows, identifiers = _delete_applicant(session, tables, applicant)
            redacted = _redact_events(session, applicant.vacancy_id, applicant.key, identifiers)
            _forget_settings(session, applicant.key)
            audit.record(session, actor, "erase", vacancy_id=applicant.vacancy_id,
                         applicant_key=pseudonym(applicant.vacancy_id, applicant.key),
                         detail=f"erased again after a restore brought them back: {rows} rows deleted, "
                         f"{redacted} audit events redacted")
    if again:
        compact_database(engine)
    return len(again)


def erased_before(engine: Engine, vacancy_id: str, key: str) -> bool:
    """Whether the trail records an erasure of applicant ``key`` of the vacancy (by its pseudonym)."""
    with session_scope(engine) as session:
        return session.exec(select(m.AuditEvent.id).where(
            m.AuditEvent.action == "erase", m.AuditEvent.vacancy_id == vacancy_id,
            m.AuditEvent.applicant_key == pseudonym(vacancy_id, key))).first() is not None


def _check_retention(vacancy: m.Vacancy, today: date) -> None:
    if vacancy.retention_until is None:
        raise ErasureRefused(f"vacancy {vacancy.id} has no retention date: set retention_until in its "
                             "vacancy file and import it again, or erase applicants one by one")
    if today <= vacancy.retention_until:
        first = vacancy.retention_until + timedelta(days=1)
        raise ErasureRefused(f"vacancy {vacancy.id} must be kept until {vacancy.retention_until.isoformat()} "
                             f"(its retention date): purge is possible from {first.isoformat()}")


def check_retention(engine: Engine, vacancy_id: str, today: date | None = None) -> None:
    """ErasureRefused unless the vacancy exists and its retention date has passed."""
    with session_scope(engine) as session:
        vacancy = session.get(m.Vacancy, vacancy_id)
        if vacancy is None:
            raise ErasureRefused(f"no vacancy {vacancy_id!r} in this database")
        _check_retention(vacancy, today or date.today())


def purge_vacancy(engine: Engine, vacancy_id: str, *, actor: str, today: date | None = None,
                  compact: bool = True) -> ErasureReport:
    """Erase every applicant of a vacancy whose retention date has passed; refuses before it."""
    today = today or date.today()
    with session_scope(engine, write=True) as session:
        vacancy = session.get(m.Vacancy, vacancy_id)
        if vacancy is None:
            raise ErasureRefused(f"no vacancy {vacancy_id!r} in this database")
        _check_retention(vacancy, today)
        _allowed(session, vacancy_id, actor, Action.PURGE)
        tables = _tables(session)
        applicants = session.exec(select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id)).all()
        rows = redacted = 0
        for applicant in applicants:
            n, identifiers = _delete_applicant(session, tables, applicant)
            rows += n
            redacted += _redact_events(session, vacancy_id, applicant.key, identifiers)
            _forget_settings(session, applicant.key)
        rows += session.execute(delete(m.ImportProblem).where(m.ImportProblem.vacancy_id == vacancy_id)).rowcount or 0
        audit.record(session, actor, "purge", vacancy_id=vacancy_id,
                     detail=f"retention date {vacancy.retention_until.isoformat()} passed: {len(applicants)} "
                     f"applicants erased, {rows} rows deleted, {redacted} audit events redacted")
    compacted = compact_database(engine) if compact else False
    return ErasureReport(vacancy_id, len(applicants), rows, redacted, compacted)


def compact_database(engine: Engine) -> bool:
    """Leave no deleted byte behind: SQLite checkpoints and truncates the WAL and VACUUMs (secure_delete is on);
    PostgreSQL runs ``VACUUM FULL`` on the applicant tables. True when it fully succeeded."""
    if engine.dialect.name == "sqlite":
        engine.dispose()  # idle pooled connections would keep old snapshots alive
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            busy1 = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            cur.execute("VACUUM")
            busy2 = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            cur.close()
            return not busy1 and not busy2
        except sqlite3.OperationalError:  # locked past the busy timeout: the erasure itself is committed
            return False
        finally:
            raw.close()
            engine.dispose()
    if engine.dialect.name == "postgresql":
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                for table in inspect(conn).get_table_names():
                    conn.exec_driver_sql(f'VACUUM FULL "{table}"')
            return True
        except Exception:  # noqa: BLE001 - compaction is best effort: the erasure itself is committed
            return False
    return False
