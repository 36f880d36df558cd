"""Reading one file in a sandboxed reader process: time, memory, page and size limits; keyword hits found there.

``read_document`` runs inside a reader process (started by ``_ReaderPool``, initialised by ``_worker_init``), so a
decompression bomb or a crash in a C library costs that process, never the import.
"""

from __future__ import annotations

import resource
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jpo_tui.core.records import DocumentRefused, ParsedDocument
from jpo_tui.core.vacancy import CriterionSpec


@dataclass(frozen=True)
class ImportLimits:
    """Bounds that keep a hostile file from stalling or exhausting the machine (all configurable)."""

    timeout_seconds: float = 60.0
    max_pages: int = 200
    max_bytes: int = 50_000_000
    memory_mb: int = 1024
    max_text_chars: int = 2_000_000  # reviewer text kept per document
    max_field_chars: int = 2_000  # one parsed value (a name, a form field)



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
