"""Reviewers (get-or-create by name), and the name this person reviews as (kept in their own preferences)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jpo_tui.privacy import audit
from jpo_tui.store import models as m
from jpo_tui.store import preferences
from jpo_tui.store.db import session_scope

MAX_NAME = 120


@dataclass(frozen=True)
class ReviewerInfo:
    """Who is scoring: the row id and the name shown in the audit trail."""

    id: int
    name: str


def os_user() -> str:
    """The default reviewer name: ``JPO_REVIEWER`` or the operating-system user."""
    try:
        return os.environ.get("JPO_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "reviewer"


def clean_name(name: str) -> str:
    """A reviewer name without control characters or surrounding blanks, at most 120 characters."""
    kept = "".join(ch for ch in name if ch.isprintable())
    return " ".join(kept.split())[:MAX_NAME]


def reviewer_in(session: Session, name: str) -> ReviewerInfo:
    """Get or create the reviewer called ``name`` inside the caller's transaction."""
    name = clean_name(name)
    if not name:
        raise ValueError("a reviewer needs a name")
    row = session.exec(select(m.Reviewer).where(m.Reviewer.name == name)).first()
    if row is None:
        row = m.Reviewer(name=name)
        session.add(row)
        session.flush()
        audit.record(session, name, "reviewer_created", detail=name)
    assert row.id is not None
    return ReviewerInfo(id=row.id, name=row.name)


def get_or_create_reviewer(engine: Engine, name: str) -> ReviewerInfo:
    """The reviewer called ``name``, created on first use."""
    with session_scope(engine, write=True) as session:
        return reviewer_in(session, name)


def remembered_reviewer() -> str | None:
    """The reviewer name this person chose on a previous run (their own preferences, not the database)."""
    return preferences.get(preferences.REVIEWER) or None


def remember_reviewer(engine: Engine, name: str) -> ReviewerInfo:
    """Create the reviewer if needed and remember, for this person only, that they review as them."""
    info = get_or_create_reviewer(engine, name)
    preferences.put(preferences.REVIEWER, info.name)
    return info
