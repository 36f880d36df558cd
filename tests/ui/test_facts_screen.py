"""Pilot: the single user corrects a birth date on the facts screen and eligibility changes on screen; a
re-import keeps the correction; withdrawing it brings the documents' value back; a scan is entered by hand."""

from __future__ import annotations

from pathlib import Path

from jpo_tui.core.vacancy import parse_vacancy
from jpo_tui.ingest.pipeline import import_applications
from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.applicant import ApplicantScreen
from jpo_tui.screens.facts import FactsScreen
from jpo_tui.store.db import open_database
from tests.pdfmake import scanned_pdf, text_pdf
from tests.ui.conftest import screen_text, settle, wait_for_text
from tests.unit.test_importer import P11_LINES, VACANCY

CV = ["CURRICULUM VITAE", "Camille Peeters", "Date of birth: 14/02/1996", "Nationality: Belgian",
      "camille.peeters@example.org", "PROFESSIONAL EXPERIENCE", "03/2021 - present   M&E Officer, Enabel, Brussels",
      "Led monitoring and evaluation of the programme.", "EDUCATION",
      "09/2019 - 06/2020   Master of Science in Development Economics, Ghent University",
      "LANGUAGES", "French: mother tongue", "English: fluent"]


def _import(engine, apps: Path) -> None:  # noqa: ANN001
    import_applications(engine, parse_vacancy(VACANCY), [apps], workers=1)


