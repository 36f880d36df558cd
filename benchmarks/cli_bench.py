"""Whole processes, timed from the outside: the CLI's help, the read commands on SQLite, the app's start on an
existing database and the demo's cold first run.

    python -m benchmarks.cli_bench --n 1000

Every figure is the median of several runs of a fresh ``python`` process, beside ``python -c pass`` measured in the
same run (the interpreter's own start: the part no change in this project can remove). The read commands run on
a database of ``n`` applicants (1,000 in the full suite); the app starts on one of ``app_n`` (10,000) and is
timed from process start until the list holds its rows and answers a key; the demo runs in an empty folder, timed
until its first progress line (target: within its first second) and until it is interactive.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.common import Row, print_table

RUNS = 5
SCRIPT = Path(sys.executable).with_name("jpo-tui")  # the console script, as a user runs it
JPO = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-c", "import sys; from jpo_tui.cli.main import main; sys.exit(main())"]

# Run inside a fresh interpreter: the app on an existing database, headless, until the list is interactive.
_APP_PROBE = r"""
import time, sys
started = float(sys.argv[2])
import asyncio
from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.widgets.applicant_list import ApplicantList
from jpo_tui.store.db import open_database

async def main():
    app = JpoApp(engine=open_database(sys.argv[1]), reviewer=sys.argv[3])
    async with app.run_test(size=(160, 48)) as pilot:
        while not (app.screen.query(ApplicantList) and app.screen.query_one(ApplicantList).order):
            await asyncio.sleep(0.002)
        await pilot.press("down")  # answers a key: interactive
        print(time.time() - started)

asyncio.run(main())
"""


def _median_seconds(cmd: list[str], runs: int = RUNS, env: dict[str, str] | None = None,
                    cwd: str | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return statistics.median(times)


def _build(url: str, n: int) -> None:
    from benchmarks.bigdb import build
    from jpo_tui.store.db import open_database

    engine = open_database(url)
    try:
        build(engine, n, committee=False)
    finally:
        engine.dispose()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("JPO_PASSPHRASE", None)
    env["JPO_REVIEWER"] = "Bench Chair"
    return env


def _app_start(url: str, runs: int) -> float:
    from benchmarks.bigdb import CHAIR

    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _APP_PROBE, url, repr(time.time()), CHAIR],
                             capture_output=True, text=True, env=_env(), check=False)
        if out.returncode != 0:
            raise RuntimeError(f"app start probe failed: {out.stderr[-600:]}")
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _demo(tmp: str) -> tuple[float, float]:
    """Seconds until the demo's first progress line on stderr, and until its database is ready (--no-app), cold."""
    folder = Path(tmp) / "demo"
    folder.mkdir()
    env = _env()
    env.pop("JPO_DB", None)
    start = time.perf_counter()
    proc = subprocess.Popen([*JPO, "demo", "--no-app"], cwd=folder, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    assert proc.stderr is not None
    first = proc.stderr.readline()
    first_at = time.perf_counter() - start if first else float("inf")
    proc.stderr.read()
    proc.wait()
    ready = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError("jpo-tui demo --no-app failed")
    return first_at, ready


def run(n: int = 1000, app_n: int | None = None, runs: int = RUNS) -> list[Row]:
    """Help, read commands, app start and demo, each beside ``python -c pass``."""
    from benchmarks.bigdb import VACANCY_ID

    app_n = app_n or 10 * n
    base = _median_seconds([sys.executable, "-c", "pass"], runs)
    rows = [Row("python -c pass (baseline of every process figure)", base, "s", None, "baseline", None)]
    for label, cmd in (("jpo-tui --help", ["--help"]), ("jpo-tui import --help", ["import", "--help"])):
        t = _median_seconds([*JPO, *cmd], runs)
        rows.append(Row(f"{label}, median of {runs} (s)", t, "s", base, "< 0.25 s", t < 0.25))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / f"read-{n}.db"
        url = f"sqlite:///{db}"
        with ProcessPoolExecutor(1) as pool:
            pool.submit(_build, url, n).result()
        env = _env()
        for label, cmd in (("rank", ["rank"]), ("audit", ["audit", "--limit", "20"]),
                           ("facts", ["facts", "A000007"])):
            t = _median_seconds([*JPO, *cmd, "--db", url, "--vacancy", VACANCY_ID], runs, env=env)
            rows.append(Row(f"jpo-tui {label} at {n} applicants, SQLite, median of {runs} (s)", t, "s", base,
                            "< 0.6 s", t < 0.6))
        big = f"sqlite:///{Path(tmp) / f'app-{app_n}.db'}"
        if app_n != n:
            with ProcessPoolExecutor(1) as pool:
                pool.submit(_build, big, app_n).result()
        else:
            big = url
        t = _app_start(big, max(3, runs // 2))
        rows.append(Row(f"app interactive from process start, {app_n} applicants (s)", t, "s", base, "< 1.0 s",
                        t < 1.0))
        first, ready = _demo(tmp)
        rows.append(Row("demo, cold first run: first progress line (s)", first, "s", base, "< 1.0 s", first < 1.0))
        rows.append(Row("demo, cold first run: database ready (s)", ready, "s", base, "< 4 s (interactive)",
                        ready < 4.0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--app-n", type=int, default=10_000)
    args = parser.parse_args()
    print_table(run(args.n, args.app_n))


if __name__ == "__main__":
    main()
