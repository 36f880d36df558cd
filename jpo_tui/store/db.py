"""Database engine, connection settings and schema migrations (Alembic).

SQLite is the embedded default (``jpo.db`` in the current folder, WAL mode, busy timeout); PostgreSQL (for a
committee sharing one database) comes through ``--db URL`` or ``JPO_DB``; other URL schemes are refused.

Durability: SQLite runs with ``synchronous=FULL``, so a transaction that returned (a score the screen shows as
saved, a decision) has been fsynced to the WAL and survives a power cut. :func:`close_engine` checkpoints the
WAL into the main file and closes every connection, so ``jpo.db`` alone holds everything once the program ends
(the app calls it when it quits, on SIGTERM and, through ``atexit``, after a crash).

Errors a user can cause (server unreachable, unknown database or role, a file that is not a database, a missing
database file) become :class:`DatabaseError` with one readable line: :func:`explain` is the one place that
translates driver errors.
"""

from __future__ import annotations

import atexit
import os
import re
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

if TYPE_CHECKING:
    from alembic.config import Config

DEFAULT_DB_FILE = "jpo.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgres")


class DatabaseError(Exception):
    """The database cannot be used as asked; the message is one line saying why and what to do."""


def default_url() -> str:
    """``JPO_DB`` when set, else ``sqlite:///jpo.db`` in the current folder."""
    return os.environ.get("JPO_DB") or f"sqlite:///{DEFAULT_DB_FILE}"


def normalise_url(url: str) -> str:
    """Accept a bare file path as a SQLite database; pick psycopg 3 for ``postgresql://`` URLs."""
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme = url.split("://", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme.split("+", 1)[0] not in SUPPORTED_SCHEMES:
        raise DatabaseError(f"unsupported database URL scheme {scheme!r}: use a SQLite file (jpo.db, "
                            "sqlite:///path/jpo.db) or postgresql://user@host/dbname")
    return url


def _hide(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True).replace("+psycopg://", "://", 1)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


_PG_REASONS = (
    (re.compile(r'database "([^"]+)" does not exist'), "PostgreSQL has no database {0!r}: create it "
     "(createdb {0}) or fix the URL"),
    (re.compile(r'role "([^"]+)" does not exist'), "PostgreSQL has no role {0!r}: create it or fix the user "
     "in the URL"),
    (re.compile(r"password authentication failed for user \"?([^\"]+)\"?"), "PostgreSQL refused the password "
     "of {0!r}"),
    (re.compile(r"(Connection refused|could not connect|connection failed|timeout expired|"
                r"could not translate host name|Name or service not known|No route to host)", re.I),
     "PostgreSQL server unreachable ({0}): is it running, and are host and port right?"),
)


def explain(exc: BaseException, url: str = "") -> str | None:
    """One line for a database error a user can cause, or None when ``exc`` is not one (a bug: keep the traceback)."""
    if isinstance(exc, DatabaseError):
        return str(exc)
    where = f"{_hide(url)}: " if url else ""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip()
    if isinstance(exc, sa_exc.NoSuchModuleError | ModuleNotFoundError):
        return f"{where}unsupported database driver ({text.splitlines()[0] if text else exc})"
    if isinstance(original, sqlite3.DatabaseError) or "sqlite" in type(original).__module__:
        if "file is not a database" in text or "file is encrypted" in text:
            return f"{where}this file is not a SQLite database (a jpo-tui database is made by import or demo)"
        if "unable to open database file" in text:
            return f"{where}cannot open the database file (check the folder exists and may be written)"
        if "disk I/O error" in text or "database disk image is malformed" in text:
            return f"{where}the database file is damaged ({text}): restore a backup (jpo-tui restore FILE)"
        if "readonly database" in text:
            return f"{where}the database file is read-only"
        return None
    if "psycopg" in type(original).__module__ and isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
        first = text.splitlines()[0] if text else type(original).__name__
        for pattern, message in _PG_REASONS:
            found = pattern.search(text)
            if found:
                return where + message.format(found.group(1) if found.groups() else first)
        return f"{where}PostgreSQL error: {first}"
    return None


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin): pysqlite's own transaction handling is unreliable.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a returned commit is on disk (see the module docstring)
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def make_engine(url: str | None = None, *, echo: bool = False, create: bool = True) -> Engine:
    """An engine for ``url`` (default: see :func:`default_url`), with SQLite tuned for safe concurrent use.

    ``create=False``: a SQLite file that does not exist is a :class:`DatabaseError` (nothing is created);
    only the commands that fill a database (import, demo, restore) create one."""
    url = normalise_url(url or default_url())
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise DatabaseError(f"{url!r} is not a database URL or file name") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database).expanduser()
            if not create and not path.is_file():
                raise DatabaseError(f"{path}: no such database (jpo-tui import, demo or restore creates one)")
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        try:
            engine = create_engine(url, echo=echo, pool_pre_ping=True)
        except (sa_exc.NoSuchModuleError, ModuleNotFoundError) as exc:
            raise DatabaseError(explain(exc, url) or str(exc)) from None
    _ENGINES.add(engine)
    return engine


