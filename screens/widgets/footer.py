"""A Footer that rebuilds its keys only when what it shows changes.

Textual's Footer recomposes all its keys whenever the screen's bindings are updated, which happens at every
focus change and screen switch; each rebuild mounts and styles every key again (tens of milliseconds, on the
path of opening an applicant). The keys shown change far less often: when they are the same, nothing is done.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Footer whose keys are rebuilt only when the shown bindings (key, description, enabled) differ."""

    _shown: tuple | None = None

    def _signature(self, screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:  # Footer would rebuild now
            signature = self._signature(screen)
            if self._bindings_ready and signature == self._shown:
                return
            self._shown = signature
        super().bindings_changed(screen)
