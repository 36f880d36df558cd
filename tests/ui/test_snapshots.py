"""SVG snapshots of the list, the applicant screen and the import screen at 80x24 and 160x48.

Update the baselines with ``pytest tests/ui/test_snapshots.py --snapshot-update`` and review the diff.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import IMPORT_ROOT, settle, tree_loaded

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.mark.parametrize("size", SIZES)
def test_applicants_list(snap_compare, make_app, size) -> None:  # noqa: ANN001
    app = make_app()

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(app, pilot)
        await pilot.press("down", "down")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_applicant_screen(snap_compare, make_app, size) -> None:  # noqa: ANN001
    app = make_app()

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("4", "3", "n", "n")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_applicant_form(snap_compare, make_app, size) -> None:  # noqa: ANN001
    app = make_app()

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [*SIZES, pytest.param((200, 60), id="200x60")])
def test_import_screen(snap_compare, make_app, size) -> None:  # noqa: ANN001
    app = make_app(import_root=IMPORT_ROOT)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(app, pilot)
        app.open_import()
        await tree_loaded(app, pilot)
        await pilot.press("down", "f", "down", "enter")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_applicant_screen_light_theme(snap_compare, make_app) -> None:  # noqa: ANN001
    app = make_app()

    async def run_before(pilot) -> None:  # noqa: ANN001
        app.theme = "textual-light"
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("5", "n")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_ranking_screen(snap_compare, make_app, sample_db, size) -> None:  # noqa: ANN001
    from tests.ui.committee import PASSPHRASES, build_reviews, sign_in

    build_reviews(sample_db.engine, sample_db.vacancy_id)
    app = make_app("chair")

    async def run_before(pilot) -> None:  # noqa: ANN001
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.press("j", "l")  # a pending "long list" on the second row, the cursor on the third
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


CHAIR_SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((200, 60), id="200x60")]


def _chair_app(make_app, sample_db, *, lock: bool = False):  # noqa: ANN001, ANN202
    """The sample committee's reviews, A1006 placed at 2 by hand, A1005 short-listed (optionally locked)."""
    from jpo_tui.committee.decisions import DecisionChange, apply_decisions, lock_ranking
    from jpo_tui.store.db import session_scope
    from tests.ui.committee import build_reviews

    build_reviews(sample_db.engine, sample_db.vacancy_id)
    with session_scope(sample_db.engine, write=True) as session:
        apply_decisions(session, sample_db.vacancy_id, "chair", [
            DecisionChange("A1006", rank=2, reason="strong interview record"),
            DecisionChange("A1005", status="short_list", reason="strong despite the spread"),
            DecisionChange("A1002", status="not_suitable", reason="no evaluation experience")])
        if lock:
            lock_ranking(session, sample_db.vacancy_id, "chair", incomplete_ok=True)
    return make_app("chair")


@pytest.mark.parametrize("size", CHAIR_SIZES)
def test_ranking_locked(snap_compare, make_app, sample_db, size) -> None:  # noqa: ANN001
    from tests.ui.committee import PASSPHRASES, sign_in

    app = _chair_app(make_app, sample_db, lock=True)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await pilot.press("R")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", CHAIR_SIZES)
def test_lock_dialog(snap_compare, make_app, sample_db, size) -> None:  # noqa: ANN001
    from tests.ui.committee import PASSPHRASES, sign_in

    app = _chair_app(make_app, sample_db)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.press("L")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", CHAIR_SIZES)
def test_slot_dialog_refusal(snap_compare, make_app, sample_db, size) -> None:  # noqa: ANN001
    from textual.widgets import Input

    from jpo_tui.screens.widgets.table_view import TableView
    from tests.ui.committee import PASSPHRASES, sign_in

    app = _chair_app(make_app, sample_db)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await pilot.press("R")
        await settle(app, pilot)
        screen = app.screen
        screen.query_one(TableView).cursor = [r.key for r in screen.rows].index("A1005")
        await pilot.press("t")
        await settle(app, pilot)
        field = app.screen.query_one("#field-at", Input)
        field.value = "2030-05-06 08:15"  # 10:15 in Brussels: during A1000's interview
        field.focus()
        await pilot.press("enter", "enter", "enter", "enter")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", CHAIR_SIZES)
def test_members_progress(snap_compare, make_app, sample_db, size) -> None:  # noqa: ANN001
    from tests.ui.committee import PASSPHRASES, sign_in

    app = _chair_app(make_app, sample_db)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await sign_in(app, pilot, PASSPHRASES["chair"])
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        for _ in range(100):  # the members' progress is loaded by a worker
            if app.screen.people:
                break
            await settle(app, pilot)
        await pilot.press("down")
        await settle(app, pilot)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
