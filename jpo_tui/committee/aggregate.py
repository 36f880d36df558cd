"""Aggregating reviewers' scores and ranking applicants, redacted for the person looking.

Per reviewer and applicant the weighted total is sum(score * weight) / sum(weight) over the criteria scored
(0-5). Only submitted, non-abstained reviews by members without a conflict count. Per applicant: the mean or
median of those totals (the chair's choice), the spread max - min (HotCRP's measure), a flag when the spread
exceeds the vacancy's threshold, and a z-score normalised aggregate (each reviewer's totals centred on their
own mean and scaled by their own deviation, mapped back to the 0-5 scale) to correct harsh or lenient reviewers.

Blind scoring lives here: a reviewer sees others' scores of an applicant, and any aggregate or rank derived from
them, only after submitting their own review of that applicant (with at least one score: an empty review
submitted to peek unlocks nothing); a conflicted member (chair included) never does. The normalisation statistics
are computed per viewer from the applicants they may see, so no hidden total moves a visible number.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from jpo_tui.committee import rules
from jpo_tui.committee.members import Member, _applicant, member_or_solo
from jpo_tui.committee.rules import Sight
from jpo_tui.store import models as m

_Row = TypeVar("_Row", m.Score, m.Review, m.Conflict)

ELIGIBILITY_ORDER = {"eligible": 0, "review": 1, "ineligible": 2}
METHODS = ("mean", "median")


@dataclass(frozen=True)
class ReviewerTotal:
    """One reviewer's review of one applicant."""

    reviewer: str
    scores: Mapping[str, int | None]  # criterion name -> 0..5
    total: float | None
    submitted: bool
    recommendation: str = ""
    comment: str = ""


@dataclass(frozen=True)
class ScoreView:
    """What a viewer may see of one applicant's scores."""

    applicant_id: int
    own: ReviewerTotal | None
    others: tuple[ReviewerTotal, ...]
    visible: bool  # False: others' scores withheld (``reason`` says why)
    reason: str
    submitted_reviews: int


@dataclass(frozen=True)
class ApplicantAggregate:
    applicant_id: int
    key: str
    name: str
    eligibility: str
    decision: str
    reviews: int  # submitted reviews that count (a count reveals no score)
    visible: bool
    hidden_reason: str = ""
    totals: tuple[ReviewerTotal, ...] = ()
    mean: float | None = None
    median: float | None = None
    aggregate: float | None = None  # mean or median, as the chair chose
    normalised: float | None = None
    spread: float | None = None
    disagreement: bool = False
    per_criterion: Mapping[str, float | None] = field(default_factory=dict)
    rank: int | None = None
    tie_break: str = ""
    override: str = ""


@dataclass(frozen=True)
class Ranking:
    vacancy_id: str
    viewer: str
    method: str
    threshold: float
    by_normalised: bool
    locked: bool
    rows: tuple[ApplicantAggregate, ...]


def weighted_total(scores: Mapping[int, int | None], weights: Mapping[int, float]) -> float | None:
    """sum(score * weight) / sum(weight) over the criteria scored; None when nothing is scored."""
    num = den = 0.0
    for cid, value in scores.items():
        if value is None or cid not in weights:
            continue
        num += weights[cid] * value
        den += weights[cid]
    return num / den if den else None


@dataclass
class _Data:
    criteria: dict[int, m.Criterion]
    applicants: dict[int, m.Applicant]
    names: dict[int, str]  # reviewer id -> name
    scores: dict[tuple[int, int], dict[int, int | None]]  # (applicant, reviewer) -> criterion -> value
    reviews: dict[tuple[int, int], m.Review]
    conflicts: set[tuple[int, int]]
    reviewers_of: dict[int, list[int]] = field(default_factory=dict)  # applicant -> reviewer ids with a Review


