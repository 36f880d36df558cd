"""The committee's rules as the app shows them: sign-in, blind scoring, conflicts, the chair's screens."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, OptionList

from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.forms import ChoiceDialog, FormDialog
from jpo_tui.screens.members import MembersScreen
from jpo_tui.screens.signin import ClosedDialog, PassphraseDialog
from jpo_tui.screens.widgets.applicant_list import ApplicantList
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.ui.committee import (
    PASSPHRASES,
    key_ids,
    make_committee,
    open_ranking_as_chair,
    reviewer,
    score_and_submit,
    sign_in,
)
from tests.ui.conftest import screen_text, settle

BEN = (1, 0, 1, 0, 1)  # ben's distinctive review of the first applicant


def _messages(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


async def _open(app, pilot, applicant_id: int) -> ApplicantScreen:  # noqa: ANN001
    app.screen.query_one(ApplicantList).move_to(applicant_id)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, ApplicantScreen) and app.screen.applicant_id == applicant_id
    return app.screen


async def test_non_member_cannot_open_and_three_wrong_passphrases_close(make_app, sample_db) -> None:  # noqa: ANN001
    make_committee(sample_db.engine, sample_db.vacancy_id)
    app = make_app("mallory")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ClosedDialog)
        assert "mallory is not on the committee" in screen_text(app)
        assert not any(isinstance(s, ApplicantsScreen) for s in app.screen_stack)
    app = make_app("ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, PassphraseDialog)
        for n in range(3):
            await pilot.press(*f"wrong guess {n}", "enter")
            await settle(app, pilot)
            if n < 2:
                assert f"{2 - n} tr" in screen_text(app)
        assert isinstance(app.screen, ClosedDialog)
        assert "3 wrong passphrases for ana" in screen_text(app)
        assert app.member is None
        await pilot.press("r")  # another try under a name: the reviewer dialog, then the passphrase again
        await settle(app, pilot)
        await pilot.press("enter")
        await sign_in(app, pilot, PASSPHRASES["ana"])
        assert isinstance(app.screen, ApplicantsScreen) and app.member.name == "ana"


async def test_reviewer_sees_no_other_score_before_submitting(make_app, sample_db) -> None:  # noqa: ANN001
    engine, vacancy_id = sample_db.engine, sample_db.vacancy_id
    make_committee(engine, vacancy_id)
    first = key_ids(engine, vacancy_id)["A1000"]
    score_and_submit(engine, vacancy_id, "ben", first, BEN)
    app = make_app("ana")
    async with app.run_test(size=(160, 48)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["ana"])
        listing = app.screen.query_one(ApplicantList)
        row = next(r for r in listing.rows if r.id == first)
        assert (row.panel, row.panel_state) == (None, "hidden")
        for _ in range(len(app.screen.model.sorts()) - 1):  # sort by the Panel column: nothing moves
            await pilot.press("s")
        await settle(app, pilot)
        assert app.screen.model.filters.sort == "panel"
        assert [listing.rows[i].key for i in listing.order] == sorted(r.key for r in listing.rows)
        screen = await _open(app, pilot, first)
        assert screen.panel is not None and not screen.panel.view.visible and screen.panel.view.others == ()
        text = screen_text(app)
        assert "Others' scores stay hidden until you submit your own review" in text
        assert "ben" not in text and "0.56" not in text  # ben's weighted total
        await pilot.press("3", "3", "3", "3", "3", "S")
        await settle(app, pilot)
        assert screen.applicant_id != first
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert screen.applicant_id == first
        assert [o.reviewer for o in screen.panel.view.others] == ["ben"]
        text = screen_text(app)
        assert "ben" in text and "[1 0 1 0 1]" in text


async def test_conflicted_reviewer_cannot_score(make_app, sample_db) -> None:  # noqa: ANN001
    engine, vacancy_id = sample_db.engine, sample_db.vacancy_id
    make_committee(engine, vacancy_id)
    target = key_ids(engine, vacancy_id)["A1001"]
    app = make_app("ana")
    async with app.run_test(size=(160, 48)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["ana"])
        screen = await _open(app, pilot, target)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter")  # a conflict needs a reason
        assert "needs a reason" in screen_text(app)
        await pilot.press(*"[b]cousin[/b]", "enter")
        await settle(app, pilot)
        assert screen.applicant_id != target  # abstaining moves on
        await pilot.press("escape")
        await settle(app, pilot)
        screen = await _open(app, pilot, target)
        # the key and the fact of the conflict, nothing else: no name, no form, no documents, no panel
        assert screen.conflict_only is not None and screen.detail is None and screen.panel is None
        text = screen_text(app)
        assert "A1001" in text and "conflict of interest declared" in text
        assert not screen.query_one("#body").display
        await pilot.press("4", "S")
        await settle(app, pilot)
        assert any("conflict of interest" in msg for msg in _messages(app))
        await pilot.press("escape")
        await settle(app, pilot)
        assert "conflict — hidden" in screen_text(app)  # the list row too
    with session_scope(engine) as session:
        ana = reviewer(engine, "ana").id
        assert session.exec(select(m.Score).where(m.Score.reviewer_id == ana)).all() == []
        review = session.exec(select(m.Review).where(m.Review.reviewer_id == ana)).one()
        conflict = session.exec(select(m.Conflict).where(m.Conflict.reviewer_id == ana)).one()
    assert review.abstained and review.submitted_at is None and conflict.reason == "[b]cousin[/b]"


async def test_reviewer_sees_a_redacted_ranking_and_is_refused_the_chairs_actions(make_app, sample_db) -> None:  # noqa: ANN001
    """As ``jpo-tui rank`` does, the app shows a reviewer the ranking redacted by blind scoring; the chair's
    actions (decide, lock, override) are refused with the rulebook's one line."""
    from jpo_tui.screens.ranking import RankingScreen

    make_committee(sample_db.engine, sample_db.vacancy_id)
    app = make_app("ben")
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["ben"])
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, RankingScreen)
        assert app.screen.view is not None and not any(r.visible for r in app.screen.view.ranking.rows)
        await pilot.press("L", "y")
        await settle(app, pilot)
        assert any("only the chair can lock the ranking" in msg for msg in _messages(app))
        await pilot.press("escape")
        await settle(app, pilot)
        await _open(app, pilot, key_ids(sample_db.engine, sample_db.vacancy_id)["A1004"])
        await pilot.press("E")  # the chair's eligibility override: asked, then refused by the service
        await settle(app, pilot)
        await pilot.press("enter")  # the first rule
        await settle(app, pilot)
        await pilot.press("enter")  # pass
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"a reason", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        assert any("only the chair can override eligibility" in msg for msg in _messages(app))


