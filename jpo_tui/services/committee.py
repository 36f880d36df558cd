"""The committee's services: members, conflicts, assignments, decisions, slots, the lock and the ranking.

Each one authenticates the acting person, asks the rulebook, runs in one transaction (the domain writes its
audit event inside it) and returns a frozen dataclass or a :class:`~jpo_tui.services.acting.Done` line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jpo_tui.committee.rules import Action
from jpo_tui.core.errors import Refused
from jpo_tui.services.acting import Done, Login, Who, acting, applicant_named

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.committee.aggregate import Ranking
    from jpo_tui.committee.assignments import AssignmentReport, ReviewerProgress
    from jpo_tui.committee.decisions import DecisionChange, Slot
    from jpo_tui.committee.members import ConflictView, Member


@dataclass(frozen=True)
class Committee:
    """The committee as the acting member may see it."""

    members: tuple[ReviewerProgress, ...]
    conflicts: tuple[ConflictView, ...]


def add_member(engine: Engine, vacancy_id: str, who: Who, name: str, role: str,
               new_passphrase: str | None = None) -> Member:
    """The chair adds ``name`` as ``role``; on a vacancy without a committee its first member (who must be the
    person acting, with their own passphrase) becomes its chair."""
    from jpo_tui.committee import members as c
    from jpo_tui.committee.reviewers import clean_name
    from jpo_tui.store.db import session_scope

    with session_scope(engine, write=True) as session:
        if not c.has_committee(session, vacancy_id):
            if not isinstance(who, Login) or clean_name(who.name) != clean_name(name):
                raise Refused(f"vacancy {vacancy_id} has no committee yet: its first member ({name}) adds "
                              "themself and becomes chair")
            if who.passphrase is None:
                raise Refused(f"the first member of vacancy {vacancy_id} sets their passphrase")
            return c.bootstrap_chair(session, vacancy_id, name, who.passphrase)
    with acting(engine, vacancy_id, who, Action.ADD_MEMBER) as (session, actor):
        return c.add_member(session, vacancy_id, actor.name, name, role, new_passphrase)


def needs_passphrase(engine: Engine, name: str) -> bool:
    """Whether ``name`` has no passphrase yet (adding them needs an initial one)."""
    from jpo_tui.committee.members import reviewer_row
    from jpo_tui.committee.reviewers import clean_name
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        row = reviewer_row(session, clean_name(name))
        return row is None or not row.passphrase_hash


def remove_member(engine: Engine, vacancy_id: str, who: Who, name: str) -> Done:
    from jpo_tui.committee import members as c

    with acting(engine, vacancy_id, who, Action.REMOVE_MEMBER) as (session, actor):
        c.remove_member(session, vacancy_id, actor.name, name)
    return Done(f"{name} left the committee of vacancy {vacancy_id}")


def change_passphrase(engine: Engine, vacancy_id: str, who: Login, new: str) -> Done:
    from jpo_tui.committee import members as c

    with acting(engine, vacancy_id, who, Action.CHANGE_PASSPHRASE) as (session, actor):
        c.change_passphrase(session, vacancy_id, actor.name, who.passphrase or "", new)
    return Done(f"passphrase of {who.name} changed")


def committee(engine: Engine, vacancy_id: str, who: Who) -> Committee:
    """Members with their progress, and the conflicts the acting member may see."""
    from jpo_tui.committee import members as c
    from jpo_tui.committee.assignments import progress

    with acting(engine, vacancy_id, who, Action.LIST_MEMBERS, write=False) as (session, actor):
        return Committee(tuple(progress(session, vacancy_id)), tuple(c.conflicts(session, vacancy_id, actor.name)))


def declare_conflict(engine: Engine, vacancy_id: str, who: Who, key: str, reason: str,
                     member_name: str | None = None) -> Done:
    """The acting member (or, for ``member_name``, the chair) declares a conflict of interest with ``key``."""
    from jpo_tui.committee import members as c
    from jpo_tui.store.models import saved_id

    action = Action.DECLARE_CONFLICT if member_name is None else Action.DECLARE_CONFLICT_FOR_OTHER
    with acting(engine, vacancy_id, who, action) as (session, actor):
        applicant = c.applicant_by_key(session, vacancy_id, key)
        c.declare_conflict(session, vacancy_id, actor.name, saved_id(applicant), reason,
                           member_name=member_name)
    return Done(f"conflict of interest recorded: {member_name or actor.name} with {key}")


def withdraw_conflict(engine: Engine, vacancy_id: str, who: Who, key: str, member_name: str, reason: str) -> Done:
    """The chair withdraws a conflict of interest that ``member_name`` declared with ``key`` by mistake."""
    from jpo_tui.committee import members as c
    from jpo_tui.store.models import saved_id

    with acting(engine, vacancy_id, who, Action.WITHDRAW_CONFLICT) as (session, actor):
        applicant = c.applicant_by_key(session, vacancy_id, key)
        c.withdraw_conflict(session, vacancy_id, actor.name, saved_id(applicant), member_name, reason)
    return Done(f"conflict of interest withdrawn: {member_name} with {key}")


def assign(engine: Engine, vacancy_id: str, who: Who, per_applicant: int, *,
           include_ineligible: bool = False) -> AssignmentReport:
    from jpo_tui.committee.assignments import assign as run

    with acting(engine, vacancy_id, who, Action.ASSIGN) as (session, actor):
        return run(session, vacancy_id, actor.name, per_applicant, include_ineligible=include_ineligible)


def decide(engine: Engine, vacancy_id: str, who: Who, changes: Sequence[DecisionChange]) -> tuple[str, ...]:
    """Apply the chair's decisions together (one line per change applied)."""
    from jpo_tui.committee.decisions import apply_decisions
    from jpo_tui.committee.rules import require

    action = Action.PLACE_RANK if all(ch.status is None for ch in changes) else Action.DECIDE
    keys = list(dict.fromkeys(ch.applicant_key for ch in changes))  # the acting person has no conflict with any
    with acting(engine, vacancy_id, who, action, applicant_key=keys[0] if keys else "") as (session, actor):
        for key in keys[1:]:
            require(actor, action, applicant_named(session, vacancy_id, None, key)[0], applicant_key=key)
        return tuple(apply_decisions(session, vacancy_id, actor.name, list(changes)))


