"""UI test helpers: an app on the sample database, waiting for workers and writes, reading the screen as text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from jpo_tui.screens.app import JpoApp

IMPORT_ROOT = Path(__file__).parent / "import_root"


def screen_text(app: JpoApp) -> str:
    """What the terminal shows, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def settle(app: JpoApp, pilot) -> None:  # noqa: ANN001 - textual Pilot
    """Wait for workers, pending writes and the screen refresh."""
    for _ in range(3):
        await pilot.pause()
        # DirectoryTree's loader worker never ends: wait for the others (cancelled ones included)
        workers = [w for w in app.workers if w.name != "_loader" and not w.is_finished]
        if workers:
            await asyncio.gather(*(w.wait() for w in workers), return_exceptions=True)
        await app.flush_writes()
    await pilot.pause()


@pytest.fixture
def make_app(sample_db):  # noqa: ANN001, ANN201
    """A factory of apps on the sample database (a new App on the same file = a restart)."""

    def make(reviewer: str | None = "alice", **kwargs) -> JpoApp:
        kwargs.setdefault("import_workers", 1)
        return JpoApp(engine=sample_db.engine, reviewer=reviewer, **kwargs)

    return make


async def wait_for_text(app: JpoApp, pilot, text: str, timeout: float = 15.0) -> str:  # noqa: ANN001
    """Settle until ``text`` is on screen: a write's follow-up reload may start after a first settle returns."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        await settle(app, pilot)
        shown = screen_text(app)
        if text in shown or asyncio.get_running_loop().time() > deadline:
            return shown
        await asyncio.sleep(0.05)


async def tree_loaded(app: JpoApp, pilot) -> None:  # noqa: ANN001 - textual Pilot
    """Wait until the import screen's DirectoryTree has listed its root folder."""
    from textual.widgets import DirectoryTree

    await pilot.pause()
    tree = app.screen.query_one(DirectoryTree)
    for _ in range(200):
        if tree.root.children and not tree.loading:
            break
        await asyncio.sleep(0.01)
    await settle(app, pilot)


async def start_import(app: JpoApp, pilot):  # noqa: ANN001, ANN201 - textual Pilot; returns the ImportScreen
    """On the import screen (already open): choose the import root's applications folder and vacancy file, and
    press ``i``. Returns the import screen; a dialog it opened (a passphrase) may be on top."""
    from jpo_tui.screens.import_screen import ImportScreen

    await tree_loaded(app, pilot)
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    await pilot.press("down", "f", "down", "enter", "i")
    await settle(app, pilot)
    return screen
