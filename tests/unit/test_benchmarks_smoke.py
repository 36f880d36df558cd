"""The benchmark suite runs end to end at smoke size (checks the code runs, not the timings)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(600)
def test_benchmark_suite_runs_at_smoke_size(tmp_path: Path) -> None:
    env = {**os.environ, "JPO_BENCH_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--size", "smoke"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "figure" in out and "baseline" in out and "ratio" in out and "target" in out, out
    for figure in ("import 12 applications", "match 50 applicants", "SQL statements, list", "filter keystroke",
                   ".docx files read per second", "OCR "):
        assert figure in out, f"no row {figure!r} in:\n{out}"
    assert "not available" not in done.stderr, done.stderr
