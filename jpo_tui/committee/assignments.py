"""Who reviews whom: balanced assignments, "save and next", skip for now, abstain, per-reviewer progress.

The pool of applicants to review leaves out those screened ineligible (unless asked); with no assignment
(``VacancyState.per_applicant == 0``) every member reviews every applicant of the pool.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from jpo_tui.committee.members import (
    Member,
    _applicant,
    check,
    conflicted_ids,
    declare_conflict,
    is_locked,
    member,
    members,
    upsert_row,
)
from jpo_tui.committee.rules import Action
from jpo_tui.privacy import audit
from jpo_tui.store import models as m


@dataclass(frozen=True)
class AssignmentReport:
    per_applicant: int  # 0: everyone scores everyone
    added: int
    removed: int
    load: dict[str, int]  # member name -> applicants assigned
    short: tuple[str, ...]  # applicant keys that got fewer than per_applicant reviewers (conflicts)


@dataclass(frozen=True)
class ReviewerProgress:
    name: str
    role: str
    to_review: int  # applicants in their pool, conflicts left out
    submitted: int
    skipped: int
    abstained: int
    conflicts: int

    @property
    def remaining(self) -> int:
        return max(self.to_review - self.submitted, 0)  # abstentions are conflicts: out of to_review


def _state(session: Session, vacancy_id: str) -> m.VacancyState:
    state = session.get(m.VacancyState, vacancy_id)
    if state is None:
        state = m.VacancyState(vacancy_id=vacancy_id)
        session.add(state)
        session.flush()
    return state


def pool(session: Session, vacancy_id: str, *, include_ineligible: bool = False) -> dict[int, str]:
    """Applicant id -> key of the applicants the committee reviews."""
    query = (select(m.Applicant.id, m.Applicant.key, m.ScreeningResult.status)
             .join(m.ScreeningResult, col(m.ScreeningResult.applicant_id) == m.Applicant.id, isouter=True)
             .where(m.Applicant.vacancy_id == vacancy_id))
    return {aid: key for aid, key, status in session.exec(query)
            if aid is not None and (include_ineligible or status != "ineligible")}


def _assignments(session: Session, vacancy_id: str) -> dict[int, set[int]]:
    """Applicant id -> reviewer ids assigned."""
    out: dict[int, set[int]] = defaultdict(set)
    for aid, rid in session.exec(select(m.Assignment.applicant_id, m.Assignment.reviewer_id)
                                 .join(m.Applicant, col(m.Applicant.id) == m.Assignment.applicant_id)
                                 .where(m.Applicant.vacancy_id == vacancy_id)):
        out[aid].add(rid)
    return out


def _started(session: Session, vacancy_id: str) -> set[tuple[int, int]]:
    """(applicant id, reviewer id) pairs where the reviewer stored something already."""
    pairs: set[tuple[int, int]] = set()
    for table in (m.Score, m.Review):
        pairs |= set(session.exec(select(table.applicant_id, table.reviewer_id)
                                  .join(m.Applicant, col(m.Applicant.id) == table.applicant_id)
                                  .where(m.Applicant.vacancy_id == vacancy_id)))
    return pairs


def assign(session: Session, vacancy_id: str, chair: Member | str, per_applicant: int, *,
           include_ineligible: bool = False) -> AssignmentReport:
    """The chair assigns each applicant to ``per_applicant`` members (0: everyone scores everyone).

    Balanced (least-loaded member first, most constrained applicants first), conflicts respected; existing
    assignments are kept, so running it again after new imports only tops up. Surplus assignments (when k
    shrinks) are removed where the member has not started.
    """
    acting = check(session, vacancy_id, chair, Action.ASSIGN)
    if per_applicant < 0:
        raise ValueError("reviewers per applicant cannot be negative")
    committee = members(session, vacancy_id)
    if per_applicant > len(committee):
        raise ValueError(f"{per_applicant} reviewers per applicant, but the committee has {len(committee)} members")
    state = _state(session, vacancy_id)
    before = state.per_applicant
    state.per_applicant = per_applicant
    session.add(state)
    all_ids = list(pool(session, vacancy_id, include_ineligible=True))
    if per_applicant == 0:
        removed = session.exec(delete(m.Assignment).where(col(m.Assignment.applicant_id).in_(all_ids))).rowcount
        audit.record(session, acting.name, "assign", vacancy_id=vacancy_id, detail="everyone scores everyone",
                     before=before, after=0)
        return AssignmentReport(0, 0, removed or 0, {}, ())
    applicants = pool(session, vacancy_id, include_ineligible=include_ineligible)
    names = {x.reviewer_id: x.name for x in committee}
    conflicted = {x.reviewer_id: conflicted_ids(session, vacancy_id, x.reviewer_id) for x in committee}
    current = _assignments(session, vacancy_id)
    started = _started(session, vacancy_id)
    load: Counter[int] = Counter({rid: 0 for rid in names})
    for rids in current.values():
        for rid in rids:
            if rid in names:
                load[rid] += 1
    added = removed = 0
    short: list[str] = []

    def candidates(aid: int) -> list[int]:
        return [rid for rid in names if aid not in conflicted[rid] and rid not in current[aid]]

    order = sorted(applicants, key=lambda aid: (len(candidates(aid)), applicants[aid]))
    for aid in order:
        valid = {rid for rid in current[aid] if rid in names and aid not in conflicted[rid]}
        while len(valid) > per_applicant:
            free = [rid for rid in valid if (aid, rid) not in started]
            if not free:
                break
            rid = max(free, key=lambda r: (load[r], names[r]))
            session.exec(delete(m.Assignment).where(
                col(m.Assignment.applicant_id) == aid, col(m.Assignment.reviewer_id) == rid))
            valid.discard(rid)
            load[rid] -= 1
            removed += 1
        for rid in sorted(candidates(aid), key=lambda r: (load[r], names[r].casefold()))[:per_applicant - len(valid)]:
            session.add(m.Assignment(applicant_id=aid, reviewer_id=rid))
            valid.add(rid)
            load[rid] += 1
            added += 1
        if len(valid) < per_applicant:
            short.append(applicants[aid])
    session.flush()
    report = AssignmentReport(per_applicant, added, removed, {names[r]: n for r, n in load.items()},
                              tuple(sorted(short)))
    audit.record(session, acting.name, "assign", vacancy_id=vacancy_id,
                 detail=f"{per_applicant} reviewers per applicant: {added} added, {removed} removed"
                 + (f", short of reviewers: {', '.join(report.short)}" if report.short else ""),
                 before=before, after=per_applicant)
    return report


def reviewer_pool(session: Session, vacancy_id: str, reviewer: Member | str) -> dict[int, str]:
    """The applicants this member is to review: assigned ones (or all), without their conflicts."""
    current = member(session, vacancy_id, reviewer)
    applicants = pool(session, vacancy_id)
    state = session.get(m.VacancyState, vacancy_id)
    if state is not None and state.per_applicant > 0:
        assigned = set(session.exec(select(m.Assignment.applicant_id)
                                    .where(m.Assignment.reviewer_id == current.reviewer_id)))
        applicants = {aid: key for aid, key in pool(session, vacancy_id, include_ineligible=True).items()
                      if aid in assigned}
    conflicted = conflicted_ids(session, vacancy_id, current.reviewer_id)
    return {aid: key for aid, key in applicants.items() if aid not in conflicted}


def submitted_counts(session: Session, vacancy_id: str) -> Counter[int]:
    """Applicant id -> submitted (not abstained) reviews."""
    rows = session.exec(select(m.Review.applicant_id, func.count())
                        .join(m.Applicant, col(m.Applicant.id) == m.Review.applicant_id)
                        .where(m.Applicant.vacancy_id == vacancy_id, col(m.Review.submitted_at).is_not(None),
                               col(m.Review.abstained).is_(False))
                        .group_by(col(m.Review.applicant_id)))
    return Counter(dict(rows.all()))


def next_for_reviewer(session: Session, vacancy_id: str, reviewer: Member | str, *,
                      include_skipped: bool = False) -> int | None:
    """The next applicant for "save and next": in their pool, not submitted, abstained or skipped, fewest
    reviews so far first (then key). With ``include_skipped``, skipped ones come back after the others."""
    if is_locked(session, vacancy_id):
        return None
    current = member(session, vacancy_id, reviewer)
    candidates = reviewer_pool(session, vacancy_id, current)
    reviews = {r.applicant_id: r for r in session.exec(select(m.Review).where(
        m.Review.reviewer_id == current.reviewer_id,
        col(m.Review.applicant_id).in_(list(candidates))))}
    counts = submitted_counts(session, vacancy_id)
    order = []
    for aid, key in candidates.items():
        review = reviews.get(aid)
        if review is not None and (review.submitted_at is not None or review.abstained):
            continue
        skipped = review is not None and review.skipped_at is not None
        if skipped and not include_skipped:
            continue
        order.append((skipped, counts[aid], key, aid))
    return min(order)[3] if order else None


def skip_for_now(session: Session, vacancy_id: str, reviewer: Member | str, applicant_id: int) -> None:
    """Put the applicant aside: "next" offers it again only after the others (``include_skipped``)."""
    current = member(session, vacancy_id, reviewer)
    _applicant(session, vacancy_id, applicant_id)
    upsert_row(session, m.Review, {"applicant_id": applicant_id, "reviewer_id": current.reviewer_id},
               {"skipped_at": m.utcnow(), "updated_at": m.utcnow()})


def abstain(session: Session, vacancy_id: str, reviewer: Member | str, applicant_id: int, reason: str) -> None:
    """The reviewer abstains on this applicant because of a conflict of interest (declared, with its reason)."""
    current = member(session, vacancy_id, reviewer)
    declare_conflict(session, vacancy_id, current, applicant_id, reason)
    upsert_row(session, m.Review, {"applicant_id": applicant_id, "reviewer_id": current.reviewer_id},
               {"abstained": True, "updated_at": m.utcnow()})


def progress(session: Session, vacancy_id: str) -> list[ReviewerProgress]:
    """Per member: applicants to review, submitted, skipped, abstained, conflicts."""
    out = []
    for x in members(session, vacancy_id):
        mine = reviewer_pool(session, vacancy_id, x)
        reviews = session.exec(select(m.Review).join(m.Applicant, col(m.Applicant.id) == m.Review.applicant_id)
                               .where(m.Applicant.vacancy_id == vacancy_id,
                                      m.Review.reviewer_id == x.reviewer_id)).all()
        submitted = sum(1 for r in reviews if r.submitted_at and not r.abstained and r.applicant_id in mine)
        skipped = sum(1 for r in reviews if r.skipped_at and not r.submitted_at and not r.abstained)
        abstained = sum(1 for r in reviews if r.abstained)
        out.append(ReviewerProgress(x.name, x.role, len(mine), submitted, skipped, abstained,
                                    len(conflicted_ids(session, vacancy_id, x.reviewer_id))))
    return out
