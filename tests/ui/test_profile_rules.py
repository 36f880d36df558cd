"""The applicant screen says which donor rule profile and which of the vacancy file's overrides applied."""

from __future__ import annotations

from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.store.db import session_scope
from jpo_tui.store.writes import upsert_vacancy
from tests.ui.conftest import screen_text, settle
from tests.ui.sample import VACANCY_TOML


async def test_the_applicant_screen_names_the_profile_and_overrides(sample_db, make_app) -> None:  # noqa: ANN001
    start, end = VACANCY_TOML.index("[eligibility]"), VACANCY_TOML.index("[[criteria]]")
    toml = VACANCY_TOML[:start] + '[eligibility]\nprofile = "belgium"\nmax_age = 30\n\n' + VACANCY_TOML[end:]
    with session_scope(sample_db.engine, write=True) as session:
        upsert_vacancy(session, parse_vacancy(toml, "vacancy.toml"))
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        shown = screen_text(app)
        assert "Rules of profile 'belgium'" in shown
        assert "the vacancy file overrides max_age" in shown
