"""The chair's screens at 80x24 (issue 16): the lock says what is missing and asks again, a locked ranking no longer
offers decisions, a rank placed by hand is marked, the slot form fits and shows its refusals, the members screen
shows each one's progress and resets a passphrase."""

from __future__ import annotations

from jpo_tui.committee.decisions import DecisionChange, apply_decisions
from jpo_tui.committee.members import authenticate
from jpo_tui.screens.forms import ConfirmDialog, FormDialog
from jpo_tui.screens.members import MembersScreen
from jpo_tui.screens.widgets.table_view import TableView
from jpo_tui.store import models as m
from jpo_tui.store.db import session_scope
from tests.ui.committee import PASSPHRASES, build_reviews, open_ranking_as_chair
from tests.ui.conftest import screen_text, settle, wait_for_text

SMALL = (80, 24)


def _locked(sample_db) -> bool:  # noqa: ANN001
    with session_scope(sample_db.engine) as session:
        state = session.get(m.VacancyState, sample_db.vacancy_id)
        return bool(state and state.locked)


def _footer(app) -> str:  # noqa: ANN001
    return screen_text(app).splitlines()[-1]


async def test_lock_shows_what_is_missing_asks_again_and_then_offers_no_decision(make_app, sample_db) -> None:  # noqa: ANN001
    build_reviews(sample_db.engine, sample_db.vacancy_id)
    app = make_app("chair")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_ranking_as_chair(app, pilot)
        footer = _footer(app)
        assert "Short" in footer and "Apply" in footer
        await pilot.press("L")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = " ".join(screen_text(app).split())
        assert "Reviews are missing: lock anyway?" in text
        assert "chair: 0/8 submitted, missing A1000, A1001, A1004 +5" in text
        assert "Short of reviews: A1000 3/4, A1001 2/4, A1004 0/4 +5" in text
        assert "y: lock anyway · n / escape: keep it open" in text  # the keys are on the screen, not scrolled off
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is screen and not _locked(sample_db)
        await pilot.press("L")
        await settle(app, pilot)
        await pilot.press("y")
        shown = await wait_for_text(app, pilot, "LOCKED")
        assert _locked(sample_db)
        assert "LOCKED" in shown.splitlines()[0]  # the title says it first: never cut at 80 columns
        footer = _footer(app)
        for gone in ("Short", "Long", "Unsuitable", "Apply"):
            assert gone not in footer, footer
        assert "L lock" not in shown and "o place by hand" not in shown
        assert screen.check_action("decide", ("short_list",)) is False
        assert screen.check_action("lock", ()) is False and screen.check_action("slot", ()) is True
        await pilot.press("s", "l", "x")
        await settle(app, pilot)
        assert not screen.pending


async def test_a_rank_placed_by_hand_is_marked_and_decisions_are_not_cut(make_app, sample_db) -> None:  # noqa: ANN001
    build_reviews(sample_db.engine, sample_db.vacancy_id)
    with session_scope(sample_db.engine, write=True) as session:
        apply_decisions(session, sample_db.vacancy_id, "chair",
                        [DecisionChange("A1006", rank=2, reason="strong interview record")])
    app = make_app("chair")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_ranking_as_chair(app, pilot)
        lines = screen_text(app).splitlines()
        row = next(line for line in lines if "A1006" in line)
        assert row.lstrip().startswith("2✎")
        assert "✎ placed by hand" in screen_text(app)
        assert not any(line.lstrip().startswith(("1✎", "3✎")) for line in lines)  # only the one placed
        table = screen.query_one(TableView)
        table.cursor = [r.key for r in screen.rows].index("A1001")
        await pilot.press("x")
        await settle(app, pilot)
        assert "→not suitable*" in next(line for line in screen_text(app).splitlines() if "A1001" in line)


async def test_the_slot_form_fits_80x24_defaults_to_the_duty_station_and_shows_refusals(make_app, sample_db) -> None:  # noqa: ANN001
    from textual.widgets import Input, Label

    build_reviews(sample_db.engine, sample_db.vacancy_id)  # A1000 is interviewed 2030-05-06 10:00 Brussels
    with session_scope(sample_db.engine, write=True) as session:
        apply_decisions(session, sample_db.vacancy_id, "chair",
                        [DecisionChange("A1005", status="short_list", reason="strong despite the spread")])
    app = make_app("chair")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_ranking_as_chair(app, pilot)
        screen.query_one(TableView).cursor = [r.key for r in screen.rows].index("A1005")
        await pilot.press("t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-tz", Input).value == "Africa/Dakar"  # the sample's duty station: Dakar
        box = form.query_one(".dialog").region
        assert box.y >= 0 and box.bottom <= SMALL[1], box  # the whole form is on the screen
        for typed, expected in (("2026-01-05 10:00", "is in the past"),
                                ("2030-05-06 08:15", "overlaps the interview of A1000")):
            form.query_one("#field-at", Input).value = typed
            form.query_one("#field-at", Input).focus()
            await pilot.press("enter", "enter", "enter", "enter")
            await settle(app, pilot)
            assert app.screen is form
            error = form.query_one("#form-error", Label)
            assert error.region.bottom <= SMALL[1] and error.region.height >= 1
            assert expected in " ".join(screen_text(app).split()), expected
        form.query_one("#field-at", Input).value = "2030-05-06 09:30"  # 09:30 in Dakar is 11:30 in Brussels
        form.query_one("#field-at", Input).focus()
        await pilot.press("enter", "enter", "enter", "enter")
        shown = await wait_for_text(app, pilot, "2030-05-06 09:30 Africa/Dakar")
        assert app.screen is screen and "2030-05-06 09:30 Africa/Dakar" in shown  # the detail line


async def test_members_screen_shows_progress_and_the_chair_resets_a_passphrase(make_app, sample_db) -> None:  # noqa: ANN001
    from textual.widgets import DataTable, Input

    build_reviews(sample_db.engine, sample_db.vacancy_id)
    app = make_app("chair")
    async with app.run_test(size=SMALL) as pilot:
        await open_ranking_as_chair(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
        text = screen_text(app)
        assert "Assigned" in text and "Missing" in text
        people = app.screen.people
        ana = next(i for i, p in enumerate(people) if p.name == "ana")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=ana)
        await settle(app, pilot)
        assert f"ana: {people[ana].remaining} not submitted: " in " ".join(screen_text(app).split())
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-new", Input).value = "ana-reset-passphrase"
        app.screen.query_one("#field-again", Input).value = "ana-reset-passphrase"
        app.screen.query_one("#field-again", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
        await pilot.press("c")
        await settle(app, pilot)
        app.screen.query_one("#field-current", Input).value = PASSPHRASES["chair"]
        app.screen.query_one("#field-new", Input).value = "chair-new-passphrase"
        app.screen.query_one("#field-again", Input).value = "chair-new-passphrase"
        app.screen.query_one("#field-again", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
    with session_scope(sample_db.engine) as session:
        assert authenticate(session, sample_db.vacancy_id, "ana", "ana-reset-passphrase").name == "ana"
        assert authenticate(session, sample_db.vacancy_id, "chair", "chair-new-passphrase").is_chair
