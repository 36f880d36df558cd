"""Screens reload in thread workers; only the newest load may be shown.

A worker replaced by a newer one (``exclusive=True``) is cancelled but its thread runs on: when it finishes
after the newer one, its older data would overwrite the newer data on screen (a ranking shown unlocked just
after the chair locked it). Each load takes a token when it is asked for; a result is shown only if its token
is still the newest.
"""

from __future__ import annotations


class NewestLoadWins:
    """Mixin for a screen: ``token = self.new_load()`` when a load is asked for (UI thread), and
    ``self.is_newest(token)`` before showing what it loaded."""

    _newest_load = 0

    def new_load(self) -> int:
        self._newest_load += 1
        return self._newest_load

    def is_newest(self, token: int) -> bool:
        return token == self._newest_load
