"""Importing a vacancy's applications: find the files, read them in parallel processes, store each applicant.

One broken file never stops a batch: it is recorded with a one-line reason and the rest go on. Re-importing
the same files adds nothing (content hashes). Each applicant is written in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from jpo_tui import audit
from jpo_tui.db import session_scope
from jpo_tui.parsing.records import DocumentRefused, ParsedDocument
from jpo_tui.safetext import printable
from jpo_tui.store import known_hashes, known_problems, record_problem, save_applicant, upsert_vacancy
from jpo_tui.vacancy import VacancySpec

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


def read_document(path: str, limits: ImportLimits) -> tuple[str, ParsedDocument | str]:
    """Read one file within the time and size limits: ("ok", ParsedDocument) or ("refused", reason)."""
    from jpo_tui.parsing import read_pdf

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limits.timeout_seconds)
    try:
        return "ok", _capped(read_pdf(path, max_pages=limits.max_pages, max_bytes=limits.max_bytes), limits)
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

    def __init__(self, workers: int, limits: ImportLimits) -> None:
        self.workers = workers
        self.limits = limits
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor | None:
        if self.workers <= 1:
            return None
        return ProcessPoolExecutor(self.workers, initializer=_worker_init, initargs=(self.limits.memory_mb,))

    def submit(self, path: Path) -> Future:
        if self.pool is None:
            future: Future = Future()
            future.set_result(read_document(str(path), self.limits))
            return future
        return self.pool.submit(read_document, str(path), self.limits)

    def restart(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def close(self) -> None:
        if self.pool is not None:
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
    from jpo_tui.duplicates import find_duplicates
    from jpo_tui.screening import rescreen

    limits = limits or ImportLimits()
    workers = workers or os.cpu_count() or 1
    roots = [Path(d) for d in dirs]
    folders = discover_applications(roots)
    report = ImportReport(vacancy_id=spec.id, applicants_seen=len(folders))
    with session_scope(engine, write=True) as session:
        _, changed_criteria = upsert_vacancy(session, spec)
        hashes = known_hashes(session, spec.id)
        problems_before = known_problems(session, spec.id)

    total = sum(len(f.files) + len(f.refusals) for f in folders)
    done = 0

    def tick(path: Path, outcome: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, _display_path(path, roots), outcome)

    changed_ids: list[int] = []
    pool = _ReaderPool(workers, limits)
    in_flight: dict[Future, tuple[_Pending, Path]] = {}
    max_in_flight = max(4, workers * 4)
    try:
        queue: Iterator[tuple[_Pending, Path]] = _work_items(folders, hashes, report, tick, changed_ids)
        pendings_done: list[_Pending] = []
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < max_in_flight:
                if should_stop and should_stop():
                    exhausted = True
                    break
                item = next(queue, None)
                if item is None:
                    exhausted = True
                    break
                pending, path = item
                if path is None:  # a folder with nothing left to read
                    pendings_done.append(pending)
                    continue
                in_flight[pool.submit(path)] = (pending, path)
            for pending in pendings_done:
                _finish(engine, spec, pending, report, problems_before, changed_ids, roots)
            pendings_done.clear()
            if not in_flight:
                break
            finished, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
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
                    _finish(engine, spec, pending, report, problems_before, changed_ids, roots)
    finally:
        pool.close()

    with session_scope(engine, write=True) as session:
        if changed_ids:
            rescreen(session, spec.id, applicant_ids=changed_ids)
        if changed_criteria:  # keywords edited in the vacancy file: re-match those criteria for everyone
            rescreen(session, spec.id, criteria=changed_criteria, eligibility=False)
        report.duplicates = find_duplicates(session, spec.id)
        audit.record(
            session, actor, "import", vacancy_id=spec.id,
            detail=f"{report.documents_added} documents added, {len(report.refused)} refused, "
            f"{report.applicants_changed} applicants changed from {', '.join(str(r) for r in roots)}",
        )
    return report


def _work_items(
    folders: Iterable[ApplicationFolder],
    hashes: set[tuple[str, str]],
    report: ImportReport,
    tick: Callable[[Path, str], None],
    changed_ids: list[int],
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


def _finish(
    engine: Engine,
    spec: VacancySpec,
    pending: _Pending,
    report: ImportReport,
    problems_before: set[tuple[str, str]],
    changed_ids: list[int],
    roots: Sequence[Path],
) -> None:
    """Write one applicant (new documents + refusals) in a single transaction."""
    key = pending.folder.key
    problem_flags = [printable(f"{Path(f).name}: {reason}") for f, reason in pending.problems]
    with session_scope(engine, write=True) as session:
        for file_path, reason in pending.problems:
            shown = printable(_display_path(Path(file_path), roots) if os.path.isabs(file_path) else file_path)
            reason = printable(reason)
            report.refused.append((shown, reason))
            if (shown, reason) not in problems_before:
                record_problem(session, spec.id, key, shown, reason)
        if pending.folder.loose and not pending.docs:
            return  # a stray unreadable file beside the applicant folders is reported, not made an applicant
        applicant, added = save_applicant(session, spec.id, key, pending.docs, problem_flags)
        for doc in pending.docs:
            for flag in doc.flags:
                report.flagged.append((key, flag))
        if added or pending.problems:
            changed_ids.append(applicant.id)  # type: ignore[arg-type]
            report.applicants_changed += added > 0
