"""The chair's actions: decisions (not suitable / long list / short list) applied in one batch, rank overrides,
interview slots, eligibility overrides, the aggregation method, and locking the ranking.

Every function checks the role in the database, refuses changes once the ranking is locked, and records an
audit event per change in the caller's transaction (so a batch commits whole or not at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from jpo_tui.committee.aggregate import METHODS, _sort_key, ranking
from jpo_tui.committee.members import (
    Member,
    RankingLocked,
    applicant_by_key,
    check,
    is_locked,
)
from jpo_tui.committee.rules import Action
from jpo_tui.core.safetext import strip_controls
from jpo_tui.privacy import audit
from jpo_tui.store import models as m

STATUSES = ("not_suitable", "long_list", "short_list")
LEVEL = {"not_suitable": 0, "long_list": 1, "short_list": 2}
SLOT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class DecisionChange:
    """One pending change: a new status and/or a rank placed by hand (0 clears it), with the reason."""

    applicant_key: str
    status: str | None = None
    reason: str = ""
    rank: int | None = None


@dataclass(frozen=True)
class Slot:
    applicant_id: int
    key: str
    name: str
    start: datetime  # aware, in the slot's time zone
    minutes: int
    tz: str
    url: str


def _unlocked(session: Session, vacancy_id: str) -> None:
    if is_locked(session, vacancy_id):
        raise RankingLocked(f"the ranking of vacancy {vacancy_id} is locked: decisions can no longer change")


def _ranking_conflicts(order: list[int], status: dict[int, str], changed: set[int]) -> dict[int, int]:
    """Changed applicants whose status goes against the computed order, with the applicant they jump."""
    out: dict[int, int] = {}
    pos = {aid: i for i, aid in enumerate(order)}
    decided = [aid for aid in order if status.get(aid) in LEVEL]
    for aid in changed:
        if status.get(aid) not in LEVEL or aid not in pos:
            continue
        mine = LEVEL[status[aid]]
        for other in decided:
            if other == aid:
                continue
            theirs = LEVEL[status[other]]
            if (pos[other] < pos[aid] and theirs < mine) or (pos[other] > pos[aid] and theirs > mine):
                out[aid] = other
                break
    return out


def apply_decisions(session: Session, vacancy_id: str, chair: Member | str,
                    changes: list[DecisionChange]) -> list[str]:
    """Apply the chair's pending decisions together; any invalid change refuses the whole batch.

    A reason is required for a rank placed by hand, for a status that goes against the computed ranking (placing
    someone above a better-ranked applicant, or below a worse-ranked one) and for listing an ineligible applicant.
    Returns one line per change applied.
    """
    acting = check(session, vacancy_id, chair, Action.DECIDE)
    _unlocked(session, vacancy_id)
    current = ranking(session, vacancy_id, acting)
    order = [r.applicant_id for r in sorted((r for r in current.rows if r.visible),
                                            key=lambda r: _sort_key(r, False))]
    by_id = {r.applicant_id: r for r in current.rows}
    status = {r.applicant_id: r.decision for r in current.rows}
    problems: list[str] = []
    resolved: list[tuple[m.Applicant, DecisionChange]] = []
    for change in changes:
        try:
            applicant = applicant_by_key(session, vacancy_id, change.applicant_key)
        except KeyError as exc:
            problems.append(str(exc.args[0]))
            continue
        check(session, vacancy_id, acting, Action.PLACE_RANK if change.rank and change.status is None
              else Action.DECIDE, m.saved_id(applicant), applicant_key=applicant.key)
        if change.status is not None and change.status not in (*STATUSES, ""):
            problems.append(f"{applicant.key}: a decision is one of {', '.join(STATUSES)}, not {change.status!r}")
        if change.rank is not None and (change.rank < 0 or change.rank > max(len(order), 1)):
            problems.append(f"{applicant.key}: rank {change.rank} is outside 1..{max(len(order), 1)} (0 clears it)")
        if change.rank and not change.reason.strip():
            problems.append(f"{applicant.key}: placing an applicant by hand needs a reason")
        if change.status is not None:
            status[m.saved_id(applicant)] = change.status
        resolved.append((applicant, change))
    by_key = {r.applicant_id: r.key for r in current.rows}
    changed = {m.saved_id(a) for a, c in resolved if c.status}
    for aid, other in _ranking_conflicts(order, status, changed).items():
        change = next(c for a, c in resolved if m.saved_id(a) == aid)
        if not change.reason.strip():
            problems.append(f"{by_key[aid]}: {change.status} goes against the ranking (compare "
                            f"{by_key[other]}): give a reason")
    for applicant, change in resolved:
        if (change.status in ("short_list", "long_list") and by_id.get(m.saved_id(applicant))
                and by_id[m.saved_id(applicant)].eligibility == "ineligible" and not change.reason.strip()):
            problems.append(f"{applicant.key} is screened ineligible: listing them needs a reason")
    if problems:
        raise ValueError("decisions not applied: " + "; ".join(problems))
    done = []
    for applicant, change in resolved:
        row = session.get(m.Decision, m.saved_id(applicant)) or m.Decision(applicant_id=m.saved_id(applicant))
        before = {"status": row.status, "rank": row.rank_override}
        if change.status is not None:
            row.status = change.status
        if change.rank is not None:
            row.rank_override = change.rank or None
        if change.reason.strip():
            row.reason = strip_controls(change.reason).strip()
        row.decided_by = acting.name
        row.updated_at = m.utcnow()
        session.add(row)
        after = {"status": row.status, "rank": row.rank_override}
        audit.record(session, acting.name, "decision", vacancy_id=vacancy_id, applicant_key=applicant.key,
                     detail=change.reason.strip(), before=before, after=after)
        done.append(f"{applicant.key}: {before['status'] or 'undecided'} -> {row.status or 'undecided'}"
                    + (f", placed at {row.rank_override}" if row.rank_override else ""))
    session.flush()
    return done


def parse_slot(at: str, tz: str) -> datetime:
    """``"2026-05-04 10:00"`` in the IANA zone ``tz`` as an aware datetime; refuses times a clock change skips."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}: use an IANA name such as Europe/Brussels") from None
    for fmt in SLOT_FORMATS:
        try:
            naive = datetime.strptime(at.strip(), fmt)
            break
        except ValueError:
            continue
    else:
        raise ValueError(f"a slot is a date and time like 2026-05-04 10:00, not {at!r}")
    local = naive.replace(tzinfo=zone)
    round_trip = local.astimezone(UTC).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        raise ValueError(f"{at} does not exist in {tz} (the clocks change then): choose another time")
    if local.utcoffset() != local.replace(fold=1).utcoffset():  # the hour the clocks go back: it happens twice
        raise ValueError(f"{at} happens twice in {tz} (the clocks go back then): choose another time")
    return local


