"""Fuzzing the importer's reader: mutated PDFs (byte flips, truncations, splices, number and token edits of the
seeds in ``tests/fuzz/seeds`` and of the decompression bombs of ``bomb_seeds``) go through ``jpo_tui.ingest.pipeline.read_document`` in capped reader processes, as an
import would run them. No mutant may crash a reader or hang past the per-file timeout.

    python -m tests.fuzz.run --n 2000 [--seed 1] [--timeout 10] [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, TimeoutError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from jpo_tui.ingest.pipeline import ImportLimits, _worker_init, read_document

SEEDS = Path(__file__).parent / "seeds"
TOKENS = (b"<<", b">>", b"[", b"]", b"(", b")", b"obj", b"endobj", b"stream", b"endstream", b"R", b"/Length",
          b"/Filter /FlateDecode", b"xref", b"trailer", b"%%EOF", b"/Kids [", b"/Parent 1 0 R", b"9999999999",
          b"-1", b"0 0 R", b"\\", b"\x00", b"\xff\xfe")


@dataclass
class FuzzReport:
    mutants: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)  # reader process died (file kept when --keep)
    hangs: list[str] = field(default_factory=list)  # no answer within the timeout plus a margin
    max_seconds: float = 0.0
    total_seconds: float = 0.0
    reasons: Counter = field(default_factory=Counter)
    operations: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        mean = self.total_seconds / self.mutants if self.mutants else 0.0
        top = ", ".join(f"{reason} ({n})" for reason, n in self.reasons.most_common(6))
        return (f"{self.mutants} mutants: {self.accepted} accepted, {self.refused} refused, "
                f"{len(self.crashes)} crashes, {len(self.hangs)} hangs; max {self.max_seconds:.2f} s, "
                f"mean {mean:.3f} s per file\nmost frequent reasons: {top}")


def _flip(data: bytes, rng: random.Random, _seeds: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random, _seeds: list[bytes]) -> bytes:
    cut = rng.randrange(len(data))
    return data[:cut] + (b"\n%%EOF\n" if rng.random() < 0.5 else b"")


def _splice(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    other = rng.choice(seeds)
    return data[: rng.randrange(len(data))] + other[rng.randrange(len(other)):]


def _numbers(data: bytes, rng: random.Random, _seeds: list[bytes]) -> bytes:
    spans = [m.span() for m in re.finditer(rb"\d+", data)]
    out = bytearray(data)
    for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 6))), reverse=True):
        out[start:end] = str(rng.choice([0, 1, -1, 2**31, 10**12, rng.randrange(100_000)])).encode()
    return bytes(out)


def _tokens(data: bytes, rng: random.Random, _seeds: list[bytes]) -> bytes:
    out = data
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        token = rng.choice(TOKENS) * (rng.randint(1, 5000) if rng.random() < 0.1 else 1)
        out = out[:i] + token + out[i:]
    return out


def _chunks(data: bytes, rng: random.Random, _seeds: list[bytes]) -> bytes:
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    if rng.random() < 0.5:
        return data[:a] + data[b:]  # delete a range
    return data[:b] + data[a:b] * rng.randint(2, 50) + data[b:]  # repeat a range


OPERATIONS = {"flip": _flip, "truncate": _truncate, "splice": _splice, "numbers": _numbers, "tokens": _tokens,
              "chunks": _chunks}


def mutate(seeds: list[bytes], rng: random.Random) -> tuple[str, bytes]:
    """One mutant: one to three operations applied to a random seed."""
    data = rng.choice(seeds)
    names = [rng.choice(list(OPERATIONS)) for _ in range(rng.randint(1, 3))]
    for name in names:
        if data:
            data = OPERATIONS[name](data, rng, seeds)
    return "+".join(names), data


def _reader_init(memory_mb: int) -> None:
    _worker_init(memory_mb)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # broken mutants make pypdf chatty


def _timed_read(path: str, limits: ImportLimits) -> tuple[str, str, float]:
    started = time.monotonic()
    status, value = read_document(path, limits)
    return status, value if isinstance(value, str) else "", time.monotonic() - started


def _reason_kind(reason: str) -> str:
    return re.split(r"[:(]", reason, maxsplit=1)[0].strip()[:60]


def bomb_seeds() -> list[bytes]:
    """The decompression bombs that made PDFium abort a reader (inline image, ToUnicode map, embedded CMap), built
    to inflate to 80 MB (about 80 kB each), so that mutants of them probe the inflation budget."""
    from tests import hostile

    return [hostile.inline_image_bomb(80), hostile.tounicode_bomb(80), hostile.embedded_cmap_bomb(80),
            hostile.flate_bomb(80)]


def fuzz(n: int, *, seed: int = 1, timeout: float = 10.0, workers: int = 2, keep: Path | None = None,
         memory_mb: int = 1024, bombs: bool = True) -> FuzzReport:
    """Run ``n`` mutants through capped reader processes (the bombs among the seeds with ``bombs``); the figures."""
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.pdf"))] + (bomb_seeds() if bombs else [])
    rng = random.Random(seed)
    limits = ImportLimits(timeout_seconds=timeout, memory_mb=memory_mb)
    report = FuzzReport()
    with tempfile.TemporaryDirectory(prefix="jpo-fuzz-") as tmp:
        pool = ProcessPoolExecutor(workers, initializer=_reader_init, initargs=(memory_mb,))
        try:
            batch: list[tuple[str, Path]] = []
            for i in range(n):
                ops, data = mutate(seeds, rng)
                path = Path(tmp) / f"m{i:05d}.pdf"
                path.write_bytes(data)
                report.operations.update(ops.split("+"))
                batch.append((ops, path))
                if len(batch) == workers * 4 or i == n - 1:
                    pool = _run_batch(pool, batch, limits, report, keep, workers, memory_mb)
                    batch = []
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    return report


def _run_batch(pool: ProcessPoolExecutor, batch: list[tuple[str, Path]], limits: ImportLimits,
               report: FuzzReport, keep: Path | None, workers: int, memory_mb: int) -> ProcessPoolExecutor:
    futures = [(ops, path, pool.submit(_timed_read, str(path), limits)) for ops, path in batch]
    broken = False
    for ops, path, future in futures:
        report.mutants += 1
        try:
            status, reason, seconds = future.result(timeout=limits.timeout_seconds * 2 + 30)
        except TimeoutError:
            report.hangs.append(f"{path.name} ({ops})")
            _keep(keep, path)
            broken = True
            continue
        except BrokenProcessPool:
            report.crashes.append(f"{path.name} ({ops})")
            _keep(keep, path)
            broken = True
            continue
        report.max_seconds = max(report.max_seconds, seconds)
        report.total_seconds += seconds
        if status == "ok":
            report.accepted += 1
        else:
            report.refused += 1
            report.reasons[_reason_kind(reason)] += 1
    if broken:  # a dead or stuck reader: start afresh, as the importer does
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool = ProcessPoolExecutor(workers, initializer=_reader_init, initargs=(memory_mb,))
    return pool


def _keep(keep: Path | None, path: Path) -> None:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / path.name).write_bytes(path.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of mutants (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="per-file timeout in seconds (default 10)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="copy crashing or hanging mutants to this folder")
    args = parser.parse_args(argv)
    started = time.monotonic()
    report = fuzz(args.n, seed=args.seed, timeout=args.timeout, workers=args.workers, keep=args.keep)
    print(report.summary())
    print(f"operations: {dict(report.operations)}; wall time {time.monotonic() - started:.1f} s")
    for line in report.crashes + report.hangs:
        print(f"FAILED {line}")
    return 1 if report.crashes or report.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
