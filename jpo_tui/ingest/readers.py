"""Reading one file in a sandboxed reader process: time, memory, page and size limits; keyword hits found there.

``read_document`` runs inside a reader process (started by ``ReaderPool``, initialised by ``_worker_init``), so a
decompression bomb or a crash in a C library costs that process, never the import.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import math
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as mp_wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from jpo_tui.core.records import DocumentRefused, ParsedDocument
from jpo_tui.core.vacancy import CriterionSpec

if TYPE_CHECKING:
    from jpo_tui.screening.matching import Matcher


@dataclass(frozen=True)
class ImportLimits:
    """Bounds that keep a hostile file from stalling or exhausting the machine (all configurable)."""

    timeout_seconds: float = 60.0
    max_pages: int = 200
    max_bytes: int = 50_000_000
    memory_mb: int = 1024
    max_text_chars: int = 2_000_000  # reviewer text kept per document
    max_field_chars: int = 2_000  # one parsed value (a name, a form field)

    def __post_init__(self) -> None:
        for name in ("timeout_seconds", "max_pages", "max_bytes"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a number above 0 (got {value!r}): there is no 'no limit'")
        if self.memory_mb < 0:
            raise ValueError(f"memory_mb must be 0 (no cap) or more (got {self.memory_mb!r})")



class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that the PDF library's broad ``except Exception`` cannot swallow
    it and hand back a half-read document as if it were complete."""


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout()


def _worker_init(memory_mb: int) -> None:
    """Cap each reader process's memory so a decompression bomb fails alone, and ignore Ctrl-C (the parent handles it).

    The cap is on the address space the reader adds to what it started with: a forked reader inherits its parent's
    mappings (a test runner or the app may hold a gigabyte of them), which are not the file's doing.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = _address_space_now() + memory_mb * 1024 * 1024
        try:
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):
            pass


def _address_space_now() -> int:
    """This process's mapped address space in bytes (0 where /proc is not there to tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


_MATCHERS: dict[tuple[CriterionSpec, ...], Matcher] = {}


def _find_hits(doc: ParsedDocument, criteria: tuple[CriterionSpec, ...]) -> None:
    """Match the vacancy's keywords in the reader process, so the parent only stores the hits."""
    from jpo_tui.screening.matching import Matcher

    matcher = _MATCHERS.get(criteria)
    if matcher is None:
        matcher = _MATCHERS[criteria] = Matcher(criteria, workers=1)
    doc.hits = [h for hits in matcher.match_text(doc.text).values() for h in hits]


def read_document(
    path: str, limits: ImportLimits, criteria: tuple[CriterionSpec, ...] = ()
) -> tuple[str, ParsedDocument | str]:
    """Read one file within the time and size limits: ("ok", ParsedDocument) or ("refused", reason).

    With ``criteria``, the document's keyword hits are found here too (``ParsedDocument.hits``).
    """
    from jpo_tui.ingest.formats import read_file

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limits.timeout_seconds)
    try:
        doc = _capped(read_file(path, max_pages=limits.max_pages, max_bytes=limits.max_bytes), limits)
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



