"""The import screen: typing a path, climbing above the start folder, empty folders, refused-only applicants,
the list shown after importing a new vacancy, and late applications into a vacancy already imported."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DirectoryTree, Input

from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.applicants import ApplicantsScreen
from jpo_tui.screens.import_screen import ImportScreen
from jpo_tui.services import queries
from jpo_tui.store.db import open_database
from tests.ui.conftest import IMPORT_ROOT, screen_text, settle, start_import, tree_loaded, wait_for_text
from tests.ui.sample import VACANCY_TOML


async def _open_import(app: JpoApp, pilot) -> ImportScreen:  # noqa: ANN001 - textual Pilot
    await settle(app, pilot)
    if not isinstance(app.screen, ImportScreen):
        app.open_import()
    await tree_loaded(app, pilot)
    assert isinstance(app.screen, ImportScreen)
    return app.screen


async def _type_path(app: JpoApp, pilot, path: Path) -> None:  # noqa: ANN001 - textual Pilot
    await pilot.press("p")
    box = app.screen.query_one("#path", Input)
    assert app.focused is box
    box.value = ""
    await pilot.press(*str(path), "enter")
    await settle(app, pilot)


async def test_a_typed_path_leaves_the_start_folder_and_shift_left_climbs(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(IMPORT_ROOT, elsewhere)
    start = tmp_path / "start" / "deep"
    start.mkdir(parents=True)
    app = make_app(import_root=start)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_import(app, pilot)
        tree = screen.query_one(DirectoryTree)
        await pilot.press("shift+left")  # on the top folder: up to the folder above
        await settle(app, pilot)
        assert Path(tree.path) == start.parent.resolve()
        await _type_path(app, pilot, elsewhere / "applications")
        assert screen.folder == (elsewhere / "applications").resolve()
        assert Path(tree.path) == (elsewhere / "applications").resolve()  # the tree went there too
        await _type_path(app, pilot, elsewhere / "vacancy.toml")
        assert screen.vacancy_file == (elsewhere / "vacancy.toml").resolve()
        await _type_path(app, pilot, tmp_path / "no-such-thing")
        assert "no such file or folder" in screen_text(app)
        await pilot.press("escape")  # out of the path box, the screen stays
        assert isinstance(app.screen, ImportScreen) and app.focused is tree
        await pilot.press("i")
        text = await wait_for_text(app, pilot, "vacancy TEST-2026-IMPORT")
        assert "Jan Verstraeten" in text and not screen.running


async def test_after_the_first_import_the_no_vacancy_hint_is_gone(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'new.db'}")
    app = JpoApp(engine=engine, reviewer="alice", import_root=IMPORT_ROOT, import_workers=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_import(app, pilot)
        assert "holds no vacancy yet" in screen_text(app)
        await start_import(app, pilot)
        text = await wait_for_text(app, pilot, "vacancy TEST-2026-IMPORT")
        assert "holds no vacancy yet" not in text
    engine.dispose()


async def test_an_empty_folder_is_said_empty_and_imports_nothing(make_app, sample_db, tmp_path: Path) -> None:  # noqa: ANN001
    root = tmp_path / "root"
    (root / "empty").mkdir(parents=True)
    (root / "notes").mkdir()
    (root / "notes" / "notes.txt").write_text("call her back on Monday\n", encoding="utf-8")
    shutil.copy(IMPORT_ROOT / "vacancy.toml", root / "vacancy.toml")
    app = make_app(import_root=root)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_import(app, pilot)
        for folder, said in (("empty", "no files"), ("notes", "1 file(s) ignored (notes.txt")):
            await _type_path(app, pilot, root / folder)
            await _type_path(app, pilot, root / "vacancy.toml")
            await pilot.press("i")
            text = await wait_for_text(app, pilot, "nothing to import")
            flat = "".join(text.split())  # the message wraps, the long path too
            assert "".join(f"nothing to import in {root / folder}: {said}".split()) in flat, text
            assert "✔" not in text and not screen.running
        assert [v.id for v in queries.list_vacancies(sample_db.engine)] == [sample_db.vacancy_id]  # not created


async def test_an_applicant_whose_only_file_was_refused_is_marked_not_ticked(make_app) -> None:  # noqa: ANN001
    app = make_app(import_root=IMPORT_ROOT)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_import(app, pilot)
        await start_import(app, pilot)
        text = await wait_for_text(app, pilot, "vacancy TEST-2026-IMPORT")
        lines = text.splitlines()
        assert any("✔ B2000" in line and "Jan Verstraeten" in line for line in lines)
        assert any("⚠ B2001" in line and "no readable document" in line for line in lines)
        assert not any("✔ B2001" in line for line in lines)
        assert "⚠ vacancy TEST-2026-IMPORT" in text and "1 refused" in text


async def test_escape_after_importing_a_new_vacancy_shows_its_list(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app(import_root=IMPORT_ROOT)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen) and app.screen.vacancy_id == sample_db.vacancy_id
        await _open_import(app, pilot)
        await start_import(app, pilot)
        await wait_for_text(app, pilot, "vacancy TEST-2026-IMPORT")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen) and app.screen.vacancy_id == "TEST-2026-IMPORT"
        assert app.vacancy_id == "TEST-2026-IMPORT"
        assert "Jan Verstraeten" in await wait_for_text(app, pilot, "Jan Verstraeten")


async def test_late_applications_go_to_the_open_vacancy_without_its_file(make_app, sample_db, tmp_path: Path) -> None:  # noqa: ANN001
    late = tmp_path / "late"
    shutil.copytree(IMPORT_ROOT / "applications" / "B2000", late / "B2000")  # no vacancy file anywhere here
    app = make_app(import_root=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        before = len(queries.applicant_rows(sample_db.engine, sample_db.vacancy_id, None))
        screen = await _open_import(app, pilot)
        assert screen.existing == sample_db.vacancy_id
        assert f"Vacancy: {sample_db.vacancy_id}" in screen_text(app)  # chosen already: no file asked
        await _type_path(app, pilot, late)
        await pilot.press("i")
        text = await wait_for_text(app, pilot, f"vacancy {sample_db.vacancy_id}:")
        assert "✔ B2000" in text
        assert len(queries.applicant_rows(sample_db.engine, sample_db.vacancy_id, None)) == before + 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ApplicantsScreen) and app.screen.vacancy_id == sample_db.vacancy_id


async def test_v_chooses_a_vacancy_already_imported(make_app, sample_db, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "v.toml").write_text(VACANCY_TOML, encoding="utf-8")
    app = make_app(import_root=tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open_import(app, pilot)
        await _type_path(app, pilot, tmp_path / "v.toml")
        assert screen.vacancy_file is not None
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("enter")  # the picker: the only vacancy
        await settle(app, pilot)
        assert screen.vacancy_file is None and screen.existing == sample_db.vacancy_id


async def test_a_scan_and_a_refused_file_say_why_in_their_own_tab(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from jpo_tui.core.vacancy import load_vacancy
    from jpo_tui.ingest.pipeline import import_applications
    from jpo_tui.screens.applicant import ApplicantScreen
    from tests.pdfmake import scanned_pdf

    monkeypatch.setenv("JPO_NO_OCR", "1")  # a scan without OCR: no text read
    apps = tmp_path / "apps"
    shutil.copytree(IMPORT_ROOT / "applications", apps)
    (apps / "B2002").mkdir()
    scanned_pdf(apps / "B2002" / "scan.pdf")
    engine = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    spec = load_vacancy(IMPORT_ROOT / "vacancy.toml")
    import_applications(engine, spec, [apps], workers=1)
    app = JpoApp(engine=engine, reviewer="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for key, tab, why in (("B2002", "Other", "Why: no text layer"),
                              ("B2001", "Refused", "B2001/letter.pdf was not imported")):
            applicant_id = queries.applicant_id_for_key(engine, spec.id, key)
            assert applicant_id is not None
            app.screen.open_applicant_screen(applicant_id)
            await settle(app, pilot)
            assert isinstance(app.screen, ApplicantScreen)
            assert f"│ {tab} │" in screen_text(app)
            await pilot.press("l")
            text = await wait_for_text(app, pilot, why)
            assert why in text and "Why: not a PDF" in text if key == "B2001" else why in text
            side = text.split("▔" * 20)[-1]  # under the documents: the scoring pane
            assert "letter.pdf" not in side and "no text layer" not in side  # said in the tab, not down there
            await pilot.press("escape")
            await settle(app, pilot)
    engine.dispose()
