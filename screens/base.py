"""What every screen of the workbench shares: the app as its own class, and one handler for failed workers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App

    from .app import JpoApp

log = logging.getLogger("jpo_tui.screens")


def jpo_app(app: App[Any]) -> JpoApp:
    """``app`` as the workbench's own app class (its engine, member, services' caller)."""
    return cast("JpoApp", app)


def worker_failure(worker: Worker[Any]) -> str:
    """The one line shown when ``worker`` failed: what it was doing, and why."""
    from .app import refusal_text

    what = worker.description if worker.description and "(" not in worker.description else worker.name
    error = worker.error
    why = refusal_text(error) if isinstance(error, Exception) else repr(error)
    return f"Could not {what.replace('_', ' ').strip()}: {why or type(error).__name__}"


class JpoNode(DOMNode):
    """Mixin for the workbench's screens: ``self.jpo`` is the app, typed; a worker that fails is shown and logged
    (instead of leaving the screen on "loading…")."""

    @property
    def jpo(self) -> JpoApp:
        return jpo_app(self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        line = worker_failure(event.worker)
        error = event.worker.error
        log.error("%s (worker %s of %s)", line, event.worker.name, type(self).__name__,
                  exc_info=(type(error), error, error.__traceback__) if error is not None else None)
        self.app.notify(line, title="Failed", severity="error", markup=False, timeout=10)
