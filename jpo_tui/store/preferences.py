"""A person's own choices (who they review as, the theme, the last vacancy per database, the interview time
zone and calendar organiser), kept in their own config file, never in the database that a committee shares.

The file is ``$XDG_CONFIG_HOME/jpo-tui/preferences.json`` (``~/.config/jpo-tui/`` by default). Reading a missing
or damaged file gives no preferences; a file that cannot be written is left as it was (the choice is not kept).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

REVIEWER = "reviewer"
THEME = "theme"
LAST_VACANCY = "last_vacancy"  # kept per database
INTERVIEW_ZONE = "interview_tz"
ORGANIZER = "interview_organizer"  # the e-mail an interview calendar is organised by


def config_dir() -> Path:
    """This person's jpo-tui config folder."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "jpo-tui"


def _path() -> Path:
    return config_dir() / "preferences.json"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _scope(data: dict[str, Any], database: str | None) -> dict[str, Any]:
    if database is None:
        return data
    scoped = data.get("databases")
    scoped = scoped if isinstance(scoped, dict) else {}
    entry = scoped.get(database)
    return entry if isinstance(entry, dict) else {}


def get(key: str, default: str | None = None, *, database: str | None = None) -> str | None:
    """A remembered choice (``database``: one kept for that database only), or ``default``."""
    value = _scope(_load(), database).get(key)
    return value if isinstance(value, str) else default


def put(key: str, value: str, *, database: str | None = None) -> bool:
    """Remember ``value`` under ``key``; False when the file cannot be written (the choice is then not kept)."""
    data = _load()
    if database is None:
        data[key] = value
    else:
        databases = data.get("databases")
        databases = databases if isinstance(databases, dict) else {}
        entry = databases.get(database)
        entry = entry if isinstance(entry, dict) else {}
        entry[key] = value
        databases[database] = entry
        data["databases"] = databases
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as tmp:
            json.dump(data, tmp, ensure_ascii=False, indent=1)
        os.replace(tmp.name, path)
    except OSError:
        return False
    return True


def database_name(url: str) -> str:
    """The database as the preferences name it: its URL without any password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an odd URL is still a name
        return url


def last_vacancy(url: str) -> str | None:
    """The vacancy this person last worked on in the database at ``url``."""
    return get(LAST_VACANCY, database=database_name(url))


def remember_vacancy(url: str, vacancy_id: str) -> bool:
    """Remember, for this person, that they last worked on ``vacancy_id`` in the database at ``url``."""
    return put(LAST_VACANCY, vacancy_id, database=database_name(url))
