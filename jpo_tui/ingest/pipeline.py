"""Importing a vacancy's applications: find the files, read them in parallel processes, store each applicant.

One broken file never stops a batch: it is recorded with a one-line reason and the rest go on. Re-importing
the same files adds nothing (content hashes). Each applicant is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jpo_tui.core.records import DocumentRefused, ParsedDocument
from jpo_tui.core.safetext import printable
from jpo_tui.core.vacancy import CriterionSpec, VacancySpec
from jpo_tui.privacy import audit
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from jpo_tui.store.writes import (
    criterion_ids,
    insert_new_applicant,
    known_applicants,
    known_hashes,
    known_problems,
    record_problem,
    save_applicant,
    upsert_vacancy,
)

HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class ImportLimits:
    """Bounds that keep a hostile file from stalling or exhausting the machine (all configurable)."""

    timeout_seconds: float = 60.0
    max_pages: int = 200
    max_bytes: int = 50_000_000
    memory_mb: int = 1024
    max_text_chars: int = 2_000_000  # reviewer text kept per document
    max_field_chars: int = 2_000  # one parsed value (a name, a form field)


@dataclass(frozen=True)
class ApplicationFolder:
    key: str
    files: tuple[Path, ...]
    refusals: tuple[tuple[Path, str], ...] = ()  # files refused before reading (symlinks out, not files)
    loose: bool = False  # a file lying directly in an import folder: its own applicant only if readable


@dataclass
class ImportReport:
    vacancy_id: str
    applicants_seen: int = 0
    applicants_changed: int = 0
    documents_added: int = 0
    documents_unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (applicant key, flag)
    duplicates: list[list[str]] = field(default_factory=list)

    @property
    def files_total(self) -> int:
        return self.documents_added + self.documents_unchanged + len(self.refused)


ProgressCallback = Callable[[int, int, str, str], None]  # done, total, file, outcome ("ok"|"unchanged"|reason)


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".") or path.name in ("Thumbs.db", "desktop.ini")


def _files_below(folder: Path, root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    real_root = root.resolve()
    for path in sorted(folder.rglob("*")):
        if _is_hidden(path) or any(_is_hidden(p) for p in path.relative_to(folder).parents if p.name):
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                refused.append((path, "symbolic link pointing outside the import folder: not followed"))
                continue
        if path.is_file():
            files.append(path)
        elif not path.is_dir() and path.exists():
            refused.append((path, "not a regular file"))
    return files, refused


def discover_applications(dirs: Sequence[str | Path]) -> list[ApplicationFolder]:
    """One applicant per sub-folder (its name is the key); a loose file in a given folder is its own applicant."""
    found: dict[str, ApplicationFolder] = {}
    for d in dirs:
        root = Path(d)
        if not root.is_dir():
            raise FileNotFoundError(f"{root}: no such folder")
        for entry in sorted(root.iterdir()):
            if _is_hidden(entry):
                continue
            loose = not (entry.is_dir() and not entry.is_symlink())
            if loose:
                files, refused = _files_below_single(entry, root)
                key = entry.stem
            else:
                files, refused = _files_below(entry, root)
                key = entry.name
            key = _unique_key(printable(key), found)
            found[key] = ApplicationFolder(key=key, files=tuple(files), refusals=tuple(refused), loose=loose)
    return list(found.values())


def _files_below_single(entry: Path, root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    if entry.is_symlink() and not entry.resolve().is_relative_to(root.resolve()):
        return [], [(entry, "symbolic link pointing outside the import folder: not followed")]
    if entry.is_file():
        return [entry], []
    return [], [(entry, "not a regular file")]


def _unique_key(key: str, found: dict[str, ApplicationFolder]) -> str:
    candidate, n = key, 2
    while candidate in found:
        candidate = f"{key}~{n}"
        n += 1
    return candidate


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ---- worker side -------------------------------------------------------------------------------------------

class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that the PDF library's broad ``except Exception`` cannot swallow
    it and hand back a half-read document as if it were complete."""


def _on_alarm(_signum, _frame) -> None:  # noqa: ANN001
    raise _Timeout()


def _worker_init(memory_mb: int) -> None:
    """Cap each reader process's memory so a decompression bomb fails alone, and ignore Ctrl-C (the parent handles it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            new_hard = hard if hard != resource.RLIM_INFINITY and hard < limit else hard
            resource.setrlimit(resource.RLIMIT_AS, (min(limit, new_hard) if new_hard != resource.RLIM_INFINITY else limit, new_hard))
        except (ValueError, OSError):
            pass


_MATCHERS: dict[tuple[CriterionSpec, ...], object] = {}


def _find_hits(doc: ParsedDocument, criteria: tuple[CriterionSpec, ...]) -> None:
    """Match the vacancy's keywords in the reader process, so the parent only stores the hits."""
    from jpo_tui.screening.matching import Matcher

    matcher = _MATCHERS.get(criteria)
    if matcher is None:
        matcher = _MATCHERS[criteria] = Matcher(criteria, workers=1)
    doc.hits = [h for hits in matcher.match_text(doc.text).values() for h in hits]  # type: ignore[attr-defined]


