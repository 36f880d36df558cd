"""A reviewer's scores, comments and recommendation for one applicant.

Every change is one row written (an upsert of the reviewer's own Score or Review row, never a read-modify-write
of a row another reviewer shares) together with an audit event, in a single transaction.

When the vacancy has a committee, every write first checks, in that same transaction, that the reviewer is a
member, has no conflict of interest with the applicant and that the chair has not locked the ranking
(:func:`jpo_tui.committee.members.check_can_score`, raising a ``CommitteeError``). A vacancy without a committee keeps
the single-reviewer behaviour: anyone named may score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from jpo_tui.committee import aggregate
from jpo_tui.committee import members as committee
from jpo_tui.committee.reviewers import ReviewerInfo
from jpo_tui.core.errors import NotFound
from jpo_tui.core.safetext import strip_controls
from jpo_tui.privacy import audit
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope

SCALE: dict[int, str] = {0: "no evidence", 1: "weak", 2: "some", 3: "good", 4: "very good", 5: "excellent"}
MAX_SCORE = max(SCALE)
RECOMMENDATIONS = ("shortlist", "maybe", "reject")
MAX_COMMENT = 4000


class ScoringError(ValueError):
    """A score or recommendation outside what the scale allows."""


@dataclass(frozen=True)
class ReviewState:
    """One reviewer's view of one applicant, as stored."""

    scores: Mapping[int, int | None] = field(default_factory=dict)  # criterion id -> 0..5
    comments: Mapping[int, str] = field(default_factory=dict)  # criterion id -> comment
    comment: str = ""
    recommendation: str = ""
    submitted: bool = False


def weighted_total(scores: Mapping[int, int | None], weights: Mapping[int, float]) -> float | None:
    """The weighted mean of the scores given (0-5) rounded for display, or None when nothing is scored yet."""
    total = aggregate.weighted_total(scores, weights)
    return None if total is None else round(total, 2)


def _target(session: Session, applicant_id: int, reviewer: ReviewerInfo) -> tuple[str, str]:
    """The applicant's (vacancy id, key); the reviewer's concurrent writes on them take turns."""
    row = session.execute(
        sa_select(col(m.Applicant.vacancy_id), col(m.Applicant.key)).where(col(m.Applicant.id) == applicant_id)
    ).first()
    if row is None:
        raise NotFound(f"no applicant with id {applicant_id}")
    if session.get_bind().dialect.name == "postgresql":
        # The same reviewer's concurrent writes on one applicant take turns, so each reads the true "before"
        # (SQLite writers already hold the database's write lock from BEGIN IMMEDIATE).
        session.execute(text("SELECT pg_advisory_xact_lock(:a, :r)"), {"a": applicant_id, "r": reviewer.id})
    return row[0], row[1]


def _checked(session: Session, applicant_id: int, reviewer: ReviewerInfo) -> None:
    """The committee's check that ``reviewer`` may act on the applicant now (the engine-level writes below; the
    services ask the rulebook instead and call the ``*_in`` writes)."""
    vacancy_id, _ = _target(session, applicant_id, reviewer)
    if committee.has_committee(session, vacancy_id):
        committee.check_can_score(session, vacancy_id, applicant_id, reviewer.name)


def _criterion_name(session: Session, criterion_id: int, vacancy_id: str) -> str:
    crit = session.get(m.Criterion, criterion_id)
    if crit is None or crit.vacancy_id != vacancy_id:
        raise ScoringError(f"criterion {criterion_id} does not belong to vacancy {vacancy_id}")
    return crit.name


def _own_score(session: Session, applicant_id: int, reviewer_id: int, criterion_id: int) -> m.Score | None:
    return session.exec(select(m.Score).where(
        m.Score.applicant_id == applicant_id, m.Score.reviewer_id == reviewer_id,
        m.Score.criterion_id == criterion_id,
    )).first()