def _load(session: Session, vacancy_id: str, applicant_ids: list[int] | None = None) -> _Data:
    crits = {m.saved_id(c): c for c in session.exec(select(m.Criterion).where(m.Criterion.vacancy_id == vacancy_id))}
    q = select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id)
    if applicant_ids is not None:
        q = q.where(col(m.Applicant.id).in_(applicant_ids))
    applicants = {m.saved_id(a): a for a in session.exec(q)}

    def rows(table: type[_Row]) -> list[_Row]:
        query = (select(table).join(m.Applicant, col(m.Applicant.id) == table.applicant_id)
                 .where(m.Applicant.vacancy_id == vacancy_id))
        return list(session.exec(query))

    scores: dict[tuple[int, int], dict[int, int | None]] = defaultdict(dict)
    for s in rows(m.Score):
        scores[(s.applicant_id, s.reviewer_id)][s.criterion_id] = s.value
    reviews = {(r.applicant_id, r.reviewer_id): r for r in rows(m.Review)}
    conflicts = {(c.applicant_id, c.reviewer_id) for c in rows(m.Conflict)}
    names = {m.saved_id(r): r.name for r in session.exec(select(m.Reviewer))}
    reviewers_of: dict[int, list[int]] = defaultdict(list)
    for aid, rid in reviews:
        reviewers_of[aid].append(rid)
    return _Data(crits, applicants, names, scores, reviews, conflicts, reviewers_of)


def _total(data: _Data, aid: int, rid: int) -> ReviewerTotal:
    raw = data.scores.get((aid, rid), {})
    review = data.reviews.get((aid, rid))
    weights = {cid: c.weight for cid, c in data.criteria.items()}
    return ReviewerTotal(
        reviewer=data.names.get(rid, "?"),
        scores={c.name: raw.get(cid) for cid, c in sorted(data.criteria.items(), key=lambda x: x[1].position)},
        total=weighted_total(raw, weights),
        submitted=bool(review and review.submitted_at and not review.abstained),
        recommendation=review.recommendation if review else "",
        comment=review.comment if review else "",
    )


def _counting(data: _Data, aid: int) -> list[int]:
    """Reviewer ids whose review of ``aid`` counts: submitted, not abstained, no conflict, something scored."""
    out = []
    for rid in data.reviewers_of.get(aid, ()):
        review = data.reviews[(aid, rid)]
        if not review.submitted_at or review.abstained or (aid, rid) in data.conflicts:
            continue
        if _scored_any(data, aid, rid):
            out.append(rid)
    return sorted(out, key=lambda r: data.names.get(r, ""))


def _scored_any(data: _Data, aid: int, rid: int) -> bool:
    return any(v is not None and cid in data.criteria for cid, v in data.scores.get((aid, rid), {}).items())


def actor(data: _Data, viewer: Member) -> rules.Actor:
    """The rulebook's actor for ``viewer`` with the conflicts loaded in ``data``."""
    role = (rules.Role.SOLO if viewer.is_solo else rules.Role.CHAIR if viewer.is_chair else rules.Role.REVIEWER)
    mine = frozenset(aid for aid, rid in data.conflicts if rid == viewer.reviewer_id)
    return rules.Actor(viewer.name, viewer.vacancy_id, role, viewer.reviewer_id, mine)


def own_review_counts(data: _Data, aid: int, rid: int) -> bool:
    """Whether the reviewer submitted a scored, non-abstained review of the applicant (blind scoring's key)."""
    own = data.reviews.get((aid, rid))
    # An empty review submitted to peek does not count: the viewer's own score must be in (as in _counting).
    return bool(own is not None and own.submitted_at and not own.abstained and _scored_any(data, aid, rid))


def visibility(data: _Data, aid: int, viewer: rules.Actor) -> tuple[bool, str]:
    """Whether the viewer sees others' scores of the applicant (the rulebook's blind scoring), and why not."""
    own = viewer.reviewer_id is not None and own_review_counts(data, aid, viewer.reviewer_id)
    if rules.sees(viewer, Sight.OTHERS_SCORES, aid, own_review_submitted=own):
        return True, ""
    return False, rules.hidden_reason(viewer, Sight.OTHERS_SCORES, aid)


