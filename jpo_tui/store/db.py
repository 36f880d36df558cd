"""Database engine, connection settings and schema migrations (Alembic).

SQLite is the embedded default (``jpo.db`` in the current folder, WAL mode, busy timeout); any SQLAlchemy URL
(PostgreSQL for a committee sharing one database) comes through ``--db URL`` or ``JPO_DB``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

DEFAULT_DB_FILE = "jpo.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    """``JPO_DB`` when set, else ``sqlite:///jpo.db`` in the current folder."""
    return os.environ.get("JPO_DB") or f"sqlite:///{DEFAULT_DB_FILE}"


def normalise_url(url: str) -> str:
    """Accept a bare file path as a SQLite database; pick psycopg 3 for ``postgresql://`` URLs."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API objects
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin): pysqlite's own transaction handling is unreliable.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def make_engine(url: str | None = None, *, echo: bool = False) -> Engine:
    """An engine for ``url`` (default: see :func:`default_url`), with SQLite tuned for safe concurrent use."""
    url = normalise_url(url or default_url())
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_begin(conn) -> None:  # noqa: ANN001
    """Writers take the write lock up front (BEGIN IMMEDIATE) so they wait in turn instead of failing."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("jpo_write") else "BEGIN")


def _alembic_config(engine: Engine):  # noqa: ANN202 - alembic type imported lazily
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


def open_database(url: str | None = None, *, upgrade: bool = True) -> Engine:
    """An engine whose schema is current: migrations run when needed."""
    engine = make_engine(url)
    if upgrade:
        migrate(engine)
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
