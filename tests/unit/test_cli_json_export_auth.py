"""Once a vacancy has a committee, its full JSON export (everyone's personal data) is the chair's alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.cli.main import main
from jpo_tui.committee.members import add_member, bootstrap_chair
from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.store.db import open_database, session_scope
from jpo_tui.store.writes import upsert_vacancy

VACANCY = """
[vacancy]
id = "V-AUTH"
call_year = 2026
deadline = 2026-03-31
[[criteria]]
name = "M&E"
keywords = ["monitoring and evaluation"]
"""


def test_json_export_needs_the_chair_once_there_is_a_committee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'auth.db'}"
    engine = open_database(db)
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, parse_vacancy(VACANCY))
    out = tmp_path / "x.json"
    assert main(["export", "--db", db, "--out", str(out)]) == 0  # no committee yet: the single-user tool
    with session_scope(engine, write=True) as session:
        chair = bootstrap_chair(session, "V-AUTH", "Ana", "chair-secret")
        add_member(session, "V-AUTH", chair, "Ben", "reviewer", "ben-secret")
    monkeypatch.setenv("JPO_PASSPHRASE", "ben-secret")
    assert main(["--reviewer", "Ben", "export", "--db", db, "--out", str(out)]) == 2
    assert "only the chair" in capsys.readouterr().err
    monkeypatch.setenv("JPO_PASSPHRASE", "wrong")
    assert main(["--reviewer", "Ana", "export", "--db", db, "--out", str(out)]) == 2
    monkeypatch.setenv("JPO_PASSPHRASE", "chair-secret")
    assert main(["--reviewer", "Ana", "export", "--db", db, "--out", str(out)]) == 0
