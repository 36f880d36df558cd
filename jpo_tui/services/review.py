"""Services about one applicant: opening the file (a conflicted member gets the key and the conflict only),
the chair's eligibility corrections (an employment entry marked not relevant, with a reason) and the acting person's
own review (scores, comments, recommendation, submission)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jpo_tui.committee.rules import Action, Role, Sight, hidden_reason, sees
from jpo_tui.services.acting import Done, Who, acting

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from jpo_tui.committee.reviewers import ReviewerInfo
    from jpo_tui.services.queries import ApplicantDetail


@dataclass(frozen=True)
class ConflictOnly:
    """What a member with a conflict of interest sees of an applicant: the key and the fact of the conflict."""

    applicant_id: int
    key: str
    vacancy_id: str
    reason: str  # one line: why nothing else is shown


def _key(session, applicant_id: int, vacancy_id: str) -> str:  # noqa: ANN001 - Session
    from jpo_tui.committee.members import _applicant

    return _applicant(session, vacancy_id, applicant_id).key


def open_applicant(engine: Engine, vacancy_id: str, who: Who, applicant_id: int) -> ApplicantDetail | ConflictOnly:
    """The applicant's file as the acting person may see it."""
    from jpo_tui.committee.members import is_locked
    from jpo_tui.committee.rules import refusal
    from jpo_tui.core.errors import Refused
    from jpo_tui.services import queries
    from jpo_tui.services.acting import actor_in
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        actor = actor_in(session, vacancy_id, who)
        key = _key(session, applicant_id, vacancy_id)
        if actor.role_for(applicant_id) is Role.CONFLICTED:
            return ConflictOnly(applicant_id, key, vacancy_id, hidden_reason(actor, Sight.FILE, applicant_id))
        why = refusal(actor, Action.OPEN_APPLICANT, applicant_id, locked=is_locked(session, vacancy_id),
                      applicant_key=key)
        if why is not None:
            raise Refused(why)
        rid = actor.reviewer_id
    detail = queries.applicant_detail(engine, applicant_id, rid or None)
    assert sees(actor, Sight.FILE, applicant_id)
    return detail


def set_entry_relevant(engine: Engine, vacancy_id: str, who: Who, applicant_id: int, entry_id: int,
                       relevant: bool, reason: str) -> Done:
    """The chair (or the single user) marks an employment entry (not) relevant, with a reason; the applicant's
    eligibility is recomputed. A reviewer proposes it in a comment instead."""
    from jpo_tui.committee.scoring import mark_employment_relevant
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        key = _key(session, applicant_id, vacancy_id)
    with acting(engine, vacancy_id, who, Action.MARK_NOT_RELEVANT, applicant_id,
                applicant_key=key) as (session, actor):
        status = mark_employment_relevant(session, vacancy_id, actor.name, applicant_id, entry_id, relevant, reason)
    return Done(f"{key}: entry marked {'relevant' if relevant else 'not relevant'}; eligibility now {status}")


def skip(engine: Engine, vacancy_id: str, who: Who, applicant_id: int) -> Done:
    """Put the applicant aside for now (they come back last in "save and next")."""
    from jpo_tui.committee.assignments import skip_for_now

    with acting(engine, vacancy_id, who, Action.SKIP, applicant_id) as (session, actor):
        skip_for_now(session, vacancy_id, actor.name, applicant_id)
    return Done("Skipped for now.")


def abstain(engine: Engine, vacancy_id: str, who: Who, applicant_id: int, reason: str) -> Done:
    """Declare a conflict of interest with the applicant (with its reason) and abstain."""
    from jpo_tui.committee.assignments import abstain as run

    with acting(engine, vacancy_id, who, Action.ABSTAIN, applicant_id) as (session, actor):
        run(session, vacancy_id, actor.name, applicant_id, reason)
    return Done("Conflict of interest recorded: you abstain.")



# ---- a reviewer's own review: scores, comments, recommendation, submission --------------------------------------
# Each keystroke of the scoring panel is one of these: the rulebook is asked (a conflicted member, an outsider, a
# locked ranking are refused with its one line), the row and its audit event are written in one transaction.

@contextmanager
def _reviewing(engine: Engine, vacancy_id: str, who: Who, action: Action,
               applicant_id: int) -> Iterator[tuple[Session, ReviewerInfo]]:
    """:func:`acting` for ``action`` on the applicant, yielding (session, the acting person as a reviewer)."""
    from jpo_tui.committee.reviewers import ReviewerInfo, reviewer_in

    with acting(engine, vacancy_id, who, action, applicant_id) as (session, actor):  # names the applicant by key
        _key(session, applicant_id, vacancy_id)  # NotFound unless the applicant is one of this vacancy's
        me = (ReviewerInfo(actor.reviewer_id, actor.name) if actor.reviewer_id is not None
              else reviewer_in(session, actor.name))
        yield session, me


def score(engine: Engine, vacancy_id: str, who: Who, applicant_id: int, criterion_id: int,
          value: int | None) -> Done:
    """Score the applicant on one criterion (0-5; None clears the score; undoing a change sets the score it
    replaced): the acting person's own score, audited."""
    from jpo_tui.committee.scoring import score_in

    with _reviewing(engine, vacancy_id, who, Action.SCORE, applicant_id) as (session, me):
        before = score_in(session, applicant_id, me, criterion_id, value)
    return Done(f"score {'cleared' if value is None else value} (was {'none' if before is None else before})")


def comment(engine: Engine, vacancy_id: str, who: Who, applicant_id: int, text: str,
            criterion_id: int | None = None) -> Done:
    """The acting person's comment on one criterion (``criterion_id``) or on the whole applicant (None)."""
    from jpo_tui.committee.scoring import criterion_comment_in, overall_comment_in

    with _reviewing(engine, vacancy_id, who, Action.COMMENT, applicant_id) as (session, me):
        if criterion_id is None:
            overall_comment_in(session, applicant_id, me, text)
        else:
            criterion_comment_in(session, applicant_id, me, criterion_id, text)
    return Done("comment saved")


def recommend(engine: Engine, vacancy_id: str, who: Who, applicant_id: int, recommendation: str) -> Done:
    """The acting person's recommendation (shortlist, maybe, reject; "" clears it)."""
    from jpo_tui.committee.scoring import recommendation_in

    with _reviewing(engine, vacancy_id, who, Action.RECOMMEND, applicant_id) as (session, me):
        recommendation_in(session, applicant_id, me, recommendation)
    return Done(f"recommendation: {recommendation or 'none'}")


def submit(engine: Engine, vacancy_id: str, who: Who, applicant_id: int) -> Done:
    """Submit the acting person's review of the applicant."""
    from jpo_tui.committee.scoring import submit_in

    with _reviewing(engine, vacancy_id, who, Action.SUBMIT, applicant_id) as (session, me):
        submit_in(session, applicant_id, me)
    return Done("Review submitted.")
