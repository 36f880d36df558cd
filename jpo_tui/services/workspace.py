"""What the adapters (CLI verbs, screens) may use of the store: opening and closing the database, explaining
its errors, and the person's own preferences. Screens and CLI verbs import this, never ``jpo_tui.store``."""

from __future__ import annotations

from jpo_tui.store.db import close_engine, default_url, explain, open_database
from jpo_tui.store.preferences import (
    INTERVIEW_ZONE,
    THEME,
    last_vacancy,
    remember_vacancy,
)
from jpo_tui.store.preferences import (
    get as get_preference,
)
from jpo_tui.store.preferences import (
    put as put_preference,
)

__all__ = [
    "INTERVIEW_ZONE",
    "THEME",
    "close_engine",
    "default_url",
    "explain",
    "get_preference",
    "last_vacancy",
    "open_database",
    "put_preference",
    "remember_vacancy",
]
