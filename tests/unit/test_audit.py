"""The audit trail: every kind of action is recorded (who, when, what, before/after), the chair can read it with
``jpo-tui audit``, and the database refuses to edit or delete events (only GDPR redaction is allowed)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, update
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.privacy import audit
from jpo_tui.privacy import erasure as gdpr
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests import hostile
from tests.trust_data import PEOPLE, VACANCY_ID, populate, vacancy_spec

CHAIR, PASSPHRASE = "Chair Person", "correct horse battery"


def test_events_cannot_be_changed_or_deleted(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine, write=True) as session:
        audit.record(session, "Rita", "score", vacancy_id="V", applicant_key="K1", detail="Data", before=2, after=4)
    for statement in (update(m.AuditEvent).values(after="5"), update(m.AuditEvent).values(actor="Mallory"),
                      delete(m.AuditEvent)):
        with pytest.raises(Exception, match="audit events cannot be"), session_scope(engine, write=True) as session:
            session.exec(statement)
    with pytest.raises(Exception, match="audit events cannot be changed"), \
            session_scope(engine, write=True) as session:  # the ORM way is refused too
        event = session.exec(select(m.AuditEvent)).one()
        event.after = "1"
        session.add(event)
    with session_scope(engine) as session:
        event = session.exec(select(m.AuditEvent)).one()
        assert (event.actor, event.before, event.after) == ("Rita", "2", "4")
    assert not any(hasattr(audit, name) for name in ("update", "delete", "edit", "remove"))


def test_every_kind_of_action_is_recorded(tmp_path: Path) -> None:
    from jpo_tui.committee.decisions import DecisionChange, apply_decisions, override_eligibility
    from jpo_tui.committee.members import declare_conflict

    db = str(tmp_path / "jpo.db")
    engine = open_database(db)
    populate(engine, committee=True, retention_until=date(2020, 1, 31))
    keys = [p.key for p in PEOPLE]
    with session_scope(engine, write=True) as session:
        aid = session.exec(select(m.Applicant.id).where(m.Applicant.key == keys[0])).one()
        declare_conflict(session, VACANCY_ID, CHAIR, aid, "former colleague")
        override_eligibility(session, VACANCY_ID, CHAIR, keys[1], "age", "pass", "birth certificate checked")
        apply_decisions(session, VACANCY_ID, CHAIR, [DecisionChange(keys[2], status="short_list",
                                                                    reason="strongest evaluation profile")])
    apps = tmp_path / "apps" / "NEW-1"
    apps.mkdir(parents=True)
    (apps / "cv.pdf").write_bytes(hostile.simple_pdf(["Curriculum vitae", "Monitoring and evaluation"]))
    import_applications(engine, vacancy_spec(date(2020, 1, 31)), [apps.parent], workers=1, actor="Importer")
    os.environ["JPO_PASSPHRASE"] = PASSPHRASE  # the JSON export is the chair's once there is a committee
    try:
        assert main(["export", "--db", db, "--reviewer", CHAIR, "--out", str(tmp_path / "x.json")]) == 0
    finally:
        del os.environ["JPO_PASSPHRASE"]
    with session_scope(engine) as session:
        events = session.exec(select(m.AuditEvent).order_by(m.AuditEvent.id)).all()
    override = next(e for e in events if e.action == "eligibility_override")
    assert (override.actor, override.applicant_key, override.after) == (CHAIR, keys[1], "pass")
    decision = next(e for e in events if e.action == "decision" and "short_list" in e.after)
    assert (decision.actor, decision.applicant_key) == (CHAIR, keys[2])
    score = next(e for e in events if e.action == "score")
    assert (score.actor, score.before, score.after) == ("Rita Reviewer", "", "4")
    gdpr.erase_applicant(engine, VACANCY_ID, keys[0], actor=CHAIR)
    gdpr.purge_vacancy(engine, VACANCY_ID, actor=CHAIR, today=date(2020, 2, 1))
    with session_scope(engine) as session:
        events = session.exec(select(m.AuditEvent).order_by(m.AuditEvent.id)).all()
    actions = {e.action for e in events}
    assert actions >= {"import", "score", "score_comment", "review_comment", "recommendation", "committee_bootstrap",
                       "conflict_declare", "eligibility_override", "decision", "export", "erase", "purge"}
    assert all(e.at and e.actor and e.action for e in events)
    assert [e.at for e in events] == sorted(e.at for e in events)
    decisions = [e for e in events if e.action == "decision" and e.actor == CHAIR]
    assert decisions and all(e.applicant_key.startswith(gdpr.PSEUDONYM_PREFIX) for e in decisions)  # purged since
    assert next(e for e in events if e.action == "import" and e.actor == "Importer").detail.startswith("1 documents")


def _cli_audit(db: str, *args: str) -> int:
    return main(["audit", "--db", db, "--reviewer", CHAIR, *args])


def test_cli_audit_prints_filters_and_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "jpo.db")
    engine = open_database(db)
    populate(engine)
    with session_scope(engine, write=True) as session:
        audit.record(session, "Rita", "score_comment", vacancy_id=VACANCY_ID, applicant_key=PEOPLE[1].key,
                     detail="Data", before="", after="looks \x1b[31mred\x1b[0m\nforged line")
    assert _cli_audit(db) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 10 and "\x1b" not in "".join(lines)
    assert lines[-1].endswith("['' -> looks \\x1b[31mred\\x1b[0m\\x0aforged line]")
    assert _cli_audit(db, "--applicant", PEOPLE[0].key, "--limit", "3") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(PEOPLE[0].key in line for line in lines)
    assert _cli_audit(db, "--action", "score") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(PEOPLE) and all("  score  " in line for line in lines)


def test_cli_audit_is_for_the_chair_when_there_is_a_committee(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "jpo.db")
    populate(open_database(db), committee=True)
    assert _cli_audit(db) == 2
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv("JPO_PASSPHRASE", PASSPHRASE)
    assert main(["audit", "--db", db, "--reviewer", "Rita Reviewer"]) == 2
    assert _cli_audit(db) == 0
    assert "committee_bootstrap" in capsys.readouterr().out
