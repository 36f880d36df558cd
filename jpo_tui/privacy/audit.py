"""The audit trail: an append-only record of who did what, when, with the value before and after."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from jpo_tui.store import models as m


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    vacancy_id: str = "",
    applicant_key: str = "",
    detail: str = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one event in the caller's transaction (so the event and the change commit together)."""
    session.add(m.AuditEvent(
        actor=actor, action=action, vacancy_id=vacancy_id, applicant_key=applicant_key,
        detail=detail, before=_text(before), after=_text(after),
    ))


def events(session: Session, vacancy_id: str | None = None, *, limit: int = 1000) -> list[m.AuditEvent]:
    """The newest events first."""
    query = select(m.AuditEvent).order_by(m.AuditEvent.id.desc()).limit(limit)  # type: ignore[union-attr]
    if vacancy_id is not None:
        query = query.where(m.AuditEvent.vacancy_id == vacancy_id)
    return list(session.exec(query))
