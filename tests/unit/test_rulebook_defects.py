"""Each defect of issue 12, as a user meets it on the command line (``main()``), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee import rules
from jpo_tui.committee.members import declare_conflict
from jpo_tui.committee.rules import RULES, Action, Role
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy

APPLICANTS = {"K01": "Anna Alpha", "K02": "Bruno Beta", "K03": "Chloe Gamma"}
BORN = date(1994, 7, 3)


def _setup(db_url: str, *, committee: bool = True, conflict: str | None = None):  # noqa: ANN202 - Engine
    engine = make_vacancy(db_url, APPLICANTS, status={"K03": "ineligible"})
    with session_scope(engine, write=True) as session:
        for a in session.exec(select(m.Applicant)):
            a.date_of_birth = BORN
            a.email = f"{a.key.lower()}@example.org"
            session.add(a)
        row = session.exec(select(m.ScreeningResult).join(m.Applicant).where(m.Applicant.key == "K03")).one()
        row.reasons = [f"Age 32 on 31 Dec 2026 (born {BORN.isoformat()}): over the limit"]
        session.add(row)
    if committee:
        make_committee(engine)
        if conflict:
            with session_scope(engine, write=True) as session:
                declare_conflict(session, VACANCY, conflict, ids(engine)["K02"], "former colleague")
    return engine


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str, who: str | None,
         *argv: str) -> tuple[int, str, str]:
    if who is None or who == "solo":
        monkeypatch.delenv("JPO_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("JPO_PASSPHRASE", PASS[who])
    capsys.readouterr()
    rc = main(["--db", db, "--reviewer", who or "solo", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


def test_the_rulebook_names_every_action_and_refuses_in_one_line() -> None:
    assert set(RULES) == set(Action)
    actor = rules.Actor("ana", VACANCY, Role.REVIEWER, 2, frozenset({7}))
    for action in Action:
        why = rules.refusal(actor, action, 7, locked=True, applicant_key="K07")
        assert why is None or "\n" not in why
    assert rules.can(actor, Action.SCORE, 8) and not rules.can(actor, Action.SCORE, 7)
    assert not rules.can(actor, Action.SCORE, 8, locked=True)
    with pytest.raises(rules.Refused, match="only the chair can lock the ranking; ana is a reviewer"):
        rules.require(actor, Action.LOCK)


def test_reviewer_cannot_take_the_json_export(db_url: str, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    _setup(db_url)
    rc, _, err = _run(capsys, monkeypatch, db_url, "ana", "export", "--format", "json", "--out",
                      str(tmp_path / "x.json"))
    assert rc == 2 and "only the chair can export the vacancy's data; ana is a reviewer" in err
    assert not (tmp_path / "x.json").exists()


def test_conflicted_member_sees_only_the_key_in_every_export(db_url: str, tmp_path: Path, capsys,  # noqa: ANN001
                                                             monkeypatch) -> None:
    _setup(db_url, conflict="chair")
    out = tmp_path / "all.json"
    assert _run(capsys, monkeypatch, db_url, "chair", "export", "--format", "json", "--out", str(out))[0] == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    k02 = next(c for c in doc["candidates"] if c["key"] == "K02")
    assert set(k02) == {"key", "conflict_of_interest"} and "Bruno" not in out.read_text(encoding="utf-8")
    for fmt, what in (("csv", "ranking"), ("md", "ranking"), ("html", "sheets"), ("md", "report")):
        rc, text, err = _run(capsys, monkeypatch, db_url, "chair", "export", "--format", fmt, "--what", what)
        assert rc == 0, err
        assert "Bruno" not in text and "K02" in text or what == "sheets", (fmt, what)
    rc, text, _ = _run(capsys, monkeypatch, db_url, "chair", "rank")
    assert rc == 0 and "Bruno" not in text and "K02" in text


def test_conflicted_chair_gets_no_access_request_export(db_url: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    _setup(db_url, conflict="chair")
    rc, out, err = _run(capsys, monkeypatch, db_url, "chair", "export", "--format", "json", "--subject", "K02")
    assert rc == 2 and out == ""
    assert err.strip() == ("jpo-tui: chair declared a conflict of interest with K02: they cannot export this "
                           "applicant's data (they see its key and the conflict, nothing else)")
    rc, out, _ = _run(capsys, monkeypatch, db_url, "chair", "export", "--format", "json", "--subject", "K01")
    assert rc == 0 and json.loads(out)["candidates"][0]["key"] == "K01"


def test_backup_and_restore_need_the_chair(tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    engine = _setup(db)
    backup = tmp_path / "b.db"
    monkeypatch.delenv("JPO_PASSPHRASE", raising=False)
    capsys.readouterr()
    assert main(["--db", db, "--reviewer", "chair", "backup", str(backup)]) == 2  # no passphrase
    assert "only the chair may back up the database: give the chair's passphrase" in capsys.readouterr().err
    rc, _, err = _run(capsys, monkeypatch, db, "ana", "backup", str(backup))
    assert rc == 2 and "only the chair can back up the database; ana is a reviewer" in err and not backup.exists()
    assert _run(capsys, monkeypatch, db, "chair", "backup", str(backup))[0] == 0
    rc, _, err = _run(capsys, monkeypatch, db, "ana", "restore", str(backup), "--yes")
    assert rc == 2 and "only the chair can restore the database from a backup" in err
    assert _run(capsys, monkeypatch, db, "chair", "restore", str(backup), "--yes")[0] == 0
    with session_scope(engine) as session:
        actors = [(e.action, e.actor) for e in session.exec(select(m.AuditEvent))
                  if e.action in ("backup", "restore")]
    assert actors == [("backup", "chair"), ("restore", "chair")]


def test_md_and_html_honour_what_and_the_report_keeps_no_birth_date(db_url: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    _setup(db_url)
    rc, ranking, _ = _run(capsys, monkeypatch, db_url, "chair", "export", "--format", "md", "--what", "ranking")
    assert rc == 0 and "## Ranking" in ranking and "Not retained" not in ranking
    rc, sheets, _ = _run(capsys, monkeypatch, db_url, "chair", "export", "--format", "html", "--what", "sheets")
    assert rc == 0 and "<h1>" in sheets and "Not retained" not in sheets
    rc, report, _ = _run(capsys, monkeypatch, db_url, "chair", "export", "--format", "md", "--what", "report")
    assert rc == 0 and "## Not retained" in report and "K03" in report
    assert BORN.isoformat() not in report and "born \\[birth date\\]" in report


def test_the_single_user_exports_and_ranks_without_a_passphrase(db_url: str, tmp_path: Path, capsys,  # noqa: ANN001
                                                                  monkeypatch) -> None:
    _setup(db_url, committee=False)
    for argv in (("rank",), ("export", "--format", "json"), ("export", "--format", "xlsx", "--what", "report",
                                                               "--out", str(tmp_path / "r.xlsx")),
                 ("export", "--format", "csv", "--what", "shortlist"), ("export", "--format", "ics", "--organizer", "me@example.org"),
                 ("export", "--format", "md", "--what", "report"), ("export", "--format", "json", "--subject", "K01")):
        rc, _, err = _run(capsys, monkeypatch, db_url, None, *argv)
        assert rc == 0, (argv, err)
    rc, _, err = _run(capsys, monkeypatch, db_url, None, "decide", "K01", "--status", "long_list", "--reason", "x")
    assert rc == 0, err
