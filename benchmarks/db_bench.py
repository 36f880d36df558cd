"""Database: the list, the search texts, the ranking and one applicant load in a fixed number of statements
whatever the number of applicants (no N+1), and their queries use indexes.

The database holds the vacancy and an earlier one (a fiftieth of its size), as a database kept over several calls.

    python -m benchmarks.db_bench --n 10000

SQL statements are counted with SQLAlchemy's ``before_cursor_execute`` event for 200 applicants (the baseline)
and for N. Every statement of the list and the ranking of the earlier, smaller vacancy is then explained (EXPLAIN QUERY
PLAN on SQLite, EXPLAIN on PostgreSQL when JPO_BENCH_PG_URL or JPO_TEST_PG_URL names a server): loading one
vacancy must not read every vacancy's rows, so a full scan of a table that is not a lookup table
(vacancy, criterion, reviewer, committee) or a table of under 2,000 rows fails. On PostgreSQL the plans are
made with ``enable_seqscan`` off, so a Seq Scan left means no index can serve the query. (For the big vacancy itself a full scan can be the best plan.)
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from benchmarks.common import Row, print_table

SMALL_TABLES = {"vacancy", "criterion", "reviewer", "committeemember", "vacancystate", "alembic_version"}
BASELINE_N = 200
MIN_ROWS = 2000  # a table this small is read faster whole: its full scan is no fault


def _loads(engine: Engine, vacancy_id: str) -> dict[str, Callable[[], Any]]:
    """The reads behind the list, the text filter, the ranking and the applicant screen."""
    from benchmarks.bigdb import CHAIR
    from jpo_tui.committee.aggregate import ranking
    from jpo_tui.services import queries
    from jpo_tui.store.db import session_scope

    reviewer_id = _reviewer_id(engine)
    first = queries.applicant_id_for_key(engine, vacancy_id, "A000000")

    def rank() -> Any:
        with session_scope(engine) as session:
            return ranking(session, vacancy_id, CHAIR)

    return {
        "list": lambda: queries.applicant_rows(engine, vacancy_id, reviewer_id),
        "search texts": lambda: queries.search_texts(engine, vacancy_id),
        "ranking": rank,
        "applicant": lambda: queries.applicant_detail(engine, first, reviewer_id),  # type: ignore[arg-type]
    }


def _reviewer_id(engine: Engine) -> int:
    from benchmarks.bigdb import CHAIR
    from jpo_tui.store.db import session_scope

    with session_scope(engine) as session:
        return session.execute(text("SELECT id FROM reviewer WHERE name = :n"), {"n": CHAIR}).scalar_one()


@contextmanager
def recording(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement (with its parameters) the engine sends while the block runs."""
    seen: list[tuple[str, Any]] = []

    def before(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _is_read(statement: str) -> bool:
    return statement.lstrip().upper().startswith("SELECT")


def measure(engine: Engine, vacancy_id: str) -> dict[str, tuple[int, float, list[tuple[str, Any]]]]:
    """Per load: (statements, seconds, the SELECT statements)."""
    out = {}
    for name, load in _loads(engine, vacancy_id).items():
        load()  # warm caches (compiled statements, pool)
        with recording(engine) as seen:
            start = time.perf_counter()
            load()
            seconds = time.perf_counter() - start
        out[name] = (len(seen), seconds, [(s, p) for s, p in seen if _is_read(s)])
    return out


def full_scans(engine: Engine, statement: str, parameters: Any) -> list[str]:
    """Tables the statement reads in full (no index), small lookup tables excepted."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if engine.dialect.name == "sqlite":
            cur = raw.cursor()
            cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            lines = [row[3] for row in cur.fetchall()]
            found = [m.group(1) for ln in lines if (m := re.match(r"SCAN (\w+)(?: AS \w+)?$", ln.strip()))]
        else:
            with raw.cursor() as cur:
                # PostgreSQL rightly prefers a sequential scan of a table that fits in a few pages; with seq
                # scans priced out, a Seq Scan left in the plan means no index can serve the query.
                cur.execute("SET LOCAL enable_seqscan = off")
                cur.execute("EXPLAIN " + statement, parameters)
                lines = [row[0] for row in cur.fetchall()]
            found = [m.group(1) for ln in lines if (m := re.search(r"Seq Scan on (\w+)", ln))]
        small = {t for t in found if conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() < MIN_ROWS}
    return [t for t in found if t not in SMALL_TABLES and t not in small]


def _build(url: str, n: int) -> tuple[Engine, str]:
    from benchmarks.bigdb import build
    from jpo_tui.store.db import open_database

    engine = open_database(url)
    vacancy_id = build(engine, n, other_vacancy=max(20, n // 50))
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))  # planner statistics, as a database in use has them
    return engine, vacancy_id


@contextmanager
def _pg_schema(base: str) -> Iterator[str]:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _rows_for(dialect: str, url_for: Callable[[str], Any], n: int) -> list[Row]:
    rows: list[Row] = []
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in dict.fromkeys((BASELINE_N, n)):
            with url_for(str(Path(tmp) / f"db-{size}.db")) as url:
                engine, vacancy_id = _build(url, size)
                try:
                    results[size] = measure(engine, vacancy_id)
                    if size == n:  # plans of the small vacancy's loads: indexes must keep them small
                        small = measure(engine, vacancy_id + "-EARLIER")
                        for name in ("list", "ranking"):
                            scans = sorted({t for s, p in small[name][2] for t in full_scans(engine, s, p)})
                            rows.append(Row(f"{dialect}: {name} queries use indexes"
                                            + (f" (full scan: {', '.join(scans)})" if scans else ""),
                                            float(len(small[name][2])), "", None,
                                            "no full scan of a big table", not scans))
                finally:
                    engine.dispose()
    for name, (count, seconds, _) in results[n].items():
        base = results[BASELINE_N][name][0]
        rows.append(Row(f"{dialect}: SQL statements, {name} ({n} vs {BASELINE_N} applicants)", float(count), "",
                        float(base), "same count (no N+1)", count == base))
        rows.append(Row(f"{dialect}: {name} load time at {n} (s)", seconds, "s", results[BASELINE_N][name][1],
                        "informative", None))
    return rows


def run(n: int = 10_000) -> list[Row]:
    """Statement counts and index use on SQLite, and on PostgreSQL when a server is named."""

    @contextmanager
    def sqlite_url(path: str) -> Iterator[str]:
        yield f"sqlite:///{path}"

    rows = _rows_for("sqlite", sqlite_url, n)
    pg = os.environ.get("JPO_BENCH_PG_URL") or os.environ.get("JPO_TEST_PG_URL")
    if pg:
        rows += _rows_for("postgresql", lambda _path: _pg_schema(pg), n)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    print_table(run(parser.parse_args().n))


if __name__ == "__main__":
    main()