async def _open_facts(app: JpoApp, pilot, key: str) -> FactsScreen:  # noqa: ANN001
    from jpo_tui.screens.widgets.applicant_list import ApplicantList

    await settle(app, pilot)
    listing = app.screen.query_one(ApplicantList)
    position = next(n for n, i in enumerate(listing.order) if listing.rows[i].key == key)
    await pilot.press(*["down"] * position, "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, ApplicantScreen)
    await pilot.press("f")
    await settle(app, pilot)
    assert isinstance(app.screen, FactsScreen)
    return app.screen


async def _select(screen: FactsScreen, pilot, field: str) -> None:  # noqa: ANN001
    from textual.widgets import DataTable

    index = next(n for n, (kind, item) in enumerate(screen.rows) if kind != "doubt" and (
        getattr(item, "field", "") == field))
    screen.query_one(DataTable).move_cursor(row=index)
    await pilot.pause()


async def test_correct_birth_date_on_screen_survives_reimport_and_withdraws(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    (apps / "K001").mkdir(parents=True)
    text_pdf(apps / "K001" / "p11.pdf", P11_LINES)
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _import(engine, apps)
    app = JpoApp(engine=engine, reviewer="sam", import_workers=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_facts(app, pilot, "K001")
        shown = screen_text(app)
        assert "Facts of K001  eligible" in shown and "date_of_birth" in shown
        await _select(screen, pilot, "date_of_birth")
        assert "p11.pdf p.1 (text): «" in screen_text(app) and "14/02/1997" in screen_text(app)
        await pilot.press("e")
        await settle(app, pilot)
        assert "Evidence: K001/p11.pdf p.1 (text)" in screen_text(app)
        await pilot.press("ctrl+u", *"1980-05-01", "enter", *"passport copy", "enter")
        shown = await wait_for_text(app, pilot, "Facts of K001  ineligible")
        assert "Facts of K001  ineligible" in shown
        assert "✘ age" in shown or "age:" in shown
        await pilot.press("escape")
        shown = await wait_for_text(app, pilot, "✘ ineligible")
        assert isinstance(app.screen, ApplicantScreen) and "✘ ineligible" in shown

    text_pdf(apps / "K001" / "cv.pdf", CV)
    _import(engine, apps)  # a newer document: the hand-made birth date stays, the disagreement is said

    app = JpoApp(engine=engine, reviewer="sam", import_workers=1)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _open_facts(app, pilot, "K001")
        view = screen.view
        assert view is not None and view.status == "ineligible"
        dob = next(x for x in view.lines if x.field == "date_of_birth")
        assert dob.value == "1980-05-01" and dob.source == "hand-made by sam: passport copy"
        assert any("date_of_birth: 1997-02-14 (K001/p11.pdf) but 1996-02-14 (K001/cv.pdf)" in d
                   for d in view.disagreements)
        assert "employment: Enabel 2021-01..present (K001/p11.pdf) but Enabel 2021-03..present (K001/cv.pdf)" in (
            view.disagreements)
        assert "Documents disagree" in screen_text(app)
        await _select(screen, pilot, "date_of_birth")
        await pilot.press("w", *"wrong passport", "enter")
        shown = await wait_for_text(app, pilot, "Facts of K001  eligible")
        assert "Facts of K001  eligible" in shown and "(withdrawn)" in shown
    engine.dispose()


async def test_manual_entry_of_a_scan(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    (apps / "K009").mkdir(parents=True)
    scanned_pdf(apps / "K009" / "p11.pdf")
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _import(engine, apps)
    app = JpoApp(engine=engine, reviewer="sam", import_workers=1)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _open_facts(app, pilot, "K009")
        if screen.view is None or not screen.view.missing:
            engine.dispose()
            return  # OCR read the scan here: nothing to enter
        assert "waits for data: not assigned to reviewers" in screen_text(app)
        await pilot.press("M")
        await settle(app, pilot)
        values = ["Dupont", "Léa", "1994-03-14", "Belgium", "lea.dupont@example.org",
                  "2016-09..2018-06; master; MSc Economics; KU Leuven", "English fluent, French mother tongue",
                  "", "the scanned P11"]
        keys: list[str] = []
        for value in values:
            keys += [*value, "enter"] if value else ["enter"]
        await pilot.press(*keys)
        shown = await wait_for_text(app, pilot, "facts entered by hand")
        await settle(app, pilot)
        view = screen.view
        assert view is not None and view.missing == ()
        assert "waits for data" not in screen_text(app)
        dob = next(x for x in view.lines if x.field == "date_of_birth")
        assert dob.value == "1994-03-14" and dob.source.startswith("entered by hand by sam")
        assert "entered by hand" in shown
    engine.dispose()


async def test_duplicates_decided_in_the_app_survive_reimport(tmp_path: Path) -> None:
    from jpo_tui.screens.duplicates import DuplicatesScreen

    apps = tmp_path / "apps"
    for key in ("K001", "K001-again"):
        (apps / key).mkdir(parents=True)
        text_pdf(apps / key / "p11.pdf", P11_LINES)
    engine = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _import(engine, apps)
    app = JpoApp(engine=engine, reviewer="sam", import_workers=1)
    async with app.run_test(size=(160, 48)) as pilot:
        shown = await wait_for_text(app, pilot, "possible duplicate of K001-again")
        assert "[possible duplicate of K001-again]" in shown and "[possible duplicate of K001]" in shown
        await pilot.press("D")
        shown = await wait_for_text(app, pilot, "same name and birth date")
        assert isinstance(app.screen, DuplicatesScreen) and "K001 / K001-again" in shown and "open" in shown
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("enter")  # keep the first one offered: K001
        await settle(app, pilot)
        await pilot.press(*"applied twice", "enter")
        shown = await wait_for_text(app, pilot, "same: K001 kept")
        assert "same: K001 kept (sam)" in shown
        await pilot.press("escape")
        shown = await wait_for_text(app, pilot, "withdrawn: duplicate of K001")
        assert "[withdrawn: duplicate of K001]" in shown and "possible duplicate" not in shown
    _import(engine, apps)
    app = JpoApp(engine=engine, reviewer="sam", import_workers=1)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await wait_for_text(app, pilot, "withdrawn")
        assert "possible duplicate" not in shown
        await pilot.press("D")
        shown = await wait_for_text(app, pilot, "same: K001 kept")
        assert "same: K001 kept (sam)" in shown
    engine.dispose()
