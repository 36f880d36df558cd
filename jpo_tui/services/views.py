"""The committee as the app sees it: who may open a vacancy, list rows, one applicant's panel, the chair's ranking.

Each function opens its own read session and returns frozen dataclasses. Other reviewers' scores and every
aggregate come only from :mod:`jpo_tui.committee.aggregate` (``visible_scores`` / ``ranking``), already redacted for the
viewer: until a reviewer submits their own review of an applicant they see no other score, no aggregate and no
rank for it, and a member never sees them for an applicant they declared a conflict with.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from jpo_tui.committee.aggregate import Ranking, ScoreView, ranking, visible_scores
from jpo_tui.committee.assignments import ReviewerProgress, next_for_reviewer, progress, reviewer_pool
from jpo_tui.committee.members import (
    ConflictView,
    Member,
    NotAMember,
    authenticate,
    can_score,
    conflicted_ids,
    conflicts,
    has_committee,
    is_locked,
    member,
)
from jpo_tui.committee.reviewers import clean_name
from jpo_tui.services.queries import ApplicantRow
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope


@dataclass(frozen=True)
class CommitteeContext:
    """Whether a vacancy has a committee and whether ``name`` sits on it."""

    vacancy_id: str
    has_committee: bool
    is_member: bool
    role: str  # "" when not a member
    locked: bool


@dataclass(frozen=True)
class ApplicantPanel:
    """The committee's side of one applicant, as the viewer may see it."""

    applicant_id: int
    can_score: bool
    refusal: str  # why the viewer may not score now ("" when they may)
    conflict: bool  # the viewer declared a conflict with this applicant
    view: ScoreView
    mean: float | None  # over the counted totals the viewer may see (None while hidden)
    median: float | None
    spread: float | None
    conflicts: tuple[ConflictView, ...]  # the chair sees everyone's with this applicant, a reviewer their own
    decision: str
    slot: str
    submitted: int  # my progress: submitted reviews of applicants in my pool
    to_review: int
    locked: bool


@dataclass(frozen=True)
class RankingView:
    """The chair's ranking with, per applicant id, who is conflicted and the interview slot."""

    ranking: Ranking
    conflicts: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    slots: Mapping[int, str] = field(default_factory=dict)
    submitted: int = 0  # reviews submitted by the whole committee
    members: int = 0


def context(engine: Engine, vacancy_id: str, name: str) -> CommitteeContext:
    """What opening ``vacancy_id`` as ``name`` requires: nothing (no committee), a passphrase, or is refused."""
    with session_scope(engine) as session:
        if not has_committee(session, vacancy_id):
            return CommitteeContext(vacancy_id, False, False, "", False)
        try:
            current = member(session, vacancy_id, clean_name(name))
        except NotAMember:
            return CommitteeContext(vacancy_id, True, False, "", is_locked(session, vacancy_id))
        return CommitteeContext(vacancy_id, True, True, current.role, is_locked(session, vacancy_id))


def sign_in(engine: Engine, vacancy_id: str, name: str, passphrase: str) -> Member:
    """The member after checking their passphrase (raises ``AuthenticationError`` / ``NotAMember``)."""
    with session_scope(engine) as session:
        return authenticate(session, vacancy_id, name, passphrase)


def _my_submitted(session: Session, vacancy_id: str, reviewer_id: int) -> set[int]:
    return set(session.execute(
        select(col(m.Review.applicant_id)).join(m.Applicant, col(m.Applicant.id) == m.Review.applicant_id)
        .where(col(m.Applicant.vacancy_id) == vacancy_id, col(m.Review.reviewer_id) == reviewer_id,
               col(m.Review.submitted_at).is_not(None), col(m.Review.abstained).is_(False))
    ).scalars())


def committee_rows(engine: Engine, vacancy_id: str, rows: Sequence[ApplicantRow],
                   viewer: Member) -> tuple[ApplicantRow, ...]:
    """``rows`` with the committee's columns filled in as ``viewer`` may see them (blind scoring applies)."""
    with session_scope(engine) as session:
        current = member(session, vacancy_id, viewer)
        table = ranking(session, vacancy_id, current)
        pool = reviewer_pool(session, vacancy_id, current)
        conflicted = conflicted_ids(session, vacancy_id, current.reviewer_id)
        submitted = _my_submitted(session, vacancy_id, current.reviewer_id)
    by_id = {r.applicant_id: r for r in table.rows}
    out = []
    for row in rows:
        agg = by_id.get(row.id)
        if row.id in conflicted:  # the rulebook: the key and the fact of the conflict, nothing else
            out.append(replace(row, name="", nationality="", age=None, degree="", experience_months=0.0,
                               status="review", coverage=tuple(False for _ in row.coverage), panel=None,
                               panel_state="conflict", reviews=0, to_review=False, decision=""))
            continue
        state = "hidden" if agg is None or not agg.visible else "shown"
        shown = agg if state == "shown" else None
        out.append(replace(
            row, panel=shown.aggregate if shown is not None else None, panel_state=state,
            disagreement=bool(shown is not None and shown.disagreement), reviews=agg.reviews if agg else 0,
            submitted=row.id in submitted, to_review=row.id in pool,
            decision=agg.decision if agg is not None and current.is_chair else "",
        ))
    return tuple(out)


