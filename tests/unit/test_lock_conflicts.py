"""A locked ranking stays as it was: declaring or withdrawing a conflict of interest (which decides whose
scores count) and abstaining are refused until the chair unlocks it, through the domain and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from jpo_tui.cli.main import main
from jpo_tui.committee.aggregate import ranking
from jpo_tui.committee.assignments import abstain
from jpo_tui.committee.decisions import lock_ranking, unlock_ranking
from jpo_tui.committee.members import RankingLocked, declare_conflict, withdraw_conflict
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy, score


def _table(engine) -> list[tuple]:  # noqa: ANN001
    with session_scope(engine) as session:
        return [(r.key, r.aggregate, r.rank, r.reviews) for r in ranking(session, VACANCY, "chair").rows]


def test_conflicts_cannot_change_a_locked_ranking(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'jpo.db'}"
    engine = make_vacancy(db, {"K01": "One", "K02": "Two"})
    make_committee(engine, ("ana", "ben"))
    known = ids(engine)
    score(engine, "ana", "K01", (5, 5, 5))
    score(engine, "ben", "K01", (1, 1, 1))
    score(engine, "ben", "K02", (3, 3, 3))
    with session_scope(engine, write=True) as session:
        declare_conflict(session, VACANCY, "chair", known["K02"], "cousin", member_name="ana")
        lock_ranking(session, VACANCY, "chair", incomplete_ok=True)
    locked = _table(engine)
    for act in (lambda s: declare_conflict(s, VACANCY, "ben", known["K01"], "remembered: former colleague"),
                lambda s: abstain(s, VACANCY, "ben", known["K01"], "former colleague"),
                lambda s: withdraw_conflict(s, VACANCY, "chair", known["K02"], "ana", "declared by mistake")):
        with pytest.raises(RankingLocked), session_scope(engine, write=True) as session:
            act(session)
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["ben"])
    assert main(["--db", db, "--reviewer", "ben", "conflict", "declare", "K01", "--reason", "colleague"]) == 2
    assert "locked" in capsys.readouterr().err
    assert _table(engine) == locked
    with session_scope(engine, write=True) as session:
        unlock_ranking(session, VACANCY, "chair", "a late conflict of interest")
        declare_conflict(session, VACANCY, "ben", known["K01"], "former colleague")
    assert next(r for r in _table(engine) if r[0] == "K01")[1:] == (5.0, 1, 1)