async def test_chair_overrides_eligibility_adds_a_member_and_assigns(make_app, sample_db) -> None:  # noqa: ANN001
    engine, vacancy_id = sample_db.engine, sample_db.vacancy_id
    make_committee(engine, vacancy_id)
    app = make_app("chair")
    async with app.run_test(size=(160, 48)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["chair"])
        assert "Ranking" in screen_text(app)
        await _open(app, pilot, key_ids(engine, vacancy_id)["A1004"])
        await pilot.press("E")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        options = app.screen.query_one(OptionList)
        options.highlighted = next(i for i in range(options.option_count)
                                   if options.get_option_at_index(i).id == "experience")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("enter")  # pass
        await settle(app, pilot)
        await pilot.press(*"UN volunteer years count", "enter")
        await settle(app, pilot)
        assert "overridden to pass by chair: UN volunteer years count" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("ctrl+p", *"committee members")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press(*"Dee", "enter", "enter", *"dee-passphrase", "enter")
        await settle(app, pilot)
        assert "Dee" in screen_text(app)
        await pilot.press("k")
        await settle(app, pilot)
        app.screen.query_one(Input).value = "2"
        await pilot.press("enter")
        await settle(app, pilot)
    with session_scope(engine) as session:
        with_reviewers = session.exec(select(m.Assignment.applicant_id)).all()
        override = session.exec(select(m.EligibilityOverride)).one()
        dee = session.exec(select(m.CommitteeMember).join(m.Reviewer).where(m.Reviewer.name == "Dee")).one()
    assert (override.rule, override.status, override.by) == ("experience", "pass", "chair")
    assert dee.role == "reviewer"
    counts = {aid: with_reviewers.count(aid) for aid in with_reviewers}
    assert counts and set(counts.values()) == {2}


