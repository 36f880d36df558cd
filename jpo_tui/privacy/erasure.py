"""GDPR: erasing an applicant (right to erasure) and purging a vacancy after its retention date.

Erasure removes the applicant's row and every row derived from it, in any table that points at the applicant
(``applicant_id``), at one of their documents (``document_id``) or names them by key (``applicant_key``), so
tables added later are covered without change. Audit events are never deleted: those about the applicant are
*redacted* (key replaced by an ``erased:`` pseudonym, text cleared) and one ``erase`` event records that an
erasure happened, without saying whose, and attests the redactions (the audit chain stays verifiable).

Every mention elsewhere (another applicant's review comment or conflict reason naming them, a birth date in
free text, a file name) is replaced by ``[erased]`` in every text column of every table, using the identifier
set of :mod:`jpo_tui.privacy.identifiers` (the one the pseudonymised exports use).

The pseudonym is an HMAC-SHA-256 of vacancy and key under a random secret kept in the database (setting
``pseudonym_secret``): it cannot be reversed by trying keys without that secret.

Afterwards the SQLite file is compacted (WAL checkpointed and truncated, ``VACUUM``) so that no byte of the
applicant remains in the database file or its WAL. On PostgreSQL only the tables that held the applicant's rows
are rewritten (``VACUUM FULL``), each waiting at most :data:`PG_LOCK_TIMEOUT` for its lock; what PostgreSQL
keeps beyond the tables (WAL segments, backups, replicas) is described in the README.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import MetaData, String, Table, Text, delete, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from jpo_tui.committee.rules import Action
from jpo_tui.privacy import audit
from jpo_tui.privacy.identifiers import identifiers as applicant_identifiers
from jpo_tui.privacy.identifiers import pattern as identifier_pattern
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope

ERASED = "[erased]"
PSEUDONYM_PREFIX = "erased:"
SECRET_SETTING = "pseudonym_secret"
PG_LOCK_TIMEOUT = "3s"
# Text columns never searched for mentions: structure, not free text.
_STRUCTURAL = {"vacancy_id", "sha256", "prev_hash", "content_hash", "chain_hash", "action", "kind", "layout",
               "status", "level", "recommendation", "interview_tz", "interview_at"}
_PROTECTED_SETTINGS = {SECRET_SETTING, audit.HEAD_SETTING}


class ErasureRefused(Exception):
    """Erasure or purge not allowed now (message says why)."""


@dataclass(frozen=True)
class ErasureReport:
    vacancy_id: str
    applicants: int
    rows_deleted: int
    events_redacted: int
    compacted: bool
    pending: str = ""  # why compaction must wait (PostgreSQL: a table in use), and what to run later
    mentions_redacted: int = 0  # rows of other tables (or other applicants) where a mention was replaced


def pseudonym_secret(session: Session) -> bytes:
    """The database's pseudonym secret (created, 32 random bytes, on first use)."""
    row = session.get(m.Setting, SECRET_SETTING)
    if row is None:
        row = m.Setting(key=SECRET_SETTING, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)


def pseudonym(session: Session, vacancy_id: str, key: str) -> str:
    """What stands for an erased applicant in the audit trail: a keyed hash (HMAC) of vacancy and key."""
    digest = hmac.new(pseudonym_secret(session), f"{vacancy_id}\x00{key}".encode(), hashlib.sha256).hexdigest()
    return f"{PSEUDONYM_PREFIX}{digest[:32]}"


def _legacy_pseudonym(vacancy_id: str, key: str) -> str:
    """Pseudonyms written before migration 0005 (unkeyed): still recognised, so erased applicants stay out."""
    return PSEUDONYM_PREFIX + hashlib.sha256(f"{vacancy_id}\x00{key}".encode()).hexdigest()[:16]


def _erased_pseudonyms(session: Session, vacancy_id: str | None = None) -> set[tuple[str, str]]:
    """(vacancy, pseudonym) of everyone erased, or purged with their vacancy, as the trail records it."""
    ev = m.AuditEvent
    query = select(ev.vacancy_id, ev.applicant_key, ev.action, ev.after).where(col(ev.action).in_(("erase", "purge")))
    if vacancy_id is not None:
        query = query.where(ev.vacancy_id == vacancy_id)
    found: set[tuple[str, str]] = set()
    for vac, key, _action, after in session.exec(query):
        if key:
            found.add((vac, key))
        if after.startswith("{"):
            with contextlib.suppress(ValueError):
                found |= {(vac, p) for p in json.loads(after).get("erased", [])}
    return found


