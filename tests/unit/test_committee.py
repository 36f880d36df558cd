"""Committee members, authentication, conflicts, assignments, save-and-next, and the CLI's role checks."""

from __future__ import annotations

import pytest
from sqlmodel import select

from jpo_tui.cli.main import main
from jpo_tui.committee.assignments import (
    abstain,
    assign,
    next_for_reviewer,
    progress,
    reviewer_pool,
    skip_for_now,
)
from jpo_tui.committee.members import (
    AuthenticationError,
    ChairOnly,
    CommitteeError,
    NoCommittee,
    NotAMember,
    add_member,
    authenticate,
    bootstrap_chair,
    can_score,
    conflicts,
    declare_conflict,
    hash_passphrase,
    members,
    remove_member,
    verify_passphrase,
)
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy, score

APPLICANTS = {f"K{i:02d}": f"Applicant {i}" for i in range(1, 7)}


def test_scrypt_hash_round_trip_and_salted() -> None:
    first, second = hash_passphrase("correct horse"), hash_passphrase("correct horse")
    assert first.startswith("scrypt$") and first != second
    assert verify_passphrase("correct horse", first)
    assert not verify_passphrase("correct horsE", first)
    assert not verify_passphrase("anything", "not-a-hash")
    with pytest.raises(ValueError):
        hash_passphrase("short")


def test_bootstrap_and_authentication(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    with session_scope(engine) as session, pytest.raises(NoCommittee):
        authenticate(session, VACANCY, "chair", PASS["chair"])
    make_committee(engine)
    with session_scope(engine, write=True) as session:
        with pytest.raises(CommitteeError, match="already has a committee"):
            bootstrap_chair(session, VACANCY, "mallory", "mallory-passphrase")
        assert authenticate(session, VACANCY, "chair", PASS["chair"]).is_chair
        ana = authenticate(session, VACANCY, "ana", PASS["ana"])
        assert ana.role == "reviewer" and not ana.is_chair
        with pytest.raises(AuthenticationError):
            authenticate(session, VACANCY, "ana", PASS["ben"])
        with pytest.raises(AuthenticationError):
            authenticate(session, VACANCY, "nobody", "whatever-passphrase")
        assert [x.name for x in members(session, VACANCY)] == ["chair", "ana", "ben"]
        actions = [e.action for e in session.exec(select(m.AuditEvent))]
        assert actions.count("committee_add") == 2 and "committee_bootstrap" in actions


def test_non_member_of_this_vacancy_cannot_open_it(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_vacancy(db_url, {"X1": "Other"}, vacancy_id="OTHER-2026")
    make_committee(engine)
    with session_scope(engine, write=True) as session:
        bootstrap_chair(session, "OTHER-2026", "cy", PASS["cy"])
    with session_scope(engine) as session, pytest.raises(NotAMember):
        authenticate(session, VACANCY, "cy", PASS["cy"])


def test_only_chairs_manage_the_committee(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine)
    with session_scope(engine, write=True) as session:
        ana = authenticate(session, VACANCY, "ana", PASS["ana"])
        with pytest.raises(ChairOnly, match="only the chair"):
            add_member(session, VACANCY, ana, "cy", "reviewer", PASS["cy"])
        with pytest.raises(ChairOnly):
            remove_member(session, VACANCY, ana, "ben")
        with pytest.raises(CommitteeError, match="at least one chair"):
            remove_member(session, VACANCY, "chair", "chair")
        add_member(session, VACANCY, "chair", "ana", "chair")  # promote: no new passphrase needed
        assert authenticate(session, VACANCY, "ana", PASS["ana"]).is_chair
        add_member(session, VACANCY, "ana", "chair", "reviewer")  # the former chair, demoted
        with pytest.raises(ChairOnly):
            assign(session, VACANCY, "chair", 1)
        remove_member(session, VACANCY, "ana", "ben")
        assert [x.name for x in members(session, VACANCY)] == ["ana", "chair"]


def test_conflict_blocks_scoring_and_viewing(db_url: str) -> None:
    from jpo_tui.committee.aggregate import visible_scores

    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine)
    key = ids(engine)
    score(engine, "ben", "K01", (4, 4, 4))
    score(engine, "ana", "K01", (3, 3, 3))
    with session_scope(engine, write=True) as session:
        assert can_score(session, VACANCY, key["K01"], "ana") == (True, "")
        with pytest.raises(ValueError, match="reason"):
            declare_conflict(session, VACANCY, "ana", key["K01"], "  ")
        declare_conflict(session, VACANCY, "ana", key["K01"], "worked together at UNDP")
    with session_scope(engine) as session:
        ok, why = can_score(session, VACANCY, key["K01"], "ana")
        assert not ok and "conflict" in why
        view = visible_scores(session, VACANCY, key["K01"], "ana")
        assert not view.visible and view.own is None and view.others == ()
        assert view.submitted_reviews == 1  # ana's own review no longer counts
        assert [(c.member, c.applicant_key) for c in conflicts(session, VACANCY, "chair")] == [("ana", "K01")]
        assert conflicts(session, VACANCY, "ben") == []
        assert can_score(session, VACANCY, key["K01"], "stranger")[0] is False
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "conflict_declare")).one()
        assert event.actor == "ana" and event.applicant_key == "K01"


