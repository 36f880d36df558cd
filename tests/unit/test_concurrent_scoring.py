"""Several reviewers scoring at once from separate processes (spawn) never lose or overwrite a score."""

from __future__ import annotations

import multiprocessing as mp
import random

from sqlmodel import select

from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import VACANCY, ids, make_committee, make_vacancy

APPLICANTS = {f"K{i:02d}": f"Applicant {i}" for i in range(1, 9)}
CRITERIA = ("Evaluation", "Climate", "French")


def value_for(reviewer: str, key: str, criterion: str) -> int:
    """A score each writer can recompute, different per reviewer, applicant and criterion."""
    return (len(reviewer) * 7 + int(key[1:]) * 3 + CRITERIA.index(criterion)) % 6


def _write(engine, name: str, applicant_id: int, criterion_id: int, value: int) -> None:  # noqa: ANN001
    """One score row, as the UI writes it (through jpo_tui.committee.scoring when present), after the committee check."""
    from jpo_tui.committee.members import check_can_score

    with session_scope(engine) as session:
        check_can_score(session, VACANCY, applicant_id, name)
        rid = session.exec(select(m.Reviewer.id).where(m.Reviewer.name == name)).one()
    try:
        from jpo_tui.committee.reviewers import ReviewerInfo
        from jpo_tui.committee.scoring import set_score
    except ImportError:
        from jpo_tui.committee.members import upsert_row

        with session_scope(engine, write=True) as session:
            upsert_row(session, m.Score, {"applicant_id": applicant_id, "reviewer_id": rid,
                                          "criterion_id": criterion_id}, {"value": value, "updated_at": m.utcnow()})
        return
    set_score(engine, applicant_id, ReviewerInfo(rid, name), criterion_id, value)


def scorer(url: str, name: str, criteria: tuple[str, ...], known: dict[str, int], barrier, seed: int) -> None:  # noqa: ANN001
    """A child process: score every applicant on ``criteria`` in a shuffled order, submitting as it goes."""
    from jpo_tui.committee.members import upsert_row
    from jpo_tui.store.db import make_engine

    engine = make_engine(url)
    work = [(key, c) for key in APPLICANTS for c in criteria]
    random.Random(seed).shuffle(work)
    barrier.wait(timeout=60)
    for key, crit in work:
        _write(engine, name, known[key], known[f"c:{crit}"], value_for(name, key, crit))
    with session_scope(engine, write=True) as session:
        rid = session.exec(select(m.Reviewer.id).where(m.Reviewer.name == name)).one()
        for key in APPLICANTS:
            upsert_row(session, m.Review, {"applicant_id": known[key], "reviewer_id": rid},
                       {"submitted_at": m.utcnow(), "updated_at": m.utcnow()})
    engine.dispose()


def test_concurrent_reviewers_keep_every_score(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine, ("ana", "ben", "cy"))
    known = ids(engine)
    engine.dispose()
    # ana works from two terminals at once (different criteria), ben and cy from one each.
    jobs = [("ana", CRITERIA[:2]), ("ana", CRITERIA[2:]), ("ben", CRITERIA), ("cy", CRITERIA)]
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(jobs))
    procs = [ctx.Process(target=scorer, args=(db_url, name, crits, known, barrier, i))
             for i, (name, crits) in enumerate(jobs)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    assert [p.exitcode for p in procs] == [0] * len(jobs)
    with session_scope(engine) as session:
        names = {r.id: r.name for r in session.exec(select(m.Reviewer))}
        crit_name = {v: k[2:] for k, v in known.items() if k.startswith("c:")}
        key_of = {v: k for k, v in known.items() if not k.startswith("c:")}
        stored = {(names[s.reviewer_id], key_of[s.applicant_id], crit_name[s.criterion_id]): s.value
                  for s in session.exec(select(m.Score))}
        submitted = session.exec(select(m.Review).where(m.Review.submitted_at.is_not(None))).all()  # type: ignore[union-attr]
    expected = {(name, key, c): value_for(name, key, c)
                for name in ("ana", "ben", "cy") for key in APPLICANTS for c in CRITERIA}
    assert stored == expected
    assert len(submitted) == 3 * len(APPLICANTS)
    from jpo_tui.committee.aggregate import ranking

    with session_scope(engine) as session:
        rows = ranking(session, VACANCY, "chair").rows
    assert all(r.reviews == 3 for r in rows)