def erased_matcher(session: Session, vacancy_id: str) -> Callable[[str], bool]:
    """A test ``key -> True`` for applicants of the vacancy erased or purged before (import refuses them)."""
    known = {p for _, p in _erased_pseudonyms(session, vacancy_id)}
    if not known:
        return lambda _key: False
    return lambda key: (pseudonym(session, vacancy_id, key) in known
                        or _legacy_pseudonym(vacancy_id, key) in known)


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


def _delete_applicant(session: Session, tables: list[Table], applicant: m.Applicant,
                      touched: set[str]) -> tuple[int, list[str]]:
    """Delete the applicant and everything derived; returns (rows deleted, strings identifying them).
    ``touched`` receives the names of the tables rows were deleted from."""
    docs = session.exec(select(m.Document.id, m.Document.file_path)
                        .where(m.Document.applicant_id == applicant.id)).all()
    doc_ids = [d[0] for d in docs]
    problems = session.exec(select(m.ImportProblem.file_path).where(
        m.ImportProblem.vacancy_id == applicant.vacancy_id, m.ImportProblem.applicant_key == applicant.key)).all()
    identifiers = applicant_identifiers(applicant, [d[1] for d in docs] + [p for p in problems if p])
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
            n = session.exec(delete(table).where(where)).rowcount or 0
            if n:
                touched.add(table.name)
            deleted += n
    deleted += session.exec(delete(m.Applicant).where(col(m.Applicant.id) == applicant.id)).rowcount or 0
    touched.add("applicant")
    return deleted, identifiers


def _text_columns(table: Table) -> list[str]:
    return [c.name for c in table.c if isinstance(c.type, String | Text) and c.name not in _STRUCTURAL
            and not c.name.endswith("_id") and not c.primary_key]


def _redact_mentions(session: Session, tables: list[Table], found: Iterable[str], touched: set[str]) -> int:
    """Replace every mention of ``found`` by ``[erased]`` in every text column of every table but the audit
    trail (redacted by :func:`_redact_events`); returns the rows changed."""
    found = sorted(set(found), key=len, reverse=True)
    pattern = identifier_pattern(found)
    if pattern is None:
        return 0
    changed = 0
    for table in tables:
        if table.name in ("auditevent", "alembic_version"):
            continue
        columns = _text_columns(table)
        keys = [c for c in table.primary_key.columns]
        if not columns or not keys:
            continue
        mentions = or_(*(table.c[c].ilike(f"%{_like(s)}%", escape="\\") for s in _needles(found)
                         for c in columns))
        for row in session.execute(table.select().where(mentions)).mappings().all():
            if table.name == "setting" and row.get("key") in _PROTECTED_SETTINGS:
                continue
            values = {}
            for c in columns:
                if isinstance(row[c], str):
                    text = pattern.sub(ERASED, row[c])
                    if text != row[c]:
                        values[c] = text
            if values:
                where = [k == row[k.name] for k in keys]
                session.execute(update(table).where(*where).values(**values))
                touched.add(table.name)
                changed += 1
    return changed


def _needles(found: Iterable[str]) -> list[str]:
    """Few substrings that every identifier contains one of, for the database's first filter (the exact
    pattern runs on the rows it returns): a date's year stands for all its spellings, and an identifier that
    contains another (the e-mail its local part, the full name a word of it) is left to the shorter one."""
    items = {(year.group(0) if (year := re.search(r"\d{4}", s)) else s).casefold() for s in found}
    ordered = sorted(items, key=len)
    kept: list[str] = []
    for item in ordered:
        if not any(k in item for k in kept):
            kept.append(item)
    return kept


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _redact_events(session: Session, vacancy_id: str, key: str, identifiers: list[str],
                   redacted: dict[int, str]) -> int:
    """Redact the applicant's audit events, and their identifiers wherever another event quotes them;
    ``redacted`` receives seq -> new content hash for the erase event to attest."""
    ev = m.AuditEvent
    alias = pseudonym(session, vacancy_id, key)
    count = 0
    for row in session.exec(select(ev).where(ev.vacancy_id == vacancy_id, ev.applicant_key == key)).all():
        seq, digest = audit.redact(session, row, applicant_key=alias, detail=ERASED, before="", after="")
        redacted[seq] = digest
        count += 1
    pattern = identifier_pattern(identifiers)
    if pattern is None:
        return count
    mentions = or_(*(getattr(ev, column).ilike(f"%{_like(s)}%", escape="\\")
                     for s in _needles(identifiers) for column in ("applicant_key", "detail", "before", "after")))
    for row in session.exec(select(ev).where(mentions)).all():
        if row.applicant_key == alias:
            continue
        values = {}
        for column in ("applicant_key", "detail", "before", "after"):
            text = getattr(row, column)
            new = pattern.sub(ERASED, text)
            if new != text:
                values[column] = new
        if values:  # the database accepts an update of an audit event only as a visible redaction
            if "applicant_key" in values:
                values["applicant_key"] = alias
                values.setdefault("detail", row.detail if ERASED in row.detail + row.before + row.after
                                  else f"{row.detail} {ERASED}".strip())
            seq, digest = audit.redact(session, row, **values)
            redacted[seq] = digest
            count += 1
    return count


