"""Restoring a backup made before an erasure or a purge does not bring the applicant back, and the audit trail
keeps the events recorded since the backup, plus one saying the database was restored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.privacy import audit
from jpo_tui.privacy import erasure as gdpr
from jpo_tui.privacy.backup import backup_sqlite, restore_sqlite
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.trust_data import PEOPLE, VACANCY_ID, populate


def _bytes(db: Path) -> bytes:
    return b"".join(Path(f"{db}{s}").read_bytes() for s in ("", "-wal") if Path(f"{db}{s}").exists())


def test_restore_after_an_erasure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "jpo.db"
    engine = open_database(str(db))
    populate(engine)
    backup_sqlite(str(db), tmp_path / "saved.db")
    gdpr.erase_applicant(engine, VACANCY_ID, PEOPLE[0].key, actor="Chair")
    with session_scope(engine, write=True) as session:
        audit.record(session, "Chair", "export", vacancy_id=VACANCY_ID, detail="after the backup")
    engine.dispose()
    assert main(["restore", str(tmp_path / "saved.db"), "--yes", "--db", str(db), "--reviewer", "Admin"]) == 0
    out = capsys.readouterr().out
    assert "3 audit events recorded since the backup kept" in out  # the backup itself, the erasure, the export and "1 applicants erased since" in out
    engine = open_database(str(db))
    with session_scope(engine) as session:
        keys = set(session.exec(select(m.Applicant.key)))
        events = session.exec(select(m.AuditEvent).order_by(m.AuditEvent.id)).all()
    assert keys == {p.key for p in PEOPLE[1:]}
    tail = [(e.actor, e.action) for e in events[-4:]]
    assert tail == [("Chair", "erase"), ("Chair", "export"), ("Admin", "restore"), ("restore", "erase")]
    assert "saved.db" in events[-2].detail
    engine.dispose()
    data = _bytes(db)
    person = PEOPLE[0]
    assert [x for x in (person.name, person.email, person.secret, person.comment) if x.encode() in data] == []
    assert PEOPLE[1].email.encode() in data


def test_restore_after_a_purge(tmp_path: Path) -> None:
    db = tmp_path / "jpo.db"
    engine = open_database(str(db))
    populate(engine, retention_until=date(2020, 1, 31))
    backup_sqlite(str(db), tmp_path / "saved.db")
    gdpr.purge_vacancy(engine, VACANCY_ID, actor="Chair", today=date(2020, 2, 1))
    engine.dispose()
    info = restore_sqlite(tmp_path / "saved.db", str(db))
    assert info.erased_again == len(PEOPLE)
    engine = open_database(str(db))
    with session_scope(engine) as session:
        assert session.exec(select(m.Applicant)).all() == []
    engine.dispose()
    assert [p.email for p in PEOPLE if p.email.encode() in _bytes(db)] == []


def test_backup_is_on_the_audit_trail(tmp_path: Path) -> None:
    db = tmp_path / "jpo.db"
    populate(open_database(str(db)))
    assert main(["backup", str(tmp_path / "copy.db"), "--db", str(db), "--reviewer", "Admin"]) == 0
    engine = open_database(str(db))
    with session_scope(engine) as session:
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "backup")).one()
    engine.dispose()
    assert event.actor == "Admin" and str((tmp_path / "copy.db").resolve()) in event.detail


def test_backups_and_restores_show_in_the_vacancy_trail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "jpo.db"
    populate(open_database(str(db)))
    assert main(["backup", str(tmp_path / "copy.db"), "--db", str(db), "--reviewer", "Admin"]) == 0
    assert main(["restore", str(tmp_path / "copy.db"), "--yes", "--db", str(db), "--reviewer", "Admin"]) == 0
    capsys.readouterr()
    assert main(["audit", "--db", str(db), "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[1:3] for line in lines] == [["Admin", "backup"], ["Admin", "restore"]]
