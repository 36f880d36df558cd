"""The workbench in an 80x24 terminal, and importing from the app into a new or another vacancy."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.containers import Vertical
from textual.widgets import Input, OptionList

from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.forms import Field, FormDialog
from jpo_tui.screens.import_screen import ImportScreen
from jpo_tui.screens.signin import PassphraseDialog
from jpo_tui.screens.widgets.applicant_list import ApplicantList
from jpo_tui.screens.widgets.table_view import Column, TableView
from jpo_tui.store.db import open_database
from tests.ui.conftest import IMPORT_ROOT, screen_text, settle, start_import, tree_loaded
from tests.ui.sample import VACANCY_TOML, build_many


async def test_long_list_uses_every_row_and_never_scrolls_sideways(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'many.db'}")
    build_many(engine, 50)
    app = JpoApp(engine=engine, reviewer="alice")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        listing = app.screen.query_one(ApplicantList)
        assert listing.show_vertical_scrollbar and not listing.show_horizontal_scrollbar
        text = screen_text(app)
        assert "K000019" in text  # 20 rows under the header: no line lost to an empty sideways scrollbar
        await pilot.press("right", "right")
        assert listing.scroll_offset.x == 0
        await pilot.press("G")
        await settle(app, pilot)
        assert "K000049" in screen_text(app)
        table = TableView()
        await app.screen.mount(table)
        table.set_table([Column("key", "Key", 8), Column("name", "Name", 0)], [{} for _ in range(60)])
        await settle(app, pilot)
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
    engine.dispose()


async def test_weighted_total_stays_in_sight_while_scoring_a_short_terminal(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Weighted total: —   0/5 scored" in screen_text(app)
        for n, digit in enumerate("43521", start=1):
            await pilot.press(digit)
            await settle(app, pilot)
            assert f"{n}/5 scored" in screen_text(app)
        assert "Weighted total: 3.44 / 5" in screen_text(app)  # (4*3 + 3*2 + 5*2 + 2 + 1) / 9
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert "Weighted total: —   0/5 scored" in screen_text(app)  # the next applicant, from the top
        assert "2/10" in screen_text(app)  # the position in the list survives 80 columns


async def test_a_long_form_scrolls_to_the_focused_field(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        fields = [Field(f"f{n}", f"Field {n}, with a label long enough to wrap in a narrow terminal window")
                  for n in range(5)]
        answers: list[dict | None] = []
        app.push_screen(FormDialog("A long form", fields, hint="A hint that is long enough to need a second "
                                   "line at 80 columns, ending with the words: escape cancels."), answers.append)
        await settle(app, pilot)
        assert "escape cancels" in screen_text(app)  # hints wrap instead of being cut
        box = app.screen.query_one(".dialog", Vertical)
        for n in range(4):
            await pilot.press(*f"v{n}", "enter")
            await settle(app, pilot)
        focused = app.focused
        assert isinstance(focused, Input) and focused.id == "field-f4"
        assert box.scroll_offset.y > 0 and box.content_region.contains_region(focused.region)
        await pilot.press("enter")
        await settle(app, pilot)
    assert answers == [{"f0": "v0", "f1": "v1", "f2": "v2", "f3": "v3", "f4": ""}]


async def _import(app: JpoApp, pilot) -> ImportScreen:  # noqa: ANN001 - textual Pilot
    """Choose the import root's applications folder and vacancy file, and import them."""
    screen = await start_import(app, pilot)
    assert not screen.running and screen.vacancy_id is not None
    return screen


