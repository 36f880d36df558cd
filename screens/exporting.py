"""The committee's exports from the app: which ones exist, their default file names, writing one atomically."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy.engine import Engine

from jpo_tui.committee.members import Member
from jpo_tui.exports.tables import export_committee

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


def write_export(engine: Engine, vacancy_id: str, member: Member, choice: str, path: Path,
                 pseudonymise: bool = False) -> Path:
    """Export ``choice`` as ``member`` sees it (blind scoring and chair-only rules apply) to ``path``."""
    what, fmt = choice.split(":")
    data = export_committee(engine, vacancy_id, fmt, what="shortlist" if what == "slots" else what, actor=member,
                            pseudonymise=pseudonymise)
    path = path.expanduser()
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
