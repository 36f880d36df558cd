"""Importing a vacancy's applications: find the files, read them in parallel processes, store each applicant.

One broken file never stops a batch: it is recorded with a one-line reason and the rest go on. Re-importing
the same files adds nothing (content hashes). Each applicant is written in one transaction.

The work is split by responsibility: ``discover`` finds the applicants' files, ``readers`` reads each file in a
sandboxed reader process, ``writer`` stores the finished applicants in batches; this module orchestrates them.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jpo_tui.core.records import ParsedDocument
from jpo_tui.core.safetext import printable
from jpo_tui.core.vacancy import VacancySpec, comparable_eligibility
from jpo_tui.ingest.discover import HIDDEN, ApplicationFolder, discover_applications, sha256_file
from jpo_tui.ingest.readers import ImportLimits, ReaderPool, _worker_init, read_document, stop_all_readers
from jpo_tui.ingest.writer import ApplicantOutcome, ImportReport, _BatchWriter, _display_path, _Pending
from jpo_tui.privacy import audit
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from jpo_tui.store.writes import criterion_ids, known_applicants, known_hashes, known_problems, upsert_vacancy

__all__ = ["ApplicantOutcome", "ApplicationFolder", "ImportLimits", "ImportReport", "ProgressCallback",
           "discover_applications", "import_applications", "read_document", "sha256_file", "stop_all_readers", "vacancy_changes",
           "_worker_init"]

# done, total, file, outcome ("ok" | "unchanged" | "ignored" | the reason it was refused)
ProgressCallback = Callable[[int, int, str, str], None]


def import_applications(
    engine: Engine,
    spec: VacancySpec,
    dirs: Sequence[str | Path],
    *,
    workers: int | None = None,
    limits: ImportLimits | None = None,
    progress: ProgressCallback | None = None,
    actor: str = "",
    should_stop: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import every application below ``dirs`` for the vacancy ``spec``; see the module docstring."""
    from jpo_tui.screening.duplicates import find_duplicates_why
    from jpo_tui.screening.rescreen import rescreen

    limits = limits or ImportLimits()
    workers = workers or os.cpu_count() or 1
    given = [Path(d) for d in dirs]
    folders = discover_applications(given)
    # paths are shown from the folder of applications: "A420001/p11.pdf" also when A420001 itself was given
    roots = list(dict.fromkeys(f.root for f in folders if f.root is not None)) or given
    report = ImportReport(vacancy_id=spec.id)
    with session_scope(engine, write=True) as session:
        changes = vacancy_changes(session, spec)
        _, changed_criteria = upsert_vacancy(session, spec)
        if changes:
            audit.record(session, actor, "vacancy_update", vacancy_id=spec.id,
                         detail=f"vacancy file changes {', '.join(changes)}",
                         before={k: b for k, (b, _) in changes.items()}, after={k: a for k, (_, a) in changes.items()})
        folders = _without_erased(session, spec.id, folders, report)
        folders = _without_overlong_keys(folders, report)
        hashes = known_hashes(session, spec.id)
        writer = _BatchWriter(engine, spec, report, roots, known_problems(session, spec.id),
                              known_applicants(session, spec.id), criterion_ids(session, spec.id))

    total = sum(len(f.files) + len(f.refusals) + len(f.ignored) for f in folders)
    done = 0

    def tick(path: Path, outcome: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, _display_path(path, roots), outcome)

    pool = ReaderPool(workers, limits, spec.criteria)
    in_flight: dict[int, tuple[_Pending, Path]] = {}
    # A deep queue keeps the readers busy while the parent writes a batch (a shallow one left them idle).
    max_in_flight = max(16, workers * 32)
    try:
        queue: Iterator[tuple[_Pending, Path | None]] = _work_items(folders, hashes, report, tick, limits)
        exhausted = False
        tags = itertools.count()
        while True:
            while not exhausted and len(in_flight) < max_in_flight:
                item = None if should_stop and should_stop() else next(queue, None)
                if item is None:
                    exhausted = True
                    break
                pending, path = item
                if path is None:  # a folder with nothing left to read
                    writer.add(pending)
                    continue
                tag = next(tags)
                in_flight[tag] = (pending, path)
                pool.submit(tag, path)
            if not in_flight or pool.closed:  # all read, or the readers stopped (the app quitting)
                break
            for tag, status, value in pool.wait(writer.seconds_to_flush()):
                pending, path = in_flight.pop(tag)
                if status == "ok":
                    assert isinstance(value, ParsedDocument)
                    value.path = _display_path(path, roots)
                    pending.docs.append(value)
                    report.documents_added += 1
                    tick(path, "ok")
                else:
                    pending.problems.append((_display_path(path, roots), str(value)))
                    tick(path, str(value))
                pending.waiting -= 1
                if pending.waiting == 0:
                    writer.add(pending)
            writer.flush_if_due()
        writer.flush()
    finally:
        pool.close()

    with session_scope(engine, write=True) as session:
        if writer.known_changed:  # applicants who already had documents: re-merged, so screened again
            rescreen(session, spec.id, applicant_ids=writer.known_changed)
        if changed_criteria and writer.had_applicants:  # keywords edited: re-match those criteria for everyone
            rescreen(session, spec.id, criteria=changed_criteria, eligibility=False)
        report.duplicates, report.duplicate_pairs = find_duplicates_why(session, spec.id)
        audit.record(
            session, actor, "import", vacancy_id=spec.id,
            detail=f"{report.documents_added} documents added, {len(report.refused)} refused, "
            f"{report.applicants_changed} applicants changed from {', '.join(printable(str(r)) for r in given)}",
        )
    return report