def _forget_settings(session: Session, key: str) -> None:
    session.execute(delete(m.Setting).where(col(m.Setting.value) == key, col(m.Setting.key).not_in(_PROTECTED_SETTINGS)))


def _erase_all(session: Session, applicants: list[m.Applicant]) -> tuple[int, int, int, dict[int, str], set[str],
                                                                        list[str]]:
    """Erase ``applicants`` in the caller's transaction: (rows deleted, events redacted, mentions redacted,
    attestations, tables touched, pseudonyms)."""
    tables = _tables(session)
    touched: set[str] = set()
    redacted: dict[int, str] = {}
    rows = events = 0
    every: list[str] = []
    aliases = []
    for applicant in applicants:
        aliases.append(pseudonym(session, applicant.vacancy_id, applicant.key))
        n, found = _delete_applicant(session, tables, applicant, touched)
        rows += n
        events += _redact_events(session, applicant.vacancy_id, applicant.key, found, redacted)
        _forget_settings(session, applicant.key)
        every.extend(found)
    mentions = _redact_mentions(session, tables, every, touched)
    if redacted:
        touched.add("auditevent")
    return rows, events, mentions, redacted, touched, aliases


def _attest(redacted: dict[int, str], aliases: list[str]) -> str:
    return json.dumps({"erased": aliases, "redacted": {str(k): v for k, v in sorted(redacted.items())}},
                      sort_keys=True)


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
        rows, redacted, mentions, attested, touched, aliases = _erase_all(session, [applicant])
        audit.record(session, actor, "erase", vacancy_id=vacancy_id, applicant_key=aliases[0],
                     detail=f"applicant erased on request: {rows} rows deleted, {redacted} audit events and "
                     f"{mentions} other rows redacted", after=_attest(attested, aliases))
        touched.add("setting")
    compacted, pending = compact_database(engine, touched) if compact else (False, "")
    return ErasureReport(vacancy_id, 1, rows, redacted, compacted, pending, mentions)


def reapply_erasures(engine: Engine, *, actor: str = "restore") -> int:
    """Erase again every applicant the audit trail says was erased, or purged with their vacancy, but who is
    in the database (a restore from a backup made before the erasure brings them back). No role check: the
    erasure was authorised when it was first made. Returns how many applicants were erased again."""
    ev = m.AuditEvent
    with session_scope(engine, write=True) as session:
        erased = _erased_pseudonyms(session)
        purged: dict[str, datetime] = {}
        for vacancy_id, at in session.exec(select(ev.vacancy_id, ev.at).where(ev.action == "purge")):
            purged[vacancy_id] = max(at, purged.get(vacancy_id, at))
        again = [a for a in session.exec(select(m.Applicant)).all()
                 if (a.vacancy_id, pseudonym(session, a.vacancy_id, a.key)) in erased
                 or (a.vacancy_id, _legacy_pseudonym(a.vacancy_id, a.key)) in erased
                 or (a.vacancy_id in purged and a.created_at <= purged[a.vacancy_id])]
        touched: set[str] = set()
        for applicant in again:
            rows, redacted, mentions, attested, tables, aliases = _erase_all(session, [applicant])
            touched |= tables
            audit.record(session, actor, "erase", vacancy_id=applicant.vacancy_id, applicant_key=aliases[0],
                         detail=f"erased again after a restore brought them back: {rows} rows deleted, "
                         f"{redacted} audit events and {mentions} other rows redacted",
                         after=_attest(attested, aliases))
    if again:
        compact_database(engine, touched)
    return len(again)


def erased_before(engine: Engine, vacancy_id: str, key: str) -> bool:
    """Whether the trail records an erasure (or purge) of applicant ``key`` of the vacancy."""
    with session_scope(engine) as session:
        return erased_matcher(session, vacancy_id)(key)


