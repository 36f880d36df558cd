"""Backups of a live SQLite database with SQLite's online backup API, and restoring one.

The copy is a consistent snapshot even while other processes write (WAL mode lets the copy read one snapshot
while writers go on); it is checked with ``PRAGMA integrity_check`` and written as a single self-contained
file (rollback-journal mode, no ``-wal`` beside it) under a temporary name, then renamed into place.
PostgreSQL databases are backed up with the server's own tool, ``pg_dump``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from jpo_tui.store.db import SQLITE_BUSY_TIMEOUT_MS, normalise_url

if TYPE_CHECKING:
    from sqlmodel import Session


class BackupError(Exception):
    """The backup or restore cannot be made (message says why and what to do instead)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size_bytes: int
    pages: int
    tables: int
    events_kept: int = 0  # restore: audit events newer than the backup, carried over
    erased_again: int = 0  # restore: applicants erased since the backup, erased again


_EVENT_COLUMNS = "at, actor, action, vacancy_id, applicant_key, detail, before, after"


def sqlite_path(url: str) -> Path:
    """The file of a SQLite database URL; BackupError for other databases."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite":
        raise BackupError(
            f"'jpo-tui backup' copies SQLite files only; this is a {parsed.get_backend_name()} database: "
            f"use the server's tool, e.g. pg_dump --format=custom --file=jpo.dump "
            f"'{parsed.render_as_string(hide_password=True)}' (restore with pg_restore)"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return Path(parsed.database).expanduser()


def _connect(path: Path, *, must_exist: bool = True) -> sqlite3.Connection:
    if must_exist and not path.is_file():
        raise BackupError(f"{path}: no such database file")
    uri = f"file:{path}?mode={'rw' if must_exist else 'rwc'}"
    conn = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    return conn


def check_file(path: Path) -> BackupInfo:
    """Open a database file read-only and run ``PRAGMA integrity_check``; BackupError if it is damaged."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from exc
    if result != ["ok"]:
        raise BackupError(f"{path} fails its integrity check: {'; '.join(result[:3])}")
    if tables == 0:
        raise BackupError(f"{path} holds no tables: not a jpo-tui database")
    return BackupInfo(path, path.stat().st_size, pages, tables)


def _record(path: Path, actor: str, action: str, detail: str) -> None:
    """Append one audit event to the database at ``path`` (a backup copies every applicant's data: it is on
    the trail like an export)."""
    from jpo_tui.privacy import audit
    from jpo_tui.store.db import make_engine, session_scope

    engine = make_engine(str(path), create=False)
    try:
        with session_scope(engine, write=True) as session:
            audit.record(session, actor, action, detail=detail)
    finally:
        engine.dispose()


def _carry(session: Session, row: tuple[Any, ...]) -> None:
    """Append an event carried over a restore to the restored chain. An erase/purge event keeps whom it erased
    but not its attestations (they name places in the old chain; the erasure is made again and attested anew)."""
    from jpo_tui.privacy import audit

    at, actor, action, vacancy_id, applicant_key, detail, before, after = row
    if action in audit.ATTESTING_ACTIONS and str(after).startswith("{"):
        with suppress(ValueError, AttributeError):
            after = json.dumps({"erased": json.loads(after).get("erased", [])}, sort_keys=True)
    when = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    audit.record(session, actor, action, vacancy_id=vacancy_id, applicant_key=applicant_key, detail=detail,
                 before=before, after=after, at=when)


def backup_sqlite(url: str, dest: str | Path, *, overwrite: bool = False, actor: str = "") -> BackupInfo:
    """Copy the live database of ``url`` to ``dest`` (consistent snapshot, checked); returns what was written.
    The database's audit trail records who made the backup, and where."""
    source = sqlite_path(url)
    target = Path(dest).expanduser()
    if target.resolve() == source.resolve():
        raise BackupError("the backup file cannot be the database itself")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists already: choose another name (or pass --force to replace it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    for leftover in (tmp, Path(f"{tmp}-journal")):
        leftover.unlink(missing_ok=True)
    src = _connect(source)
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)  # all pages in one step: one read snapshot, writers are not blocked (WAL)
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dst.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"backup failed: {exc}") from exc
    finally:
        src.close()
    try:
        check_file(tmp)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    info = check_file(target)
    with suppress(sqlite3.Error, SQLAlchemyError):  # not a (current) jpo-tui database: the copy is made all the same
        _record(source, actor, "backup", f"backup written to {target.resolve()} ({info.size_bytes:,} bytes)")
    return info


def _events_since(backup: Path, target: Path) -> list[tuple]:
    """The target's audit events newer than the backup's newest (none when either cannot be read)."""
    if not target.is_file():
        return []
    try:
        with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as conn:
            last = conn.execute("SELECT coalesce(max(id), 0) FROM auditevent").fetchone()[0]
        with closing(_connect(target)) as conn:
            return conn.execute(f"SELECT {_EVENT_COLUMNS} FROM auditevent WHERE id > ? ORDER BY id",
                                (last,)).fetchall()
    except sqlite3.Error:  # a damaged database (the reason for restoring) or no audit table yet
        return []


def _secret(target: Path) -> str:
    """The pseudonym secret of the database being replaced ("" when it has none or cannot be read)."""
    if not target.is_file():
        return ""
    try:
        with closing(_connect(target)) as conn:
            found = conn.execute("SELECT value FROM setting WHERE key = 'pseudonym_secret'").fetchone()
    except sqlite3.Error:
        return ""
    return found[0] if found else ""


def restore_sqlite(backup: str | Path, url: str, *, actor: str = "") -> BackupInfo:
    """Replace the database of ``url`` by the backup's content (checked first), through SQLite itself.

    Writing through the backup API (rather than copying files) keeps the WAL and other open connections
    coherent; stop the app on other machines anyway, since their next view jumps back to the backup's state.
    The audit trail stays whole (events recorded since the backup are carried over, and a ``restore`` event
    is added), and applicants erased since the backup are erased again: a restore never brings them back.
    """
    from jpo_tui.privacy import erasure as gdpr
    from jpo_tui.store.db import open_database

    source = Path(backup).expanduser()
    check_file(source)
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    carried = _events_since(source, target)
    secret = _secret(target)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = _connect(target, must_exist=False)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"restore failed: {exc}") from exc
    finally:
        src.close()
    engine = open_database(url)  # the backup may predate the newest migrations
    try:
        from jpo_tui.privacy import audit
        from jpo_tui.store.db import session_scope

        with session_scope(engine, write=True) as session:
            if secret:  # the pseudonyms of erasures made since the backup are keyed with it
                from jpo_tui.store import models as m

                setting = session.get(m.Setting, "pseudonym_secret") or m.Setting(key="pseudonym_secret")
                setting.value = secret
                session.add(setting)
            for row in carried:
                _carry(session, row)
            audit.record(session, actor, "restore", detail=f"database restored from the backup {source.name}: "
                         f"changes since it are undone; {len(carried)} later audit events kept")
        erased_again = gdpr.reapply_erasures(engine)
    finally:
        engine.dispose()
    info = check_file(target)
    return replace(info, events_kept=len(carried), erased_again=erased_again)
