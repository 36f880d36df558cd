"""What the app's committee read side lets each member see: list rows, one applicant's panel, the ranking."""

from __future__ import annotations

from jpo_tui.committee.assignments import abstain
from jpo_tui.services import queries
from jpo_tui.services import views as committee_view
from jpo_tui.store.db import session_scope
from tests.unit.committee_setup import PASS, VACANCY, ids, make_committee, make_vacancy, score

APPLICANTS = {"K1": "Ann One", "K2": "Bo Two", "K3": "Cy Three"}


def _setup(db_url: str):  # noqa: ANN202
    engine = make_vacancy(db_url, APPLICANTS)
    make_committee(engine)
    score(engine, "ben", "K1", (5, 4, 3))
    score(engine, "ana", "K2", (2, 2, 2))
    score(engine, "ben", "K2", (4, 4, 4))
    with session_scope(engine, write=True) as session:
        abstain(session, VACANCY, "ana", ids(engine)["K3"], "former colleague")
    return engine


def _rows(engine, name: str) -> dict[str, queries.ApplicantRow]:  # noqa: ANN001
    member = committee_view.sign_in(engine, VACANCY, name, PASS[name])
    reviewer_id = member.reviewer_id
    rows = queries.applicant_rows(engine, VACANCY, reviewer_id)
    return {r.key: r for r in committee_view.committee_rows(engine, VACANCY, rows, member)}


def test_context_tells_member_from_stranger(db_url: str) -> None:
    engine = make_vacancy(db_url, APPLICANTS)
    assert not committee_view.context(engine, VACANCY, "ana").has_committee
    make_committee(engine)
    ana, stranger = committee_view.context(engine, VACANCY, "ana"), committee_view.context(engine, VACANCY, "zed")
    assert (ana.has_committee, ana.is_member, ana.role) == (True, True, "reviewer")
    assert (stranger.has_committee, stranger.is_member) == (True, False)


def test_list_rows_are_redacted_until_the_viewer_submits(db_url: str) -> None:
    engine = _setup(db_url)
    ana = _rows(engine, "ana")
    assert (ana["K1"].panel, ana["K1"].panel_state, ana["K1"].reviews) == (None, "hidden", 1)  # ben's only
    assert ana["K2"].panel_state == "shown" and ana["K2"].submitted
    assert abs(ana["K2"].panel - (2.0 + 4.0) / 2) < 1e-9
    assert (ana["K3"].panel_state, ana["K3"].panel, ana["K3"].to_review) == ("conflict", None, False)
    chair = _rows(engine, "chair")
    assert chair["K1"].panel_state == "shown" and abs(chair["K1"].panel - (5 * 2 + 4 + 3) / 4) < 1e-9


def test_applicant_panel_shows_others_only_after_submitting(db_url: str) -> None:
    engine = _setup(db_url)
    known = ids(engine)
    ana = committee_view.sign_in(engine, VACANCY, "ana", PASS["ana"])
    before = committee_view.applicant_panel(engine, VACANCY, known["K1"], ana)
    assert before.can_score and not before.view.visible and before.view.others == () and before.mean is None
    after = committee_view.applicant_panel(engine, VACANCY, known["K2"], ana)
    assert [o.reviewer for o in after.view.others] == ["ben"] and after.spread == 2.0
    assert (after.submitted, after.to_review) == (1, 2)
    conflicted = committee_view.applicant_panel(engine, VACANCY, known["K3"], ana)
    assert conflicted.conflict and not conflicted.can_score and "conflict" in conflicted.refusal


def test_ranking_view_and_next_applicant(db_url: str) -> None:
    engine = _setup(db_url)
    chair = committee_view.sign_in(engine, VACANCY, "chair", PASS["chair"])
    view = committee_view.ranking_view(engine, VACANCY, chair)
    assert [r.key for r in view.ranking.rows[:2]] == ["K1", "K2"]
    assert view.conflicts == {ids(engine)["K3"]: ("ana",)} and view.members == 3
    ben = committee_view.sign_in(engine, VACANCY, "ben", PASS["ben"])
    assert committee_view.next_applicant(engine, VACANCY, ben) == ids(engine)["K3"]
