"""Every export, for the CLI (``jpo-tui export``) and the app (the export dialogs): one service.

The rulebook decides who may take which export (:func:`jpo_tui.committee.rules.export_action`); what is in it is
what the acting person may see: blind scoring in the ranking and the sheets, and for a member with a conflict of
interest only the applicant's key and the fact of the conflict, in every format. Each export is audited in the
transaction that read it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jpo_tui.committee.rules import Action, Actor, Sight, export_action, sees
from jpo_tui.core.errors import NotFound
from jpo_tui.services.acting import Who, acting

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

CONFLICT_ONLY = "conflict of interest declared: nothing else of this applicant is shown to you"


@dataclass(frozen=True)
class Export:
    """An export's bytes, how many applicants it covers (JSON) and what the audit trail recorded."""

    data: bytes
    applicants: int
    action: Action
    detail: str


def _applicant_id(session: Session, vacancy_id: str, key: str) -> int:
    from sqlmodel import select

    from jpo_tui.store import models as m

    found = session.exec(select(m.Applicant.id).where(m.Applicant.vacancy_id == vacancy_id,
                                                      m.Applicant.key == key)).first()
    if found is None:
        raise NotFound(f"no applicant {key!r} in vacancy {vacancy_id}")
    return int(found)


def _conflicts_reduced(session: Session, actor: Actor, doc: dict[str, Any]) -> dict[str, Any]:
    """The JSON document with each applicant the actor is conflicted with reduced to its key and the conflict."""
    if not actor.conflicts:
        return doc
    from sqlmodel import col, select

    from jpo_tui.store import models as m

    hidden = set(session.exec(select(m.Applicant.key).where(col(m.Applicant.id).in_(actor.conflicts))))
    doc["candidates"] = [{"key": c["key"], "conflict_of_interest": CONFLICT_ONLY} if c["key"] in hidden else c
                         for c in doc["candidates"]]
    doc["errors"] = [e for e in doc["errors"] if not any(e["file"].startswith(k + "/") for k in hidden)]
    return doc


def json_document(session: Session, actor: Actor, *, subject: str | None = None,
                  pseudonymise: bool = False) -> dict[str, Any]:
    """The JSON export as ``actor`` may take it (the caller asked the rulebook)."""
    from jpo_tui.exports.json_export import vacancy_export

    keys = {subject} if subject else None
    doc = vacancy_export(session, actor.vacancy_id, keys=keys, pseudonymise=pseudonymise,
                         include_text=bool(subject), include_assessment=bool(subject))
    if not sees(actor, Sight.OTHERS_SCORES) or not sees(actor, Sight.DECISIONS):
        for c in doc["candidates"]:
            c.pop("assessment", None)
    return _conflicts_reduced(session, actor, doc)


def export(engine: Engine, vacancy_id: str, who: Who, fmt: str, what: str = "shortlist", *,
           subject: str | None = None, pseudonymise: bool = False, destination: str = "") -> Export:
    """``jpo-tui export --format fmt --what what [--subject KEY] [--pseudonymise]`` as ``who``.

    Refused (:class:`~jpo_tui.core.errors.Refused`) unless the rulebook allows the export to the acting person;
    ``destination`` (a file name, or "") goes into the audit event.
    """
    from jpo_tui.privacy import audit
    from jpo_tui.store.db import session_scope

    action = export_action(fmt, what, subject=bool(subject))
    applicant_id = None
    if subject:
        with session_scope(engine) as session:
            applicant_id = _applicant_id(session, vacancy_id, subject)
    with acting(engine, vacancy_id, who, action, applicant_id, applicant_key=subject or "") as (session, actor):
        if fmt == "json":
            doc = json_document(session, actor, subject=subject, pseudonymise=pseudonymise)
            data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
            count = len(doc["candidates"])
            detail = "json export"
        else:
            from jpo_tui.committee.members import member_or_solo
            from jpo_tui.exports.tables import render_committee

            viewer = member_or_solo(session, vacancy_id, actor.name)
            data = render_committee(session, vacancy_id, viewer, fmt, what, pseudonymise=pseudonymise)
            count = 0
            detail = f"{'slots' if fmt == 'ics' else what} as {fmt}"
        detail += (" (pseudonymised)" if pseudonymise else "")
        if destination and fmt == "json":
            detail += f" to {destination}"
        audit.record(session, actor.name, "export", vacancy_id=vacancy_id, applicant_key=subject or "",
                     detail=detail)
    return Export(data, count, action, detail)