def visible_scores(session: Session, vacancy_id: str, applicant_id: int, viewer_name: Member | str) -> ScoreView:
    """The viewer's own review (always) and the others' reviews when blind scoring allows it."""
    viewer = member_or_solo(session, vacancy_id, viewer_name)
    _applicant(session, vacancy_id, applicant_id)
    data = _load(session, vacancy_id, [applicant_id])
    visible, reason = visibility(data, applicant_id, actor(data, viewer))
    counting = _counting(data, applicant_id)
    conflicted = (applicant_id, viewer.reviewer_id) in data.conflicts
    mine = (applicant_id, viewer.reviewer_id)
    own = _total(data, *mine) if not conflicted and (mine in data.scores or mine in data.reviews) else None
    others = tuple(_total(data, applicant_id, rid) for rid in counting if rid != viewer.reviewer_id) \
        if visible else ()
    return ScoreView(applicant_id, own, others, visible, reason, len(counting))


def _normalisers(data: _Data, counting: dict[int, list[int]]) -> tuple[dict[int, tuple[float, float]], float, float]:
    """Per reviewer (mean, stdev) of their counted totals, and the overall mean and stdev."""
    by_reviewer: dict[int, list[float]] = defaultdict(list)
    for aid, rids in counting.items():
        for rid in rids:
            t = _total(data, aid, rid).total
            if t is not None:
                by_reviewer[rid].append(t)
    every = [t for ts in by_reviewer.values() for t in ts]
    g_mean = statistics.fmean(every) if every else 0.0
    g_sd = statistics.pstdev(every) if len(every) > 1 else 0.0
    stats = {rid: (statistics.fmean(ts), statistics.pstdev(ts) if len(ts) > 1 else 0.0)
             for rid, ts in by_reviewer.items()}
    return stats, g_mean, g_sd


def _summarise(data: _Data, aid: int, rids: list[int], method: str, threshold: float,
               norm: tuple[dict[int, tuple[float, float]], float, float]) -> dict[str, Any]:
    totals = [_total(data, aid, rid) for rid in rids]
    values = [t.total for t in totals if t.total is not None]
    if not values:
        return {"totals": tuple(totals)}
    stats, g_mean, g_sd = norm
    normalised = []
    for rid, t in zip(rids, totals, strict=True):
        if t.total is None:
            continue
        r_mean, r_sd = stats.get(rid, (t.total, 0.0))
        normalised.append(g_mean + ((t.total - r_mean) / r_sd) * g_sd if r_sd > 0 else g_mean + t.total - r_mean)
    per_criterion = {}
    for cid, c in sorted(data.criteria.items(), key=lambda x: x[1].position):
        vals = [v for rid in rids if (v := data.scores.get((aid, rid), {}).get(cid)) is not None]
        per_criterion[c.name] = statistics.fmean(vals) if vals else None
    mean, median = statistics.fmean(values), statistics.median(values)
    spread = max(values) - min(values)
    pick = statistics.median if method == "median" else statistics.fmean
    return {
        "totals": tuple(totals), "mean": mean, "median": median, "aggregate": mean if method == "mean" else median,
        "normalised": max(0.0, min(5.0, pick(normalised))), "spread": spread,
        "disagreement": len(values) > 1 and spread > threshold, "per_criterion": per_criterion,
    }


def _sort_key(row: ApplicantAggregate, by_normalised: bool) -> tuple:
    value = row.normalised if by_normalised else row.aggregate
    return (value is None, -round(value or 0.0, 6), -row.reviews, ELIGIBILITY_ORDER.get(row.eligibility, 1), row.key)


def _tie_reason(prev: ApplicantAggregate, row: ApplicantAggregate, by_normalised: bool) -> str:
    a = prev.normalised if by_normalised else prev.aggregate
    b = row.normalised if by_normalised else row.aggregate
    if a is None or b is None or round(a, 6) != round(b, 6):
        return ""
    head = f"tied at {b:.2f} with {prev.key}: placed after it by "
    if prev.reviews != row.reviews:
        return head + f"number of reviews ({row.reviews} vs {prev.reviews})"
    if prev.eligibility != row.eligibility:
        return head + f"eligibility ({row.eligibility} vs {prev.eligibility})"
    return head + "key order"


