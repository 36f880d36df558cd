"""GDPR: erasure and purge leave no trace of the applicant (tables, audit text, raw SQLite bytes); access
requests and pseudonymised exports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select
from sqlmodel import select as sm_select

from jpo_tui.cli.main import main
from jpo_tui.privacy import erasure as gdpr
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests.trust_data import PEOPLE, VACANCY_ID, populate

ERASED, KEPT = PEOPLE[0], PEOPLE[1:]


def _markers(person) -> list[str]:  # noqa: ANN001
    return [person.key, person.name, person.email, person.secret, person.comment]


def _all_rows_text(engine) -> dict[str, list[str]]:  # noqa: ANN001
    """Every row of every table of the database, as text."""
    meta = MetaData()
    meta.reflect(bind=engine)
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            out[table.name] = [" | ".join(str(v) for v in row) for row in conn.execute(select(table))]
    return out


def _found(engine, person) -> list[tuple[str, str]]:  # noqa: ANN001
    hits = []
    for table, rows in _all_rows_text(engine).items():
        for row in rows:
            hits.extend((table, mark) for mark in _markers(person) if mark in row)
    return hits


def _file_bytes(db_file: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        path = Path(f"{db_file}{suffix}")
        if path.exists():
            data += path.read_bytes()
    return data


def test_erase_removes_applicant_and_everything_derived(db_url: str) -> None:
    engine = open_database(db_url)
    ids = populate(engine)
    assert _found(engine, ERASED), "the test data must hold the applicant before erasure"
    report = gdpr.erase_applicant(engine, VACANCY_ID, ERASED.key, actor="Chair")
    assert report.rows_deleted >= 10
    assert _found(engine, ERASED) == []
    with session_scope(engine) as session:
        for table in (m.Document, m.Hit, m.Score, m.Review, m.Assignment, m.Conflict, m.Decision,
                      m.EligibilityOverride, m.ScreeningResult, m.LanguageSkill, m.EducationEntry,
                      m.EmploymentEntry):
            assert not session.exec(sm_select(table).where(table.applicant_id == ids[ERASED.key])).all(), table
        keys = set(session.exec(sm_select(m.Applicant.key)).all())
        assert keys == {p.key for p in KEPT}
        erase_events = session.exec(sm_select(m.AuditEvent).where(m.AuditEvent.action == "erase")).all()
        assert len(erase_events) == 1 and erase_events[0].applicant_key == gdpr.pseudonym(session, VACANCY_ID, ERASED.key)
        redacted = session.exec(sm_select(m.AuditEvent).where(
            m.AuditEvent.applicant_key == gdpr.pseudonym(session, VACANCY_ID, ERASED.key))).all()
        assert {e.action for e in redacted} >= {"score", "score_comment", "decision", "erase"}
        note = session.exec(sm_select(m.AuditEvent).where(m.AuditEvent.action == "note")).one()
        assert gdpr.ERASED in note.detail and KEPT[-1].name in note.detail
    for person in KEPT:  # the others are untouched
        assert {mark for _, mark in _found(engine, person)} == set(_markers(person))


def test_erase_leaves_no_byte_in_the_sqlite_file_or_wal(tmp_path: Path) -> None:
    db_file = tmp_path / "jpo.db"
    engine = open_database(f"sqlite:///{db_file}")
    populate(engine)
    before = _file_bytes(db_file)
    assert all(mark.encode() in before for mark in _markers(ERASED)), "markers must be on disk before erasure"
    report = gdpr.erase_applicant(engine, VACANCY_ID, ERASED.key, actor="Chair")
    assert report.compacted
    engine.dispose()
    after = _file_bytes(db_file)
    leaked = [mark for mark in _markers(ERASED) if mark.encode() in after]
    assert leaked == []
    assert KEPT[0].email.encode() in after
    assert not Path(f"{db_file}-wal").exists() or Path(f"{db_file}-wal").stat().st_size == 0


def test_erase_refuses_unknown_applicant_and_non_chair(db_url: str) -> None:
    engine = open_database(db_url)
    populate(engine, committee=True)
    with pytest.raises(gdpr.ErasureRefused, match="no applicant"):
        gdpr.erase_applicant(engine, VACANCY_ID, "NOPE", actor="Chair Person")
    with pytest.raises(gdpr.ErasureRefused, match="Rita Reviewer"):
        gdpr.erase_applicant(engine, VACANCY_ID, ERASED.key, actor="Rita Reviewer")
    gdpr.erase_applicant(engine, VACANCY_ID, ERASED.key, actor="Chair Person")
    assert _found(engine, ERASED) == []


def test_purge_refuses_before_retention_date_and_without_one(db_url: str) -> None:
    engine = open_database(db_url)
    populate(engine, retention_until=date(2027, 6, 30))
    with pytest.raises(gdpr.ErasureRefused, match="kept until 2027-06-30.*from 2027-07-01"):
        gdpr.purge_vacancy(engine, VACANCY_ID, actor="Chair", today=date(2027, 6, 30))
    with session_scope(engine, write=True) as session:
        session.get(m.Vacancy, VACANCY_ID).retention_until = None
    with pytest.raises(gdpr.ErasureRefused, match="no retention date"):
        gdpr.purge_vacancy(engine, VACANCY_ID, actor="Chair", today=date(2099, 1, 1))
    assert all(_found(engine, p) for p in PEOPLE)


def test_purge_after_retention_erases_every_applicant(tmp_path: Path) -> None:
    db_file = tmp_path / "jpo.db"
    engine = open_database(f"sqlite:///{db_file}")
    populate(engine, retention_until=date(2027, 6, 30))
    report = gdpr.purge_vacancy(engine, VACANCY_ID, actor="Chair", today=date(2027, 7, 1))
    assert report.applicants == len(PEOPLE)
    with session_scope(engine) as session:
        assert session.exec(sm_select(m.Applicant)).all() == []
        assert session.exec(sm_select(m.ImportProblem)).all() == []
        assert session.get(m.Vacancy, VACANCY_ID) is not None  # the vacancy itself stays
        purge = session.exec(sm_select(m.AuditEvent).where(m.AuditEvent.action == "purge")).one()
        assert f"{len(PEOPLE)} applicants erased" in purge.detail
    engine.dispose()
    data = _file_bytes(db_file)
    assert [mark for p in PEOPLE for mark in _markers(p) if mark.encode() in data] == []


def test_cli_erase_and_purge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "jpo.db")
    engine = open_database(db)
    populate(engine, retention_until=date(2020, 1, 31), committee=True)
    engine.dispose()
    assert main(["erase", ERASED.key, "--yes", "--db", db, "--reviewer", "Chair Person"]) == 2  # no passphrase
    assert "chair's passphrase" in capsys.readouterr().err
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JPO_PASSPHRASE", "correct horse battery")
        assert main(["erase", ERASED.key, "--db", db, "--reviewer", "Chair Person"]) == 2  # no tty, no --yes
        assert "not confirmed" in capsys.readouterr().err
        mp.setenv("JPO_PASSPHRASE", "wrong passphrase")
        assert main(["erase", ERASED.key, "--yes", "--db", db, "--reviewer", "Chair Person"]) == 2
        assert "wrong passphrase" in capsys.readouterr().err
        mp.setenv("JPO_PASSPHRASE", "correct horse battery")
        assert main(["erase", ERASED.key, "--yes", "--db", db, "--reviewer", "Rita Reviewer"]) == 2
        assert "Rita Reviewer" in capsys.readouterr().err
        assert main(["erase", ERASED.key, "--yes", "--db", db, "--reviewer", "Chair Person"]) == 0
        assert f"erased applicant {ERASED.key}" in capsys.readouterr().out
        assert main(["purge", "--vacancy", VACANCY_ID, "--yes", "--db", db, "--reviewer", "Chair Person"]) == 0
        assert f"{len(KEPT)} applicants erased" in capsys.readouterr().out
    assert [mark for p in PEOPLE for mark in _markers(p) if mark.encode() in _file_bytes(Path(db))] == []


def test_cli_purge_refuses_before_retention(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "jpo.db")
    populate(open_database(db), retention_until=date(2999, 12, 31))
    assert main(["purge", "--vacancy", VACANCY_ID, "--yes", "--db", db]) == 2
    assert "must be kept until 2999-12-31" in capsys.readouterr().err


def test_access_request_export_gives_one_applicants_data(tmp_path: Path) -> None:
    db = str(tmp_path / "jpo.db")
    populate(open_database(db))
    out = tmp_path / "subject.json"
    assert main(["export", "--subject", ERASED.key, "--out", str(out), "--db", db, "--reviewer", "Chair"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [c["key"] for c in doc["candidates"]] == [ERASED.key]
    candidate = doc["candidates"][0]
    assert candidate["name"] == ERASED.name and candidate["email"] == ERASED.email
    assert any(ERASED.secret in d["text"] for d in candidate["documents"])
    text = out.read_text(encoding="utf-8")
    assert all(p.name not in text and p.email not in text for p in KEPT)
    with session_scope(open_database(db)) as session:
        event = session.exec(sm_select(m.AuditEvent).where(m.AuditEvent.action == "export")).one()
        assert event.applicant_key == ERASED.key


def _pseudonymised(tmp_path: Path) -> tuple[str, dict]:
    db = str(tmp_path / "jpo.db")
    populate(open_database(db))
    out = tmp_path / "pseudo.json"
    assert main(["export", "--pseudonymise", "--out", str(out), "--db", db]) == 0
    text = out.read_text(encoding="utf-8")
    return text, json.loads(text)


def test_pseudonymised_export_has_keys_not_names(tmp_path: Path) -> None:
    _, doc = _pseudonymised(tmp_path)
    assert sorted(c["key"] for c in doc["candidates"]) == sorted(p.key for p in PEOPLE)
    by_key = {p.key: p for p in PEOPLE}
    for candidate in doc["candidates"]:
        person = by_key[candidate["key"]]
        assert person.name not in candidate["name"] and candidate["email"] == ""
        assert candidate["date_of_birth"] is None
        assert all(person.secret not in d.get("text", "") for d in candidate["documents"])


def test_pseudonymised_export_has_no_name_anywhere(tmp_path: Path) -> None:
    text, _ = _pseudonymised(tmp_path)
    assert [p.name for p in PEOPLE if p.name in text] == []
    assert [p.name.split()[-1] for p in PEOPLE if p.name.split()[-1] in text] == []
