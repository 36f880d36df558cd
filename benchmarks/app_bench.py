"""The app with N applicants, driven in-process by Textual's Pilot: start-up, filter keystrokes, opening.

    python -m benchmarks.app_bench --n 10000

Each keystroke is timed from the key event sent (Pilot) until the first screen update written out (the app's
``_display``) in which the list holds the new filter's rows; opening an applicant, until the first update
showing its screen with its documents. (Pilot's own settling after a key, ~80 ms even in a bare app, is not
counted.) The baseline is the naive way: a DataTable cleared and refilled with the
matching rows for the same keystrokes, on the same data, measured in the same run. The database is built in a
child process, so the peak memory reported is the app's own.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.common import Row, print_table

TYPED = "amina d"  # a name typed letter by letter, then a word from the documents
DOC_WORDS = "gender eq"
TIMEOUT = 30.0


def _build(url: str, n: int) -> str:
    from benchmarks.bigdb import build
    from jpo_tui.store.db import open_database

    engine = open_database(url)
    try:
        return build(engine, n, committee=False)
    finally:
        engine.dispose()


async def _until(check, what: str) -> None:  # noqa: ANN001 - a zero-argument predicate
    deadline = time.perf_counter() + TIMEOUT
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"app benchmark: waited {TIMEOUT:g} s for {what}")
        await asyncio.sleep(0.001)


async def _drive(url: str) -> dict[str, object]:
    from benchmarks.bigdb import CHAIR
    from jpo_tui.screens.app import JpoApp
    from jpo_tui.screens.applicant import ApplicantScreen
    from jpo_tui.screens.applicants import ApplicantsScreen
    from jpo_tui.screens.widgets.applicant_list import ApplicantList
    from jpo_tui.store.db import open_database

    engine = open_database(url)
    out: dict[str, object] = {}
    started = time.perf_counter()
    app = JpoApp(engine=engine, reviewer=CHAIR)
    shown: list[tuple[float, object]] = []  # (when, state) of each screen update written out
    state = [lambda: None]
    display = app._display

    def recorded(screen, renderable) -> None:  # noqa: ANN001
        display(screen, renderable)
        shown.append((time.perf_counter(), state[0]()))

    app._display = recorded  # type: ignore[method-assign]

    async def timed_press(key: str, done) -> float:  # noqa: ANN001 - predicate on the app
        state[0] = done
        shown.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await _until(lambda: any(ok for _, ok in shown), f"the screen after {key!r}")
        return next(t for t, ok in shown if ok) - start

    async with app.run_test(size=(160, 48)) as pilot:
        await _until(lambda: bool(app.screen.query(ApplicantList)) and bool(app.screen.query_one(ApplicantList).order),
                     "the list")
        out["interactive"] = time.perf_counter() - started
        screen = app.screen
        assert isinstance(screen, ApplicantsScreen)
        listing = screen.query_one(ApplicantList)
        await _until(lambda: bool(screen.model.texts), "the document texts")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        keystrokes: list[float] = []
        keys = [*TYPED, *["backspace"] * len(TYPED), *DOC_WORDS.replace(" ", "_")]
        for key in keys:
            key = "space" if key == "_" else key
            before = listing.order
            keystrokes.append(await timed_press(key, lambda b=before: listing.order is not b))
            await pilot.pause()
        out["keystrokes"] = keystrokes
        out["shown"] = len(listing.order)
        await pilot.press("escape")
        await pilot.pause()
        opens: list[float] = []
        for i in range(6):
            listing.focus()
            listing.cursor = i * 7
            await pilot.pause()
            opens.append(await timed_press(
                "enter", lambda: isinstance(app.screen, ApplicantScreen) and app.screen.detail is not None))
            await pilot.pause()
            app.screen.action_close()  # type: ignore[attr-defined]
            await pilot.pause()
        out["opens"] = opens
    engine.dispose()
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


async def _naive(url: str) -> list[float]:
    """Baseline: a DataTable cleared and refilled with every matching row, per keystroke of the same typing."""
    from textual.app import App
    from textual.widgets import DataTable

    from benchmarks.bigdb import VACANCY_ID
    from jpo_tui.services import queries
    from jpo_tui.store.db import open_database

    engine = open_database(url)
    rows = queries.applicant_rows(engine, VACANCY_ID, None)
    texts = queries.search_texts(engine, VACANCY_ID)
    engine.dispose()

    class Naive(App):
        def compose(self):  # noqa: ANN202
            yield DataTable()

    times = []
    app = Naive()
    async with app.run_test(size=(160, 48)) as pilot:
        table = app.query_one(DataTable)
        table.add_columns("Key", "Name", "Nationality", "Age", "Eligibility")
        for query in ("a", "am", "ami", "gender"):  # a few keystrokes: each one costs seconds at 10,000 rows
            start = time.perf_counter()
            table.clear()
            table.add_rows((r.key, r.name, r.nationality, str(r.age), r.status) for r in rows
                           if query in r.name.casefold() or query in texts.get(r.id, ""))
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(n: int = 10_000) -> list[Row]:
    """Start-up, keystroke and opening times against the targets, beside the naive DataTable rebuild."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'app.db'}"
        with ProcessPoolExecutor(1) as pool:
            pool.submit(_build, url, n).result()
        with ProcessPoolExecutor(1) as pool:  # a fresh process: its peak memory is the app's alone
            got = pool.submit(_drive_sync, url).result()
        with ProcessPoolExecutor(1) as pool:
            naive = pool.submit(_naive_sync, url).result()
    keys = got["keystrokes"]
    opens = got["opens"][1:]  # the first builds the applicant screen once
    median_key, p95_key, naive_key = statistics.median(keys), _p95(keys), statistics.median(naive)
    median_open = statistics.median(opens)
    return [
        Row(f"app interactive with {n} applicants (s)", got["interactive"], "s", None, "< 1.0 s (in process)",
            got["interactive"] < 1.0),
        Row(f"filter keystroke, median of {len(keys)} (s)", median_key, "s", naive_key, "< 0.030 s",
            median_key < 0.030),
        Row("filter keystroke, p95 (s)", p95_key, "s", max(naive), "< 0.060 s", p95_key < 0.060),
        Row("open an applicant with highlights, median (s)", median_open, "s", None, "< 0.050 s",
            median_open < 0.050),
        Row("app peak RSS (MB)", got["rss_mb"], "", None, "< 400 MB", got["rss_mb"] < 400),
    ]


def _drive_sync(url: str) -> dict:
    return asyncio.run(_drive(url))


def _naive_sync(url: str) -> list[float]:
    return asyncio.run(_naive(url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    print_table(run(parser.parse_args().n))


if __name__ == "__main__":
    main()
