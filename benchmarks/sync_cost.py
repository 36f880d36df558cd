"""What ``synchronous=FULL`` costs a reviewer: N scores saved one by one (one transaction each, as the app saves
them) on a SQLite file, with FULL (what jpo-tui uses) and with NORMAL. Informative, no target:

    python -m benchmarks.sync_cost [N] [FOLDER]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event
from sqlmodel import select

from jpo_tui.store.db import open_database, session_scope


def _run(folder: Path, mode: str, n: int) -> list[float]:
    from jpo_tui.committee import scoring
    from jpo_tui.committee.reviewers import get_or_create_reviewer
    from jpo_tui.store import models as m
    from tests.trust_data import populate

    engine = open_database(str(folder / f"{mode}.db"))
    if mode == "NORMAL":
        event.listen(engine, "connect", lambda conn, _rec: conn.execute("PRAGMA synchronous=NORMAL"))
        engine.dispose()
    ids = list(populate(engine).values())
    reviewer = get_or_create_reviewer(engine, "Bench Reviewer")
    with session_scope(engine) as session:
        criterion = session.exec(select(m.Criterion.id)).first()
    times = []
    for i in range(n):
        start = time.perf_counter()
        scoring.set_score(engine, ids[i % len(ids)], reviewer, criterion, i % 6)
        times.append(time.perf_counter() - start)
    engine.dispose()
    return times


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory(dir=sys.argv[2] if len(sys.argv) > 2 else None) as tmp:
        for mode in ("NORMAL", "FULL"):
            t = _run(Path(tmp), mode, n)
            print(f"synchronous={mode:6}  {n} scores: median {statistics.median(t) * 1000:.2f} ms, "
                  f"p95 {sorted(t)[int(0.95 * n)] * 1000:.2f} ms, total {sum(t):.2f} s")


if __name__ == "__main__":
    main()