def read_document(
    path: str, limits: ImportLimits, criteria: tuple[CriterionSpec, ...] = ()
) -> tuple[str, ParsedDocument | str]:
    """Read one file within the time and size limits: ("ok", ParsedDocument) or ("refused", reason).

    With ``criteria``, the document's keyword hits are found here too (``ParsedDocument.hits``).
    """
    from jpo_tui.ingest.reading import read_pdf

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limits.timeout_seconds)
    try:
        doc = _capped(read_pdf(path, max_pages=limits.max_pages, max_bytes=limits.max_bytes), limits)
        if criteria and doc.text:
            _find_hits(doc, criteria)
        if doc.facts is not None:
            from jpo_tui.core.factstore import facts_to_dict

            doc.facts_data = facts_to_dict(doc.facts)  # the parent stores it as is
        return "ok", doc
    except DocumentRefused as exc:
        return "refused", exc.reason
    except _Timeout:
        return "refused", f"took longer than {limits.timeout_seconds:g} s to read: stopped"
    except MemoryError:
        return "refused", f"needs more than {limits.memory_mb} MB of memory to read (a decompression bomb?)"
    except RecursionError:
        return "refused", "objects nested too deeply to read"
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
        return "refused", f"could not be read ({type(exc).__name__}: {str(exc)[:120]})"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _capped(doc: ParsedDocument, limits: ImportLimits) -> ParsedDocument:
    """Cut an oversized text or parsed value (a form field of megabytes) down to the limits, with a flag."""
    if len(doc.text) > limits.max_text_chars:
        doc.flags.append(f"text capped at {limits.max_text_chars:,} characters (the file holds {len(doc.text):,})")
        doc.text = doc.text[: limits.max_text_chars]
    if doc.facts is not None and _cap_strings(doc.facts, limits.max_field_chars):
        doc.flags.append(f"a value longer than {limits.max_field_chars:,} characters was capped")
    return doc


def _cap_strings(record: object, limit: int) -> bool:
    """Truncate the str fields of a dataclass record and of the records in its list fields; True if any was cut."""
    cut = False
    for name, value in list(vars(record).items()):
        if isinstance(value, str) and len(value) > limit:
            object.__setattr__(record, name, value[:limit])  # some records are frozen
            cut = True
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and len(item) > limit:
                    value[i] = item[:limit]
                    cut = True
                elif hasattr(item, "__dataclass_fields__"):
                    cut = _cap_strings(item, limit) or cut
    return cut


# ---- parent side -------------------------------------------------------------------------------------------

@dataclass
class _Pending:
    folder: ApplicationFolder
    waiting: int
    docs: list[ParsedDocument] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def _display_path(path: Path, roots: Sequence[Path]) -> str:
    """The path relative to its import folder, control characters escaped (safe to print and to show)."""
    for root in roots:
        try:
            return printable(str(path.relative_to(root)))
        except ValueError:
            continue
    return printable(str(path))


