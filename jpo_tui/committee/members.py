"""The committee of a vacancy: members and roles, passphrases, conflicts of interest, assignments.

Identity: a member's passphrase is hashed with ``hashlib.scrypt`` (standard library, memory-hard KDF; random
16-byte salt, n=2**14, r=8, p=1) and checked in constant time. Every domain function here re-reads the member's
role from the database, so a stale ``Member`` cannot act as chair after being demoted or removed.
Functions take the caller's session and never commit: the caller's ``session_scope(engine, write=True)`` is the
transaction, and every chair action or conflict writes its audit event inside it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from jpo_tui.committee import rules
from jpo_tui.committee.reviewers import clean_name
from jpo_tui.core.errors import NotFound, Refused
from jpo_tui.privacy import audit
from jpo_tui.store import models as m

ROLES = ("reviewer", "chair")
SOLO = "solo"  # not a stored role: the single user of a vacancy without a committee
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSPHRASE = 8


class CommitteeError(Refused):
    """The committee's rules forbid this (message says why)."""


class AuthenticationError(CommitteeError):
    """Unknown name or wrong passphrase."""


class NoCommittee(CommitteeError):
    """The vacancy has no committee yet: its first member becomes the chair."""


class NotAMember(CommitteeError):
    """The person is not on this vacancy's committee."""


class ChairOnly(CommitteeError):
    """Only the chair may do this."""


class ConflictOfInterest(CommitteeError):
    """The member declared a conflict with this applicant."""


class RankingLocked(CommitteeError):
    """The chair locked the ranking: no score or decision changes."""


@dataclass(frozen=True)
class Member:
    """An authenticated (or looked-up) committee member of one vacancy."""

    reviewer_id: int
    name: str
    vacancy_id: str
    role: str

    @property
    def is_chair(self) -> bool:
        return self.role == "chair"

    @property
    def is_solo(self) -> bool:
        """The single user of a vacancy without a committee (owns all of their own work)."""
        return self.role == SOLO


@dataclass(frozen=True)
class ConflictView:
    applicant_id: int
    applicant_key: str
    member: str
    reason: str


# --- passphrases ---------------------------------------------------------------------------------------------

def hash_passphrase(passphrase: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64) for storage."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"a passphrase needs at least {MIN_PASSPHRASE} characters")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    enc = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${enc(salt).decode()}${enc(digest).decode()}"


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """True when ``passphrase`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(passphrase.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


_DUMMY_HASH = (f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${base64.b64encode(bytes(16)).decode()}$"
               f"{base64.b64encode(bytes(32)).decode()}")


def upsert_row(session: Session, table: type[SQLModel], keys: dict[str, Any], values: dict[str, Any]) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET values, on SQLite and PostgreSQL: one row, no read first."""
    t = m.table_of(table)
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(t).values(**keys, **values).on_conflict_do_update(
            index_elements=list(keys), set_=values))
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(t).values(**keys, **values).on_conflict_do_update(
            index_elements=list(keys), set_=values))


# --- members -------------------------------------------------------------------------------------------------