def close_engine(engine: Engine) -> bool:
    """Close every pooled connection and, for SQLite, move the WAL into the main file (checkpoint, truncate),
    so the database file alone holds every committed change. True when the checkpoint was complete (False when
    another process was reading, or for a server database: nothing to do there). Safe to call twice."""
    engine.dispose()
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return False
    path = Path(engine.url.database).expanduser()
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(path, timeout=5, isolation_level=None)
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return not busy


def close_all() -> None:
    """:func:`close_engine` for every engine this process made (run at exit)."""
    for engine in list(_ENGINES):
        close_engine(engine)


atexit.register(close_all)


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the write lock up front (BEGIN IMMEDIATE) so they wait in turn instead of failing."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("jpo_write") else "BEGIN")


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("jpo_tui.store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty database)."""
    from alembic import command

    cfg = _alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def schema_revision(engine: Engine) -> str | None:
    """The database's current Alembic revision, or None when it has no schema yet."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest migration this version of jpo-tui knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(make_engine("sqlite://"))).get_current_head() or ""


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.M)


def script_head() -> str | None:
    """The newest migration read straight from the version files (no Alembic import: opening a current database
    stays cheap); None when the files do not form one simple chain, so that Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (resources.files("jpo_tui.store") / "migrations" / "versions").iterdir():
        if not file.name.endswith(".py") or file.name.startswith("__"):
            continue
        found = dict((key, value) for key, value in _REVISION.findall(file.read_text(encoding="utf-8")))
        if "revision" not in found or not found["revision"]:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def is_current(engine: Engine) -> bool:
    """Whether the database's schema is already at the newest migration (one cheap query)."""
    head = script_head()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    except (sa_exc.DBAPIError, sqlite3.DatabaseError):
        return False  # no schema yet, or not a database: migrate() says which
    return [r[0] for r in rows] == [head]


def open_database(url: str | None = None, *, upgrade: bool = True, create: bool = True) -> Engine:
    """An engine whose schema is current: migrations run when needed. ``create=False`` refuses a SQLite file
    that does not exist; errors a user can cause come as one-line :class:`DatabaseError`."""
    engine = make_engine(url, create=create)
    try:
        if not create and not has_schema(engine):
            raise DatabaseError(f"{_hide(str(engine.url))} holds no jpo-tui data (jpo-tui import, demo or restore "
                                "fills a database)")
        if upgrade and not is_current(engine):
            migrate(engine)
        else:
            with engine.connect():
                pass
    except DatabaseError:
        engine.dispose()
        raise
    except (sa_exc.DBAPIError, sqlite3.DatabaseError) as exc:
        message = explain(exc, str(engine.url))
        if message is None:
            raise
        engine.dispose()
        raise DatabaseError(message) from None
    return engine


def has_schema(engine: Engine) -> bool:
    return inspect(engine).has_table("vacancy")


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on error.

    ``write=True`` takes SQLite's write lock at the start, so concurrent writers queue (busy timeout)
    rather than fail half-way; PostgreSQL ignores it.
    """
    with engine.connect() as connection:
        connection.info["jpo_write"] = write
        try:
            with Session(bind=connection, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        finally:
            connection.info["jpo_write"] = False