def _check_retention(vacancy: m.Vacancy, today: date) -> date:
    """The vacancy's retention date, which has passed; ErasureRefused otherwise."""
    if vacancy.retention_until is None:
        raise ErasureRefused(f"vacancy {vacancy.id} has no retention date: set retention_until in its "
                             "vacancy file and import it again, or erase applicants one by one")
    if today <= vacancy.retention_until:
        first = vacancy.retention_until + timedelta(days=1)
        raise ErasureRefused(f"vacancy {vacancy.id} must be kept until {vacancy.retention_until.isoformat()} "
                             f"(its retention date): purge is possible from {first.isoformat()}")
    return vacancy.retention_until


def check_retention(engine: Engine, vacancy_id: str, today: date | None = None) -> None:
    """ErasureRefused unless the vacancy exists and its retention date has passed."""
    with session_scope(engine) as session:
        vacancy = session.get(m.Vacancy, vacancy_id)
        if vacancy is None:
            raise ErasureRefused(f"no vacancy {vacancy_id!r} in this database")
        _check_retention(vacancy, today or date.today())


def purge_vacancy(engine: Engine, vacancy_id: str, *, actor: str, today: date | None = None,
                  compact: bool = True) -> ErasureReport:
    """Erase every applicant of a vacancy whose retention date has passed; refuses before it. The purged
    applicants' pseudonyms go on the trail, so a later import of the same folders refuses them."""
    today = today or date.today()
    with session_scope(engine, write=True) as session:
        vacancy = session.get(m.Vacancy, vacancy_id)
        if vacancy is None:
            raise ErasureRefused(f"no vacancy {vacancy_id!r} in this database")
        retention_until = _check_retention(vacancy, today)
        _allowed(session, vacancy_id, actor, Action.PURGE)
        applicants = list(session.exec(select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id)).all())
        rows, redacted, mentions, attested, touched, aliases = _erase_all(session, applicants)
        problems = session.exec(delete(m.ImportProblem).where(col(m.ImportProblem.vacancy_id) == vacancy_id)).rowcount
        if problems:
            rows += problems
            touched.add("importproblem")
        audit.record(session, actor, "purge", vacancy_id=vacancy_id,
                     detail=f"retention date {retention_until.isoformat()} passed: {len(applicants)} "
                     f"applicants erased, {rows} rows deleted, {redacted} audit events and {mentions} other rows "
                     "redacted", after=_attest(attested, aliases))
    compacted, pending = compact_database(engine, touched) if compact else (False, "")
    return ErasureReport(vacancy_id, len(applicants), rows, redacted, compacted, pending, mentions)


def compact_database(engine: Engine, tables: Iterable[str] | None = None) -> tuple[bool, str]:
    """Leave no deleted byte behind; returns (done, why it must wait).

    SQLite checkpoints and truncates the WAL and VACUUMs (secure_delete is on). PostgreSQL rewrites with
    ``VACUUM FULL`` only ``tables`` (default: those that can hold applicant data), each waiting at most
    :data:`PG_LOCK_TIMEOUT` for its lock, so a reader left open elsewhere delays nobody: the tables it holds
    are named in the answer, to compact later (``jpo-tui erase KEY`` again)."""
    if engine.dialect.name == "sqlite":
        engine.dispose()  # idle pooled connections would keep old snapshots alive
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            busy1 = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            cur.execute("VACUUM")
            busy2 = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            cur.close()
            done = not busy1 and not busy2
        except sqlite3.OperationalError:  # locked past the busy timeout: the erasure itself is committed
            done = False
        finally:
            raw.close()
            engine.dispose()
        return done, "" if done else ("the database is open elsewhere, so the deleted bytes stay in the file "
                                      "(or its WAL) until it is compacted: close the app everywhere and run "
                                      "the command again")
    if engine.dialect.name != "postgresql":
        return False, ""
    if tables is None:
        with session_scope(engine) as session:
            tables = {t.name for t in _tables(session)
                      if {"applicant_id", "document_id", "applicant_key"} & set(t.c.keys())} | {
                "applicant", "auditevent", "setting"}
    waiting: list[str] = []
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"SET lock_timeout = '{PG_LOCK_TIMEOUT}'")
        for table in sorted(tables):
            try:
                conn.exec_driver_sql(f'VACUUM FULL "{table}"')
            except Exception:  # noqa: BLE001 - lock timeout: the erasure itself is committed
                waiting.append(table)
    if not waiting:
        return True, ""
    return False, (f"tables in use elsewhere ({', '.join(waiting)}) still hold the deleted bytes until they are "
                   "compacted: run the command again when the other sessions are closed")