def _my_progress(session: Session, vacancy_id: str, viewer: Member) -> tuple[int, int]:
    pool = reviewer_pool(session, vacancy_id, viewer)
    return len(pool.keys() & _my_submitted(session, vacancy_id, viewer.reviewer_id)), len(pool)


def applicant_panel(engine: Engine, vacancy_id: str, applicant_id: int, viewer: Member) -> ApplicantPanel:
    """Whether the viewer may score the applicant, and the others' reviews when blind scoring allows."""
    with session_scope(engine) as session:
        current = member(session, vacancy_id, viewer)
        allowed, refusal = can_score(session, vacancy_id, applicant_id, current.name)
        view = visible_scores(session, vacancy_id, applicant_id, current)
        seen = tuple(c for c in conflicts(session, vacancy_id, current) if c.applicant_id == applicant_id)
        decision = session.get(m.Decision, applicant_id)
        submitted, to_review = _my_progress(session, vacancy_id, current)
        locked = is_locked(session, vacancy_id)
    conflict = any(c.member == current.name for c in seen)
    totals = [t.total for t in view.others if t.total is not None]
    if view.own is not None and view.own.submitted and view.own.total is not None:
        totals.append(view.own.total)
    shown = view.visible and bool(totals)
    slot = ""
    if decision is not None and current.is_chair and decision.interview_at:
        slot = f"{decision.interview_at.replace('T', ' ')} {decision.interview_tz} ({decision.interview_minutes} min)"
    return ApplicantPanel(
        applicant_id=applicant_id, can_score=allowed, refusal=refusal, conflict=conflict, view=view,
        mean=statistics.fmean(totals) if shown else None, median=statistics.median(totals) if shown else None,
        spread=max(totals) - min(totals) if shown else None, conflicts=seen,
        decision=decision.status if decision is not None and current.is_chair else "", slot=slot,
        submitted=submitted, to_review=to_review, locked=locked,
    )


def ranking_view(engine: Engine, vacancy_id: str, viewer: Member | str, *, method: str | None = None,
                 by_normalised: bool = False) -> RankingView:
    """The ranking as ``viewer`` may see it (a reviewer: blind scoring; the single user of a vacancy without a
    committee: everything), with conflicts and interview slots per applicant when the rulebook shows them."""
    from jpo_tui.committee.decisions import slots
    from jpo_tui.committee.members import actor_of, member_or_solo
    from jpo_tui.committee.rules import Sight, sees

    with session_scope(engine) as session:
        current = member_or_solo(session, vacancy_id, viewer)
        table = ranking(session, vacancy_id, current, method=method, by_normalised=by_normalised)
        who: dict[int, list[str]] = {}
        for c in (conflicts(session, vacancy_id, current) if not current.is_solo else []):
            who.setdefault(c.applicant_id, []).append(c.member)
        actor = actor_of(session, current)
        slot_text = {s.applicant_id: f"{s.start:%Y-%m-%d %H:%M} {s.tz}" for s in slots(session, vacancy_id)
                     if sees(actor, Sight.DECISIONS, s.applicant_id)}
        submitted = session.execute(
            select(func.count()).select_from(m.Review).join(m.Applicant, col(m.Applicant.id) == m.Review.applicant_id)
            .where(col(m.Applicant.vacancy_id) == vacancy_id, col(m.Review.submitted_at).is_not(None))
        ).scalar_one()
        count = session.execute(select(func.count()).select_from(m.CommitteeMember)
                                .where(col(m.CommitteeMember.vacancy_id) == vacancy_id)).scalar_one()
    return RankingView(table, {k: tuple(v) for k, v in who.items()}, slot_text, submitted, count)


def next_applicant(engine: Engine, vacancy_id: str, viewer: Member) -> int | None:
    """"Save and next": the viewer's next applicant (fewest reviews first), skipped ones last."""
    with session_scope(engine) as session:
        found = next_for_reviewer(session, vacancy_id, viewer)
        if found is None:
            found = next_for_reviewer(session, vacancy_id, viewer, include_skipped=True)
        return found


def committee_progress(engine: Engine, vacancy_id: str) -> tuple[ReviewerProgress, ...]:
    """Every member's progress (chairs first)."""
    with session_scope(engine) as session:
        return tuple(progress(session, vacancy_id))
