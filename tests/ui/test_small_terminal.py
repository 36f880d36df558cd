"""The workbench in an 80x24 terminal, and importing from the app into a new or another vacancy."""

from __future__ import annotations

from pathlib import Path

from textual.containers import Vertical
from textual.widgets import Input

from jpo_tui.db import open_database
from jpo_tui.screens.app import JpoApp
from jpo_tui.screens.forms import Field, FormDialog
from jpo_tui.screens.widgets.applicant_list import ApplicantList
from jpo_tui.screens.widgets.table_view import Column, TableView
from tests.ui.conftest import screen_text, settle
from tests.ui.sample import build_many


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
