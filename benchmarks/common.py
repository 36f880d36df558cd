"""Shared pieces of the benchmark suite: generated data sets (cached), timing, the result table."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUT = Path(os.environ.get("JPO_BENCH_DIR", Path(__file__).resolve().parent.parent / "bench-out"))


@dataclass
class Row:
    """One benchmark figure beside its baseline."""

    figure: str
    value: float
    unit: str
    baseline: float | None
    target: str
    passed: bool | None

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    def as_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "value": self.value, "unit": self.unit, "baseline": self.baseline,
                "ratio": self.ratio, "target": self.target, "passed": self.passed}


def dataset(n: int, seed: int = 1, *, layouts: tuple[str, ...] | None = None) -> Path:
    """A generated corpus of ``n`` applications (P11 + cover letter each), made once and cached under bench-out/."""
    from tests.samples.corpus import write_corpus

    name = f"corpus-{n}-{seed}" + ("-" + "-".join(layouts) if layouts else "")
    path = OUT / name
    if not (path / "truth.json").is_file():
        path.mkdir(parents=True, exist_ok=True)
        write_corpus(path, n, seed=seed, layouts=layouts, bad_files=False)
    return path


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_rss_mb() -> float:
    """Peak resident memory of this process and, separately measured, its largest child (MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, children)


def print_table(rows: list[Row]) -> None:
    header = f"{'figure':<52} {'value':>12} {'baseline':>12} {'ratio':>7}  {'target':<28} result"
    print(header)
    print("-" * len(header))
    for r in rows:
        base = "-" if r.baseline is None else f"{r.baseline:,.3f}"
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}"
        verdict = {True: "pass", False: "FAIL", None: "-"}[r.passed]
        print(f"{r.figure:<52} {r.value:>10,.3f} {r.unit:<1} {base:>12} {ratio:>7}  {r.target:<28} {verdict}")
