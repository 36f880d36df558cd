"""The list, the help and the palette as a reviewer meets them."""

from __future__ import annotations

from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.help import HelpScreen
from tests.ui.conftest import screen_text, settle


async def test_opening_an_applicant_from_the_palette_returns_to_the_list(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the first applicant
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        await pilot.press("ctrl+p", *"Hanne Willems")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen) and "Hanne Willems" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen)  # not the previous applicant


async def test_help_gives_each_screen_its_own_legend(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "● the documents name the criterion's keywords" in shown and "Scores:" not in shown
        await pilot.press("escape", "enter")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert "Scores: 0" in screen_text(app)
