"""The import service: who may import into a vacancy (and change the vacancy through its file), then the import.

Importing into a new vacancy, or one without a committee, is open to its single user; once it has a committee,
only its members import (after their passphrase) and only the chair may change the vacancy itself (criteria,
weights, eligibility rules, dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jpo_tui.committee.rules import Action, require
from jpo_tui.core.errors import Refused
from jpo_tui.services.acting import Who, actor_in

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from jpo_tui.core.vacancy import VacancySpec
    from jpo_tui.ingest.pipeline import ImportReport


def import_actor(engine: Engine, spec: VacancySpec, who: Who) -> str:
    """The name the import is recorded under, once the rulebook allows ``who`` to import ``spec``."""
    from jpo_tui.ingest.pipeline import vacancy_changes
    from jpo_tui.store import models as m
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        if session.get(m.Vacancy, spec.id) is None:
            return who.name  # a new vacancy: whoever creates it is its single user
        actor = actor_in(session, spec.id, who)
        require(actor, Action.IMPORT)
        changes = vacancy_changes(session, spec)
        if changes:
            try:
                require(actor, Action.CHANGE_VACANCY)
            except Refused as exc:
                raise Refused(f"{exc} ({', '.join(changes)} differ from the vacancy file already imported)") from None
        return actor.name


def run_import(engine: Engine, spec: VacancySpec, dirs: Sequence[str | Path], who: Who,
               **options: Any) -> ImportReport:
    """Import every application below ``dirs`` as ``who`` (options: workers, limits, progress, should_stop)."""
    from jpo_tui.ingest.pipeline import import_applications
    from jpo_tui.store import preferences

    name = import_actor(engine, spec, who)
    report = import_applications(engine, spec, dirs, actor=name, **options)
    preferences.remember_vacancy(str(engine.url), spec.id)
    return report