def score_in(session: Session, applicant_id: int, reviewer: ReviewerInfo, criterion_id: int,
             value: int | None) -> int | None:
    """Record ``reviewer``'s score (0-5, None clears it) on one criterion, with its audit event, inside the
    caller's transaction; returns the score it replaced."""
    if value is not None and (isinstance(value, bool) or value not in SCALE):
        raise ScoringError(f"a score is a whole number from 0 to {MAX_SCORE}, not {value!r}")
    vacancy_id, key = _target(session, applicant_id, reviewer)
    name = _criterion_name(session, criterion_id, vacancy_id)
    old = _own_score(session, applicant_id, reviewer.id, criterion_id)
    before = old.value if old else None
    committee.upsert_row(session, m.Score, {"applicant_id": applicant_id, "reviewer_id": reviewer.id,
                               "criterion_id": criterion_id}, {"value": value, "updated_at": m.utcnow()})
    audit.record(session, reviewer.name, "score", vacancy_id=vacancy_id, applicant_key=key,
                 detail=name, before=before, after=value)
    return before


def criterion_comment_in(session: Session, applicant_id: int, reviewer: ReviewerInfo, criterion_id: int,
                         comment: str) -> None:
    """Record ``reviewer``'s comment on one criterion, with its audit event, inside the caller's transaction."""
    comment = strip_controls(comment).strip()[:MAX_COMMENT]
    vacancy_id, key = _target(session, applicant_id, reviewer)
    name = _criterion_name(session, criterion_id, vacancy_id)
    old = _own_score(session, applicant_id, reviewer.id, criterion_id)
    committee.upsert_row(session, m.Score, {"applicant_id": applicant_id, "reviewer_id": reviewer.id,
                               "criterion_id": criterion_id}, {"comment": comment, "updated_at": m.utcnow()})
    audit.record(session, reviewer.name, "score_comment", vacancy_id=vacancy_id, applicant_key=key,
                 detail=name, before=old.comment if old else "", after=comment)


def _review_in(session: Session, applicant_id: int, reviewer: ReviewerInfo, action: str, column: str,
               value: Any) -> None:
    vacancy_id, key = _target(session, applicant_id, reviewer)
    old = session.exec(select(m.Review).where(
        m.Review.applicant_id == applicant_id, m.Review.reviewer_id == reviewer.id)).first()
    before = getattr(old, column) if old else None
    committee.upsert_row(session, m.Review, {"applicant_id": applicant_id, "reviewer_id": reviewer.id},
            {column: value, "updated_at": m.utcnow()})
    audit.record(session, reviewer.name, action, vacancy_id=vacancy_id, applicant_key=key,
                 before=before, after=value)


def overall_comment_in(session: Session, applicant_id: int, reviewer: ReviewerInfo, comment: str) -> None:
    """Record ``reviewer``'s overall comment on the applicant inside the caller's transaction."""
    _review_in(session, applicant_id, reviewer, "review_comment", "comment",
               strip_controls(comment).strip()[:MAX_COMMENT])


def recommendation_in(session: Session, applicant_id: int, reviewer: ReviewerInfo, recommendation: str) -> None:
    """Record ``reviewer``'s recommendation (shortlist, maybe, reject; "" clears it) inside the caller's
    transaction."""
    if recommendation not in (*RECOMMENDATIONS, ""):
        raise ScoringError(f"a recommendation is one of {', '.join(RECOMMENDATIONS)}, not {recommendation!r}")
    _review_in(session, applicant_id, reviewer, "recommendation", "recommendation", recommendation)


def submit_in(session: Session, applicant_id: int, reviewer: ReviewerInfo) -> None:
    """Mark ``reviewer``'s review of the applicant as submitted (now) inside the caller's transaction."""
    _review_in(session, applicant_id, reviewer, "review_submitted", "submitted_at", m.utcnow())


def set_score(engine: Engine, applicant_id: int, reviewer: ReviewerInfo, criterion_id: int, value: int | None) -> None:
    """Record ``reviewer``'s score (0-5, None clears it) of the applicant on one criterion."""
    with session_scope(engine, write=True) as session:
        _checked(session, applicant_id, reviewer)
        score_in(session, applicant_id, reviewer, criterion_id, value)


