"""The import service: who may import into a vacancy (and change the vacancy through its file), then the import.

Importing into a new vacancy, or one without a committee, is open to its single user; once it has a committee,
only its members import (after their passphrase) and only the chair may change the vacancy itself (criteria,
weights, eligibility rules, dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


class NothingToImport(ValueError):
    """The paths given hold no file to read: nothing was imported and the vacancy was not created or changed."""


@dataclass(frozen=True)
class Survey:
    """What the paths given hold, before anything is read or written."""

    shapes: tuple[tuple[str, str], ...]  # (path, "applications" | "applicant" | "file" | "archive")
    applicants: int  # applicant folders (or files) with something to read
    files: int  # files to read (or refuse for their format)
    refused: int  # refused before reading (links out of the folder, not regular files)
    ignored: tuple[tuple[str, str], ...]  # (file, reason): hidden files, plain-text notes
    empty: tuple[str, ...]  # applicant folders with no application document


SHAPES = {"applications": "a folder of applications: one applicant per sub-folder",
          "applicant": "one applicant's folder (files, no sub-folder): imported as one applicant keyed by its name",
          "file": "one file: imported as one applicant keyed by its name",
          "archive": "a ZIP archive of applications"}


def survey(dirs: Sequence[str | Path]) -> Survey:
    """What ``dirs`` hold (see :mod:`jpo_tui.ingest.discover`); FileNotFoundError names a missing path."""
    from jpo_tui.ingest.discover import discover_applications, path_kind

    shapes = []
    for d in dirs:
        kind = path_kind(Path(d))
        if kind == "missing":
            raise FileNotFoundError(f"{d}: no such file or folder")
        shapes.append((str(d), kind))
    folders = discover_applications(dirs)
    return Survey(
        shapes=tuple(shapes),
        applicants=sum(1 for f in folders if f.files or (f.refusals and not f.loose)),
        files=sum(len(f.files) for f in folders),
        refused=sum(len(f.refusals) for f in folders),
        ignored=tuple((str(p), reason) for f in folders for p, reason in f.ignored),
        empty=tuple(f.key for f in folders if not f.files and not f.refusals and not f.loose),
    )


def nothing_to_import(found: Survey) -> str:
    """Why ``found`` gives nothing to import (one line), or "" when there is something."""
    if found.files or found.applicants:
        return ""
    where = ", ".join(path for path, _ in found.shapes)
    if found.ignored:
        names = ", ".join(Path(f).name for f, _ in found.ignored[:3]) + (", …" if len(found.ignored) > 3 else "")
        what = f"{len(found.ignored)} file(s) ignored ({names}: no PDF, Word .docx or scan)"
    elif found.refused:
        what = f"{found.refused} file(s) refused before reading"
    else:
        what = "no files"
    return (f"nothing to import in {where}: {what}; no applicant was created and the vacancy was not changed "
            "(an applicant's folder holds their P11, CV or letter as PDF or .docx)")


def run_import(engine: Engine, spec: VacancySpec, dirs: Sequence[str | Path], who: Who,
               **options: Any) -> ImportReport:
    """Import every application below ``dirs`` as ``who`` (options: workers, limits, progress, should_stop).
    :class:`NothingToImport` when they hold no file to read (nothing is written then)."""
    from jpo_tui.ingest.pipeline import import_applications
    from jpo_tui.store import preferences

    why = nothing_to_import(survey(dirs))
    if why:
        raise NothingToImport(why)
    name = import_actor(engine, spec, who)
    report = import_applications(engine, spec, dirs, actor=name, **options)
    preferences.remember_vacancy(str(engine.url), spec.id)
    return report


def stored_vacancy(engine: Engine, vacancy_id: str) -> VacancySpec:
    """The vacancy already imported, as its file said (late applications are imported into it without it)."""
    from jpo_tui.store.db import session_scope
    from jpo_tui.store.writes import vacancy_spec

    with session_scope(engine) as session:
        return vacancy_spec(session, vacancy_id)


def summary(report: ImportReport) -> str:
    """The one line said after an import: applicants, then files read, already present, refused and ignored."""
    line = (f"{report.applicants_seen} applicant{'s' if report.applicants_seen != 1 else ''}"
            f" ({report.applicants_changed} new or changed); files: {report.documents_added} read, "
            f"{report.documents_unchanged} already present, {len(report.refused)} refused, "
            f"{len(report.ignored)} ignored")
    if report.refused_only:
        line += f"; {len(report.refused_only)} applicant(s) with no readable document"
    if report.empty:
        line += f"; {len(report.empty)} folder(s) with no application document (no applicant)"
    return line