def _vacancy(session: Session, vacancy_id: str) -> m.Vacancy:
    vacancy = session.get(m.Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFound(f"no vacancy {vacancy_id!r} in this database")
    return vacancy


def has_committee(session: Session, vacancy_id: str) -> bool:
    """Whether the vacancy has at least one member."""
    n = session.exec(select(func.count()).select_from(m.CommitteeMember)
                     .where(m.CommitteeMember.vacancy_id == vacancy_id)).one()
    return bool(n)


def members(session: Session, vacancy_id: str) -> list[Member]:
    """The committee, chairs first, then by name."""
    rows = session.exec(
        select(m.CommitteeMember, m.Reviewer).join(m.Reviewer, col(m.Reviewer.id) == m.CommitteeMember.reviewer_id)
        .where(m.CommitteeMember.vacancy_id == vacancy_id)
    ).all()
    out = [Member(m.saved_id(r), r.name, vacancy_id, cm.role) for cm, r in rows]
    return sorted(out, key=lambda x: (not x.is_chair, x.name.casefold()))


def member(session: Session, vacancy_id: str, who: Member | str) -> Member:
    """The current membership of ``who`` (name or Member), re-read from the database."""
    name = who.name if isinstance(who, Member) else clean_name(who)
    row = session.exec(
        select(m.CommitteeMember, m.Reviewer).join(m.Reviewer, col(m.Reviewer.id) == m.CommitteeMember.reviewer_id)
        .where(m.CommitteeMember.vacancy_id == vacancy_id, m.Reviewer.name == name)
    ).first()
    if row is None:
        raise NotAMember(f"{name} is not on the committee of vacancy {vacancy_id}")
    cm, r = row
    return Member(m.saved_id(r), r.name, vacancy_id, cm.role)


def member_or_solo(session: Session, vacancy_id: str, who: Member | str) -> Member:
    """:func:`member`, or on a vacancy without a committee the single user (role ``solo``, no passphrase)."""
    if has_committee(session, vacancy_id):
        return member(session, vacancy_id, who)
    _vacancy(session, vacancy_id)
    name = who.name if isinstance(who, Member) else clean_name(who)
    row = reviewer_row(session, name)
    return Member(row.id if row is not None and row.id is not None else 0, name, vacancy_id, SOLO)


def actor_of(session: Session, current: Member) -> rules.Actor:
    """The rulebook's view of a member: role and the applicants they declared a conflict with."""
    if current.is_solo:
        return rules.Actor(current.name, current.vacancy_id, rules.Role.SOLO, current.reviewer_id)
    role = rules.Role.CHAIR if current.is_chair else rules.Role.REVIEWER
    return rules.Actor(current.name, current.vacancy_id, role, current.reviewer_id,
                       frozenset(conflicted_ids(session, current.vacancy_id, current.reviewer_id)))


def check(session: Session, vacancy_id: str, who: Member | str, action: rules.Action,
          applicant_id: int | None = None, *, applicant_key: str = "") -> Member:
    """The member, re-read, when the rulebook lets them take ``action``; the matching :class:`CommitteeError`
    (``ChairOnly``, ``ConflictOfInterest``) otherwise. The lock is checked by the caller; on a vacancy without
    a committee the single user acts (role ``solo``)."""
    current = member_or_solo(session, vacancy_id, who)
    actor = actor_of(session, current)
    why = rules.refusal(actor, action, applicant_id, applicant_key=applicant_key)
    if why is not None:
        role = actor.role_for(applicant_id)
        raise (ConflictOfInterest if role is rules.Role.CONFLICTED else ChairOnly)(why)
    return current


def is_locked(session: Session, vacancy_id: str) -> bool:
    state = session.get(m.VacancyState, vacancy_id)
    return bool(state and state.locked)


def authenticate(session: Session, vacancy_id: str, name: str, passphrase: str) -> Member:
    """The member called ``name`` after checking their passphrase; raises a :class:`CommitteeError` subclass."""
    _vacancy(session, vacancy_id)
    name = clean_name(name)
    reviewer = session.exec(select(m.Reviewer).where(m.Reviewer.name == name)).first()
    stored = reviewer.passphrase_hash if reviewer is not None else ""
    # An unknown name costs the same scrypt as a known one: timing does not tell who is on a committee.
    if not verify_passphrase(passphrase, stored or _DUMMY_HASH) or not stored:
        if not has_committee(session, vacancy_id):
            raise NoCommittee(f"vacancy {vacancy_id} has no committee yet: its first member becomes the chair "
                              "('jpo-tui committee add NAME')")
        raise AuthenticationError(f"unknown committee member or wrong passphrase for {name!r}")
    return member(session, vacancy_id, name)


def reviewer_row(session: Session, name: str) -> m.Reviewer | None:
    """The reviewer row called ``name`` (already cleaned), or None."""
    return session.exec(select(m.Reviewer).where(m.Reviewer.name == name)).first()


def bootstrap_chair(session: Session, vacancy_id: str, name: str, passphrase: str) -> Member:
    """Make ``name`` the first member and chair of a vacancy that has no committee.

    An existing reviewer with a passphrase must give it; a new one (or one without a passphrase) sets it now.
    """
    _vacancy(session, vacancy_id)
    if has_committee(session, vacancy_id):
        raise CommitteeError(f"vacancy {vacancy_id} already has a committee: ask its chair to add you")
    name = clean_name(name)
    if not name:
        raise ValueError("a member needs a name")
    row = reviewer_row(session, name)
    if row is not None and row.passphrase_hash:
        if not verify_passphrase(passphrase, row.passphrase_hash):
            raise AuthenticationError(f"wrong passphrase for {name!r}")
    else:
        hashed = hash_passphrase(passphrase)
        row = row or m.Reviewer(name=name)
        row.passphrase_hash = hashed
        session.add(row)
        session.flush()
    session.add(m.CommitteeMember(vacancy_id=vacancy_id, reviewer_id=m.saved_id(row), role="chair"))
    session.flush()
    audit.record(session, name, "committee_bootstrap", vacancy_id=vacancy_id, detail=f"{name} becomes chair",
                 after={"member": name, "role": "chair"})
    return Member(m.saved_id(row), name, vacancy_id, "chair")


def add_member(session: Session, vacancy_id: str, chair: Member | str, name: str, role: str,
               passphrase: str | None = None) -> Member:
    """The chair adds ``name`` (or changes their role). A new person needs an initial ``passphrase``."""
    if role not in ROLES:
        raise ValueError(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    acting = check(session, vacancy_id, chair, rules.Action.ADD_MEMBER)
    name = clean_name(name)
    if not name:
        raise ValueError("a member needs a name")
    row = reviewer_row(session, name)
    if row is None or not row.passphrase_hash:
        if passphrase is None:
            raise ValueError(f"{name} has no passphrase yet: give an initial one")
        hashed = hash_passphrase(passphrase)
        row = row or m.Reviewer(name=name)
        row.passphrase_hash = hashed
        session.add(row)
        session.flush()
    cm = session.exec(select(m.CommitteeMember).where(
        m.CommitteeMember.vacancy_id == vacancy_id, m.CommitteeMember.reviewer_id == row.id)).first()
    before = cm.role if cm else None
    if cm is not None and cm.role == "chair" and role != "chair":
        _keep_a_chair(session, vacancy_id, m.saved_id(row))
    cm = cm or m.CommitteeMember(vacancy_id=vacancy_id, reviewer_id=m.saved_id(row))
    cm.role = role
    session.add(cm)
    session.flush()
    audit.record(session, acting.name, "committee_add", vacancy_id=vacancy_id, detail=name,
                 before=before, after=role)
    return Member(m.saved_id(row), name, vacancy_id, role)


def _keep_a_chair(session: Session, vacancy_id: str, leaving_reviewer_id: int) -> None:
    chairs = [x for x in members(session, vacancy_id) if x.is_chair and x.reviewer_id != leaving_reviewer_id]
    if not chairs:
        raise CommitteeError("a committee keeps at least one chair: name another chair first")


def remove_member(session: Session, vacancy_id: str, chair: Member | str, name: str) -> None:
    """The chair removes ``name`` from the committee (their assignments go; submitted scores stay on record)."""
    acting = check(session, vacancy_id, chair, rules.Action.REMOVE_MEMBER)
    gone = member(session, vacancy_id, name)
    if gone.is_chair:
        _keep_a_chair(session, vacancy_id, gone.reviewer_id)
    session.exec(delete(m.CommitteeMember).where(
        col(m.CommitteeMember.vacancy_id) == vacancy_id, col(m.CommitteeMember.reviewer_id) == gone.reviewer_id))
    ids = _applicant_ids(session, vacancy_id)
    session.exec(delete(m.Assignment).where(
        col(m.Assignment.reviewer_id) == gone.reviewer_id, col(m.Assignment.applicant_id).in_(ids)))
    audit.record(session, acting.name, "committee_remove", vacancy_id=vacancy_id, detail=gone.name,
                 before=gone.role)


def change_passphrase(session: Session, vacancy_id: str, who: str, old: str, new: str) -> None:
    """A member replaces their own passphrase (after giving the current one)."""
    current = authenticate(session, vacancy_id, who, old)
    row = session.get(m.Reviewer, current.reviewer_id)
    assert row is not None
    row.passphrase_hash = hash_passphrase(new)
    session.add(row)
    audit.record(session, current.name, "passphrase_change", vacancy_id=vacancy_id, detail=current.name)


# --- applicants, conflicts -----------------------------------------------------------------------------------

def _applicant_ids(session: Session, vacancy_id: str) -> list[int]:
    return [i for i in session.exec(select(m.Applicant.id).where(m.Applicant.vacancy_id == vacancy_id)) if i is not None]


def applicant_by_key(session: Session, vacancy_id: str, key: str) -> m.Applicant:
    row = session.exec(select(m.Applicant).where(m.Applicant.vacancy_id == vacancy_id,
                                                 m.Applicant.key == key)).first()
    if row is None:
        raise NotFound(f"no applicant {key!r} in vacancy {vacancy_id}")
    return row


def _applicant(session: Session, vacancy_id: str, applicant_id: int) -> m.Applicant:
    row = session.get(m.Applicant, applicant_id)
    if row is None or row.vacancy_id != vacancy_id:
        raise NotFound(f"no applicant with id {applicant_id} in vacancy {vacancy_id}")
    return row


def conflicted_ids(session: Session, vacancy_id: str, reviewer_id: int) -> set[int]:
    """Applicants (ids) of the vacancy the reviewer declared a conflict with."""
    return set(session.exec(
        select(m.Conflict.applicant_id).join(m.Applicant, col(m.Applicant.id) == m.Conflict.applicant_id)
        .where(m.Applicant.vacancy_id == vacancy_id, m.Conflict.reviewer_id == reviewer_id)
    ))


def is_conflicted(session: Session, applicant_id: int, reviewer_id: int) -> bool:
    return session.exec(select(m.Conflict.id).where(
        m.Conflict.applicant_id == applicant_id, m.Conflict.reviewer_id == reviewer_id)).first() is not None


def _conflicts_unlocked(session: Session, vacancy_id: str) -> None:
    # A conflict decides whose scores count: changing one would change a locked ranking.
    if is_locked(session, vacancy_id):
        raise RankingLocked(f"the chair locked the ranking of vacancy {vacancy_id}: conflicts of interest can no "
                            "longer change (the chair unlocks it first)")


def declare_conflict(session: Session, vacancy_id: str, who: Member | str, applicant_id: int, reason: str,
                     *, member_name: str | None = None) -> None:
    """``who`` declares a conflict of interest with the applicant (a chair may declare one for ``member_name``).

    The conflicted member's assignment to the applicant is withdrawn; their scores stop counting.
    """
    acting = member(session, vacancy_id, who)
    target = acting
    if member_name is not None and clean_name(member_name) != acting.name:
        acting = check(session, vacancy_id, acting, rules.Action.DECLARE_CONFLICT_FOR_OTHER)
        target = member(session, vacancy_id, member_name)
    applicant = _applicant(session, vacancy_id, applicant_id)
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise ValueError("a conflict of interest needs a reason (worked together, relative, ...)")
    _conflicts_unlocked(session, vacancy_id)
    row = session.exec(select(m.Conflict).where(m.Conflict.applicant_id == applicant_id,
                                                m.Conflict.reviewer_id == target.reviewer_id)).first()
    before = row.reason if row else None
    row = row or m.Conflict(applicant_id=applicant_id, reviewer_id=target.reviewer_id)
    row.reason = reason
    session.add(row)
    session.exec(delete(m.Assignment).where(
        col(m.Assignment.applicant_id) == applicant_id, col(m.Assignment.reviewer_id) == target.reviewer_id))
    audit.record(session, acting.name, "conflict_declare", vacancy_id=vacancy_id, applicant_key=applicant.key,
                 detail=target.name, before=before, after=reason)


def withdraw_conflict(session: Session, vacancy_id: str, chair: Member | str, applicant_id: int,
                      member_name: str, reason: str) -> None:
    """The chair withdraws a conflict declared by mistake (with a reason)."""
    acting = check(session, vacancy_id, chair, rules.Action.WITHDRAW_CONFLICT)
    target = member(session, vacancy_id, member_name)
    applicant = _applicant(session, vacancy_id, applicant_id)
    if not reason.strip():
        raise ValueError("withdrawing a conflict needs a reason")
    _conflicts_unlocked(session, vacancy_id)
    row = session.exec(select(m.Conflict).where(m.Conflict.applicant_id == applicant_id,
                                                m.Conflict.reviewer_id == target.reviewer_id)).first()
    if row is None:
        raise NotFound(f"{target.name} declared no conflict with {applicant.key}")
    session.delete(row)
    audit.record(session, acting.name, "conflict_withdraw", vacancy_id=vacancy_id, applicant_key=applicant.key,
                 detail=f"{target.name}: {reason.strip()}", before=row.reason)


def conflicts(session: Session, vacancy_id: str, viewer: Member | str) -> list[ConflictView]:
    """Declared conflicts: all of them for the chair, the viewer's own for a reviewer."""
    current = member(session, vacancy_id, viewer)
    query = (select(m.Conflict, m.Applicant.key, m.Reviewer.name)
             .join(m.Applicant, col(m.Applicant.id) == m.Conflict.applicant_id)
             .join(m.Reviewer, col(m.Reviewer.id) == m.Conflict.reviewer_id)
             .where(m.Applicant.vacancy_id == vacancy_id))
    if not current.is_chair:
        query = query.where(m.Conflict.reviewer_id == current.reviewer_id)
    rows = session.exec(query).all()
    out = [ConflictView(c.applicant_id, key, name, c.reason) for c, key, name in rows]
    return sorted(out, key=lambda v: (v.applicant_key, v.member))


def _score_refusal(session: Session, vacancy_id: str, applicant_id: int,
                   reviewer_name: str) -> CommitteeError | None:
    try:
        current = member(session, vacancy_id, reviewer_name)
        applicant = _applicant(session, vacancy_id, applicant_id)
    except NotAMember as exc:
        return exc
    except NotFound as exc:
        return NotAMember(str(exc))
    actor = actor_of(session, current)
    locked = is_locked(session, vacancy_id)
    why = rules.refusal(actor, rules.Action.SCORE, applicant_id, locked=locked, applicant_key=applicant.key)
    if why is None:
        return None
    if actor.role_for(applicant_id) is rules.Role.CONFLICTED:
        return ConflictOfInterest(why)
    return RankingLocked(why) if locked else ChairOnly(why)


def can_score(session: Session, vacancy_id: str, applicant_id: int, reviewer_name: str) -> tuple[bool, str]:
    """Whether the reviewer may score the applicant now (member, not conflicted, ranking not locked), and why not."""
    refusal = _score_refusal(session, vacancy_id, applicant_id, reviewer_name)
    return (True, "") if refusal is None else (False, str(refusal))


def check_can_score(session: Session, vacancy_id: str, applicant_id: int, reviewer_name: str) -> None:
    """:func:`can_score` raising the matching :class:`CommitteeError` when the answer is no."""
    refusal = _score_refusal(session, vacancy_id, applicant_id, reviewer_name)
    if refusal is not None:
        raise refusal