def test_assignment_is_balanced_and_respects_conflicts(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS, {"K06": "ineligible"})
    make_committee(engine, ("ana", "ben", "cy"))
    key = ids(engine)
    with session_scope(engine, write=True) as session:
        declare_conflict(session, VACANCY, "cy", key["K01"], "relative")
        report = assign(session, VACANCY, "chair", 2)
        assert report.added == 10 and not report.short  # 5 eligible applicants x 2
        assert max(report.load.values()) - min(report.load.values()) <= 1
        assert key["K01"] not in reviewer_pool(session, VACANCY, "cy")
        assert key["K06"] not in {a for name in ("ana", "ben", "cy", "chair")
                                  for a in reviewer_pool(session, VACANCY, name)}
        again = assign(session, VACANCY, "chair", 2)
        assert again.added == 0 and again.removed == 0
        fewer = assign(session, VACANCY, "chair", 1)
        assert fewer.removed == 5 and sum(fewer.load.values()) == 5
        everyone = assign(session, VACANCY, "chair", 0)
        assert everyone.per_applicant == 0
        assert len(reviewer_pool(session, VACANCY, "ben")) == 5
        with pytest.raises(ValueError):
            assign(session, VACANCY, "chair", 9)


def test_next_skip_abstain_and_progress(db_url: str) -> None:
    engine = make_vacancy(db_url, {"K01": "a", "K02": "b", "K03": "c"})
    make_committee(engine)
    key = ids(engine)
    score(engine, "ben", "K01", (3, 3, 3))
    score(engine, "chair", "K01", (3, 3, 3))
    score(engine, "ben", "K02", (3, 3, 3))
    with session_scope(engine, write=True) as session:
        assert next_for_reviewer(session, VACANCY, "ana") == key["K03"]  # fewest reviews first
        skip_for_now(session, VACANCY, "ana", key["K03"])
        assert next_for_reviewer(session, VACANCY, "ana") == key["K02"]
        abstain(session, VACANCY, "ana", key["K02"], "former colleague")
        assert next_for_reviewer(session, VACANCY, "ana") == key["K01"]
    score(engine, "ana", "K01", (4, 4, 4))
    with session_scope(engine, write=True) as session:
        assert next_for_reviewer(session, VACANCY, "ana") is None
        assert next_for_reviewer(session, VACANCY, "ana", include_skipped=True) == key["K03"]
        mine = {p.name: p for p in progress(session, VACANCY)}["ana"]
        assert (mine.to_review, mine.submitted, mine.skipped, mine.abstained) == (2, 1, 1, 1)
        assert mine.remaining == 1


def _cli(db: str, *args: str) -> list[str]:
    return ["--db", db, *args]


def test_cli_reviewer_cannot_act_as_chair(db_url: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    engine.dispose()
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(_cli(db_url, "committee", "add", "chair", "--role", "chair")) == 0
    monkeypatch.setenv("JPO_NEW_PASSPHRASE", PASS["ana"])
    assert main(_cli(db_url, "--reviewer", "chair", "committee", "add", "ana")) == 0
    assert "ana is a reviewer" in capsys.readouterr().out
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["ana"])
    for verb in (["committee", "add", "ben", "--role", "chair"], ["assign", "--everyone"],
                 ["decide", "K01", "--status", "short_list"], ["lock"],
                 ["slot", "K01", "--at", "2030-05-06 10:00", "--tz", "Europe/Brussels"],
                 ["export", "--format", "csv", "--what", "shortlist"]):
        assert main(_cli(db_url, "--reviewer", "ana", *verb)) == 2, verb
        assert "only the chair can" in capsys.readouterr().err
    assert main(_cli(db_url, "--reviewer", "ana", "rank")) == 0
    monkeypatch.setenv("JPO_PASSPHRASE", "wrong-passphrase")
    assert main(_cli(db_url, "--reviewer", "chair", "lock")) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])
    assert main(_cli(db_url, "--reviewer", "chair", "conflict", "declare", "K02", "--reason", "cousin")) == 0
    assert main(_cli(db_url, "--reviewer", "chair", "assign", "--per-applicant", "1")) == 0
    assert main(_cli(db_url, "--reviewer", "chair", "lock", "--incomplete")) == 0
    with session_scope(engine) as session:
        assert session.get(m.VacancyState, VACANCY).locked


def test_the_first_member_sets_their_passphrase_from_the_new_passphrase_variable(
        db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    engine.dispose()
    monkeypatch.delenv("JPO_PASSPHRASE", raising=False)
    monkeypatch.setenv("JPO_NEW_PASSPHRASE", PASS["chair"])  # the documented variable for a new passphrase
    assert main(_cli(db_url, "--reviewer", "chair", "committee", "add", "chair", "--role", "chair")) == 0
    assert "chair is the chair" in capsys.readouterr().out
    monkeypatch.delenv("JPO_NEW_PASSPHRASE")
    monkeypatch.setenv("JPO_PASSPHRASE", PASS["chair"])  # it is the chair's passphrase from now on
    assert main(_cli(db_url, "--reviewer", "chair", "committee", "list")) == 0
    monkeypatch.setenv("JPO_PASSPHRASE", "not the passphrase at all")
    assert main(_cli(db_url, "--reviewer", "chair", "committee", "list")) == 2
