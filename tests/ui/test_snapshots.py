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
