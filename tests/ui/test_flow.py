"""A reviewer's whole flow through the workbench, driven by Pilot."""

from __future__ import annotations

from sqlmodel import select

from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.widgets.applicant_list import ApplicantList
from jpo_tui.screens.widgets.document_view import DocumentView
from jpo_tui.screens.widgets.score_panel import ScorePanel
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.ui.conftest import screen_text, settle


def _scores(engine, applicant_id: int) -> dict[str, int]:  # noqa: ANN001
    with session_scope(engine) as session:
        rows = session.exec(
            select(m.Criterion.name, m.Score.value).join(m.Criterion, m.Criterion.id == m.Score.criterion_id)
            .where(m.Score.applicant_id == applicant_id)
        ).all()
    return dict(rows)


async def test_open_filter_score_next_and_restart(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen)
        assert "scored 0 / 10 · 0 shortlisted" in screen_text(app)
        await pilot.press("slash", *"monitoring and evaluation", "enter")
        await settle(app, pilot)
        listing = app.screen.query_one(ApplicantList)
        order = listing.visible_ids()
        assert 2 <= len(order) < 10  # filtered on document text
        first, second = order[0], order[1]
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ApplicantScreen) and screen.applicant_id == first

        await pilot.press("n")
        await settle(app, pilot)
        assert screen.hit_cursor == 0
        tab, hit = screen.hit_list[0]
        view = screen.query_one(DocumentView)
        assert screen.active_tab == tab >= 1 and view.current == hit
        start, end, _ = view.hits[hit]
        keywords = {k.casefold() for c in screen.criteria for k in c.keywords}
        assert view.text[start:end].casefold() in keywords
        assert view.line_of(start) >= int(view.scroll_offset.y)  # scrolled into view
        await pilot.press("n", "N")
        assert screen.hit_cursor == 0

        keys = ["4", "3", "5", "2", "1", "right_square_bracket"]  # 5 scores + move on = 6 keystrokes
        for key in keys:
            await pilot.press(key)
        await settle(app, pilot)
        assert len(keys) <= 7
        assert screen.applicant_id == second
        assert _scores(sample_db.engine, first) == {
            "Monitoring and evaluation": 4, "Gender equality": 3, "Data analysis": 5,
            "Project management": 2, "Humanitarian": 1}
        await pilot.press("escape")
        await settle(app, pilot)
        assert "scored 1 / 10" in screen_text(app)

    restarted = make_app()
    async with restarted.run_test(size=(120, 36)) as pilot:
        await settle(restarted, pilot)
        assert "scored 1 / 10" in screen_text(restarted)
        listing = restarted.screen.query_one(ApplicantList)
        listing.move_to(first)
        await pilot.press("enter")
        await settle(restarted, pilot)
        panel = restarted.screen.query_one(ScorePanel)
        assert sorted(panel.state.scores.values()) == [1, 2, 3, 4, 5]
        assert panel.total == round((4 * 3 + 3 * 2 + 5 * 2 + 2 * 1 + 1 * 1) / 9, 2)
        assert "Weighted total: 3.44 / 5" in screen_text(restarted)


async def test_fuzzy_filter_tolerates_typos_and_clears(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"fatuo ndiay")
        await settle(app, pilot)
        listing = app.screen.query_one(ApplicantList)
        names = [listing.rows[i].name for i in listing.order]
        assert names == ["Fatou Ndiaye"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(listing.order) == 10


async def test_toggles_and_sort(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        listing = app.screen.query_one(ApplicantList)
        await pilot.press("e")
        await settle(app, pilot)
        assert {listing.rows[i].status for i in listing.order} == {"eligible"}
        assert "[eligible only]" in screen_text(app)
        await pilot.press("e", "s", "s")  # key -> name -> nationality
        await settle(app, pilot)
        nationalities = [listing.rows[i].nationality for i in listing.order]
        assert nationalities == sorted(nationalities, key=str.casefold)
        await pilot.press("S")
        await settle(app, pilot)
        assert [listing.rows[i].nationality for i in listing.order][0] == "Senegal"
        await pilot.press("enter", "5", "escape")
        await settle(app, pilot)
        await pilot.press("u")
        await settle(app, pilot)
        assert len(listing.order) == 10  # one criterion scored is not "scored"


async def test_hostile_name_is_shown_literally(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "[bold red]Mallory[/b] [@click=app.quit]X" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.press("slash", *"mallory", "enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        await pilot.press("l")  # the P11 text holds "[red]Not markup[/red]" and escape codes
        await settle(app, pilot)
        text = screen_text(app)
        assert "[red]Not markup[/red]" in text
        assert "\x1b" not in text and "\x00" not in text
        assert app.is_running


async def test_comment_recommendation_and_progress(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        applicant_id = app.screen.applicant_id
        await pilot.press("c", *"solid [b]M&E[/b]", "enter", "o", *"strong file", "enter", "s")
        await settle(app, pilot)
        assert "solid [b]M&E[/b]" in screen_text(app)
        with session_scope(sample_db.engine) as session:
            review = session.exec(select(m.Review).where(m.Review.applicant_id == applicant_id)).one()
            score = session.exec(select(m.Score).where(m.Score.applicant_id == applicant_id)).one()
            actions = set(session.exec(select(m.AuditEvent.action)))
        assert (review.comment, review.recommendation) == ("strong file", "shortlist")
        assert score.comment == "solid [b]M&E[/b]" and score.value is None
        assert {"score_comment", "review_comment", "recommendation"} <= actions
        await pilot.press("escape")
        await settle(app, pilot)
        assert "1 shortlisted" in screen_text(app)


async def test_employment_entry_marked_not_relevant(make_app, sample_db) -> None:  # noqa: ANN001
    """The single user of a vacancy without a committee decides it, with a reason (asked, then audited)."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        app.screen.query_one("#form").focus()
        await pilot.press("j", "k", "t")
        await settle(app, pilot)
        await pilot.press("enter")  # no reason: refused by the dialog
        await settle(app, pilot)
        assert "Give a reason" in screen_text(app)
        await pilot.press(*"unpaid family business", "enter")
        await settle(app, pilot)
        assert "✘ not relevant" in screen_text(app)
        with session_scope(sample_db.engine) as session:
            entries = session.exec(select(m.EmploymentEntry.relevant).where(
                m.EmploymentEntry.applicant_id == app.screen.applicant_id).order_by(m.EmploymentEntry.position)).all()
            audited = session.exec(select(m.AuditEvent).where(m.AuditEvent.action == "employment_relevant")).all()
        assert entries == [False, True]
        assert len(audited) == 1 and audited[0].actor == "alice"
        assert audited[0].detail.endswith(": unpaid family business")