def set_slot(session: Session, vacancy_id: str, chair: Member | str, applicant_key: str, at: str | None,
             tz: str = "", *, minutes: int = 30, url: str = "") -> Slot | None:
    """The chair sets (or clears, ``at=None``) the online interview slot of a short-listed applicant."""
    applicant = applicant_by_key(session, vacancy_id, applicant_key)
    acting = check(session, vacancy_id, chair, Action.SET_SLOT, m.saved_id(applicant), applicant_key=applicant.key)
    row = session.get(m.Decision, m.saved_id(applicant))
    before = f"{row.interview_at} {row.interview_tz}".strip() if row else ""
    if at is None:
        if row is not None:
            row.interview_at, row.interview_tz, row.interview_url = "", "", ""
            session.add(row)
        audit.record(session, acting.name, "slot", vacancy_id=vacancy_id, applicant_key=applicant.key,
                     before=before, after="")
        return None
    if row is None or row.status != "short_list":
        raise ValueError(f"{applicant.key} is not on the short list: only short-listed applicants get a slot")
    if not 5 <= minutes <= 480:
        raise ValueError("an interview lasts between 5 and 480 minutes")
    if any(not ch.isprintable() or ch.isspace() for ch in url.strip()):
        raise ValueError("an interview URL is one line without spaces or control characters (CR, LF, ESC...)")
    start = parse_slot(at, tz)
    row.interview_at = start.strftime("%Y-%m-%dT%H:%M")
    row.interview_tz = tz
    row.interview_minutes = minutes
    row.interview_url = url.strip()
    row.updated_at = m.utcnow()
    session.add(row)
    audit.record(session, acting.name, "slot", vacancy_id=vacancy_id, applicant_key=applicant.key,
                 before=before, after=f"{row.interview_at} {tz} ({minutes} min)")
    return Slot(m.saved_id(applicant), applicant.key, applicant.name, start, minutes, tz, row.interview_url)