async def test_first_import_into_an_empty_database_then_opens_the_vacancy(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'new.db'}")
    app = JpoApp(engine=engine, reviewer="alice", import_root=IMPORT_ROOT, import_workers=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _import(app, pilot)
        assert "0 already present, 1 refused" in " ".join(screen_text(app).split())  # wraps, never cut
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen)  # not an empty screen
        assert app.screen.vacancy_id == "TEST-2026-IMPORT" and "Jan Verstraeten" in screen_text(app)
    engine.dispose()
    empty = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    app = JpoApp(engine=empty, reviewer="alice", import_root=IMPORT_ROOT, import_workers=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await tree_loaded(app, pilot)
        await pilot.press("escape")  # nothing imported, nothing to show: the app ends
        await settle(app, pilot)
        assert not app.is_running
    empty.dispose()


async def test_an_import_into_the_open_vacancy_is_searchable_at_once(make_app, tmp_path) -> None:  # noqa: ANN001
    root = tmp_path / "root"
    shutil.copytree(IMPORT_ROOT / "applications", root / "applications")
    (root / "vacancy.toml").write_text(VACANCY_TOML, encoding="utf-8")  # the open vacancy's file
    app = make_app(import_root=root)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await _import(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("slash", *"caritas")  # a word of the new applicant's CV only
        await settle(app, pilot)
        listing = app.screen.query_one(ApplicantList)
        assert [listing.rows[i].key for i in listing.order] == ["B2000"]


async def test_an_imported_applicant_of_a_committee_vacancy_opens_after_sign_in(make_app, sample_db) -> None:  # noqa: ANN001
    from jpo_tui.core.vacancy import load_vacancy
    from jpo_tui.ingest.pipeline import import_applications
    from tests.ui.committee import PASSPHRASES, make_committee

    spec = load_vacancy(IMPORT_ROOT / "vacancy.toml")
    import_applications(sample_db.engine, spec, [IMPORT_ROOT / "applications"], workers=1)
    make_committee(sample_db.engine, spec.id, reviewers=("ana",))
    app = make_app("ana", import_root=IMPORT_ROOT)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the picker: the sample vacancy, without a committee
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen) and app.member is None
        app.open_import()
        screen = await start_import(app, pilot)
        assert isinstance(app.screen, PassphraseDialog)  # importing into a committee's vacancy: members only
        await pilot.press(*PASSPHRASES["ana"], "enter")
        await settle(app, pilot)
        assert app.screen is screen and not screen.running and screen.vacancy_id == spec.id  # nothing new: listed
        results = screen.query_one("#results", OptionList)
        results.focus()
        results.highlighted = next(i for i in range(results.option_count)
                                   if results.get_option_at_index(i).id and "Verstraeten" in
                                   str(results.get_option_at_index(i).prompt))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PassphraseDialog)  # ana acts on that committee only once signed in
        assert "escape cancels" in screen_text(app)
        await pilot.press(*PASSPHRASES["ana"], "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantScreen) and app.screen.detail is not None
        assert app.screen.detail.key == "B2000"
        assert app.vacancy_id == spec.id and app.member is not None and app.member.name == "ana"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen) and app.screen.vacancy_id == spec.id


async def test_every_screen_offers_help_in_the_footer_at_80_columns(make_app, sample_db) -> None:  # noqa: ANN001
    from tests.ui.committee import PASSPHRASES, make_committee, sign_in

    make_committee(sample_db.engine, sample_db.vacancy_id)
    app = make_app("chair", import_root=IMPORT_ROOT)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(app, pilot, PASSPHRASES["chair"])
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer and "R Ranking" in footer and "u Unscored" in footer
        for key in ("enter", "escape", "R", "escape"):  # the applicant screen, then the chair's ranking
            if key != "escape":
                await pilot.press(key)
                await settle(app, pilot)
                assert "? Help" in screen_text(app).splitlines()[-1], type(app.screen).__name__
            else:
                await pilot.press(key)
                await settle(app, pilot)
        app.open_import()
        await tree_loaded(app, pilot)
        assert "? Help" in screen_text(app).splitlines()[-1]


async def test_wide_terminal_shows_whole_country_names(make_app, sample_db) -> None:  # noqa: ANN001
    from sqlmodel import select

    from jpo_tui.store import models as m
    from jpo_tui.store.db import session_scope

    with session_scope(sample_db.engine, write=True) as session:
        session.exec(select(m.Applicant).where(m.Applicant.key == "A1000")).one().nationality = (
            "Democratic Republic of the Congo")
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        assert "Democratic Republic of the Congo" in screen_text(app)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert " COD " in screen_text(app)  # too long for 80 columns: its ISO code
