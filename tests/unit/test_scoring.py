"""Scores, comments and recommendations: one row per write, audited, never clobbering another reviewer."""

from __future__ import annotations

import pytest
from sqlmodel import select

from jpo_tui.committee import scoring
from jpo_tui.committee.reviewers import get_or_create_reviewer
from jpo_tui.services import queries
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope


@pytest.fixture
def setup(sample_db):  # noqa: ANN001, ANN201
    engine = sample_db.engine
    alice = get_or_create_reviewer(engine, "alice")
    bob = get_or_create_reviewer(engine, "bob")
    criteria = queries.vacancy_criteria(engine, sample_db.vacancy_id)
    applicant = queries.applicant_rows(engine, sample_db.vacancy_id, None)[0].id
    return engine, alice, bob, criteria, applicant


def _score_rows(engine) -> list[m.Score]:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(m.Score)))


def test_set_score_writes_one_row_and_updates_it(setup) -> None:  # noqa: ANN001
    engine, alice, _, criteria, applicant = setup
    scoring.set_score(engine, applicant, alice, criteria[0].id, 2)
    scoring.set_score(engine, applicant, alice, criteria[0].id, 4)
    rows = _score_rows(engine)
    assert [(r.reviewer_id, r.criterion_id, r.value) for r in rows] == [(alice.id, criteria[0].id, 4)]
    with session_scope(engine) as session:
        events = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "score")
                              .order_by(m.AuditEvent.id)).all()
    assert [(e.actor, e.before, e.after, e.detail) for e in events] == [
        ("alice", "", "2", criteria[0].name), ("alice", "2", "4", criteria[0].name)]


def test_two_reviewers_keep_their_own_scores(setup) -> None:  # noqa: ANN001
    engine, alice, bob, criteria, applicant = setup
    scoring.set_score(engine, applicant, alice, criteria[0].id, 5)
    scoring.set_score(engine, applicant, bob, criteria[0].id, 1)
    scoring.set_criterion_comment(engine, applicant, bob, criteria[0].id, "thin")
    assert scoring.review_state(engine, applicant, alice.id).scores == {criteria[0].id: 5}
    bob_state = scoring.review_state(engine, applicant, bob.id)
    assert bob_state.scores == {criteria[0].id: 1} and bob_state.comments == {criteria[0].id: "thin"}


def test_comment_keeps_the_score_and_clearing_keeps_the_comment(setup) -> None:  # noqa: ANN001
    engine, alice, _, criteria, applicant = setup
    scoring.set_score(engine, applicant, alice, criteria[1].id, 3)
    scoring.set_criterion_comment(engine, applicant, alice, criteria[1].id, "  good field work ")
    scoring.set_score(engine, applicant, alice, criteria[1].id, None)
    (row,) = _score_rows(engine)
    assert (row.value, row.comment) == (None, "good field work")


@pytest.mark.parametrize("value", [-1, 6, 2.5, True, "3"])
def test_out_of_scale_scores_are_refused(setup, value) -> None:  # noqa: ANN001
    engine, alice, _, criteria, applicant = setup
    with pytest.raises(scoring.ScoringError):
        scoring.set_score(engine, applicant, alice, criteria[0].id, value)
    assert _score_rows(engine) == []


def test_criterion_of_another_vacancy_is_refused(two_vacancy_db) -> None:  # noqa: ANN001
    engine = two_vacancy_db.engine
    alice = get_or_create_reviewer(engine, "alice")
    other = queries.vacancy_criteria(engine, "TEST-2026-WASH")[0]
    applicant = queries.applicant_rows(engine, two_vacancy_db.vacancy_id, None)[0].id
    with pytest.raises(scoring.ScoringError):
        scoring.set_score(engine, applicant, alice, other.id, 3)


def test_review_comment_recommendation_and_submit(setup) -> None:  # noqa: ANN001
    engine, alice, _, _, applicant = setup
    scoring.set_overall_comment(engine, applicant, alice, "convincing")
    scoring.set_recommendation(engine, applicant, alice, "maybe")
    scoring.set_recommendation(engine, applicant, alice, "shortlist")
    scoring.submit_review(engine, applicant, alice)
    state = scoring.review_state(engine, applicant, alice.id)
    assert (state.comment, state.recommendation, state.submitted) == ("convincing", "shortlist", True)
    with pytest.raises(scoring.ScoringError):
        scoring.set_recommendation(engine, applicant, alice, "hire")
    with session_scope(engine) as session:
        actions = [e.action for e in session.exec(select(m.AuditEvent).order_by(m.AuditEvent.id))]
    assert actions[-4:] == ["review_comment", "recommendation", "recommendation", "review_submitted"]


def test_weighted_total() -> None:
    weights = {1: 3.0, 2: 2.0, 3: 1.0}
    assert scoring.weighted_total({}, weights) is None
    assert scoring.weighted_total({1: 5}, weights) == 5.0
    assert scoring.weighted_total({1: 5, 2: 0, 3: None}, weights) == 3.0
    assert scoring.weighted_total({1: 4, 2: 2, 3: 1, 99: 5}, weights) == round((12 + 4 + 1) / 6, 2)


def test_employment_entry_not_relevant_is_audited_and_rescreened(setup) -> None:  # noqa: ANN001
    engine, alice, _, _, applicant = setup
    detail = queries.applicant_detail(engine, applicant, alice.id)
    entry = detail.employment[0]
    from jpo_tui.services.acting import Login
    from jpo_tui.services.review import set_entry_relevant

    set_entry_relevant(engine, detail.vacancy_id, Login("alice"), applicant, entry.id, False, "unpaid")
    after = queries.applicant_detail(engine, applicant, alice.id)
    assert [e.relevant for e in after.employment] == [False, True]
    assert {r.rule for r in after.rules} >= {"experience"}  # eligibility recomputed by the engine
    with session_scope(engine) as session:
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "employment_relevant")).one()
    assert (event.before, event.after) == ("true", "false")