def _vacancy_fields(vacancy: m.Vacancy | VacancySpec, eligibility: dict[str, Any]) -> dict[str, Any]:
    return {"title": vacancy.title, "organisation": vacancy.organisation, "duty_station": vacancy.duty_station,
            "grade": vacancy.grade, "donor": vacancy.donor, "call_year": vacancy.call_year,
            "deadline": vacancy.deadline.isoformat(),
            "retention_until": vacancy.retention_until.isoformat() if vacancy.retention_until else None,
            "eligibility": eligibility}


def vacancy_changes(session: Session, spec: VacancySpec) -> dict[str, tuple[Any, Any]]:
    """What importing with ``spec`` changes in an existing vacancy: field -> (before, after); {} for a new one.

    Criteria count as one field ``criteria`` (name -> [weight, keywords]); criteria missing from the file stay.
    """
    old = session.get(m.Vacancy, spec.id)
    if old is None:
        return {}
    before = _vacancy_fields(old, comparable_eligibility(old.eligibility))
    after = _vacancy_fields(spec, comparable_eligibility(json.loads(json.dumps(spec.eligibility_dict(), default=str))))
    crits = {c.name: [float(c.weight), list(c.keywords)] for c in session.exec(
        select(m.Criterion).where(m.Criterion.vacancy_id == spec.id))}
    before["criteria"] = crits
    after["criteria"] = {**crits, **{c.name: [float(c.weight), list(c.keywords)] for c in spec.criteria}}
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


ERASED_REASON = ("applicant erased on request or purged after the retention date (GDPR): not imported again "
                 "(a new application needs a new folder name)")


def _without_erased(session: Session, vacancy_id: str, folders: list[ApplicationFolder],
                    report: ImportReport) -> list[ApplicationFolder]:
    """The folders minus applicants erased or purged from this vacancy (their files may still lie there)."""
    from jpo_tui.privacy.erasure import erased_matcher

    erased = erased_matcher(session, vacancy_id)
    kept = []
    for folder in folders:
        if erased(folder.key):
            report.refused.append((folder.key, ERASED_REASON))
        else:
            kept.append(folder)
    return kept


def _refused_by_size(path: Path, limits: ImportLimits) -> str | None:
    """Why the file is refused before anything reads it (too large, not a regular file), or None."""
    from jpo_tui.ingest.archive import split_member

    if split_member(path) is not None:  # an archive's member: its size was checked when the archive was listed
        return None
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > limits.max_bytes:
        return f"file too large ({info.st_size:,} bytes > {limits.max_bytes:,})"
    return None


MAX_KEY_CHARS: int = m.KEY_CHARS


def _without_overlong_keys(folders: list[ApplicationFolder], report: ImportReport) -> list[ApplicationFolder]:
    """The folders minus those whose name is too long to be an applicant key (the same on every database)."""
    kept = []
    for folder in folders:
        if len(folder.key) <= MAX_KEY_CHARS:
            kept.append(folder)
            continue
        shown = folder.key[:60] + "..."
        report.refused.append((shown, f"folder name too long for an applicant key ({len(folder.key)} characters > "
                                      f"{MAX_KEY_CHARS}): rename the folder to import this applicant"))
    return kept


def _work_items(
    folders: Iterable[ApplicationFolder],
    hashes: set[tuple[str, str]],
    report: ImportReport,
    tick: Callable[[Path, str], None],
    limits: ImportLimits,
) -> Iterator[tuple[_Pending, Path | None]]:
    for folder in folders:
        pending = _Pending(folder=folder, waiting=0)
        to_read: list[Path] = []
        unchanged = 0
        for path, reason in folder.ignored:
            shown = _display_path(path, [folder.root] if folder.root else [])
            report.ignored.append((shown, reason))
            if reason != HIDDEN:  # plain text: recorded with the import's problems, never an applicant alone
                pending.notes.append((shown, reason))
            tick(path, "ignored")
        for path in folder.files:
            try:
                refusal = _refused_by_size(path, limits)  # before hashing: a 20 GB file is refused at once
                digest = sha256_file(path) if refusal is None else ""
            except OSError as exc:
                pending.problems.append((str(path), f"cannot be opened: {exc.strerror or exc}"))
                tick(path, "cannot be opened")
                continue
            if refusal is not None:
                pending.problems.append((str(path), refusal))
                tick(path, refusal)
                continue
            if (folder.key, digest) in hashes:
                report.documents_unchanged += 1
                unchanged += 1
                tick(path, "unchanged")
                continue
            to_read.append(path)
        for path, reason in folder.refusals:
            pending.problems.append((str(path), reason))
            tick(path, reason)
        pending.waiting = len(to_read)
        if not to_read:
            if pending.problems or pending.notes:
                if unchanged:
                    report.outcomes[folder.key] = ApplicantOutcome(unchanged=unchanged)
                yield pending, None
            elif unchanged:
                report.outcomes[folder.key] = ApplicantOutcome(unchanged=unchanged)
                report.applicants_seen += 1
            elif not folder.loose:
                report.empty.append(folder.key)
            continue
        report.outcomes[folder.key] = ApplicantOutcome(unchanged=unchanged)
        for path in to_read:
            yield pending, path
