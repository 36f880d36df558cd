"""Importing into a vacancy that has a committee: members only (passphrase checked), a changed vacancy file
(criteria, weights, eligibility, dates) only by the chair and recorded in the audit trail with before/after;
an applicant erased on request is not imported again from files still in the folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.privacy import erasure as gdpr
from jpo_tui.store import models as m
from jpo_tui.store.db import open_database, session_scope
from tests import hostile
from tests.trust_data import VACANCY_ID, VACANCY_TOML

CHAIR, CHAIR_PW, REVIEWER, REVIEWER_PW = "Chair Person", "chair-passphrase", "Rita Reviewer", "rita-passphrase"


def _apps(root: Path) -> Path:
    for key, name in (("APP-1", "Zephyrine Quillfeather"), ("APP-2", "Bartholomew Inkwellington")):
        (root / key).mkdir(parents=True)
        (root / key / "cv.pdf").write_bytes(hostile.simple_pdf(["Curriculum vitae", name, "monitoring and evaluation"]))
    return root


def _import(db: str, toml: Path, apps: Path, who: str, *extra: str) -> int:
    return main(["import", "--db", db, "--reviewer", who, "--vacancy", str(toml), str(apps), "--workers", "1",
                 "--quiet", *extra])


def test_import_into_a_committee_vacancy(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JPO_PASSPHRASE", raising=False)
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    toml = tmp_path / "vacancy.toml"
    toml.write_text(VACANCY_TOML.format(id=VACANCY_ID, retention=""))
    apps = _apps(tmp_path / "apps")
    assert _import(db, toml, apps, "Anyone") == 0  # no committee yet: anyone imports
    monkeypatch.setenv("JPO_PASSPHRASE", CHAIR_PW)
    assert main(["committee", "add", CHAIR, "--role", "chair", "--db", db]) == 0
    monkeypatch.setenv("JPO_NEW_PASSPHRASE", REVIEWER_PW)
    assert main(["--reviewer", CHAIR, "committee", "add", REVIEWER, "--db", db]) == 0
    capsys.readouterr()

    monkeypatch.setenv("JPO_PASSPHRASE", "not-the-passphrase")
    assert _import(db, toml, apps, "Mallory") == 2
    assert "unknown committee member or wrong passphrase" in capsys.readouterr().err
    rita_pw = tmp_path / "rita.pw"
    rita_pw.write_text(REVIEWER_PW)
    assert _import(db, toml, apps, REVIEWER, "--passphrase-file", str(rita_pw)) == 0  # same file: a member may
    assert "2 already present" in capsys.readouterr().out

    changed = tmp_path / "changed.toml"
    changed.write_text(toml.read_text().replace("max_age = 32", "max_age = 99").replace("weight = 3", "weight = 1"))
    assert _import(db, changed, apps, REVIEWER, "--passphrase-file", str(rita_pw)) == 2
    err = capsys.readouterr().err
    assert "only the chair can change the vacancy" in err and "eligibility" in err and "criteria" in err
    engine = open_database(db)
    with session_scope(engine) as session:
        assert session.get(m.Vacancy, VACANCY_ID).eligibility["max_age"] == 32
    monkeypatch.setenv("JPO_PASSPHRASE", CHAIR_PW)
    assert _import(db, changed, apps, CHAIR) == 0
    with session_scope(engine) as session:
        assert session.get(m.Vacancy, VACANCY_ID).eligibility["max_age"] == 99
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "vacancy_update")).one()
        imports = session.exec(select(m.AuditEvent.actor).where(m.AuditEvent.action == "import")).all()
    assert event.actor == CHAIR and set(json.loads(event.before)) == {"eligibility", "criteria"}
    assert json.loads(event.before)["eligibility"]["max_age"] == 32
    assert json.loads(event.after)["eligibility"]["max_age"] == 99
    assert json.loads(event.after)["criteria"]["Monitoring and evaluation"][0] == 1.0
    assert imports == ["Anyone", REVIEWER, CHAIR]


def test_erased_applicant_is_not_imported_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    toml = tmp_path / "vacancy.toml"
    toml.write_text(VACANCY_TOML.format(id=VACANCY_ID, retention=""))
    apps = _apps(tmp_path / "apps")
    assert _import(db, toml, apps, "Secretariat") == 0
    engine = open_database(db)
    gdpr.erase_applicant(engine, VACANCY_ID, "APP-1", actor="Secretariat")
    capsys.readouterr()
    assert _import(db, toml, apps, "Secretariat") == 0  # the erased applicant's files are still in the folder
    out = capsys.readouterr().out
    assert "refused  APP-1: applicant erased on request" in out
    with session_scope(engine) as session:
        assert sorted(session.exec(select(m.Applicant.key))) == ["APP-2"]
    data = (tmp_path / "jpo.db").read_bytes()
    assert b"Quillfeather" not in data and b"APP-1" not in data