def set_criterion_comment(engine: Engine, applicant_id: int, reviewer: ReviewerInfo, criterion_id: int,
                          comment: str) -> None:
    """Record ``reviewer``'s comment on one criterion for the applicant."""
    with session_scope(engine, write=True) as session:
        _checked(session, applicant_id, reviewer)
        criterion_comment_in(session, applicant_id, reviewer, criterion_id, comment)


def set_overall_comment(engine: Engine, applicant_id: int, reviewer: ReviewerInfo, comment: str) -> None:
    """Record ``reviewer``'s overall comment on the applicant."""
    with session_scope(engine, write=True) as session:
        _checked(session, applicant_id, reviewer)
        overall_comment_in(session, applicant_id, reviewer, comment)


def set_recommendation(engine: Engine, applicant_id: int, reviewer: ReviewerInfo, recommendation: str) -> None:
    """Record ``reviewer``'s recommendation: shortlist, maybe, reject (or "" to clear it)."""
    with session_scope(engine, write=True) as session:
        _checked(session, applicant_id, reviewer)
        recommendation_in(session, applicant_id, reviewer, recommendation)


def submit_review(engine: Engine, applicant_id: int, reviewer: ReviewerInfo) -> None:
    """Mark ``reviewer``'s review of the applicant as submitted (now)."""
    with session_scope(engine, write=True) as session:
        _checked(session, applicant_id, reviewer)
        submit_in(session, applicant_id, reviewer)


def review_state(engine: Engine, applicant_id: int, reviewer_id: int) -> ReviewState:
    """What ``reviewer_id`` has stored for the applicant."""
    with session_scope(engine) as session:
        return review_state_in(session, applicant_id, reviewer_id)


def review_state_in(session: Session, applicant_id: int, reviewer_id: int) -> ReviewState:
    """:func:`review_state` inside the caller's session."""
    rows = session.exec(select(m.Score).where(
        m.Score.applicant_id == applicant_id, m.Score.reviewer_id == reviewer_id)).all()
    review = session.exec(select(m.Review).where(
        m.Review.applicant_id == applicant_id, m.Review.reviewer_id == reviewer_id)).first()
    return ReviewState(
        scores={r.criterion_id: r.value for r in rows if r.value is not None},
        comments={r.criterion_id: r.comment for r in rows if r.comment},
        comment=review.comment if review else "",
        recommendation=review.recommendation if review else "",
        submitted=bool(review and review.submitted_at),
    )


def mark_employment_relevant(session: Session, vacancy_id: str, actor_name: str, applicant_id: int, entry_id: int,
                             relevant: bool, reason: str) -> str:
    """Mark one employment entry (not) relevant with the reason and recompute the applicant's eligibility.

    The caller (``services.review``) asked the rulebook: it is the chair's decision, or the single user's.
    Returns the new eligibility status.
    """
    from jpo_tui.screening.rescreen import rescreen

    reason = " ".join(reason.split())[:MAX_COMMENT]
    if not reason:
        raise ValueError("marking an employment entry (not) relevant needs a reason")
    applicant = session.get(m.Applicant, applicant_id)
    if applicant is None or applicant.vacancy_id != vacancy_id:
        raise NotFound(f"no applicant with id {applicant_id} in vacancy {vacancy_id}")
    entry = session.get(m.EmploymentEntry, entry_id)
    if entry is None or entry.applicant_id != applicant_id:
        raise NotFound(f"no employment entry {entry_id} for applicant {applicant.key}")
    before = entry.relevant
    entry.relevant = relevant
    session.add(entry)
    session.flush()
    rescreen(session, vacancy_id, applicant_ids=[applicant_id], matching=False)
    audit.record(session, actor_name, "employment_relevant", vacancy_id=vacancy_id, applicant_key=applicant.key,
                 detail=f"{entry.title} — {entry.employer} ({entry.start or '?'}–{entry.end or '?'}): {reason}",
                 before=before, after=relevant)
    result = session.get(m.ScreeningResult, applicant_id)
    return result.status if result is not None else "review"


def scored_count(scores: Iterable[int | None]) -> int:
    """How many criteria carry a score."""
    return sum(1 for v in scores if v is not None)
