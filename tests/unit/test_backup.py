"""Backups of a live SQLite database (while another process writes) and restoring them."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlmodel import func, select

from jpo_tui.cli.main import main
from jpo_tui.privacy.backup import BackupError, backup_sqlite, check_file, restore_sqlite
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.trust_data import PEOPLE, populate

WRITER = textwrap.dedent("""
    import sys, time
    from jpo_tui.privacy import audit
    from jpo_tui.store.db import make_engine, session_scope
    engine = make_engine(sys.argv[1])
    n = 0
    deadline = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < deadline:
        with session_scope(engine, write=True) as session:
            audit.record(session, "writer", "note", detail="x" * 500 + str(n))
        n += 1
        if n == 20:
            print("started", flush=True)
    print(n, flush=True)
""")


def _count(url: str, table: type) -> int:
    engine = open_database(url, upgrade=False)
    try:
        with session_scope(engine) as session:
            return session.exec(select(func.count()).select_from(table)).one()
    finally:
        engine.dispose()


def test_backup_is_consistent_while_another_process_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    engine = open_database(str(db))
    populate(engine)
    engine.dispose()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "6"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "started"
        copies = []
        for i in range(3):
            info = backup_sqlite(str(db), tmp_path / f"copy{i}.db")
            assert info.tables > 10
            copies.append(info.path)
            time.sleep(0.2)
    finally:
        written = int(writer.communicate(timeout=60)[0].strip().splitlines()[-1])
    assert writer.returncode == 0 and written > 20
    for copy in copies:
        assert not Path(f"{copy}-wal").exists()  # a single self-contained file
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = [_count(f"sqlite:///{c}", m.AuditEvent) for c in copies]
    assert counts == sorted(counts) and counts[0] >= 20  # each copy a snapshot, later ones hold more
    assert _count(f"sqlite:///{copies[0]}", m.Applicant) == len(PEOPLE)


def test_restore_brings_the_data_back(tmp_path: Path) -> None:
    db = tmp_path / "jpo.db"
    url = f"sqlite:///{db}"
    populate(open_database(url))
    backup_sqlite(url, tmp_path / "saved.db")
    engine = open_database(url)
    with session_scope(engine, write=True) as session:  # damage: lose an applicant's decision and scores
        session.exec(m.Score.__table__.delete())  # type: ignore[attr-defined]
        session.exec(m.Decision.__table__.delete())  # type: ignore[attr-defined]
    engine.dispose()
    assert _count(url, m.Score) == 0
    restore_sqlite(tmp_path / "saved.db", url)
    assert _count(url, m.Score) > 0 and _count(url, m.Decision) == len(PEOPLE)
    assert check_file(db).tables > 10
    engine = open_database(url)  # the app opens it again (migrations at head, WAL)
    with session_scope(engine) as session:
        assert {a.name for a in session.exec(select(m.Applicant))} == {p.name for p in PEOPLE}
    engine.dispose()


def test_restore_by_copying_the_file_back(tmp_path: Path) -> None:
    """The documented manual restore: stop the app, copy the backup over jpo.db, remove -wal/-shm."""
    db = tmp_path / "jpo.db"
    populate(open_database(str(db)))
    backup_sqlite(str(db), tmp_path / "saved.db")
    db.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes((tmp_path / "saved.db").read_bytes())
    assert _count(str(db), m.Applicant) == len(PEOPLE)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_refuses_postgresql_and_bad_targets(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="pg_dump"):
        backup_sqlite("postgresql://jpo:secret@db.example/jpo", tmp_path / "x.db")
    with pytest.raises(BackupError, match="no such database file"):
        backup_sqlite(str(tmp_path / "missing.db"), tmp_path / "x.db")
    db = tmp_path / "jpo.db"
    populate(open_database(str(db)))
    with pytest.raises(BackupError, match="cannot be the database itself"):
        backup_sqlite(str(db), db)
    backup_sqlite(str(db), tmp_path / "b.db")
    with pytest.raises(BackupError, match="exists already"):
        backup_sqlite(str(db), tmp_path / "b.db")
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a readable SQLite database"):
        restore_sqlite(tmp_path / "junk.db", str(db))
    assert _count(str(db), m.Applicant) == len(PEOPLE)  # a refused restore changed nothing


def test_cli_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "jpo.db")
    populate(open_database(db))
    assert main(["backup", str(tmp_path / "b.db"), "--db", db]) == 0
    assert "integrity check ok" in capsys.readouterr().out
    assert main(["backup", str(tmp_path / "b.db"), "--db", db]) == 2
    assert "exists already" in capsys.readouterr().err
    assert main(["backup", str(tmp_path / "b.db"), "--db", "postgresql://u@h/db"]) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "b.db"), "--db", db]) == 2  # no terminal, no --yes
    assert main(["restore", str(tmp_path / "b.db"), "--yes", "--db", db]) == 0
    assert _count(db, m.Applicant) == len(PEOPLE)