class _ReaderPool:
    """A process pool that is rebuilt when a reader process dies (a crash in a C library, the OOM killer)."""

    def __init__(self, workers: int, limits: ImportLimits, criteria: tuple[CriterionSpec, ...] = ()) -> None:
        self.workers = max(1, workers)
        self.limits = limits
        self.criteria = criteria
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # Even one reader runs in its own process: the memory cap and a crash then stay away from the parent.
        return ProcessPoolExecutor(self.workers, initializer=_worker_init, initargs=(self.limits.memory_mb,))

    def submit(self, path: Path) -> Future:
        return self.pool.submit(read_document, str(path), self.limits, self.criteria)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


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
    from jpo_tui.screening.duplicates import find_duplicates
    from jpo_tui.screening.rescreen import rescreen

    limits = limits or ImportLimits()
    workers = workers or os.cpu_count() or 1
    roots = [Path(d) for d in dirs]
    folders = discover_applications(roots)
    report = ImportReport(vacancy_id=spec.id, applicants_seen=len(folders))
    with session_scope(engine, write=True) as session:
        changes = vacancy_changes(session, spec)
        _, changed_criteria = upsert_vacancy(session, spec)
        if changes:
            audit.record(session, actor, "vacancy_update", vacancy_id=spec.id,
                         detail=f"vacancy file changes {', '.join(changes)}",
                         before={k: b for k, (b, _) in changes.items()}, after={k: a for k, (_, a) in changes.items()})
        folders = _without_erased(session, spec.id, folders, report)
        hashes = known_hashes(session, spec.id)
        writer = _BatchWriter(engine, spec, report, roots, known_problems(session, spec.id),
                              known_applicants(session, spec.id), criterion_ids(session, spec.id))

    total = sum(len(f.files) + len(f.refusals) for f in folders)
    done = 0

    def tick(path: Path, outcome: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, _display_path(path, roots), outcome)

    pool = _ReaderPool(workers, limits, spec.criteria)
    in_flight: dict[Future, tuple[_Pending, Path]] = {}
    # A deep queue keeps the readers busy while the parent writes a batch (a shallow one left them idle).
    max_in_flight = max(16, workers * 32)
    try:
        queue: Iterator[tuple[_Pending, Path | None]] = _work_items(folders, hashes, report, tick)
        exhausted = False
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
                in_flight[pool.submit(path)] = (pending, path)
            if not in_flight:
                break
            finished, _ = wait(list(in_flight), timeout=writer.seconds_to_flush(), return_when=FIRST_COMPLETED)
            for future in finished:
                pending, path = in_flight.pop(future)
                try:
                    status, value = future.result()
                except BrokenProcessPool:
                    status, value = "refused", "the reader process crashed on this file"
                    _requeue_after_crash(pool, in_flight)
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
        report.duplicates = find_duplicates(session, spec.id)
        audit.record(
            session, actor, "import", vacancy_id=spec.id,
            detail=f"{report.documents_added} documents added, {len(report.refused)} refused, "
            f"{report.applicants_changed} applicants changed from {', '.join(printable(str(r)) for r in roots)}",
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
    before = _vacancy_fields(old, dict(old.eligibility))
    after = _vacancy_fields(spec, json.loads(json.dumps(spec.eligibility_dict(), default=str)))
    crits = {c.name: [float(c.weight), list(c.keywords)] for c in session.exec(
        select(m.Criterion).where(m.Criterion.vacancy_id == spec.id))}
    before["criteria"] = crits
    after["criteria"] = {**crits, **{c.name: [float(c.weight), list(c.keywords)] for c in spec.criteria}}
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


ERASED_REASON = "applicant erased on request (GDPR): not imported again (a new application needs a new folder name)"


def _without_erased(session: Session, vacancy_id: str, folders: list[ApplicationFolder],
                    report: ImportReport) -> list[ApplicationFolder]:
    """The folders minus applicants erased from this vacancy (their files may still lie in the import folder)."""
    from jpo_tui.privacy.erasure import pseudonym

    erased = set(session.exec(select(m.AuditEvent.applicant_key).where(
        m.AuditEvent.action == "erase", m.AuditEvent.vacancy_id == vacancy_id)))
    if not erased:
        return folders
    kept = []
    for folder in folders:
        if pseudonym(vacancy_id, folder.key) in erased:
            report.refused.append((folder.key, ERASED_REASON))
        else:
            kept.append(folder)
    return kept


def _work_items(
    folders: Iterable[ApplicationFolder],
    hashes: set[tuple[str, str]],
    report: ImportReport,
    tick: Callable[[Path, str], None],
) -> Iterator[tuple[_Pending, Path | None]]:
    for folder in folders:
        pending = _Pending(folder=folder, waiting=0)
        to_read: list[Path] = []
        for path in folder.files:
            try:
                digest = sha256_file(path)
            except OSError as exc:
                pending.problems.append((str(path), f"cannot be opened: {exc.strerror or exc}"))
                tick(path, "cannot be opened")
                continue
            if (folder.key, digest) in hashes:
                report.documents_unchanged += 1
                tick(path, "unchanged")
                continue
            to_read.append(path)
        for path, reason in folder.refusals:
            pending.problems.append((str(path), reason))
            tick(path, reason)
        pending.waiting = len(to_read)
        if not to_read:
            if pending.problems:
                yield pending, None
            continue
        for path in to_read:
            yield pending, path


def _requeue_after_crash(pool: _ReaderPool, in_flight: dict[Future, tuple[_Pending, Path]]) -> None:
    """A dead reader breaks the whole pool: restart it and resubmit the other files that were in flight."""
    pool.restart()
    for future in list(in_flight):
        pending_path = in_flight.pop(future)
        in_flight[pool.submit(pending_path[1])] = pending_path


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

    def _write(self, session, pending: _Pending) -> None:  # noqa: ANN001 - a sqlmodel Session
        from jpo_tui.screening.rescreen import store_screening

        key = pending.folder.key
        for file_path, reason in pending.problems:
            shown = printable(_display_path(Path(file_path), self.roots) if os.path.isabs(file_path) else file_path)
            reason = printable(reason)
            self.report.refused.append((shown, reason))
            if (shown, reason) not in self.problems_before:
                record_problem(session, self.spec.id, key, shown, reason)
        for doc in pending.docs:
            self.report.flagged.extend((key, flag) for flag in doc.flags)
        if pending.folder.loose and not pending.docs:
            return  # a stray unreadable file beside the applicant folders is reported, not made an applicant
        problem_flags = [printable(f"{Path(f).name}: {reason}") for f, reason in pending.problems]
        known = self.applicant_ids.get(key)
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