def slots(session: Session, vacancy_id: str) -> list[Slot]:
    """Interview slots of short-listed applicants, earliest first."""
    rows = session.exec(select(m.Decision, m.Applicant).join(m.Applicant, col(m.Applicant.id) == m.Decision.applicant_id)
                        .where(m.Applicant.vacancy_id == vacancy_id, m.Decision.status == "short_list",
                               m.Decision.interview_at != "")).all()
    out = [Slot(m.saved_id(a), a.key, a.name, datetime.strptime(d.interview_at, "%Y-%m-%dT%H:%M").replace(
        tzinfo=ZoneInfo(d.interview_tz)), d.interview_minutes, d.interview_tz, d.interview_url)
        for d, a in rows]
    return sorted(out, key=lambda s: (s.start.astimezone(UTC), s.key))


def lock_ranking(session: Session, vacancy_id: str, chair: Member | str) -> None:
    """The chair locks the ranking: no score or decision changes afterwards."""
    acting = check(session, vacancy_id, chair, Action.LOCK)
    state = session.get(m.VacancyState, vacancy_id) or m.VacancyState(vacancy_id=vacancy_id)
    if state.locked:
        raise RankingLocked(f"the ranking of vacancy {vacancy_id} is already locked (by {state.locked_by})")
    state.locked, state.locked_by, state.locked_at = True, acting.name, m.utcnow()
    session.add(state)
    audit.record(session, acting.name, "lock", vacancy_id=vacancy_id, before=False, after=True)


def unlock_ranking(session: Session, vacancy_id: str, chair: Member | str, reason: str) -> None:
    """The chair reopens a locked ranking (a reason is recorded)."""
    acting = check(session, vacancy_id, chair, Action.UNLOCK)
    if not reason.strip():
        raise ValueError("unlocking the ranking needs a reason")
    state = session.get(m.VacancyState, vacancy_id)
    if state is None or not state.locked:
        raise ValueError(f"the ranking of vacancy {vacancy_id} is not locked")
    state.locked, state.locked_by, state.locked_at = False, "", None
    session.add(state)
    audit.record(session, acting.name, "unlock", vacancy_id=vacancy_id, detail=reason.strip(),
                 before=True, after=False)


def set_aggregation(session: Session, vacancy_id: str, chair: Member | str, method: str,
                    threshold: float | None = None) -> None:
    """The chair picks mean or median and the spread above which reviewers' disagreement is flagged."""
    acting = check(session, vacancy_id, chair, Action.SET_AGGREGATION)
    _unlocked(session, vacancy_id)
    if method not in METHODS:
        raise ValueError(f"aggregation is one of {', '.join(METHODS)}, not {method!r}")
    if threshold is not None and not 0 <= threshold <= 5:
        raise ValueError("the disagreement threshold is between 0 and 5")
    state = session.get(m.VacancyState, vacancy_id) or m.VacancyState(vacancy_id=vacancy_id)
    before = {"method": state.aggregation, "threshold": state.disagreement_threshold}
    state.aggregation = method
    if threshold is not None:
        state.disagreement_threshold = threshold
    session.add(state)
    audit.record(session, acting.name, "aggregation", vacancy_id=vacancy_id, before=before,
                 after={"method": state.aggregation, "threshold": state.disagreement_threshold})


def override_eligibility(session: Session, vacancy_id: str, chair: Member | str, applicant_key: str, rule: str,
                         status: str, reason: str) -> None:
    """The chair overrides one eligibility rule (pass / fail) with a reason; eligibility is recomputed."""
    from jpo_tui.screening.rescreen import rescreen

    applicant = applicant_by_key(session, vacancy_id, applicant_key)
    acting = check(session, vacancy_id, chair, Action.OVERRIDE_ELIGIBILITY, m.saved_id(applicant),
                   applicant_key=applicant.key)
    _unlocked(session, vacancy_id)
    if status not in ("pass", "fail"):
        raise ValueError(f"an override is pass or fail, not {status!r}")
    if not reason.strip():
        raise ValueError("an eligibility override needs a reason")
    row = session.exec(select(m.EligibilityOverride).where(m.EligibilityOverride.applicant_id == applicant.id,
                                                           m.EligibilityOverride.rule == rule)).first()
    before = row.status if row else None
    row = row or m.EligibilityOverride(applicant_id=m.saved_id(applicant), rule=rule, status=status, reason="", by="")
    row.status, row.reason, row.by, row.at = status, reason.strip(), acting.name, m.utcnow()
    session.add(row)
    session.flush()
    rescreen(session, vacancy_id, applicant_ids=[m.saved_id(applicant)], matching=False)
    audit.record(session, acting.name, "eligibility_override", vacancy_id=vacancy_id, applicant_key=applicant.key,
                 detail=f"{rule}: {reason.strip()}", before=before, after=status)
