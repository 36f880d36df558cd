"""Storing what the readers found: finished applicants written in small batches, each batch one transaction."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from jpo_tui.core.records import ParsedDocument
from jpo_tui.core.safetext import printable
from jpo_tui.core.vacancy import VacancySpec
from jpo_tui.ingest.discover import ApplicationFolder
from jpo_tui.store.db import session_scope
from jpo_tui.store.writes import insert_new_applicant, record_problem, save_applicant


@dataclass
class ApplicantOutcome:
    """What one import did with one applicant's files."""

    read: int = 0
    unchanged: int = 0
    refused: int = 0

    @property
    def documents(self) -> int:
        """The applicant's documents from this folder, new or already stored."""
        return self.read + self.unchanged


@dataclass
class ImportReport:
    vacancy_id: str
    applicants_seen: int = 0  # applicants stored or already present (with a document or a refused file)
    applicants_changed: int = 0
    documents_added: int = 0
    documents_unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): hidden files, plain text
    empty: list[str] = field(default_factory=list)  # applicant folders with no application document: no applicant
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (applicant key, flag)
    duplicates: list[list[str]] = field(default_factory=list)
    outcomes: dict[str, ApplicantOutcome] = field(default_factory=dict)  # applicant key -> what was done
    duplicate_pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (key, key, why) joining them

    @property
    def files_total(self) -> int:
        return self.documents_added + self.documents_unchanged + len(self.refused)

    @property
    def refused_only(self) -> list[str]:
        """Applicants of this import whose every file was refused (stored, with no document from it)."""
        return [key for key, o in self.outcomes.items() if o.refused and not o.documents]



@dataclass
class _Pending:
    folder: ApplicationFolder
    waiting: int
    docs: list[ParsedDocument] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # plain text beside the documents: ignored


def _display_path(path: Path, roots: Sequence[Path]) -> str:
    """The path relative to its import folder, control characters escaped (safe to print and to show)."""
    for root in roots:
        try:
            return printable(str(path.relative_to(root)))
        except ValueError:
            continue
    return printable(str(path))



class _BatchWriter:
    """Writes finished applicants in small batches, each batch one transaction (so a crash loses at most the
    batch in progress, which a re-run imports again). New applicants take a fast path: bulk inserts, their
    eligibility evaluated from the facts in hand and their keyword hits as the readers found them."""

    # Applicants per transaction and the longest a finished applicant waits; JPO_IMPORT_BATCH tunes the first
    # (1 = one transaction per applicant, slower on large imports).
    MAX_BATCH = max(1, int(os.environ.get("JPO_IMPORT_BATCH", "64") or 64))
    MAX_SECONDS = 0.5

    def __init__(self, engine: Engine, spec: VacancySpec, report: ImportReport, roots: Sequence[Path],
                 problems_before: set[tuple[str, str]], applicant_ids: dict[str, int],
                 criterion_ids: dict[str, int]) -> None:
        self.engine = engine
        self.spec = spec
        self.report = report
        self.roots = roots
        self.problems_before = problems_before
        self.applicant_ids = applicant_ids
        self.criterion_ids = criterion_ids
        self.known_changed: list[int] = []
        self.had_applicants = bool(applicant_ids)
        self.batch: list[_Pending] = []
        self.oldest = 0.0

    def add(self, pending: _Pending) -> None:
        if not self.batch:
            self.oldest = time.monotonic()
        self.batch.append(pending)
        if len(self.batch) >= self.MAX_BATCH:
            self.flush()

    def seconds_to_flush(self) -> float | None:
        return None if not self.batch else max(0.0, self.oldest + self.MAX_SECONDS - time.monotonic())

    def flush_if_due(self) -> None:
        if self.batch and time.monotonic() - self.oldest >= self.MAX_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        with session_scope(self.engine, write=True) as session:
            for pending in batch:
                self._write(session, pending)

    def _write(self, session: Session, pending: _Pending) -> None:
        from jpo_tui.screening.rescreen import store_screening

        key = pending.folder.key
        for file_path, reason in pending.problems:
            shown = printable(_display_path(Path(file_path), self.roots) if os.path.isabs(file_path) else file_path)
            reason = printable(reason)
            self.report.refused.append((shown, reason))
            if (shown, reason) not in self.problems_before:
                record_problem(session, self.spec.id, key, shown, reason)
        for shown, reason in pending.notes:  # kept with the import's problems (the export's errors), not flags
            if (shown, reason) not in self.problems_before:
                record_problem(session, self.spec.id, key, shown, reason)
        for doc in pending.docs:
            self.report.flagged.extend((key, flag) for flag in doc.flags)
        known = self.applicant_ids.get(key)
        if not pending.docs and (pending.folder.loose or (not pending.problems and known is None)):
            if not pending.folder.loose:
                self.report.empty.append(key)
            # a stray unreadable file beside the applicant folders, or only notes: reported, not an applicant
            return
        outcome = self.report.outcomes.setdefault(key, ApplicantOutcome())
        outcome.read += len(pending.docs)
        outcome.refused += len(pending.problems)
        self.report.applicants_seen += 1
        problem_flags = [printable(f"{Path(f).name}: {reason}") for f, reason in pending.problems]
        if known is not None:
            if pending.docs or pending.problems:
                applicant, added = save_applicant(session, self.spec.id, key, pending.docs, problem_flags,
                                                  self.criterion_ids)
                self.known_changed.append(known)
                self.report.applicants_changed += added > 0
            return
        applicant_id, facts = insert_new_applicant(session, self.spec.id, key, pending.docs, problem_flags,
                                                   self.criterion_ids)
        self.applicant_ids[key] = applicant_id
        self.report.applicants_changed += 1
        store_screening(session, self.spec, applicant_id, facts, pending.docs, new=True)