def ranking(session: Session, vacancy_id: str, viewer: Member | str, *, method: str | None = None,
            by_normalised: bool = False) -> Ranking:
    """Every applicant with aggregates and rank, as ``viewer`` may see them.

    The chair sees every applicant (except their own conflicts), the decisions and the chair's rank overrides; a
    reviewer sees aggregates and ranks only for applicants whose review they submitted (ranked among those), the
    rest listed after them by key with no score, and no decision (as in the app: the chair's decisions do not
    steer independent scoring).
    """
    current = member_or_solo(session, vacancy_id, viewer)
    state = session.get(m.VacancyState, vacancy_id) or m.VacancyState(vacancy_id=vacancy_id)
    method = method or state.aggregation or "mean"
    if method not in METHODS:
        raise ValueError(f"aggregation is one of {', '.join(METHODS)}, not {method!r}")
    data = _load(session, vacancy_id)
    screening = {s.applicant_id: s.status for s in session.exec(
        select(m.ScreeningResult).join(m.Applicant, col(m.Applicant.id) == m.ScreeningResult.applicant_id)
        .where(m.Applicant.vacancy_id == vacancy_id))}
    decisions = {d.applicant_id: d for d in session.exec(
        select(m.Decision).join(m.Applicant, col(m.Applicant.id) == m.Decision.applicant_id)
        .where(m.Applicant.vacancy_id == vacancy_id))}
    counting = {aid: _counting(data, aid) for aid in data.applicants}
    who = actor(data, current)
    seen = {aid: visibility(data, aid, who) for aid in data.applicants}
    # The z-scores use only the totals the viewer may see: each reviewer's mean and deviation over applicants
    # still hidden from the viewer would otherwise move the visible normalised scores and betray those totals.
    norm = _normalisers(data, {aid: rids for aid, rids in counting.items() if seen[aid][0]})
    shown, hidden = [], []
    for aid, a in data.applicants.items():
        # A conflicted viewer sees the key and the fact of the conflict, nothing else (the rulebook's FILE).
        file = rules.sees(who, Sight.FILE, aid)
        base: dict[str, Any] = {"applicant_id": aid, "key": a.key, "name": a.name if file else "",
                "eligibility": screening.get(aid, "review") if file else "",
                "decision": decisions[aid].status if aid in decisions and rules.sees(who, Sight.DECISIONS, aid)
                else "",
                "reviews": len(counting[aid]) if file else 0}
        visible, why = seen[aid]
        if not visible:
            hidden.append(ApplicantAggregate(**base, visible=False, hidden_reason=why))
            continue
        summary = _summarise(data, aid, counting[aid], method, state.disagreement_threshold, norm)
        shown.append(ApplicantAggregate(**base, visible=True, **summary))
    shown.sort(key=lambda r: _sort_key(r, by_normalised))
    ranked = []
    for i, row in enumerate(shown):
        reason = _tie_reason(shown[i - 1], row, by_normalised) if i else ""
        ranked.append(_replace(row, tie_break=reason))
    if rules.sees(who, Sight.DECISIONS):
        ranked = _apply_overrides(ranked, decisions)
    ranked = [_replace(r, rank=i + 1) for i, r in enumerate(ranked)]
    hidden.sort(key=lambda r: r.key)
    return Ranking(vacancy_id, current.name, method, state.disagreement_threshold, by_normalised, state.locked,
                   tuple(ranked + hidden))


def _replace(row: ApplicantAggregate, **changes: Any) -> ApplicantAggregate:
    from dataclasses import replace

    return replace(row, **changes)


def _apply_overrides(rows: list[ApplicantAggregate], decisions: Mapping[int, m.Decision]) -> list[ApplicantAggregate]:
    """Move applicants the chair placed by hand to their rank, with the reason shown."""
    moved = sorted(((rank, i, r) for i, r in enumerate(rows)
                    if r.applicant_id in decisions and (rank := decisions[r.applicant_id].rank_override)),
                   key=lambda x: (x[0], x[1]))
    ids = {r.applicant_id for _, _, r in moved}
    rest = [r for r in rows if r.applicant_id not in ids]
    for target, natural, row in moved:
        d = decisions[row.applicant_id]
        note = f"placed at {target} by the chair (computed {natural + 1})" + (f": {d.reason}" if d.reason else "")
        rest.insert(min(max(int(target) - 1, 0), len(rest)), _replace(row, override=note))
    return rest
