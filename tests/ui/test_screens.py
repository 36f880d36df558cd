"""Start-up dialogs, help, the command palette, export and the import screen."""

from __future__ import annotations

import json

from textual.widgets import Input, OptionList

from jpo_tui.committee import reviewers
from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.dialogs import ExportDialog, ReviewerDialog, VacancyPicker
from jpo_tui.screens.help import HelpScreen
from jpo_tui.screens.import_screen import ImportScreen
from jpo_tui.store import preferences
from tests.ui.conftest import IMPORT_ROOT, screen_text, settle, tree_loaded


async def test_first_run_asks_the_reviewer_and_remembers(sample_db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("JPO_REVIEWER", "os-user")
    app = JpoApp(engine=sample_db.engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewerDialog)
        box = app.screen.query_one(Input)
        assert box.value == "os-user"
        box.value = ""
        await pilot.press(*"Dr Zoë", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen)
        assert "reviewer: Dr Zoë" in screen_text(app)
    assert reviewers.remembered_reviewer() == "Dr Zoë"
    again = JpoApp(engine=sample_db.engine)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, ApplicantsScreen)
        assert again.reviewer is not None and again.reviewer.name == "Dr Zoë"


async def test_vacancy_picker_remembers_the_choice(two_vacancy_db) -> None:  # noqa: ANN001
    app = JpoApp(engine=two_vacancy_db.engine, reviewer="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, VacancyPicker)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen) and app.screen.vacancy_id == "TEST-2026-WASH"
        assert "no applicants yet" in screen_text(app)
    assert preferences.last_vacancy(str(two_vacancy_db.engine.url)) == "TEST-2026-WASH"
    again = JpoApp(engine=two_vacancy_db.engine, reviewer="alice")
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        picker = again.screen
        assert isinstance(picker, VacancyPicker)
        assert picker.query_one(OptionList).highlighted == 1  # the last choice is offered first


async def test_help_lists_every_binding(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Score the selected criterion", "Next hit", "Prev. hit", "Overall comment", "Reject"):
            assert words in text
        await pilot.press("end")  # the list scrolls
        await settle(app, pilot)
        assert "Command palette" in screen_text(app)
        listed = dict(app.screen.entries())
        assert listed["h, ←"] == "Previous document"  # the key that acts, not the side panel's idle scroll
        assert not any("Scroll Left" in action for action in listed.values())
        assert "z" not in listed  # a committee's key: not without a committee
        assert "E" in listed  # the single user owns their vacancy's rules: they may override one
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)


async def test_palette_exports_json(make_app, tmp_path) -> None:  # noqa: ANN001
    app = make_app()
    out = tmp_path / "export.json"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"export vacancy")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["candidates"]) == 10


async def test_palette_opens_an_applicant_by_name(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Hanne Willems")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        assert app.screen.detail is not None and app.screen.detail.name == "Hanne Willems"


async def test_import_screen_shows_refusals_and_opens_an_applicant(make_app) -> None:  # noqa: ANN001
    app = make_app(import_root=IMPORT_ROOT)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        app.open_import()
        await tree_loaded(app, pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        await pilot.press("i")  # nothing chosen yet: a warning, no import
        assert not screen.running
        await pilot.press("down", "f", "down", "enter")  # the applications folder, then the vacancy file
        await settle(app, pilot)
        assert screen.folder == IMPORT_ROOT / "applications"
        assert screen.vacancy_file == IMPORT_ROOT / "vacancy.toml"
        await pilot.press("i")
        await settle(app, pilot)
        text = screen_text(app)
        assert "not a PDF" in text and "✘ refused" in text
        assert "Jan Verstraeten" in text
        results = screen.query_one("#results", OptionList)
        target = next(i for i in range(results.option_count) if (results.get_option_at_index(i).id or "")
                      .startswith("applicant-"))
        results.focus()
        results.highlighted = target
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen)
        assert app.screen.detail is not None and app.screen.detail.key == "B2000"


async def test_a_shared_database_never_signs_in_the_last_person(sample_db, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """Who reviews belongs to the person: a colleague opening the same database is asked, not signed in as me."""
    monkeypatch.setenv("JPO_REVIEWER", "colleague")
    first = JpoApp(engine=sample_db.engine, reviewer="Dr Zoë")
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(first, pilot)
        first.theme = "textual-light"
        await settle(first, pilot)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "colleague-config"))  # another person, same database
    other = JpoApp(engine=sample_db.engine)
    async with other.run_test(size=(100, 30)) as pilot:
        await settle(other, pilot)
        assert isinstance(other.screen, ReviewerDialog)
        assert other.screen.query_one(Input).value == "colleague"
        assert other.theme != "textual-light"
