"""Blind scoring has no side channel: hidden totals never move a visible number (z-scores), and an empty review
submitted to peek unlocks nothing."""

from __future__ import annotations

from dataclasses import asdict

from jpo_tui.committee.aggregate import ranking, visible_scores
from jpo_tui.committee.members import declare_conflict
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import VACANCY, ids, make_committee, make_vacancy, score

APPLICANTS = {"K01": "One", "K02": "Two", "K03": "Three"}


def _ana_sees(db_url: str, ben_on_k02: tuple[int, int, int]) -> list[dict]:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine, ("ana", "ben"))
    score(engine, "ana", "K01", (4, 3, 2))
    score(engine, "ben", "K01", (2, 3, 4))
    score(engine, "ben", "K03", (3, 1, 5))
    score(engine, "ben", "K02", ben_on_k02)  # ana has not reviewed K02: nothing she sees may depend on it
    with session_scope(engine) as session:
        table = ranking(session, VACANCY, "ana")
        by_norm = ranking(session, VACANCY, "ana", by_normalised=True)
    engine.dispose()
    assert [r.key for r in table.rows if r.visible] == ["K01"]
    return [{k: v for k, v in asdict(r).items() if k != "applicant_id"} for r in (*table.rows, *by_norm.rows)]


def test_hidden_scores_do_not_move_visible_normalised_scores(db_url: str, tmp_path) -> None:  # noqa: ANN001
    from tests.dbutil import database_url

    low = _ana_sees(db_url, (0, 0, 0))
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    with database_url(kind, tmp_path / "second") as other:  # the same story, ben scoring K02 high instead
        high = _ana_sees(other, (5, 5, 5))
    k01 = next(r for r in low if r["key"] == "K01")
    assert k01["normalised"] is not None and k01["aggregate"] == 3.0
    assert low == high


def test_chair_normalisation_ignores_applicants_they_are_conflicted_with(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine, ("ana", "ben"))
    known = ids(engine)
    with session_scope(engine, write=True) as session:
        declare_conflict(session, VACANCY, "chair", known["K02"], "my cousin")
    score(engine, "ana", "K01", (4, 4, 4))
    score(engine, "ben", "K01", (2, 2, 2))
    score(engine, "ana", "K03", (3, 3, 3))
    seen = []
    for ben_on_k02 in ((0, 0, 0), (5, 5, 5)):
        score(engine, "ben", "K02", ben_on_k02)
        with session_scope(engine) as session:
            rows = ranking(session, VACANCY, "chair").rows
        assert next(r for r in rows if r.key == "K02").aggregate is None
        seen.append([(r.key, r.aggregate, r.normalised, r.rank) for r in rows])
    assert seen[0] == seen[1]


def test_an_empty_submitted_review_unlocks_nothing(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine, ("ana", "ben"))
    known = ids(engine)
    score(engine, "ben", "K01", (5, 4, 3))
    score(engine, "ana", "K01", (None, None, None))  # submitted, nothing scored
    with session_scope(engine) as session:
        view = visible_scores(session, VACANCY, known["K01"], "ana")
        row = next(r for r in ranking(session, VACANCY, "ana").rows if r.key == "K01")
    assert not view.visible and view.others == ()
    assert row.aggregate is None and row.totals == () and row.rank is None
    score(engine, "ana", "K01", (3, None, None))  # one score of her own: now she may compare
    with session_scope(engine) as session:
        view = visible_scores(session, VACANCY, known["K01"], "ana")
    assert view.visible and [t.reviewer for t in view.others] == ["ben"]


def test_reviewers_do_not_see_the_chairs_decisions(db_url: str) -> None:
    from jpo_tui.committee.decisions import DecisionChange, apply_decisions

    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine, ("ana", "ben"))
    score(engine, "ana", "K01", (4, 4, 4))
    score(engine, "chair", "K01", (4, 4, 4))
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list"),
                                                    DecisionChange("K02", "not_suitable", reason="no master")])
    with session_scope(engine) as session:
        assert {r.key: r.decision for r in ranking(session, VACANCY, "chair").rows} == {
            "K01": "short_list", "K02": "not_suitable", "K03": ""}
        for who in ("ana", "ben"):
            assert {r.decision for r in ranking(session, VACANCY, who).rows} == {""}
