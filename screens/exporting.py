"""The committee's exports from the app: which ones exist, their default file names, writing one atomically."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import Engine

from jpo_tui.committee.members import Member
from jpo_tui.core.files import write_atomic
from jpo_tui.services.acting import Login
from jpo_tui.services.exports import export

# (id "what:format", label); "slots:ics" is the interview calendar
CHOICES = (
    ("shortlist:xlsx", "Shortlist — spreadsheet (xlsx)"),
    ("shortlist:csv", "Shortlist — CSV"),
    ("slots:ics", "Interview calendar — iCalendar (ics)"),
    ("ranking:xlsx", "Ranking — spreadsheet (xlsx)"),
    ("ranking:csv", "Ranking — CSV"),
    ("sheets:xlsx", "Score sheets, one per reviewer (xlsx)"),
    ("report:xlsx", "Everything in one workbook: shortlist, ranking, sheets (xlsx)"),
    ("report:html", "Committee report (HTML)"),
    ("report:md", "Committee report (Markdown)"),
)


def default_path(vacancy_id: str, choice: str, folder: Path | None = None) -> Path:
    """``<vacancy>-<what>.<format>`` in ``folder`` (default: the working directory), safe as a file name."""
    what, fmt = choice.split(":")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", vacancy_id).strip("_") or "vacancy"
    return (folder or Path.cwd()) / f"{stem}-{'interviews' if what == 'slots' else what}.{fmt}"


def write_export(engine: Engine, vacancy_id: str, who: Member | Login, choice: str, path: Path,
                 pseudonymise: bool = False, organizer: str = "") -> Path:
    """Export ``choice`` through the export service (the rulebook decides; what is in it is what ``who`` may
    see) and write it atomically to ``path``; ``organizer``: the interview calendar's organiser e-mail."""
    what, fmt = choice.split(":")
    result = export(engine, vacancy_id, who, fmt, "shortlist" if what == "slots" else what,
                    pseudonymise=pseudonymise, destination=str(path), organizer=organizer)
    return write_atomic(path, result.data)
