"""The chair's decisions in one batch, rank overrides with reasons, interview slots, lock, eligibility overrides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee.aggregate import ranking
from jpo_tui.committee.assignments import next_for_reviewer
from jpo_tui.committee.decisions import (
    DecisionChange,
    apply_decisions,
    lock_ranking,
    override_eligibility,
    parse_slot,
    set_slot,
    slots,
    unlock_ranking,
)
from jpo_tui.committee.members import ChairOnly, RankingLocked, can_score
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy, score

NAMES = {"K01": "First", "K02": "Second", "K03": "Third", "K04": "Fourth"}


def _scored(db_url: str):  # noqa: ANN202
    engine = make_vacancy(db_url, NAMES, {"K04": "ineligible"})
    make_committee(engine)
    for key, values in {"K01": (5, 5, 5), "K02": (4, 4, 4), "K03": (2, 2, 2), "K04": (3, 3, 3)}.items():
        score(engine, "ana", key, values)
    return engine


def _statuses(engine) -> dict[str, str]:  # noqa: ANN001
    with session_scope(engine) as session:
        return {a.key: d.status for d, a in session.exec(
            select(m.Decision, m.Applicant).join(m.Applicant, m.Applicant.id == m.Decision.applicant_id))}


def test_batch_applies_together_with_audit(db_url: str) -> None:
    engine = _scored(db_url)
    with session_scope(engine, write=True) as session:
        done = apply_decisions(session, VACANCY, "chair", [
            DecisionChange("K01", "short_list"), DecisionChange("K02", "long_list"),
            DecisionChange("K03", "not_suitable")])
    assert len(done) == 3
    assert _statuses(engine) == {"K01": "short_list", "K02": "long_list", "K03": "not_suitable"}
    with session_scope(engine) as session:
        events = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "decision")).all()
    assert sorted(e.applicant_key for e in events) == ["K01", "K02", "K03"]
    assert all(e.actor == "chair" for e in events)


def test_invalid_change_refuses_the_whole_batch(db_url: str) -> None:
    engine = _scored(db_url)
    with pytest.raises(ValueError, match="NOPE"), session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list"),
                                                     DecisionChange("NOPE", "short_list")])
    assert _statuses(engine) == {}
    with pytest.raises(ChairOnly), session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "ana", [DecisionChange("K01", "short_list")])


def test_going_against_the_ranking_needs_a_reason(db_url: str) -> None:
    engine = _scored(db_url)
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "long_list")])
    with pytest.raises(ValueError, match="goes against the ranking"), session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K03", "short_list")])
    with pytest.raises(ValueError, match="ineligible"), session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K04", "long_list")])
    with pytest.raises(ValueError, match="by hand needs a reason"), session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K03", rank=1)])
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [
            DecisionChange("K03", "short_list", reason="field experience the scores miss", rank=1)])
    with session_scope(engine) as session:
        rows = ranking(session, VACANCY, "chair").rows
        reviewer_rows = ranking(session, VACANCY, "ana").rows
    assert rows[0].key == "K03" and rows[0].rank == 1
    assert "placed at 1 by the chair (computed 4)" in rows[0].override and "field experience" in rows[0].override
    assert [r.key for r in reviewer_rows][:3] == ["K01", "K02", "K04"]  # overrides are the chair's view


def test_slots_time_zones_and_clock_changes(db_url: str) -> None:
    engine = _scored(db_url)
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list")])
        with pytest.raises(ValueError, match="short list"):
            set_slot(session, VACANCY, "chair", "K02", "2030-05-06 10:00", "Europe/Brussels")
        with pytest.raises(ValueError, match="time zone"):
            set_slot(session, VACANCY, "chair", "K01", "2030-05-06 10:00", "Mars/Olympus")
        with pytest.raises(ValueError, match="does not exist"):
            set_slot(session, VACANCY, "chair", "K01", "2026-03-29 02:30", "Europe/Brussels")
        with pytest.raises(ChairOnly):
            set_slot(session, VACANCY, "ana", "K01", "2030-05-06 10:00", "Europe/Brussels")
        set_slot(session, VACANCY, "chair", "K01", "2030-05-06 10:00", "Europe/Brussels", minutes=45)
    with session_scope(engine) as session:
        (slot,) = slots(session, VACANCY)
    assert slot.key == "K01" and slot.minutes == 45
    assert slot.start.astimezone(UTC) == datetime(2030, 5, 6, 8, 0, tzinfo=UTC)  # CEST is UTC+2
    assert parse_slot("2026-12-01T10:00", "America/New_York").utcoffset().total_seconds() == -5 * 3600


def test_lock_stops_scores_and_decisions(db_url: str) -> None:
    engine = _scored(db_url)
    key = ids(engine)
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list")])
        with pytest.raises(ChairOnly):
            lock_ranking(session, VACANCY, "ana")
        lock_ranking(session, VACANCY, "chair", incomplete_ok=True)
    with session_scope(engine, write=True) as session:
        ok, why = can_score(session, VACANCY, key["K02"], "ben")
        assert not ok and "locked" in why
        assert next_for_reviewer(session, VACANCY, "ben") is None
        with pytest.raises(RankingLocked):
            apply_decisions(session, VACANCY, "chair", [DecisionChange("K02", "short_list")])
        set_slot(session, VACANCY, "chair", "K01", "2030-05-06 10:00", "Europe/Brussels")  # logistics still
    with session_scope(engine, write=True) as session:
        with pytest.raises(ValueError, match="reason"):
            unlock_ranking(session, VACANCY, "chair", " ")
        unlock_ranking(session, VACANCY, "chair", "a score was entered on the wrong applicant")
        assert can_score(session, VACANCY, key["K02"], "ben") == (True, "")


def test_eligibility_override_is_chair_only_and_audited(db_url: str) -> None:
    engine = _scored(db_url)
    with session_scope(engine, write=True) as session:
        with pytest.raises(ChairOnly):
            override_eligibility(session, VACANCY, "ana", "K04", "degree", "pass", "equivalent degree")
        override_eligibility(session, VACANCY, "chair", "K04", "degree", "pass", "equivalent degree")
        row = session.exec(select(m.EligibilityOverride)).one()
        assert (row.rule, row.status, row.by) == ("degree", "pass", "chair")
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "eligibility_override")).one()
        assert event.applicant_key == "K04"


def test_cli_decide_slot_and_rank(db_url: str, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    engine = _scored(db_url)
    engine.dispose()
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    base = ["--db", db_url, "--reviewer", "chair"]
    assert main([*base, "decide", "K01", "--status", "short_list"]) == 0
    assert main([*base, "decide", "K02", "--status", "long_list"]) == 0
    assert main([*base, "decide", "K03", "--status", "short_list"]) == 2
    assert "goes against the ranking" in capsys.readouterr().err
    assert main([*base, "slot", "K01", "--at", "2030-05-06 10:00", "--tz", "Europe/Brussels"]) == 0
    assert "K01: interview 2030-05-06 10:00 Europe/Brussels" in capsys.readouterr().out
    assert main([*base, "rank"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "K0" in line]
    assert lines[0].split()[:2] == ["1", "K01"] and "short_list" in lines[0] and "long_list" in lines[1]
    assert main([*base, "lock", "--incomplete"]) == 0
    assert main([*base, "decide", "K01", "--status", "long_list"]) == 2
    assert "locked" in capsys.readouterr().err


def test_rank_by_hand_stays_within_the_ranking(db_url: str) -> None:
    engine = _scored(db_url)
    with session_scope(engine) as session:
        shown = sum(r.visible for r in ranking(session, VACANCY, "chair").rows)
    with pytest.raises(ValueError, match=rf"outside 1\.\.{shown}"), session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K03", rank=shown + 1, reason="why not")])
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K03", rank=shown, reason="last on purpose")])


def test_a_conflicted_chair_sets_no_slot(db_url: str) -> None:
    from jpo_tui.committee.members import ConflictOfInterest, declare_conflict

    engine = _scored(db_url)
    with session_scope(engine, write=True) as session:
        apply_decisions(session, VACANCY, "chair", [DecisionChange("K01", "short_list")])
        declare_conflict(session, VACANCY, "chair", ids(engine)["K01"], "my cousin")
    with pytest.raises(ConflictOfInterest), session_scope(engine, write=True) as session:
        set_slot(session, VACANCY, "chair", "K01", "2030-05-06 10:00", "Europe/Brussels")
    assert slots_of(engine) == []


def slots_of(engine) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return slots(session, VACANCY)
