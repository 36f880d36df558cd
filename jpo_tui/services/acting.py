"""The pattern every service follows: authenticate the acting person, ask the rulebook, one transaction, audit.

A service is a function ``service(engine, vacancy_id, who, ...) -> frozen dataclass``::

    def lock(engine: Engine, vacancy_id: str, who: Who) -> Done:
        with acting(engine, vacancy_id, who, Action.LOCK) as (session, actor):
            decisions.lock_ranking(session, vacancy_id, actor.name)      # the domain change
            audit.record(session, actor.name, "lock", vacancy_id=vacancy_id)  # the event, same transaction
            return Done(f"ranking of vacancy {vacancy_id} locked")

``who`` is a :class:`Login` (a name and the passphrase the adapter read; ``None`` when none was given) or a
``Member`` the app signed in earlier (its role and conflicts are re-read from the database: a demoted chair
cannot act on a stale object). On a vacancy without a committee the person is the single user (``solo``) and
needs no passphrase. The adapters (CLI verbs, screens) call services only; they catch :class:`Refused`,
:class:`NotFound` and ``ValueError`` and show ``str(exc)`` as one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from jpo_tui.committee.rules import Action, Actor, Role, require
from jpo_tui.core.errors import NotFound, Refused

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from jpo_tui.committee.members import Member


@dataclass(frozen=True)
class Login:
    """A person naming themself, with the passphrase the adapter read (None: none given)."""

    name: str
    passphrase: str | None = None


Who = Union[Login, "Member"]


@dataclass(frozen=True)
class Done:
    """What a service that changes something returns: one line saying what was done."""

    message: str


def needs_passphrase(engine: Engine, vacancy_id: str) -> bool:
    """Whether acting on ``vacancy_id`` needs a passphrase (it exists and has a committee)."""
    from jpo_tui.committee.members import has_committee
    from jpo_tui.store import models as m
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        return session.get(m.Vacancy, vacancy_id) is not None and has_committee(session, vacancy_id)


def database_has_committee(url: str) -> bool:
    """Whether any vacancy of the SQLite database at ``url`` has a committee (False when it cannot be opened)."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import SQLAlchemyError

    from jpo_tui.privacy.backup import BackupError, sqlite_path
    from jpo_tui.store import models as m
    from jpo_tui.store.db import open_database, session_scope

    try:
        if not sqlite_path(url).is_file():
            return False
    except BackupError:  # not SQLite: the backup service refuses it before asking anything
        return False
    try:
        engine = open_database(url)
    except (SQLAlchemyError, OSError):
        return False
    try:
        with session_scope(engine) as session:
            return bool(session.execute(select(func.count()).select_from(m.CommitteeMember)).scalar())
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def actor_in(session: Session, vacancy_id: str, who: Who) -> Actor:
    """The acting person of ``vacancy_id`` as the rulebook sees them, read inside ``session``.

    Raises :class:`NotFound` for an unknown vacancy and :class:`Refused` for a wrong passphrase or a missing
    one on a vacancy with a committee. A person not on an existing committee is an ``outsider`` only when
    already signed in (a ``Member`` since removed); a :class:`Login` of a non-member is refused outright.
    """
    from jpo_tui.committee import members as committee
    from jpo_tui.committee.reviewers import clean_name
    from jpo_tui.store import models as m

    if session.get(m.Vacancy, vacancy_id) is None:
        raise NotFound(f"no vacancy {vacancy_id!r} in this database")
    if isinstance(who, Login):
        name = clean_name(who.name)
        if not committee.has_committee(session, vacancy_id):
            row = committee.reviewer_row(session, name)
            return Actor(name, vacancy_id, Role.SOLO, row.id if row is not None else None)
        if who.passphrase is None:
            raise Refused(f"vacancy {vacancy_id} has a committee: {name} gives their passphrase "
                          "(--passphrase-file, $JPO_PASSPHRASE or a prompt)")
        current = committee.authenticate(session, vacancy_id, name, who.passphrase)
    else:
        if not committee.has_committee(session, vacancy_id):
            return Actor(who.name, vacancy_id, Role.SOLO, who.reviewer_id)
        try:
            current = committee.member(session, vacancy_id, who)
        except committee.NotAMember:
            return Actor(who.name, vacancy_id, Role.OUTSIDER, who.reviewer_id)
    return committee.actor_of(session, current)


@contextmanager
def acting(engine: Engine, vacancy_id: str, who: Who, action: Action, applicant_id: int | None = None, *,
           write: bool = True, applicant_key: str = "") -> Iterator[tuple[Session, Actor]]:
    """One transaction in which ``who`` is authenticated and allowed ``action`` (else :class:`Refused`).

    The applicant concerned is named by ``applicant_id`` or ``applicant_key`` (either gives the other): a member
    with a conflict of interest with them is refused, in a line that names the applicant.
    """
    from jpo_tui.committee.members import is_locked
    from jpo_tui.store.db import session_scope

    with session_scope(engine, write=write) as session:
        actor = actor_in(session, vacancy_id, who)
        applicant_id, applicant_key = applicant_named(session, vacancy_id, applicant_id, applicant_key)
        require(actor, action, applicant_id, locked=is_locked(session, vacancy_id), applicant_key=applicant_key)
        yield session, actor


def applicant_named(session: Session, vacancy_id: str, applicant_id: int | None,
                     applicant_key: str) -> tuple[int | None, str]:
    """(id, key) of the applicant named by either (an unknown one stays unnamed: the service says NotFound)."""
    from sqlmodel import select

    from jpo_tui.store import models as m

    if applicant_id is None and applicant_key:
        applicant_id = session.exec(select(m.Applicant.id).where(m.Applicant.vacancy_id == vacancy_id,
                                                                 m.Applicant.key == applicant_key)).first()
    elif applicant_id is not None and not applicant_key:
        row = session.get(m.Applicant, applicant_id)
        applicant_key = row.key if row is not None and row.vacancy_id == vacancy_id else ""
    return applicant_id, applicant_key


def refusal_for(engine: Engine, vacancy_id: str, who: Who, action: Action, applicant_id: int | None = None) -> str:
    """Why ``who`` may not take ``action`` now (one line), or "" when they may: for an adapter to tell the
    person at once, before asking for more input (the service itself checks again when it runs)."""
    from jpo_tui.committee.members import _applicant, is_locked
    from jpo_tui.committee.rules import refusal
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        try:
            actor = actor_in(session, vacancy_id, who)
        except (Refused, NotFound) as exc:
            return str(exc)
        key = _applicant(session, vacancy_id, applicant_id).key if applicant_id is not None else ""
        return refusal(actor, action, applicant_id, locked=is_locked(session, vacancy_id), applicant_key=key) or ""