class ReaderPool:
    """Reader processes, each reading one file at a time, so that the file a dead reader held is known exactly.

    A reader that dies (PDFium aborting on a bomb, the OOM killer) costs that one file a refusal, whatever the number
    of files queued; one that overruns the timeout inside C code (where the alarm cannot interrupt it) is killed a
    grace period later. A reader whose peak memory passed ``RECYCLE_FRACTION`` of its cap is replaced after its
    file, so that a long batch never reads in a reader that is nearly full. Readers die with the parent process
    (``PR_SET_PDEATHSIG`` on Linux, a watchdog on its pid elsewhere); ``stop_all_readers`` stops every pool.
    """

    GRACE_SECONDS = 5.0
    RECYCLE_FRACTION = 0.5

    def __init__(self, workers: int, limits: ImportLimits, criteria: tuple[CriterionSpec, ...] = ()) -> None:
        self.workers = max(1, workers)
        self.limits = limits
        self.criteria = criteria
        self.queue: deque[tuple[int, str]] = deque()
        self.readers: list[_Reader] = []
        self.done: list[tuple[int, str, ParsedDocument | str]] = []
        self.closed = False
        _preload()
        _LIVE.add(self)

    @property
    def pending(self) -> int:
        """Files submitted and not yet handed back by ``wait``."""
        return len(self.queue) + sum(r.task is not None for r in self.readers) + len(self.done)

    def submit(self, tag: int, path: Path | str) -> None:
        """Queue a file; ``wait`` hands back (tag, status, value) for it."""
        self.queue.append((tag, str(path)))
        self._dispatch()

    def wait(self, timeout: float | None = None) -> list[tuple[int, str, ParsedDocument | str]]:
        """The results that came in within ``timeout`` seconds (None: until at least one), as read_document's."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.done and not self.closed:
            self._dispatch()
            busy = [r for r in self.readers if r.task is not None]
            if not busy:
                break
            now = time.monotonic()
            wake = min(r.started + self.limits.timeout_seconds + self.GRACE_SECONDS for r in busy)
            if deadline is not None:
                wake = min(wake, deadline)
            ready = set(mp_wait([r.conn for r in busy] + [r.process.sentinel for r in busy],
                                timeout=max(0.0, wake - now)))
            if self.closed:  # stopped from another thread (the app quitting): the owner cleans up
                break
            for reader in busy:
                if reader.conn in ready or reader.process.sentinel in ready:
                    self._collect(reader)
                elif time.monotonic() > reader.started + self.limits.timeout_seconds + self.GRACE_SECONDS:
                    self._fail(reader, f"took longer than {self.limits.timeout_seconds:g} s to read: stopped")
            if deadline is not None and time.monotonic() >= deadline:
                break
        self._dispatch()
        done, self.done = self.done, []
        return done

    def _dispatch(self) -> None:
        if self.closed:
            return
        self.readers = [r for r in self.readers if r.task is not None or r.process.is_alive()]
        for reader in self.readers:
            if not self.queue:
                return
            if reader.task is None:
                self._give(reader, self.queue.popleft())
        while self.queue and len(self.readers) < self.workers:
            reader = _Reader.start(self.limits, self.criteria)
            self.readers.append(reader)
            self._give(reader, self.queue.popleft())

    def _give(self, reader: _Reader, task: tuple[int, str]) -> None:
        reader.task, reader.started = task, time.monotonic()
        try:
            reader.conn.send(task[1])
        except OSError:  # it died while idle: the file waits for the next reader
            self.queue.appendleft(task)
            reader.task = None
            reader.stop()
            self.readers.remove(reader)

    def _collect(self, reader: _Reader) -> None:
        assert reader.task is not None
        try:
            if not reader.conn.poll():
                raise EOFError
            status, value, peak_mb = reader.conn.recv()
        except (EOFError, OSError):
            reader.process.join(timeout=1.0)
            self._fail(reader, f"the reader process crashed on this file ({_exit_reason(reader.process.exitcode)})")
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be unpickled costs its file only
            status, value, peak_mb = "refused", f"could not be read ({type(exc).__name__})", 0.0
        self.done.append((reader.task[0], status, value))
        reader.task = None
        if self.limits.memory_mb > 0 and peak_mb > self.RECYCLE_FRACTION * self.limits.memory_mb:
            reader.stop()  # a fresh reader for the next file
            self.readers.remove(reader)

    def _fail(self, reader: _Reader, reason: str) -> None:
        assert reader.task is not None
        self.done.append((reader.task[0], "refused", reason))
        reader.task = None
        reader.stop()
        self.readers.remove(reader)

    def kill(self) -> None:
        """Stop at once, from any thread: the readers are killed, ``wait`` returns, the owner closes the pool."""
        self.closed = True
        for reader in list(self.readers):
            with contextlib.suppress(OSError, ValueError):
                reader.process.kill()

    def close(self) -> None:
        """Stop every reader (the files still queued are dropped)."""
        self.closed = True
        self.queue.clear()
        for reader in self.readers:
            reader.stop(gently=reader.task is None)
        self.readers = []
        _LIVE.discard(self)


@dataclass
class _Reader:
    process: BaseProcess
    conn: Connection
    task: tuple[int, str] | None = None
    started: float = 0.0

    @staticmethod
    def start(limits: ImportLimits, criteria: tuple[CriterionSpec, ...]) -> _Reader:
        parent_end, child_end = multiprocessing.Pipe()
        process = multiprocessing.Process(target=_reader_main, args=(child_end, os.getpid(), limits, criteria),
                                          daemon=True, name="jpo-reader")
        process.start()
        child_end.close()
        return _Reader(process, parent_end)

    def stop(self, *, gently: bool = False) -> None:
        if gently:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(timeout=1.0)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5.0)
        self.conn.close()


def _preload() -> None:
    """Import what readers need before they are forked, so that a file's time limit is not spent importing."""
    import jpo_tui.ingest.document  # noqa: F401
    import jpo_tui.ingest.pdf.pdfium_content  # noqa: F401
    import jpo_tui.screening.matching  # noqa: F401


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _reader_main(conn: Connection, parent: int, limits: ImportLimits, criteria: tuple[CriterionSpec, ...]) -> None:
    """A reader process: read the paths the parent sends, one at a time, until it sends None or goes away."""
    _worker_init(limits.memory_mb)
    _die_with_parent(parent)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        status, value = read_document(path, limits, criteria)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        try:
            conn.send((status, value, peak_mb))
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled costs its file only
            conn.send(("refused", f"could not be read ({type(exc).__name__}: {str(exc)[:120]})", peak_mb))


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """End this process when ``parent`` dies: PR_SET_PDEATHSIG on Linux, else a thread watching the parent's pid."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the call took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="jpo-reader-watchdog").start()


_LIVE: weakref.WeakSet[ReaderPool] = weakref.WeakSet()


def stop_all_readers() -> None:
    """Kill the readers of every pool of this process, from any thread (the app calls it when it quits; also run
    at exit). An import in progress then ends as if stopped: what was read is written, the rest waits for a re-run."""
    for pool in list(_LIVE):
        pool.kill()


atexit.register(stop_all_readers)
