"""The committee's rules enforced in the scoring write path: members only, no conflicts, nothing after the lock."""

from __future__ import annotations

import pytest
from sqlmodel import select

from jpo_tui.committee import scoring
from jpo_tui.committee.assignments import abstain
from jpo_tui.committee.decisions import lock_ranking
from jpo_tui.committee.members import ConflictOfInterest, NotAMember, RankingLocked
from jpo_tui.committee.reviewers import ReviewerInfo, get_or_create_reviewer
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import VACANCY, ids, make_committee, make_vacancy

APPLICANTS = {"K1": "Ann One", "K2": "Bo Two"}


def _reviewer(engine, name: str) -> ReviewerInfo:  # noqa: ANN001
    return get_or_create_reviewer(engine, name)


def _rows(engine, table: type) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(table)))


def _writes(engine, applicant_id: int, who: ReviewerInfo, criterion_id: int) -> list:  # noqa: ANN001
    """Every scoring write, as callables."""
    return [
        lambda: scoring.set_score(engine, applicant_id, who, criterion_id, 3),
        lambda: scoring.set_criterion_comment(engine, applicant_id, who, criterion_id, "note"),
        lambda: scoring.set_overall_comment(engine, applicant_id, who, "overall"),
        lambda: scoring.set_recommendation(engine, applicant_id, who, "shortlist"),
        lambda: scoring.submit_review(engine, applicant_id, who),
    ]


def test_without_committee_anyone_named_scores(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    known = ids(engine)
    stranger = _reviewer(engine, "stranger")
    for write in _writes(engine, known["K1"], stranger, known["c:Evaluation"]):
        write()
    (score,) = _rows(engine, m.Score)
    (review,) = _rows(engine, m.Review)
    assert (score.value, score.comment) == (3, "note")
    assert (review.comment, review.recommendation, review.submitted_at is not None) == ("overall", "shortlist", True)


def test_non_member_is_refused_and_nothing_is_written(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine)
    known = ids(engine)
    stranger = _reviewer(engine, "stranger")
    for write in _writes(engine, known["K1"], stranger, known["c:Evaluation"]):
        with pytest.raises(NotAMember):
            write()
    assert _rows(engine, m.Score) == [] and _rows(engine, m.Review) == []
    with session_scope(engine) as session:
        actions = set(session.exec(select(m.AuditEvent.action)))
    assert not actions & {"score", "score_comment", "review_comment", "recommendation", "review_submitted"}


def test_member_scores_but_not_where_conflicted(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine)
    known = ids(engine)
    ana = _reviewer(engine, "ana")
    scoring.set_score(engine, known["K2"], ana, known["c:Climate"], 4)
    with session_scope(engine, write=True) as session:
        abstain(session, VACANCY, "ana", known["K1"], "former colleague")
    for write in _writes(engine, known["K1"], ana, known["c:Evaluation"]):
        with pytest.raises(ConflictOfInterest):
            write()
    assert [(s.applicant_id, s.value) for s in _rows(engine, m.Score)] == [(known["K2"], 4)]


def test_nothing_changes_after_the_lock(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine)
    known = ids(engine)
    ben = _reviewer(engine, "ben")
    scoring.set_score(engine, known["K1"], ben, known["c:French"], 2)
    with session_scope(engine, write=True) as session:
        lock_ranking(session, VACANCY, "chair", incomplete_ok=True)
    for write in _writes(engine, known["K1"], ben, known["c:French"]):
        with pytest.raises(RankingLocked):
            write()
    (score,) = _rows(engine, m.Score)
    assert score.value == 2 and score.comment == ""