async def test_chair_places_an_applicant_by_hand_with_a_reason(make_app, sample_db) -> None:  # noqa: ANN001
    engine, vacancy_id = sample_db.engine, sample_db.vacancy_id
    make_committee(engine, vacancy_id)
    ids = key_ids(engine, vacancy_id)
    for name, values in (("ana", (5, 5, 5, 5, 5)), ("ben", (4, 4, 4, 4, 4))):
        score_and_submit(engine, vacancy_id, name, ids["A1000"], values)
    score_and_submit(engine, vacancy_id, "ana", ids["A1001"], (1, 1, 1, 1, 1))
    app = make_app("chair")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ranking_as_chair(app, pilot)
        assert [r.key for r in screen.rows[:2]] == ["A1000", "A1001"]
        # short-listing the second but not the first, after deciding the first "not suitable", needs a reason
        await pilot.press("x", "s", "A")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog) and "give a reason" in app.screen.hint
        await pilot.press(*"interview showed more", "enter")
        await settle(app, pilot)
        with session_scope(engine) as session:
            assert session.get(m.Decision, ids["A1001"]).reason == "interview showed more"
        screen.query_one("#ranking").cursor = 1
        await pilot.press("o")
        await settle(app, pilot)
        app.screen.query_one("#field-rank", Input).value = "1"
        await pilot.press("enter", *"strongest interview", "enter", "A")
        await settle(app, pilot)
        assert [r.key for r in screen.rows[:2]] == ["A1001", "A1000"]
        screen.query_one("#ranking").cursor = 0
        await settle(app, pilot)
        assert "placed at 1 by the chair (computed 2): strongest interview" in screen_text(app)


async def test_import_screen_refuses_a_committee_vacancy_to_a_non_member(make_app, sample_db) -> None:  # noqa: ANN001
    from jpo_tui.core.vacancy import load_vacancy
    from jpo_tui.store.writes import upsert_vacancy
    from tests.ui.conftest import IMPORT_ROOT, start_import

    spec = load_vacancy(IMPORT_ROOT / "vacancy.toml")
    with session_scope(sample_db.engine, write=True) as session:
        upsert_vacancy(session, spec)
    make_committee(sample_db.engine, spec.id)
    app = make_app("alice", import_root=IMPORT_ROOT)  # alice is on no committee; the open vacancy has none
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        app.open_import()
        screen = await start_import(app, pilot)
        assert "alice is not on the committee of vacancy TEST-2026-IMPORT: only its members import into it" in " ".join(
            screen_text(app).split())
        assert not screen.running
    with session_scope(sample_db.engine) as session:
        imported = session.exec(select(m.Applicant).where(m.Applicant.vacancy_id == spec.id)).all()
    assert imported == []


async def test_an_older_ranking_load_landing_late_does_not_overwrite_a_newer_one(make_app, sample_db) -> None:  # noqa: ANN001
    from jpo_tui.committee.decisions import lock_ranking
    from tests.ui.conftest import wait_for_text

    make_committee(sample_db.engine, sample_db.vacancy_id)
    app = make_app("chair")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_ranking_as_chair(app, pilot)
        assert screen.view is not None and not screen.view.ranking.locked
        unlocked, older = screen.view, screen.new_load()  # a load asked for before the lock...
        with session_scope(sample_db.engine, write=True) as session:
            lock_ranking(session, sample_db.vacancy_id, "chair", incomplete_ok=True)
        screen.load()
        assert "locked" in await wait_for_text(app, pilot, "locked")
        screen._loaded(unlocked, screen.criteria, older)  # ...whose thread finishes after the newer one
        await settle(app, pilot)
        assert "locked" in screen_text(app) and screen.view.ranking.locked


async def test_not_relevant_is_the_chairs_decision_with_a_reason(make_app, sample_db) -> None:  # noqa: ANN001
    """A reviewer's ``t`` is refused with the rulebook's reason (they propose it in a comment); the chair's asks a
    reason, then eligibility is recomputed and the reason is on the trail."""
    make_committee(sample_db.engine, sample_db.vacancy_id)
    target = key_ids(sample_db.engine, sample_db.vacancy_id)["A1000"]

    def relevant() -> list[bool]:
        with session_scope(sample_db.engine) as session:
            return list(session.exec(select(m.EmploymentEntry.relevant).where(
                m.EmploymentEntry.applicant_id == target).order_by(m.EmploymentEntry.position)))

    before = relevant()
    app = make_app("ana")
    async with app.run_test(size=(160, 48)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["ana"])
        await _open(app, pilot, target)
        app.screen.query_one("#form").focus()
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)  # no reason asked: refused at once
        assert any("only the chair can mark an employment entry not relevant" in msg for msg in _messages(app))
    assert relevant() == before
    app = make_app("chair")
    async with app.run_test(size=(160, 48)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await _open(app, pilot, target)
        app.screen.query_one("#form").focus()
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"family business", "enter")
        await settle(app, pilot)
    assert relevant() == [not before[0], *before[1:]]
    with session_scope(sample_db.engine) as session:
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "employment_relevant")).one()
    assert event.actor == "chair" and event.detail.endswith(": family business")