def set_slot(engine: Engine, vacancy_id: str, who: Who, key: str, at: str | None, tz: str = "", *,
             minutes: int = 30, url: str = "") -> Slot | None:
    from jpo_tui.committee.decisions import set_slot as run

    with acting(engine, vacancy_id, who, Action.SET_SLOT, applicant_key=key) as (session, actor):
        return run(session, vacancy_id, actor.name, key, at, tz, minutes=minutes, url=url)


def lock(engine: Engine, vacancy_id: str, who: Who) -> Done:
    from jpo_tui.committee.decisions import lock_ranking

    with acting(engine, vacancy_id, who, Action.LOCK) as (session, actor):
        lock_ranking(session, vacancy_id, actor.name)
    return Done(f"ranking of vacancy {vacancy_id} locked")


def unlock(engine: Engine, vacancy_id: str, who: Who, reason: str) -> Done:
    from jpo_tui.committee.decisions import unlock_ranking

    with acting(engine, vacancy_id, who, Action.UNLOCK) as (session, actor):
        unlock_ranking(session, vacancy_id, actor.name, reason)
    return Done(f"ranking of vacancy {vacancy_id} re-opened")


def ranking(engine: Engine, vacancy_id: str, who: Who, *, method: str | None = None,
            normalised: bool = False) -> Ranking:
    """The ranking as the acting person may see it (blind scoring, conflicts: key only)."""
    from jpo_tui.committee.aggregate import ranking as run

    with acting(engine, vacancy_id, who, Action.VIEW_RANKING, write=False) as (session, actor):
        return run(session, vacancy_id, actor.name, method=method, by_normalised=normalised)


def set_aggregation(engine: Engine, vacancy_id: str, who: Who, method: str, threshold: float | None = None) -> Done:
    from jpo_tui.committee.decisions import set_aggregation as run

    with acting(engine, vacancy_id, who, Action.SET_AGGREGATION) as (session, actor):
        run(session, vacancy_id, actor.name, method, threshold)
    return Done(f"aggregation of vacancy {vacancy_id}: {method}")


def override_eligibility(engine: Engine, vacancy_id: str, who: Who, key: str, rule: str, status: str,
                         reason: str) -> Done:
    """The chair (or the single user) overrides one eligibility rule of ``key`` with a reason."""
    from jpo_tui.committee.decisions import override_eligibility as run
    from jpo_tui.committee.members import applicant_by_key
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        applicant_id = applicant_by_key(session, vacancy_id, key).id
    with acting(engine, vacancy_id, who, Action.OVERRIDE_ELIGIBILITY, applicant_id,
                applicant_key=key) as (session, actor):
        run(session, vacancy_id, actor.name, key, rule, status, reason)
    return Done(f"{key}: {rule} overridden to {status}")
