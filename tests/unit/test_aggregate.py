"""Aggregation, ranking with visible tie-breaks, normalisation, and blind scoring enforced in the API."""

from __future__ import annotations

import statistics

import pytest

from jpo_tui.committee.aggregate import ranking, visible_scores, weighted_total
from jpo_tui.committee.decisions import set_aggregation
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import CRITERIA, VACANCY, ids, make_committee, make_vacancy, score

WEIGHTS = [w for _, w in CRITERIA]


def expected_total(values: tuple[int | None, ...]) -> float:
    pairs = [(v, w) for v, w in zip(values, WEIGHTS, strict=True) if v is not None]
    return sum(v * w for v, w in pairs) / sum(w for _, w in pairs)


def test_weighted_total_skips_unscored_criteria() -> None:
    assert weighted_total({1: 4, 2: 2, 3: None}, {1: 2.0, 2: 1.0, 3: 1.0}) == pytest.approx((8 + 2) / 3)
    assert weighted_total({1: None}, {1: 1.0}) is None
    assert weighted_total({}, {1: 1.0}) is None


def test_mean_median_spread_and_disagreement(db_url: str) -> None:
    engine = make_vacancy(db_url, {"K01": "One", "K02": "Two"})
    make_committee(engine, ("ana", "ben"))
    given = {"chair": (5, 5, 4), "ana": (1, 2, None), "ben": (3, 3, 3)}
    for who, values in given.items():
        score(engine, who, "K01", values)
    for who in ("ana", "ben"):
        score(engine, who, "K02", (3, 3, 3))
    totals = [expected_total(v) for v in given.values()]
    with session_scope(engine) as session:
        rows = {r.key: r for r in ranking(session, VACANCY, "chair").rows}
    k1 = rows["K01"]
    assert k1.mean == pytest.approx(statistics.fmean(totals))
    assert k1.median == pytest.approx(statistics.median(totals))
    assert k1.aggregate == pytest.approx(k1.mean)
    assert k1.spread == pytest.approx(max(totals) - min(totals))
    assert k1.disagreement and not rows["K02"].disagreement
    assert rows["K02"].spread == 0
    assert k1.per_criterion["French"] == pytest.approx((4 + 3) / 2)
    with session_scope(engine, write=True) as session:
        set_aggregation(session, VACANCY, "chair", "median", threshold=5.0)
    with session_scope(engine) as session:
        table = ranking(session, VACANCY, "chair")
        k1 = next(r for r in table.rows if r.key == "K01")
    assert table.method == "median" and k1.aggregate == pytest.approx(statistics.median(totals))
    assert not k1.disagreement


def test_ties_are_broken_visibly(db_url: str) -> None:
    engine = make_vacancy(db_url, {"K03": "c", "K01": "a", "K02": "b", "K04": "d"}, {"K01": "review"})
    make_committee(engine, ("ana", "ben"))
    for who in ("ana", "ben"):
        score(engine, who, "K03", (3, 3, 3))  # two reviews
    for key in ("K01", "K02", "K04"):
        score(engine, "ana", key, (3, 3, 3))  # one review each
    with session_scope(engine) as session:
        rows = ranking(session, VACANCY, "chair").rows
    assert [r.key for r in rows] == ["K03", "K02", "K04", "K01"]
    assert [r.rank for r in rows] == [1, 2, 3, 4]
    assert rows[0].tie_break == ""
    assert "number of reviews" in rows[1].tie_break and "K03" in rows[1].tie_break
    assert "key order" in rows[2].tie_break
    assert "eligibility" in rows[3].tie_break


def test_normalisation_corrects_harsh_and_lenient_reviewers(db_url: str) -> None:
    engine = make_vacancy(db_url, {"K01": "a", "K02": "b", "K03": "c", "K04": "d"})
    make_committee(engine, ("ana", "ben"))
    score(engine, "ana", "K01", (5, 5, 5))  # lenient
    score(engine, "ana", "K02", (3, 3, 3))
    score(engine, "ben", "K03", (3, 3, 3))  # harsh: two points lower for the same relative judgement
    score(engine, "ben", "K04", (1, 1, 1))
    with session_scope(engine) as session:
        rows = {r.key: r for r in ranking(session, VACANCY, "chair").rows}
        by_norm = ranking(session, VACANCY, "chair", by_normalised=True)
    assert rows["K01"].aggregate > rows["K03"].aggregate
    assert rows["K01"].normalised == pytest.approx(rows["K03"].normalised)
    assert rows["K02"].normalised == pytest.approx(rows["K04"].normalised)
    assert rows["K01"].normalised > rows["K02"].normalised
    assert by_norm.by_normalised and {r.key for r in by_norm.rows[:2]} == {"K01", "K03"}


def test_blind_scoring_redacts_until_own_review_is_submitted(db_url: str) -> None:
    engine = make_vacancy(db_url, {"K01": "a", "K02": "b", "K03": "c"})
    make_committee(engine, ("ana", "ben"))
    key = ids(engine)
    score(engine, "ben", "K01", (1, 1, 1))
    score(engine, "ben", "K02", (5, 5, 5))
    score(engine, "ben", "K03", (3, 3, 3))
    score(engine, "ana", "K01", (2, 2, 2), submit=False)  # a draft: not counted, not revealing
    with session_scope(engine) as session:
        view = visible_scores(session, VACANCY, key["K01"], "ana")
        assert not view.visible and view.others == () and "submit" in view.reason
        assert view.own is not None and view.own.total == pytest.approx(2.0) and not view.own.submitted
        table = ranking(session, VACANCY, "ana")
        assert all(r.aggregate is None and r.rank is None and r.totals == () for r in table.rows)
        assert [r.key for r in table.rows] == ["K01", "K02", "K03"]  # key order, not score order
        chair_view = visible_scores(session, VACANCY, key["K01"], "chair")
        assert chair_view.visible and [t.reviewer for t in chair_view.others] == ["ben"]
        assert ranking(session, VACANCY, "chair").rows[0].key == "K02"
    score(engine, "ana", "K01", (2, 2, 2))
    with session_scope(engine) as session:
        view = visible_scores(session, VACANCY, key["K01"], "ana")
        assert view.visible and [t.reviewer for t in view.others] == ["ben"]
        assert view.others[0].total == pytest.approx(1.0)
        rows = ranking(session, VACANCY, "ana").rows
        assert (rows[0].key, rows[0].rank) == ("K01", 1)
        assert rows[0].aggregate == pytest.approx(1.5)
        assert [(r.key, r.rank, r.aggregate) for r in rows[1:]] == [("K02", None, None), ("K03", None, None)]
